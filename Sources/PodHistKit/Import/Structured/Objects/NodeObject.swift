import Foundation

/// Turns one Node object (`kubectl get node -o json|yaml`) into a node snapshot.
enum NodeObject {
  /// The node's reference (cluster-scoped: namespace "") and what the object shows.
  static func snapshot(_ obj: StructuredObject) -> (ObjectRef, NodeSnapshot) {
    let md = obj.object("metadata") ?? StructuredObject()
    let spec = obj.object("spec") ?? StructuredObject()
    let status = obj.object("status") ?? StructuredObject()
    var n = NodeSnapshot(origin: .object)
    // Role labels are empty strings (`node-role.kubernetes.io/master: ""`): kept, unlike `stringMap`.
    n.labels = md.object("labels").map { o in
      var m: [String: String] = [:]
      for member in o.members {
        if case .string("") = member.value { m[member.key] = "" } else if let t = member.value.text { m[member.key] = t }
      }
      return m
    }
    n.creationTime = md.instant("creationTimestamp")
    n.unschedulable = spec.bool("unschedulable")
    n.taints = spec.objects("taints").compactMap { t in
      guard let key = t.text("key"), let effect = t.text("effect") else { return nil }
      return NodeTaint(key: key, value: t.text("value"), effect: effect)
    }
    n.conditions = status.objects("conditions").compactMap { c in
      guard let type = c.text("type") else { return nil }
      return NodeCondition(type: type, status: c.text("status") ?? "Unknown", reason: c.text("reason"),
                           message: c.text("message"), lastTransition: c.instant("lastTransitionTime"))
    }
    n.capacity = status.stringMap("capacity")
    n.allocatable = status.stringMap("allocatable")
    let info = status.object("nodeInfo")
    n.version = info?.text("kubeletVersion")
    n.osImage = info?.text("osImage")
    n.kernelVersion = info?.text("kernelVersion")
    n.containerRuntime = info?.text("containerRuntimeVersion")
    for a in status.objects("addresses") {
      switch a.text("type") {
      case "InternalIP": n.internalIP = n.internalIP ?? a.text("address")
      case "ExternalIP": n.externalIP = n.externalIP ?? a.text("address")
      default: break
      }
    }
    n.status = NodeObject.statusColumn(n)
    n.roles = NodeObject.roles(n.labels)
    for (key, field) in [("conditions", "conditions"), ("capacity", "capacity"), ("allocatable", "allocatable")] {
      if let l = status.line(key) { n.fieldLines[field] = l }
    }
    if let l = spec.line("taints") { n.fieldLines["taints"] = l }
    if let l = md.line("labels") { n.fieldLines["labels"] = l }
    return (ObjectRef(kind: "Node", namespace: "", name: md.text("name") ?? "unknown", uid: md.text("uid")), n)
  }

  /// kubectl's STATUS of a node: the Ready condition (`Ready`, `NotReady`, `Unknown`), plus
  /// `SchedulingDisabled` when cordoned (printers.go printNode).
  static func statusColumn(_ n: NodeSnapshot) -> String? {
    var words: [String] = []
    switch n.conditions.first(where: { $0.knownType == .ready }).map({ $0.knownStatus }) {
    case .true??: words.append("Ready")
    case .false??: words.append("NotReady")
    case .some: words.append("Unknown")
    case nil: if !n.conditions.isEmpty { words.append("Unknown") }
    }
    if n.unschedulable == true { words.append("SchedulingDisabled") }
    return words.isEmpty ? nil : words.joined(separator: ",")
  }

  /// kubectl's ROLES: the `node-role.kubernetes.io/ROLE` labels and `kubernetes.io/role`, sorted,
  /// `<none>` when there is none.
  static func roles(_ labels: [String: String]?) -> String? {
    guard let labels else { return nil }
    var roles = Set<String>()
    for (k, v) in labels {
      if k.hasPrefix("node-role.kubernetes.io/") {
        let r = String(k.dropFirst("node-role.kubernetes.io/".count))
        if !r.isEmpty { roles.insert(r) }
      } else if k == "kubernetes.io/role", !v.isEmpty {
        roles.insert(v)
      }
    }
    return roles.isEmpty ? "<none>" : roles.sorted().joined(separator: ",")
  }
}
