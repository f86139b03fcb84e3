import Foundation

/// Runs the rules over a pod's projected state and history and ranks the causes.
///
/// Each rule family (`Rules/`) proposes candidates with a score: current faults shown by the
/// state score highest, faults seen only in events lower, faults that have since cleared lowest.
/// `Running.Healthy` and `Unknown` are the fallbacks. Gaps say what the data cannot tell.
public enum Explainer {
  /// The facts of the incarnation `uid` (the state's): a pod name recreated under a new uid
  /// (a StatefulSet pod) has a history of its own, and an earlier life's events (its liveness
  /// kills, say) explain nothing about the current one (docs/kubernetes-semantics.md §9.3, §14).
  static func incarnationFacts(_ facts: [Fact], uid: String?) -> [Fact] {
    guard let uid, !uid.isEmpty else { return facts }
    let incs = splitIncarnations(facts.allSatisfy(\.object.isPod) ? facts : facts.filter { $0.object.isPod })
    guard incs.count > 1, let inc = incs.first(where: { $0.uid == uid }) else { return facts }
    return inc.facts + facts.filter { !$0.object.isPod }
  }

  /// The ranked causes for `state`, given all of the pod's facts up to `state.at`.
  /// `declared` are the declared facts that apply to the pod (manifests, workload templates);
  /// `nodes` what is known of the nodes. Without them the rules work from observations alone.
  public static func explain(_ state: PodState, facts: [Fact], declared: [Fact] = [], nodes: NodeFacts = NodeFacts()) -> Explanation {
    var ctx = ExplainContext(state: state, facts: incarnationFacts(facts, uid: state.object.uid))
    ctx.declared = declared
    ctx.nodes = nodes
    var cands: [Candidate] = []
    cands += PodRules.candidates(ctx)
    cands += SchedulingRules.candidates(ctx)
    cands += ImageRules.candidates(ctx)
    cands += ContainerRules.candidates(ctx)
    cands += VolumeRules.candidates(ctx)
    cands += CrashLoopRules.candidates(ctx).map { CrashLoopRules.cappedWhenFailureIsInferred($0, ctx) }
    cands += ProbeFailureRules.candidates(ctx).filter { c in !cands.contains { $0.cause.code == c.cause.code && $0.score >= c.score } }
    cands += RefusalRules.candidates(ctx)
    cands += StatusColumnRules.candidates(ctx, found: cands)
    cands += fallbacks(ctx, cands)
    // Known from Events alone, a condition the kubelet keeps retrying is only as current as
    // its Events: stale beyond the condition's cadence, it is no longer stated with certainty.
    if let silence = ctx.kubeletSilence { cands = cands.map { KubeletCadence.judged($0, silence, ctx) } }

    // One cause per (code, container), the best-scored one; then by score, stable.
    var best: [String: Candidate] = [:]
    var order: [String] = []
    for c in cands {
      let key = c.cause.code.rawValue + "|" + (c.cause.container ?? "")
      if let b = best[key] { if c.score > b.score { best[key] = c } } else { best[key] = c; order.append(key) }
    }
    var ranked = order.enumerated().compactMap { i, k in best[k].map { (i, $0) } }
      .sorted { a, b in a.1.score != b.1.score ? a.1.score > b.1.score : a.0 < b.0 }
      .map(\.1.cause)
    // An alternative is never stated more surely than the cause ranked above it.
    if let top = ranked.first?.confidence {
      let rank = Confidence.allCases
      for i in ranked.indices.dropFirst() where (rank.firstIndex(of: ranked[i].confidence) ?? 0) < (rank.firstIndex(of: top) ?? 0) {
        ranked[i].confidence = top
      }
    }

    // Say which init container blocks the pod (Init:N/M).
    let inits = state.containers.filter { $0.kind == .`init` }
    for i in ranked.indices where ranked[i].containerKind == .`init` {
      guard let name = ranked[i].container, let n = inits.firstIndex(where: { $0.name == name }) else { continue }
      ranked[i].chain.insert("init container \(name) (#\(n + 1) of \(inits.count)) has not completed, so the app containers never start (STATUS \(state.status))", at: 0)
    }
    var e = Explanation(object: state.object, at: state.at, status: state.status, causes: ranked, gaps: gaps(ctx))
    e.clock = ctx.relative ? .relative : nil
    e.declarations = DeclarationNote.notes(declared, state: state)
    if ctx.hasSnapshot || state.restarts != 0...0 {
      e.restarts = state.restarts
    }
    return e
  }

  /// `Running.Healthy` when nothing is wrong, `Unknown` always (ranked last unless nothing else).
  static func fallbacks(_ ctx: ExplainContext, _ found: [Candidate]) -> [Candidate] {
    var out: [Candidate] = []
    let state = ctx.state
    let warnings = ctx.events.filter { $0.record.isWarning }
    let faults = found.contains { $0.score >= 10 }
    if state.statusReason == .terminating && !faults {
      // A printed status (a row, a describe, an object) still showing Terminating when the dump
      // was taken, with no deadline that says the grace period is still running: the paste is
      // most likely about a deletion that does not finish. How long it has lasted is not shown.
      // Known from events alone, nothing shows the pod healthy either: that reading is low.
      let withinGrace = found.contains { $0.cause.code == .terminatingStuck }
      let observed = state.lastSnapshotAt != nil
      if observed, !withinGrace {
        out.append(Candidate(cause: Cause(code: .terminatingStuck, confidence: .low,
                                          summary: "The pod still shows Terminating when the dump was taken; the dump does not show since when, so whether the deletion is stuck (finalizers, an unreachable node, a hanging preStop) is not certain.",
                                          evidence: [ctx.evidence(podField: "status", reason: "Status", message: state.status)].compactMap { $0 },
                                          hints: ["`kubectl get pod -o yaml` shows deletionTimestamp and finalizers; a pod on an unreachable node stays Terminating until the node returns or it is force-deleted."]),
                             score: 11))
      }
      out.append(Candidate(cause: Cause(code: .runningHealthy, confidence: observed ? .medium : .low,
                                        summary: "The pod is being deleted (Terminating); nothing before the deletion shows a fault.",
                                        evidence: [ctx.evidence(podField: "status", reason: "Status", message: state.status)].compactMap { $0 }),
                           score: 10))
    } else if state.isRunningAndReady {
      // `high` only when a printed status shows it Running and Ready; from events alone the
      // READY column is the projection's reading, not an observation.
      let observed = state.lastSnapshotAt != nil
      let events: Confidence? = !observed ? (warnings.isEmpty ? .medium : .low) : nil
      out.append(Candidate(cause: Cause(code: .runningHealthy, confidence: events ?? (state.restarts.upperBound > 0 ? .medium : .high),
                                        summary: "The pod is Running and Ready (\(state.ready)); nothing in the facts shows a current fault.",
                                        evidence: [ctx.evidence(podField: "status", reason: "Status", message: "\(state.status) \(state.ready)")].compactMap { $0 }),
                           score: 10))
      // Ready now after five or more restarts, with no last state or event saying why: the restarts
      // are what the paste is about (a crash loop between its crashes), and nothing explains them.
      let restarted = state.restarts.lowerBound
      if restarted >= 5, !faults, !state.containers.contains(where: { $0.lastState != nil }) {
        out.append(Candidate(cause: Cause(code: .unknown, confidence: .low,
                                          summary: "The pod is Running and Ready now, but its containers have restarted \(restarted) times and nothing in the dump says why: `kubectl describe pod` (Last State: reason, exit code) or `kubectl logs --previous` would.",
                                          evidence: [ctx.evidence(podField: "status", reason: "Status", message: "\(state.status) \(state.ready), restarts \(restarted)")].compactMap { $0 }),
                             score: 11))
      }
    } else if !faults, warnings.isEmpty, state.statusReason == .running, state.restarts.upperBound == 0,
              let snap = ctx.snapshots.last?.snapshot, snap.row == nil, snap.knownPhase == .running,
              !snap.containers.isEmpty, snap.containers.allSatisfy({ $0.ready == nil }) {
      // Tables of 2014–2015 print a phase but no readiness (it did not exist yet): Running with
      // nothing failing is as healthy as that dump can show.
      out.append(Candidate(cause: Cause(code: .runningHealthy, confidence: .medium,
                                        summary: "The pod is Running with no restart and no warning; the dump prints no readiness, so Ready is not shown either way.",
                                        evidence: [ctx.evidence(podField: "status", reason: "Status", message: state.status)].compactMap { $0 }),
                           score: 10))
    } else if !ctx.events.isEmpty && !found.contains(where: { $0.score >= 10 })
                && (!ctx.hasSnapshot || (state.statusReason == .running && state.readyTotal == 0 && !ctx.hasContainerDetail)) {
      let progress = ctx.events.filter { [.scheduled, .pulled, .created, .started, .successfulMountVolume, .pulling].contains($0.kind) }
      let started = progress.contains { $0.kind == .started || $0.kind == .created }
      if started || ctx.hasSnapshot, !progress.isEmpty {
        out.append(Candidate(cause: Cause(code: .runningHealthy, confidence: started && warnings.isEmpty && ctx.hasSnapshot ? .medium : .low,
                                          summary: started ? "The events show the containers started and no current fault; no status snapshot confirms it is Ready."
                                                           : "The events show no fault (only \(Set(progress.map(\.reason)).sorted().joined(separator: ", "))); no status snapshot shows the pod's state.",
                                          chain: progress.suffix(4).map { "\(time: $0.last) \($0.reason): \($0.message.prefix(100))" },
                                          evidence: progress.suffix(3).map { ctx.evidence($0) },
                                          hints: ["`kubectl get pod` would confirm the pod is Running and Ready."]), score: 10))
        // A run-once pod's exit is in no event: name the alternatives when the pod may be one.
        if !ctx.hasSnapshot, looksRunOnce(ctx) {
          out.append(Candidate(cause: Cause(code: .completed, confidence: .low,
                                            summary: "The pod may be a Job's pod that ran to completion: a container's exit is in no event."), score: 9))
          out.append(Candidate(cause: Cause(code: .failedAppError, confidence: .low,
                                            summary: "The pod may be a Job's pod whose container exited non-zero: a container's exit is in no event."), score: 8))
        }
      }
    }
    var summary: String
    if ctx.facts.isEmpty && !ctx.hasSnapshot {
      summary = "No fact about the pod is known at this instant: neither a status snapshot nor any of its events (they expire after 1 h by default)."
    } else if !ctx.hasSnapshot && !ctx.events.contains(where: { $0.record.isWarning }) {
      summary = "The events show no fault but no container start either (\(Set(ctx.events.map(\.reason)).sorted().joined(separator: ", "))): the pod may still be starting; a pod snapshot (`kubectl get pod`) would show its state."
    } else if !ctx.hasSnapshot {
      summary = "The events do not show why the pod is \(state.status); a pod snapshot (`kubectl get pod -o yaml`) would show the containers' states and exit codes."
    } else if ctx.events.isEmpty {
      summary = "The status shows \(state.status) but no event explains it; the pod's events (`kubectl describe pod` soon after the problem, before they expire) would."
    } else {
      summary = "No rule matches the facts for \(state.status); the pod's events and `kubectl get pod -o yaml` status are the place to look."
    }
    let starting = state.statusReason.map { [.containerCreating, .podInitializing, .pending].contains($0) } ?? false || state.statusIsInit
      || (state.statusReason == .running && !state.isRunningAndReady)
    if ctx.hasSnapshot && !ctx.events.isEmpty && starting && !faults && state.restarts.upperBound == 0 {
      summary = "The pod is still starting (STATUS \(state.status), READY \(state.ready)); nothing has failed yet."
    }
    if let blocking = state.containers.first(where: { $0.kind == .`init` && $0.state?.kind == .running }), state.statusIsInit {
      summary = "Init container \(blocking.name) is still running (\(state.status)); the pod waits for it to finish. Its logs show what it waits for."
    }
    out.append(Candidate(cause: Cause(code: .unknown, confidence: .low, summary: summary), score: 5))
    return out
  }

  /// A CronJob's pod name (`<name>-<scheduled minute, 8 digits>-<5 chars>`) or a Job owner.
  static func looksRunOnce(_ ctx: ExplainContext) -> Bool {
    if ctx.runOnce { return true }
    return ctx.state.object.name.firstMatch(of: /-\d{8}-[a-z0-9]{5}$/) != nil
  }

  static func gaps(_ ctx: ExplainContext) -> [Gap] {
    var gaps = ctx.state.gaps
    func add(_ g: Gap) { if !gaps.contains(g) { gaps.append(g) } }
    if !ctx.hasSnapshot && !ctx.events.isEmpty && !gaps.contains(where: { if case .noSnapshot = $0 { true } else { false } }) {
      add(.eventsOnly)
    } else if ctx.hasSnapshot && !ctx.hasContainerDetail && !ctx.state.containers.isEmpty {
      add(.noContainerDetail)
    }
    if ctx.events.isEmpty && ctx.hasSnapshot {
      add(.noEvents)
    }
    if let born = ctx.state.creationTime ?? ctx.state.startTime, let oldest = ctx.events.map(\.first).min(),
       ctx.comparable(oldest, born), (oldest - born).seconds > 3600, !ctx.events.contains(where: { $0.kind == .scheduled }) {
      add(.eventsExpired(before: oldest))
    }
    if ctx.events.contains(where: { $0.count > 1 }) {
      add(.countsAreLowerBounds)
    }
    return gaps
  }
}
