import Foundation

/// The scheduler's arithmetic against the node facts the store holds: for each node, whether the
/// pod's node selector and required node affinity match its labels, whether it tolerates the
/// node's NoSchedule/NoExecute taints, and whether its summed requests fit in allocatable minus
/// allocated. Only what the node facts show is judged: a node whose labels, taints or resources
/// are unknown is not said to fail on them. Preferred node affinity never keeps a pod off a node;
/// pod (anti-)affinity needs the pods on every node and is not judged.
struct NodeFit {
  /// The pod's requests per resource in cores / bytes: regular and sidecar containers summed, the
  /// largest init container if larger (limits stand in where requests are absent).
  let requests: [ResourceName: Double]
  let selector: [String: String]
  /// The required node affinity terms (ORed); empty when the pod has none.
  let affinity: [NodeSelectorTerm]
  let tolerations: [String]

  /// The pod as the state shows it; the declared spec where the observation lacks it.
  init(_ ctx: ExplainContext) {
    var containers: [(kind: ContainerKind, spec: ContainerSpecFacts)] = ctx.state.containers.map { ($0.kind, $0.spec) }
    let declared = ctx.declared.compactMap(\.declaration)
    if !containers.contains(where: { $0.spec.requests != nil || $0.spec.limits != nil }), let d = declared.first {
      containers = d.containers.map { ($0.kind, $0.spec) }
    }
    var req: [ResourceName: Double] = [:]
    for res in ResourceName.scheduled {
      var sum = 0.0, initMax = 0.0, any = false
      for c in containers {
        guard let t = c.spec.requests?[res.rawValue] ?? c.spec.limits?[res.rawValue], let q = Quantity(t) else { continue }
        any = true
        if c.kind == .`init` { initMax = max(initMax, q.value) } else { sum += q.value }
      }
      if any { req[res] = max(sum, initMax) }
    }
    requests = req
    selector = ctx.state.spec.nodeSelector ?? declared.lazy.compactMap(\.spec.nodeSelector).first ?? [:]
    tolerations = ctx.state.spec.tolerations ?? declared.lazy.compactMap(\.spec.tolerations).first ?? []
    affinity = ctx.state.spec.requiredNodeAffinity ?? declared.lazy.compactMap(\.spec.requiredNodeAffinity).first ?? []
  }

  /// Whether the node's labels (and name) satisfy the required node affinity; nil when its
  /// labels are unknown and a label requirement would decide.
  func affinityMatches(_ n: NodeFacts.Node) -> Bool? {
    NodeSelectorTerm.anyMatches(affinity, name: n.name, labels: n.snapshot.labels)
  }

  /// The hint for a required node affinity no node with known labels satisfies: the terms, and
  /// what each node has of the keys they name.
  func affinityHint(_ nodes: NodeFacts) -> Narrative? {
    guard !affinity.isEmpty else { return nil }
    let judged = nodes.nodes.filter { affinityMatches($0) != nil }
    guard !judged.isEmpty, judged.allSatisfy({ affinityMatches($0) == false }) else { return nil }
    let want = affinity.count == 1 ? affinity[0].description : affinity.map { "(\($0.description))" }.joined(separator: " or ")
    var keys: [String] = []
    for t in affinity { for r in t.matchExpressions where !keys.contains(r.key) { keys.append(r.key) } }
    let byName = affinity.contains { !$0.matchFields.isEmpty }
    let have = judged.map { n -> String in
      var vals = keys.map { k in n.snapshot.labels?[k].map { "\(k)=\($0)" } ?? "no \(k) label" }
      if byName { vals.insert("metadata.name=\(n.name)", at: 0) }
      return "\(n.name) has \(vals.joined(separator: ", "))"
    }
    return "No node matches the pod's required node affinity \(want) — \(have.joined(separator: "; ")) (from the node labels in the store; preferred terms never keep a pod off a node)."
  }

  /// Whether one of the pod's tolerations (describe's form `key=value:Effect op=Exists for 300s`,
  /// `op=Exists` alone tolerating everything) tolerates `taint`.
  func tolerates(_ taint: NodeTaint) -> Bool {
    tolerations.contains { t in
      let head = t.split(separator: " ").first.map(String.init) ?? t
      if head == "op=Exists" || head.isEmpty { return true }
      let effect = head.contains(":") ? head.split(separator: ":").last.map(String.init) : nil
      let keyValue = head.split(separator: ":").first.map(String.init) ?? head
      let key = keyValue.split(separator: "=").first.map(String.init) ?? keyValue
      let value = keyValue.contains("=") ? keyValue.split(separator: "=", maxSplits: 1).last.map(String.init) : nil
      guard key == taint.key, effect == nil || effect == taint.effect else { return false }
      return t.contains("op=Exists") || value == taint.value || (value == nil && taint.value == nil)
    }
  }

  /// The free amount of `res` on a node: allocatable minus allocated requests; nil when unknown.
  static func free(_ n: NodeSnapshot, _ res: ResourceName) -> (allocatable: Double, requested: Double)? {
    guard let a = n.allocatable?[res.rawValue].flatMap(Quantity.init), let r = n.allocatedRequests?[res.rawValue].flatMap(Quantity.init) else { return nil }
    return (a.value, r.value)
  }

  /// An amount as the hints print it: cores with up to three decimals (`1.2`), memory in binary units.
  static func amount(_ v: Double, _ res: ResourceName) -> String {
    guard res == .cpu else { return Quantity.formatBytes(v) }
    guard let milli = Int(exactly: (v * 1000).rounded()) else { return Quantity.formatCPU(v) }
    let sign = milli < 0 ? "-" : "", magnitude = milli.magnitude
    if magnitude % 1000 == 0 { return "\(sign)\(magnitude / 1000)" }
    var frac = String(magnitude % 1000)
    frac = String(repeating: "0", count: 3 - frac.count) + frac
    while frac.hasSuffix("0") { frac.removeLast() }
    return "\(sign)\(magnitude / 1000).\(frac)"
  }
  /// `1.2 CPU`, `640Mi memory`.
  static func show(_ v: Double, _ res: ResourceName) -> String { amount(v, res) + (res == .cpu ? " CPU" : " memory") }

  /// Whether the node's taints (not tolerated) or labels (not matching the selector) keep the pod off.
  func blocked(_ name: String, _ nodes: NodeFacts) -> Bool {
    guard let n = nodes.node(name)?.snapshot else { return false }
    if (n.taints ?? []).contains(where: { $0.knownEffect?.keepsPodsOff == true && !tolerates($0) }) { return true }
    if let labels = n.labels, !selector.allSatisfy({ labels[$0.key] == $0.value }) { return true }
    if let node = nodes.node(name), affinityMatches(node) == false { return true }
    return n.unschedulable == true
  }

  /// The hints the node facts support for a pod the scheduler could not place.
  func hints(_ nodes: NodeFacts) -> [Narrative] {
    var out: [Narrative] = []
    // Node selector against labels.
    if !selector.isEmpty {
      let labelled = nodes.nodes.filter { $0.snapshot.labels != nil }
      let matching = labelled.filter { n in selector.allSatisfy { n.snapshot.labels?[$0.key] == $0.value } }
      if !labelled.isEmpty && matching.isEmpty {
        let want = selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let have = labelled.map { n -> String in
          let vals = selector.keys.sorted().map { k in n.snapshot.labels?[k].map { "\(k)=\($0)" } ?? "no \(k) label" }
          return "\(n.name) has \(vals.joined(separator: ", "))"
        }
        out.append("No node has \(want) — \(have.joined(separator: "; ")) (from the node labels in the store).")
      }
    }
    // Required node affinity against labels (and metadata.name).
    if let h = affinityHint(nodes) { out.append(h) }
    else if !affinity.isEmpty, !selector.isEmpty {
      // Each alone leaves a node, but no node satisfies both.
      let labelled = nodes.nodes.filter { $0.snapshot.labels != nil }
      let bySelector = labelled.filter { n in selector.allSatisfy { n.snapshot.labels?[$0.key] == $0.value } }
      let byAffinity = labelled.filter { affinityMatches($0) == true }
      if !bySelector.isEmpty, !byAffinity.isEmpty, !bySelector.contains(where: { n in byAffinity.contains { $0.name == n.name } }) {
        out.append("No node matches both the node selector and the required node affinity: \(bySelector.map(\.name).joined(separator: ", ")) match the selector, \(byAffinity.map(\.name).joined(separator: ", ")) the affinity.")
      }
    }
    // Taints the pod does not tolerate.
    for n in nodes.nodes {
      let blocking = (n.snapshot.taints ?? []).filter { $0.knownEffect?.keepsPodsOff == true && !tolerates($0) }
      guard !blocking.isEmpty else { continue }
      // The not-ready/unreachable NoExecute tolerations every pod gets by default say nothing here.
      let own = tolerations.filter { t in !["node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute"].contains { t.hasPrefix($0) } }
      let tol = own.isEmpty ? "the pod tolerates nothing" : "the pod tolerates only \(own.joined(separator: ", "))"
      out.append("\(n.name) carries \(blocking.map(\.description).joined(separator: ", ")), \(tol).")
    }
    if nodes.nodes.contains(where: { $0.snapshot.unschedulable == true }) {
      out.append("Cordoned (unschedulable): \(nodes.nodes.filter { $0.snapshot.unschedulable == true }.map(\.name).joined(separator: ", ")).")
    }
    // Resources: each node's allocatable, allocated and the pod's ask.
    for res in ResourceName.scheduled {
      guard let ask = requests[res] else { continue }
      let known = nodes.nodes.compactMap { n in NodeFit.free(n.snapshot, res).map { (n.name, $0.allocatable, $0.requested) } }
      guard !known.isEmpty else { continue }
      for (name, a, r) in known {
        out.append("\(name): \(NodeFit.show(a, res)) allocatable, \(NodeFit.amount(r, res)) requested, the pod asks \(NodeFit.amount(ask, res))" +
                   (a - r < ask ? " — it does not fit." : blocked(name, nodes) ? " — room enough, but its taints or labels keep the pod off." : " — it fits."))
      }
      let fitsOne = known.contains { $0.1 - $0.2 >= ask && !blocked($0.0, nodes) }
      let open = known.filter { !blocked($0.0, nodes) }
      let sum = open.reduce(0.0) { $0 + max(0, $1.1 - $1.2) }
      if !fitsOne && open.count > 1 && sum >= ask {
        out.append("No single node has \(NodeFit.show(ask, res)) free, although \(open.map(\.0).joined(separator: ", ")) have \(NodeFit.show(sum, res)) free in sum: all of a pod's containers must fit on one node — lower the requests or add a larger node.")
      }
    }
    return out
  }
}

extension ExplainContext {
  /// The pod's node when its newest observation shows it down (Ready not True, STATUS `NotReady`)
  /// no more than an hour before the pod's newest fact, while the pod is not finished: what the pod
  /// reports then is what its kubelet last said. Nil without node facts.
  func podNodeDown() -> NodeFacts.Node? {
    guard let name = state.node, let node = nodes.node(name), node.snapshot.isDown, let obs = node.observations.first,
          state.phase != .succeeded, state.phase != .failed else { return nil }
    if obs.clock == state.clock, let last = state.lastFactAt, obs.observed < last - .seconds(3600) { return nil }
    return node
  }

  /// What the node facts show of the pod's node at the state's instant: its adverse conditions
  /// (Ready not True, a pressure True) and its Events, as chain lines and evidence. Empty when the
  /// pod's node or its facts are unknown (the rules then read as without node facts).
  func nodeCircumstances() -> (chain: [Narrative], evidence: [Evidence]) {
    guard let name = state.node, let node = nodes.node(name) else { return ([], []) }
    var chain: [Narrative] = []
    var ev: [Evidence] = []
    let adverse = node.snapshot.conditions.filter(\.isAdverse)
    if let obs = node.observations.first {
      let conds = node.snapshot.conditions.isEmpty ? (node.snapshot.status.map { "STATUS \($0)" } ?? "no conditions shown")
        : node.snapshot.conditions.map { "\($0.type) \($0.status)" + ($0.reason.map { " (\($0))" } ?? "") }.joined(separator: ", ")
      chain.append("node \(name) as last observed (\(time: obs.observed)): \(conds)")
      let line = obs.provenance.firstLine + 0
      ev.append(Evidence(time: obs.observed, reason: "Node \(name)",
                         message: "\(adverse.isEmpty ? conds : adverse.map { "\($0.type) \($0.status)" + ($0.message.map { ": \($0)" } ?? "") }.joined(separator: "; "))",
                         source: obs.provenance.source, line: obs.nodeSnapshot?.fieldLines["conditions"] ?? line))
    }
    for f in node.events.suffix(4) {
      guard let e = f.event else { continue }
      chain.append("\(time: e.last ?? f.observed) node \(name) \(e.reason): \(e.message)")
      ev.append(Evidence(time: e.last ?? f.observed, reason: e.reason, message: "\(e.message)", count: e.count,
                         source: f.provenance.source, line: f.provenance.firstLine))
    }
    return (chain, ev)
  }
}
