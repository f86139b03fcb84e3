import Foundation

/// One `kubectl describe node` block: a node snapshot and the node's Events.
struct NodeDescribeSegment: TextSegment {
  /// One row of the describe's Events table, in either layout: `Type Reason Age From Message`
  /// (1.8+) or `FirstSeen LastSeen Count From SubObjectPath [Type] Reason Message` (before,
  /// with ages or, in 2015, RFC 1123 times).
  struct NodeEventRow: Sendable {
    var line: Int, type: String?, reason: String, message: String
    /// The last occurrence (Age, LastSeen) and the first (`over 84s`, FirstSeen).
    var last: DescribeEventTime, first: DescribeEventTime?
    var count: Int, component: String?, host: String?
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
      /// An age from the describe's "now"; a printed time stands on its own (absolute clock).
      func at(_ t: DescribeEventTime?) -> (Instant, Clock)? {
        switch t {
        case let .absolute(i)?: return (i, .absolute)
        case let .age(.known(value, _))?: return (base - value, rel)
        default: return nil
        }
      }
      let (last, clock) = at(e.last) ?? (base, rel)
      var r = EventRecord(reason: e.reason, message: e.message)
      r.type = e.type
      r.component = e.component
      r.host = e.host
      r.count = e.count
      r.last = last
      r.first = at(e.first).flatMap { $0.1 == clock ? $0.0 : nil } ?? last
      out.append(Fact(object: ref, observed: last, clock: clock, uncertainty: clock == .absolute && anchor == nil ? .zero : nowError,
                      body: .event(r), provenance: Provenance(source: source, firstLine: e.line, format: format)))
    }
    return out
  }
}
