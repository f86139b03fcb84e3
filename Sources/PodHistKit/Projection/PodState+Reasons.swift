import Foundation

extension PodState {
  /// The STATUS column, when it is a reason podhist knows (not `Init:0/1`, `ExitCode:1`...).
  public var statusReason: StatusReason? { StatusReason(status) }
  /// `status.reason`, when podhist knows it.
  public var podReason: StatusReason? { StatusReason(reason) }
  /// The STATUS column as a typed value (`Init:0/1` → `.initProgress`, `ExitCode:1` → `.exitCode`).
  public var statusValue: KubectlStatus { KubectlStatus(status) }
  /// Whether STATUS speaks of the init containers (`Init:0/1`, `Init:CrashLoopBackOff`).
  public var statusIsInit: Bool { statusValue.isInit }
  /// STATUS without its `Init:` prefix (`CrashLoopBackOff` of `Init:CrashLoopBackOff`).
  public var statusWord: String { statusValue.word.description }
}
