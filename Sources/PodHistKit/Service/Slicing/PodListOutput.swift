import Foundation

/// `get pods -o`: kubectl's table, `wide`, the documented JSON/YAML, `name`, `jsonpath=TEMPLATE`
/// (also `jsonpath='…'`), `custom-columns=HEADER:PATH,…`. The JSONPath forms read each pod as a
/// kubectl Pod object (`KubectlPodRender`), so kubectl's own paths work.
public enum PodListOutput: Sendable {
  case table, wide, json, yaml, name
  case jsonpath(JSONPath)
  case customColumns([(header: String, path: JSONPath)])

  /// Reads `-o`'s value; anything else is `QueryError.badFlag` (exit 2).
  public init(_ text: String) throws {
    switch text {
    case "table": self = .table
    case "wide": self = .wide
    case "json": self = .json
    case "yaml": self = .yaml
    case "name": self = .name
    default:
      if let t = PodListOutput.value(text, "jsonpath") {
        self = .jsonpath(try JSONPath(t))
      } else if let spec = PodListOutput.value(text, "custom-columns") {
        var cols: [(String, JSONPath)] = []
        for c in spec.split(separator: ",", omittingEmptySubsequences: true) {
          guard let colon = c.firstIndex(of: ":"), !c[..<colon].isEmpty else {
            throw QueryError.badFlag("-o custom-columns: unexpected custom-columns spec: \(c), expected <header>:<json-path-expr>")
          }
          cols.append((String(c[..<colon]), try JSONPath(String(c[c.index(after: colon)...]))))
        }
        guard !cols.isEmpty else { throw QueryError.badFlag("-o custom-columns: no columns given") }
        self = .customColumns(cols)
      } else {
        throw QueryError.badFlag("-o \(text): expected table, wide, json, yaml, name, jsonpath=TEMPLATE or custom-columns=HEADER:PATH,...")
      }
    }
  }

  /// `jsonpath=X` / `jsonpath='X'` → X.
  static func value(_ text: String, _ key: String) -> String? {
    guard text.hasPrefix(key + "=") else { return nil }
    var v = String(text.dropFirst(key.count + 1))
    if v.count >= 2, let f = v.first, f == "'" || f == "\"", v.last == f { v = String(v.dropFirst().dropLast()) }
    return v
  }

  /// Whether `text` names one of the forms (a template still to be checked): `-o`'s closed set.
  public static func recognises(_ text: String) -> Bool {
    ["table", "wide", "json", "yaml", "name"].contains(text) || value(text, "jsonpath") != nil || value(text, "custom-columns") != nil
  }

  /// `-o`'s values as `--help` lists them.
  public static let forms = ["table", "wide", "json", "yaml", "name", "jsonpath=TEMPLATE", "custom-columns=SPEC"]

  /// Whether this is `-o name`.
  public var isName: Bool { if case .name = self { true } else { false } }

  /// Whether the output reads each pod as a kubectl Pod object (`jsonpath`, `custom-columns`).
  public var needsObjects: Bool {
    switch self {
    case .jsonpath, .customColumns: true
    default: false
    }
  }

  /// `custom-columns`: the table of each item's values (several joined by `,`, none `<none>`).
  public static func customColumns(_ cols: [(header: String, path: JSONPath)], items: [JSONValue]) -> String {
    let rows = items.map { item in
      cols.map { c -> String in
        let vs = c.path.values(item).filter { $0 != .null }
        return vs.isEmpty ? "<none>" : vs.map(JSONPath.text).joined(separator: ",")
      }
    }
    return renderTable(headers: cols.map(\.header), rows: rows)
  }

  /// `items` sorted by `path` as `--sort-by` sorts (stable; a missing field sorts first).
  public static func sorted<T>(_ items: [T], by path: JSONPath, item: (T) -> JSONValue) -> [T] {
    let keyed = items.map { (path.values(item($0)).first, $0) }
    return keyed.enumerated().sorted { a, b in
      if JSONPath.ascending(a.element.0, b.element.0) { return true }
      if JSONPath.ascending(b.element.0, a.element.0) { return false }
      return a.offset < b.offset
    }.map(\.element.1)
  }
}
