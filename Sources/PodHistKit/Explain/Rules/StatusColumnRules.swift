import Foundation

/// What kubectl's STATUS column alone says, when nothing richer does: a `kubectl get pods` row
/// (`ImagePullBackOff`, `CreateContainerConfigError`, `Unknown`, `OOMKilled`…) is often the whole
/// paste. The STATUS word names the cause's family as kubectl computed it (docs/kubernetes-semantics.md §3), but
/// not its detail (which image, which key, which exit code), so these causes are `medium`
/// at best, and `low` where the word fits several causes (`CrashLoopBackOff`, `Error`).
///
/// Runs after the other families and only when none of them found a fault (score ≥ 10): a
/// container state or an event always explains better than the column.
enum StatusColumnRules {
  /// A cause family the STATUS word implies.
  struct Reading {
    var code: CauseCode
    var confidence: Confidence
    var summary: String
    var hint: String
  }

  /// The reading of one STATUS word (without the `Init:` prefix), given the restart count.
  static func reading(_ word: String, restarts: ClosedRange<Int>, initContainer: Bool) -> Reading? {
    let who = initContainer ? "An init container" : "A container"
    let restarted = restarts.lowerBound > 0
    guard let reason = StatusReason(word) else { return nil }
    switch reason {
    case .errImagePull, .imagePullBackOff, .registryUnavailable, .imageInspectError, .signatureValidationFailed:
      return Reading(code: .imagePullFailed, confidence: .medium,
                     summary: "\(who)'s image cannot be pulled (STATUS \(word)); the registry's error is not in the paste.",
                     hint: "The first `Failed to pull image` event (`kubectl describe pod`) carries the registry's answer: not found, unauthorized, rate limited or unreachable.")
    case .invalidImageName:
      return Reading(code: .imageInvalidName, confidence: .medium,
                     summary: "\(who)'s image reference is not a valid image name (STATUS InvalidImageName), so the kubelet never pulls it.",
                     hint: "Check the image field: an empty or unrendered tag (`repo:`), upper-case letters or stray characters make it invalid.")
    case .errImageNeverPull:
      return Reading(code: .imageNeverPull, confidence: .medium,
                     summary: "imagePullPolicy is Never and the image is not on the node (STATUS ErrImageNeverPull).",
                     hint: "Load the image onto the node, or change imagePullPolicy.")
    case .createContainerConfigError:
      return Reading(code: .containerConfigError, confidence: .medium,
                     summary: "\(who) cannot be configured (STATUS CreateContainerConfigError): usually a missing ConfigMap, Secret or key it references, or runAsNonRoot with a root image.",
                     hint: "`kubectl describe pod` shows the `Error:` event naming the missing object or key.")
    case .createContainerError, .runContainerError, .containerCannotRun, .startError, .preStartHookError, .preCreateHookError:
      return Reading(code: .containerCreateFailed, confidence: .medium,
                     summary: "The container runtime could not create or start \(who.lowercased()) (STATUS \(word)).",
                     hint: "The `Failed` event or the container state's message (`kubectl describe pod`) says why: a missing executable, a bad mount, a runtime error.")
    case .postStartHookError:
      return Reading(code: .crashLoopPostStartHook, confidence: .medium,
                     summary: "\(who)'s postStart hook fails, so the kubelet kills it (STATUS PostStartHookError).",
                     hint: "The FailedPostStartHook event carries the hook's output.")
    case .oomKilled:
      return Reading(code: restarted ? .crashLoopOOMKilled : .failedOOMKilled, confidence: .medium,
                     summary: "\(who) was killed for exceeding its memory limit (STATUS \(word))\(restarted ? " and restarts" : "").",
                     hint: "Raise the container's memory limit or reduce its memory use.")
    case .crashLoopBackOff:
      return Reading(code: .crashLoopAppError, confidence: .low,
                     summary: "\(who) keeps exiting and the kubelet backs off restarting it (STATUS CrashLoopBackOff); the paste does not show why it exits (exit code, OOM or probe kills).",
                     hint: "`kubectl logs --previous` and the Last State in `kubectl describe pod` show why it exits.")
    case .error:
      return Reading(code: restarted ? .crashLoopAppError : .failedAppError, confidence: .low,
                     summary: "\(who) exited with a non-zero code (STATUS Error)\(restarted ? " and is restarted" : ""); the exit code is not in the paste.",
                     hint: "`kubectl logs --previous` shows what the process printed before it exited.")
    case .completed where restarted:
      return Reading(code: .crashLoopCompleted, confidence: .low,
                     summary: "\(who) exits 0 and is restarted (STATUS Completed with restarts): a run-once program under restartPolicy Always.",
                     hint: "Run it as a Job (restartPolicy OnFailure/Never), or make the process keep running.")
    case .unknown, .nodeLost:
      return Reading(code: .nodeLost, confidence: .medium,
                     summary: "The pod's node stopped reporting (STATUS \(word)): the pod's real state is unknown until the node returns or the pod is deleted.",
                     hint: "`kubectl get nodes` shows the node NotReady; the pod is recreated elsewhere by its controller after the eviction timeout, or needs a force delete.")
    case .evicted:
      return Reading(code: .evictedNodePressure, confidence: .medium,
                     summary: "The kubelet evicted the pod because the node ran low on a resource (STATUS Evicted).",
                     hint: "`kubectl describe pod` shows which resource (memory, ephemeral-storage) and which container used most.")
    case .deadlineExceeded:
      return Reading(code: .failedDeadlineExceeded, confidence: .medium,
                     summary: "The pod ran longer than its activeDeadlineSeconds (STATUS DeadlineExceeded).",
                     hint: "Raise activeDeadlineSeconds or make the work finish sooner.")
    case .outOfCPU, .outOfMemory, .outOfPods, .outOfEphemeralStorage:
      return Reading(code: .unschedulableInsufficientResources, confidence: .medium,
                     summary: "The node's kubelet refused the pod at admission (STATUS \(word)): not enough \(word.dropFirst(5)) on the node.",
                     hint: "The scheduler and kubelet disagreed about free resources; the controller creates a new pod.")
    case .nodeAffinity:
      return Reading(code: .unschedulableNodeSelector, confidence: .medium,
                     summary: "The node's kubelet refused the pod: it does not match the pod's node selector or affinity (STATUS NodeAffinity).",
                     hint: "Compare the pod's nodeSelector/affinity with the node's labels.")
    case .schedulingGated:
      return Reading(code: .unschedulableOther, confidence: .medium,
                     summary: "The pod has scheduling gates, so the scheduler does not consider it yet (STATUS SchedulingGated).",
                     hint: "Whatever added the gate (spec.schedulingGates) must remove it.")
    case .blocked, .appArmor, .sysctlForbidden:
      return Reading(code: .securityBlocked, confidence: .medium,
                     summary: "A security mechanism on the node refused the pod (STATUS \(word)).",
                     hint: "The status message names the profile or sysctl the node does not allow.")
    default:
      return nil
    }
  }

  static func candidates(_ ctx: ExplainContext, found: [Candidate]) -> [Candidate] {
    // The column must have been printed (a pods row, a describe, a Pod object): a STATUS the
    // projection derived from events alone says nothing the events do not.
    guard ctx.hasSnapshot, !found.contains(where: { $0.score >= 10 }) else { return [] }
    var word = ctx.state.statusWord
    let isInit = ctx.state.statusIsInit
    // The pod's reason (`Evicted`, `NodeLost`, `OutOfcpu`) when the column fell back to the phase.
    if reading(word, restarts: ctx.state.restarts, initContainer: isInit) == nil, let r = ctx.state.reason { word = r }
    guard let r = reading(word, restarts: ctx.state.restarts, initContainer: isInit) else { return flapping(ctx) }
    if StatusReason(word) == .crashLoopBackOff, !isInit, let watched = watchedKills(ctx) { return watched }
    if StatusReason(word) == .crashLoopBackOff, !isInit, !ctx.runOnce, let ends = endsByItself(ctx) { return ends }
    // The container the STATUS comes from, when only one can be meant.
    let podLevel = r.code.isPodLevel
    let candidates = ctx.state.containers.filter { isInit ? $0.kind == .`init` : $0.kind != .`init` }
    let container = candidates.count == 1 && !podLevel ? candidates[0] : nil
    let evidence = ctx.evidence(podField: "status", reason: "STATUS", message: ctx.state.status)
    return [Candidate(cause: Cause(code: r.code, container: container?.name,
                                   containerKind: podLevel ? nil : container?.kind ?? (isInit ? .`init` : .regular),
                                   confidence: r.confidence, summary: r.summary,
                                   chain: ["STATUS \(ctx.state.status), READY \(ctx.state.ready), RESTARTS \(ctx.state.restarts.lowerBound)" as Narrative],
                                   evidence: [evidence].compactMap { $0 }, hints: [Narrative(r.hint)]),
                      score: 40)]
  }

  /// CrashLoopBackOff of a pod whose one container runs a command that ends by itself (`sleep
  /// 30s`, `echo hello`) under restartPolicy Always: each exit is a restart. Low: the exit code
  /// is not in the paste.
  static func endsByItself(_ ctx: ExplainContext) -> [Candidate]? {
    let regular = ctx.state.containers.filter { $0.kind != .`init` }
    guard regular.count <= 1, let argv = ctx.commandLine(regular.first?.name), let ending = FiniteCommand.ending(argv) else { return nil }
    let evidence = ctx.evidence(podField: "status", reason: "STATUS", message: ctx.state.status)
    let chain: [Narrative] = [Narrative("STATUS \(ctx.state.status), RESTARTS \(ctx.state.restarts.lowerBound)"),
                              Narrative("the container runs `\(ending)`, which ends by itself; restartPolicy \(ctx.restartPolicy)")]
    return [Candidate(cause: Cause(code: .crashLoopCompleted, container: regular.first?.name, containerKind: .regular, confidence: .low,
                                   summary: "The container runs `\(ending)`, which ends by itself; restartPolicy is \(ctx.restartPolicy), so the kubelet starts it again after every exit and backs off (STATUS CrashLoopBackOff). The exit code is not in the paste.",
                                   chain: chain, evidence: [evidence].compactMap { $0 },
                                   hints: [FiniteCommand.hint]),
                      score: 40),
            Candidate(cause: Cause(code: .crashLoopAppError, container: regular.first?.name, containerKind: .regular, confidence: .low,
                                   summary: "The command may also fail before it ends; the exit code would tell.",
                                   chain: chain, evidence: [evidence].compactMap { $0 }, hints: []),
                      score: 20)]
  }

  /// A watch of a one-container pod's rows (`kubectl get pods -w`) in which every restart is
  /// seen with the container Running and no row shows it terminated (Error, Completed,
  /// OOMKilled…): the kubelet killed and restarted it within one sync, as after a failed liveness
  /// probe, while a container that exits by itself shows its termination before it starts again.
  /// Low: a short-lived exit between two rows would look the same.
  static func watchedKills(_ ctx: ExplainContext) -> [Candidate]? {
    let rows = ctx.snapshots.filter { $0.clock == ctx.state.clock }
      .compactMap { f in f.snapshot?.row.map { (fact: f, row: $0) } }
    guard rows.count >= 6, rows.allSatisfy({ ($0.row.ready ?? "").hasSuffix("/1") }) else { return nil }
    let ends: Set<StatusReason> = [.error, .completed, .oomKilled, .containerCannotRun, .startError, .deadlineExceeded]
    guard !rows.contains(where: { r in
      let status = KubectlStatus(r.row.status)
      return status.reason.map(ends.contains) ?? false || status.isBareTermination
    }) else { return nil }
    var increases: [(fact: Fact, row: PodRow)] = []
    for k in rows.indices.dropFirst() {
      guard let now = rows[k].row.restarts, let before = rows[k - 1].row.restarts, now > before else { continue }
      guard rows[k].row.status == "Running" else { return nil }
      increases.append(rows[k])
    }
    guard increases.count >= 3 else { return nil }
    let evidence = increases.suffix(3).map { r in
      Evidence(time: r.fact.observed, reason: "STATUS", message: Narrative("\(r.row.status), RESTARTS \(r.row.restarts.map(String.init) ?? "?")"),
               source: r.fact.provenance.source, line: r.fact.provenance.firstLine)
    }
    let chain: [Narrative] = [Narrative("\(rows.count) rows: \(increases.count) restarts, each first seen with the container Running again, none with it terminated")]
    let regular = ctx.state.containers.filter { $0.kind != .`init` }
    let name = regular.count == 1 ? regular[0].name : nil
    return [Candidate(cause: Cause(code: .crashLoopLivenessProbe, container: name, containerKind: .regular, confidence: .low,
                                   summary: "The container is restarted again and again, and the rows never show it ending by itself (no Error or Completed row; each restart is first seen Running): the kubelet kills it and starts it in one go, which is what a failing liveness probe does.",
                                   chain: chain, evidence: evidence,
                                   hints: [Narrative("`kubectl describe pod \(ShellWord.quoted(ctx.state.object.name))` shows the Unhealthy and Killing events; check the liveness probe's command, port and thresholds.")]),
                      score: 40),
            Candidate(cause: Cause(code: .crashLoopAppError, container: name, containerKind: .regular, confidence: .low,
                                   summary: "A container that exits by itself between two rows would look the same.",
                                   chain: chain, evidence: evidence, hints: []),
                      score: 20)]
  }

  /// A pod Running now whose rows (a `kubectl get pods -w`, or pastes taken a while apart) showed
  /// it exiting and restarting in the last hour: the loop is the fault, though the latest row is
  /// Running. The words the rows printed name its family: OOMKilled, Error (non-zero exit),
  /// Completed (exit 0 under restartPolicy Always), or only CrashLoopBackOff.
  static func flapping(_ ctx: ExplainContext) -> [Candidate] {
    let hourAgo = ctx.state.at - .seconds(3600)
    let rows = ctx.snapshots.filter { $0.observed >= hourAgo && $0.clock == ctx.state.clock }
      .compactMap { f in f.snapshot?.row.map { (fact: f, row: $0) } }
    guard rows.count >= 2 else { return [] }
    let counts = rows.compactMap(\.row.restarts)
    guard let low = counts.min(), let high = counts.max(), high > low else { return [] }
    let words = rows.map { StatusReason($0.row.status) }
    let exits: [(StatusReason, CauseCode)] = [(.oomKilled, .crashLoopOOMKilled), (.error, .crashLoopAppError),
                                              (.completed, .crashLoopCompleted)]
    let seen = exits.filter { e in words.contains(e.0) }
    let backedOff = words.contains(.crashLoopBackOff)
    guard !seen.isEmpty || backedOff else { return [] }
    if seen.isEmpty, let watched = watchedKills(ctx) { return watched }
    let code = seen.first?.1 ?? .crashLoopAppError
    // One kind of exit seen again and again singles out the cause; several, or none, do not.
    let confidence: Confidence = seen.count == 1 ? .medium : .low
    let how: String
    switch code {
    case .crashLoopOOMKilled: how = "it is killed for exceeding its memory limit (STATUS OOMKilled)"
    case .crashLoopCompleted: how = "it exits 0 and is started again (STATUS Completed): a run-once program under restartPolicy Always"
    default: how = seen.isEmpty ? "the rows do not show why it exits (only CrashLoopBackOff)" : "it exits with a non-zero code (STATUS Error)"
    }
    let shown = rows.map(\.row.status)
    let sequence = shown.enumerated().filter { $0.offset == 0 || shown[$0.offset - 1] != $0.element }.map(\.element)
    let summary = "The pod is Running at the end, but it restarted \(high - low) times in the rows shown (RESTARTS \(low) → \(high)): \(how)."
    // The hint the STATUS word of that family gives on its own.
    let word = code == .crashLoopCompleted ? "Completed" : code == .crashLoopOOMKilled ? "OOMKilled" : "CrashLoopBackOff"
    let hint = reading(word, restarts: 1...1, initContainer: false)?.hint ?? ""
    var evidence: [Evidence] = []
    var last: String?
    for r in rows where r.row.status != last {
      last = r.row.status
      evidence.append(Evidence(time: r.fact.observed, reason: "STATUS", message: Narrative("\(r.row.status), RESTARTS \(r.row.restarts.map(String.init) ?? "?")"),
                               source: r.fact.provenance.source, line: r.fact.provenance.firstLine))
    }
    let regular = ctx.state.containers.filter { $0.kind != .`init` }
    return [Candidate(cause: Cause(code: code, container: regular.count == 1 ? regular[0].name : nil, containerKind: .regular,
                                   confidence: confidence, summary: summary,
                                   chain: [Narrative("STATUS " + sequence.prefix(8).joined(separator: " → ") + (sequence.count > 8 ? " → …" : ""))],
                                   evidence: Array(evidence.suffix(6)), hints: [Narrative(hint)]),
                      score: 40)]
  }
}
