import Foundation

/// How long a terminated container is shown as Terminated before the kubelet's next sync shows
/// it Waiting/CrashLoopBackOff (PLEG relist + sync, about a second).
let terminatedShownFor = Duration.seconds(1)
/// Events within this much of a run boundary are that boundary's own events.
let boundaryTolerance = Duration.seconds(2)

/// Pod-level context the container projection needs.
struct PodContext {
  var restartPolicy: String?
  var hasInitContainers: Bool
  /// A pod-level event after the anchor keeps containers from being created (FailedMount,
  /// FailedCreatePodSandBox).
  var creationBlocked: Bool
  /// The pod is not bound to a node (FailedScheduling after the newest observation).
  var unscheduled: Bool = false
  var deleting: Bool
  var terminal: Bool
  /// When the blocking pod events (FailedMount, FailedCreatePodSandBox) stopped, if they had
  /// stopped by `t`.
  var blockEndedAt: Instant? = nil
}
/// One container's state at `t`, with what is uncertain about it.
struct ContainerAtT {
  var status: ContainerStatus
  /// Runs started by `t` (a range when aggregated Started events leave it open).
  var runsStarted: ClosedRange<Int>
  /// Whether events after the newest observation moved the state.
  var movedByEvents: Bool
  /// The observation the state was folded from.
  var anchor: Anchor?
  var uncertainties: [ContainerUncertainty]
}

extension ContainerFacts {
  /// Runs started by `t` according to the Events alone: Started occurrences, and Created ones
  /// (a Created is followed by its Started within a second, and the spam filter may have dropped
  /// one and not the other). The upper bound is `openCount` when writes may have been dropped.
  func eventRuns(atOrBefore t: Instant) -> ClosedRange<Int> {
    var lo = 0, hi = 0, created = 0
    for s in series {
      switch s.meaning {
      case .started:
        let n = s.occurrences(atOrBefore: t)
        lo += n.lowerBound; hi += n.upperBound
      case .created:
        created += s.occurrences(atOrBefore: t - boundaryTolerance).lowerBound
      default: break
      }
    }
    lo = max(lo, created)
    return lo...max(lo, min(hi, openCount))
  }

  /// Projects this container at `t`: the newest observation at or before `t` (a snapshot, a
  /// get-pods row, or a run boundary a later snapshot revealed), moved by the Events after it,
  /// and capped by what later observations say.
  func project(at t: Instant, context: PodContext) -> ContainerAtT {
    var status = ContainerStatus(name: name, kind: kind)
    status.image = image
    status.spec = spec
    var notes: [ContainerUncertainty] = []
    // Observations in the order things happened: within one second (the resolution of most
    // times), more runs started, or a further step of the same run, is later.
    let all = (anchors + boundaryAnchors).sorted {
      ($0.at, $0.runsStarted, $0.progress, $0.kind.rawValue) < ($1.at, $1.runsStarted, $1.progress, $1.kind.rawValue)
    }
    // At a snapshot's own instant, the snapshot is what was shown.
    let anchor = all.last { $0.at == t && ($0.kind == .snapshot || $0.kind == .row) } ?? all.last { $0.at <= t }
    // Hindsight caps: runs started by t cannot exceed what a later observation counted.
    var cap = Int.max
    for a in all where a.at > t {
      cap = min(cap, a.kind == .runStart ? a.runsStarted - 1 : a.runsStarted)
    }
    let base = anchor?.runsStarted ?? 0
    // When the next observation counts the same runs, nothing started in between; when it also
    // shows the same run still running (or its end), the run went on throughout.
    let next = all.first { $0.at > t }
    let sameRun = anchor != nil && next != nil && next?.runsStarted == base
    let frozen = sameRun && (anchor?.state.kind == .running) == (next?.state.kind == .running || next?.kind == .runEnd)
    let tol = boundaryTolerance + (series.map(\.uncertainty).max() ?? .zero)
    let after: Instant? = anchor.map { $0.kind == .runStart || $0.kind == .runEnd ? $0.at + tol : $0.at }
    // Right after an exit the kubelet waits out its back-off: no run can have started yet.
    let earliestNext = anchor.flatMap { earliestNextStart(after: $0) }
    let inBackOff = earliestNext.map { t < $0 } ?? false
    let (runsLo, runsHi) = runWindow(at: t, anchor: anchor, next: next, after: after, sameRun: sameRun, inBackOff: inBackOff,
                                     cap: cap, notes: &notes)
    var indicators = self.indicators(after: after, upTo: t, notes: &notes)
    if frozen { indicators.removeAll() }
    if sameRun || inBackOff { indicators.removeAll { $0.meaning == .started || $0.meaning == .created } }
    var top = indicators.max { ($0.at, $0.priority) < ($1.at, $1.priority) }
    // A crash loop still going on at t (restarts repeating on both sides of it, t inside no
    // known run): it was either running or between runs. The share of each in the loop decides.
    if let b = top, !b.exact, b.meaning == .backOffRestart || b.meaning.endsRun,
       runsLo < runsHi || runsHi > base, let loop = crashLoopShare(at: t), loop.runningLikelier {
      top = indicators.first(where: { ($0.meaning == .started || $0.meaning == .created) && !$0.exact })
        ?? (t, false, 1, .started, loop.series)
      notes.append(.runningOrWaiting(at: t, share: loop.share))
    }
    var moved = false
    var state: ContainerState?
    var lastState: ContainerState? = anchor?.lastState
    var ready = anchor?.ready ?? false
    var started = anchor?.started
    var runStart: Instant? = anchor?.state.kind == .running ? anchor?.state.startedAt ?? anchor?.at : nil
    let prevRun = { (runs: Int) -> ContainerState? in
      self.runs[runs - 2].flatMap { $0.terminated ? $0.terminatedState : nil }
    }
    let startsRun = top.map { $0.meaning == .started || $0.meaning == .created } ?? false
    if let top, !startsRun || runsHi > base {
      moved = true
      switch top.meaning {
      case .started, .created:
        // A Created counts as a run (its Started follows within a second; `eventRuns`).
        if top.meaning == .created {
          notes.append(.createdNotStarted(at: top.at))
        }
        let run = runs[runsHi - 1]
        runStart = run?.startedAt ?? (top.exact ? top.at : nil)
        state = ContainerState(kind: .running, startedAt: runStart, containerID: run?.containerID)
        if anchor?.state.kind == .terminated { lastState = anchor?.state } else if anchor?.state.kind == .running {
          lastState = nil
        }
        lastState = prevRun(runsHi) ?? lastState
        ready = readyForNewRun(startedAt: runStart, at: t, runIndex: runsHi - 1)
        started = true
      case .killedLiveness, .killedStartup, .killedPostStart, .killedOther, .postStartHookFailed:
        let why: KillTrigger = top.meaning == .killedStartup ? .startup : top.meaning == .killedLiveness ? .liveness : .kill
        let ended = ContainerState(kind: .terminated, reason: "Error", startedAt: runs[runsHi - 1]?.startedAt,
                                   finishedAt: top.exact ? top.at : nil)
        notes.append(.killEndedRun(trigger: why))
        if top.exact && t - top.at < terminatedShownFor + .seconds(1) || !restarts(after: 143, context: context) {
          state = ended
        } else {
          state = ContainerState(kind: .waiting, reason: "CrashLoopBackOff")
          lastState = ended
        }
        ready = false; started = false
      case .backOffRestart:
        state = ContainerState(kind: .waiting, reason: "CrashLoopBackOff")
        if anchor?.state.kind == .terminated { lastState = anchor?.state }
        lastState = runs[runsHi - 1].flatMap { $0.terminated ? $0.terminatedState : nil } ?? lastState
        ready = false; started = false
      case .pullFailed: state = ContainerState(kind: .waiting, reason: "ErrImagePull"); ready = false
      case .pullBackOff, .backOffPull: state = ContainerState(kind: .waiting, reason: "ImagePullBackOff"); ready = false
      case .invalidImage: state = ContainerState(kind: .waiting, reason: "InvalidImageName"); ready = false
      case .neverPull: state = ContainerState(kind: .waiting, reason: "ErrImageNeverPull"); ready = false
      case .createError(let m):
        state = ContainerState(kind: .waiting, reason: EventReading.waitingReason(ofCreateError: m), message: m); ready = false
      default: break
      }
      if top.meaning != .started && !top.exact {
        notes.append(.stillRepeating(reason: top.series.record.reason, at: t))
      }
    }
    if state == nil, let anchor {
      state = anchor.state
      // A run boundary seen in hindsight: after an exit the kubelet shows back-off, unless the
      // next run started right away (the first restart is immediate, docs/kubernetes-semantics.md §11).
      if anchor.kind == .runEnd {
        ready = false; started = false
        let next = runs[anchor.runsStarted].flatMap(\.startedAt)
        let immediate = next.map { $0 - anchor.at <= .seconds(3) } ?? false
        // A later snapshot still showing this run as the current, terminated state: no restart came.
        let stayed = all.contains { $0.at > t && $0.kind == .snapshot && $0.runsStarted == anchor.runsStarted
          && $0.state.kind == .terminated }
        if t - anchor.at >= terminatedShownFor && !immediate && !stayed
            && restarts(after: anchor.state.exitCode, context: context) {
          state = ContainerState(kind: .waiting, reason: "CrashLoopBackOff")
          lastState = anchor.state
        } else {
          lastState = anchor.lastState
        }
        if kind == .`init` && anchor.state.exitCode == 0 { ready = true }
      } else if anchor.kind == .runStart {
        ready = readyForNewRun(startedAt: anchor.at, at: t, runIndex: anchor.runsStarted - 1)
        started = true
      }
    }
    // Readiness of a running container follows its probe's failures (each failed attempt is an
    // Unhealthy event, docs/kubernetes-semantics.md §10).
    // Probes run only on a running container: a probe failure with no Started in the store (an
    // Events paste cut to its last rows, corpus 022) still says the container runs.
    if state == nil || (state?.kind == .waiting && state?.knownReason == .containerCreating), runsHi == 0,
       let probe = series.first(where: { [.unhealthyReadiness, .unhealthyLiveness, .unhealthyStartup].contains($0.meaning) && $0.first <= t }) {
      state = ContainerState(kind: .running)
      started = true
      notes.append(.probedWithoutStart(reason: probe.record.reason))
    }
    if state?.kind == .running && kind != .`init` {
      let r = readiness(at: t, runStart: runStart, anchor: anchor, current: ready)
      if r != ready && anchor?.kind != .runStart { moved = true }
      ready = r
    }
    // Pulled again and again but never Created: the kubelet fails before creating the container,
    // most often on a missing ConfigMap/Secret (the CreateContainerConfigError chain,
    // docs/kubernetes-semantics.md §13).
    if runsHi == 0, state == nil || state?.knownReason == .containerCreating,
       !series.contains(where: { $0.meaning == .created || $0.meaning == .started }),
       let pulled = series.first(where: { $0.meaning == .pulled && $0.count > 1 && $0.first <= t }),
       pulled.occurrences(atOrBefore: t).upperBound > 1 {
      state = ContainerState(kind: .waiting, reason: "CreateContainerConfigError")
      notes.append(.pulledNeverCreated)
    }
    // Mounts (or the sandbox) failed, then stopped failing, and the container is later seen
    // having run (stopped, killed, probed) although no Created/Started is in the store (the spam
    // filter starves them after a long FailedMount series, docs/kubernetes-semantics.md §5.2): it started once
    // the failures stopped, at the kubelet's next retry (volume retries back off to about 2 min).
    // A failure still going on is written again within 5 min even past the spam filter's burst
    // (docs/kubernetes-semantics.md §5.2): 15 min of silence (the why engine's `quiet`) means the mounts
    // succeeded, and a pod without init containers then runs its containers.
    if runsHi == 0, state == nil || state?.knownReason == .containerCreating, context.creationBlocked,
       let end = context.blockEndedAt, t - end >= .seconds(130),
       !series.contains(where: { $0.meaning == .created || $0.meaning == .started }),
       anchor.map({ $0.at < end }) ?? true, !all.contains(where: { $0.at > t && $0.runsStarted == 0 }) {
      let later = series.first(where: { $0.first > t && ranLater($0.meaning) })
      let quiet = t - end > quietAfterBlock && kind == .regular && !context.hasInitContainers
      if later != nil || quiet {
        state = ContainerState(kind: .running)
        started = true
        ready = readiness(at: t, runStart: nil, anchor: anchor, current: true)
        if let later {
          notes.append(.ranAfterBlock(reason: later.record.reason, seenAt: later.first, blockEnded: end))
        } else {
          notes.append(.runningAfterQuietBlock(blockEnded: end))
        }
      }
    }
    if state == nil && !context.unscheduled {
      if context.creationBlocked || series.contains(where: { $0.first <= t }) {
        state = ContainerState(kind: .waiting, reason: kind == .regular && context.hasInitContainers ? "PodInitializing" : "ContainerCreating")
      }
    } else if context.creationBlocked && runsHi == 0 && state?.kind == .waiting && state?.reason == nil {
      state = ContainerState(kind: .waiting, reason: "ContainerCreating")
    }
    // The last state is the previous run's end: fill it from what snapshots revealed of it.
    if lastState == nil, let st = state {
      switch st.kind {
      case .running, .terminated: lastState = prevRun(runsHi)
      case .waiting: lastState = runsHi > 0 ? runs[runsHi - 1].flatMap { $0.terminated ? $0.terminatedState : nil } : nil
      }
    }
    if lastState == nil, let only = lastStatesOnly.last(where: { $0.at <= t }) { lastState = only.state }
    status.state = state
    status.lastState = lastState
    status.ready = state?.kind == .running ? ready : (kind == .`init` && state?.kind == .terminated && state?.exitCode == 0)
    status.started = started ?? (state?.kind == .running)
    var lo = max(0, runsLo - 1), hi = max(0, runsHi - 1)
    // A fragment that printed a last state and a restart count but no current state (a
    // `lastState:` tail, a describe cut after `Last State:`): the count is what it printed.
    if anchor == nil, let only = lastStatesOnly.last(where: { $0.at <= t }), let r = only.restartCount, hi < r {
      lo = r; hi = r
    }
    status.restarts = lo...max(lo, hi)
    if lo != hi { notes.append(.restartsRange(lo...hi, at: t)) }
    return ContainerAtT(status: status, runsStarted: runsLo...max(runsLo, runsHi), movedByEvents: moved, anchor: anchor,
                        uncertainties: notes)
  }

  /// The runs started by `t` as a range: the anchor's count (`base`) plus the runs the Events
  /// after the anchor add, none within one run (`sameRun`) or during a back-off (`inBackOff`),
  /// widened to what the next observation counted when Events are missing, capped by later
  /// counts (`cap`), bounded by the back-off's fastest pace when Started writes may be dropped.
  func runWindow(at t: Instant, anchor: Anchor?, next: Anchor?, after: Instant?, sameRun: Bool, inBackOff: Bool, cap: Int,
                 notes: inout [ContainerUncertainty]) -> (lo: Int, hi: Int) {
    let base = anchor?.runsStarted ?? 0
    // Runs started after the anchor, from the events.
    let eNow = eventRuns(atOrBefore: t)
    var winLo = eNow.lowerBound, winHi = eNow.upperBound
    if let after {
      let eA = eventRuns(atOrBefore: after)
      winLo = max(0, eNow.lowerBound - eA.upperBound)
      winHi = max(winLo, eNow.upperBound >= openCount ? openCount : eNow.upperBound - eA.lowerBound)
    }
    if sameRun { winLo = 0; winHi = 0 }
    // Right after an exit the kubelet waits out its back-off: no run can have started yet.
    if inBackOff { winLo = 0; winHi = 0 }
    // A later observation counting more runs than the events up to it explain: events are
    // missing (expired after the 1h TTL, or dropped), so up to that observation's count is possible.
    if let next, !sameRun, !inBackOff, winHi < openCount {
      let eNext = eventRuns(atOrBefore: next.at)
      let eA = after.map { eventRuns(atOrBefore: $0) } ?? 0...0
      let explained = base + max(0, eNext.upperBound - eA.lowerBound)
      let counted = next.kind == .runStart ? next.runsStarted - 1 : next.runsStarted
      if counted > explained && eNext.upperBound < openCount {
        winHi = max(winHi, counted - base)
        notes.append(.runsBeyondEvents(observedAt: next.at))
      }
    }
    var runsHi = winHi >= openCount ? openCount : base + winHi
    var runsLo = max(base + winLo, eNow.lowerBound)
    if cap != Int.max { runsHi = min(runsHi, max(cap, base)) }
    if runsHi >= openCount {
      // Started writes may have been dropped after the last one recorded: bound the runs by the
      // fastest the kubelet's back-off allows since the last exact count (docs/kubernetes-semantics.md §11).
      var from = anchor?.at ?? (series.map(\.first).min() ?? t)
      for s in series where s.meaning == .started || s.meaning == .created {
        for p in s.points where p.last <= t { from = max(from, p.last) }
      }
      runsHi = max(runsLo, base) + maxRestarts(in: t - from)
      notes.append(.startedMayBeDropped(after: from))
    }
    runsLo = min(runsLo, runsHi)
    return (runsLo, runsHi)
  }

  /// An Event series' newest occurrence after the anchor and by `t` that sets the state: when
  /// (`t` when not exact), its priority and meaning (`indicatorPriority`).
  typealias Indicator = (at: Instant, exact: Bool, priority: Int, meaning: EventMeaning, series: EventSeries)

  /// The indicators of every series with occurrences after `after` up to `t`; an aggregated
  /// series whose occurrences there are a range is noted.
  func indicators(after: Instant?, upTo t: Instant, notes: inout [ContainerUncertainty]) -> [Indicator] {
    var indicators: [Indicator] = []
    for s in series {
      let n = s.occurrences(after: after, upTo: t)
      guard n.upperBound > 0 else { continue }
      if s.isAggregated && n.lowerBound != n.upperBound && n.upperBound < openCount {
        notes.append(.aggregatedSplit(reason: s.record.reason, count: s.count, first: s.first, last: s.last, at: t, occurrences: n))
      }
      guard let latest = s.latestOccurrence(atOrBefore: t) else { continue }
      guard let p = indicatorPriority(s.meaning) else { continue }
      // An occurrence before the anchor does not move the state.
      if let after, latest.exact, latest.at <= after { continue }
      indicators.append((latest.exact ? latest.at : t, latest.exact, p, s.meaning, s))
    }
    return indicators
  }

  /// How strongly an Event's meaning sets the container's state when it is the newest one (ties
  /// at one instant go to the higher); nil for events that do not set it.
  func indicatorPriority(_ m: EventMeaning) -> Int? {
    switch m {
    // A Created with no Started after it: the Started was cut off or dropped (`eventRuns`).
    // At the same instant the Started wins.
    case .created: return 0
    case .started: return 1
    case .killedLiveness, .killedStartup, .killedPostStart, .killedOther, .postStartHookFailed: return 2
    case .createError, .pullFailed, .invalidImage, .neverPull: return 3
    // While pulls keep failing, the back-off wait dominates: ErrImagePull shows only briefly.
    case .pullBackOff, .backOffPull: return 4
    case .backOffRestart: return 5
    default: return nil
    }
  }

  /// When the next run can start at the earliest after an observation showing the container
  /// ended (terminated, or waiting in back-off with its last state): the kubelet's back-off
  /// (docs/kubernetes-semantics.md §11) is 0 after the first exit or a run of 10 min or more, else 10 s
  /// doubling per exit since the last reset, capped at 300 s. Without the history since run 0, 10 s is assumed.
  func earliestNextStart(after a: Anchor) -> Instant? {
    let ended: ContainerState?
    switch a.state.kind {
    case .terminated: ended = a.state
    case .waiting: ended = a.state.knownReason == .crashLoopBackOff ? (a.lastState ?? runs[a.runsStarted - 1]?.terminatedState) : nil
    case .running: ended = nil
    }
    guard let ended, let f = ended.finishedAt ?? runs[a.runsStarted - 1]?.finishedAt else { return nil }
    let k = a.runsStarted - 1
    if k <= 0 { return f }
    if let s = ended.startedAt ?? runs[k]?.startedAt, f - s >= .seconds(600) { return f }
    let firstStart = runs[0]?.startedAt ?? series.filter { $0.meaning == .started }.map(\.first).min()
    if let first = firstStart, f - first < .seconds(600) {
      return f + .seconds(Int64(min(300, 10 << min(5, k - 1))))
    }
    return f + .seconds(10)
  }

  /// How a crash loop going on at `t` splits its time between running and waiting, from what
  /// is known: the runs' median length (snapshots), and the cycle (one restart every
  /// span / (count − 1), from the densest restart series still repeating after `t`: Created,
  /// Started, Pulling, Pulled or Killing; each write carries the cumulative count,
  /// docs/kubernetes-semantics.md §5.2; the caller knows the loop goes on at `t` from its BackOff or
  /// Killing series). The kubelet's wait between runs is the cycle minus the run; a run of 10 min or
  /// more resets the back-off (the next start is immediate), and with no BackOff event at all the
  /// restarts were immediate.
  /// Nil when nothing tells.
  func crashLoopShare(at t: Instant) -> (runningLikelier: Bool, share: LoopShare, series: EventSeries)? {
    let restartSeries = series.filter { s in
      switch s.meaning {
      case .started, .created, .pulling, .pulled, .killedLiveness, .killedStartup, .killedOther: return s.first <= t
      default: return false
      }
    }
    guard let densest = restartSeries.filter({ $0.last > t && $0.count >= 3 }).max(by: { ($0.count, $0.last) < ($1.count, $1.last) }) else {
      // Every restart series ended before t although the loop went on: the spam filter dropped
      // their writes (docs/kubernetes-semantics.md §5.2), and their early counts (short first back-offs) say
      // nothing of the cycle now. Only the runs' own length can tell, against the longest back-off (300 s).
      guard let dropped = restartSeries.filter(\.truncated).max(by: { ($0.count, $0.last) < ($1.count, $1.last) }),
            let run = medianRun() else { return nil }
      return (run > .seconds(300), .runsAgainstLongestBackOff(median: run, outlast: run > .seconds(300)), dropped)
    }
    let cycle = Duration(micros: (densest.last - densest.first).micros / Int64(densest.count - 1))
    let backOffSeen = series.contains { $0.meaning == .backOffRestart }
    if let run = medianRun() {
      if run >= .seconds(600) { return (true, .runsResetBackOff(median: run), densest) }
      if cycle > run { return (run + run > cycle, .runsAgainstCycle(median: run, cycle: cycle, more: run + run > cycle), densest) }
      return (run > .seconds(300), .runsAgainstLongestBackOff(median: run, outlast: run > .seconds(300)), densest)
    }
    if !backOffSeen { return (true, .noBackOff(cycle: cycle), densest) }
    // Past the first few restarts the wait is the longest back-off (300 s, docs/kubernetes-semantics.md §11).
    return (cycle > .seconds(600), .cycleAgainstBackOff(cycle: cycle, more: cycle > .seconds(600)), densest)
  }

  /// The median duration of this container's runs known from snapshots.
  func medianRun() -> Duration? {
    let d = runs.values.compactMap { r -> Duration? in
      guard let s = r.startedAt, let f = r.finishedAt, f > s else { return nil }
      return f - s
    }.sorted()
    return d.isEmpty ? nil : d[d.count / 2]
  }

  /// Whether a running container is ready at `t`. Without a readiness or startup probe it is
  /// ready once running. With one, a failure within the last period keeps it unready; a run
  /// whose probe stopped failing (or never failed) is ready after the initial delay. When the
  /// probe's events may have been dropped (spam filter), the newest observation decides.
  func readiness(at t: Instant, runStart: Instant?, anchor: Anchor?, current: Bool) -> Bool {
    let failures = series.filter { $0.meaning == .unhealthyReadiness || $0.meaning == .unhealthyStartup }
    let declared = spec.readiness ?? spec.startup
    if declared == nil && specKnown { return true }
    // Spec unknown (no rich snapshot) and no readiness failures: ready, unless an observation of
    // this run said otherwise.
    if declared == nil && failures.isEmpty { return anchor == nil || anchor?.kind == .runStart ? true : current }
    let probe = declared ?? Probe(type: "unknown")
    let period = Duration.seconds(Int64(max(1, probe.periodSeconds)))
    var lastFail: Instant?
    for s in failures {
      guard let l = s.latestOccurrence(atOrBefore: t) else { continue }
      if let rs = runStart, l.at < rs { continue }
      if !l.exact { return false }
      lastFail = max(lastFail ?? l.at, l.at)
    }
    if let f = lastFail, t - f <= period + .seconds(1) { return false }
    // Past 25 events the spam filter lets one write through per 5 minutes (docs/kubernetes-semantics.md §5.2):
    // a failure series that long is still failing until a refill passes without a write.
    if let f = lastFail, failures.contains(where: { $0.truncated }), t - f <= .seconds(300) + period { return false }
    // The newest observation is too recent for the probe to have run since.
    if let a = anchor, a.kind == .snapshot || a.kind == .row, t - a.at < period, (lastFail.map { a.at > $0 } ?? true) {
      return a.ready ?? current
    }
    if failures.contains(where: { $0.truncated && $0.last < t }) { return anchor?.ready ?? current }
    if let rs = runStart { return t - rs >= .seconds(Int64(probe.initialDelaySeconds)) }
    // No failure since the run started (or the failures stopped): the probe has been passing.
    return true
  }

  /// Whether the kubelet restarts a container that exited with `exitCode` (restartPolicy; an
  /// unknown code counts as a failure).
  func restarts(after exitCode: Int?, context: PodContext) -> Bool {
    if context.deleting || context.terminal { return false }
    if kind == .sidecar { return true }
    switch RestartPolicy(context.restartPolicy) {
    case .never: return false
    case .onFailure: return (exitCode ?? 1) != 0
    case .always, .other: return kind == .`init` ? (exitCode ?? 1) != 0 : true
    }
  }

  /// Whether a run started at `startedAt` was ready at `t`: a later snapshot of the same run
  /// tells; without one, a container with no readiness or startup probe is ready once running.
  func readyForNewRun(startedAt: Instant?, at t: Instant, runIndex: Int) -> Bool {
    if kind == .`init` { return false }
    if let run = runs[runIndex] {
      let seen = run.seenRunning.sorted { $0.at < $1.at }
      if let before = seen.last(where: { $0.at <= t }), let r = before.ready { return r }
      if let later = seen.first(where: { $0.at > t }), let r = later.ready {
        if !r { return false }
        if let probe = spec.readiness, let s = startedAt ?? run.startedAt {
          return t - s >= .seconds(Int64(probe.initialDelaySeconds))
        }
        return true
      }
    }
    if spec.readiness != nil || spec.startup != nil { return false }
    return !series.contains { $0.meaning == .unhealthyReadiness && $0.first <= t }
  }
}

/// How long blocking failures (FailedMount, FailedCreatePodSandBox) must have been silent to be
/// over: a failure still going on is written again within 5 min, past the spam filter
/// (docs/kubernetes-semantics.md §5.2).
let quietAfterBlock = Duration.seconds(900)

/// Whether an Event about a container shows it had been running: it was stopped, killed,
/// probed or restarted.
func ranLater(_ m: EventMeaning) -> Bool {
  switch m {
  case .killedStopping, .killedLiveness, .killedStartup, .killedOther, .killedPostStart,
       .unhealthyLiveness, .unhealthyReadiness, .unhealthyStartup, .backOffRestart: return true
  default: return false
  }
}

/// The most restarts the kubelet's back-off allows in `span`: the first restart immediate, then
/// waits of 10 s doubling to 300 s (the default MaxContainerBackOff; newer clusters may be
/// configured faster, docs/kubernetes-semantics.md §11), with runs of no length.
func maxRestarts(in span: Duration) -> Int {
  var left = span.micros / 1_000_000
  var n = 0
  var wait: Int64 = 0
  while left >= wait && n < 10_000 {
    left -= wait
    n += 1
    wait = wait == 0 ? 10 : min(300, wait * 2)
  }
  return n
}

