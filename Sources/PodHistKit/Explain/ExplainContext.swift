import Foundation

/// One Event fact with its record, for the rules.
struct EventFact {
  var record: EventRecord
  var fact: Fact
  /// The container the message names, for events without a fieldPath (computed once).
  var messageContainer: String? = nil
  /// The one reading of the reason and message (`EventReading`), made once: the rules ask it every question about them.
  let reading: EventReading

  init(record: EventRecord, fact: Fact, messageContainer: String? = nil) {
    self.record = record; self.fact = fact; self.messageContainer = messageContainer
    reading = EventReading(record)
  }

  /// The reason, in any case (2015 dumps print `killing`, `failedScheduling`); nil for a reason
  /// no rule reads.
  var kind: EventReason? { reading.reason }
  /// Which probe an Unhealthy event says failed (`EventReading.failedProbe`).
  var failedProbe: FailedProbe? { reading.failedProbe }

  /// The last occurrence (lastTimestamp, else the fact's instant).
  var last: Instant { record.last ?? record.first ?? fact.observed }
  var first: Instant { record.first ?? record.last ?? fact.observed }
  var reason: String { record.reason }
  var message: String { record.message }
  var count: Int { max(1, record.count) }
  var container: String? { record.container ?? EventRecord.container(fromFieldPath: record.fieldPath)?.name }
  var containerKind: ContainerKind? { record.containerKind ?? EventRecord.container(fromFieldPath: record.fieldPath)?.kind }
}

/// `items.sorted(by: less)` (a stable sort), returning `items` itself when already in order.
func sortedStably<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
  if items.indices.dropFirst().allSatisfy({ !less(items[$0], items[$0 - 1]) }) { return items }
  return items.sorted(by: less)
}

/// A candidate cause with the score that ranks it (higher first).
struct Candidate {
  var cause: Cause
  var score: Int
}

/// What the rules read: the state, the pod's facts up to the instant, sorted, and evidence helpers.
struct ExplainContext {
  let state: PodState
  let facts: [Fact]
  let events: [EventFact]
  let snapshots: [Fact]
  let relative: Bool
  /// The declared facts that apply to the pod (its manifest, its workloads' templates).
  var declared: [Fact] = []
  /// What the store knows of the cluster's nodes at the state's instant.
  var nodes = NodeFacts()

  init(state: PodState, facts: [Fact]) {
    self.state = state
    // (Kept and sorted without copying when already so: the usual case.)
    let keep = { (f: Fact) in f.clock != state.clock || f.observed <= state.at }
    let kept = facts.allSatisfy(keep) ? facts : facts.filter(keep)
    let upTo = sortedStably(kept) { ($0.observed, $0.provenance.firstLine) < ($1.observed, $1.provenance.firstLine) }
    self.facts = upTo
    events = sortedStably(upTo.compactMap { f in
      f.event.map { EventFact(record: $0, fact: f, messageContainer: $0.container == nil ? EventReading.container(inMessage: $0.message) : nil) }
    }) { ($0.last, $0.fact.provenance.firstLine) < ($1.last, $1.fact.provenance.firstLine) }
    snapshots = upTo.filter { $0.snapshot != nil }
    containerNames = Self.containerNames(state, events)
    relative = state.clock == .relative || (!upTo.isEmpty && upTo.allSatisfy { $0.clock == .relative })
  }

  /// Whether any status observation (describe, object, row) is known.
  var hasSnapshot: Bool { !snapshots.isEmpty || state.lastSnapshotAt != nil || hasContainerDetail }
  /// Whether a snapshot with container detail is known.
  var hasContainerDetail: Bool { state.containers.contains { $0.state != nil || $0.lastState != nil } }

  // MARK: events

  func total(_ es: [EventFact]) -> Int { es.reduce(0) { $0 + $1.count } }

  /// Whether a container start (Started/Created/Pulled) is recorded after `t`.
  func progress(after t: Instant, container: String? = nil) -> EventFact? {
    events.first { e in
      e.last > t && [.started, .created].contains(e.kind) && (container == nil || e.container == nil || e.container == container)
    }
  }

  // MARK: containers

  /// Containers by name from the state, plus names only events mention (kind from the fieldPath,
  /// or the name in the message: `Started container app`, `container=app`).
  let containerNames: [(String, ContainerKind)]

  static func containerNames(_ state: PodState, _ events: [EventFact]) -> [(String, ContainerKind)] {
    var out = state.containers.map { ($0.name, $0.kind) }
    var seen = Set(out.map(\.0))
    for e in events {
      if let n = e.container ?? e.messageContainer, !seen.contains(n) {
        out.append((n, e.containerKind ?? .regular)); seen.insert(n)
      }
    }
    return out
  }

  /// Whether an event is about container `name`: its fieldPath, else its message, else the pod
  /// has one container only.
  func belongs(_ e: EventFact, to name: String) -> Bool {
    if let c = e.container { return c == name }
    if let m = e.messageContainer { return m == name }
    return containerNames.count <= 1
  }

  /// The container in the state; when the state does not describe it (a later observation
  /// without container detail), what the newest snapshot showed of it: its spec, restart count
  /// and latest termination (as last state), with the current state left unknown.
  func container(_ name: String) -> ContainerStatus? {
    if let c = state.containers.first(where: { $0.name == name }), c.state != nil || c.lastState != nil || c.spec != ContainerSpecFacts() {
      return c
    }
    for f in snapshots.reversed() {
      guard let cs = f.snapshot?.containers.first(where: { $0.name == name }) else { continue }
      var c = ContainerStatus(name: name, kind: cs.kind)
      c.image = cs.image
      c.spec = cs.spec
      c.lastState = cs.state?.kind == .terminated ? cs.state : cs.lastState
      let r = cs.restartCount ?? 0
      c.restarts = r...r
      if let known = state.containers.first(where: { $0.name == name }) { c.restarts = known.restarts; c.ready = known.ready }
      return c
    }
    return state.containers.first { $0.name == name }
  }
  /// The container ports the observations show; when they show none, those the manifests
  /// declare (an observation wins over a declaration).
  var allDeclaredPorts: [(String, ContainerPort)] {
    let names = Set(state.containers.map(\.name) + snapshots.flatMap { $0.snapshot?.containers.map(\.name) ?? [] })
    let observed = names.sorted().compactMap { n in container(n).map { c in (n, c.spec.ports ?? []) } }
      .flatMap { n, ports in ports.map { (n, $0) } }
    if !observed.isEmpty { return observed }
    return manifestPorts
  }
  /// The ports the manifests declare, per container (sorted by name), first declaration of a name kept.
  var manifestPorts: [(String, ContainerPort)] {
    var seen = Set<String>()
    var out: [(String, [ContainerPort])] = []
    for d in declared.compactMap(\.declaration) {
      for c in d.containers where seen.insert(c.name).inserted { out.append((c.name, c.spec.ports ?? [])) }
    }
    return out.sorted { $0.0 < $1.0 }.flatMap { n, ports in ports.map { (n, $0) } }
  }
  /// The command line (command + args) a container runs, as observed, else as a manifest declares
  /// it; `nil` names the pod's only container.
  func commandLine(_ name: String?) -> [String]? {
    if let name, let c = container(name), let cmd = c.spec.command { return cmd + (c.spec.args ?? []) }
    let declared = declared.compactMap(\.declaration).flatMap(\.containers).filter { $0.kind != .`init` }
    guard let d = declared.first(where: { $0.name == name }) ?? (declared.count == 1 ? declared.first : nil),
          let cmd = d.spec.command else { return nil }
    return cmd + (d.spec.args ?? [])
  }
  var restartPolicy: String { state.spec.restartPolicy ?? "Always" }
  /// Whether the pod runs once: restartPolicy Never/OnFailure, or owned by a Job.
  var runOnce: Bool {
    if let p = state.spec.restartPolicy { return RestartPolicy(p) != .always }
    return state.spec.owner.map { $0.hasPrefix("Job/") } ?? false
  }
  /// Whether the pod is bound to a node (describe prints `Node: /` or `<none>` when not).
  var isBound: Bool {
    guard let n = state.node?.trimmingCharacters(in: CharacterSet(charactersIn: "/ ")) else { return false }
    return !n.isEmpty && n != "<none>"
  }
  /// The grace period of the pod's deletion: the newest snapshot's deletionGracePeriodSeconds,
  /// else the spec's terminationGracePeriodSeconds, else 30 s.
  var deletionGrace: Int {
    snapshots.reversed().lazy.compactMap { $0.snapshot?.deletionGracePeriodSeconds }.first
      ?? state.spec.terminationGracePeriodSeconds ?? 30
  }
  /// When the deletion was requested: deletionTimestamp is the deadline (request + grace).
  var deletionRequested: Instant? { state.deletionTime.map { $0 - .seconds(Int64(deletionGrace)) } }

  /// Whether a termination was caused by the pod being stopped from outside: its deletion (it
  /// ended after the request), an eviction, the active deadline, a node shutdown.
  func causedByDeletion(_ t: ContainerState?) -> Bool {
    guard let t else { return false }
    let end = t.finishedAt ?? state.at
    if let req = deletionRequested, end >= req - .seconds(1) { return true }
    if let r = state.podReason, [.evicted, .deadlineExceeded, .terminated, .shutdown, .nodeShutdown].contains(r), state.phase == .failed {
      return t.finishedAt.map { f in events.filter { [.evicted, .deadlineExceeded].contains($0.kind) }.allSatisfy { f >= $0.first - .seconds(1) } } ?? true
    }
    if let ev = events.first(where: { [.evicted, .deadlineExceeded, .preempted].contains($0.kind) }), end >= ev.first - .seconds(1) { return true }
    return false
  }

  /// Events only: whether a kubelet failure series last written at `last` has gone quiet. A
  /// failure still going on is written again at least every 5 min (the spam filter's refill), so
  /// 15 min of silence means it stopped (or the pod went away).
  func quiet(since last: Instant) -> Bool { !hasSnapshot && comparable(now, last) && (now - last).seconds > 900 }

  /// Whether two instants are on the same clock (both offsets from a dump's end, or both real
  /// times), so that their difference means something.
  func comparable(_ a: Instant, _ b: Instant) -> Bool {
    a.isDumpOffset == b.isDumpOffset
  }

  /// "Now" for judging whether a failure series is still going: the instant explained; on a
  /// relative clock explained at its newest fact, the dump's own end (offset 0).
  var now: Instant {
    if relative, let last = facts.last?.observed, state.at >= last { return max(state.at, Instant(micros: 0)) }
    return state.at
  }

  // MARK: evidence

  func evidence(_ e: EventFact) -> Evidence {
    Evidence(time: e.last, reason: e.reason, message: Narrative(e.message), count: e.count,
             source: e.fact.provenance.source, line: e.fact.provenance.firstLine)
  }

  /// Evidence for a field of a container as the newest snapshot that printed it shows.
  func evidence(container name: String, field: String, reason: String, message: Narrative, time: Instant? = nil) -> Evidence? {
    for f in snapshots.reversed() {
      guard let s = f.snapshot, let c = s.containers.first(where: { $0.name == name }) else { continue }
      if let line = c.fieldLines[field] {
        return Evidence(time: time ?? f.observed, reason: reason, message: message, source: f.provenance.source, line: line)
      }
    }
    for f in snapshots.reversed() {
      guard let s = f.snapshot, s.containers.contains(where: { $0.name == name }) else { continue }
      return Evidence(time: time ?? f.observed, reason: reason, message: message, source: f.provenance.source, line: f.provenance.firstLine)
    }
    if let p = state.lastSnapshotSource {
      return Evidence(time: time ?? state.lastSnapshotAt, reason: reason, message: message, source: p.source, line: p.firstLine)
    }
    return nil
  }

  /// Evidence for a field of a container, its message words only.
  func evidence(container name: String, field: String, reason: String, message: String, time: Instant? = nil) -> Evidence? {
    evidence(container: name, field: field, reason: reason, message: Narrative(message), time: time)
  }

  /// Evidence for a pod-level field, its message words only.
  func evidence(podField field: String, reason: String, message: String) -> Evidence? {
    evidence(podField: field, reason: reason, message: Narrative(message))
  }

  /// Evidence for a pod-level field (`reason`, `message`, `status`, `conditions`, `node`).
  func evidence(podField field: String, reason: String, message: Narrative) -> Evidence? {
    for f in snapshots.reversed() {
      guard let s = f.snapshot else { continue }
      if let line = s.fieldLines[field] {
        return Evidence(time: f.observed, reason: reason, message: message, source: f.provenance.source, line: line)
      }
    }
    if let f = snapshots.last {
      return Evidence(time: f.observed, reason: reason, message: message, source: f.provenance.source, line: f.provenance.firstLine)
    }
    if let p = state.lastSnapshotSource {
      return Evidence(time: state.lastSnapshotAt, reason: reason, message: message, source: p.source, line: p.firstLine)
    }
    return nil
  }
}

/// Small text helpers for rules.
enum Text {
  /// A double-quoted name after `word "`: `configmap "x" not found` → x.
  static func quoted(after word: String, in message: String) -> String? {
    let l = message.lowercased()
    guard let r = l.range(of: word.lowercased()) else { return nil }
    let tail = message[message.index(message.startIndex, offsetBy: l.distance(from: l.startIndex, to: r.upperBound))...]
    let cleaned = tail.replacingOccurrences(of: "\\\"", with: "\"")
    guard let m = cleaned.firstMatch(of: Patterns.cached("text.quoted") { /^\s*\"([^\"]+)\"/ }) else { return nil }
    return String(m.1)
  }

  /// The meaning of a container exit code.
  static func exitMeaning(_ code: Int) -> String {
    switch code {
    case 0: "exited successfully"
    case 1: "general application error"
    case 2: "misuse of a shell builtin or bad usage (often a shell syntax error)"
    case 126: "command found but not executable (permission or format)"
    case 127: "command not found"
    case 128: "the process could not be started"
    case 134: "aborted (SIGABRT)"
    case 137: "killed with SIGKILL (128+9)"
    case 139: "segmentation fault (SIGSEGV)"
    case 143: "terminated with SIGTERM (128+15)"
    case 129...159: "killed by signal \(code - 128)"
    default: "application error"
    }
  }
}
