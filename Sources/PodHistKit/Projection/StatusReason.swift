import Foundation

/// The reasons kubectl's STATUS column, a pod's `status.reason` and container states show that
/// podhist reasons about; the raw value is the word printed. Any other reason (a runtime's own,
/// `Init:0/1`, `ExitCode:1`) stays text and matches no case.
public enum StatusReason: String, Sendable, Hashable, Codable, CaseIterable {
  /// The pod-level words of the STATUS column.
  case running = "Running", pending = "Pending", completed = "Completed", error = "Error", notReady = "NotReady"
  case unknown = "Unknown", terminating = "Terminating", blocked = "Blocked", schedulingGated = "SchedulingGated"
  /// Container waiting and terminated reasons.
  case crashLoopBackOff = "CrashLoopBackOff", containerCreating = "ContainerCreating", podInitializing = "PodInitializing"
  case oomKilled = "OOMKilled", containerStatusUnknown = "ContainerStatusUnknown"
  case postStartHookError = "PostStartHookError", preStartHookError = "PreStartHookError", preCreateHookError = "PreCreateHookError"
  case createContainerConfigError = "CreateContainerConfigError", createContainerError = "CreateContainerError"
  case runContainerError = "RunContainerError", startError = "StartError", containerCannotRun = "ContainerCannotRun"
  case errImagePull = "ErrImagePull", imagePullBackOff = "ImagePullBackOff", invalidImageName = "InvalidImageName"
  case errImageNeverPull = "ErrImageNeverPull", imageInspectError = "ImageInspectError"
  case registryUnavailable = "RegistryUnavailable", signatureValidationFailed = "SignatureValidationFailed"
  /// Pod `status.reason` values: eviction, deadline, node loss, admission, shutdown.
  case evicted = "Evicted", deadlineExceeded = "DeadlineExceeded", nodeLost = "NodeLost", nodeAffinity = "NodeAffinity"
  case unexpectedAdmissionError = "UnexpectedAdmissionError", terminated = "Terminated", shutdown = "Shutdown"
  case nodeShutdown = "NodeShutdown", outOfCPU = "OutOfcpu", outOfMemory = "OutOfmemory"
  /// Pod condition reasons.
  case preemptionByScheduler = "PreemptionByScheduler"

  /// The reason `text` names, if podhist knows it.
  public init?(_ text: String?) {
    guard let text else { return nil }
    self.init(rawValue: text)
  }
}

extension ContainerState {
  /// The state's reason, when podhist knows it.
  public var knownReason: StatusReason? { StatusReason(reason) }
}

extension PodState {
  /// The STATUS column, when it is a reason podhist knows (not `Init:0/1`, `ExitCode:1`...).
  public var statusReason: StatusReason? { StatusReason(status) }
  /// `status.reason`, when podhist knows it.
  public var podReason: StatusReason? { StatusReason(reason) }
}

/// The pod condition types podhist reads and recomputes, in the order describe lists them; the
/// raw value is the API's spelling.
public enum ConditionType: String, Sendable, Hashable, CaseIterable {
  case podReadyToStartContainers = "PodReadyToStartContainers", initialized = "Initialized", ready = "Ready"
  case containersReady = "ContainersReady", podScheduled = "PodScheduled", disruptionTarget = "DisruptionTarget"
}

extension PodCondition {
  /// The condition's type, when podhist knows it.
  public var knownType: ConditionType? { ConditionType(rawValue: type) }
  /// Whether the condition's status is `True` (`False` and `Unknown` are not).
  public var isTrue: Bool { status == "True" }
  /// Whether the condition's status is `False`.
  public var isFalse: Bool { status == "False" }
  /// The condition's reason (SchedulingGated...), when podhist knows it.
  public var knownReason: StatusReason? { StatusReason(reason) }
}
