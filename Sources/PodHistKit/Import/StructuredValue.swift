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
    if case let .object(o) = self { return o.fields[key] }
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
  var instant: Instant? { text.flatMap(Instant.parseRFC3339) }

  static func format(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return String(d)
  }

  /// Compact JSON with sorted keys: deterministic, so the same object gives the same text.
  var compactJSON: String {
    var out = ""
    writeJSON(into: &out)
    return out
  }

  func writeJSON(into out: inout String) {
    switch self {
    case .null: out += "null"
    case let .bool(b): out += b ? "true" : "false"
    case let .int(i): out += String(i)
    case let .double(d): out += d.isFinite ? StructuredValue.format(d) : "null"
    case let .string(s): StructuredValue.writeJSONString(s, into: &out)
    case let .array(a):
      out += "["
      for (i, v) in a.enumerated() {
        if i > 0 { out += "," }
        v.writeJSON(into: &out)
      }
      out += "]"
    case let .object(o):
      out += "{"
      for (i, k) in o.fields.keys.sorted().enumerated() {
        if i > 0 { out += "," }
        StructuredValue.writeJSONString(k, into: &out)
        out += ":"
        o.fields[k]?.writeJSON(into: &out)
      }
      out += "}"
    }
  }

  static func writeJSONString(_ s: String, into out: inout String) {
    out += "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 {
          out += String(format: "\\u%04x", u.value)
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    out += "\""
  }
}

/// A JSON/YAML mapping: its members and the line each member's key is on.
struct StructuredObject: Sendable, Equatable {
  var fields: [String: StructuredValue] = [:]
  /// 1-based input line of each member's key.
  var lines: [String: Int] = [:]

  subscript(_ key: String) -> StructuredValue? { fields[key] }
  /// The member's value as text (see `StructuredValue.text`).
  func text(_ key: String) -> String? { fields[key]?.text }
  func int(_ key: String) -> Int? { fields[key]?.int }
  func bool(_ key: String) -> Bool? { fields[key]?.bool }
  func instant(_ key: String) -> Instant? { fields[key]?.instant }
  func object(_ key: String) -> StructuredObject? { fields[key]?.object }
  func array(_ key: String) -> [StructuredValue]? { fields[key]?.array }
  /// The objects in the array member `key` (other elements are ignored).
  func objects(_ key: String) -> [StructuredObject] { (fields[key]?.array ?? []).compactMap(\.object) }
  /// A string-to-string map member (labels, nodeSelector, requests).
  func stringMap(_ key: String) -> [String: String]? {
    guard let o = object(key), !o.fields.isEmpty else { return nil }
    var m: [String: String] = [:]
    for (k, v) in o.fields { if let t = v.text { m[k] = t } }
    return m.isEmpty ? nil : m
  }
  func has(_ key: String) -> Bool { fields[key] != nil }
}
