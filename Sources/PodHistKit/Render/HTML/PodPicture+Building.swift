import Foundation

extension PodPicture {
  /// The picture's width in pixels (the SVG's viewBox; the page scales it).
  public static let width: Double = 1200
  /// The width of the lane labels on the left.
  public static let gutter: Double = 190
  /// Room right of the axis for the last mark's count.
  static let rightMargin: Double = 110
  /// States are sampled at most this many times across the axis (besides the facts' own instants).
  static let evenSamples = 160
  /// The most and the fewest projections a picture makes, and the facts read in all (samples × facts) it aims at.
  static let maxSamples = 400, minSamples = 16, sampleWork = 200_000
  /// The width (pixels) of the bins Event marks are gathered in: one mark per bin and row at most.
  static let gatherDistance: Double = 6

  /// Lays out a pod's history: `facts` (the pod's, in event-time order) drawn whole, the header
  /// told by `state` (at `--at` or the default instant) and `explanation` (nil when none),
  /// a cursor at `cursor` when given. `width` is the picture's width in pixels.
  public static func build(facts: [Fact], state: PodState, explanation: Explanation?, cursor: Instant?,
                           width: Double = PodPicture.width) -> PodPicture {
    build(facts: facts, projector: PodProjector(facts), state: state, explanation: explanation, cursor: cursor, width: width)
  }

  /// `build(facts:state:explanation:cursor:width:)` with the facts indexed already (`projector`, of `facts`).
  public static func build(facts: [Fact], projector: PodProjector, state: PodState, explanation: Explanation?, cursor: Instant?,
                           width: Double = PodPicture.width) -> PodPicture {
    let top = explanation?.causes.first
    let history = projector.terminations
    var instants: [Instant] = []
    for f in facts {
      instants.append(f.observed)
      if let first = f.event?.first { instants.append(first) }
    }
    for t in history {
      if let s = t.startedAt { instants.append(s) }
      if let e = t.finishedAt { instants.append(e) }
    }
    if let cursor { instants.append(cursor) }
    let axis = TimeAxis(covering: instants, left: gutter, width: width - gutter - rightMargin, clock: state.clock)
    let evidence = top?.evidence ?? []
    let (samples, states) = sampledStates(facts: facts, projector: projector, history: history, state: state, axis: axis)
    let lanes = containerLanes(facts: facts, samples: samples, states: states, history: history, end: axis.end, state: state, evidence: evidence)
    // The last state is drawn on to the axis's end: it held as far as anything tells.
    let statusSpans = statusSpans(samples: samples, states: states, facts: facts, end: axis.end)
    let (rows, records, listed) = eventRows(facts: facts, axis: axis, evidence: evidence)
    return PodPicture(object: state.object, node: state.node, status: state.status, restarts: state.restarts, at: state.at,
                      cursor: cursor, clock: state.clock, topCause: top, axis: axis, statusSpans: statusSpans, lanes: lanes, eventRows: rows,
                      gaps: explanation?.gaps ?? state.gaps, uncertainties: state.uncertainties, eventRecords: records, listedEvents: listed,
                      observations: facts.filter { $0.snapshot != nil }.map { Observation(at: $0.observed, source: $0.provenance) })
  }

  // MARK: Container lanes

  /// The instants the states are sampled at (each fact's, each run boundary's, evenly spaced
  /// ones; at most one per pixel) and the projected states there.
  static func sampledStates(facts: [Fact], projector: PodProjector, history: [Termination], state: PodState, axis: TimeAxis) -> ([Instant], [PodState]) {
    guard let firstFact = facts.map(\.observed).min() else { return ([], []) }
    let lastFact = max(facts.map(\.observed).max() ?? firstFact, state.at)
    // Each projection reads every fact: the budget of samples shrinks as the facts grow
    // (a pod with 10^4 Events is sampled ~20 times besides its snapshots and run ends).
    let budget = min(maxSamples, max(minSamples, sampleWork / max(1, facts.count)))
    var certain: [Instant] = facts.filter { $0.snapshot != nil }.map(\.observed)
    for t in history {
      if let s = t.startedAt { certain.append(s) }
      if let f = t.finishedAt { certain.append(f) }
    }
    var candidates: [Instant] = []
    if facts.count <= budget {
      candidates = facts.map(\.observed) + facts.compactMap { $0.event?.first }
    }
    let even = max(8, budget - certain.count - candidates.count)
    let stepMicros = max(1, (lastFact - firstFact).micros / Int64(min(even, evenSamples)))
    var t = firstFact.micros
    while t < lastFact.micros { candidates.append(Instant(micros: t)); t += stepMicros }
    candidates += [firstFact, lastFact]
    // One sample per pixel (snapshots and run ends first), and within the budget.
    var taken = Set<Int>()
    var samples: [Instant] = []
    for (i, c) in (certain + candidates).enumerated() where c >= firstFact && c <= lastFact {
      let px = Int(axis.x(c).rounded(.down))
      if taken.contains(px) { continue }
      if i >= certain.count && samples.count >= budget { break }
      taken.insert(px)
      samples.append(c)
    }
    if !samples.contains(lastFact) { samples.append(lastFact) }
    samples.sort()
    return (samples, projector.states(at: samples))
  }

  /// The sample indices whose state was not observed: from the last fact before a snapshot up to
  /// it, when `changedAt(j)` says the snapshot at sample `j` tells something other than the
  /// projection held just before it (the change happened somewhere in there).
  static func unobserved(samples: [Instant], facts: [Fact], changedAt: (Int) -> Bool) -> Set<Int> {
    let snapshotInstants = Set(facts.filter { $0.snapshot != nil }.map(\.observed))
    let factInstants = Set(facts.map(\.observed))
    var unseen = Set<Int>()
    var lastFactSample = 0
    for j in samples.indices {
      if j > 0, snapshotInstants.contains(samples[j]), changedAt(j) {
        for k in lastFactSample..<j { unseen.insert(k) }
      }
      if factInstants.contains(samples[j]) { lastFactSample = j }
    }
    return unseen
  }

  /// kubectl's STATUS over the samples, equal neighbours merged.
  static func statusSpans(samples: [Instant], states: [PodState], facts: [Fact], end: Instant) -> [StatusSpan] {
    let unseen = unobserved(samples: samples, facts: facts) { j in
      states[j - 1].status != states[j].status || states[j - 1].restarts != states[j].restarts
    }
    var out: [StatusSpan] = []
    for (i, s) in states.enumerated() where s.exists {
      let from = samples[i], to = i + 1 < samples.count ? samples[i + 1] : max(end, from)
      guard to > from else { continue }
      // Not observed, or a container's state there is inferred.
      let uncertain = unseen.contains(i) || s.containers.contains { c in c.state == nil || isUncertain(c.name, in: s) }
      if var last = out.last, last.status == s.status, last.uncertain == uncertain, last.to == from {
        last.to = to
        out[out.count - 1] = last
      } else {
        out.append(StatusSpan(from: from, to: to, status: s.status, tone: tone(s), uncertain: uncertain))
      }
    }
    return out
  }

  /// How a state's STATUS reads at a glance.
  static func tone(_ s: PodState) -> StatusTone {
    switch s.statusReason {
    case .running: return s.isRunningAndReady || s.readyTotal == 0 ? .ok : .pending
    case .completed: return .done
    case .pending, .containerCreating, .podInitializing: return .pending
    case nil:
      // `Init:0/1` and other words podhist keeps as text: failing when a container waits for a
      // reason other than being created.
      let failing = s.containers.contains { c in
        guard let st = c.state else { return false }
        switch st.kind {
        case .waiting: return ![nil, .containerCreating, .podInitializing].contains(StatusReason(st.reason ?? ""))
        case .terminated: return st.exitCode.map { $0 != 0 } ?? false
        case .running: return false
        }
      }
      return failing ? .failing : .pending
    default: return .failing
    }
  }

  /// One lane per container the facts name, spec order (init and sidecar first), from the
  /// sampled states; terminations from the restart history.
  static func containerLanes(facts: [Fact], samples: [Instant], states: [PodState], history: [Termination], end: Instant,
                             state: PodState, evidence: [Evidence]) -> [ContainerLane] {
    guard let lastSample = samples.last else { return [] }
    let lastFact = max(lastSample, end)
    // The containers, in the order the latest state lists them, then any seen only earlier.
    var order: [(name: String, kind: ContainerKind)] = []
    for s in [state] + states.reversed() {
      for c in s.containers where c.kind != .ephemeral && !order.contains(where: { $0.name == c.name }) {
        order.append((c.name, c.kind))
      }
    }
    order = order.filter { $0.kind != .regular } + order.filter { $0.kind == .regular }
    return order.map { c in
      let statuses = states.map { s in s.exists ? s.containers.first { $0.name == c.name } : nil }
      let laneStates = statuses.map { $0?.state.map(laneState) ?? .unknown }
      // Between the last fact before a snapshot and that snapshot, the state is not known when
      // the snapshot tells another state or restart count than the projection held up to it:
      // the change happened somewhere in there.
      let unseen = unobserved(samples: samples, facts: facts) { j in
        laneStates[j - 1] != laneStates[j] || statuses[j - 1]?.restarts != statuses[j]?.restarts
      }
      var spans: [StateSpan] = []
      for (i, s) in states.enumerated() {
        let from = samples[i]
        let to = i + 1 < samples.count ? samples[i + 1] : max(lastFact, from)
        guard to > from else { continue }
        let laneState = laneStates[i]
        let uncertain = laneState == .unknown || unseen.contains(i) || isUncertain(c.name, in: s)
        if var last = spans.last, last.state == laneState, last.uncertain == uncertain, last.to == from {
          last.to = to
          spans[spans.count - 1] = last
        } else {
          spans.append(StateSpan(from: from, to: to, state: laneState, uncertain: uncertain))
        }
      }
      let (marks, unplaced) = terminationMarks(history.filter { $0.container == c.name }, facts: facts, evidence: evidence)
      let restarts = state.containers.first { $0.name == c.name }?.restarts ?? 0...0
      return ContainerLane(name: c.name, kind: c.kind, spans: spans, terminations: marks, unplaced: unplaced, restarts: restarts)
    }
  }

  /// A container state as a lane state.
  static func laneState(_ s: ContainerState) -> LaneState {
    switch s.kind {
    case .running: .running
    case .waiting: .waiting(reason: s.reason)
    case .terminated: .terminated(reason: s.reason, exitCode: s.exitCode)
    }
  }

  /// Whether the projection is unsure of the container's state at the state's instant: no
  /// snapshot yet, or an uncertainty about whether it runs.
  static func isUncertain(_ name: String, in s: PodState) -> Bool {
    s.uncertainties.contains { u in
      switch u {
      case .noSnapshotYet, .containersUnknown, .podRunningAfterBlock: return true
      case let .container(n, cu) where n == name:
        switch cu {
        case .runningOrWaiting, .stillRepeating, .createdNotStarted, .probedWithoutStart, .pulledNeverCreated,
             .ranAfterBlock, .runningAfterQuietBlock:
          return true
        default: return false
        }
      default: return false
      }
    }
  }

  /// Marks for a container's terminations. Runs known only from a count are placed evenly over
  /// the window of the aggregated Event that counted them (first to last seen), marked
  /// approximate; those with no such window are counted as unplaced.
  static func terminationMarks(_ terms: [Termination], facts: [Fact], evidence: [Evidence]) -> ([TerminationMark], Int) {
    var marks: [TerminationMark] = []
    var unplaced = 0
    // Count-only runs grouped by the aggregated Event fact that counted them.
    var groups: [Provenance: [Termination]] = [:]
    var groupOrder: [Provenance] = []
    for t in terms {
      let cited = t.evidence.contains { p in evidence.contains { cites($0, p) } }
      if let f = t.finishedAt {
        marks.append(TerminationMark(at: f, run: t.run, exitCode: t.exitCode, likelyExit: t.exitCode == nil ? likelyExit(t.killedBy) : nil,
                                     reason: t.reason, killedBy: t.killedBy, approximate: false, window: nil,
                                     startedAt: t.startedAt, source: t.evidence.first, isEvidence: cited))
      } else if let p = t.evidence.first {
        if groups[p] == nil { groupOrder.append(p) }
        groups[p, default: []].append(t)
      } else {
        unplaced += 1
      }
    }
    let byProvenance = Dictionary(facts.compactMap { f in f.event.map { (f.provenance, (f, $0)) } }, uniquingKeysWith: { a, _ in a })
    for p in groupOrder {
      let runs = groups[p] ?? []
      guard let (fact, e) = byProvenance[p], let first = e.first, fact.observed > first else { unplaced += runs.count; continue }
      let cited = evidence.contains { cites($0, p) }
      let n = max(e.count, runs.count)
      // A run counted by Started events ended before the next start: half a step later.
      let half = category(e) == .start ? 0.5 : 0
      for (i, t) in runs.enumerated() {
        let f = n > 1 ? min(1, (Double(i) + half) / Double(n - 1)) : 0
        let at = first + Duration(micros: Int64(Double((fact.observed - first).micros) * f))
        marks.append(TerminationMark(at: at, run: t.run, exitCode: t.exitCode, likelyExit: t.exitCode == nil ? likelyExit(t.killedBy) : nil,
                                     reason: t.reason, killedBy: t.killedBy, approximate: true, window: first...fact.observed,
                                     startedAt: nil, source: p, isEvidence: cited))
      }
    }
    return (marks.sorted { $0.at < $1.at }, unplaced)
  }

  /// The exit code a kill leaves when none was observed: 143 after the SIGTERM of a probe's
  /// or the deletion's kill (the runtime's 128+15), 137 after the OOM killer's SIGKILL.
  static func likelyExit(_ k: KilledBy) -> Int? {
    switch k {
    case .liveness, .startup, .deletion, .postStartHook: 143
    case .oom: 137
    default: nil
    }
  }

  /// Whether evidence `e` cites what `p` was read from.
  static func cites(_ e: Evidence, _ p: Provenance) -> Bool {
    e.source == p.source && e.line >= p.firstLine && e.line <= p.lastLine
  }

  // MARK: Event rows

  /// The category of an Event, from the projection's reading of it.
  static func category(_ e: EventRecord) -> MarkCategory {
    switch EventReading.meaning(of: e) {
    case .scheduled, .failedScheduling, .preempted, .admissionRejected: .scheduling
    case .pulling, .pulled, .pullFailed, .pullBackOff, .backOffPull, .invalidImage, .neverPull: .pull
    case .started, .created: .start
    case .unhealthyLiveness, .unhealthyReadiness, .unhealthyStartup: .probe
    case .killedLiveness, .killedStartup, .killedPostStart, .killedStopping, .killedOther, .evicted, .taintEviction, .deadlineExceeded: .kill
    case .backOffRestart: .backoff
    case .failedMount, .failedSandbox, .sandboxChanged, .createError, .postStartHookFailed, .nodeNotReady: .trouble
    case .other: e.isWarning ? .trouble : .other
    }
  }

  /// The Event rows: each record a mark (a span when aggregated), marks closer than
  /// `gatherDistance` pixels in one row gathered into one. Also returns the records drawn, and
  /// the first `PodPage.listCap` of them one by one in time order (for the list).
  static func eventRows(facts: [Fact], axis: TimeAxis, evidence: [Evidence]) -> ([EventRow], Int, [EventMark]) {
    var byCategory: [MarkCategory: [EventMark]] = [:]
    var inFactOrder: [EventMark] = []
    var records = 0
    for f in facts {
      guard let e = f.event else { continue }
      records += 1
      let from = e.count > 1 ? min(e.first ?? f.observed, f.observed) : f.observed
      let mark = EventMark(from: from, to: f.observed, count: max(1, e.count), records: 1, reasons: [e.reason], message: e.message,
                           container: e.container, type: e.type, source: f.provenance, uncertainty: f.uncertainty,
                           isEvidence: evidence.contains { cites($0, f.provenance) })
      byCategory[category(e), default: []].append(mark)
      inFactOrder.append(mark)
    }
    let rows = byCategory.keys.sorted().map { cat in
      EventRow(category: cat, marks: gathered(byCategory[cat] ?? [], axis: axis))
    }
    // Ties (one line of a watch holding several Events) keep the facts' order: the same page every run.
    let listed = inFactOrder.enumerated().sorted { ($0.element.from, $0.element.source.firstLine, $0.offset) < ($1.element.from, $1.element.source.firstLine, $1.offset) }
      .map(\.element)
    return (rows, records, Array(listed.prefix(PodPage.listCap)))
  }

  /// The bin of the axis (`gatherDistance` pixels wide) an instant falls in.
  static func bin(_ t: Instant, axis: TimeAxis) -> Int { Int(((axis.x(t) - axis.left) / gatherDistance).rounded(.down)) }

  /// Marks in time order; a mark starting in a bin the previous one reaches is merged into it, so
  /// a row holds at most one mark per bin: dense stretches become a run of marks with their counts.
  static func gathered(_ marks: [EventMark], axis: TimeAxis) -> [EventMark] {
    let sorted = marks.sorted { ($0.from, $0.to, $0.source.firstLine) < ($1.from, $1.to, $1.source.firstLine) }
    var out: [EventMark] = []
    var lastBin = Int.min
    for m in sorted {
      if var last = out.last, bin(m.from, axis: axis) <= lastBin {
        last.to = max(last.to, m.to)
        let (sum, overflow) = last.count.addingReportingOverflow(m.count)
        last.count = overflow ? Int.max : sum
        last.records += m.records
        for r in m.reasons where !last.reasons.contains(r) { last.reasons.append(r) }
        last.isEvidence = last.isEvidence || m.isEvidence
        last.uncertainty = max(last.uncertainty, m.uncertainty)
        out[out.count - 1] = last
        lastBin = max(lastBin, bin(m.to, axis: axis))
      } else {
        out.append(m)
        lastBin = bin(m.to, axis: axis)
      }
    }
    return out
  }
}
