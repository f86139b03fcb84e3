extension StatusTone {
  /// The tone of a STATUS word as `get pods` and `timeline` print it (`CrashLoopBackOff`,
  /// `Init:0/1`, `Init:Error`, `Terminating`, `ExitCode:1`): a known reason by its meaning, an
  /// `Init:N/M` count is on its way, an `Init:` reason is read as the word after it.
  public init(statusWord status: String) {
    if status.hasPrefix("Init:") {
      let rest = String(status.dropFirst(5))
      if rest.contains("/"), rest.allSatisfy({ $0 == "/" || $0.isNumber }) { self = .pending; return }
      let inner = StatusTone(statusWord: rest)
      self = inner == .failing ? .failing : .pending
      return
    }
    switch StatusReason(status) {
    case .running: self = .ok
    case .completed: self = .done
    case .pending, .containerCreating, .podInitializing, .terminating, .schedulingGated, .notReady: self = .pending
    case nil: self = status.hasPrefix("Signal:") || status.hasPrefix("ExitCode:") ? .failing : .ok
    default: self = .failing
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
