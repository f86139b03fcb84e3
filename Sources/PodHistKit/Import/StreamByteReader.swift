import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a stream that may pause for as long as it likes (a pipe from `kubectl get -w`): each
/// read returns what has arrived (at least one byte) instead of waiting for a full buffer, tells
/// `onWait` before it waits for more (so what was parsed can be handed on), and ends early when
/// `stop()` is called (SIGINT), as if the stream had ended.
public final class StreamByteReader: ByteReader, @unchecked Sendable {
  let fd: Int32
  let name: String
  private let lock = NSLock()
  private var stopped = false
  private var pushedBack: [UInt8] = []
  private var drainedAfterStop = 0
  /// At most this much of what had already arrived is read after `stop()`.
  static let drainLimit = 1 << 20
  /// Called on the reading thread when no byte is available and the read is about to wait.
  public var onWait: (() throws -> Void)?

  /// A reader of the open descriptor `fd`; `name` (`-`) is what read errors cite.
  public init(fd: Int32, name: String) { self.fd = fd; self.name = name }

  /// Makes the reader end: a read waiting or to come returns the end of the input.
  public func stop() { lock.lock(); stopped = true; lock.unlock() }

  /// Whether `stop()` was called.
  public var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

  /// Bytes that the next reads return before the descriptor's (a peeked prefix).
  public func unread(_ bytes: [UInt8]) { pushedBack = bytes + pushedBack }

  /// Whether a byte can be read now without waiting (or the input has ended).
  public func hasMoreNow() -> Bool { !pushedBack.isEmpty || poll(timeout: 0) }

  private func poll(timeout: Int32) -> Bool {
    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return Glibc.poll(&p, 1, timeout) > 0
  }

  /// What has arrived, up to `maxCount` bytes, waiting for at least one; empty at the end of the
  /// input or once stopped.
  public func read(maxCount: Int) throws -> [UInt8] {
    if !pushedBack.isEmpty {
      let n = min(maxCount, pushedBack.count)
      defer { pushedBack.removeFirst(n) }
      return Array(pushedBack[..<n])
    }
    if !poll(timeout: 0) { try onWait?() }
    while true {
      if isStopped {
        // What had arrived when it was stopped is still read (a bounded amount), not what comes after.
        guard drainedAfterStop < StreamByteReader.drainLimit, poll(timeout: 0) else { return [] }
        break
      }
      if poll(timeout: 100) { break }
    }
    var buffer = [UInt8](repeating: 0, count: max(1, min(maxCount, 1 << 20)))
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n >= 0 {
        if isStopped { drainedAfterStop += n }
        return Array(buffer[..<n])
      }
      if errno == EINTR { continue }
      throw ImportError.unreadable(source: name, reason: "cannot read: \(String(cString: strerror(errno)))")
    }
  }
}
