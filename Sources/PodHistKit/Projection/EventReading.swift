import Foundation

/// The one reading of an Event's reason and message that the projection and every explain rule
/// use: the reason parsed once (in any case: 2015 dumps print `killing`), the message lower-cased
/// once, the projection's `meaning`, and the message facts the rules ask about, each named here
/// instead of a substring test in a rule. Message wording changed across releases
/// (docs/kubernetes-semantics.md §6.1); each reading below lists the spellings it accepts.
struct EventReading: Sendable {
  /// The reason in any case; nil for a reason nothing reads.
  let reason: EventReason?
  /// The message lower-cased.
  let lmessage: String

  /// Reads `e`'s reason and message.
  init(_ e: EventRecord) {
    reason = EventReason(anyCase: e.reason)
    lmessage = e.message.lowercased()
  }

  // MARK: Probes and kills

  /// Which probe an Unhealthy event says failed; nil for other events and for a probe that
  /// *errored* (it could not run: the kubelet discards the result, docs/kubernetes-semantics.md §10).
  var failedProbe: FailedProbe? {
    guard reason == .unhealthy, !lmessage.contains("probe errored") else { return nil }
    if lmessage.hasPrefix("liveness probe") { return .liveness }
    if lmessage.hasPrefix("startup probe") { return .startup }
    if lmessage.hasPrefix("readiness probe") { return .readiness }
    return nil
  }

  /// Why a `Killing` event (any case) killed its container, as the crash-loop rules read it; nil
  /// for other events.
  var kill: Kill? {
    guard reason == .killing else { return nil }
    let m = lmessage
    if m.contains("failed liveness probe") { return .failedLiveness }
    if m.contains("failed startup probe") { return .failedStartup }
    if m.contains("poststarthook") { return .postStartHook }
    if m.contains("stopping container") || m.contains("definition changed") || m.contains("will be killed") { return .stopping }
    return .bare
  }

  /// Whether the message names a probe of `kind` (`… liveness probe …`): a kill after such
  /// failures is the crash-loop rules' evidence.
  func namesProbe(_ kind: FailedProbe) -> Bool { lmessage.contains("\(kind.rawValue) probe") }

  /// Whether the message mentions the liveness probe at all (a `Killing` that follows one).
  var mentionsLiveness: Bool { lmessage.contains("liveness") }

  /// A `BackOff` of a container restart (`Back-off restarting failed container`).
  var isRestartBackOff: Bool { reason == .backOff && lmessage.contains("restarting") }

  /// An old kubelet's `FailedSync` whose failed step is a CrashLoopBackOff.
  var isSyncCrashLoop: Bool { reason == .failedSync && lmessage.contains("crashloopbackoff") }

  /// A kill the kubelet could not finish: FailedKillPod, a failed preStop hook, or an old
  /// kubelet's `error killing pod`.
  var isKillFailure: Bool {
    [.failedKillPod, .failedPreStopHook, .preStopHookFailed].contains(reason) || lmessage.contains("error killing pod")
  }

  // MARK: Images

  /// Whether the message is about pulling an image at all (`pull`, which ErrImagePull and
  /// ImagePullBackOff also contain).
  var mentionsPull: Bool { lmessage.contains("pull") }

  /// A `Failed` event of a pull (`Failed to pull image "…"`).
  var isFailedPull: Bool { reason == .failed && lmessage.contains("failed to pull image") }

  /// A back-off of a pull (`Back-off pulling image "…"`), `BackOff` or 2016's `Back Off`.
  var isPullBackOff: Bool { (reason == .backOff || reason == .backOffSpaced) && lmessage.contains("pulling image") }

  /// A pull failure in the runtime's or kubelet's words of any era (schema/causes.md,
  /// Image.PullFailed), of an Event's or a waiting state's lower-cased message `l`: docker's
  /// `image … not found`, `pull access denied`, containerd's `failed to pull and unpack image`,
  /// the kubelet's `image pull failed for`.
  static func isPullFailure(_ l: String) -> Bool {
    (l.contains("image ") && l.contains("not found")) || l.contains("failed to pull image") || l.contains("image pull failed")
      || l.contains("pull access denied") || l.contains("failed to pull and unpack image") || l.contains("manifest unknown")
      || l.contains("errimagepull") || l.contains("imagepullbackoff") || l.contains("is not ready on the node")
  }

  // MARK: Containers

  /// The words of a refusal by a security mechanism (AppArmor, seccomp, SELinux, Pod Security).
  static let securityWords = ["apparmor", "seccomp", "selinux", "violates podsecurity", "pod security policy", "podsecuritypolicy"]

  /// The runtime's words for a container it could not create or start, across docker (2014 on),
  /// containerd/runc and cri-o (schema/causes.md, Container.CreateFailed).
  static let createFailureWords = ["executable file not found", "failed to start container", "containercannotrun",
                                   "runcontainererror", "failed to create containerd task", "oci runtime create failed",
                                   "error: container create failed", "createcontainererror", "failed to create docker container",
                                   "cannot start container", "minimum memory limit allowed", "oci runtime error",
                                   "starting container process caused", "failed to create shim task", "exec format error",
                                   "oci runtime start failed", "unable to start container process", "runc create failed"]

  /// Whether the lower-cased message `l` (an Event's or a container state's) says the runtime
  /// could not create or start the container.
  static func isCreateFailure(_ l: String) -> Bool { createFailureWords.contains { l.contains($0) } }

  /// Whether `text` (any case) names a security mechanism that refused the container or pod.
  static func isSecurityRefusal(_ text: String) -> Bool {
    let l = text.lowercased()
    return securityWords.contains { l.contains($0) }
  }

  /// Whether the lower-cased message `l` says a configuration reference cannot be resolved
  /// (`Error: configmap "x" not found`, a missing key, runAsNonRoot with a root image,
  /// CreateContainerConfigError).
  static func isConfigError(_ l: String) -> Bool {
    l.hasPrefix("error: configmap") || l.hasPrefix("error: secret") || l.contains("couldn't find key") || l.contains("runasnonroot")
      || l.contains("createcontainerconfigerror")
  }

  // MARK: Volumes and sandboxes

  /// A volume that cannot be attached or mounted: FailedMount, FailedAttachVolume,
  /// FailedMapVolume, or an old kubelet's FailedSync waiting for or unable to mount volumes.
  var isMountFailure: Bool {
    if reason == .failedMount || reason == .failedAttachVolume || reason == .failedMapVolume { return true }
    return reason == .failedSync && (lmessage.contains("waiting for volumes") || lmessage.contains("unable to mount volumes"))
  }

  /// A sandbox that cannot be created: FailedCreatePodSandBox, or a FailedSync, Failed or
  /// FailedSetupNetwork naming the network setup, the network plugin, CNI or the pod sandbox.
  var isSandboxFailure: Bool {
    if reason == .failedCreatePodSandBox || reason == .failedCreatePodContainer { return true }
    guard reason == .failedSync || reason == .failed || reason == .failedSetupNetwork else { return false }
    let l = lmessage
    return l.contains("setupnetwork") || l.contains("network plugin") || l.contains("cni ") || l.contains("failed to setup network")
      || l.contains("pod sandbox")
  }
}

/// The probe an Unhealthy event is about.
enum FailedProbe: String, Sendable { case liveness, startup, readiness }

extension EventReading {
  /// Why a `Killing` event killed its container.
  enum Kill: Sendable {
    /// `Container … failed liveness probe, will be restarted`.
    case failedLiveness
    /// `Container … failed startup probe, will be restarted`.
    case failedStartup
    /// `FailedPostStartHook` followed by the kill.
    case postStartHook
    /// A stop the pod's deletion or a spec change asked for (`Stopping container`, `definition
    /// changed`, `will be killed and re-created`), not a crash.
    case stopping
    /// A kill whose message gives no reason.
    case bare
  }
}
