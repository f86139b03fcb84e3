import Foundation

/// SIGINT and SIGTERM as a request to stop: while `body` runs, either signal calls `stop` (on
/// another thread) instead of ending the process; the default actions come back afterwards.
enum SignalStop {
  /// Runs `body` with SIGINT and SIGTERM calling `stop`.
  static func run<T>(stop: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
    var sources: [any DispatchSourceSignal] = []
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler { stop() }
      source.resume()
      sources.append(source)
    }
    defer {
      for s in sources { s.cancel() }
      signal(SIGINT, SIG_DFL); signal(SIGTERM, SIG_DFL)
    }
    return try body()
  }
}
