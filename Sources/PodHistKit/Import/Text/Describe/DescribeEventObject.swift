import Foundation

/// `kubectl describe event NAME`: one Event object rendered as describe text (`Involved Object:`,
/// `First Timestamp:`, `Count:`...). Its times are absolute, so it needs no anchor.
struct DescribedEventSegment: TextSegment {
  var format: String { "describe" }
  var lines: ClosedRange<Int>
  var object: ObjectRef
  var record: EventRecord
  /// Set when the Reason line was missing and the reason was read from the scheduler's message.
  var inferredReason = false

  var anchors: [AgeAnchor] { [] }

  /// Reads the fields of a describe block; nil unless it is an Event (`Kind: Event`, or an
  /// `Involved Object:` block).
  init?(fields: [String: String], nested: [String: [String: String]], lines: ClosedRange<Int>) {
    guard fields["Kind"] == "Event" || nested["Involved Object"] != nil else { return nil }
    let involved = nested["Involved Object"] ?? [:]
    guard let name = involved["Name"], !name.isEmpty else { return nil }
    self.lines = lines
    let kind = involved["Kind"] ?? "Pod"
    object = ObjectRef(kind: kind, namespace: involved["Namespace"] ?? fields["Namespace"] ?? (kind == "Pod" ? ObjectRef.unknownNamespace : "default"),
                       name: name, uid: involved["UID"].flatMap { $0.isEmpty ? nil : $0 })
    let message = fields["Message"] ?? ""
    var reason = fields["Reason"] ?? ""
    if reason.isEmpty, message.contains("nodes are available") || message.contains("failed to fit in any node") {
      reason = "FailedScheduling"
      inferredReason = true
    }
    var r = EventRecord(reason: reason, message: message, type: fields["Type"].flatMap { $0.isEmpty ? nil : $0 },
                        count: max(InputBounds.count(fields["Count"] ?? "") ?? 1, 1))
    r.fieldPath = involved["Field Path"]
    if let (c, kind) = EventRecord.container(fromFieldPath: r.fieldPath) { r.container = c; r.containerKind = kind }
    let source = nested["Source"] ?? [:]
    r.component = source["Component"] ?? fields["Reporting Component"].flatMap { $0.isEmpty ? nil : $0 }
    r.host = source["Host"]
    func time(_ key: String) -> Instant? {
      fields[key].flatMap { $0 == "<nil>" || $0 == "<unset>" ? nil : Instant.parse($0) }
    }
    r.eventTime = time("Event Time")
    r.first = time("First Timestamp") ?? r.eventTime
    r.last = time("Last Timestamp") ?? r.first
    r.name = fields["Name"]
    r.uid = nested["Metadata"]?["UID"]
    r.reportingController = fields["Reporting Component"].flatMap { $0.isEmpty ? nil : $0 }
    r.reportingInstance = fields["Reporting Instance"].flatMap { $0.isEmpty ? nil : $0 }
    r.apiVersion = "core/v1"
    record = r
  }

  func facts(now: Instant?, nowError: Duration, source: String) -> [Fact] {
    let observed = record.last ?? now ?? Instant(micros: 0)
    let clock: Clock = record.last != nil || now != nil ? .absolute : .relative
    return [Fact(object: object, observed: observed, clock: clock, uncertainty: record.last != nil ? .zero : nowError,
                 body: .event(record),
                 provenance: Provenance(source: source, firstLine: lines.lowerBound, lastLine: lines.upperBound, format: format))]
  }
}
