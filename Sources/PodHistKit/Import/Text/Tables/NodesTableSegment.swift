import Foundation

/// A `kubectl get nodes` table: one node snapshot per row, at the table's "now".
struct NodesTableSegment: TextSegment {
  var format: String { "nodes-table" }
  let lines: ClosedRange<Int>
  let rows: [(line: Int, cells: [String: String])]
  /// A nodes table ties no age to an absolute time.
  var anchors: [AgeAnchor] { [] }

  func facts(now: Instant?, nowError: Duration, source: String) -> [Fact] {
    rows.map { row in
      let c = row.cells
      var n = NodeSnapshot(origin: .table)
      n.status = c["STATUS"]
      n.unschedulable = n.status?.contains("SchedulingDisabled") == true ? true : nil
      n.roles = c["ROLES"]
      if case let .known(value, _)? = c["AGE"].flatMap(Age.parse) { n.age = value }
      n.version = c["VERSION"].flatMap(Self.value)
      n.internalIP = c["INTERNAL-IP"].flatMap(Self.value)
      n.externalIP = c["EXTERNAL-IP"].flatMap(Self.value)
      n.osImage = c["OS-IMAGE"].flatMap(Self.value)
      n.kernelVersion = c["KERNEL-VERSION"].flatMap(Self.value)
      n.containerRuntime = c["CONTAINER-RUNTIME"].flatMap(Self.value)
      if let labels = c["LABELS"] { n.labels = Self.labels(labels); n.fieldLines["labels"] = row.line }
      n.fieldLines["status"] = row.line
      // `kubectl get nodes,pods` prints `node/NAME`.
      var name = c["NAME"] ?? "unknown"
      if name.hasPrefix("node/") { name.removeFirst(5) }
      let ref = ObjectRef(kind: "Node", namespace: "", name: name)
      return Fact(object: ref, observed: now ?? Instant(micros: 0), clock: now == nil ? .relative : .absolute,
                  uncertainty: nowError, body: .node(n),
                  provenance: Provenance(source: source, firstLine: row.line, format: format))
    }
  }

  /// A cell's value; nil for `<none>` and `<unknown>`.
  static func value(_ s: String) -> String? { s == "<none>" || s == "<unknown>" || s.isEmpty ? nil : s }

  /// `a=b,c=d` (`--show-labels`); an empty map for `<none>`.
  static func labels(_ s: String) -> [String: String] {
    guard s != "<none>" else { return [:] }
    var m: [String: String] = [:]
    for pair in s.split(separator: ",") {
      let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let k = kv.first, !k.isEmpty else { continue }
      m[String(k)] = kv.count > 1 ? String(kv[1]) : ""
    }
    return m
  }
}
