import Foundation

extension PodModel {
  /// Every termination of every container of this incarnation, in spec order then run order.
  func terminations() -> [Termination] {
    containers.filter { $0.kind != .ephemeral }.flatMap { terminations(of: $0) }
  }

  /// One container's terminations: runs whose end a snapshot showed (state or last state, each
  /// (startedAt, finishedAt) tuple once), plus runs known only because a later run started
  /// (restartCount grew, Started events counted more runs), plus the last run when it ended.
  func terminations(of c: ContainerFacts) -> [Termination] {
    let context = PodContext(restartPolicy: spec.restartPolicy, hasInitContainers: false, creationBlocked: false,
                             deleting: false, terminal: false)
    let end = max(lastAt, c.runs.values.compactMap(\.finishedAt).max() ?? lastAt)
    let now = c.project(at: end, context: context)
    // Runs started: the exact count when known, else the certain lower bound.
    var total = now.runsStarted.lowerBound
    if let maxKnown = c.runs.keys.max() { total = max(total, maxKnown + 1) }
    let startedEvents = c.series.filter { $0.meaning == .started }.reduce(0) { $0 + $1.count }
    total = max(total, startedEvents)
    // Event counts reach 2^31 (int32): runs past the bound on restart counts are not listed one by one.
    total = min(total, InputBounds.restartCount.upperBound + 1)
    guard total > 0 else { return [] }
    let lastEnded = now.status.state?.kind == .terminated || (now.status.state?.kind == .waiting && total > 0)
      || (c.runs[total - 1]?.terminated ?? false)
    let ended = lastEnded ? total : total - 1
    guard ended > 0 else { return [] }
    let tol = boundaryTolerance + (c.series.map(\.uncertainty).max() ?? .zero)
    var out: [Termination] = []
    // Kills available to runs known only by count, per meaning, consumed in order.
    var countOnlyKills: [(meaning: EventMeaning, left: Int)] = []
    var windowStart: Instant? = nil
    // Runs whose start a snapshot showed, in order: the windows below look the next one up here
    // rather than walking every run after `i` (restart counts run to thousands).
    let knownStarts = c.runs.filter { $0.value.startedAt != nil }.keys.sorted()
    for i in 0..<ended {
      var t = Termination(container: c.name, containerKind: c.kind)
      t.run = i + 1
      t.podUID = uid
      if let run = c.runs[i], run.terminated {
        t.startedAt = run.startedAt; t.finishedAt = run.finishedAt; t.reason = run.reason; t.exitCode = run.exitCode
        t.message = run.message
        t.signal = (run.signal ?? 0) != 0 ? run.signal : run.exitCode.flatMap { $0 > 128 && $0 < 160 ? $0 - 128 : nil }
        t.evidence = run.evidence
        t.killedBy = killedBy(run: run, container: c, tolerance: tol)
        // The events that tell what ended it: the Killing, or the probe failures before a 143/137.
        let probeFailure: EventMeaning? = t.killedBy == .liveness ? .unhealthyLiveness : t.killedBy == .startup ? .unhealthyStartup : nil
        let killer: EventMeaning? = t.killedBy == .liveness ? .killedLiveness : t.killedBy == .startup ? .killedStartup
          : t.killedBy == .postStartHook ? .killedPostStart : t.killedBy == .deletion ? .killedStopping : nil
        if let k = c.series.first(where: { $0.meaning == killer && killed(run, by: $0, tolerance: tol) })
            ?? c.series.first(where: { s in s.meaning == killer && run.finishedAt.map { f in
              s.occurrences(after: run.startedAt ?? (f - .seconds(3600)), upTo: f + tol).upperBound > 0 } ?? false })
            ?? c.series.first(where: { $0.meaning == probeFailure }) {
          for p in k.evidence where !t.evidence.contains(p) { t.evidence.append(p) }
        }
        windowStart = run.finishedAt
        countOnlyKills = []
      } else {
        t.countOnly = true
        if let s = c.runs[i]?.startedAt { t.startedAt = s }
        if countOnlyKills.isEmpty {
          // The window of this stretch of count-only runs: up to the next run whose start is known.
          let next = knownStarts.first { $0 > i }.flatMap { $0 <= max(i + 1, total) ? $0 : nil }
          let windowEnd = next.flatMap { c.runs[$0]?.startedAt }.map { $0 + tol } ?? end
          for s in c.series where s.meaning.endsRun {
            let n = s.occurrences(after: windowStart, upTo: windowEnd).lowerBound
            if n > 0 { countOnlyKills.append((s.meaning, n)) }
          }
        }
        if let k = countOnlyKills.firstIndex(where: { $0.left > 0 }) {
          countOnlyKills[k].left -= 1
          t.killedBy = killerName(countOnlyKills[k].meaning)
          if let s = c.series.first(where: { $0.meaning == countOnlyKills[k].meaning }) { t.evidence = s.evidence }
        } else {
          t.killedBy = .unknown
          if let s = c.series.first(where: { $0.meaning == .started }) { t.evidence = s.evidence }
        }
      }
      out.append(t)
    }
    // Back-off before the next start.
    for i in out.indices {
      guard let f = out[i].finishedAt, let next = c.runs[i + 1]?.startedAt else { continue }
      out[i].backOffBeforeNext = next - f
    }
    return out
  }

  /// What ended a run a snapshot showed (docs/kubernetes-semantics.md §13): the OOM killer, a probe (a
  /// matching Killing event, or exit 143/137 after failures of that probe), a hook, deletion, eviction, or the
  /// process itself.
  func killedBy(run: KnownRun, container c: ContainerFacts, tolerance: Duration) -> KilledBy {
    if StatusReason(run.reason) == .oomKilled { return .oom }
    for s in c.series where s.meaning.endsRun || s.meaning == .killedStopping {
      if killed(run, by: s, tolerance: tolerance) { return killerName(s.meaning) }
    }
    for s in podSeries where s.meaning == .evicted {
      if let f = run.finishedAt, s.occurrences(after: f - .seconds(60), upTo: f + tolerance).lowerBound > 0 { return .eviction }
    }
    if let code = run.exitCode, code == 143 || code == 137 {
      // An aggregated Killing that may fall within the run (its instants are unknown), and the
      // SIGTERM/SIGKILL exit that such a kill leaves.
      for s in c.series where s.meaning.endsRun {
        guard let f = run.finishedAt else { continue }
        let start = run.startedAt ?? (f - .seconds(3600))
        if s.occurrences(after: start, upTo: f + tolerance).upperBound > 0 { return killerName(s.meaning) }
      }
      for (meaning, name) in [(EventMeaning.unhealthyLiveness, KilledBy.liveness), (.unhealthyStartup, .startup)] {
        for s in c.series where s.meaning == meaning {
          if let st = run.startedAt, let f = run.finishedAt, s.occurrences(after: st, upTo: f + tolerance).upperBound > 0 {
            return name
          }
          if run.startedAt == nil || run.finishedAt == nil { return name }
        }
      }
      if c.series.contains(where: { $0.meaning == .postStartHookFailed }) { return .postStartHook }
      return .unknown
    }
    if StatusReason(run.reason) == .containerStatusUnknown { return .unknown }
    if run.exitCode != nil { return .exit }
    return .unknown
  }

  /// Whether a Killing series has an occurrence within the run (from its start to its end).
  func killed(_ run: KnownRun, by s: EventSeries, tolerance: Duration) -> Bool {
    guard let f = run.finishedAt else { return false }
    let start = run.startedAt ?? (f - .seconds(3600))
    return s.occurrences(after: start, upTo: f + tolerance).lowerBound > 0
  }
}

/// What ended a run, for a Killing event's meaning.
func killerName(_ m: EventMeaning) -> KilledBy {
  switch m {
  case .killedLiveness: return .liveness
  case .killedStartup: return .startup
  case .killedPostStart, .postStartHookFailed: return .postStartHook
  case .killedStopping: return .deletion
  default: return .unknown
  }
}
