import Foundation

/// A fact's canonical bytes (its identity: everything but provenance), and the reader of chunk
/// payloads 2 and 3 of schema version 1 (a string table, then the facts of one object field by
/// field), kept to migrate such stores.
enum FactCodec {
  static let payloadVersion: UInt8 = 3

  /// Decodes a payload of chunk encoding 3 (schema version 1: one object per chunk).
  static func decodeLegacy(_ bytes: [UInt8]) throws -> [Fact] {
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
      // The lines a snapshot's fields were printed on are provenance too: the same pod object
      // read at another line of another input (a watch, a relist, a later dump) is the same fact.
      if case var .status(s) = blank.body {
        s.fieldLines = [:]
        for i in s.containers.indices { s.containers[i].fieldLines = [:] }
        blank.body = .status(s)
      }
      return [UInt8](try FactCoding.encoder.encode(blank))
    }
    var w = ByteWriter()
    w.bytes.reserveCapacity(256)
    w.byte(1)
    w.string(f.object.kind); w.string(f.object.namespace); w.string(f.object.name); optional(f.object.uid, &w)
    w.zigzag(f.observed.micros)
    w.byte(f.clock == .absolute ? 0 : 1)
    w.zigzag(f.uncertainty.micros)
    w.string(ev.reason); w.string(ev.message)
    w.varint(ev.count)
    optional(ev.type, &w); optional(ev.container, &w); optional(ev.fieldPath, &w); optional(ev.component, &w)
    optional(ev.host, &w); optional(ev.name, &w); optional(ev.uid, &w); optional(ev.action, &w)
    optional(ev.reportingController, &w); optional(ev.reportingInstance, &w); optional(ev.apiVersion, &w)
    optional(ev.extra, &w)
    w.varint(ev.containerKind.map { (ContainerKind.allCases.firstIndex(of: $0) ?? 0) + 1 } ?? 0)
    instant(ev.first, &w); instant(ev.last, &w); instant(ev.eventTime, &w); instant(ev.seriesLast, &w)
    if let c = ev.seriesCount { w.byte(1); w.varint(c) } else { w.byte(0) }
    return w.bytes
  }

  private static func optional(_ s: String?, _ w: inout ByteWriter) {
    if let s { w.byte(1); w.string(s) } else { w.byte(0) }
  }

  private static func instant(_ t: Instant?, _ w: inout ByteWriter) {
    if let t { w.byte(1); w.zigzag(t.micros) } else { w.byte(0) }
  }

  /// A fact's identity for deduplication.
  static func fingerprint(_ f: Fact) throws -> Fingerprint {
    Fingerprint(try canonical(f))
  }

  static func floorSeconds(_ micros: Int64) -> Int64 {
    micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
  }
}

/// A chunk's string table: each distinct string once, referred to by index.
struct StringTable {
  var strings: [String] = []
  var indices: [String: Int] = [:]
  mutating func index(_ s: String) -> Int {
    if let i = indices[s] { return i }
    strings.append(s)
    indices[s] = strings.count - 1
    return strings.count - 1
  }
}
