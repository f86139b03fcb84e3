import Foundation

/// Turns one Event object (core/v1 or events.k8s.io/v1, from JSON or YAML) into a fact.
enum EventObject {
  /// Top-level members fully carried by `EventRecord`'s own fields; everything else goes to `extra`.
  static let mappedKeys: Set<String> = [
    "apiVersion", "kind", "reason", "message", "note", "type", "source", "deprecatedSource",
    "firstTimestamp", "lastTimestamp", "deprecatedFirstTimestamp", "deprecatedLastTimestamp",
    "count", "deprecatedCount", "eventTime", "series", "action", "reportingComponent",
    "reportingController", "reportingInstance",
  ]
  static let mappedObjectKeys: Set<String> = ["kind", "namespace", "name", "uid", "fieldPath"]

  /// `mappedKeys.contains(key)` without hashing the key.
  static func isMapped(_ key: String) -> Bool {
    switch key {
    case "apiVersion", "kind", "reason", "message", "note", "type", "source", "deprecatedSource",
         "firstTimestamp", "lastTimestamp", "deprecatedFirstTimestamp", "deprecatedLastTimestamp",
         "count", "deprecatedCount", "eventTime", "series", "action", "reportingComponent",
         "reportingController", "reportingInstance": true
    default: false
    }
  }

  /// Whether a kind-less mapping is an Event (it names the object it is about).
  static func looksLikeEvent(_ obj: StructuredObject) -> Bool {
    (obj.object("involvedObject") != nil || obj.object("regarding") != nil)
      && (obj.has("reason") || obj.has("message") || obj.has("note"))
  }

  /// The Event as a fact; nil when it carries no time at all (no timestamps, eventTime or
  /// creationTimestamp) and no `fallback` is given.
  static func fact(from obj: StructuredObject, provenance: Provenance, fallback: Instant?) -> Fact? {
    let about = obj.object("involvedObject") ?? obj.object("regarding") ?? StructuredObject()
    let metadata = obj.object("metadata") ?? StructuredObject()
    let source = obj.object("source") ?? obj.object("deprecatedSource")
    let series = obj.object("series")

    let fieldPath = about.text("fieldPath")
    var record = EventRecord(reason: obj.text("reason") ?? "", message: obj.text("message") ?? obj.text("note") ?? "")
    record.type = obj.text("type")
    record.fieldPath = fieldPath
    if let c = container(fromFieldPath: fieldPath) {
      record.container = c.name
      record.containerKind = c.kind
    }
    let reportingController = obj.text("reportingComponent") ?? obj.text("reportingController")
    let reportingInstance = obj.text("reportingInstance")
    // v1beta1 (2014–2015): `source` is the component's name and `host` sits at the top.
    let oldSource = obj["source"]?.object == nil ? obj.text("source") : nil
    record.component = source?.text("component") ?? oldSource ?? reportingController
    record.host = source?.text("host") ?? (oldSource != nil ? obj.text("host") : nil) ?? reportingInstance
    let eventTime = obj.instant("eventTime")
    // `timestamp`: the only time of a v1beta1 Event (2014).
    let first = obj.instant("firstTimestamp") ?? obj.instant("deprecatedFirstTimestamp") ?? eventTime
      ?? obj.instant("timestamp")
    let seriesLast = series?.instant("lastObservedTime")
    let seriesCount = InputBounds.int(series?.int("count"), in: InputBounds.eventCount)
    record.first = first
    record.last = seriesLast ?? obj.instant("lastTimestamp") ?? obj.instant("deprecatedLastTimestamp") ?? first
    record.count = max(1, seriesCount ?? InputBounds.int(obj.int("count"), in: InputBounds.eventCount)
      ?? InputBounds.int(obj.int("deprecatedCount"), in: InputBounds.eventCount) ?? 1)
    record.eventTime = eventTime
    record.seriesCount = seriesCount
    record.seriesLast = seriesLast
    record.name = metadata.text("name")
    record.uid = metadata.text("uid")
    record.action = obj.text("action")
    record.reportingController = reportingController
    record.reportingInstance = reportingInstance
    record.apiVersion = obj.text("apiVersion")
    record.extra = extra(of: obj)

    guard let observed = record.last ?? record.first ?? eventTime ?? metadata.instant("creationTimestamp")
      ?? obj.instant("creationTimestamp") ?? fallback
    else { return nil }
    let ref = ObjectRef(kind: about.text("kind") ?? "Pod",
                        namespace: about.text("namespace") ?? "default",
                        name: about.text("name") ?? about.text("id") ?? "unknown",
                        uid: about.text("uid"))
    return Fact(object: ref, observed: observed, body: .event(record), provenance: provenance)
  }

  /// `EventRecord.container(fromFieldPath:)` on bytes (the same answer, without Foundation's
  /// string search, which was a measurable share of an import).
  static func container(fromFieldPath path: String?) -> (name: String, kind: ContainerKind)? {
    guard let path else { return nil }
    let bytes = path.utf8
    guard let open = bytes.firstIndex(of: UInt8(ascii: "{")), let close = bytes.lastIndex(of: UInt8(ascii: "}")),
          open < close else { return nil }
    let nameBytes = bytes[bytes.index(after: open)..<close]
    guard !nameBytes.isEmpty else { return nil }
    let head = bytes[..<open]
    func ends(_ suffix: StaticString) -> Bool {
      let n = suffix.utf8CodeUnitCount
      guard head.count >= n else { return false }
      return suffix.withUTF8Buffer { head.suffix(n).elementsEqual($0) }
    }
    let kind: ContainerKind = ends("initContainers") ? .`init` : ends("ephemeralContainers") ? .ephemeral : .regular
    return (String(decoding: nameBytes, as: UTF8.self), kind)
  }

  /// The members not mapped to `EventRecord` fields, as compact JSON with sorted keys; nil when
  /// nothing is left. managedFields is left out.
  static func extra(of obj: StructuredObject) -> String? {
    var rest = StructuredObject()
    for m in obj.members where !isMapped(m.key) {
      switch (m.key, m.value) {
      case let ("involvedObject", .object(o)), let ("regarding", .object(o)):
        let left = StructuredObject(members: o.members.filter {
          switch $0.key { case "kind", "namespace", "name", "uid", "fieldPath": false; default: true }
        })
        if !left.isEmpty { rest.append(m.key, .object(left), line: m.line) }
      case let ("metadata", .object(o)):
        let left = StructuredObject(members: o.members.filter {
          switch $0.key { case "name", "uid", "managedFields": false; default: true }
        })
        if !left.isEmpty { rest.append(m.key, .object(left), line: m.line) }
      default:
        rest.members.append(m)
      }
    }
    return rest.isEmpty ? nil : StructuredValue.object(rest).compactJSON
  }
}
