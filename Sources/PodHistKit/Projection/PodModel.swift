import Foundation

/// All facts of one incarnation, indexed for projection.
struct PodModel {
  var object: ObjectRef
  var uid: String?
  /// Status facts in time order.
  var snapshots: [(fact: Fact, snap: PodSnapshot)]
  var containers: [ContainerFacts]
  var podSeries: [EventSeries]
  var allSeries: [EventSeries]
  var spec: PodSpecFacts
  var firstAt: Instant
  var lastAt: Instant
  /// The newest instant a fact other than a deletion tells (the pod's last sign of life).
  var lastLivingAt: Instant
  /// Deletion facts (a watch's DELETED, absence from a listing), oldest first.
  var deletions: [(at: Instant, deletion: PodDeletion)]
  var clock: Clock
  /// Whether some facts are absolute while others are relative.
  var hasAbsolute: Bool
  /// Whether an Event says killing the pod failed (FailedKillPod, a preStop hook, `error killing
  /// pod`): read once here, not at every instant a picture or a timeline projects.
  var killFailed = false

  init(_ inc: Incarnation) {
    let facts = sortedByLatestInstant(inc.facts)
    uid = inc.uid
    object = facts.first(where: { $0.object.uid != nil })?.object ?? facts.first?.object
      ?? ObjectRef(namespace: "default", name: "?")
    // At one instant the richer observation wins (it is last): a describe or object over a get-pods
    // row, but a row over a describe fragment that printed neither a phase nor a container's state
    // (`Controlled By:` and an `Init Containers:` block cut before its State).
    func rank(_ s: PodSnapshot) -> Int {
      if s.origin == .table { return 1 }
      return s.phase == nil && s.containers.allSatisfy({ $0.state == nil && $0.ready == nil && $0.restartCount == nil }) ? 0 : 2
    }
    snapshots = facts.compactMap { f in f.snapshot.map { (f, $0) } }
      .sorted { ($0.fact.observed, rank($0.snap)) < ($1.fact.observed, rank($1.snap)) }
    firstAt = facts.map(earliestInstant).min() ?? Instant(micros: 0)
    lastAt = facts.map(latestInstant).max() ?? Instant(micros: 0)
    // Plain loops: the optimiser of Swift 6.3.1 crashes (CopyPropagation, "Found outside of
    // lifetime use") on the compactMap/lazy form of these two lines in a release build.
    var found: [(at: Instant, deletion: PodDeletion)] = []
    var living: Instant? = nil
    for f in facts {
      if let d = f.deletion {
        found.append((at: f.observed, deletion: d))
      } else {
        let l = latestInstant(f)
        if living.map({ l > $0 }) ?? true { living = l }
      }
    }
    found.sort { $0.at < $1.at }
    deletions = found
    lastLivingAt = living ?? firstAt
    clock = facts.contains { $0.clock == .relative } ? .relative : .absolute
    hasAbsolute = facts.contains { $0.clock == .absolute }
    // Containers in spec order: the newest rich snapshot's order, then any others seen.
    var order: [(String, ContainerKind)] = []
    for (_, s) in snapshots.reversed() where s.origin != .table && !s.containers.isEmpty {
      order = s.containers.map { ($0.name, $0.kind) }
      break
    }
    var byName: [String: ContainerFacts] = [:]
    for (n, k) in order { byName[n] = ContainerFacts(name: n, kind: k) }
    var merged = PodSpecFacts()
    for (f, s) in snapshots where s.origin != .table {
      for c in s.containers {
        if byName[c.name] == nil { byName[c.name] = ContainerFacts(name: c.name, kind: c.kind); order.append((c.name, c.kind)) }
        byName[c.name]?.add(snapshot: c, at: f.observed, provenance: f.provenance, clock: f.clock)
      }
      merged = mergePodSpec(s.spec, merged)
    }
    spec = merged
    var images: [String: String] = [:]
    for (n, _) in order { if let i = byName[n]?.image { images[i] = n } }
    var series = buildEventSeries(facts, containerNames: order.map(\.0), images: images)
    // The spam filter: more than 25 events from one source about the pod (docs/kubernetes-semantics.md §5.2).
    var bySource: [String: Int] = [:]
    for s in series { bySource[s.record.component ?? "?", default: 0] += s.count }
    for i in series.indices where (bySource[series[i].record.component ?? "?"] ?? 0) > 25 { series[i].truncated = true }
    allSeries = series
    // A deletion does not finish while the kubelet cannot stop the containers.
    killFailed = series.contains { EventReading.isKillFailure($0.record) }
    var pod: [EventSeries] = []
    for s in series {
      guard s.meaning.isContainerScoped, let c = s.container else { pod.append(s); continue }
      if byName[c] == nil {
        let kind: ContainerKind = s.record.containerKind
          ?? EventRecord.container(fromFieldPath: s.record.fieldPath)?.kind ?? .regular
        byName[c] = ContainerFacts(name: c, kind: kind)
        order.append((c, kind))
      }
      byName[c]?.series.append(s)
    }
    podSeries = pod
    // Init containers first, then regular ones (ephemeral last), each in first-seen order.
    let rank: (ContainerKind) -> Int = { k in k == .`init` || k == .sidecar ? 0 : k == .regular ? 1 : 2 }
    let ordered = order.enumerated().sorted { (rank($0.element.1), $0.offset) < (rank($1.element.1), $1.offset) }
    containers = ordered.compactMap { byName[$0.element.0] }
    // A get-pods row speaks for the container when the pod has exactly one.
    let counted = containers.filter { $0.kind != .ephemeral }
    if counted.count == 1, counted[0].kind == .regular, let i = containers.firstIndex(where: { $0.kind == .regular }) {
      for (f, s) in snapshots where s.origin == .table {
        if let row = s.row, let a = rowAnchor(row, at: f.observed, provenance: f.provenance) { containers[i].anchors.append(a) }
      }
    }
    for i in containers.indices { containers[i].anchors.sort { $0.at < $1.at } }
  }

  /// The newest status observation at or before `t`, of any origin or only rich ones.
  func latestSnapshot(atOrBefore t: Instant, rich: Bool) -> (fact: Fact, snap: PodSnapshot)? {
    snapshots.last { $0.fact.observed <= t && (!rich || $0.snap.origin != .table) }
  }

  func project(at t: Instant) -> PodState {
    var st = PodState(object: object, at: t)
    st.clock = clock
    st.firstFactAt = firstAt
    st.lastFactAt = lastAt
    st.spec = spec
    st.exists = firstAt <= t
    st.gaps = gaps(at: t)
    guard st.exists else { return st }
    let rich = latestSnapshot(atOrBefore: t, rich: true)
    let any = latestSnapshot(atOrBefore: t, rich: false)
    st.lastSnapshotAt = any?.fact.observed
    st.lastSnapshotSource = any?.fact.provenance
    let row = any.flatMap { $0.snap.origin == .table ? $0 : nil }
    if let (_, s) = rich {
      st.phase = s.phase.map(Phase.init); st.reason = s.reason; st.message = s.message; st.node = s.node; st.podIP = s.podIP
      st.startTime = s.startTime; st.creationTime = s.creationTime; st.deletionTime = s.deletionTime
      st.finalizers = s.finalizers ?? []
      st.conditions = s.conditions
    } else if let later = snapshots.first(where: { $0.snap.origin != .table }) {
      st.creationTime = later.snap.creationTime.flatMap { $0 <= t ? $0 : nil }
      st.startTime = later.snap.startTime.flatMap { $0 <= t ? $0 : nil }
    }
    if let row, st.node == nil, let n = row.snap.node { st.node = n }
    if let row, st.podIP == nil, let ip = row.snap.podIP { st.podIP = ip }
    // Known only from get-pods rows: the creation time is the row's now − AGE (immutable, so a
    // later row tells it too); without one, the age counts from the start time.
    if st.creationTime == nil {
      st.creationTime = snapshots.lazy.compactMap { $0.snap.creationTime }.first { $0 <= t } ?? st.startTime
    }
    // deletionTimestamp is the deadline (request + grace): a snapshot at or before `t` that
    // printed it shows a deletion already requested, even while the deadline lies ahead.
    if let d = st.deletionTime, d - .seconds(Int64(rich?.snap.deletionGracePeriodSeconds ?? 30)) > t,
       rich.map({ $0.fact.observed > t }) ?? true {
      st.deletionTime = nil
    }
    let podAnchor = any?.fact.observed
    var notes: [Uncertainty] = []

    // Pod-level events after the newest observation.
    let events = podEvents(at: t, after: podAnchor, hasRichSnapshot: rich != nil)
    if st.node == nil, let node = events.scheduledNode { st.node = node }
    let scheduledAt = events.scheduledAt
    var unschedulable = events.unschedulable
    let blocked = events.blocked, blockLast = events.blockLast, blockOngoing = events.blockOngoing
    var deletionAt = events.deletionAt
    let evicted = events.evicted, podReason = events.podReason, nodeNotReady = events.nodeNotReady
    if let s = unschedulable, let sAt = scheduledAt, sAt >= (s.latestOccurrence(atOrBefore: t)?.at ?? sAt) { unschedulable = nil }
    if let e = evicted {
      st.phase = .failed; st.reason = StatusReason.evicted.rawValue; st.message = e.record.message
      deletionAt = nil
    } else if let (r, m) = podReason {
      st.phase = .failed; st.reason = r; st.message = m
    }
    if let d = deletionAt, st.deletionTime == nil { st.deletionTime = d }
    st.deletion = deletion(at: t, requested: events.deletionAt, deadline: st.deletionTime,
                           grace: rich?.snap.deletionGracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30)
    let terminal = st.phase?.isTerminal ?? false
    let context = PodContext(restartPolicy: spec.restartPolicy,
                             hasInitContainers: containers.contains { $0.kind == .`init` || $0.kind == .sidecar },
                             creationBlocked: blocked, unscheduled: unschedulable != nil,
                             deleting: st.deletionTime != nil, terminal: terminal,
                             blockEndedAt: blockOngoing ? nil : blockLast)

    // Containers.
    let projected = projectContainers(at: t, context: context, evicted: evicted != nil || st.podReason == .evicted,
                                      terminalSnapshot: terminal ? rich?.snap : nil)
    st.containers = projected.map(\.status)
    for p in projected { notes.append(contentsOf: p.uncertainties.map { .container(p.status.name, $0) }) }

    // Did the containers change from what the newest rich snapshot showed?
    let richContainers = rich?.snap.containers ?? []
    let changed = rich == nil || projected.contains { p in
      guard let c = richContainers.first(where: { $0.name == p.status.name }) else { return p.status.state != nil }
      return c.state?.kind != p.status.state?.kind || c.state?.reason != p.status.state?.reason
        || (c.ready ?? false) != p.status.ready || c.restartCount.map { $0 != p.status.restarts.lowerBound } ?? false
        || p.status.restarts.lowerBound != p.status.restarts.upperBound
    }
    if changed && !terminal {
      let computed = PodPhase.compute(containers: st.containers, restartPolicy: spec.restartPolicy,
                                      terminal: false)
      if let computed { st.phase = computed }
      if unschedulable != nil { st.phase = .pending }
      if st.phase == nil && (scheduledAt != nil || unschedulable != nil) { st.phase = .pending }
    }
    if st.phase == nil {
      st.phase = PodPhase.compute(containers: st.containers, restartPolicy: spec.restartPolicy, terminal: false)
    }
    if changed || nodeNotReady || unschedulable != nil || rich == nil {
      st.conditions = conditions(base: st.conditions, containers: st.containers, scheduled: scheduledAt != nil || st.node != nil,
                                 unschedulable: unschedulable, nodeNotReady: nodeNotReady, phase: st.phase)
    }

    // kubectl's columns.
    let col = StatusColumn.compute(phase: st.phase, reason: st.reason, conditions: st.conditions,
                                   containers: st.containers, deleting: st.deletionTime != nil)
    st.status = col.status; st.readyCount = col.readyCount; st.readyTotal = col.readyTotal; st.restarts = col.restarts
    if st.containers.filter({ $0.kind != .`init` }).isEmpty && rich == nil {
      // No container is known (events about the pod only): a pod has at least one.
      st.readyTotal = max(st.readyTotal, 1)
      notes.append(.containersUnknown)
      // An init container still at work shows as `Init:...`, which the column already says.
      if unschedulable == nil && st.reason == nil && st.deletionTime == nil && !st.statusIsInit {
        if blocked, !blockOngoing, let end = blockLast, t - end > quietAfterBlock {
          // The failures stopped long ago (one still going on is written again within 5 min).
          st.status = "Running"
          st.phase = .running
          st.readyCount = st.readyTotal
          notes.append(.podRunningAfterBlock(blockEnded: end))
        } else if blocked || scheduledAt != nil {
          st.status = "ContainerCreating"
          st.phase = st.phase ?? .pending
        } else if st.phase == nil {
          st.status = "Unknown"
        }
      }
    }
    // A get-pods row newer than everything else is the truth at its instant.
    if let row, let r = row.snap.row {
      let rowAt = row.fact.observed
      // Events moved a container past its anchor; they count against the row only when one of
      // them came after it (an `Init:` row gives no container anchor for events to move past).
      let eventsAfterRow = allSeries.contains { $0.last > rowAt }
      let newerThanRow = projected.contains { p in (p.movedByEvents && eventsAfterRow) || (p.anchor.map { $0.at > rowAt } ?? false) }
      let podEventsAfter = evicted != nil || deletionAt != nil || unschedulable.map { ($0.latestOccurrence(atOrBefore: t)?.at ?? rowAt) > rowAt } ?? false
      if !newerThanRow && !podEventsAfter {
        st.status = r.status
        if let ready = r.ready, let (n, d) = parseReady(ready) { st.readyCount = n; st.readyTotal = d }
        if let n = r.restarts { st.restarts = n...n }
        if st.phase == nil { st.phase = phaseFromRowStatus(r.status) }
      }
    }
    // A status printed without its containers (`yq .status` of an unscheduled pod) leaves READY
    // 0/0; kubectl counts the spec's containers, and a pods row of the same pod printed them.
    if st.readyTotal == 0, st.containers.allSatisfy({ $0.kind == .`init` }),
       let printed = snapshots.last(where: { $0.snap.row?.ready != nil })?.snap.row?.ready,
       let (_, total) = parseReady(printed), total > 0 {
      st.readyTotal = total
    }
    if st.restarts.lowerBound != st.restarts.upperBound {
      notes.insert(.restartsRange(st.restarts, at: t), at: 0)
    }
    if rich == nil && row == nil {
      notes.append(.noSnapshotYet(at: t, laterSnapshots: !snapshots.isEmpty))
    }
    if clock == .relative {
      notes.append(.relativeClock(mixed: hasAbsolute))
    }
    st.uncertainties = notes
    return st
  }

  /// The containers at `t` (ephemeral ones left out), then what the pod says of them: a regular
  /// init container whose successors started has completed; an evicted pod's are not ready; a
  /// terminal pod's snapshot that lists no status for one (`terminalSnapshot`) shows none.
  func projectContainers(at t: Instant, context: PodContext, evicted: Bool, terminalSnapshot: PodSnapshot?) -> [ContainerAtT] {
    var projected = containers.filter { $0.kind != .ephemeral }.map { $0.project(at: t, context: context) }
    // A regular init container whose successors have started has completed (exit 0).
    for i in projected.indices where projected[i].status.kind == .`init` {
      let laterStarted = projected[(i + 1)...].contains { $0.runsStarted.lowerBound > 0 }
      let s = projected[i].status.state
      let done = s?.kind == .terminated && s?.exitCode == 0
      if laterStarted && !done && (s == nil || s?.kind == .running || s?.knownReason == .podInitializing) {
        projected[i].status.state = ContainerState(kind: .terminated, reason: "Completed", exitCode: 0,
                                                   startedAt: s?.startedAt)
        projected[i].status.ready = true
        projected[i].movedByEvents = true
      }
    }
    if evicted {
      // The kubelet stops an evicted pod's containers: none is ready any more.
      for i in projected.indices { projected[i].status.ready = false }
    }
    if let snap = terminalSnapshot {
      // A terminal pod whose snapshot lists no status for a container (old kubelets replaced an
      // evicted pod's whole status) shows none.
      for i in projected.indices where snap.containers.first(where: { $0.name == projected[i].status.name })?.state == nil
        && !projected[i].movedByEvents {
        projected[i].status.state = nil
        projected[i].status.ready = false
      }
    }
    return projected
  }


  /// Whether (and how) the pod was gone at `t`: a deletion fact at or before `t` that no later
  /// observation contradicts; else, most likely, when its containers were stopped for a deletion
  /// (`requested`) and nothing about it followed the end of the grace period, with no kill
  /// failure and 5 min of silence before `t`.
  func deletion(at t: Instant, requested: Instant?, deadline: Instant?, grace: Int) -> Deletion? {
    let lastSnapshot = snapshots.last?.fact.observed
    if let d = deletions.first(where: { d in d.at <= t && lastSnapshot.map { $0 <= d.at } ?? true }) {
      return Deletion(at: d.at, basis: d.deletion.basis)
    }
    // (Only on real times: a pasted age column may count from an event's first occurrence.)
    if snapshots.isEmpty, clock == .absolute, !killFailed, let newest = allSeries.max(by: { $0.last < $1.last }) {
      // Events only: a failure the kubelet retries (a back-off, a pull, a mount, a config error)
      // is written again within 5 min while it lasts (each retry's Pulling/Pulled too), and its
      // end (a start) is written as well; the scheduler repeats a FailedScheduling series at
      // least every 30 min. Neither came for three times that: the pod is gone, most likely.
      // (A crash loop's last event may be a probe failure of the run the back-off let start.)
      let retrying = newest.meaning.isRetryFailure
        || ([.pulled, .pulling].contains(newest.meaning) && newest.count > 1
            && allSeries.contains { $0.meaning.isRetryFailure } && !allSeries.contains { $0.meaning == .started })
        || ([.unhealthyLiveness, .unhealthyStartup].contains(newest.meaning)
            && allSeries.contains { $0.meaning == .backOffRestart && newest.last - $0.last <= .seconds(600) })
      let silence: Duration? = retrying ? .seconds(900) : newest.meaning == .failedScheduling ? .seconds(5400) : nil
      if let silence, t - lastLivingAt > silence {
        return Deletion(at: lastLivingAt + Duration(micros: silence.micros / 3), basis: .retriesStopped)
      }
    }
    guard let requested else { return nil }
    let end = max(deadline ?? requested, requested + .seconds(Int64(max(grace, 0))))
    guard t >= end + .seconds(300), lastLivingAt <= end + .seconds(5),
          lastSnapshot.map({ $0 < requested }) ?? true, !killFailed else { return nil }
    return Deletion(at: end, basis: .killedThenSilent)
  }

  struct PodEvents {
    /// The first occurrence of the newest Scheduled series, and the first node one names.
    var scheduledAt: Instant?
    var scheduledNode: String?
    /// A FailedScheduling after the anchor (and after any Scheduled).
    var unschedulable: EventSeries?
    /// Mount or sandbox failures after the anchor: their last instant, and whether they go on.
    var blocked = false
    var blockLast: Instant?
    var blockOngoing = false
    /// The earliest sign of deletion (a stopping kill, a preemption, a taint eviction).
    var deletionAt: Instant?
    var evicted: EventSeries?
    /// A terminal pod reason and message (DeadlineExceeded, an admission refusal).
    var podReason: (String, String)?
    var nodeNotReady = false
  }

  /// Folds the pod-level Events up to `t`; only those after `anchor` (or not pinned before it)
  /// move the state, except an eviction when no rich snapshot is known.
  func podEvents(at t: Instant, after anchor: Instant?, hasRichSnapshot: Bool) -> PodEvents {
    var e = PodEvents()
    for s in allSeries {
      guard let latest = s.latestOccurrence(atOrBefore: t) else { continue }
      let afterAnchor = anchor.map { latest.at > $0 || !latest.exact } ?? true
      switch s.meaning {
      case .scheduled(let node):
        e.scheduledAt = max(e.scheduledAt ?? s.first, s.first)
        e.scheduledNode = e.scheduledNode ?? node
      case .failedScheduling:
        if afterAnchor && (e.scheduledAt.map { latest.at > $0 } ?? true) { e.unschedulable = s }
      case .failedMount, .failedSandbox:
        if afterAnchor {
          e.blocked = true
          e.blockLast = max(e.blockLast ?? latest.at, latest.at)
          if !latest.exact { e.blockOngoing = true }
        }
      case .evicted: if afterAnchor || !hasRichSnapshot { e.evicted = s }
      case .deadlineExceeded: if afterAnchor { e.podReason = (StatusReason.deadlineExceeded.rawValue, s.record.message) }
      case .admissionRejected: if afterAnchor { e.podReason = (s.record.reason, s.record.message) }
      case .killedStopping, .preempted, .taintEviction:
        if afterAnchor { e.deletionAt = min(e.deletionAt ?? latest.at, latest.at) }
      case .nodeNotReady: if afterAnchor { e.nodeNotReady = true }
      default: break
      }
    }
    return e
  }

  /// Gaps in the history known at `t`.
  func gaps(at t: Instant) -> [Gap] {
    var out: [Gap] = []
    if t < firstAt { out.append(.nothingBefore(firstAt)) }
    if snapshots.isEmpty { out.append(.noSnapshot()) }
    if !allSeries.contains(where: { if case .scheduled = $0.meaning { return true }; return false }) && !allSeries.isEmpty {
      out.append(.noScheduledEvent(before: firstAt))
    }
    // Event TTL: status snapshots more than 1h apart with no event between them.
    // (Across clocks the distance means nothing: an offset from a dump's now against a date.)
    for (a, b) in zip(snapshots, snapshots.dropFirst())
    where a.fact.clock == b.fact.clock && b.fact.observed - a.fact.observed > .seconds(3600) {
      let lo = a.fact.observed, hi = b.fact.observed
      if !allSeries.contains(where: { $0.last > lo && $0.first < hi }) {
        out.append(.eventTTL(from: lo, to: hi))
      }
    }
    // Spam filter: more than 25 events from one source about the pod.
    var bySource: [String: Int] = [:]
    for s in allSeries where s.first <= t { bySource[s.record.component ?? "?", default: 0] += s.count }
    for (src, n) in bySource.sorted(by: { $0.key < $1.key }) where n > 25 {
      out.append(.spamFilter(source: src, count: n))
    }
    for s in allSeries where s.isAggregated && s.first <= t {
      out.append(.aggregated(reason: s.record.reason, count: s.count, first: s.first, last: s.last))
    }
    return out
  }

  /// A get-pods row as an observation of the pod's only container.
  func rowAnchor(_ row: PodRow, at t: Instant, provenance: Provenance) -> Anchor? {
    let r = row.restarts ?? 0
    let readyN = row.ready.flatMap(parseReady)?.0
    let s = row.status
    guard let known = StatusReason(s) else { return nil }
    let state: ContainerState
    var runs = r + 1
    switch known {
    case .running, .notReady: state = ContainerState(kind: .running)
    case .crashLoopBackOff: state = ContainerState(kind: .waiting, reason: s)
    case .error, .completed, .oomKilled, .containerStatusUnknown, .startError, .containerCannotRun:
      state = ContainerState(kind: .terminated, reason: s, exitCode: known == .completed ? 0 : nil)
    case .containerCreating, .podInitializing, .errImagePull, .imagePullBackOff, .createContainerConfigError,
         .invalidImageName, .createContainerError, .runContainerError, .errImageNeverPull:
      state = ContainerState(kind: .waiting, reason: s)
      if r == 0 { runs = 0 }
    default: return nil
    }
    return Anchor(at: t, kind: .row, runsStarted: runs, state: state, lastState: nil,
                  ready: readyN.map { $0 > 0 }, started: state.kind == .running, provenance: provenance)
  }
}

/// The facts in order of the latest instant each tells, then source and line: a stable sort,
/// with each fact's instant worked out once (and no sort at all when already in order).
func sortedByLatestInstant(_ facts: [Fact]) -> [Fact] {
  let keys = facts.map(latestInstant)
  func less(_ i: Int, _ j: Int) -> Bool {
    if keys[i] != keys[j] { return keys[i] < keys[j] }
    let a = facts[i].provenance, b = facts[j].provenance
    return (a.source, a.firstLine) < (b.source, b.firstLine)
  }
  if facts.indices.dropFirst().allSatisfy({ !less($0, $0 - 1) }) { return facts }
  return facts.indices.sorted(by: less).map { facts[$0] }
}

/// `1/2` → (1, 2).
func parseReady(_ text: String) -> (Int, Int)? {
  let p = text.split(separator: "/")
  guard p.count == 2, let a = Int(p[0]), let b = Int(p[1]) else { return nil }
  return (a, b)
}

/// A plausible phase for a STATUS column when no snapshot tells it.
func phaseFromRowStatus(_ s: String) -> Phase? {
  switch StatusReason(s) {
  case .running?, .notReady?, .crashLoopBackOff?, .error?, .oomKilled?: return .running
  case .completed?: return .succeeded
  case .evicted?, .deadlineExceeded?, .outOfCPU?, .outOfMemory?: return .failed
  case .terminating?, .unknown?: return nil
  default: return .pending
  }
}

/// Pod conditions recomputed for projected containers (docs/kubernetes-semantics.md §8); times and
/// reasons of unchanged conditions are kept.
func conditions(base: [PodCondition], containers: [ContainerStatus], scheduled: Bool, unschedulable: EventSeries?,
                nodeNotReady: Bool, phase: Phase?) -> [PodCondition] {
  var out = base
  func set(_ type: ConditionType, _ status: Bool, reason: String? = nil, message: String? = nil) {
    let v = status ? "True" : "False"
    if let i = out.firstIndex(where: { $0.knownType == type }) {
      if out[i].status != v { out[i] = PodCondition(type: type.rawValue, status: v, reason: reason, message: message) }
    } else {
      out.append(PodCondition(type: type.rawValue, status: v, reason: reason, message: message))
    }
  }
  if let u = unschedulable {
    set(.podScheduled, false, reason: "Unschedulable", message: u.record.message)
    return out.filter { $0.knownType == .podScheduled }
  }
  if scheduled { set(.podScheduled, true) }
  let withState = containers.filter { $0.state != nil }
  guard !withState.isEmpty else { return out }
  let counted = withState.filter { $0.kind == .regular || $0.kind == .sidecar }
  let terminal = phase?.isTerminal ?? false
  let initialized = withState.filter { $0.kind == .`init` }.allSatisfy { $0.state?.kind == .terminated && $0.state?.exitCode == 0 }
    || withState.contains { $0.kind == .regular && ($0.state?.kind != .waiting || $0.lastState != nil) }
  set(.initialized, initialized || phase == .succeeded, reason: initialized ? nil : "ContainersNotInitialized")
  let allReady = !terminal && !counted.isEmpty && counted.allSatisfy(\.ready)
  let notReadyReason = terminal ? (phase == .succeeded ? "PodCompleted" : "PodFailed") : "ContainersNotReady"
  set(.containersReady, allReady, reason: allReady ? nil : notReadyReason)
  set(.ready, allReady && !nodeNotReady, reason: allReady && !nodeNotReady ? nil : notReadyReason)
  let rank = { (c: PodCondition) in c.knownType.flatMap { ConditionType.allCases.firstIndex(of: $0) } ?? 99 }
  return out.sorted { (rank($0), $0.type) < (rank($1), $1.type) }
}

/// Merges pod spec facts, keeping values already known.
func mergePodSpec(_ a: PodSpecFacts, _ b: PodSpecFacts) -> PodSpecFacts {
  var m = a
  m.restartPolicy = m.restartPolicy ?? b.restartPolicy
  m.nodeSelector = m.nodeSelector ?? b.nodeSelector
  m.tolerations = m.tolerations ?? b.tolerations
  m.labels = m.labels ?? b.labels
  m.owner = m.owner ?? b.owner
  m.volumes = m.volumes ?? b.volumes
  m.priority = m.priority ?? b.priority
  m.priorityClassName = m.priorityClassName ?? b.priorityClassName
  m.qosClass = m.qosClass ?? b.qosClass
  m.serviceAccount = m.serviceAccount ?? b.serviceAccount
  m.activeDeadlineSeconds = m.activeDeadlineSeconds ?? b.activeDeadlineSeconds
  m.terminationGracePeriodSeconds = m.terminationGracePeriodSeconds ?? b.terminationGracePeriodSeconds
  m.schedulerName = m.schedulerName ?? b.schedulerName
  m.nodeAffinity = m.nodeAffinity ?? b.nodeAffinity
  m.requiredNodeAffinity = m.requiredNodeAffinity ?? b.requiredNodeAffinity
  return m
}
