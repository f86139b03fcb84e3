import Foundation

/// The facts of one object inside a chunk, in the order they were logged.
struct ChunkGroup: Equatable, Sendable {
  var facts: [Fact]
}

/// Chunk payload version 4 (schema/chunk-format.md): the facts of many objects of one import,
/// grouped by object, written column by column.
///
/// A chunk holds a few thousand facts so that strings shared by many pods (reasons, components,
/// nodes, message templates) are stored once and zlib sees long runs of alike bytes: each field
/// has its own column (reasons next to reasons, time deltas next to time deltas), strings live in
/// one table per chunk, UUIDs are 16 bytes, times are deltas. A reader that wants one object
/// walks the columns of the objects before it without building their facts.
enum ChunkCodec {
  static let version: UInt8 = 4

  /// The columns, in the order they follow the string table and the object directory.
  enum Column: Int, CaseIterable {
    case tag, observed, clock, provenance, objectUID, uuid, reason, message, count, type, container,
         fieldPath, component, host, name, nameSuffix, eventUID, action, reportingController,
         reportingInstance, apiVersion, extra, extraStrings, objectVersion, eventVersion, extraCreated,
         containerKind, flags, times, seriesCount, status
  }

  /// Encodes groups (each non-empty, each one object) written by one import.
  static func encode(_ groups: [ChunkGroup]) throws -> [UInt8] {
    var e = Encoder()
    for g in groups { try e.add(g) }
    return e.finish()
  }

  /// Decodes a payload. `wanted` picks the groups whose facts are built (by their first fact's
  /// object); the others are only stepped over. Returns the built groups in chunk order.
  static func decode(_ bytes: [UInt8], wanted: ((ObjectRef) -> Bool)? = nil) throws -> [ChunkGroup] {
    let header = try Header(bytes)
    return try bytes.withUnsafeBufferPointer { buf in
      var d = Decoder(buf, header)
      defer { d.release() }
      return try d.groups(wanted: wanted)
    }
  }

  /// The directory of a payload: each group's object key (kind, namespace, name) and size, without
  /// decoding any fact.
  static func directory(_ bytes: [UInt8]) throws -> [(kind: String, namespace: String, name: String, count: Int)] {
    let header = try Header(bytes)
    return try bytes.withUnsafeBufferPointer { buf in
      var d = Decoder(buf, header)
      defer { d.release() }
      return try d.directory.map { (try d.s($0.kind), try d.s($0.namespace), try d.s($0.name), $0.count) }
    }
  }

  // MARK: - Writing

  struct Encoder {
    var table = StringTable()
    var columns = [ByteWriter](repeating: ByteWriter(), count: Column.allCases.count)
    var directory: [(kind: Int, namespace: Int, name: Int, count: Int)] = []
    var previousObserved: Int64 = 0
    var previousLine = 0
    var previousObjectVersion: Int64 = 0
    var previousEventVersion: Int64 = 0
    var importID: Int64?

    subscript(_ c: Column) -> ByteWriter {
      get { columns[c.rawValue] }
      _modify { yield &columns[c.rawValue] }
    }

    /// The last string written per column and its index: neighbouring facts (one pod's) mostly
    /// repeat them, and comparing is cheaper than hashing.
    /// (Columns holding two strings per fact use a second slot for the second.)
    var recent = [(String, Int)?](repeating: nil, count: Column.allCases.count * 2)

    mutating func index(_ s: String, _ c: Column, second: Bool = false) -> Int {
      let slot = c.rawValue * 2 + (second ? 1 : 0)
      if let (last, i) = recent[slot], last == s { return i }
      let i = table.index(s)
      recent[slot] = (s, i)
      return i
    }
    mutating func string(_ s: String, _ c: Column, second: Bool = false) { self[c].varint(index(s, c, second: second)) }
    mutating func optional(_ s: String?, _ c: Column) { self[c].varint(s.map { index($0, c) + 1 } ?? 0) }

    mutating func add(_ g: ChunkGroup) throws {
      guard let first = g.facts.first else { return }
      let o = first.object
      directory.append((table.index(o.kind), table.index(o.namespace), table.index(o.name), g.facts.count))
      var previousUID: String?? = .none
      for f in g.facts {
        guard f.object.kind == o.kind, f.object.namespace == o.namespace, f.object.name == o.name else {
          throw StoreError.internalFailure("a chunk group holds facts about two objects")
        }
        if importID == nil { importID = f.provenance.importID }
        // The object's uid: 0 none, 1 as the fact before, 2 a UUID (16 bytes), else index + 3.
        if case let .some(p) = previousUID, p == f.object.uid {
          self[.objectUID].byte(1)
        } else {
          uid(f.object.uid, .objectUID, shift: 3)
        }
        previousUID = .some(f.object.uid)
        if let ev = f.event {
          self[.tag].byte(1)
          common(f)
          event(ev, f)
        } else {
          self[.tag].byte(2)
          common(f)
          let json = [UInt8](try FactCoding.encoder.encode(f))
          self[.status].varint(json.count)
          self[.status].raw(json)
        }
      }
    }

    /// What every fact has: instants, clock, provenance.
    mutating func common(_ f: Fact) {
      self[.observed].zigzag(f.observed.micros &- previousObserved)
      previousObserved = f.observed.micros
      self[.clock].byte(f.clock == .absolute ? 0 : 1)
      self[.clock].zigzag(f.uncertainty.micros)
      let p = f.provenance
      self[.provenance].zigzag(p.importID &- (importID ?? 0))
      string(p.source, .provenance)
      string(p.format, .provenance, second: true)
      self[.provenance].zigzag(Int64(p.firstLine - previousLine))
      self[.provenance].varint(p.lastLine - p.firstLine)
      previousLine = p.firstLine
    }

    /// A uid: 0 absent, `shift - 1` a lowercase UUID (16 bytes in the uuid column), else a
    /// string index + `shift`.
    mutating func uid(_ s: String?, _ c: Column, shift: Int) {
      guard let s else { self[c].varint(0); return }
      if let bytes = UUIDBytes.pack(s) {
        self[c].varint(shift - 1)
        self[.uuid].raw(bytes)
      } else {
        self[c].varint(table.index(s) + shift)
      }
    }

    mutating func event(_ ev: EventRecord, _ f: Fact) {
      let observed = f.observed.micros
      string(ev.reason, .reason)
      string(ev.message, .message)
      self[.count].varint(ev.count)
      optional(ev.type, .type)
      optional(ev.container, .container)
      optional(ev.fieldPath, .fieldPath)
      optional(ev.component, .component)
      optional(ev.host, .host)
      if let name = ev.name {
        if let suffix = FieldTemplates.eventNameSuffix(name, objectName: f.object.name) {
          self[.name].varint(1)
          // Kubernetes names an Event after its creation in ns: close to `first`.
          self[.nameSuffix].zigzag(Int64(bitPattern: suffix) &- (ev.first?.micros ?? observed) &* 1000)
        } else {
          self[.name].varint(table.index(name) + 2)
        }
      } else {
        self[.name].varint(0)
      }
      uid(ev.uid, .eventUID, shift: 2)
      optional(ev.action, .action)
      optional(ev.reportingController, .reportingController)
      optional(ev.reportingInstance, .reportingInstance)
      optional(ev.apiVersion, .apiVersion)
      if let extra = ev.extra {
        if let x = FieldTemplates.split(extra) {
          self[.extra].varint(1)
          string(x.apiVersion, .extraStrings)
          string(x.namespace, .extraStrings, second: true)
          let ov = Int64(bitPattern: x.objectVersion), evv = Int64(bitPattern: x.eventVersion)
          self[.objectVersion].zigzag(ov &- previousObjectVersion)
          self[.eventVersion].zigzag(evv &- previousEventVersion)
          previousObjectVersion = ov
          previousEventVersion = evv
          self[.extraCreated].zigzag(x.created &- FactCodec.floorSeconds(observed))
        } else {
          self[.extra].varint(table.index(extra) + 2)
        }
      } else {
        self[.extra].varint(0)
      }
      self[.containerKind].varint(ev.containerKind.map { (ContainerKind.allCases.firstIndex(of: $0) ?? 0) + 1 } ?? 0)
      var flags: UInt8 = 0
      if ev.first != nil { flags |= 1 }
      if ev.last != nil { flags |= 2 }
      if ev.eventTime != nil { flags |= 4 }
      if ev.seriesLast != nil { flags |= 8 }
      if ev.seriesCount != nil { flags |= 16 }
      self[.flags].byte(flags)
      for t in [ev.first, ev.last, ev.eventTime, ev.seriesLast] {
        if let t { self[.times].zigzag(t.micros &- observed) }
      }
      if let c = ev.seriesCount { self[.seriesCount].varint(c) }
    }

    mutating func finish() -> [UInt8] {
      var out = ByteWriter()
      out.byte(ChunkCodec.version)
      out.zigzag(importID ?? 0)
      out.varint(table.strings.count)
      for s in table.strings { out.string(s) }
      out.varint(directory.count)
      for d in directory {
        out.varint(d.kind); out.varint(d.namespace); out.varint(d.name); out.varint(d.count)
      }
      for c in columns { out.varint(c.bytes.count) }
      for c in columns { out.raw(c.bytes) }
      return out.bytes
    }
  }

  // MARK: - Reading

  /// What precedes the columns: the import, where each string and each column lies, the
  /// directory. Every range is checked to lie inside the payload.
  struct Header {
    var importID: Int64
    var stringRanges: [Range<Int>] = []
    var directory: [(kind: Int, namespace: Int, name: Int, count: Int)] = []
    var columns: [Range<Int>] = []

    init(_ bytes: [UInt8]) throws {
      var r = ByteReaderCursor(bytes)
      guard try r.byte() == ChunkCodec.version else { throw StoreError.damaged("unknown chunk payload version") }
      importID = try r.zigzag()
      let n = try r.int()
      guard n >= 0, n <= bytes.count else { throw StoreError.damaged("bad string table") }
      stringRanges.reserveCapacity(n)
      for _ in 0..<n {
        let len = try r.int()
        _ = try r.take(len)
        stringRanges.append((r.at - len)..<r.at)
      }
      let groups = try r.int()
      guard groups >= 0, groups <= bytes.count else { throw StoreError.damaged("bad object directory") }
      for _ in 0..<groups { directory.append((try r.int(), try r.int(), try r.int(), try r.int())) }
      var lengths: [Int] = []
      for _ in Column.allCases { lengths.append(try r.int()) }
      for len in lengths {
        _ = try r.take(len)
        columns.append((r.at - len)..<r.at)
      }
      guard r.at == bytes.count else { throw StoreError.damaged("chunk has trailing bytes") }
    }
  }

  /// Reads a payload in place (the bytes stay borrowed for the decoder's life): a read position
  /// and an end per column, no copies and no reference counting while it walks the columns.
  struct Decoder {
    let bytes: UnsafeBufferPointer<UInt8>
    let importID: Int64
    /// Where each string of the table starts and ends; strings are built on first use.
    var stringRanges: [Range<Int>] = []
    var strings: [String?] = []
    var directory: [(kind: Int, namespace: Int, name: Int, count: Int)] = []
    /// Per column: the read position (at `c`) and the end (at `columnCount + c`).
    let positions: UnsafeMutablePointer<Int>
    static let columnCount = Column.allCases.count

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ header: Header) {
      self.bytes = bytes
      importID = header.importID
      stringRanges = header.stringRanges
      strings = [String?](repeating: nil, count: header.stringRanges.count)
      directory = header.directory
      positions = .allocate(capacity: Decoder.columnCount * 2)
      positions.initialize(repeating: 0, count: Decoder.columnCount * 2)
      for (c, range) in header.columns.enumerated() {
        positions[c] = range.lowerBound
        positions[Decoder.columnCount + c] = range.upperBound
      }
    }

    func release() { positions.deallocate() }

    mutating func s(_ i: Int) throws -> String {
      guard i >= 0, i < stringRanges.count else { throw StoreError.damaged("string index out of range") }
      if let s = strings[i] { return s }
      let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[stringRanges[i]]), as: UTF8.self)
      strings[i] = s
      return s
    }

    @inline(__always) func byte(_ c: Column) throws -> UInt8 {
      let at = positions[c.rawValue]
      guard at < positions[Decoder.columnCount + c.rawValue] else { throw StoreError.damaged("chunk ends early") }
      positions[c.rawValue] = at + 1
      return bytes[at]
    }
    @inline(__always) func varint(_ c: Column) throws -> UInt64 {
      var at = positions[c.rawValue]
      let end = positions[Decoder.columnCount + c.rawValue]
      var v: UInt64 = 0
      var shift: UInt64 = 0
      while true {
        guard at < end else { throw StoreError.damaged("chunk ends early") }
        let b = bytes[at]
        at += 1
        v |= UInt64(b & 0x7f) << shift
        if b < 0x80 { break }
        shift += 7
        guard shift < 64 else { throw StoreError.damaged("bad varint in chunk") }
      }
      positions[c.rawValue] = at
      return v
    }
    func int(_ c: Column) throws -> Int { Int(truncatingIfNeeded: try varint(c)) }
    func zigzag(_ c: Column) throws -> Int64 {
      let u = try varint(c)
      return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }
    /// `n` bytes of a column (UUIDs, status JSON).
    func take(_ n: Int, _ c: Column) throws -> UnsafeBufferPointer<UInt8> {
      let at = positions[c.rawValue]
      guard n >= 0, at + n <= positions[Decoder.columnCount + c.rawValue] else { throw StoreError.damaged("chunk ends early") }
      positions[c.rawValue] = at + n
      return UnsafeBufferPointer(rebasing: bytes[at..<(at + n)])
    }
    mutating func string(_ c: Column, build: Bool) throws -> String {
      let i = try int(c)
      return build ? try s(i) : ""
    }
    mutating func optional(_ c: Column, build: Bool) throws -> String? {
      let i = try int(c)
      return i == 0 ? nil : build ? try s(i - 1) : ""
    }
    mutating func uid(_ c: Column, shift: Int, build: Bool) throws -> String? {
      let i = try int(c)
      if i == 0 { return nil }
      if i == shift - 1 {
        let raw = try take(16, .uuid)
        return build ? UUIDBytes.unpack(raw) : ""
      }
      return build ? try s(i - shift) : ""
    }

    var previousObserved: Int64 = 0
    var previousLine = 0
    var previousObjectVersion: Int64 = 0
    var previousEventVersion: Int64 = 0

    mutating func groups(wanted: ((ObjectRef) -> Bool)?) throws -> [ChunkGroup] {
      var out: [ChunkGroup] = []
      for entry in directory {
        let base = ObjectRef(kind: try s(entry.kind), namespace: try s(entry.namespace), name: try s(entry.name), uid: nil)
        let build = wanted?(base) ?? true
        var facts: [Fact] = []
        if build { facts.reserveCapacity(entry.count) }
        var uid: String?
        for _ in 0..<entry.count {
          let u = try int(.objectUID)
          switch u {
          case 0: uid = nil
          case 1: break
          case 2:
            let raw = try take(16, .uuid)
            uid = build ? UUIDBytes.unpack(raw) : nil
          default: uid = build ? try s(u - 3) : nil
          }
          var object = base
          object.uid = uid
          let tag = try byte(.tag)
          let observed = previousObserved &+ (try zigzag(.observed))
          previousObserved = observed
          let clock: Clock = try byte(.clock) == 0 ? .absolute : .relative
          let uncertainty = Duration(micros: try zigzag(.clock))
          let importDelta = try zigzag(.provenance)
          let source = try string(.provenance, build: build)
          let format = try string(.provenance, build: build)
          let firstLine = previousLine + Int(try zigzag(.provenance))
          previousLine = firstLine
          let lastLine = firstLine + (try int(.provenance))
          let provenance = Provenance(importID: importID &+ importDelta, source: source, firstLine: firstLine,
                                      lastLine: lastLine, format: format)
          switch tag {
          case 1 where !build:
            try skipEvent()
          case 1:
            facts.append(Fact(object: object, observed: Instant(micros: observed), clock: clock, uncertainty: uncertainty,
                              body: .event(try event(object: object, observed: observed)), provenance: provenance))
          case 2:
            let len = try int(.status)
            let json = try take(len, .status)
            if build { facts.append(try FactCoding.decoder.decode(Fact.self, from: Data(buffer: json))) }
          default:
            throw StoreError.damaged("unknown fact tag in chunk")
          }
        }
        if build { out.append(ChunkGroup(facts: facts)) }
      }
      return out
    }

    /// Steps over one Event fact's values without building anything (a group nobody asked for);
    /// it reads exactly what `event` reads.
    mutating func skipEvent() throws {
      for c in [Column.reason, .message, .count, .type, .container, .fieldPath, .component, .host] { _ = try varint(c) }
      if try int(.name) == 1 { _ = try varint(.nameSuffix) }
      if try int(.eventUID) == 1 { _ = try take(16, .uuid) }
      for c in [Column.action, .reportingController, .reportingInstance, .apiVersion] { _ = try varint(c) }
      if try int(.extra) == 1 {
        _ = try varint(.extraStrings); _ = try varint(.extraStrings)
        previousObjectVersion = previousObjectVersion &+ (try zigzag(.objectVersion))
        previousEventVersion = previousEventVersion &+ (try zigzag(.eventVersion))
        _ = try varint(.extraCreated)
      }
      _ = try varint(.containerKind)
      let flags = try byte(.flags)
      for bit in [UInt8(1), 2, 4, 8] where flags & bit != 0 { _ = try varint(.times) }
      if flags & 16 != 0 { _ = try varint(.seriesCount) }
    }

    /// Builds one Event fact's record (`skipEvent` steps over one).
    mutating func event(object: ObjectRef, observed: Int64) throws -> EventRecord {
      var ev = EventRecord(reason: try string(.reason, build: true), message: try string(.message, build: true))
      ev.count = try int(.count)
      ev.type = try optional(.type, build: true)
      ev.container = try optional(.container, build: true)
      ev.fieldPath = try optional(.fieldPath, build: true)
      ev.component = try optional(.component, build: true)
      ev.host = try optional(.host, build: true)
      // (Columns are independent streams: the instants are read first, the name needs `first`.)
      let kind = try int(.containerKind)
      ev.containerKind = kind == 0 ? nil : ContainerKind.allCases[min(kind - 1, ContainerKind.allCases.count - 1)]
      let flags = try byte(.flags)
      if flags & 1 != 0 { ev.first = Instant(micros: observed &+ (try zigzag(.times))) }
      if flags & 2 != 0 { ev.last = Instant(micros: observed &+ (try zigzag(.times))) }
      if flags & 4 != 0 { ev.eventTime = Instant(micros: observed &+ (try zigzag(.times))) }
      if flags & 8 != 0 { ev.seriesLast = Instant(micros: observed &+ (try zigzag(.times))) }
      if flags & 16 != 0 { ev.seriesCount = try int(.seriesCount) }
      switch try int(.name) {
      case 0: ev.name = nil
      case 1:
        let suffix = UInt64(bitPattern: (try zigzag(.nameSuffix)) &+ (ev.first?.micros ?? observed) &* 1000)
        ev.name = FieldTemplates.eventName(objectName: object.name, suffix: suffix)
      case let i: ev.name = try s(i - 2)
      }
      ev.uid = try uid(.eventUID, shift: 2, build: true)
      ev.action = try optional(.action, build: true)
      ev.reportingController = try optional(.reportingController, build: true)
      ev.reportingInstance = try optional(.reportingInstance, build: true)
      ev.apiVersion = try optional(.apiVersion, build: true)
      switch try int(.extra) {
      case 0: ev.extra = nil
      case 1:
        let api = try string(.extraStrings, build: true)
        let ns = try string(.extraStrings, build: true)
        previousObjectVersion = previousObjectVersion &+ (try zigzag(.objectVersion))
        previousEventVersion = previousEventVersion &+ (try zigzag(.eventVersion))
        let created = (try zigzag(.extraCreated)) &+ FactCodec.floorSeconds(observed)
        ev.extra = FieldTemplates.join(.init(apiVersion: api, objectVersion: UInt64(bitPattern: previousObjectVersion),
                                             created: created, namespace: ns,
                                             eventVersion: UInt64(bitPattern: previousEventVersion)))
      case let i: ev.extra = try s(i - 2)
      }
      return ev
    }
  }
}

/// A UUID in its usual lowercase text form (8-4-4-4-12 hex digits) as 16 bytes and back; any
/// other text is not packed, so unpacking always gives back the same string.
enum UUIDBytes {
  static func pack(_ s: String) -> [UInt8]? {
    let u = s.utf8
    guard u.count == 36 else { return nil }
    var out = [UInt8]()
    out.reserveCapacity(16)
    var high: UInt8 = 0
    var half = false
    var i = 0
    for c in u {
      if i == 8 || i == 13 || i == 18 || i == 23 {
        guard c == UInt8(ascii: "-") else { return nil }
      } else {
        let v: UInt8
        switch c {
        case 0x30...0x39: v = c - 0x30
        case 0x61...0x66: v = c - 0x61 + 10
        default: return nil
        }
        if half { out.append(high << 4 | v) } else { high = v }
        half.toggle()
      }
      i += 1
    }
    return out
  }

  static func unpack(_ b: some Collection<UInt8>) -> String {
    let hex = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(36)
    for (i, byte) in b.enumerated() {
      if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
      out.append(hex[Int(byte >> 4)])
      out.append(hex[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
