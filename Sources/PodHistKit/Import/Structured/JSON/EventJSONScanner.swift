import Foundation

/// Reads one kubectl Event object straight from JSON bytes into what `EventObject.fact` makes of
/// the same object after `JSONStreamParser` has built its tree: the same record (`extra` byte for
/// byte), object reference and observation instant, without the tree and with a String only for
/// each value kept.
///
/// It reads a bare Event (`"kind": "Event"`, core/v1 or events.k8s.io/v1) or a watch wrapper
/// (`{"type": "ADDED", "object": {...}}`) around one. Anything else, and anything it is not sure
/// reads the same way as the tree (another kind, a List, duplicated or escaped member names,
/// numbers other than plain integers, control characters inside strings, deep nesting, a syntax
/// error), makes it give up, so the caller parses that object the general way: it never reports
/// an error itself, and the error the caller then reports is the one it always did.
///
/// A value type, kept by the parser between objects so its scratch space is reused (and free of
/// the runtime exclusivity checks a class's properties would cost in the byte loops).
struct EventJSONScanner {
  /// An Event read from bytes: the fact `EventObject.fact` makes of it, less the provenance.
  struct Event: Sendable {
    var record: EventRecord
    var ref: ObjectRef
    /// When the Event was observed (last, first, eventTime or creationTimestamp); nil when it
    /// carries no time at all (the import's `--observed-at` applies then, as in the tree path).
    var observed: Instant?
    /// The first time text of the Event that is not a time (a 30 February), for the import's warning.
    var unreadableTime: String?
  }

  /// What one scan gives.
  enum Outcome {
    /// An Event ending just before `end`, with `newlines` line breaks between its braces.
    case event(Event, end: Int, newlines: Int)
    /// The bytes end before the object does.
    case needMore
    /// Not an object this scanner reads the same way as the tree path.
    case unsure
  }

  /// Why a scan stopped early.
  enum Stop: Error { case needMore, unsure }

  /// The contents of a string, between its quotes.
  struct Str {
    var start: Int
    var end: Int
    /// Whether it holds a backslash escape.
    var escaped: Bool
    /// Whether it holds bytes of 0x80 and above (UTF-8 to check, as the tree path does).
    var high: Bool
    var isEmpty: Bool { start == end }
  }

  /// A member kept for `extra`: the name's bytes and where its value starts. `nested` marks the
  /// three objects whose unmapped members are written instead of the value itself.
  struct Member {
    var keyStart: Int
    var keyEnd: Int
    var valueStart: Int
    var nested: Nested
    /// Where the value ends, and whether its bytes are already what `extra` holds (a string
    /// without escapes or non-ASCII bytes, a literal), so they are copied as they are.
    var valueEnd = 0
    var plain = false
  }
  enum Nested { case no, involvedObject, regarding, metadata }

  /// The members of `involvedObject` / `regarding` that `EventObject` reads.
  struct Reference {
    var kind: Str?, namespace: Str?, name: Str?, uid: Str?, fieldPath: Str?
  }

  /// The members of `source` / `deprecatedSource`.
  struct Source {
    var component: Str?, host: Str?
  }

  /// Everything `EventObject.fact` reads, as spans of the input.
  struct Fields {
    var apiVersion: Str?, reason: Str?, message: Str?, note: Str?, type: Str?
    var firstTimestamp: Str?, lastTimestamp: Str?, deprecatedFirstTimestamp: Str?, deprecatedLastTimestamp: Str?
    var eventTime: Str?, action: Str?, reportingComponent: Str?, reportingController: Str?, reportingInstance: Str?
    var count: Int64?, deprecatedCount: Int64?
    var source: Source?, deprecatedSource: Source?
    var seriesPresent = false, seriesCount: Int64?, seriesLast: Str?
    var involvedObject: Reference?, regarding: Reference?
    var metadataName: Str?, metadataUID: Str?, creationTimestamp: Str?
    /// `"kind": "Event"` was seen.
    var isEvent = false
  }

  /// Marks a member as seen; a second one makes the scan give up (the tree keeps the last).
  @inline(__always)
  private static func once(_ seen: inout UInt32, _ bit: UInt32) throws {
    guard seen & bit == 0 else { throw Stop.unsure }
    seen |= bit
  }

  /// Deeper values make it give up (the tree path allows 512 levels).
  static let maxDepth = 64

  private var top: [Member] = []
  private var involvedRest: [Member] = []
  private var regardingRest: [Member] = []
  private var metadataRest: [Member] = []
  private var out: [UInt8] = []
  /// The first time text of the Event being built that could not be read.
  private var unreadableTime: String?
  private var scratch: [UInt8] = []
  /// Strings seen again and again (kinds, namespaces, pod names, hosts, components, reasons),
  /// by a hash of their bytes, so that equal values share one String instead of each being
  /// validated and allocated again. A slot holds the last string that hashed to it.
  private var shared = [String](repeating: "", count: 1024)

  init() {
    top.reserveCapacity(32); involvedRest.reserveCapacity(16); regardingRest.reserveCapacity(16)
    metadataRest.reserveCapacity(16); out.reserveCapacity(1024); scratch.reserveCapacity(256)
  }

  /// Reads the object starting at `start` (a `{`) in `bytes`.
  mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Outcome {
    guard let base = bytes.baseAddress, start < bytes.count else { return .needMore }
    var c = JSONByteCursor(p: base, n: bytes.count, i: start)
    do {
      if try isWatchWrapper(c) {
        // A watch event, or an Event whose members start with `type`.
        var wrapped = c
        do {
          let event = try watchEvent(&wrapped)
          return .event(event, end: wrapped.i, newlines: wrapped.newlines)
        } catch Stop.unsure {}
      }
      let event = try self.event(&c)
      return .event(event, end: c.i, newlines: c.newlines)
    } catch Stop.needMore {
      return .needMore
    } catch {
      return .unsure
    }
  }

  // MARK: objects

  /// Whether the object's first member is a watch event's `type` or `object`.
  private func isWatchWrapper(_ start: JSONByteCursor) throws -> Bool {
    var c = start
    c.i += 1
    guard try c.peek() == JSONByte.quote else { return false }
    let (s, e) = try c.key()
    return c.matches(s, e, "type") || c.matches(s, e, "object")
  }

  /// `{"type": "ADDED" | "MODIFIED" | "DELETED", "object": {an Event}}` and nothing else.
  private mutating func watchEvent(_ c: inout JSONByteCursor) throws -> Event {
    c.i += 1
    var type: Str?
    var inner: Event?
    while true {
      let (s, e) = try c.key()
      try c.colon()
      if c.matches(s, e, "type") {
        guard type == nil, try c.peek() == JSONByte.quote else { throw Stop.unsure }
        let t = try c.string()
        guard !t.escaped, c.matches(t.start, t.end, "ADDED") || c.matches(t.start, t.end, "MODIFIED")
          || c.matches(t.start, t.end, "DELETED") else { throw Stop.unsure }
        type = t
      } else if c.matches(s, e, "object") {
        guard inner == nil, try c.peek() == JSONByte.open else { throw Stop.unsure }
        inner = try event(&c)
      } else {
        throw Stop.unsure
      }
      if try c.separator(close: JSONByte.close) { break }
    }
    guard type != nil, let inner else { throw Stop.unsure }
    return inner
  }

  /// An Event object, at its `{`.
  private mutating func event(_ c: inout JSONByteCursor) throws -> Event {
    c.i += 1
    top.removeAll(keepingCapacity: true)
    involvedRest.removeAll(keepingCapacity: true)
    regardingRest.removeAll(keepingCapacity: true)
    metadataRest.removeAll(keepingCapacity: true)
    var f = Fields()
    var seen: UInt32 = 0
    guard try c.peek() != JSONByte.close else { throw Stop.unsure }
    while true {
      let (ks, ke) = try c.key()
      try c.colon()
      let len = ke - ks
      let k0 = c.p[ks]
      switch (len, k0) {
      case (10, UInt8(ascii: "a")) where c.matches(ks, ke, "apiVersion"):
        try Self.once(&seen, 1 << 0); f.apiVersion = try c.text()
      case (4, UInt8(ascii: "k")) where c.matches(ks, ke, "kind"):
        try Self.once(&seen, 1 << 1)
        guard try c.peek() == JSONByte.quote else { throw Stop.unsure }
        let k = try c.string()
        guard !k.escaped, c.matches(k.start, k.end, "Event") else { throw Stop.unsure }
        f.isEvent = true
      case (6, UInt8(ascii: "r")) where c.matches(ks, ke, "reason"):
        try Self.once(&seen, 1 << 2); f.reason = try c.text()
      case (7, UInt8(ascii: "m")) where c.matches(ks, ke, "message"):
        try Self.once(&seen, 1 << 3); f.message = try c.text()
      case (4, UInt8(ascii: "n")) where c.matches(ks, ke, "note"):
        try Self.once(&seen, 1 << 4); f.note = try c.text()
      case (4, UInt8(ascii: "t")) where c.matches(ks, ke, "type"):
        try Self.once(&seen, 1 << 5); f.type = try c.text()
      case (6, UInt8(ascii: "s")) where c.matches(ks, ke, "source"):
        try Self.once(&seen, 1 << 6); f.source = try source(&c)
      case (16, UInt8(ascii: "d")) where c.matches(ks, ke, "deprecatedSource"):
        try Self.once(&seen, 1 << 7); f.deprecatedSource = try source(&c)
      case (14, UInt8(ascii: "f")) where c.matches(ks, ke, "firstTimestamp"):
        try Self.once(&seen, 1 << 8); f.firstTimestamp = try c.text()
      case (13, UInt8(ascii: "l")) where c.matches(ks, ke, "lastTimestamp"):
        try Self.once(&seen, 1 << 9); f.lastTimestamp = try c.text()
      case (24, UInt8(ascii: "d")) where c.matches(ks, ke, "deprecatedFirstTimestamp"):
        try Self.once(&seen, 1 << 10); f.deprecatedFirstTimestamp = try c.text()
      case (23, UInt8(ascii: "d")) where c.matches(ks, ke, "deprecatedLastTimestamp"):
        try Self.once(&seen, 1 << 11); f.deprecatedLastTimestamp = try c.text()
      case (5, UInt8(ascii: "c")) where c.matches(ks, ke, "count"):
        try Self.once(&seen, 1 << 12); f.count = try c.integerOrNull()
      case (15, UInt8(ascii: "d")) where c.matches(ks, ke, "deprecatedCount"):
        try Self.once(&seen, 1 << 13); f.deprecatedCount = try c.integerOrNull()
      case (9, UInt8(ascii: "e")) where c.matches(ks, ke, "eventTime"):
        try Self.once(&seen, 1 << 14); f.eventTime = try c.text()
      case (6, UInt8(ascii: "s")) where c.matches(ks, ke, "series"):
        try Self.once(&seen, 1 << 15); try series(&c, into: &f)
      case (6, UInt8(ascii: "a")) where c.matches(ks, ke, "action"):
        try Self.once(&seen, 1 << 16); f.action = try c.text()
      case (18, UInt8(ascii: "r")) where c.matches(ks, ke, "reportingComponent"):
        try Self.once(&seen, 1 << 17); f.reportingComponent = try c.text()
      case (19, UInt8(ascii: "r")) where c.matches(ks, ke, "reportingController"):
        try Self.once(&seen, 1 << 18); f.reportingController = try c.text()
      case (17, UInt8(ascii: "r")) where c.matches(ks, ke, "reportingInstance"):
        try Self.once(&seen, 1 << 19); f.reportingInstance = try c.text()
      case (14, UInt8(ascii: "i")) where c.matches(ks, ke, "involvedObject"):
        try Self.once(&seen, 1 << 20)
        f.involvedObject = try Self.reference(&c, rest: &involvedRest)
        if !involvedRest.isEmpty { top.append(Member(keyStart: ks, keyEnd: ke, valueStart: 0, nested: .involvedObject)) }
      case (9, UInt8(ascii: "r")) where c.matches(ks, ke, "regarding"):
        try Self.once(&seen, 1 << 21)
        f.regarding = try Self.reference(&c, rest: &regardingRest)
        if !regardingRest.isEmpty { top.append(Member(keyStart: ks, keyEnd: ke, valueStart: 0, nested: .regarding)) }
      case (8, UInt8(ascii: "m")) where c.matches(ks, ke, "metadata"):
        try Self.once(&seen, 1 << 22)
        try metadata(&c, into: &f)
        if !metadataRest.isEmpty { top.append(Member(keyStart: ks, keyEnd: ke, valueStart: 0, nested: .metadata)) }
      case (9, UInt8(ascii: "t")) where c.matches(ks, ke, "timestamp"),
           (17, UInt8(ascii: "c")) where c.matches(ks, ke, "creationTimestamp"):
        // A v1beta1 Event (2014): its times are read by the tree path.
        throw Stop.unsure
      case (5, UInt8(ascii: "i")) where c.matches(ks, ke, "items"):
        // The stream parser hands over a top-level object's items one by one.
        throw Stop.unsure
      default:
        top.append(try c.member(ks, ke, depth: 1))
      }
      if try c.separator(close: JSONByte.close) { break }
    }
    guard f.isEvent else { throw Stop.unsure }
    return try build(f, &c)
  }

  /// `involvedObject` or `regarding`: an object (anything else is left to the tree path).
  private static func reference(_ c: inout JSONByteCursor, rest: inout [Member]) throws -> Reference {
    guard try c.peek() == JSONByte.open else { throw Stop.unsure }
    c.i += 1
    var r = Reference()
    var seen: UInt32 = 0
    if try c.peek() == JSONByte.close { c.i += 1; return r }
    while true {
      let (ks, ke) = try c.key()
      try c.colon()
      if c.matches(ks, ke, "kind") {
        try Self.once(&seen, 1); r.kind = try c.text()
      } else if c.matches(ks, ke, "namespace") {
        try Self.once(&seen, 2); r.namespace = try c.text()
      } else if c.matches(ks, ke, "name") {
        try Self.once(&seen, 4); r.name = try c.text()
      } else if c.matches(ks, ke, "uid") {
        try Self.once(&seen, 8); r.uid = try c.text()
      } else if c.matches(ks, ke, "fieldPath") {
        try Self.once(&seen, 16); r.fieldPath = try c.text()
      } else {
        rest.append(try c.member(ks, ke, depth: 2))
      }
      if try c.separator(close: JSONByte.close) { return r }
    }
  }

  /// `metadata`: name and uid are read, managedFields dropped, the rest kept for `extra`.
  private mutating func metadata(_ c: inout JSONByteCursor, into f: inout Fields) throws {
    guard try c.peek() == JSONByte.open else { throw Stop.unsure }
    c.i += 1
    var seen: UInt32 = 0
    if try c.peek() == JSONByte.close { c.i += 1; return }
    while true {
      let (ks, ke) = try c.key()
      try c.colon()
      if c.matches(ks, ke, "name") {
        try Self.once(&seen, 1); f.metadataName = try c.text()
      } else if c.matches(ks, ke, "uid") {
        try Self.once(&seen, 2); f.metadataUID = try c.text()
      } else if c.matches(ks, ke, "managedFields") {
        try Self.once(&seen, 4); try c.skipValue(depth: 2)
      } else {
        let member = try c.member(ks, ke, depth: 2)
        if c.matches(ks, ke, "creationTimestamp") {
          try Self.once(&seen, 8)
          if c.p[member.valueStart] == JSONByte.quote {
            let s = member.valueStart + 1, e = member.valueEnd - 1
            f.creationTimestamp = Str(start: s, end: e, escaped: !member.plain, high: !member.plain)
          }
        }
        metadataRest.append(member)
      }
      if try c.separator(close: JSONByte.close) { return }
    }
  }

  /// `source` / `deprecatedSource`: an object or null.
  private mutating func source(_ c: inout JSONByteCursor) throws -> Source? {
    let first = try c.peek()
    if first == UInt8(ascii: "n") { try c.literal(); return nil }
    guard first == JSONByte.open else { throw Stop.unsure }
    c.i += 1
    var s = Source()
    var seen: UInt32 = 0
    if try c.peek() == JSONByte.close { c.i += 1; return s }
    while true {
      let (ks, ke) = try c.key()
      try c.colon()
      if c.matches(ks, ke, "component") {
        try Self.once(&seen, 1); s.component = try c.text()
      } else if c.matches(ks, ke, "host") {
        try Self.once(&seen, 2); s.host = try c.text()
      } else {
        try c.skipValue(depth: 2)
      }
      if try c.separator(close: JSONByte.close) { return s }
    }
  }

  /// `series`: an object or null.
  private mutating func series(_ c: inout JSONByteCursor, into f: inout Fields) throws {
    let first = try c.peek()
    if first == UInt8(ascii: "n") { try c.literal(); return }
    guard first == JSONByte.open else { throw Stop.unsure }
    c.i += 1
    f.seriesPresent = true
    var seen: UInt32 = 0
    if try c.peek() == JSONByte.close { c.i += 1; return }
    while true {
      let (ks, ke) = try c.key()
      try c.colon()
      if c.matches(ks, ke, "count") {
        try Self.once(&seen, 1); f.seriesCount = try c.integerOrNull()
      } else if c.matches(ks, ke, "lastObservedTime") {
        try Self.once(&seen, 2); f.seriesLast = try c.text()
      } else {
        try c.skipValue(depth: 2)
      }
      if try c.separator(close: JSONByte.close) { return }
    }
  }

  // MARK: the record

  /// `EventObject.fact`, field by field, on the spans.
  private mutating func build(_ f: Fields, _ c: inout JSONByteCursor) throws -> Event {
    unreadableTime = nil
    let about = f.involvedObject ?? f.regarding ?? Reference()
    let source = f.source ?? f.deprecatedSource
    let fieldPath = try text(about.fieldPath, c, intern: true)
    let container = containerOf(about.fieldPath, fieldPath, c)
    var record = EventRecord(reason: try text(f.reason, c, intern: true) ?? "",
                             message: try text(f.message, c) ?? text(f.note, c) ?? "")
    record.type = try text(f.type, c, intern: true)
    record.fieldPath = fieldPath
    if let container {
      record.container = container.name
      record.containerKind = container.kind
    }
    let reportingController = try text(f.reportingComponent, c, intern: true) ?? text(f.reportingController, c, intern: true)
    let reportingInstance = try text(f.reportingInstance, c, intern: true)
    record.component = try text(source?.component, c, intern: true) ?? reportingController
    record.host = try text(source?.host, c, intern: true) ?? reportingInstance
    let eventTime = try instant(f.eventTime, c)
    let first = try instant(f.firstTimestamp, c) ?? instant(f.deprecatedFirstTimestamp, c) ?? eventTime
    let seriesLast = f.seriesPresent ? try instant(f.seriesLast, c) : nil
    let seriesCount = f.seriesPresent ? InputBounds.int(f.seriesCount.map { Int($0) }, in: InputBounds.eventCount) : nil
    record.first = first
    record.last = try seriesLast ?? instant(f.lastTimestamp, c) ?? instant(f.deprecatedLastTimestamp, c) ?? first
    record.count = max(1, seriesCount ?? InputBounds.int(f.count.map { Int($0) }, in: InputBounds.eventCount)
      ?? InputBounds.int(f.deprecatedCount.map { Int($0) }, in: InputBounds.eventCount) ?? 1)
    record.eventTime = eventTime
    record.seriesCount = seriesCount
    record.seriesLast = seriesLast
    record.name = try text(f.metadataName, c)
    record.uid = try text(f.metadataUID, c)
    record.action = try text(f.action, c, intern: true)
    record.reportingController = reportingController
    record.reportingInstance = reportingInstance
    record.apiVersion = try text(f.apiVersion, c, intern: true)
    record.extra = try extra(c)
    let observed = try record.last ?? record.first ?? eventTime ?? instant(f.creationTimestamp, c)
    let ref = ObjectRef(kind: try text(about.kind, c, intern: true) ?? "Pod",
                        namespace: try text(about.namespace, c, intern: true) ?? "default",
                        name: try text(about.name, c, intern: true) ?? "unknown",
                        uid: try text(about.uid, c, intern: true))
    return Event(record: record, ref: ref, observed: observed, unreadableTime: unreadableTime)
  }

  /// `EventObject.container(fromFieldPath:)`, read from the bytes of a plain ASCII fieldPath.
  private func containerOf(_ s: Str?, _ path: String?, _ c: JSONByteCursor) -> (name: String, kind: ContainerKind)? {
    guard let s, let path else { return nil }
    guard !s.escaped, !s.high else { return EventObject.container(fromFieldPath: path) }
    var open = -1, close = -1
    for k in s.start..<s.end {
      let b = c.p[k]
      if b == JSONByte.open && open < 0 { open = k }
      if b == JSONByte.close { close = k }
    }
    guard open >= 0, open < close, close - open > 1 else { return nil }
    func headEnds(_ suffix: StaticString) -> Bool {
      let n = suffix.utf8CodeUnitCount
      return open - s.start >= n && memcmp(c.p + open - n, suffix.utf8Start, n) == 0
    }
    let kind: ContainerKind = headEnds("initContainers") ? .`init` : headEnds("ephemeralContainers") ? .ephemeral : .regular
    return (String(decoding: UnsafeBufferPointer(start: c.p + open + 1, count: close - open - 1), as: UTF8.self), kind)
  }

  /// `StructuredValue.text` of a string member: nil when absent, null or empty.
  private mutating func text(_ s: Str?, _ c: JSONByteCursor, intern: Bool = false) throws -> String? {
    guard let s, !s.isEmpty else { return nil }
    if intern, !s.escaped, !s.high, s.end - s.start <= 64 { return sharedString(s, c) }
    return try decode(s, c)
  }

  /// `StructuredValue.instant` of a string member.
  private mutating func instant(_ s: Str?, _ c: JSONByteCursor) throws -> Instant? {
    guard let s, !s.isEmpty else { return nil }
    if !s.escaped && !s.high,
       let t = StructuredValue.fastUTCInstant(UnsafeBufferPointer(start: c.p + s.start, count: s.end - s.start)) {
      return t
    }
    let text = try decode(s, c)
    let t = StructuredValue.string(text).instant
    if t == nil && unreadableTime == nil && CalendarDateCheck.looksLikeDate(text) { unreadableTime = text }
    return t
  }

  /// A short ASCII string (no escapes), shared with an earlier equal one when its slot holds it.
  private mutating func sharedString(_ s: Str, _ c: JSONByteCursor) -> String {
    let start = c.p + s.start
    let n = s.end - s.start
    // Hash the length and up to 24 bytes (the first, middle and last eight).
    var h = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
    if n >= 8 {
      let raw = UnsafeRawPointer(start)
      h ^= raw.loadUnaligned(as: UInt64.self)
      h = (h &* 0xFF51_AFD7_ED55_8CCD) ^ raw.loadUnaligned(fromByteOffset: (n - 8) / 2, as: UInt64.self)
      h = (h &* 0xC4CE_B9FE_1A85_EC53) ^ raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    } else {
      for k in 0..<n { h = (h << 8) | UInt64(start[k]) }
    }
    h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
    let slot = Int(truncatingIfNeeded: h >> 54)
    var known = shared[slot]
    let same = known.withUTF8 { k in
      guard let kb = k.baseAddress, k.count == n else { return false }
      return memcmp(kb, start, n) == 0
    }
    if same { return known }
    let fresh = String(decoding: UnsafeBufferPointer(start: start, count: n), as: UTF8.self)
    shared[slot] = fresh
    return fresh
  }

  /// The string's value, decoded as `JSONStreamParser.parseString` does: escapes resolved
  /// (surrogate pairs joined, a lone surrogate as U+FFFD) and the bytes read as UTF-8 with
  /// invalid sequences replaced.
  private mutating func decode(_ s: Str, _ c: JSONByteCursor) throws -> String {
    if !s.escaped {
      return String(decoding: UnsafeBufferPointer(start: c.p + s.start, count: s.end - s.start), as: UTF8.self)
    }
    scratch.removeAll(keepingCapacity: true)
    let p = c.p
    var k = s.start
    while k < s.end {
      let b = p[k]
      guard b == JSONByte.backslash else { scratch.append(b); k += 1; continue }
      let e = p[k + 1]
      k += 2
      switch e {
      case UInt8(ascii: "u"):
        var scalar = JSONByteCursor.hex4(p + k)
        k += 4
        if (0xD800..<0xDC00).contains(scalar), k < s.end, p[k] == JSONByte.backslash {
          guard k + 1 < s.end, p[k + 1] == UInt8(ascii: "u") else { throw Stop.unsure }
          let low = JSONByteCursor.hex4(p + k + 2)
          guard (0xDC00...0xDFFF).contains(low) else { throw Stop.unsure }
          k += 6
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        UTF8.encode(u) { scratch.append($0) }
      default: scratch.append(JSONByte.unescaped(e) ?? e)  // the escape was checked when the string was scanned
      }
    }
    return String(decoding: scratch, as: UTF8.self)
  }

  // MARK: extra

  /// `EventObject.extra`: the unmapped members as compact JSON with sorted keys.
  private mutating func extra(_ c: JSONByteCursor) throws -> String? {
    guard !top.isEmpty else { return nil }
    out.removeAll(keepingCapacity: true)
    var c = c
    try writeMembers(top, &c)
    return String(decoding: out, as: UTF8.self)
  }

  /// `{"k":v,...}` in key order; duplicated keys make it give up (the tree keeps the last).
  /// Values that are not copied as they are are written at `depth`.
  private mutating func writeMembers(_ members: [Member], _ c: inout JSONByteCursor, depth: Int = 1) throws {
    var order = members
    if !Self.sortedDistinct(members, c) {
      order.sort { Self.less($0, $1, c) }
      for i in order.indices.dropFirst() where !Self.less(order[i - 1], order[i], c) { throw Stop.unsure }
    }
    out.append(JSONByte.open)
    for (i, m) in order.enumerated() {
      if i > 0 { out.append(JSONByte.comma) }
      out.append(JSONByte.quote)
      out.append(contentsOf: UnsafeBufferPointer(start: c.p + m.keyStart, count: m.keyEnd - m.keyStart))
      out.append(JSONByte.quote)
      out.append(JSONByte.colon)
      switch m.nested {
      case .no where m.plain:
        out.append(contentsOf: UnsafeBufferPointer(start: c.p + m.valueStart, count: m.valueEnd - m.valueStart))
      case .no:
        c.i = m.valueStart
        try writeValue(&c, depth: depth)
      case .involvedObject: try writeMembers(involvedRest, &c, depth: depth)
      case .regarding: try writeMembers(regardingRest, &c, depth: depth)
      case .metadata: try writeMembers(metadataRest, &c, depth: depth)
      }
    }
    out.append(JSONByte.close)
  }

  private static func less(_ a: Member, _ b: Member, _ c: JSONByteCursor) -> Bool {
    let la = a.keyEnd - a.keyStart, lb = b.keyEnd - b.keyStart
    let r = memcmp(c.p + a.keyStart, c.p + b.keyStart, min(la, lb))
    return r < 0 || (r == 0 && la < lb)
  }

  private static func sortedDistinct(_ members: [Member], _ c: JSONByteCursor) -> Bool {
    for i in members.indices.dropFirst() where !less(members[i - 1], members[i], c) { return false }
    return true
  }

  /// `StructuredValue.writeJSON` of the value at the cursor.
  private mutating func writeValue(_ c: inout JSONByteCursor, depth: Int) throws {
    guard depth < Self.maxDepth else { throw Stop.unsure }
    let first = try c.peek()
    switch first {
    case JSONByte.quote:
      let s = try c.string()
      if !s.escaped && !s.high {
        out.append(JSONByte.quote)
        out.append(contentsOf: UnsafeBufferPointer(start: c.p + s.start, count: s.end - s.start))
        out.append(JSONByte.quote)
      } else {
        StructuredValue.writeJSONString(try decode(s, c), into: &out)
      }
    case JSONByte.open:
      c.i += 1
      var members: [Member] = []
      if try c.peek() == JSONByte.close {
        c.i += 1
      } else {
        while true {
          let (ks, ke) = try c.key()
          try c.colon()
          _ = try c.peek()
          members.append(Member(keyStart: ks, keyEnd: ke, valueStart: c.i, nested: .no))
          try c.skipValue(depth: depth + 1)
          if try c.separator(close: JSONByte.close) { break }
        }
      }
      let end = c.i
      try writeMembers(members, &c, depth: depth + 1)
      c.i = end
    case UInt8(ascii: "["):
      c.i += 1
      out.append(UInt8(ascii: "["))
      if try c.peek() == UInt8(ascii: "]") {
        c.i += 1
      } else {
        var first = true
        while true {
          if !first { out.append(JSONByte.comma) }
          first = false
          try writeValue(&c, depth: depth + 1)
          if try c.separator(close: UInt8(ascii: "]")) { break }
        }
      }
      out.append(UInt8(ascii: "]"))
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
      let start = c.i
      try c.literal()
      out.append(contentsOf: UnsafeBufferPointer(start: c.p + start, count: c.i - start))
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      let v = try c.integer()
      out.append(contentsOf: String(v).utf8)
    default:
      throw Stop.unsure
    }
  }
}
