import Foundation

/// kubectl's STATUS column as a value: the shapes printPod prints (docs/kubernetes-semantics.md
/// §3) — a reason (`CrashLoopBackOff`, `Running`), a terminated container's `ExitCode:N` or
/// `Signal:N`, and the init containers' `Init:N/M` or `Init:` + any of those. Reading a text and
/// printing the value give the text back, byte for byte (a word podhist does not know is kept
/// as written in `other`).
public indirect enum KubectlStatus: Sendable, Hashable, CustomStringConvertible {
  /// A STATUS word podhist knows.
  case reason(StatusReason)
  /// `ExitCode:N`: a container terminated with no reason and no signal.
  case exitCode(Int)
  /// `Signal:N`: a container terminated by signal N with no reason.
  case signal(Int)
  /// `Init:N/M`: N of M init containers done.
  case initProgress(done: Int, of: Int)
  /// `Init:` + the STATUS of the init container that stops the pod (`Init:CrashLoopBackOff`).
  case initContainer(KubectlStatus)
  /// A word podhist does not know (`OutOfnvidia.com/gpu`, a future reason), as printed.
  case other(String)

  /// Reads a STATUS text; never fails (an unknown shape is `other`).
  public init(_ text: String) {
    if text.hasPrefix("Init:") {
      let rest = String(text.dropFirst(5))
      if let slash = rest.firstIndex(of: "/"), let done = Self.number(rest[..<slash]),
         let total = Self.number(rest[rest.index(after: slash)...]) {
        self = .initProgress(done: done, of: total)
      } else if rest.isEmpty || rest.hasPrefix("Init:") {
        self = .other(text)
      } else {
        self = .initContainer(KubectlStatus(rest))
      }
    } else if text.hasPrefix("ExitCode:"), let n = Self.number(text.dropFirst(9), signed: true) {
      self = .exitCode(n)
    } else if text.hasPrefix("Signal:"), let n = Self.number(text.dropFirst(7), signed: true) {
      self = .signal(n)
    } else if let r = StatusReason(rawValue: text) {
      self = .reason(r)
    } else {
      self = .other(text)
    }
  }

  /// The text kubectl prints.
  public var description: String {
    switch self {
    case let .reason(r): r.rawValue
    case let .exitCode(n): "ExitCode:\(n)"
    case let .signal(n): "Signal:\(n)"
    case let .initProgress(done, total): "Init:\(done)/\(total)"
    case let .initContainer(inner): "Init:\(inner)"
    case let .other(text): text
    }
  }

  /// Whether the STATUS speaks of the init containers (`Init:0/1`, `Init:Error`).
  public var isInit: Bool {
    switch self {
    case .initProgress, .initContainer: true
    default: false
    }
  }

  /// The STATUS without its `Init:` (`CrashLoopBackOff` of `Init:CrashLoopBackOff`); the value
  /// itself when it has none. `Init:N/M` has no word: it stays as it is.
  public var word: KubectlStatus {
    if case let .initContainer(inner) = self { return inner }
    return self
  }

  /// The known reason, when the STATUS is one (not `Init:…`, `ExitCode:…`, an unknown word).
  public var reason: StatusReason? {
    if case let .reason(r) = self { return r }
    return nil
  }

  /// Whether a container terminated without a reason (`ExitCode:N`, `Signal:N`).
  public var isBareTermination: Bool {
    switch self {
    case .exitCode, .signal: true
    default: false
    }
  }

  /// The decimal number `s` spells exactly as Swift prints it (no sign unless `signed` and
  /// negative, no leading zeros, no overflow); nil otherwise, so the text survives a round trip.
  private static func number(_ s: Substring, signed: Bool = false) -> Int? {
    guard let n = Int(s), String(n) == s, signed || n >= 0 else { return nil }
    return n
  }
}
