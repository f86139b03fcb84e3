import Foundation

/// Containers that keep terminating: liveness and startup kills, OOM kills, application exits,
/// exit 0 under `restartPolicy: Always`, postStart hook failures; and the run-once variants
/// (`Failed.*`) when the pod will not restart them.
enum CrashLoopRules {
  /// Waiting / terminated reasons that belong to the create/start rules, not the crash rules.
  static let createReasons: Set<StatusReason> = [.startError, .containerCannotRun, .runContainerError, .createContainerError,
                                                 .preStartHookError, .preCreateHookError, .createContainerConfigError]
  static let imageReasons: Set<StatusReason> = [.errImagePull, .imagePullBackOff, .invalidImageName, .errImageNeverPull,
                                                .imageInspectError, .registryUnavailable, .signatureValidationFailed]

  static func candidates(_ ctx: ExplainContext) -> [Candidate] {
    var out: [Candidate] = []
    for (name, kind) in ctx.containerNames {
      out += analyse(ctx, name: name, kind: kind)
    }
    return out
  }

  /// The signals about one container's runs.
  struct Signals {
    var unhealthyLive: [EventFact] = []
    var unhealthyStartup: [EventFact] = []
    var killLive: [EventFact] = []
    var killStartup: [EventFact] = []
    var hook: [EventFact] = []
    var backoff: [EventFact] = []
    var bareKills: [EventFact] = []
    var starts: [EventFact] = []
  }

  static func signals(_ ctx: ExplainContext, _ name: String) -> Signals {
    var s = Signals()
    for e in ctx.events where ctx.belongs(e, to: name) {
      switch e.kind {
      case .unhealthy?:
        if e.failedProbe == .liveness { s.unhealthyLive.append(e) }
        if e.failedProbe == .startup { s.unhealthyStartup.append(e) }
      case .killing?:
        switch e.reading.kill {
        case .failedLiveness?: s.killLive.append(e)
        case .failedStartup?: s.killStartup.append(e)
        case .postStartHook?: s.hook.append(e)
        case .bare?: s.bareKills.append(e)
        case .stopping?, nil: break
        }
      case .failedPostStartHook?: s.hook.append(e)
      case .backOff?:
        if e.reading.isRestartBackOff { s.backoff.append(e) }
      case .failedSync?:
        if e.reading.isSyncCrashLoop { s.backoff.append(e) }
      case .started?: s.starts.append(e)
      default: break
      }
    }
    return s
  }

  static func analyse(_ ctx: ExplainContext, name: String, kind: ContainerKind) -> [Candidate] {
    let c = ctx.container(name)
    let waiting = c?.state?.kind == .waiting ? c?.state : nil
    var current = c?.state?.kind == .terminated ? c?.state : nil
    // A container stopped by the pod's deletion did not fail: judge the pod as it was.
    if ctx.causedByDeletion(current) { current = nil }
    var last = c?.lastState?.kind == .terminated ? c?.lastState : nil
    if ctx.causedByDeletion(last) { last = nil }
    let term: ContainerState? = current ?? last
    let termField: StateField = current != nil ? .state : .lastState
    let sig = signals(ctx, name)
    let restarts = c?.restarts.upperBound ?? 0

    if let w = waiting?.knownReason, createReasons.contains(w) || imageReasons.contains(w) { return [] }
    if let r = term?.knownReason, createReasons.contains(r) { return [] }
    if term?.exitCode == 128 && (term?.reason == nil || term?.knownReason == .error) && (term?.message?.isEmpty == false) { return [] }

    // Events only: a container started more than once has restarted.
    let restartedInEvents = !ctx.hasContainerDetail && ctx.total(sig.starts) > 1
    let crashLooping = waiting?.knownReason == .crashLoopBackOff || !sig.backoff.isEmpty || restartedInEvents
    let anything = crashLooping || restarts > 0 || term != nil || !sig.killLive.isEmpty || !sig.killStartup.isEmpty
      || !sig.hook.isEmpty || !sig.bareKills.isEmpty || waiting?.knownReason == .postStartHookError
      || !sig.unhealthyLive.isEmpty || !sig.unhealthyStartup.isEmpty
    guard anything else { return [] }
    // A run-once container that finished fine is not a fault.
    if let t = term, t.exitCode == 0 || (t.exitCode == nil && t.knownReason == .completed), t.knownReason != .oomKilled,
       ctx.runOnce || kind == .`init` || ctx.state.phase == .succeeded || ctx.state.statusReason == .completed || (current != nil && restarts == 0),
       !crashLooping, sig.killLive.isEmpty, sig.hook.isEmpty { return [] }

    // A pod that ended (Failed, or Succeeded because an OOM-killed run exited 0) restarts nothing.
    let failedPod = ctx.state.phase == .failed || (ctx.state.phase == .succeeded && current != nil)
      || (RestartPolicy(ctx.state.spec.restartPolicy) == .never && current != nil)
      || (ctx.runOnce && current != nil && ctx.state.statusReason == .error)
    let initBonus = kind == .`init` ? 8 : 0
    let currentFault = crashLooping || current != nil || waiting != nil || !(c?.ready ?? false)
    var score = (currentFault ? 80 : 72) + initBonus
    if c == nil && !ctx.hasContainerDetail { score = 70 + initBonus }
    // Ready and running for over an hour since the last termination, no back-off since: the
    // restarts are history; the pod is healthy now.
    if !currentFault, c?.state?.kind == .running, let f = term?.finishedAt, ctx.comparable(ctx.now, f), (ctx.now - f).seconds > 3600,
       !ctx.events.contains(where: { ($0.kind == .backOff || $0.kind == .killing) && ctx.belongs($0, to: name) && $0.last > f }) {
      score = 9
    }

    var b = Builder(ctx: ctx, name: name, kind: kind)
    b.restarts = restarts
    b.term = term
    b.termField = termField

    // 0. Restarted because the pod sandbox was recreated (node reboot, runtime restart), not by itself.
    let sandboxChanged = ctx.events.filter { $0.kind == .sandboxChanged }
    if let sc = sandboxChanged.last, sig.backoff.isEmpty, sig.killLive.isEmpty, sig.killStartup.isEmpty, sig.hook.isEmpty,
       term?.knownReason != .oomKilled, term.map({ t in t.finishedAt.map { abs(($0 - sc.last).seconds) < 600 } ?? true }) ?? true {
      let running = c?.state?.kind == .running
      return [b.cause(.unknown, .medium,
                      "The \(b.who) was restarted because the pod sandbox was recreated (SandboxChanged: node reboot, container runtime restart or a dead pause container), not because it failed by itself.",
                      chain: sandboxChanged.map { "\(time: $0.last) SandboxChanged: \($0.message)" } + (term.map { ["\(time: $0.finishedAt) \(b.termText($0))"] } ?? []),
                      evidence: sandboxChanged.suffix(2).map { ctx.evidence($0) } + [b.termEvidence()],
                      hints: ["Check the node's uptime and the container runtime's restarts around \(time: sc.last)."],
                      score: running ? 9 : 60)]
    }
    // 1. OOM killed.
    if term?.knownReason == .oomKilled {
      return [b.oom(code: .oomKilled(podFailed: failedPod), confidence: .high, sig: sig, score: score, c: c)]
    }
    // 2. postStart hook.
    if !sig.hook.isEmpty || waiting?.knownReason == .postStartHookError {
      return [b.postStart(sig: sig, waiting: waiting, score: score)]
    }
    // 3. Liveness / startup kills.
    // failureThreshold consecutive failures make the kubelet kill the container: that many
    // Unhealthy events imply a kill even when the Killing event is not in the store.
    let liveThreshold = c?.spec.liveness?.failureThreshold ?? 3
    let startupThreshold = c?.spec.startup?.failureThreshold ?? 3
    if !sig.killLive.isEmpty || (!sig.unhealthyLive.isEmpty && (restarts > 0 || crashLooping || term != nil || ctx.total(sig.unhealthyLive) >= liveThreshold)) {
      let confident = !sig.killLive.isEmpty && (term?.exitCode.map { [143, 137, 0, 130, 2, 1].contains($0) || $0 > 128 } ?? true)
      return [b.probe(live: true, sig: sig, c: c, confidence: confident ? .high : .medium, score: score)]
    }
    if !sig.killStartup.isEmpty || (!sig.unhealthyStartup.isEmpty && (restarts > 0 || crashLooping || ctx.total(sig.unhealthyStartup) >= startupThreshold)) {
      return [b.probe(live: false, sig: sig, c: c, confidence: sig.killStartup.isEmpty ? .medium : .high, score: score)]
    }
    // 4. Exit codes.
    if let t = term, let code = t.exitCode {
      if code == 0 {
        if failedPod || ctx.runOnce { return [] }
        return [b.completed(sig: sig, score: score)]
      }
      if code == 137 {
        let limit = c?.spec.limits?[ResourceName.memory.rawValue]
        if limit != nil {
          return [b.oom(code: .oomKilled(podFailed: failedPod), confidence: .medium, sig: sig, score: score, c: c)]
        }
        return b.sigkill(podFailed: failedPod, sig: sig, c: c, score: score)
      }
      if code == 143, c?.spec.liveness != nil {
        return [b.probe(live: true, sig: sig, c: c, confidence: .medium, score: score)]
      }
      return [b.appError(code: .appError(podFailed: failedPod), exit: code, sig: sig, score: score, confidence: code == 143 ? .medium : .high)]
    }
    if let t = term, t.knownReason == .completed {
      if failedPod || ctx.runOnce { return [] }
      return [b.completed(sig: sig, score: score)]
    }
    // 5. No exit code known: the events alone.
    if let k = sig.bareKills.first, sig.backoff.isEmpty, sig.starts.contains(where: { $0.last > k.first }) {
      return [b.bareKills(sig: sig, score: min(score, 60))]
    }
    if crashLooping || restarts > 0 {
      return b.unknownExit(podFailed: failedPod, sig: sig, c: c, score: min(score, 60))
    }
    return []
  }

  /// A pod failure (`Failed.*`) read from a phase podhist inferred — no restartPolicy and no
  /// printed phase, only containers that ended without a restart — is `medium` at most: the exit
  /// is seen, that the kubelet will not restart it is not.
  static func cappedWhenFailureIsInferred(_ c: Candidate, _ ctx: ExplainContext) -> Candidate {
    guard c.cause.code.isPodFailure, c.cause.confidence == .high, ctx.state.spec.restartPolicy == nil,
          !ctx.snapshots.contains(where: { $0.snapshot?.knownPhase == .failed }) else { return c }
    var capped = c
    capped.cause.confidence = .medium
    return capped
  }
}
