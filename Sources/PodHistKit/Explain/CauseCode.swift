import Foundation

/// A cause's stable code from cli.md's catalogue; its raw value is what the output prints.
public enum CauseCode: String, Sendable, Hashable, Codable, CaseIterable {
  /// A container the kubelet keeps restarting, by what ends its runs.
  case crashLoopLivenessProbe = "CrashLoop.LivenessProbe"
  case crashLoopStartupProbe = "CrashLoop.StartupProbe"
  case crashLoopOOMKilled = "CrashLoop.OOMKilled"
  case crashLoopAppError = "CrashLoop.AppError"
  case crashLoopCompleted = "CrashLoop.Completed"
  case crashLoopPostStartHook = "CrashLoop.PostStartHook"
  /// A pod that failed for good, by what ended it.
  case failedOOMKilled = "Failed.OOMKilled"
  case failedAppError = "Failed.AppError"
  case failedDeadlineExceeded = "Failed.DeadlineExceeded"
  /// A container that cannot be created or started, or is refused.
  case containerConfigError = "Container.ConfigError"
  case containerCreateFailed = "Container.CreateFailed"
  case securityBlocked = "Security.Blocked"
  /// An image that cannot be pulled or used.
  case imagePullFailed = "Image.PullFailed"
  case imageInvalidName = "Image.InvalidName"
  case imageNeverPull = "Image.NeverPull"
  /// A pod stuck before its containers: volumes, sandbox.
  case volumeMountFailed = "Volume.MountFailed"
  case sandboxCreateFailed = "Sandbox.CreateFailed"
  /// A pod no node takes, by the dominant reason.
  case unschedulableInsufficientResources = "Unschedulable.InsufficientResources"
  case unschedulableNodeSelector = "Unschedulable.NodeSelector"
  case unschedulableTaints = "Unschedulable.Taints"
  case unschedulableVolumeBinding = "Unschedulable.VolumeBinding"
  case unschedulableOther = "Unschedulable.Other"
  /// A pod ended or held from outside: eviction, node loss, preemption, deletion.
  case evictedNodePressure = "Evicted.NodePressure"
  case nodeLost = "Node.Lost"
  case preempted = "Preempted"
  case terminatingStuck = "Terminating.Stuck"
  /// A running container that is not Ready.
  case notReadyReadinessProbe = "NotReady.ReadinessProbe"
  /// Nothing wrong: the pod ran to completion, or runs and is Ready.
  case completed = "Completed"
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
