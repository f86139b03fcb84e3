import Foundation

/// One run (instance) of a container known from snapshots: `index` is the restartCount the
/// kubelet showed while it was the current instance (0 for the first run).
struct KnownRun: Sendable {
  var index: Int
  var startedAt: Instant?
  var finishedAt: Instant?
  var exitCode: Int?
  var signal: Int?
  var reason: String?
  var message: String?
  var containerID: String?
  /// Snapshot instants that showed it running, with the ready flag they showed.
  var seenRunning: [(at: Instant, ready: Bool?)] = []
  var terminated: Bool { finishedAt != nil || exitCode != nil || reason != nil }
  var evidence: [Provenance] = []

  /// Merges what another snapshot showed of the same run.
  mutating func merge(_ o: KnownRun) {
    startedAt = startedAt ?? o.startedAt; finishedAt = finishedAt ?? o.finishedAt
    exitCode = exitCode ?? o.exitCode; signal = signal ?? o.signal; reason = reason ?? o.reason
    message = message ?? o.message; containerID = containerID ?? o.containerID
    seenRunning.append(contentsOf: o.seenRunning)
    for p in o.evidence where !evidence.contains(p) { evidence.append(p) }
  }

  /// The run as a terminated container state.
  var terminatedState: ContainerState {
    ContainerState(kind: .terminated, reason: reason, message: message, exitCode: exitCode, signal: signal,
                   startedAt: startedAt, finishedAt: finishedAt, containerID: containerID)
  }
}

/// What one observation showed of a container at an instant: the state and how many runs had
/// started by then (exact).
struct Anchor: Sendable {
  enum Kind: Int, Sendable { case runStart = 0, runEnd = 1, row = 2, snapshot = 3 }
  var at: Instant
  var kind: Kind
  var runsStarted: Int
  var state: ContainerState
  var lastState: ContainerState?
  var ready: Bool?
  var started: Bool?
  var provenance: Provenance?

  /// How far the current run had got: not started, running, terminated, waiting to restart.
  var progress: Int {
    switch state.kind {
    case .running: return 1
    case .terminated: return 2
    case .waiting: return runsStarted == 0 ? 0 : 3
    }
  }
}

/// Everything known about one container of one incarnation.
struct ContainerFacts: Sendable {
  var name: String
  var kind: ContainerKind
  var image: String?
  var spec = ContainerSpecFacts()
  var runs: [Int: KnownRun] = [:]
  /// Snapshot and row anchors, in time order.
  var anchors: [Anchor] = []
  /// Last states printed by snapshots that showed no current state (a pasted `lastState:`
  /// fragment, corpus 036): shown as the last state until something newer is known.
  var lastStatesOnly: [(at: Instant, state: ContainerState, restartCount: Int?)] = []
  var series: [EventSeries] = []
  /// Whether a describe or `-o json` snapshot showed this container's spec (its probes).
  var specKnown = false

  init(name: String, kind: ContainerKind) { self.name = name; self.kind = kind }

  /// Runs started by the time a container snapshot was taken, from its state and restartCount.
  static func runsStarted(_ c: ContainerSnapshot) -> Int? {
    let r = c.restartCount ?? 0
    guard let st = c.state else { return c.restartCount.map { $0 > 0 ? $0 + 1 : 0 } }
    switch st.kind {
    case .running, .terminated: return r + 1
    case .waiting:
      if c.lastState?.kind == .terminated || r > 0 { return r + 1 }
      return 0
    }
  }

  /// Adds what a describe or `-o json` snapshot showed of this container. A start time at the
  /// Unix epoch (a run that never started: StartError, ContainerCannotRun) counts as unknown.
  mutating func add(snapshot raw: ContainerSnapshot, at t: Instant, provenance: Provenance, clock: Clock = .absolute) {
    var c = raw
    if clock == .absolute {
      if let s = c.state?.startedAt, s.micros <= 0 { c.state?.startedAt = nil }
      if let s = c.lastState?.startedAt, s.micros <= 0 { c.lastState?.startedAt = nil }
    }
    if let i = c.image { image = i }
    mergeSpec(c.spec)
    specKnown = true
    let r = c.restartCount ?? 0
    if let st = c.state {
      let started = ContainerFacts.runsStarted(c) ?? 0
      anchors.append(Anchor(at: t, kind: .snapshot, runsStarted: started, state: st, lastState: c.lastState,
                            ready: c.ready, started: c.started, provenance: provenance))
      switch st.kind {
      case .running:
        var run = KnownRun(index: r, startedAt: st.startedAt, containerID: c.containerID ?? st.containerID)
        run.seenRunning = [(t, c.ready)]
        run.evidence = [provenance]
        addRun(run)
      case .terminated:
        var run = KnownRun(index: r, startedAt: st.startedAt, finishedAt: st.finishedAt, exitCode: st.exitCode,
                           signal: st.signal, reason: st.reason, message: st.message,
                           containerID: st.containerID ?? c.containerID)
        run.evidence = [provenance]
        addRun(run)
      case .waiting: break
      }
    }
    if c.state == nil, let ls = c.lastState { lastStatesOnly.append((t, ls, c.restartCount)) }
    if let ls = c.lastState, ls.kind == .terminated {
      let idx = c.state?.kind == .waiting ? r : r - 1
      if idx >= 0 {
        var run = KnownRun(index: idx, startedAt: ls.startedAt, finishedAt: ls.finishedAt, exitCode: ls.exitCode,
                           signal: ls.signal, reason: ls.reason, message: ls.message, containerID: ls.containerID)
        run.evidence = [provenance]
        addRun(run)
      }
    }
  }

  mutating func addRun(_ run: KnownRun) {
    if var old = runs[run.index] {
      // The same (startedAt, finishedAt) tuple seen again, or more detail on the same run.
      old.merge(run)
      runs[run.index] = old
    } else {
      runs[run.index] = run
    }
  }

  mutating func mergeSpec(_ s: ContainerSpecFacts) {
    spec.ports = s.ports ?? spec.ports
    spec.liveness = s.liveness ?? spec.liveness
    spec.readiness = s.readiness ?? spec.readiness
    spec.startup = s.startup ?? spec.startup
    spec.requests = s.requests ?? spec.requests
    spec.limits = s.limits ?? spec.limits
    spec.command = s.command ?? spec.command
    spec.args = s.args ?? spec.args
    spec.configMapRefs = s.configMapRefs ?? spec.configMapRefs
    spec.secretRefs = s.secretRefs ?? spec.secretRefs
    spec.mounts = s.mounts ?? spec.mounts
    spec.restartPolicy = s.restartPolicy ?? spec.restartPolicy
    spec.imagePullPolicy = s.imagePullPolicy ?? spec.imagePullPolicy
    spec.postStart = s.postStart ?? spec.postStart
    spec.preStop = s.preStop ?? spec.preStop
  }

  /// Run boundaries known from snapshots (hindsight: a later snapshot's last state tells when an
  /// earlier run started and ended).
  var boundaryAnchors: [Anchor] {
    var out: [Anchor] = []
    for run in runs.values {
      let prev = runs[run.index - 1].flatMap { $0.terminated ? $0.terminatedState : nil }
      if let s = run.startedAt {
        out.append(Anchor(at: s, kind: .runStart, runsStarted: run.index + 1,
                          state: ContainerState(kind: .running, startedAt: s, containerID: run.containerID),
                          lastState: prev, ready: nil, started: nil, provenance: run.evidence.first))
      }
      if let f = run.finishedAt {
        out.append(Anchor(at: f, kind: .runEnd, runsStarted: run.index + 1, state: run.terminatedState,
                          lastState: prev, ready: false, started: false, provenance: run.evidence.first))
      }
    }
    return out.sorted { ($0.at, $0.kind.rawValue) < ($1.at, $1.kind.rawValue) }
  }
}
