import Foundation

/// Pod-level causes: eviction, node loss, preemption, stuck termination, active deadline,
/// kubelet admission refusals, readiness, completion, health.
enum PodRules {
  static func candidates(_ ctx: ExplainContext) -> [Candidate] {
    var out: [Candidate] = []
    out += eviction(ctx)
    out += deadline(ctx)
    out += nodeLost(ctx)
    out += preempted(ctx)
    out += terminating(ctx)
    out += deleted(ctx)
    out += admission(ctx)
    out += readiness(ctx)
    out += completed(ctx)
    return out
  }

  static func eviction(_ ctx: ExplainContext) -> [Candidate] {
    let evs = ctx.events.filter { $0.kind == .evicted }
    guard ctx.state.podReason == .evicted || !evs.isEmpty else { return [] }
    let msg = ctx.state.podReason == .evicted ? (ctx.state.message ?? evs.last?.message ?? "") : (evs.last?.message ?? "")
    let eviction = EventReading.eviction(in: msg)
    let (resource, container, request) = (eviction.resource, eviction.container, eviction.request)
    var summary = "The kubelet evicted the pod because the node was low on \(resource ?? "a resource")"
    if let c = container { summary += "; container \(c.name) used \(c.usage)" + (request.map { " against a request of \($0)" } ?? "") }
    summary += "."
    var hints: [Narrative] = []
    switch resource.flatMap(ResourceName.init(rawValue:)) {
    case .ephemeralStorage?:
      hints.append("Ephemeral storage is the container's writable layer, logs and emptyDir volumes: set requests/limits for ephemeral-storage and write big files to a volume\(request == "0" ? " (its request of 0 makes it the first pod to go)" : "").")
    case .memory?:
      hints.append("Pods using more memory than they request are evicted first: set memory requests close to the real use.")
    case .cpu?, nil:
      if let resource { hints.append("Free \(resource) on the node or lower the pods' use.") }
    }
    hints.append("An evicted pod object stays (phase Failed) until deleted; its controller has created a replacement.")
    var ev: [Evidence?] = evs.suffix(2).map { ctx.evidence($0) }
    if ctx.state.podReason == .evicted {
      ev.insert(ctx.evidence(podField: "message", reason: "Evicted", message: msg), at: 0)
    }
    var chain: [Narrative] = []
    if let e = evs.last { chain.append("\(time: e.last) Evicted: \(e.message)") } else { chain.append("status.reason Evicted: \(msg)") }
    chain.append("the kubelet stops the containers; phase Failed")
    let node = ctx.nodeCircumstances()
    chain += node.chain
    ev += node.evidence.map { Optional($0) }
    return [Candidate(cause: Cause(code: .evictedNodePressure, container: container?.name,
                                   containerKind: container == nil ? nil : .regular, confidence: .high, summary: summary,
                                   chain: chain, evidence: ev.compactMap { $0 }, hints: hints), score: 100)]
  }

  static func deadline(_ ctx: ExplainContext) -> [Candidate] {
    let evs = ctx.events.filter { $0.kind == .deadlineExceeded }
    guard ctx.state.podReason == .deadlineExceeded || !evs.isEmpty else { return [] }
    var ev: [Evidence?] = evs.map { ctx.evidence($0) }
    if ctx.state.podReason == .deadlineExceeded { ev.insert(ctx.evidence(podField: "reason", reason: "DeadlineExceeded", message: ctx.state.message ?? "Pod was active on the node longer than the specified deadline"), at: 0) }
    let secs = ctx.state.spec.activeDeadlineSeconds
    return [Candidate(cause: Cause(code: .failedDeadlineExceeded, confidence: .high,
                                   summary: "The pod ran longer than its activeDeadlineSeconds\(secs.map { " (\($0)s)" } ?? "") and was stopped; phase Failed.",
                                   chain: ["activeDeadlineSeconds reached → DeadlineExceeded → containers killed → phase Failed"],
                                   evidence: ev.compactMap { $0 },
                                   hints: ["Raise activeDeadlineSeconds (pod or Job), or find why the work takes longer than expected."]), score: 99)]
  }

  static func nodeLost(_ ctx: ExplainContext) -> [Candidate] {
    let notReady = ctx.events.filter { $0.kind == .nodeNotReady || $0.reading.marksForTaintEviction || $0.kind == .nodeControllerEviction }
    let cancelled = ctx.events.contains { $0.reading.cancelsTaintEviction && $0.last >= (notReady.last?.last ?? Instant(micros: .min)) }
    let shutdown = ctx.state.podReason.map { [.terminated, .shutdown, .nodeShutdown].contains($0) } ?? false
      && (ctx.state.message ?? "").lowercased().contains("shut")
    let lostReason = ctx.state.podReason == .nodeLost || ctx.state.statusReason == .nodeLost || (ctx.state.phase == .unknown && ctx.state.statusReason == .unknown)
      || shutdown
    // Node facts alone: the pod's node NotReady while the pod still says what its kubelet last said.
    let downNode = lostReason || (!notReady.isEmpty && !cancelled) ? nil : ctx.podNodeDown()
    guard lostReason || (!notReady.isEmpty && !cancelled) || downNode != nil else { return [] }
    let recovered = ctx.events.contains { $0.kind == .started && $0.last > (notReady.last?.last ?? Instant(micros: .max)) } && !lostReason
    var ev: [Evidence?] = notReady.suffix(3).map { ctx.evidence($0) }
    if lostReason { ev.insert(ctx.evidence(podField: "reason", reason: ctx.state.reason ?? "Unknown", message: ctx.state.message ?? "pod status Unknown"), at: 0) }
    var chain: [Narrative] = notReady.map { "\(time: $0.last) \($0.reason): \($0.message)" }
    if ctx.state.deletionTime != nil { chain.append("deletion requested; the pod stays Terminating until the node returns or it is force-deleted") }
    let node = ctx.nodeCircumstances()
    chain += node.chain
    ev += node.evidence.map { Optional($0) }
    if let down = downNode {
      // A pod that otherwise looks well is explained by its node; one with trouble of its own keeps
      // that trouble first, and its node's state as the alternative.
      let looksWell = ctx.state.statusReason == .running || ctx.state.statusReason == nil || ctx.state.statusReason == .pending
      return [Candidate(cause: Cause(code: .nodeLost, confidence: .medium,
                                     summary: "The pod's node \(down.name) is \(down.snapshot.status.map { "STATUS \($0)" } ?? "not Ready") while the pod still reports \(ctx.state.status): that is what its kubelet last said, not a fresh status.",
                                     chain: chain + ["the node stops reporting; the pod's status is no longer updated until the node returns or the pod is evicted from it"],
                                     evidence: ev.compactMap { $0 },
                                     hints: ["`kubectl describe node \(down.name)` shows since when it is NotReady; the pod is replaced elsewhere only once it is evicted from the node (by default 5 minutes after NotReady), and only if another node can take it."]),
                        score: looksWell ? 90 : 3)]
    }
    return [Candidate(cause: Cause(code: .nodeLost, confidence: recovered ? .low : (shutdown ? .medium : .high),
                                   summary: shutdown ? "The pod's node\(ctx.state.node.map { " \($0)" } ?? "") shut down and terminated the pod: \(ctx.state.message ?? "")" :
                                     "The pod's node\(ctx.state.node.map { " \($0)" } ?? "") stopped reporting (NotReady/unreachable)" +
                                     (ctx.state.deletionTime != nil ? ", and the pod was marked for deletion." : "."),
                                   chain: chain, evidence: ev.compactMap { $0 },
                                   hints: ["`kubectl describe node` shows the node's conditions; a pod on a lost node is only removed once the node returns or with `kubectl delete pod --force --grace-period=0`."]),
                      score: recovered ? 4 : 95)]
  }

  static func preempted(_ ctx: ExplainContext) -> [Candidate] {
    let evs = ctx.events.filter { $0.kind == .preempted || $0.kind == .preempting }
    let cond = ctx.state.conditions.first { $0.knownType == .disruptionTarget && $0.knownReason == .preemptionByScheduler }
    let byKubelet = ctx.state.podReason == .preempting
    guard !evs.isEmpty || cond != nil || byKubelet else { return [] }
    let status: [Evidence] = byKubelet ? [ctx.evidence(podField: "reason", reason: "Preempting",
                                                        message: ctx.state.message ?? "Preempted in order to admit critical pod")].compactMap { $0 } : []
    let summary = byKubelet && evs.isEmpty
      ? "The kubelet preempted the pod (status.reason Preempting) to admit a critical pod on its node" + (ctx.state.message.map { ": \($0)" } ?? ".")
      : "The pod was preempted to make room for a higher-priority pod" + (evs.last.map { ": \($0.message)" } ?? ".")
    return [Candidate(cause: Cause(code: .preempted, confidence: .high,
                                   summary: summary,
                                   chain: evs.map { "\(time: $0.last) \($0.reason): \($0.message)" } + ["the pod's containers are killed and the pod is deleted"],
                                   evidence: status + evs.map { ctx.evidence($0) },
                                   hints: ["Give the workload a PriorityClass, or add capacity so preemption is not needed."]), score: 96)]
  }

  /// The pod no longer exists (`PodState.deletion`): ranked first, its earlier trouble after it.
  static func deleted(_ ctx: ExplainContext) -> [Candidate] {
    guard let d = ctx.state.deletion else { return [] }
    let how: String
    switch d.basis {
    case .watch: how = "a watch reported it DELETED"
    case .absentFromListing: how = "a complete listing of its namespace taken then does not show it"
    case .killedThenSilent: how = "its containers were stopped for a deletion and nothing about it followed the grace period, so it is most likely gone"
    case .retriesStopped: how = "its failure, which the kubelet retries and reports every few minutes while it lasts, stopped being reported \(ctx.now - d.at + .seconds(300)) before this instant with no start after it, so it is most likely gone"
    }
    let source = ctx.facts.last { $0.deletion != nil && $0.observed == d.at }?.provenance
    let ev = Evidence(time: d.at, reason: "Deleted", message: Narrative(how), source: source?.source ?? ctx.state.lastSnapshotSource?.source ?? "",
                      line: source?.firstLine ?? ctx.state.lastSnapshotSource?.firstLine ?? 0)
    return [Candidate(cause: Cause(code: .deleted, confidence: d.isObserved ? .high : .medium,
                                   summary: "The pod was deleted: \(how). The causes below are the trouble it had while it lived.",
                                   chain: ["\(time: d.at) deleted (\(d.basis.rawValue))"],
                                   evidence: d.isObserved ? [ev] : ctx.events.suffix(2).map { ctx.evidence($0) },
                                   hints: ["A deleted pod's controller (Deployment, StatefulSet, Job) usually made a new one: `podhist get pods -l` / `--owner` finds it."]),
                      score: 200)]
  }

  static func terminating(_ ctx: ExplainContext) -> [Candidate] {
    let finalizers = ctx.state.finalizers
    let pending: Narrative? = finalizers.isEmpty ? nil
      : "finalizers still pending: \(finalizers.joined(separator: ", ")); the pod is removed only once each is cleared"
    let finalizerHint: Narrative = finalizers.isEmpty
      ? "A pod stays Terminating when its node is unreachable, a preStop hook hangs, or a finalizer is pending (`kubectl get pod -o jsonpath='{.metadata.finalizers}'`)."
      : "The finalizers \(finalizers.joined(separator: ", ")) hold the pod until their controller clears them\(finalizers.contains("foregroundDeletion") ? " (foregroundDeletion: the garbage collector, once the pod's dependents are deleted)" : ""); if that controller is gone, remove them by hand: `kubectl patch pod \(ctx.state.object.name)\(ctx.state.object.namespace.isEmpty ? "" : " -n \(ctx.state.object.namespace)") --type=merge -p '{\"metadata\":{\"finalizers\":null}}'`."
    let finalizerEvidence = finalizers.isEmpty ? nil
      : ctx.evidence(podField: "finalizers", reason: "Finalizers", message: finalizers.joined(separator: ", "))
    if ctx.state.deletion == nil, ctx.state.deletionTime == nil, finalizers.contains("foregroundDeletion"), !(ctx.state.phase?.isTerminal ?? false) {
      // The API server adds foregroundDeletion when it accepts a deletion with propagation
      // Foreground (and sets deletionTimestamp with it): a deletion was requested, when is not shown.
      return [Candidate(cause: Cause(code: .terminatingStuck, confidence: .low,
                                     summary: "The pod carries the foregroundDeletion finalizer, so its deletion was requested (propagation Foreground); the paste does not show when, so whether it is stuck cannot be told.",
                                     chain: ["deletion requested with propagationPolicy Foreground (foregroundDeletion finalizer)"] + [pending].compactMap { $0 },
                                     evidence: [finalizerEvidence].compactMap { $0 }, hints: [finalizerHint]),
                        score: 70)]
    }
    if ctx.state.deletion == nil, let deadline = ctx.state.deletionTime, !ctx.comparable(deadline, ctx.state.at),
       ctx.state.statusReason == .terminating {
      // `Terminating (expires <time>)` in a describe taken at a time the paste does not give:
      // the deletion explains the status, but whether it outlived its grace period is unknown.
      // Pending finalizers with no container left running are what holds it.
      let grace = ctx.deletionGrace
      let held = !finalizers.isEmpty && !ctx.state.containers.contains { $0.state?.kind == .running }
      return [Candidate(cause: Cause(code: .terminatingStuck, confidence: held ? .medium : .low,
                                     summary: held ? "The pod is being deleted and its containers have stopped, but its finalizers (\(finalizers.joined(separator: ", "))) are still pending; when it was seen is not in the paste."
                                                   : "The pod is being deleted (grace period \(grace)s); when it was seen Terminating is not in the paste, so whether it outlived its grace period cannot be told.",
                                     chain: ["deletion requested (grace \(grace)s, deadline \(time: deadline))", "still Terminating when observed"] + [pending].compactMap { $0 },
                                     evidence: [ctx.evidence(podField: "deletionTimestamp", reason: "Terminating", message: "deletionTimestamp \(time: deadline)"), finalizerEvidence].compactMap { $0 },
                                     hints: [finalizerHint]),
                        score: 70)]
    }
    guard ctx.state.deletion == nil, let deadline = ctx.state.deletionTime, let requested = ctx.deletionRequested, requested <= ctx.state.at else { return [] }
    if ctx.state.phase?.isTerminal ?? false, ctx.state.statusReason != .terminating { return [] }
    let grace = ctx.deletionGrace
    let over = ctx.state.at - deadline
    let killFail = ctx.events.filter { $0.reading.isKillFailure }
    // Stuck needs evidence that the pod outlived its grace period: a kill failure, an observation
    // that still shows it after the deadline, or events about it that go on past the deadline.
    // A pod deleted and gone quiet is gone, not stuck (its `deletion` says so).
    let margin = Duration.seconds(30)
    let seenAfter = (ctx.state.lastSnapshotAt.map { $0 > deadline + margin } ?? false)
      || ctx.events.contains { $0.last > deadline + margin }
    let stuck = !killFail.isEmpty || (over.seconds > 30 && seenAfter)
    var ev: [Evidence?] = [ctx.evidence(podField: "deletionTimestamp", reason: "Terminating",
                                        message: "deletionTimestamp \(time: deadline) (requested about \(time: requested), grace \(grace)s)")]
    ev += killFail.map { ctx.evidence($0) }
    ev += ctx.events.filter { $0.reading.isStoppingContainer }.suffix(2).map { ctx.evidence($0) }
    ev.append(finalizerEvidence)
    return [Candidate(cause: Cause(code: .terminatingStuck, confidence: stuck ? .high : .low,
                                   summary: stuck ? "Deletion was requested about \(ctx.state.at - requested) ago; the \(grace)s grace period ended \(over) ago and the pod is still there" + (finalizers.isEmpty ? "." : ", held by its finalizers (\(finalizers.joined(separator: ", "))).")
                                                  : "The pod is being deleted (requested about \(ctx.state.at - requested) ago, grace period \(grace)s): a deletion is not a fault.",
                                   chain: ["\(time: requested) deletion requested (grace \(grace)s, deadline \(time: deadline))"]
                                     + killFail.map { "\(time: $0.last) \($0.reason): \($0.message)" } + [pending].compactMap { $0 },
                                   evidence: ev.compactMap { $0 },
                                   hints: [finalizerHint]),
                      score: stuck ? 85 : 4)]
  }

  static func admission(_ ctx: ExplainContext) -> [Candidate] {
    let reason = ctx.state.reason ?? ""
    let evs = ctx.events.filter { [.outOfCPU, .outOfMemory, .outOfPods, .outOfEphemeralStorage, .nodeAffinity, .unexpectedAdmissionError, .nodeSelectorMismatching].contains($0.kind) }
    guard reason.hasPrefix("OutOf") || [.nodeAffinity, .unexpectedAdmissionError].contains(StatusReason(reason)) || !evs.isEmpty else { return [] }
    let r = reason.isEmpty ? (evs.last?.reason ?? "") : reason
    var code: CauseCode = r.hasPrefix("OutOf") ? .unschedulableInsufficientResources : StatusReason(r) == .nodeAffinity ? .unschedulableNodeSelector : .unschedulableOther
    var confidence = Confidence.high
    // UnexpectedAdmissionError says what the kubelet lacked in its message: devices of a device
    // plugin (`requested number of devices unavailable for nvidia.com/gpu`), or room a critical
    // pod's preemption could not free (`no set of running pods found to reclaim resources: [(res:
    // pods …`). A shortage, found by the kubelet rather than the scheduler (often a stale view).
    if code == .unschedulableOther, let l = (ctx.state.message ?? evs.last?.message)?.lowercased(),
       l.contains("devices unavailable") || l.contains("reclaim resources") || l.contains("insufficient") || l.contains("outof") {
      code = .unschedulableInsufficientResources
      confidence = .medium
    }
    var ev: [Evidence?] = evs.map { ctx.evidence($0) }
    if !reason.isEmpty { ev.insert(ctx.evidence(podField: "reason", reason: reason, message: ctx.state.message ?? ""), at: 0) }
    return [Candidate(cause: Cause(code: code, confidence: confidence,
                                   summary: "The node's kubelet refused the pod at admission (\(r)): \(ctx.state.message ?? evs.last?.message ?? ""); phase Failed.",
                                   chain: ["scheduled to a node", "kubelet admission: \(r)", "phase Failed, no container created"],
                                   evidence: ev.compactMap { $0 },
                                   hints: ["The scheduler and the kubelet disagreed about the node's free resources (often static pods or a race); the controller creates a new pod."]),
                      score: 97)]
  }

  /// Readiness failures: current (the container runs and is not ready) or stale.
  static func readiness(_ ctx: ExplainContext) -> [Candidate] {
    let all = ctx.events.filter { $0.reading.isReadinessUnhealthy }
    var out: [Candidate] = []
    let names = ctx.containerNames.map(\.0)
    let targets: [String?] = names.isEmpty ? [nil] : names
    for name in targets {
      let c = name.flatMap { ctx.container($0) }
      let evs = name == nil ? all : all.filter { ctx.belongs($0, to: name ?? "") }
      let runningUnready = c.map { $0.state?.kind == .running && !$0.ready && $0.kind != .`init` } ?? false
      // Running, not ready, no readiness failure recorded: still starting, unless the store has
      // no events at all (then they may have expired).
      guard !evs.isEmpty || (runningUnready && c?.spec.readiness != nil && ctx.events.isEmpty) else { continue }
      let probe = c?.spec.readiness
      var current: Bool
      var confidence: Confidence = .high
      if c?.state != nil {
        current = runningUnready && !ctx.state.isRunningAndReady
        if evs.isEmpty { confidence = .medium }
        // Events only (the state is the projection's reading): a failing probe is reported
        // again within 5 min; 15 min without one means it recovered or the pod is gone.
        if let last = evs.last, ctx.snapshots.isEmpty, ctx.state.lastSnapshotAt == nil,
           ctx.comparable(ctx.now, last.last), (ctx.now - last.last).seconds > 900 { current = false }
      } else if ctx.state.isRunningAndReady {
        current = false
      } else if let last = evs.last {
        // Events only: a failing readiness probe writes an event every period; the spam filter
        // may hold updates back for minutes, so a long series counts as ongoing.
        let period = Double(probe?.periodSeconds ?? 10)
        let age = (ctx.now - last.last).seconds
        // The spam filter lets a source send 25 events about a pod, then one per 5 min: past
        // that budget the newest update may lag by up to 5 min.
        let kubeletEvents = ctx.total(ctx.events.filter { $0.reading.isFromKubelet })
        current = ctx.comparable(ctx.now, last.last)
          ? age <= max(30, 3 * period) || (kubeletEvents >= 25 && age <= 300 + 3 * period)
          : ctx.total(evs) >= 3
        confidence = .medium
      } else { current = false }
      if ctx.events.contains(where: { $0.kind == .killing && $0.reading.killedForFailing(.liveness) && ctx.belongs($0, to: name ?? "") }) { current = false }
      let n = ctx.total(evs)
      var chain: [Narrative] = []
      if let s = ctx.events.last(where: { $0.kind == .started && (name == nil || ctx.belongs($0, to: name ?? "")) }) { chain.append("\(time: s.last) container started") }
      if let f = evs.first {
        chain.append("\(time: f.first) – \(time: evs.last?.last) readiness probe failed ×\(n): \(f.reading.probeDetail.prefix(140))")
      }
      chain.append(current ? "the container runs but is not Ready: no restart, it receives no Service traffic" : "no failure after that: the probe recovered (the kubelet emits no event on recovery)")
      var ev: [Evidence?] = evs.suffix(2).map { ctx.evidence($0) }
      if let name, c?.ready == false { ev.append(ctx.evidence(container: name, field: "ready", reason: "Ready", message: "False")) }
      if let p = probe, let name { ev.append(ctx.evidence(container: name, field: "readiness", reason: "Readiness", message: "\(p.type) :\(p.port ?? "")\(p.path ?? "") delay=\(p.initialDelaySeconds)s period=\(p.periodSeconds)s #failure=\(p.failureThreshold)")) }
      var hints: [Narrative] = []
      if evs.last?.reading.saysStatus503 == true {
        hints.append("The endpoint answers 503 on purpose in some apps (e.g. non-leader replicas); if so, the NotReady state is by design.")
      }
      if !current { hints.append("The last readiness failure is \(evs.last.map { "\(ctx.now - $0.last)" } ?? "?") old; the pod is Ready now or the failure was only during start-up (initialDelaySeconds shorter than the app's start time).") }
      out.append(Candidate(cause: Cause(code: .notReadyReadinessProbe, container: name, containerKind: name == nil ? nil : .regular,
                                        confidence: current ? confidence : .low,
                                        summary: current ? "The container\(name.map { " \($0)" } ?? "") runs but its readiness probe fails, so the pod is not Ready and gets no traffic."
                                                         : "A readiness failure was recorded earlier but is stale: nothing shows it still fails.",
                                        chain: chain, evidence: ev.compactMap { $0 }, hints: hints), score: current ? 70 : 4))
    }
    return out
  }

  static func completed(_ ctx: ExplainContext) -> [Candidate] {
    guard ctx.state.phase == .succeeded || ctx.state.statusReason == .completed else { return [] }
    var ev: [Evidence?] = []
    for c in ctx.state.containers where c.state?.kind == .terminated {
      ev.append(ctx.evidence(container: c.name, field: "state", reason: "State", message: "Terminated \(c.state?.reason ?? "") exit \(c.state?.exitCode.map { String($0) } ?? "?")"))
    }
    if ev.isEmpty { ev.append(ctx.evidence(podField: "status", reason: "Status", message: ctx.state.status)) }
    return [Candidate(cause: Cause(code: .completed, confidence: .high,
                                   summary: "The pod ran to completion: its containers exited 0 (phase Succeeded, STATUS Completed). Nothing is wrong.",
                                   chain: ctx.state.containers.compactMap { c in c.state?.finishedAt.map { "\(time: $0) \(c.name) exited \(c.state?.exitCode.map { String($0) } ?? "0")" } },
                                   evidence: ev.compactMap { $0 }), score: 75)]
  }
}
