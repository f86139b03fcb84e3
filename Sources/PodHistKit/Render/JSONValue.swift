import Foundation

/// A JSON document with ordered keys, for podhist's versioned output (docs/cli.md): written as JSON
/// or YAML with the keys in the documented order.
public indirect enum JSONValue: Equatable, Sendable {
  /// JSON `null` (YAML `null`): a field that is absent or unknown.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// An integer; podhist's documents hold no fractions (times are RFC 3339 strings).
  case int(Int)
  /// A string, escaped as JSON requires (and quoted in YAML when it would read as another type).
  case string(String)
  /// An array, in the given order.
  case array([JSONValue])
  /// An object whose keys keep the given order (the documented order of schema/output.md).
  case object([(String, JSONValue)])

  /// Equal when the JSON texts are equal (key order counts).
  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.json() == b.json() }

  /// A string, or null for nil.
  public static func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
  /// A pod's namespace: null when its paste did not name it (`ObjectRef.unknownNamespace`).
  public static func namespace(_ ns: String) -> JSONValue { ns == ObjectRef.unknownNamespace ? .null : .string(ns) }
  /// A number, or null for nil.
  public static func num(_ i: Int?) -> JSONValue { i.map { .int($0) } ?? .null }
  /// An RFC 3339 UTC string, or null for nil.
  public static func time(_ t: Instant?) -> JSONValue { t.map { .string($0.rfc3339) } ?? .null }

  /// JSON text; `pretty` indents two spaces per level.
  public func json(pretty: Bool = false) -> String {
    var out = ""
    write(&out, pretty: pretty, indent: 0)
    return out
  }

  private func write(_ out: inout String, pretty: Bool, indent: Int) {
    let nl = pretty ? "\n" : ""
    let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
    let endPad = pretty ? String(repeating: "  ", count: indent) : ""
    switch self {
    case .null: out += "null"
    case let .bool(b): out += b ? "true" : "false"
    case let .int(i): out += String(i)
    case let .string(s): out += JSONValue.quote(s)
    case let .array(items):
      if items.isEmpty { out += "[]"; return }
      out += "[" + nl
      for (i, v) in items.enumerated() {
        out += pad
        v.write(&out, pretty: pretty, indent: indent + 1)
        out += (i + 1 < items.count ? "," : "") + nl
      }
      out += endPad + "]"
    case let .object(pairs):
      if pairs.isEmpty { out += "{}"; return }
      out += "{" + nl
      for (i, (k, v)) in pairs.enumerated() {
        out += pad + JSONValue.quote(k) + (pretty ? ": " : ":")
        v.write(&out, pretty: pretty, indent: indent + 1)
        out += (i + 1 < pairs.count ? "," : "") + nl
      }
      out += endPad + "}"
    }
  }

  /// A JSON string literal, also a valid YAML double-quoted scalar: C0, DEL, C1, the bidi and line
  /// separator controls (`TerminalText.isControl`) and what YAML cannot print (BOM, U+FFFE/U+FFFF)
  /// are `\uXXXX` escapes, so neither a terminal nor a YAML reader sees them raw.
  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where needsEscape(c): out += String(format: "\\u%04x", c.value)
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }

  /// True for a scalar a JSON or YAML string shows as an escape rather than raw.
  static func needsEscape(_ u: Unicode.Scalar) -> Bool {
    u.value < 0x20 || TerminalText.isControl(u) || u.value == 0xFEFF || u.value == 0xFFFE || u.value == 0xFFFF
  }

  /// YAML text (block style; strings quoted JSON-style whenever plain YAML could misread them).
  public func yaml() -> String {
    var out = ""
    writeYAML(&out, indent: 0, inList: false)
    return out.hasSuffix("\n") ? out : out + "\n"
  }

  private var isScalar: Bool {
    switch self {
    case .array(let a): a.isEmpty
    case .object(let o): o.isEmpty
    default: true
    }
  }

  private func scalarYAML() -> String {
    switch self {
    case .null: "null"
    case let .bool(b): b ? "true" : "false"
    case let .int(i): String(i)
    case let .string(s): JSONValue.plainSafe(s) ? s : JSONValue.quote(s)
    case .array: "[]"
    case .object: "{}"
    }
  }

  private static func plainSafe(_ s: String) -> Bool {
    guard let f = s.first, !s.isEmpty, s == s.trimmingCharacters(in: .whitespaces) else { return false }
    if "-?:,[]{}#&*!|>'\"%@`0123456789+.~".contains(f) { return false }
    if ["true", "false", "null", "yes", "no", "on", "off", "y", "n"].contains(s.lowercased()) { return false }
    if s.contains(": ") || s.contains(" #") || s.hasSuffix(":") || s.contains("\n") || s.contains("\t") { return false }
    if s.unicodeScalars.contains(where: needsEscape) { return false }
    return true
  }

  private func writeYAML(_ out: inout String, indent: Int, inList: Bool) {
    let pad = String(repeating: "  ", count: indent)
    switch self {
    case let .object(pairs) where !pairs.isEmpty:
      for (i, (k, v)) in pairs.enumerated() {
        let key = JSONValue.plainSafe(k) ? k : JSONValue.quote(k)
        out += (inList && i == 0 ? "" : pad) + key + ":"
        if v.isScalar { out += " " + v.scalarYAML() + "\n" } else {
          out += "\n"
          v.writeYAML(&out, indent: indent + 1, inList: false)
        }
      }
    case let .array(items) where !items.isEmpty:
      for v in items {
        out += pad + "- "
        if v.isScalar { out += v.scalarYAML() + "\n" } else if case .array = v {
          out += "\n"
          v.writeYAML(&out, indent: indent + 1, inList: false)
        } else {
          v.writeYAML(&out, indent: indent + 1, inList: true)
        }
      }
    default:
      out += pad + scalarYAML() + "\n"
    }
  }
}
