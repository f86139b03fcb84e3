import Foundation

extension PodQuery {
  /// The explanation `why -A` lists for a pod, or nil when the pod needs none: the pods of
  /// `needsExplaining`, a pod whose node the node facts show down, and a pod known from events
  /// alone (no status printed, so its READY is the projection's reading) with a Warning in the
  /// hour before `at` whose explanation finds a fault.
  public static func listedExplanation(_ state: PodState, history: [Termination], facts: [Fact],
                                       declared: [Fact] = [], nodes: NodeFacts = NodeFacts()) -> Explanation? {
    // A deleted pod is not in the cluster any more (`why POD` still explains it).
    guard state.exists, state.deletion == nil else { return nil }
    if needsExplaining(state, history: history) { return Explainer.explain(state, facts: facts, declared: declared, nodes: nodes) }
    // Running and Ready on a node that is NotReady: what its kubelet last said.
    if let n = state.node, nodes.node(n)?.snapshot.isDown == true {
      let e = Explainer.explain(state, facts: facts, declared: declared, nodes: nodes)
      if let top = e.causes.first?.code, top != .runningHealthy, top != .completed { return e }
    }
    // Rows that show the restart count growing in the last hour (a watch of `get pods`): a loop
    // the latest row, Running, does not show.
    if restartedInRows(state, facts: facts) {
      let e = Explainer.explain(state, facts: facts, declared: declared, nodes: nodes)
      if let top = e.causes.first?.code, top != .runningHealthy, top != .completed { return e }
    }
    guard state.lastSnapshotAt == nil, facts.contains(where: { f in
      guard f.snapshot == nil, let e = f.event, e.isWarning else { return false }
      return f.observed <= state.at && (state.at - f.observed).seconds <= 3600
    }) else { return nil }
    let e = Explainer.explain(state, facts: facts, declared: declared, nodes: nodes)
    guard let top = e.causes.first?.code, top != .runningHealthy, top != .completed else { return nil }
    return e
  }

  /// Whether the pod's `get pods` rows of the last hour before its instant show RESTARTS growing.
  static func restartedInRows(_ state: PodState, facts: [Fact]) -> Bool {
    let hourAgo = state.at - .seconds(3600)
    let counts = facts.compactMap { f -> Int? in
      guard f.clock == state.clock, f.observed >= hourAgo, f.observed <= state.at else { return nil }
      return f.snapshot?.row?.restarts
    }
    guard let low = counts.min(), let high = counts.max() else { return false }
    return high > low
  }

  /// Whether `why -A` lists the pod: it exists and is not Completed, healthy or plainly Running
  /// (Ready, with no restart in the last hour and no run of restarts of unknown time).
  public static func needsExplaining(_ state: PodState, history: [Termination]) -> Bool {
    guard state.exists else { return false }
    // A Succeeded pod prints Completed; so can an evicted (Failed) one whose containers exited 0.
    if state.statusReason == .completed && state.phase != .failed && state.reason == nil { return false }
    if !state.isRunningAndReady { return true }
    let hourAgo = state.at - .seconds(3600)
    if history.contains(where: { ($0.finishedAt ?? $0.startedAt).map { $0 >= hourAgo && $0 <= state.at } ?? false }) {
      return true
    }
    if state.restarts.upperBound > 0 && history.contains(where: { $0.finishedAt == nil }) { return true }
    // Five or more restarts of which nothing is known, not even when: a crash loop between
    // crashes as likely as old history (a few over a long life are reboots and upgrades).
    return state.restarts.lowerBound >= 5 && history.isEmpty
  }
}
