import Foundation

extension PodHistService {
  /// `get pods [NAME...]` sliced: the pods named (each resolved exact, then unique prefix, then
  /// unique suffix; exit 1 or 2 before anything is listed when one does not resolve) or every
  /// pod in scope, that exist at `instant` (deleted ones only with `showDeleted`) and pass
  /// `slice`, as `transform` keeps them; with `--cause`, the top cause is the one `why POD`
  /// ranks first. A named pod that does not exist at `instant` is `QueryError.podNotFound`, as
  /// kubectl says a named pod is not found. `transform` runs on the available cores and must be
  /// pure; the pods' order (namespace, then name) is kept.
  public func listPods<R: Sendable>(namespace: String?, names: [String], at instant: Instant?, showDeleted: Bool,
                                    slice: PodSlice, _ transform: @escaping @Sendable (PodState) -> R?) throws -> [R] {
    let horizons = instant == nil ? try store.importHorizons() : [:]
    let owners = slice.needsCause ? try query.owners(namespace: namespace) : PodQuery.Owners(workloads: [], namesakes: [:])
    let nodeFacts = slice.needsCause ? try self.nodeFacts() : []
    let pick: @Sendable ([Fact], () -> [Fact]) -> PodState? = { facts, declared in
      let at = instant ?? PodQuery.defaultInstant(for: facts, horizons: horizons)
      let (state, upTo, _) = projectWithHistory(facts, at: at)
      guard state.exists, showDeleted || state.deletion == nil, slice.admits(state) else { return nil }
      if slice.needsCause {
        let nodes = nodeFacts.isEmpty ? NodeFacts() : NodeFacts(nodeFacts, at: state.at, clock: state.clock)
        guard slice.admits(cause: Explainer.explain(state, facts: upTo, declared: declared(), nodes: nodes).causes.first?.code) else { return nil }
      }
      return state
    }
    guard !names.isEmpty else {
      return try mapPods(namespace: namespace, at: instant) { pod, facts, own in
        pick(facts) { PodQuery.applicable(own: own, owners: owners, pod: pod, observed: facts) }.flatMap(transform)
      }
    }
    var seen = Set<Int64>()
    var pods: [(name: String, pod: StoredObject)] = []
    for name in names {
      let pod = try resolve(name, namespace: namespace)
      if seen.insert(pod.id).inserted { pods.append((name, pod)) }
    }
    var out: [R] = []
    for (name, pod) in pods {
      let facts = try query.facts(of: pod)
      let declared = slice.needsCause ? try query.declarations(of: pod, observed: facts) : []
      guard let state = pick(facts, { declared }) else {
        if slice.isEmpty && !showDeleted { throw QueryError.podNotFound(name) }
        continue
      }
      if let r = transform(state) { out.append(r) }
    }
    return out
  }
}
