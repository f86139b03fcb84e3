import Foundation

extension PodState {
  /// The STATUS column, when it is a reason podhist knows (not `Init:0/1`, `ExitCode:1`...).
  public var statusReason: StatusReason? { StatusReason(status) }
  /// `status.reason`, when podhist knows it.
  public var podReason: StatusReason? { StatusReason(reason) }
}
