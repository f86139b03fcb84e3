import Foundation

/// The pod as it stood at `instant` (nil: the latest instant its facts know), folded from its
/// facts in event-time order (never import order). Pure: no I/O, no clock.
///
/// The newest observation at or before `instant` (a describe or `-o json` snapshot, a get-pods
/// row, or a run boundary a later snapshot's last state revealed) is moved forward by the Events
/// after it (docs/kubernetes-semantics.md §13 chains) and capped by what later observations counted. kubectl's STATUS,
/// READY and RESTARTS are then computed from the projected containers with printPod's rules.
public func project(_ facts: [Fact], at instant: Instant?) -> PodState {
  let podFacts = onePod(facts)
  let fallback = facts.first?.object ?? ObjectRef(namespace: "default", name: "?")
  guard !podFacts.isEmpty else {
    var s = PodState(object: fallback, at: instant ?? Instant(micros: 0))
    s.gaps = [.noFacts]
    return s
  }
  let at = instant ?? defaultInstant(podFacts)
  let incs = splitIncarnations(podFacts)
  guard let inc = incarnation(at: at, in: incs) else { return PodState(object: fallback, at: at) }
  return project(PodModel(inc), of: inc, among: incs, at: at)
}

/// The state one incarnation's model gives at `at`, saying so when the name had several.
private func project(_ model: PodModel, of inc: Incarnation, among incs: [Incarnation], at: Instant) -> PodState {
  var state = model.project(at: at)
  if incs.count > 1 {
    state.uncertainties.append(.incarnations(name: state.object.name, uids: incs.compactMap(\.uid), count: incs.count, uid: inc.uid, at: at))
  }
  return state
}

/// `project(facts, at: instant)`, the facts observed up to the state's instant, and their
/// `restartHistory`, as `why` lists pods: when those facts are all of them (the usual case
/// without `--at`), the indexed model of each incarnation is built once for both.
public func projectWithHistory(_ facts: [Fact], at instant: Instant?) -> (state: PodState, upTo: [Fact], history: [Termination]) {
  let podFacts = onePod(facts)
  let at = podFacts.isEmpty ? nil : instant ?? defaultInstant(podFacts)
  // (All of them, the usual case, shares the array rather than copying every fact.)
  let upTo = at.map { at in facts.allSatisfy { $0.observed <= at } ? facts : facts.filter { $0.observed <= at } } ?? []
  guard let at, upTo.count == facts.count else {
    let state = project(facts, at: instant)
    let upTo = facts.filter { $0.observed <= state.at }
    return (state, upTo, restartHistory(upTo))
  }
  let incs = splitIncarnations(podFacts)
  let models = incs.map(PodModel.init)
  // The incarnation current at `at`, as `incarnation(at:in:)` picks it.
  var pick = 0
  for (i, inc) in incs.enumerated() where inc.firstAt <= at { pick = i }
  let state = project(models[pick], of: incs[pick], among: incs, at: at)
  return (state, upTo, models.flatMap { $0.terminations() })
}

/// The instant a query without `--at` describes: the newest fact; for facts whose ages had no
/// anchor (relative clock, offsets from the dump's own "now"), the dump's "now" itself, which
/// comes after its newest event (corpus 031: a stale readiness failure a minute before the dump).
func defaultInstant(_ facts: [Fact]) -> Instant {
  let latest = facts.map(latestInstant).max() ?? Instant(micros: 0)
  if !facts.isEmpty && facts.allSatisfy({ $0.clock == .relative }) { return max(latest, Instant(micros: 0)) }
  return latest
}

/// The pod at each of `instants` (in the order given), the same as calling `project(_:at:)`
/// for each, but indexing the facts once: for timelines and many `--at` queries.
public func project(_ facts: [Fact], at instants: [Instant]) -> [PodState] {
  let podFacts = onePod(facts)
  guard !podFacts.isEmpty else { return instants.map { project(facts, at: $0) } }
  let incs = splitIncarnations(podFacts)
  var models: [String: PodModel] = [:]
  return instants.map { at in
    guard let inc = incarnation(at: at, in: incs) else { return project(facts, at: at) }
    let key = inc.uid ?? ""
    let model = models[key] ?? PodModel(inc)
    models[key] = model
    var state = model.project(at: at)
    if incs.count > 1 {
      state.uncertainties.append(.incarnations(name: state.object.name, uids: incs.compactMap(\.uid), count: incs.count, uid: inc.uid, at: at))
    }
    return state
  }
}

/// Every termination per container that the facts show, across incarnations (oldest first),
/// each container's runs in order. Runs known only by a count (aggregated Killing or Started
/// events, a restart count that grew between snapshots) are listed with nil instants.
public func restartHistory(_ facts: [Fact]) -> [Termination] {
  let podFacts = onePod(facts)
  guard !podFacts.isEmpty else { return [] }
  return splitIncarnations(podFacts).flatMap { PodModel($0).terminations() }
}

/// The facts of one pod name: the caller passes one pod's facts; should others be mixed in (a
/// `get pods -A` row of a sibling), the (namespace, name) with the most facts is kept.
func onePod(_ facts: [Fact]) -> [Fact] {
  // The usual case, one pod's facts only: nothing to count.
  if let first = facts.first?.object, first.isPod,
     facts.allSatisfy({ $0.object.isPod && $0.object.name == first.name && $0.object.namespace == first.namespace }) {
    return facts
  }
  let pods = facts.filter { $0.object.isPod }
  guard let firstRef = pods.first?.object else { return [] }
  var counts: [String: (n: Int, order: Int, ns: String, name: String)] = [:]
  for (i, f) in pods.enumerated() {
    let k = f.object.namespace + "/" + f.object.name
    counts[k, default: (0, i, f.object.namespace, f.object.name)].n += 1
  }
  let best = counts.values.max { ($0.n, -$0.order) < ($1.n, -$1.order) }
  let ns = best?.ns ?? firstRef.namespace, name = best?.name ?? firstRef.name
  return pods.filter { $0.object.namespace == ns && $0.object.name == name }
}
