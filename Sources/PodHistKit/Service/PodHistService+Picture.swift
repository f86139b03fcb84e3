import Foundation

extension PodHistService {
  /// A pod's history laid out for `-o html`: all its facts drawn, the header told at `instant`
  /// (nil: when its newest dump was taken) with `why`'s explanation then, a cursor at `instant`
  /// when given.
  public func picture(of pod: StoredObject, at instant: Instant?) throws -> PodPicture {
    let facts = try query.facts(of: pod)
    // Indexed once for the header's state, the explanation, the restart history and the samples.
    let projector = PodProjector(facts)
    let state = projector.state(at: try instant ?? query.defaultInstant(for: facts))
    return PodPicture.build(facts: facts, projector: projector, state: state,
                            explanation: try explain(pod, facts: facts, state: state), cursor: instant)
  }

  /// `why -A -o html`: every pod in scope that needs explaining at `instant` (as `explainAll`
  /// lists them) as a row, and small pictures of the first `StoreOverview.sectionCap` of them.
  public func overview(namespace: String?, at instant: Instant?) throws -> StoreOverview {
    let horizons = instant == nil ? try store.importHorizons() : [:]
    let owners = try query.owners(namespace: namespace)
    let nodeFacts = try self.nodeFacts()
    let listed: [(StoredObject, StoreOverview.Row)] = try query.mapPods(namespace: namespace) { pod, facts, own in
      let (state, upTo, history) = projectWithHistory(facts, at: instant ?? PodQuery.defaultInstant(for: facts, horizons: horizons))
      let declared = PodQuery.applicable(own: own, owners: owners, pod: pod, observed: facts)
      let nodes = nodeFacts.isEmpty ? NodeFacts() : NodeFacts(nodeFacts, at: state.at, clock: state.clock)
      return PodQuery.listedExplanation(state, history: history, facts: upTo, declared: declared, nodes: nodes)
        .map { (pod, StoreOverview.row($0, state: state)) }
    }
    var pictures: [PodPicture] = []
    for (pod, _) in listed.prefix(StoreOverview.sectionCap) {
      pictures.append(try picture(of: pod, at: instant))
    }
    return StoreOverview(rows: listed.map(\.1), pictures: pictures, at: instant)
  }
}
