import Foundation

/// A decoded JSON or YAML value, with the input line where each object member starts, so facts
/// can cite the line of the field they came from.
enum StructuredValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([StructuredValue])
  case object(StructuredObject)

  /// The member `key` of an object; nil for other values or a missing key.
  subscript(_ key: String) -> StructuredValue? {
    if case let .object(o) = self { return o[key] }
    return nil
  }

  var object: StructuredObject? {
    if case let .object(o) = self { return o }
    return nil
  }
  var array: [StructuredValue]? {
    if case let .array(a) = self { return a }
    return nil
  }
  var isNull: Bool { self == .null }

  /// Text of a scalar: strings as they are, numbers and Booleans as written in JSON. Nil for
  /// null, arrays, objects and empty strings.
  var text: String? {
    switch self {
    case let .string(s): return s.isEmpty ? nil : s
    case let .int(i): return String(i)
    case let .double(d): return StructuredValue.format(d)
    case let .bool(b): return b ? "true" : "false"
    default: return nil
    }
  }
  /// An integer value (also from integral doubles and numeric strings).
  var int: Int? {
    switch self {
    case let .int(i): return Int(i)
    case let .double(d) where d == d.rounded() && abs(d) < 1e15: return Int(d)
    case let .string(s): return Int(s.trimmingCharacters(in: .whitespaces))
    default: return nil
    }
  }
  var bool: Bool? {
    switch self {
    case let .bool(b): return b
    case let .string(s): return s == "true" ? true : s == "false" ? false : nil
    default: return nil
    }
  }
  /// An RFC 3339 time (metav1.Time or MicroTime); nil when absent, null or unreadable.
  var instant: Instant? {
    guard case let .string(s) = self, !s.isEmpty else { return nil }
    return StructuredValue.fastUTCInstant(s) ?? Instant.parseRFC3339(StructuredValue.microsecondFraction(s))
  }

  /// The time with its fraction cut to 6 digits (nanosecond fractions such as `.123456789`
  /// are valid RFC 3339 but finer than Instant's microseconds).
  static func microsecondFraction(_ s: String) -> String {
    guard let dot = s.firstIndex(of: ".") else { return s }
    let digits = s[s.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
    guard digits.count > 6 else { return s }
    return String(s[...dot]) + digits.prefix(6) + s[digits.endIndex...]
  }

  /// The API server's own forms, `2026-03-10T14:02:11Z` and `2026-03-10T14:02:11.482913Z`,
  /// read without Foundation (a million Events carry several each); anything else goes to
  /// `Instant.parseRFC3339`.
  static func fastUTCInstant(_ s: String) -> Instant? {
    var s = s
    return s.withUTF8 { fastUTCInstant($0) }
  }

  /// `fastUTCInstant` on the UTF-8 bytes of the text (the Event scanner reads times from its buffer).
  static func fastUTCInstant(_ b: UnsafeBufferPointer<UInt8>) -> Instant? {
    guard b.count >= 20, b[b.count - 1] == UInt8(ascii: "Z"), b[4] == 0x2D, b[7] == 0x2D, b[10] == UInt8(ascii: "T"),
          b[13] == 0x3A, b[16] == 0x3A else { return nil }
    func num(_ from: Int, _ len: Int) -> Int? {
      var v = 0
      for i in from..<(from + len) {
        let c = b[i]
        guard c >= 0x30 && c <= 0x39 else { return nil }
        v = v * 10 + Int(c - 0x30)
      }
      return v
    }
    guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
          let se = num(17, 2), (1...12).contains(mo), (1...daysInMonth(y, mo)).contains(d), h < 24, mi < 60, se < 61 else { return nil }
    var frac: Int64 = 0
    if b.count > 20 {
      guard b[19] == 0x2E, b.count - 21 >= 1, b.count - 21 <= 9 else { return nil }
      var digits = 0
      for i in 20..<(b.count - 1) {
        let c = b[i]
        guard c >= 0x30 && c <= 0x39 else { return nil }
        if digits < 6 { frac = frac * 10 + Int64(c - 0x30) }
        digits += 1
      }
      for _ in min(digits, 6)..<6 { frac *= 10 }
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let yy = mo <= 2 ? y - 1 : y
    let era = (yy >= 0 ? yy : yy - 399) / 400
    let yoe = yy - era * 400
    let doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = Int64(era * 146097 + doe - 719468)
    let secs = days * 86400 + Int64(h * 3600 + mi * 60 + se)
    return Instant(micros: secs * 1_000_000 + frac)
  }

  static func format(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return String(d)
  }

  /// Compact JSON with sorted keys: deterministic, so the same object gives the same text.
  var compactJSON: String {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    writeJSON(into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  func writeJSON(into out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case let .int(i): out.append(contentsOf: String(i).utf8)
    case let .double(d): out += Array((d.isFinite ? StructuredValue.format(d) : "null").utf8)
    case let .string(s): StructuredValue.writeJSONString(s, into: &out)
    case let .array(a):
      out.append(UInt8(ascii: "["))
      for (i, v) in a.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        v.writeJSON(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case let .object(o):
      out.append(UInt8(ascii: "{"))
      for (i, m) in (o.isSortedASCII ? o.members : o.sortedMembers).enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        StructuredValue.writeJSONString(m.key, into: &out)
        out.append(UInt8(ascii: ":"))
        m.value.writeJSON(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  static func writeJSONString(_ s: String, into out: inout [UInt8]) {
    out.append(0x22)
    // Most strings need no escape: copy them at once.
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
      out.append(contentsOf: s.utf8)
      out.append(0x22)
      return
    }
    for c in s.utf8 {
      switch c {
      case 0x22: out.append(0x5C); out.append(0x22)
      case 0x5C: out.append(0x5C); out.append(0x5C)
      case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
      case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
      case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
      case 0..<0x20: out += Array(String(format: "\\u%04x", c).utf8)
      default: out.append(c)
      }
    }
    out.append(0x22)
  }
}

/// A JSON/YAML mapping: its members in input order, with the line each member's key is on.
///
/// Members are kept in an array and looked up by a linear search from the end (objects are
/// small, and this is several times faster than hashing every key of a million Events); the
/// last of duplicated keys wins, as in JSONSerialization.
struct StructuredObject: Sendable, Equatable {
  struct Member: Sendable, Equatable {
    var key: String
    var value: StructuredValue
    /// 1-based input line of the member's key (0 when unknown).
    var line: Int
  }
  var members: [Member] = []

  init() {}
  init(members: [Member]) { self.members = members }

  mutating func append(_ key: String, _ value: StructuredValue, line: Int) {
    members.append(Member(key: key, value: value, line: line))
  }
  /// The members with the given keys removed.
  func removing(_ keys: Set<String>) -> StructuredObject {
    StructuredObject(members: members.filter { !keys.contains($0.key) })
  }
  var isEmpty: Bool { members.isEmpty }
  /// Distinct keys, sorted.
  var sortedKeys: [String] { sortedMembers.map(\.key) }
  /// The members sorted by key; of duplicated keys only the last is kept.
  var sortedMembers: [Member] {
    var out: [Member] = []
    out.reserveCapacity(members.count)
    for (i, m) in members.enumerated() where !members[(i + 1)...].contains(where: { $0.key == m.key }) {
      out.append(m)
    }
    out.sort { $0.key < $1.key }
    return out
  }
  /// Whether the keys are ASCII, distinct and already in order (as kubectl prints them), so that
  /// `sortedMembers` would return `members` unchanged. Compares bytes: cheap, and for ASCII the
  /// same order as `String`'s.
  var isSortedASCII: Bool {
    for i in members.indices.dropFirst() {
      let a = members[i - 1].key.utf8, b = members[i].key.utf8
      guard a.allSatisfy({ $0 < 0x80 }), b.allSatisfy({ $0 < 0x80 }), a.lexicographicallyPrecedes(b) else { return false }
    }
    return members.first.map { $0.key.utf8.allSatisfy { $0 < 0x80 } } ?? true
  }
  /// The members as a dictionary (last duplicate wins).
  var fields: [String: StructuredValue] {
    var d: [String: StructuredValue] = [:]
    for m in members { d[m.key] = m.value }
    return d
  }

  subscript(_ key: String) -> StructuredValue? {
    for i in members.indices.reversed() where members[i].key == key { return members[i].value }
    return nil
  }
  /// The line of the member `key`.
  func line(_ key: String) -> Int? {
    for i in members.indices.reversed() where members[i].key == key { return members[i].line > 0 ? members[i].line : nil }
    return nil
  }
  /// The member's value as text (see `StructuredValue.text`).
  func text(_ key: String) -> String? { self[key]?.text }
  func int(_ key: String) -> Int? { self[key]?.int }
  /// The integer at `key` when it lies in `range` (`InputBounds`); nil when absent or outside.
  func int(_ key: String, in range: ClosedRange<Int>) -> Int? { InputBounds.int(self[key]?.int, in: range) }
  func bool(_ key: String) -> Bool? { self[key]?.bool }
  func instant(_ key: String) -> Instant? { self[key]?.instant }
  func object(_ key: String) -> StructuredObject? { self[key]?.object }
  func array(_ key: String) -> [StructuredValue]? { self[key]?.array }
  /// The objects in the array member `key` (other elements are ignored).
  func objects(_ key: String) -> [StructuredObject] { (self[key]?.array ?? []).compactMap(\.object) }
  /// A string-to-string map member (labels, nodeSelector, requests).
  func stringMap(_ key: String) -> [String: String]? {
    guard let o = object(key), !o.isEmpty else { return nil }
    var m: [String: String] = [:]
    for member in o.members { if let t = member.value.text { m[member.key] = t } }
    return m.isEmpty ? nil : m
  }
  func has(_ key: String) -> Bool { self[key] != nil }
}
