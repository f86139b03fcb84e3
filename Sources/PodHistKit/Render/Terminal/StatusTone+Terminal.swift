extension StatusTone {
  /// The tone of a STATUS text as `get pods` and `timeline` print it (`CrashLoopBackOff`,
  /// `Init:0/1`, `Init:Error`, `Terminating`, `ExitCode:1`), read as a `KubectlStatus`.
  public init(statusWord status: String) { self.init(status: KubectlStatus(status)) }

  /// The tone of a STATUS: a known reason by its meaning, `ExitCode:`/`Signal:` failing, an
  /// `Init:N/M` count on its way, an `Init:` STATUS failing when its word fails (else on its way),
  /// a word podhist does not know neutral.
  public init(status: KubectlStatus) {
    switch status {
    case .initProgress: self = .pending
    case let .initContainer(inner): self = StatusTone(status: inner) == .failing ? .failing : .pending
    case .exitCode, .signal: self = .failing
    case .other: self = .ok
    case let .reason(r):
      switch r {
      case .running: self = .ok
      case .completed: self = .done
      case .pending, .containerCreating, .podInitializing, .terminating, .schedulingGated, .notReady: self = .pending
      default: self = .failing
      }
    }
  }

  /// The terminal colour of the tone (SGR 31 red for failing, 33 yellow for pending), nil for none.
  public var sgr: String? {
    switch self {
    case .failing: "31"
    case .pending: "33"
    case .ok, .done: nil
    }
  }

  /// `text` in the tone's colour, each code started by `escape`; unchanged without an escape or a colour.
  public func paint(_ text: String, escape: String?) -> String {
    guard let escape, let sgr else { return text }
    return "\(escape)[\(sgr)m\(text)\(escape)[0m"
  }
}
