import Foundation

/// The compact encoding of a chunk's facts (chunk encoding 2, schema/chunk-format.md): a string
/// table (every string once per chunk), then the facts. Event facts, the bulk of any store, are
/// written field by field with integer times as deltas; status snapshots as JSON.
enum FactCodec {
  static let payloadVersion: UInt8 = 3

  /// Encodes facts into one payload.
  static func encode(_ facts: [Fact]) throws -> [UInt8] {
    var table = StringTable()
    var body = ByteWriter()
    body.varint(facts.count)
    var previous: Int64 = 0
    for f in facts {
      if let ev = f.event {
        body.byte(1)
        writeObject(f.object, &body, &table)
        body.zigzag(f.observed.micros - previous)
        previous = f.observed.micros
        body.byte(f.clock == .absolute ? 0 : 1)
        body.zigzag(f.uncertainty.micros)
        body.varint(UInt64(max(f.provenance.importID, 0)))
        body.varint(table.index(f.provenance.source))
        body.varint(f.provenance.firstLine)
        body.varint(f.provenance.lastLine - f.provenance.firstLine)
        body.varint(table.index(f.provenance.format))
        writeEvent(ev, object: f.object, observed: f.observed, templated: true, &body, &table)
      } else {
        body.byte(2)
        let json = [UInt8](try FactCoding.encoder.encode(f))
        body.varint(json.count)
        body.raw(json)
        previous = f.observed.micros
      }
    }
    var out = ByteWriter()
    out.byte(payloadVersion)
    out.varint(table.strings.count)
    for s in table.strings { out.string(s) }
    out.raw(body.bytes)
    return out.bytes
  }

  /// Decodes a payload written by `encode`.
  static func decode(_ bytes: [UInt8]) throws -> [Fact] {
    var r = ByteReaderCursor(bytes)
    let version = try r.byte()
    guard version == 2 || version == payloadVersion else { throw StoreError.damaged("unknown chunk payload version") }
    let templated = version >= 3
    let n = try r.int()
    guard n <= bytes.count else { throw StoreError.damaged("bad string table") }
    var strings: [String] = []
    strings.reserveCapacity(n)
    for _ in 0..<n { strings.append(try r.string()) }
    func s(_ i: Int) throws -> String {
      guard i < strings.count else { throw StoreError.damaged("string index out of range") }
      return strings[i]
    }
    func os() throws -> String? {
      let i = try r.int()
      return i == 0 ? nil : try s(i - 1)
    }
    let count = try r.int()
    guard count <= bytes.count else { throw StoreError.damaged("bad fact count") }
    var facts: [Fact] = []
    facts.reserveCapacity(count)
    var previous: Int64 = 0
    for _ in 0..<count {
      switch try r.byte() {
      case 1:
        let object = ObjectRef(kind: try s(r.int()), namespace: try s(r.int()), name: try s(r.int()), uid: try os())
        let observed = Instant(micros: previous + (try r.zigzag()))
        previous = observed.micros
        let clock: Clock = try r.byte() == 0 ? .absolute : .relative
        let uncertainty = Duration(micros: try r.zigzag())
        let importID = Int64(try r.varint())
        let source = try s(r.int())
        let firstLine = try r.int()
        let lastLine = firstLine + (try r.int())
        let format = try s(r.int())
        var ev = EventRecord(reason: try s(r.int()), message: try s(r.int()))
        ev.count = try r.int()
        ev.type = try os(); ev.container = try os(); ev.fieldPath = try os(); ev.component = try os(); ev.host = try os()
        if templated {
          switch try r.int() {
          case 0: ev.name = nil
          case 1:
            let suffix = UInt64(bitPattern: (try r.zigzag()) &+ observed.micros &* 1000)
            ev.name = FieldTemplates.eventName(objectName: object.name, suffix: suffix)
          case let i: ev.name = try s(i - 2)
          }
        } else {
          ev.name = try os()
        }
        ev.uid = try os(); ev.action = try os(); ev.reportingController = try os()
        ev.reportingInstance = try os(); ev.apiVersion = try os()
        if templated {
          switch try r.int() {
          case 0: ev.extra = nil
          case 1:
            let api = try s(r.int())
            let objectVersion = try r.varint()
            let created = (try r.zigzag()) &+ floorSeconds(observed.micros)
            let ns = try s(r.int())
            let eventVersion = try r.varint()
            ev.extra = FieldTemplates.join(.init(apiVersion: api, objectVersion: objectVersion, created: created,
                                                 namespace: ns, eventVersion: eventVersion))
          case let i: ev.extra = try s(i - 2)
          }
        } else {
          ev.extra = try os()
        }
        let kind = try r.int()
        ev.containerKind = kind == 0 ? nil : ContainerKind.allCases[min(kind - 1, ContainerKind.allCases.count - 1)]
        let flags = try r.byte()
        if flags & 1 != 0 { ev.first = Instant(micros: observed.micros + (try r.zigzag())) }
        if flags & 2 != 0 { ev.last = Instant(micros: observed.micros + (try r.zigzag())) }
        if flags & 4 != 0 { ev.eventTime = Instant(micros: observed.micros + (try r.zigzag())) }
        if flags & 8 != 0 { ev.seriesLast = Instant(micros: observed.micros + (try r.zigzag())) }
        if flags & 16 != 0 { ev.seriesCount = try r.int() }
        facts.append(Fact(object: object, observed: observed, clock: clock, uncertainty: uncertainty, body: .event(ev),
                          provenance: Provenance(importID: importID, source: source, firstLine: firstLine,
                                                 lastLine: lastLine, format: format)))
      case 2:
        let len = try r.int()
        let f = try FactCoding.decoder.decode(Fact.self, from: Data(try r.take(len)))
        previous = f.observed.micros
        facts.append(f)
      default:
        throw StoreError.damaged("unknown fact tag in chunk")
      }
    }
    return facts
  }

  /// The bytes a fact's identity is hashed over: everything but its provenance.
  static func canonical(_ f: Fact) throws -> [UInt8] {
    guard let ev = f.event else {
      var blank = f
      blank.provenance = Provenance(source: "", firstLine: 0, format: "")
      return [UInt8](try FactCoding.encoder.encode(blank))
    }
    var table = InlineStrings()
    var w = ByteWriter()
    w.byte(1)
    writeObject(f.object, &w, &table)
    w.zigzag(f.observed.micros)
    w.byte(f.clock == .absolute ? 0 : 1)
    w.zigzag(f.uncertainty.micros)
    writeEvent(ev, object: f.object, observed: f.observed, templated: false, &w, &table)
    return w.bytes
  }

  /// The 64-bit content hash of a fact (stored as a signed SQLite integer).
  static func hash(_ f: Fact) throws -> Int64 {
    var h = FNV1a64()
    h.add(try canonical(f))
    return Int64(bitPattern: h.value)
  }

  private static func writeObject(_ o: ObjectRef, _ w: inout ByteWriter, _ t: inout some StringSink) {
    t.put(o.kind, &w); t.put(o.namespace, &w); t.put(o.name, &w); t.putOptional(o.uid, &w)
  }

  static func floorSeconds(_ micros: Int64) -> Int64 {
    micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
  }

  /// Writes an Event's fields. `templated` (chunks, payload 3): the event name and `extra` are
  /// written through `FieldTemplates` when they have its shape (0 absent, 1 template, else a
  /// string index + 2); otherwise (the hashed canonical form) every field is a plain string.
  private static func writeEvent(_ ev: EventRecord, object: ObjectRef, observed: Instant, templated: Bool,
                                 _ w: inout ByteWriter, _ t: inout some StringSink) {
    t.put(ev.reason, &w); t.put(ev.message, &w)
    w.varint(ev.count)
    t.putOptional(ev.type, &w); t.putOptional(ev.container, &w); t.putOptional(ev.fieldPath, &w)
    t.putOptional(ev.component, &w); t.putOptional(ev.host, &w)
    if templated {
      if let name = ev.name {
        if let suffix = FieldTemplates.eventNameSuffix(name, objectName: object.name) {
          w.byte(1)
          w.zigzag(Int64(bitPattern: suffix) &- observed.micros &* 1000)
        } else {
          t.putShifted(name, &w)
        }
      } else {
        w.byte(0)
      }
    } else {
      t.putOptional(ev.name, &w)
    }
    t.putOptional(ev.uid, &w); t.putOptional(ev.action, &w); t.putOptional(ev.reportingController, &w)
    t.putOptional(ev.reportingInstance, &w); t.putOptional(ev.apiVersion, &w)
    if templated {
      if let extra = ev.extra {
        if let e = FieldTemplates.split(extra) {
          w.byte(1)
          t.put(e.apiVersion, &w)
          w.varint(e.objectVersion)
          w.zigzag(e.created &- floorSeconds(observed.micros))
          t.put(e.namespace, &w)
          w.varint(e.eventVersion)
        } else {
          t.putShifted(extra, &w)
        }
      } else {
        w.byte(0)
      }
    } else {
      t.putOptional(ev.extra, &w)
    }
    w.varint(ev.containerKind.map { (ContainerKind.allCases.firstIndex(of: $0) ?? 0) + 1 } ?? 0)
    var flags: UInt8 = 0
    if ev.first != nil { flags |= 1 }
    if ev.last != nil { flags |= 2 }
    if ev.eventTime != nil { flags |= 4 }
    if ev.seriesLast != nil { flags |= 8 }
    if ev.seriesCount != nil { flags |= 16 }
    w.byte(flags)
    if let t = ev.first { w.zigzag(t.micros - observed.micros) }
    if let t = ev.last { w.zigzag(t.micros - observed.micros) }
    if let t = ev.eventTime { w.zigzag(t.micros - observed.micros) }
    if let t = ev.seriesLast { w.zigzag(t.micros - observed.micros) }
    if let c = ev.seriesCount { w.varint(c) }
  }
}

/// Where strings go when a fact is written: into a chunk's table, or inline (for hashing).
protocol StringSink {
  mutating func put(_ s: String, _ w: inout ByteWriter)
  mutating func putOptional(_ s: String?, _ w: inout ByteWriter)
  /// A string in a slot where 0 and 1 mean something else (its table index + 2).
  mutating func putShifted(_ s: String, _ w: inout ByteWriter)
}

/// A chunk's string table: each distinct string once, referred to by index.
struct StringTable: StringSink {
  var strings: [String] = []
  var indices: [String: Int] = [:]
  mutating func index(_ s: String) -> Int {
    if let i = indices[s] { return i }
    strings.append(s)
    indices[s] = strings.count - 1
    return strings.count - 1
  }
  mutating func put(_ s: String, _ w: inout ByteWriter) { w.varint(index(s)) }
  mutating func putOptional(_ s: String?, _ w: inout ByteWriter) { w.varint(s.map { index($0) + 1 } ?? 0) }
  mutating func putShifted(_ s: String, _ w: inout ByteWriter) { w.varint(index(s) + 2) }
}

/// Strings written in place, for the canonical (hashed) form.
struct InlineStrings: StringSink {
  mutating func put(_ s: String, _ w: inout ByteWriter) { w.string(s) }
  mutating func putOptional(_ s: String?, _ w: inout ByteWriter) {
    if let s { w.byte(1); w.string(s) } else { w.byte(0) }
  }
  mutating func putShifted(_ s: String, _ w: inout ByteWriter) { w.byte(2); w.string(s) }
}
