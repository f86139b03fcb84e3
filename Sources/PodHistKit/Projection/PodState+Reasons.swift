import Foundation

extension PodState {
  /// The STATUS column, when it is a reason podhist knows (not `Init:0/1`, `ExitCode:1`...).
  public var statusReason: StatusReason? { StatusReason(status) }
  /// `status.reason`, when podhist knows it.
  public var podReason: StatusReason? { StatusReason(reason) }
  /// Whether STATUS speaks of the init containers (`Init:0/1`, `Init:CrashLoopBackOff`).
  public var statusIsInit: Bool { status.hasPrefix("Init:") }
  /// STATUS without its `Init:` prefix (`CrashLoopBackOff` of `Init:CrashLoopBackOff`).
  public var statusWord: String { statusIsInit ? String(status.dropFirst(5)) : status }
}
