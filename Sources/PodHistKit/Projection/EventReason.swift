import Foundation

/// The Event reasons podhist reads: one parse of `reason` for the projection (`EventMeaning`) and
/// every explain rule. The raw value is the spelling kubelets and controllers use; old dumps
/// print some in other cases (2015: `killing`, `failedScheduling`), which the rules accept
/// (`init(anyCase:)`) and the projection does not (`init(exactly:)`).
enum EventReason: String, CaseIterable, Sendable {
  case started = "Started", created = "Created", pulling = "Pulling", pulled = "Pulled", killing = "Killing"
  case backOff = "BackOff", backOffSpaced = "Back Off", failed = "Failed", errImagePull = "ErrImagePull"
  case inspectFailed = "InspectFailed", errImageNeverPull = "ErrImageNeverPull", unhealthy = "Unhealthy"
  case failedMount = "FailedMount", failedAttachVolume = "FailedAttachVolume", failedMapVolume = "FailedMapVolume"
  case successfulMountVolume = "SuccessfulMountVolume", failedCreatePodSandBox = "FailedCreatePodSandBox"
  case failedCreatePodContainer = "FailedCreatePodContainer"
  case failedSetupNetwork = "FailedSetupNetwork", sandboxChanged = "SandboxChanged", scheduled = "Scheduled"
  case failedScheduling = "FailedScheduling", failedSync = "FailedSync", evicted = "Evicted", preempted = "Preempted"
  case preempting = "Preempting", nodeNotReady = "NodeNotReady", deadlineExceeded = "DeadlineExceeded"
  case taintManagerEviction = "TaintManagerEviction", nodeControllerEviction = "NodeControllerEviction"
  case failedPostStartHook = "FailedPostStartHook", failedKillPod = "FailedKillPod", failedPreStopHook = "FailedPreStopHook"
  case preStopHookFailed = "PreStopHookFailed", outOfCPU = "OutOfcpu", outOfMemory = "OutOfmemory", outOfPods = "OutOfpods"
  case outOfEphemeralStorage = "OutOfephemeral-storage", nodeAffinity = "NodeAffinity"
  case unexpectedAdmissionError = "UnexpectedAdmissionError", nodeSelectorMismatching = "NodeSelectorMismatching"

  /// The reason spelled exactly as today's components write it.
  init?(exactly reason: String) {
    guard let r = Self.byRawValue[reason] else { return nil }
    self = r
  }

  /// The reason in any case (`killing`, `failedScheduling`).
  init?(anyCase reason: String) {
    guard let r = Self.byLowercased[reason.lowercased()] else { return nil }
    self = r
  }

  /// One hash lookup instead of a string comparison per case (every Event is parsed).
  private static let byRawValue: [String: EventReason] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

  private static let byLowercased: [String: EventReason] = {
    var m: [String: EventReason] = [:]
    for r in allCases { m[r.rawValue.lowercased()] = r }
    return m
  }()
}
