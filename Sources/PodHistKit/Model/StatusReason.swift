import Foundation

/// The reasons kubectl's STATUS column, a pod's `status.reason` and container states show that
/// podhist reasons about; the raw value is the word printed. Any other reason (a runtime's own,
/// `Init:0/1`, `ExitCode:1`) stays text and matches no case.
public enum StatusReason: String, Sendable, Hashable, Codable, CaseIterable {
  /// The pod-level words of the STATUS column.
  case running = "Running", pending = "Pending", completed = "Completed", error = "Error", notReady = "NotReady"
  /// More pod-level STATUS words: `Terminating` (deletionTimestamp set), `SchedulingGated`...
  case unknown = "Unknown", terminating = "Terminating", blocked = "Blocked", schedulingGated = "SchedulingGated"
  /// Container waiting and terminated reasons.
  case crashLoopBackOff = "CrashLoopBackOff", containerCreating = "ContainerCreating", podInitializing = "PodInitializing"
  /// Terminated by the kernel OOM killer; status lost when the node went away.
  case oomKilled = "OOMKilled", containerStatusUnknown = "ContainerStatusUnknown"
  /// Lifecycle hook failures (postStart; preStart/preCreate of old dockershim).
  case postStartHookError = "PostStartHookError", preStartHookError = "PreStartHookError", preCreateHookError = "PreCreateHookError"
  /// Container creation refused: missing config (ConfigMap/Secret/key), or the runtime's create failed.
  case createContainerConfigError = "CreateContainerConfigError", createContainerError = "CreateContainerError"
  /// The runtime created but could not start the process (missing executable, bad mount...).
  case runContainerError = "RunContainerError", startError = "StartError", containerCannotRun = "ContainerCannotRun"
  /// Image pull failures and the back-off after them; an unparsable image reference.
  case errImagePull = "ErrImagePull", imagePullBackOff = "ImagePullBackOff", invalidImageName = "InvalidImageName"
  /// imagePullPolicy Never with the image absent; the runtime could not inspect the image.
  case errImageNeverPull = "ErrImageNeverPull", imageInspectError = "ImageInspectError"
  /// The registry is unreachable; the image's signature policy refused it.
  case registryUnavailable = "RegistryUnavailable", signatureValidationFailed = "SignatureValidationFailed"
  /// Pod `status.reason` values: eviction, deadline, node loss, admission, shutdown.
  case evicted = "Evicted", deadlineExceeded = "DeadlineExceeded", nodeLost = "NodeLost", nodeAffinity = "NodeAffinity"
  /// Admission failed in the kubelet; terminated or shut down by a graceful node shutdown.
  case unexpectedAdmissionError = "UnexpectedAdmissionError", terminated = "Terminated", shutdown = "Shutdown"
  /// Graceful node shutdown; kubelet admission refused for lack of cpu or memory (`OutOfcpu`...).
  case nodeShutdown = "NodeShutdown", outOfCPU = "OutOfcpu", outOfMemory = "OutOfmemory"
  /// Kubelet admission refused for lack of pod slots or ephemeral storage.
  case outOfPods = "OutOfpods", outOfEphemeralStorage = "OutOfephemeral-storage"
  /// The kubelet's own preemption to admit a critical pod (`status.reason` Preempting, ≈1.8–1.21).
  case preempting = "Preempting"
  /// Refused by a node security mechanism (old kubelets' `status.reason`).
  case appArmor = "AppArmor", sysctlForbidden = "SysctlForbidden"
  /// Pod condition reasons.
  case preemptionByScheduler = "PreemptionByScheduler"

  /// Whether only a pod's own `status.reason` says this (never a container's state).
  public var isPodOnly: Bool {
    [.evicted, .nodeLost, .deadlineExceeded, .preempting, .unexpectedAdmissionError, .nodeAffinity,
     .nodeShutdown, .outOfCPU, .outOfMemory, .outOfPods, .outOfEphemeralStorage].contains(self)
  }

  /// The reason `text` names, if podhist knows it; the 2015 REASON column's `OOM Killed` (v0.19
  /// to v1.0) is today's OOMKilled; a waiting reason may carry its message after a colon.
  public init?(_ text: String?) {
    guard let text else { return nil }
    if text == "OOM Killed" { self = .oomKilled; return }
    if let r = StatusReason(rawValue: text) { self = r; return }
    // A waiting reason printed with its message (`PostStartHookError: command '/x' exited with
    // 126:`): the reason is the word before the colon.
    guard let colon = text.range(of: ": "), let r = StatusReason(rawValue: String(text[..<colon.lowerBound])),
          [.postStartHookError, .createContainerConfigError, .createContainerError, .runContainerError,
           .errImagePull, .imagePullBackOff, .invalidImageName, .crashLoopBackOff].contains(r) else { return nil }
    self = r
  }
}

extension ContainerState {
  /// The state's reason, when podhist knows it.
  public var knownReason: StatusReason? { StatusReason(reason) }
}

/// The pod condition types podhist reads and recomputes, in the order describe lists them; the
/// raw value is the API's spelling.
public enum ConditionType: String, Sendable, Hashable, CaseIterable {
  /// Sandbox ready (1.29+, was PodHasNetwork), init containers done, the pod Ready.
  case podReadyToStartContainers = "PodReadyToStartContainers", initialized = "Initialized", ready = "Ready"
  /// All containers ready, bound to a node, about to be disrupted (preemption, eviction; 1.26+).
  case containersReady = "ContainersReady", podScheduled = "PodScheduled", disruptionTarget = "DisruptionTarget"
}

extension PodCondition {
  /// The condition's type, when podhist knows it.
  public var knownType: ConditionType? { ConditionType(rawValue: type) }
  /// Whether the condition's status is `True` (`False` and `Unknown` are not).
  public var isTrue: Bool { ConditionStatus(rawValue: status) == .true }
  /// Whether the condition's status is `False`.
  public var isFalse: Bool { ConditionStatus(rawValue: status) == .false }
  /// The condition's reason (SchedulingGated...), when podhist knows it.
  public var knownReason: StatusReason? { StatusReason(reason) }
}
