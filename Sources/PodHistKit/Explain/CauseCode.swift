import Foundation

/// A cause's stable code from docs/cli.md's catalogue; its raw value is what the output prints.
public enum CauseCode: String, Sendable, Hashable, Codable, CaseIterable {
  // A container the kubelet keeps restarting, by what ends its runs.
  /// The kubelet kills the container for failing its liveness probe (`Killing`, `Unhealthy`, exit 143).
  case crashLoopLivenessProbe = "CrashLoop.LivenessProbe"
  /// The same with the startup probe: the container never passes it before `failureThreshold`.
  case crashLoopStartupProbe = "CrashLoop.StartupProbe"
  /// Runs end `OOMKilled` (or exit 137 with a memory limit known): the memory limit is too low.
  case crashLoopOOMKilled = "CrashLoop.OOMKilled"
  /// Runs end with the application's own non-zero exit; `kubectl logs --previous` tells why.
  case crashLoopAppError = "CrashLoop.AppError"
  /// Runs end with exit 0 under restartPolicy Always: a run-once program in a restarting pod.
  case crashLoopCompleted = "CrashLoop.Completed"
  /// The postStart hook fails (`FailedPostStartHook`), so the kubelet kills the container.
  case crashLoopPostStartHook = "CrashLoop.PostStartHook"
  // A pod that failed for good, by what ended it.
  /// The pod's phase is Failed after an OOM kill (restartPolicy Never, or OnFailure exhausted).
  case failedOOMKilled = "Failed.OOMKilled"
  /// The pod's phase is Failed after a non-zero exit that is not restarted.
  case failedAppError = "Failed.AppError"
  /// spec.activeDeadlineSeconds passed: status.reason `DeadlineExceeded`.
  case failedDeadlineExceeded = "Failed.DeadlineExceeded"
  // A container that cannot be created or started, or is refused.
  /// `CreateContainerConfigError`: a ConfigMap, Secret or key the container refers to is missing.
  case containerConfigError = "Container.ConfigError"
  /// The runtime cannot create or start the container (`CreateContainerError`, `StartError`, exit 128).
  case containerCreateFailed = "Container.CreateFailed"
  /// AppArmor, seccomp, SELinux or Pod Security refuses the container (waiting `Blocked`).
  case securityBlocked = "Security.Blocked"
  // An image that cannot be pulled or used.
  /// `ErrImagePull` / `ImagePullBackOff`: not found, private, unauthorised, rate-limited or unreachable.
  case imagePullFailed = "Image.PullFailed"
  /// `InvalidImageName`: the image reference cannot be parsed.
  case imageInvalidName = "Image.InvalidName"
  /// `ErrImageNeverPull`: imagePullPolicy Never and the image is not on the node.
  case imageNeverPull = "Image.NeverPull"
  // A pod stuck before its containers: volumes, sandbox.
  /// `FailedMount` / `FailedAttachVolume`: a volume (ConfigMap, Secret, PVC, NFS...) cannot be mounted.
  case volumeMountFailed = "Volume.MountFailed"
  /// `FailedCreatePodSandBox`: the runtime or CNI plugin cannot make the pod's sandbox.
  case sandboxCreateFailed = "Sandbox.CreateFailed"
  // A pod no node takes, by the dominant reason.
  /// `Insufficient cpu/memory/...` (or admission `OutOfcpu`...): no node has room for the requests.
  case unschedulableInsufficientResources = "Unschedulable.InsufficientResources"
  /// No node matches the pod's nodeSelector or required node affinity.
  case unschedulableNodeSelector = "Unschedulable.NodeSelector"
  /// Nodes carry taints the pod does not tolerate (control-plane, not-ready, cordoned).
  case unschedulableTaints = "Unschedulable.Taints"
  /// The pod's PersistentVolumeClaims are unbound or their volumes' node affinity conflicts.
  case unschedulableVolumeBinding = "Unschedulable.VolumeBinding"
  /// Any other scheduler refusal (host ports, pod affinity, scheduling gates) or one naming no reason.
  case unschedulableOther = "Unschedulable.Other"
  // A pod ended or held from outside: eviction, node loss, preemption, deletion.
  /// The kubelet evicted the pod under node pressure (status.reason `Evicted`: memory, disk...).
  case evictedNodePressure = "Evicted.NodePressure"
  /// The node stopped reporting or shut down (`NodeLost`, `NodeNotReady`, taint-manager eviction).
  case nodeLost = "Node.Lost"
  /// The scheduler evicted the pod for a higher-priority one (`Preempted`, `PreemptionByScheduler`).
  case preempted = "Preempted"
  /// deletionTimestamp passed by over 30 s, or `FailedKillPod` / `FailedPreStopHook`: deletion hangs.
  case terminatingStuck = "Terminating.Stuck"
  /// The pod no longer exists: a watch reported it `DELETED`, a complete listing of its namespace
  /// left it out, or (medium) it was killed for a deletion and nothing followed the grace period.
  case deleted = "Deleted"
  /// A running container that is not Ready.
  case notReadyReadinessProbe = "NotReady.ReadinessProbe"
  // Nothing wrong: the pod ran to completion, or runs and is Ready.
  /// Nothing wrong: phase Succeeded, STATUS Completed.
  case completed = "Completed"
  /// Nothing wrong: Running and Ready with no fault ranked above.
  case runningHealthy = "Running.Healthy"
  /// No rule matches: the fallback, ranked last unless nothing else.
  case unknown = "Unknown"

  /// An OOM kill: of a container the kubelet restarts, or (`podFailed`) one it will not.
  static func oomKilled(podFailed: Bool) -> CauseCode { podFailed ? .failedOOMKilled : .crashLoopOOMKilled }
  /// An application's own exit: restarted, or (`podFailed`) final.
  static func appError(podFailed: Bool) -> CauseCode { podFailed ? .failedAppError : .crashLoopAppError }

  /// Whether the code says the pod failed for good (`Failed.*`), not that it keeps restarting.
  var isPodFailure: Bool { self == .failedOOMKilled || self == .failedAppError || self == .failedDeadlineExceeded }
  /// Whether the code says nothing is wrong (`Running.Healthy`, `Completed`).
  public var isHealthy: Bool { self == .runningHealthy || self == .completed }

  /// A cause of the pod as a whole, not of one container (docs/cli.md: scheduling, node,
  /// eviction, deadline, security refusal): it names no container.
  public var isPodLevel: Bool {
    switch self {
    case .nodeLost, .evictedNodePressure, .deleted, .failedDeadlineExceeded, .securityBlocked, .unschedulableInsufficientResources,
         .unschedulableNodeSelector, .unschedulableOther, .unschedulableTaints, .unschedulableVolumeBinding: true
    default: false
    }
  }
}

/// How sure a cause is; its raw value is what the output prints.
public enum Confidence: String, Sendable, Hashable, Codable, CaseIterable {
  /// The facts show the cause directly (a status reason, a matching event).
  case high
  /// The facts point to it, with a step inferred (an exit code without its event).
  case medium
  /// Possible: an alternative, a fault now in the past, or an inference from events alone.
  case low
}
