import Foundation

/// One row of an events table with its ages not yet resolved.
public struct EventsTableRow: Sendable, Hashable {
  /// The row's first and last source line (a wrapped MESSAGE continues on later lines).
  public var firstLine: Int
  /// The row's last source line (1-based, inclusive); equals `firstLine` unless MESSAGE wrapped.
  public var lastLine: Int
  /// The involved object (OBJECT, NAME+KIND, or the pod the paste is about); a Pod unless printed.
  public var object: ObjectRef
  /// REASON as printed (`BackOff`, `Killing`...).
  public var reason: String
  /// MESSAGE as printed, wrapped lines joined with a space; may be cut by the terminal.
  public var message: String
  /// `Normal`/`Warning`; nil in tables without a TYPE column.
  public var type: String?
  /// SUBOBJECT / `-o wide` fieldPath (`spec.containers{app}`); nil for pod-level rows.
  public var fieldPath: String?
  /// The container named by `fieldPath`.
  public var container: String?
  /// Which spec list `container` is in, from the fieldPath prefix.
  public var containerKind: ContainerKind?
  /// SOURCE's component (`kubelet`, `default-scheduler`); nil when not printed.
  public var component: String?
  /// SOURCE's host (the node, for kubelet rows); nil when not printed.
  public var host: String?
  /// COUNT, `xN` of an aggregated age, or a dashboard's `N times`; nil when not printed.
  public var count: Int?
  /// LAST SEEN (`last`) and FIRST SEEN or the `over` age (`first`).
  public var last: Age?
  /// FIRST SEEN, or the `over 84s` of an aggregated age; counted back from the segment's "now".
  public var first: Age?
  /// The table says this is a single occurrence (COUNT 1, `kubectl events` without `(xN ...)`),
  /// so the first occurrence is the last.
  public var single: Bool
  /// The Event's own name (`-o wide` NAME, `<object>.<hex nanos>`).
  public var eventName: String?
  /// Absolute times printed instead of ages (custom columns of `.lastTimestamp`,
  /// `.firstTimestamp`): they need no "now".
  public var lastAt: Instant?
  /// `.firstTimestamp` printed absolutely (custom columns), UTC; needs no "now".
  public var firstAt: Instant?
  /// Whether the namespace was printed (NAMESPACE column) rather than inferred.
  var namespacePrinted: Bool = false

  /// A row with its required cells; everything else starts nil, `single` false.
  public init(firstLine: Int, lastLine: Int, object: ObjectRef, reason: String, message: String) {
    self.firstLine = firstLine; self.lastLine = lastLine; self.object = object
    self.reason = reason; self.message = message; self.single = false
  }
}

/// An events table (`kubectl get events` of any era, `kubectl events`, `-w` output, a dashboard
/// copy) as rows whose ages resolve against the segment's "now".
public struct EventsTableSegment: TextSegment {
  /// `events-table`, whatever the era or shape of the table; `kubelet-log` for Events read from
  /// the kubelet's own log lines (`KubeletLogParser`).
  public var format: String

  /// The source lines the table covers, header and prompt included.
  public var lines: ClosedRange<Int>
  /// The rows in printed order (oldest first in most eras; not relied on).
  public var rows: [EventsTableRow]
  /// The table's ages are `HumanDuration` (1.12+), so `5m` means 300–301 s, not 5–6 min.
  public var humanDuration: Bool
  /// Ages measured from the table's own latest row (dashboard clock times without a date):
  /// facts stay relative whatever "now" the importer found.
  public var ownClock: Bool
  /// The `Scheduled` and latest `Started` rows' ages per pod; empty under `ownClock`.
  public var anchors: [AgeAnchor]

  /// A segment; its anchors are computed from the rows now, not on each read.
  public init(lines: ClosedRange<Int>, rows: [EventsTableRow], humanDuration: Bool, ownClock: Bool = false,
              format: String = "events-table") {
    self.lines = lines; self.rows = rows; self.humanDuration = humanDuration; self.ownClock = ownClock
    self.format = format
    anchors = ownClock ? [] : EventsTableSegment.anchors(rows, humanDuration: humanDuration)
  }

  /// Scheduled → `.scheduled(pod:)` (with the event name's time when `-o wide` printed it);
  /// the latest Started per container → `.containerStarted(pod:container:)`. Pods are named
  /// without namespace.
  static func anchors(_ rows: [EventsTableRow], humanDuration: Bool) -> [AgeAnchor] {
    var scheduled: [String: (Age, Instant?)] = [:]
    var started: [String: (pod: String, container: String, age: Age)] = [:]
    var order: [String] = []
    for row in rows where row.object.isPod {
      guard let last = row.last, let v = last.value else { continue }
      let age = humanDuration ? TableColumns.refineHuman(last) : last
      let pod = row.object.name
      if row.reason == "Scheduled" {
        if let old = scheduled[pod], let ov = old.0.value, ov <= v { continue }
        let absolute = (row.count ?? 1) <= 1 ? row.eventName.flatMap(EventsTableMessages.nameTime) : nil
        if scheduled[pod] == nil { order.append("s:" + pod) }
        scheduled[pod] = (age, absolute)
      } else if row.reason == "Started", let c = row.container {
        let key = pod + "\u{0}" + c
        if let old = started[key], let ov = old.age.value, ov <= v { continue }
        if started[key] == nil { order.append("c:" + key) }
        started[key] = (pod, c, age)
      }
    }
    return order.compactMap { key in
      if key.hasPrefix("s:") {
        let pod = String(key.dropFirst(2))
        guard let (age, absolute) = scheduled[pod] else { return nil }
        return AgeAnchor(subject: .scheduled(pod: pod), age: age, absolute: absolute)
      }
      guard let s = started[String(key.dropFirst(2))] else { return nil }
      return AgeAnchor(subject: .containerStarted(pod: s.pod, container: s.container), age: s.age)
    }
  }

  /// One event fact per row, ages resolved against `now` ± `nowError`, or relative when `now` is nil.
  public func facts(now: Instant?, nowError: Duration, source: String) -> [Fact] {
    let base = ownClock ? nil : now
    let clock: Clock = base == nil ? .relative : .absolute
    let origin = base ?? Instant(micros: 0)
    let error = base == nil ? Duration.zero : nowError
    return rows.map { row in
      let last = row.last.map { humanDuration ? TableColumns.refineHuman($0) : $0 }
      let first = row.first.map { humanDuration ? TableColumns.refineHuman($0) : $0 }
      func instant(_ age: Age?) -> Instant? {
        switch age {
        case let .known(v, _)?: origin - v
        case .invalid?: origin  // a timestamp in the future: clock skew; the best reading is "now"
        default: nil
        }
      }
      let lastI = row.lastAt ?? instant(last)
      let firstI = row.firstAt ?? instant(first) ?? (row.single ? lastI : nil)
      let rowClock: Clock = row.lastAt != nil ? .absolute : clock
      var e = EventRecord(reason: row.reason, message: row.message, type: row.type, container: row.container,
                          containerKind: row.containerKind, fieldPath: row.fieldPath, component: row.component,
                          host: row.host, first: firstI, last: lastI, count: max(row.count ?? 1, 1))
      e.name = row.eventName
      let resolution = max(last?.resolution ?? .zero, first?.resolution ?? .zero)
      return Fact(object: row.object, observed: lastI ?? firstI ?? origin, clock: rowClock,
                  uncertainty: row.lastAt != nil ? .zero : resolution + error, body: .event(e),
                  provenance: Provenance(source: source, firstLine: row.firstLine, lastLine: row.lastLine,
                                         format: format))
    }
  }
}
