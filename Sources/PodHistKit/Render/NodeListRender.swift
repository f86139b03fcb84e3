import Foundation

/// `podhist get nodes`: kubectl's table (`NAME STATUS ROLES AGE VERSION`, `-o wide` adding
/// `INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME`), and the `NodeList` document.
public enum NodeListRender {
  /// The table of `nodes` at `at`.
  public static func table(_ nodes: NodeFacts, at: Instant?, wide: Bool) -> String {
    var headers = ["NAME", "STATUS", "ROLES", "AGE", "VERSION"]
    if wide { headers += ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"] }
    let rows = nodes.nodes.map { n -> [String] in
      let s = n.snapshot
      var r = [n.name, s.status ?? "Unknown", s.roles ?? "<none>", age(n, at: at), s.version ?? "<unknown>"]
      if wide {
        r += [s.internalIP ?? "<none>", s.externalIP ?? "<none>", s.osImage ?? "<unknown>", s.kernelVersion ?? "<unknown>",
              s.containerRuntime ?? "<unknown>"]
      }
      return r
    }
    return renderTable(headers: headers, rows: rows)
  }

  /// AGE: from the creation time when known, else the printed age moved forward to `at`.
  static func age(_ n: NodeFacts.Node, at: Instant?) -> String {
    let newest = n.observations.first
    if let born = n.snapshot.creationTime, let t = at ?? newest?.observed, newest?.clock == .absolute || at != nil {
      return humanDuration(t - born)
    }
    guard let printed = n.observations.lazy.compactMap({ f in f.nodeSnapshot?.age.map { (f, $0) } }).first else { return "<unknown>" }
    guard let at, printed.0.clock == .absolute, at > printed.0.observed else { return humanDuration(printed.1) }
    return humanDuration(printed.1 + (at - printed.0.observed))
  }

  /// The `NodeList` document: each node's merged observation, its conditions and its Events.
  public static func document(_ nodes: NodeFacts, at: Instant?) -> JSONValue {
    let clock = nodes.nodes.flatMap(\.observations).first?.clock ?? .absolute
    func map(_ m: [String: String]?) -> JSONValue {
      m.map { .object($0.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }) } ?? .null
    }
    return .object([
      ("apiVersion", .string("podhist/v1")), ("kind", .string("NodeList")),
      ("at", at.map { .string(timeText($0, clock: clock)) } ?? .null),
      ("items", .array(nodes.nodes.map { n in
        let s = n.snapshot
        return .object([
          ("name", .string(n.name)), ("status", .str(s.status)), ("roles", .str(s.roles)), ("age", .string(age(n, at: at))),
          ("version", .str(s.version)), ("internalIP", .str(s.internalIP)), ("externalIP", .str(s.externalIP)),
          ("osImage", .str(s.osImage)), ("kernelVersion", .str(s.kernelVersion)), ("containerRuntime", .str(s.containerRuntime)),
          ("labels", map(s.labels)),
          ("taints", s.taints.map { .array($0.map { .string($0.description) }) } ?? .null),
          ("unschedulable", s.unschedulable.map { .bool($0) } ?? .null),
          ("conditions", .array(s.conditions.map { c in
            .object([("type", .string(c.type)), ("status", .string(c.status)), ("reason", .str(c.reason)),
                     ("message", .str(c.message)), ("lastTransition", .time(c.lastTransition))]) })),
          ("capacity", map(s.capacity)), ("allocatable", map(s.allocatable)),
          ("allocatedRequests", map(s.allocatedRequests)), ("allocatedLimits", map(s.allocatedLimits)),
          ("events", .array(n.events.compactMap { f in f.event.map { e in
            .object([("time", .string(timeText(f.observed, clock: f.clock))), ("type", .str(e.type)),
                     ("reason", .string(e.reason)), ("message", .string(e.message)), ("count", .int(e.count))]) } })),
          ("sources", .array(n.observations.map { f in
            .object([("name", .string(f.provenance.source)), ("line", .int(f.provenance.firstLine)),
                     ("format", .string(f.provenance.format))]) })),
        ])
      })),
    ])
  }
}
