import Foundation

/// One `kubectl describe node` block: a node snapshot and the node's Events.
struct NodeDescribeSegment: TextSegment {
  /// One row of the describe's Events table.
  struct NodeEventRow: Sendable {
    var line: Int, type: String, reason: String, age: AggregatedAge, from: String, message: String
  }
  var format: String { "describe-node" }
  let lines: ClosedRange<Int>
  let name: String
  let snapshot: NodeSnapshot
  let events: [NodeEventRow]
  /// The newest LastHeartbeatTime of the Conditions: the describe ran at or after it. Its "now"
  /// when nothing else in the paste anchors the ages (heartbeats lag by up to the kubelet's
  /// status period, so the instants may be that much early).
  let newestHeartbeat: Instant?
  var anchors: [AgeAnchor] { [] }

  func facts(now: Instant?, nowError: Duration, source: String) -> [Fact] {
    let ref = ObjectRef(kind: "Node", namespace: "", name: name)
    let anchor = now ?? newestHeartbeat
    let base = anchor ?? Instant(micros: 0)
    let rel: Clock = anchor == nil ? .relative : .absolute
    var out = [Fact(object: ref, observed: base, clock: rel, uncertainty: nowError, body: .node(snapshot),
                    provenance: Provenance(source: source, firstLine: lines.lowerBound, lastLine: lines.upperBound, format: format))]
    for e in events {
      func at(_ a: Age?) -> Instant? {
        guard case let .known(value, _)? = a else { return nil }
        return base - value
      }
      let last = at(e.age.last) ?? base
      var r = EventRecord(reason: e.reason, message: e.message)
      r.type = e.type
      let from = e.from.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      r.component = from.first
      r.host = from.count > 1 ? from[1] : nil
      r.count = e.age.count ?? 1
      r.last = last
      r.first = at(e.age.first) ?? last
      out.append(Fact(object: ref, observed: last, clock: rel, uncertainty: nowError, body: .event(r),
                      provenance: Provenance(source: source, firstLine: e.line, format: format)))
    }
    return out
  }
}
