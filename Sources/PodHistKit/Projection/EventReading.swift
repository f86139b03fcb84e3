import Foundation

/// The one reading of an Event's reason and message that the projection and every explain rule
/// use: the reason parsed once (in any case: 2015 dumps print `killing`), the message lower-cased
/// once, the projection's `meaning`, and every question a rule asks of the reason and message,
/// answered when the reading is made (once per Event, not once per rule) and named here instead
/// of a substring test in a rule. Message wording changed across releases
/// (docs/kubernetes-semantics.md §6.1); each reading below lists the spellings it accepts. The
/// static readers at the end read texts that Events and container or pod states share (a pull
/// error, a runtime error, a security refusal).
struct EventReading: Sendable {
  /// The reason in any case; nil for a reason nothing reads.
  let reason: EventReason?
  /// What the Event means to the projection (the reason as spelled today, or an old scheduler's),
  /// read when asked: the rules do not ask it.
  var meaning: EventMeaning { Self.meaning(of: EventRecord(reason: rawReason, message: message)) }
  /// The reason as written.
  private let rawReason: String
  /// The message as written.
  let message: String
  /// Which probe an Unhealthy event says failed; nil for other events and for a probe that
  /// *errored* (it could not run: the kubelet discards the result, docs/kubernetes-semantics.md §10).
  let failedProbe: FailedProbe?
  /// Why a `Killing` event (any case) killed its container, as the crash-loop rules read it; nil
  /// for other events.
  let kill: Kill?
  /// The admission mechanism whose refusal of the pod the message words (any Event: the
  /// controller writes `FailedCreate` on the owner); nil when it words none.
  let admissionRefusal: AdmissionRefusal?
  /// Whether the Event's source is a kubelet (`kubelet`, `kubelet, node-1`), or no source is given.
  var isFromKubelet: Bool { answers.contains(.fromKubelet) }
  /// The message lower-cased, for the readings made on demand.
  private let lowered: String
  /// The yes/no answers, made once.
  private let answers: Answers

  /// Reads `e`'s reason and message.
  init(_ e: EventRecord) {
    let r = EventReason(anyCase: e.reason)
    let l = e.message.lowercased()
    rawReason = e.reason
    reason = r
    message = e.message
    lowered = l
    failedProbe = r == .unhealthy ? Self.failedProbe(l) : nil
    kill = r == .killing ? Self.kill(l) : nil
    admissionRefusal = Self.admissionRefusal(l)
    var a = Self.answers(reason: r, message: e.message, lowered: l)
    if (e.component ?? "kubelet").hasPrefix("kubelet") { a.insert(.fromKubelet) }
    // Before the CRI (≤1.5), the sandbox was the `POD` infra container: a failure of
    // `implicitly required container POD` is the sandbox's, whatever its message says.
    if Self.isInfraContainerFailure(e, reason: r) {
      a.insert(.sandboxFailure)
      a.subtract([.createFailure, .otherError, .configError])
    }
    answers = a
  }

  // MARK: Probes and kills

  /// Whether a `Killing` event says its container failed the probe of `kind` (`kill` is
  /// `.failedLiveness` or `.failedStartup`; the kubelet kills for no readiness failure): a kill
  /// after such failures is the crash-loop rules' evidence and the projection's `killedBy`.
  func killedForFailing(_ kind: FailedProbe) -> Bool {
    switch kind {
    case .liveness: kill == .failedLiveness
    case .startup: kill == .failedStartup
    case .readiness: false
    }
  }

  /// A `Killing` event that stops its container (`Stopping container …`): a deletion or a spec
  /// change, not a crash.
  var isStoppingContainer: Bool { answers.contains(.stoppingContainer) }

  /// An `Unhealthy` event of the readiness probe, failed or errored (`Readiness probe …`).
  var isReadinessUnhealthy: Bool { answers.contains(.readinessUnhealthy) }

  /// An `Unhealthy` event whose probe met `connection refused`.
  var saysConnectionRefused: Bool { answers.contains(.connectionRefused) }

  /// An `Unhealthy` event whose probe timed out (`timeout`, `deadline exceeded`).
  var saysProbeTimeout: Bool { answers.contains(.probeTimeout) }

  /// An `Unhealthy` event whose HTTP probe was answered 503 (`statuscode: 503`).
  var saysStatus503: Bool { answers.contains(.status503) }

  /// What a failed probe's output says, shortened for a summary.
  var probeOutput: ProbeOutput {
    let l = lowered
    if l.contains("connection refused") { return .connectionRefused }
    if l.contains("statuscode:"), let m = message.firstMatch(of: Patterns.cached("probe.statusCode") { /statuscode: (\d+)/ }) {
      return .httpStatus(String(m.1))
    }
    if l.contains("timeout") || l.contains("deadline exceeded") { return .timeout }
    if l.contains("no route to host") { return .noRouteToHost }
    return .other
  }

  /// The port a probe failure's message names (`dial tcp 10.0.0.5:8080: …`, `http://…:8080/…`);
  /// nil when it names none.
  var probePort: Int? {
    if message.contains("dial tcp "), let m = message.firstMatch(of: Patterns.cached("probe.dialPort") { /dial tcp [^\s:]+:(\d+)/ }) { return Int(m.1) }
    if message.contains("://"), let m = message.firstMatch(of: Patterns.cached("probe.urlPort") { /https?:\/\/[^\/\s:]*:(\d+)/ }) { return Int(m.1) }
    return nil
  }

  /// A probe failure's output: the message after `probe failed: `, else the whole message.
  var probeDetail: String {
    guard let r = message.range(of: "probe failed: ") else { return message }
    return String(message[r.upperBound...])
  }

  /// A `BackOff` of a container restart (`Back-off restarting failed container`).
  var isRestartBackOff: Bool { answers.contains(.restartBackOff) }

  /// An old kubelet's `FailedSync` whose failed step is a CrashLoopBackOff.
  var isSyncCrashLoop: Bool { answers.contains(.syncCrashLoop) }

  /// A kill the kubelet could not finish: FailedKillPod, a failed preStop hook, or an old
  /// kubelet's `error killing pod` anywhere in the message.
  var isKillFailure: Bool { answers.contains(.killFailure) }

  /// A pod the kubelet could not kill: `FailedKillPod`, or a message that starts
  /// `error killing pod` (an old kubelet's `FailedSync`).
  var isPodKillFailure: Bool { answers.contains(.podKillFailure) }

  // MARK: Nodes

  /// A `TaintManagerEviction` that marks the pod for deletion (`Marking for deletion Pod …`).
  var marksForTaintEviction: Bool { answers.contains(.marksTaintEviction) }

  /// A `TaintManagerEviction` that cancels an earlier mark (`Cancelling deletion of Pod …`).
  var cancelsTaintEviction: Bool { answers.contains(.cancelsTaintEviction) }

  // MARK: Images

  /// Whether a `Failed`, `FailedSync` or `BackOff` event's message is about pulling an image at
  /// all (`pull`, which ErrImagePull and ImagePullBackOff also contain).
  var mentionsPull: Bool { answers.contains(.mentionsPull) }

  /// A `Failed` event of a pull (`Failed to pull image "…"`).
  var isFailedPull: Bool { answers.contains(.failedPull) }

  /// A back-off of a pull (`Back-off pulling image "…"`), `BackOff` or 2016's `Back Off`.
  var isPullBackOff: Bool { answers.contains(.pullBackOff) }

  /// A `Failed` event that states the pull's waiting reason (`Error: ErrImagePull`,
  /// `Error: ImagePullBackOff`, as the kubelet spells them).
  var isPullErrorReport: Bool { answers.contains(.pullErrorReport) }

  /// The image the message names in quotes (`Failed to pull image "nginx:1.2"`); nil when none.
  var image: String? { Self.image(in: message) }

  /// Whether the message mentions `text` as written (an image reference).
  func mentions(_ text: String) -> Bool { message.contains(text) }

  // MARK: Containers

  /// A message that starts `Error:` (any case): the kubelet's report of a failed step.
  var isErrorReport: Bool { answers.contains(.errorReport) }

  /// A `Failed` or `FailedSync` event whose message names a security mechanism that refused the
  /// container (`EventReading.isSecurityRefusal`).
  var reportsSecurityRefusal: Bool { answers.contains(.securityRefusal) }

  /// A `Failed` or `FailedSync` event whose message says a configuration reference cannot be
  /// resolved (`EventReading.isConfigError`).
  var reportsConfigError: Bool { answers.contains(.configError) }

  /// A `Failed` or `FailedSync` event whose message says the runtime could not create or start
  /// the container (`EventReading.isCreateFailure`, or `Error: failed to create …`).
  var reportsCreateFailure: Bool { answers.contains(.createFailure) }

  /// A `Failed` event with an `Error: …` that is not an image error (`InvalidImageName`,
  /// `ErrImageNeverPull`): a create or start failure when nothing else is known.
  var reportsOtherError: Bool { answers.contains(.otherError) }

  // MARK: Volumes and sandboxes

  /// A volume that cannot be attached or mounted: FailedMount, FailedAttachVolume,
  /// FailedMapVolume, or an old kubelet's FailedSync waiting for or unable to mount volumes.
  var isMountFailure: Bool { answers.contains(.mountFailure) }

  /// A sandbox that cannot be created: FailedCreatePodSandBox, FailedCreatePodContainer, a
  /// FailedSync, Failed or FailedSetupNetwork naming the network setup, the network plugin, CNI
  /// or the pod sandbox, or (≤1.5) a failure of the `implicitly required container POD`.
  var isSandboxFailure: Bool { answers.contains(.sandboxFailure) }
}

// MARK: - The answers, made once

extension EventReading {
  /// The yes/no answers of one reading.
  struct Answers: OptionSet, Sendable {
    let rawValue: UInt32
    static let stoppingContainer = Answers(rawValue: 1 << 4)
    static let readinessUnhealthy = Answers(rawValue: 1 << 5)
    static let connectionRefused = Answers(rawValue: 1 << 6)
    static let probeTimeout = Answers(rawValue: 1 << 7)
    static let status503 = Answers(rawValue: 1 << 8)
    static let restartBackOff = Answers(rawValue: 1 << 9)
    static let syncCrashLoop = Answers(rawValue: 1 << 10)
    static let killFailure = Answers(rawValue: 1 << 11)
    static let podKillFailure = Answers(rawValue: 1 << 12)
    static let marksTaintEviction = Answers(rawValue: 1 << 13)
    static let cancelsTaintEviction = Answers(rawValue: 1 << 14)
    static let mentionsPull = Answers(rawValue: 1 << 15)
    static let failedPull = Answers(rawValue: 1 << 16)
    static let pullBackOff = Answers(rawValue: 1 << 17)
    static let pullErrorReport = Answers(rawValue: 1 << 18)
    static let errorReport = Answers(rawValue: 1 << 19)
    static let securityRefusal = Answers(rawValue: 1 << 20)
    static let configError = Answers(rawValue: 1 << 21)
    static let createFailure = Answers(rawValue: 1 << 22)
    static let otherError = Answers(rawValue: 1 << 23)
    static let mountFailure = Answers(rawValue: 1 << 24)
    static let sandboxFailure = Answers(rawValue: 1 << 25)
    static let fromKubelet = Answers(rawValue: 1 << 26)
  }

  /// The answers for reason `r`, message `m` and its lower-cased `l`: each tested only for the
  /// reasons whose message decides it.
  private static func answers(reason r: EventReason?, message m: String, lowered l: String) -> Answers {
    var a: Answers = []
    func set(_ answer: Answers, _ yes: Bool) { if yes { a.insert(answer) } }
    set(.errorReport, l.hasPrefix("error:"))
    set(.killFailure, isKillFailure(reason: r, lowered: l))
    set(.podKillFailure, r == .failedKillPod || l.hasPrefix("error killing pod"))
    // What a Failed or FailedSync event says of the container it could not create.
    func containerReport() {
      set(.securityRefusal, securityWords.contains { l.contains($0) })
      set(.configError, isConfigError(l))
      set(.createFailure, isCreateFailure(l) || l.hasPrefix("error: failed to create"))
    }
    // Tested only for the reasons that name the sandbox this way.
    var sandboxWords: Bool {
      l.contains("setupnetwork") || l.contains("network plugin") || l.contains("cni ") || l.contains("failed to setup network")
        || l.contains("pod sandbox")
    }
    switch r {
    case .killing?:
      set(.stoppingContainer, l.hasPrefix("stopping container"))
    case .unhealthy?:
      set(.readinessUnhealthy, l.hasPrefix("readiness probe"))
      set(.connectionRefused, l.contains("connection refused"))
      set(.probeTimeout, l.contains("timeout") || l.contains("deadline"))
      set(.status503, l.contains("statuscode: 503"))
    case .backOff?:
      set(.mentionsPull, l.contains("pull"))
      set(.restartBackOff, l.contains("restarting"))
      set(.pullBackOff, l.contains("pulling image"))
    case .backOffSpaced?:
      set(.mentionsPull, l.contains("pull"))
      set(.pullBackOff, l.contains("pulling image"))
    case .failed?:
      set(.mentionsPull, l.contains("pull"))
      set(.failedPull, l.contains("failed to pull image"))
      set(.pullErrorReport, m.hasPrefix("Error: ErrImagePull") || m.hasPrefix("Error: ImagePullBackOff"))
      set(.otherError, l.hasPrefix("error: ") && !l.contains("invalidimagename") && !l.contains("errimageneverpull"))
      containerReport()
      set(.sandboxFailure, sandboxWords)
    case .failedSync?:
      set(.mentionsPull, l.contains("pull"))
      set(.syncCrashLoop, l.contains("crashloopbackoff"))
      containerReport()
      set(.mountFailure, l.contains("waiting for volumes") || l.contains("unable to mount volumes"))
      set(.sandboxFailure, sandboxWords)
    case .failedSetupNetwork?:
      set(.sandboxFailure, sandboxWords)
    case .failedMount?, .failedAttachVolume?, .failedMapVolume?:
      set(.mountFailure, true)
    case .failedCreatePodSandBox?, .failedCreatePodContainer?:
      set(.sandboxFailure, true)
    case .taintManagerEviction?:
      set(.marksTaintEviction, l.hasPrefix("marking"))
      set(.cancelsTaintEviction, l.hasPrefix("cancelling"))
    default:
      break
    }
    return a
  }

  /// `isKillFailure` of reason `r` and lower-cased message `l`.
  private static func isKillFailure(reason r: EventReason?, lowered l: String) -> Bool {
    [.failedKillPod, .failedPreStopHook, .preStopHookFailed].contains(r) || l.contains("error killing pod")
  }

  /// `isKillFailure` of `e` without the rest of a reading (the projection asks it of each Event
  /// series of a pod).
  static func isKillFailure(_ e: EventRecord) -> Bool {
    isKillFailure(reason: EventReason(anyCase: e.reason), lowered: e.message.lowercased())
  }

  /// Which probe an Unhealthy event's lower-cased message `l` says failed.
  private static func failedProbe(_ l: String) -> FailedProbe? {
    if l.contains("probe errored") { return nil }
    if l.hasPrefix("liveness probe") { return .liveness }
    if l.hasPrefix("startup probe") { return .startup }
    if l.hasPrefix("readiness probe") { return .readiness }
    return nil
  }

  /// Why a Killing event's lower-cased message `l` says its container was killed: the one
  /// reading of a kill, for the projection's meaning (`killedLiveness`…) and the rules alike.
  /// Spellings by release (docs/kubernetes-semantics.md §6.1): `Container x failed liveness probe,
  /// will be restarted` (1.14+); `Killing container with id docker://x:Container failed liveness
  /// probe.. Container will be killed and recreated.` (1.7–1.13); `Killing container with docker id
  /// 9a8b: pod "p" container "x" is unhealthy, it will be killed and re-created.` (≤1.6: the
  /// kubelet's liveness manager reported a failure; the only probe then). A spec change
  /// (`definition changed`, `hash changed (…), it will be killed and re-created`), a deletion
  /// (`Stopping container`, `Killing container with id …:Need to kill Pod`) stop a container; a
  /// mere mention of a probe (`liveness`) is no failure.
  static func kill(_ l: String) -> Kill {
    if l.contains("failed liveness probe") || l.contains("is unhealthy, it will be killed") { return .failedLiveness }
    if l.contains("failed startup probe") { return .failedStartup }
    if l.contains("poststarthook") || l.contains("post start hook") { return .postStartHook }
    if l.contains("stopping container") || l.contains("definition changed") || l.contains("will be killed")
      || l.hasPrefix("killing container") { return .stopping }
    return .bare
  }

  /// The words of an admission's security refusal of a pod.
  static let admissionRefusalWords = ["violates podsecurity", "unable to validate against any security context constraint",
                                      "unable to validate against any pod security policy", "forbidden: pod security policy",
                                      "cannot enforce apparmor", "apparmor is not enabled on the host"]

  /// The admission refusal the lower-cased message `l` words, if any.
  private static func admissionRefusal(_ l: String) -> AdmissionRefusal? {
    guard admissionRefusalWords.contains(where: { l.contains($0) }) else { return nil }
    let mechanism: AdmissionRefusal.Mechanism = l.contains("podsecurity") ? .podSecurity
      : l.contains("security context constraint") ? .securityContextConstraints : l.contains("apparmor") ? .appArmor : .podSecurityPolicy
    return AdmissionRefusal(mechanism: mechanism, forbidden: l.contains("forbidden"))
  }
}

// MARK: - The projection's meaning

extension EventReading {
  /// Whether `e` (with reason `r`) is a failure of the ≤1.5 kubelet's `POD` infra container, which
  /// was the pod's sandbox.
  static func isInfraContainerFailure(_ e: EventRecord, reason r: EventReason?) -> Bool {
    e.fieldPath == "implicitly required container POD" && (r == .failed || r == .failedSync || r == .backOff)
  }

  /// What `e` means to the projection, without the rest of a reading (the picture's Event rows).
  static func meaning(of e: EventRecord) -> EventMeaning {
    let exact = EventReason(exactly: e.reason)
    return meaning(of: e, exact: exact, anyCase: exact ?? EventReason(anyCase: e.reason)) { e.message.lowercased() }
  }

  /// Classifies an Event by reason (as spelled today: `exact`) and, for the reasons whose message
  /// decides, the message (`lowered`, made only for them). Messages are matched loosely: their
  /// wording changed across releases (docs/kubernetes-semantics.md §6.1), the reason did not.
  private static func meaning(of e: EventRecord, exact: EventReason?, anyCase: EventReason?, lowered: () -> String) -> EventMeaning {
    // 2014–2015 schedulers wrote `failedScheduling`/`scheduled`: pod-level, read in any case.
    // (Lower-case kubelet reasons stay unclassified here: `killing` alone does not say what
    // the container did next; the rules read them in any case.)
    let oldScheduler = anyCase.flatMap { [.failedScheduling, .scheduled].contains($0) ? $0 : nil }
    guard let reason = exact ?? oldScheduler else { return .other }
    // ≤1.5: the sandbox was the `POD` infra container; its failures are no app container's.
    if isInfraContainerFailure(e, reason: reason) { return .failedSandbox }
    switch reason {
    case .started: return .started
    case .created: return .created
    case .pulling: return .pulling
    case .pulled: return .pulled
    case .killing:
      switch kill(lowered()) {
      case .failedLiveness: return .killedLiveness
      case .failedStartup: return .killedStartup
      case .postStartHook: return .killedPostStart
      case .stopping: return .killedStopping
      case .bare: return .killedOther
      }
    case .backOff:
      return lowered().contains("pulling image") ? .backOffPull : .backOffRestart
    case .failed:
      let m = lowered()
      if m.contains("imagepullbackoff") { return .pullBackOff }
      // (`Failed to pull image "…"` is one of the messages that say `pull image`.)
      if m.contains("pull image") || m.contains("errimagepull") { return .pullFailed }
      // `Error: InvalidImageName` / `Error: ErrImageNeverPull`: the kubelet's image errors, not create errors.
      if m.hasPrefix("error: invalidimagename") { return .invalidImage }
      if m.hasPrefix("error: errimageneverpull") { return .neverPull }
      if m.contains("error:") { return .createError(e.message) }
      return .other
    case .errImagePull: return .pullFailed
    case .inspectFailed: return .invalidImage
    case .errImageNeverPull: return .neverPull
    case .unhealthy:
      let m = lowered()
      // `… probe errored: …`: the probe could not run; the kubelet discards the result.
      if m.contains("probe errored") { return .other }
      if m.contains("readiness") { return .unhealthyReadiness }
      if m.contains("startup") { return .unhealthyStartup }
      if m.contains("liveness") { return .unhealthyLiveness }
      return .other
    case .failedMount, .failedAttachVolume: return .failedMount
    // The kubelet could not make the pod-level cgroup (its "pod container"): no sandbox either.
    case .failedCreatePodSandBox, .failedCreatePodContainer: return .failedSandbox
    case .sandboxChanged: return .sandboxChanged
    case .scheduled: return .scheduled(node: scheduledNode(e.message))
    case .failedScheduling: return .failedScheduling
    case .failedSync:
      // Old kubelets (≈≤1.9) report a failed sync step as FailedSync: the step's own reason
      // (CrashLoopBackOff, ErrImagePull...) is in the message (docs/kubernetes-semantics.md §6.1).
      guard let step = FailedSyncStep(e.message), step.startsContainer else { return .other }
      switch StatusReason(step.reason) {
      case .crashLoopBackOff?: return .backOffRestart
      case .errImagePull?: return .pullFailed
      case .imagePullBackOff?: return .pullBackOff
      case .invalidImageName?: return .invalidImage
      case .errImageNeverPull?: return .neverPull
      case .runContainerError?, .createContainerError?, .createContainerConfigError?, .postStartHookError?, .preStartHookError?:
        return .createError("Error: \(step.reason): \(step.detail)")
      default: return .other
      }
    case .evicted: return .evicted
    case .preempted, .preempting: return .preempted
    case .nodeNotReady: return .nodeNotReady
    case .deadlineExceeded: return .deadlineExceeded
    case .taintManagerEviction: return lowered().contains("cancelling") ? .other : .taintEviction
    case .failedPostStartHook: return .postStartHookFailed
    case .outOfCPU, .outOfMemory, .outOfPods, .outOfEphemeralStorage, .nodeAffinity, .unexpectedAdmissionError:
      return .admissionRejected
    case .backOffSpaced, .failedMapVolume, .successfulMountVolume, .failedSetupNetwork, .nodeControllerEviction,
         .failedKillPod, .failedPreStopHook, .preStopHookFailed, .nodeSelectorMismatching:
      return .other
    }
  }

  /// The waiting reason a `Failed` "Error: ..." event (`EventMeaning.createError`) stands for
  /// (docs/kubernetes-semantics.md §9.1).
  static func waitingReason(ofCreateError message: String) -> String {
    // An old kubelet's FailedSync names the reason itself (`Error: RunContainerError: ...`).
    for r in ["CreateContainerConfigError", "CreateContainerError", "RunContainerError", "PostStartHookError", "PreStartHookError"]
    where message.hasPrefix("Error: \(r):") { return r }
    let m = message.lowercased()
    // The kubelet's makeMounts fails before the container exists: `failed to prepare subPath for
    // volumeMount "x" of container "y"` is a CreateContainerConfigError.
    if m.contains("configmap") || m.contains("secret") || m.contains("couldn't find key") || m.contains("runasnonroot")
        || m.contains("non-root") || m.contains("failed to prepare subpath") { return "CreateContainerConfigError" }
    if m.contains("poststart") { return "PostStartHookError" }
    if m.contains("failed to start") || m.contains("runcontainer") || m.contains("executable file not found") {
      return "RunContainerError"
    }
    return "CreateContainerError"
  }

  /// The node of a Scheduled message (`Successfully assigned ns/pod to node`): the word after
  /// the last word "to", words being split at spaces. ASCII text is scanned in place.
  static func scheduledNode(_ message: String) -> String? {
    guard message.utf8.allSatisfy({ $0 < 0x80 }) else {
      let words = message.split(separator: " ")
      if let i = words.lastIndex(of: "to"), i + 1 < words.count { return String(words[i + 1]) }
      return nil
    }
    var text = message
    return text.withUTF8 { buf -> String? in
      var end = buf.count
      var following: Range<Int>?
      while end > 0 {
        while end > 0 && buf[end - 1] == 0x20 { end -= 1 }
        if end == 0 { break }
        var start = end
        while start > 0 && buf[start - 1] != 0x20 { start -= 1 }
        // The last "to": the word after it, if any.
        if end - start == 2 && buf[start] == 0x74 && buf[start + 1] == 0x6F {
          return following.map { String(decoding: UnsafeBufferPointer(rebasing: buf[$0]), as: UTF8.self) }
        }
        following = start..<end
        end = start
      }
      return nil
    }
  }
}

// MARK: - Texts Events share with container and pod states

extension EventReading {
  /// A pull failure in the runtime's or kubelet's words of any era (schema/causes.md,
  /// Image.PullFailed), of an Event's or a waiting state's lower-cased message `l`: docker's
  /// `image … not found`, `pull access denied`, containerd's `failed to pull and unpack image`,
  /// the kubelet's `image pull failed for`.
  static func isPullFailure(_ l: String) -> Bool {
    (l.contains("image ") && l.contains("not found")) || l.contains("failed to pull image") || l.contains("image pull failed")
      || l.contains("pull access denied") || l.contains("failed to pull and unpack image") || l.contains("manifest unknown")
      || l.contains("errimagepull") || l.contains("imagepullbackoff") || l.contains("is not ready on the node")
  }

  /// `isPullFailure` of `text` in any case (a waiting state's message).
  static func saysPullFailure(_ text: String) -> Bool { isPullFailure(text.lowercased()) }

  /// Why a pull failed, from the registry's or runtime's words in `text` (any case), checked in
  /// this order: rate limits, a missing or private repository, refused credentials, a missing
  /// tag, an unreachable registry.
  static func pullProblem(in text: String) -> PullProblem {
    let l = text.lowercased()
    if l.contains("toomanyrequests") || l.contains("rate limit") || l.contains("429") { return .rateLimited }
    if l.contains("pull access denied") || l.contains("repository does not exist or may require") { return .repositoryDeniedOrMissing }
    if l.contains("unauthorized") || l.contains("authentication required") || l.contains("403")
        || l.contains("denied") || l.contains("no basic auth credentials") || l.contains("no credentials") && !l.contains("not found") {
      return .unauthorized
    }
    if l.contains("manifest unknown") || l.contains("not found") || l.contains("does not exist") || l.contains("404") || l.contains("no such image") || l.contains("manifest for") {
      return .notFound
    }
    if l.contains("i/o timeout") || l.contains("no such host") || l.contains("connection refused") || l.contains("tls handshake")
        || l.contains("dial tcp") || l.contains("context deadline exceeded") || l.contains("network is unreachable") || l.contains("x509") {
      return .registryUnreachable
    }
    return .unknown
  }

  /// The image `message` names in quotes (`Failed to pull image "nginx:1.2"`, escaped quotes
  /// too); nil when it names none.
  static func image(in message: String) -> String? {
    let m = message.replacingOccurrences(of: "\\\"", with: "\"")
    if m.contains("mage \""), let r = m.firstMatch(of: Patterns.cached("image.quoted") { /[Ii]mage \"([^\"]+)\"/ }) { return String(r.1) }
    return nil
  }

  /// The container an Event's message names, for Events without a fieldPath (`Started container
  /// app`, `Container app failed liveness probe`, `container=app`, `for "app" with`, ≤1.6's
  /// `container "app" is unhealthy`; never the `with` of `Killing container with docker id`). Each
  /// pattern runs only when the message holds its literal part (a cheap test: `why -A` reads
  /// every Event of every pod).
  static func container(inMessage message: String) -> String? {
    if ["Created container", "Started container", "Stopping container", "Killing container"].contains(where: message.hasPrefix),
       let m = message.firstMatch(of: Patterns.cached("message.verbContainer") { /^(?:Created|Started|Stopping|Killing) container:? (?!with )([A-Za-z0-9][\w.-]*)/ }) { return String(m.1) }
    // ≤1.6: `Killing container with docker id 5dc2: pod "x_ns(uid)" container "app" is unhealthy, …`.
    if message.contains("\" is unhealthy"),
       let m = message.firstMatch(of: Patterns.cached("message.unhealthyContainer") { /container +\"([A-Za-z0-9][\w.-]*)\" is unhealthy/ }) { return String(m.1) }
    if message.hasPrefix("Container "),
       let m = message.firstMatch(of: Patterns.cached("message.probeContainer") { /^Container ([A-Za-z0-9][\w.-]*) failed (?:liveness|startup)/ }) { return String(m.1) }
    if message.contains("restarting failed container"),
       let m = message.firstMatch(of: Patterns.cached("message.restartingContainer") { /restarting failed container:? ([A-Za-z0-9][\w.-]*)/ }) { return String(m.1) }
    if message.contains("container="), let m = message.firstMatch(of: Patterns.cached("message.containerEquals") { /container=([A-Za-z0-9][\w.-]*)/ }) { return String(m.1) }
    if message.contains("for \""), let m = message.firstMatch(of: Patterns.cached("message.forWith") { /for \"([A-Za-z0-9][\w.-]*)\" with/ }) { return String(m.1) }
    return nil
  }

  /// What an eviction's message (the Evicted Event's, or the pod's status message) says: `The
  /// node was low on resource: memory. Container app was using 1Gi, which exceeds its request of
  /// 512Mi.` Each pattern runs only when the message holds its literal part.
  static func eviction(in message: String) -> Eviction {
    func trimDot(_ s: Substring) -> String { String(s).trimmingCharacters(in: CharacterSet(charactersIn: ".,")) }
    let m = message
    let resource = m.contains("low on resource: ") ? m.firstMatch(of: Patterns.cached("eviction.resource") { /low on resource: ([\w.\/-]+)/ }).map { trimDot($0.1) } : nil
    let container = m.contains(" was using ") ? m.firstMatch(of: Patterns.cached("eviction.container") { /Container ([A-Za-z0-9][\w.-]*) was using ([0-9A-Za-z.]+)/ }) : nil
    let request = m.contains("request") ? m.firstMatch(of: Patterns.cached("eviction.request") { /(?:exceeds its request of|request is) ([0-9A-Za-z.]+)/ }).map { trimDot($0.1) } : nil
    return Eviction(resource: resource, container: container.map { (String($0.1), trimDot($0.2)) }, request: request)
  }

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

  /// `isCreateFailure` of `text` in any case (a waiting state's message).
  static func saysCreateFailure(_ text: String) -> Bool { isCreateFailure(text.lowercased()) }

  /// What the runtime's message `text` (any case) says went wrong creating or starting a
  /// container: a mount into its root filesystem, a missing executable, another OS, a mode.
  static func createProblem(in text: String) -> CreateProblem {
    let l = text.lowercased()
    // runc: `mounting "/var/lib/kubelet/pods/…/volume-subpaths/…" to rootfs "…" at "…" caused "…"`.
    if l.contains("mounting "), l.contains("rootfs") {
      if l.contains("volume-subpaths") { return .subPathMount }
      if l.contains("not a directory") || l.contains("is a directory") { return .fileOverDirectory }
      return .mount
    }
    if l.contains("executable file not found") || l.contains("no such file or directory") { return .missingExecutable }
    if l.contains("operating system of the container does not match") { return .operatingSystemMismatch }
    if l.contains("permission denied") { return .permissionDenied }
    return .unknown
  }

  /// Whether `text` (any case) names a security mechanism that refused the container or pod.
  static func isSecurityRefusal(_ text: String) -> Bool {
    let l = text.lowercased()
    return securityWords.contains { l.contains($0) }
  }

  /// The security mechanism `text` (any case) names: AppArmor, seccomp, SELinux, else Pod
  /// Security admission.
  static func securityMechanism(in text: String) -> SecurityMechanism {
    let l = text.lowercased()
    return l.contains("apparmor") ? .appArmor : l.contains("seccomp") ? .seccomp : l.contains("selinux") ? .seLinux : .podSecurityAdmission
  }

  /// Whether the lower-cased message `l` says a configuration reference cannot be resolved
  /// (`Error: configmap "x" not found`, a missing key, runAsNonRoot with a root image,
  /// CreateContainerConfigError).
  static func isConfigError(_ l: String) -> Bool {
    l.hasPrefix("error: configmap") || l.hasPrefix("error: secret") || l.contains("couldn't find key") || l.contains("runasnonroot")
      || l.contains("createcontainerconfigerror") || l.contains("failed to prepare subpath")
  }

  /// The configuration problem `text` (any case) names besides a missing ConfigMap or Secret: a
  /// missing key, runAsNonRoot with an image that runs as root, or a subPath the kubelet cannot
  /// prepare; nil for none.
  static func configProblem(in text: String) -> ConfigProblem? {
    let l = text.lowercased()
    if l.contains("couldn't find key") { return .missingKey }
    if l.contains("runasnonroot") || l.contains("non-root") { return .runAsNonRoot }
    if l.contains("failed to prepare subpath") { return .subPath }
    return nil
  }

  /// What a mount failure's message `text` says besides a missing object: the mount command
  /// failed (`exit status 32`, `mount.nfs`), or attaching/mounting timed out; nil for neither.
  static func mountProblem(in text: String) -> MountProblem? {
    let l = text.lowercased()
    if text.contains("exit status 32") || l.contains("mount.nfs") { return .mountCommandFailed }
    if l.contains("timed out waiting for the condition") || l.contains("timeout expired") { return .timedOut }
    return nil
  }

  /// Why a sandbox failure's message `text` (any case) says the sandbox could not be made: the
  /// network plugin, the kernel's cgroups, the RuntimeClass's handler, a security profile; nil
  /// when it says none of these.
  static func sandboxProblem(in text: String) -> SandboxProblem? {
    let l = text.lowercased()
    if l.contains("no networks found") || l.contains("cni") || l.contains("network plugin") || l.contains("setupnetwork") || l.contains("setup network") {
      return .network(noConfiguration: l.contains("no networks found"))
    }
    // mkdir of a cgroup failing with ENOMEM/ENOSPC while the node has memory.
    if l.contains("cgroup"), l.contains("cannot allocate memory") || l.contains("no space left on device") { return .cgroupsExhausted }
    if l.contains("runtimeclass") || l.contains("runtime handler") { return .runtimeClassHandler }
    if isSecurityRefusal(text) { return .securityProfile }
    return nil
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

  /// What a failed probe's output says.
  enum ProbeOutput: Equatable, Sendable {
    /// `connect: connection refused`: nothing listens on the port.
    case connectionRefused
    /// An HTTP probe answered with this status code (`statuscode: 503`).
    case httpStatus(String)
    /// The probe timed out (`timeout`, `deadline exceeded`).
    case timeout
    /// `no route to host`.
    case noRouteToHost
    /// None of these: the message itself says.
    case other
  }

  /// An admission's security refusal of a pod, from an Event's words.
  struct AdmissionRefusal: Equatable, Sendable {
    /// The admission mechanism that refused the pod.
    enum Mechanism: Sendable { case podSecurity, securityContextConstraints, appArmor, podSecurityPolicy }
    /// Which mechanism refused it.
    var mechanism: Mechanism
    /// Whether the message says the request was forbidden (so the pod is never created).
    var forbidden: Bool
  }

  /// What an eviction's message says.
  struct Eviction: Sendable {
    /// The resource the node was low on (`memory`, `ephemeral-storage`).
    var resource: String?
    /// The container the message names and what it was using.
    var container: (name: String, usage: String)?
    /// The container's request the message names.
    var request: String?
  }

  /// Why a pull failed.
  enum PullProblem: Sendable { case rateLimited, repositoryDeniedOrMissing, unauthorized, notFound, registryUnreachable, unknown }

  /// What went wrong creating or starting a container.
  enum CreateProblem: Sendable {
    /// Mounting a subPath volume into the root filesystem failed.
    case subPathMount
    /// A file mounted over a directory or the reverse.
    case fileOverDirectory
    /// Another mount into the root filesystem failed.
    case mount
    /// The command is not in the image.
    case missingExecutable
    /// The image's operating system is not the node's.
    case operatingSystemMismatch
    /// The command is not executable.
    case permissionDenied
    /// The message says none of these.
    case unknown
  }

  /// The security mechanism that refused a container or pod.
  enum SecurityMechanism: Sendable { case appArmor, seccomp, seLinux, podSecurityAdmission }

  /// A configuration problem besides a missing ConfigMap or Secret.
  enum ConfigProblem: Sendable { case missingKey, runAsNonRoot, subPath }

  /// Why a volume could not be mounted, besides a missing object.
  enum MountProblem: Sendable { case mountCommandFailed, timedOut }

  /// Why a pod sandbox could not be created.
  enum SandboxProblem: Equatable, Sendable {
    /// The network plugin (CNI) failed; `noConfiguration` when /etc/cni/net.d holds none.
    case network(noConfiguration: Bool)
    /// The kernel refused to create the pod's cgroup.
    case cgroupsExhausted
    /// The RuntimeClass's handler is not configured on the node.
    case runtimeClassHandler
    /// A security profile refused the sandbox.
    case securityProfile
  }
}
