import Foundation

/// kubectl's JSONPath subset, evaluated over podhist's output objects (`-o jsonpath=…`,
/// `-o custom-columns=…`, `--sort-by`): a template of literal text and `{…}` actions, each a
/// path (`.a.b`, `['a']`, `[n]`, `[-1]`, `[a:b]`, `[*]`, `..a`, `[?(@.x=="y")]`), a quoted string,
/// or `{range PATH}…{end}`. As kubectl: several results of one action are joined by a space, a
/// missing field prints nothing, objects and arrays print as JSON.
public struct JSONPath: Sendable {
  /// One step of a path.
  indirect enum Step: Sendable {
    case field(String)
    case recursive(String?)
    case index(Int)
    case slice(Int?, Int?)
    case wildcard
    case filter(Filter)
    case union([String])
  }

  /// `?(@.path OP literal)`, or `?(@.path)` (the field exists).
  struct Filter: Sendable {
    var path: [Step]
    var op: String?
    var literal: JSONValue?
  }

  /// One part of a template.
  indirect enum Node: Sendable {
    case text(String)
    case path([Step])
    case range([Step], [Node])
  }

  let nodes: [Node]

  /// Parses a template (`{.items[*].name}`, `{range .items[*]}{.name}{"\n"}{end}`); a bare
  /// path (`.name`, as `--sort-by` and custom-columns take) is one action. Throws `QueryError.badFlag` (exit 2).
  public init(_ template: String) throws {
    var t = template.trimmingCharacters(in: .whitespaces)
    if !t.contains("{") { t = "{" + (t.hasPrefix(".") || t.hasPrefix("[") || t.hasPrefix("$") ? t : "." + t) + "}" }
    var parser = TemplateParser(text: Array(t), original: template)
    nodes = try parser.parseNodes(untilEnd: false)
  }

  /// The values the template's actions select, in order (for custom columns and sorting).
  public func values(_ root: JSONValue) -> [JSONValue] {
    var out: [JSONValue] = []
    func walk(_ ns: [Node], _ cur: JSONValue) {
      for n in ns {
        switch n {
        case .text: break
        case let .path(steps): out += JSONPath.select(steps, from: [cur], root: root)
        case let .range(steps, body): for v in JSONPath.select(steps, from: [cur], root: root) { walk(body, v) }
        }
      }
    }
    walk(nodes, root)
    return out
  }

  /// The template's text for `root`.
  public func render(_ root: JSONValue) -> String {
    var out = ""
    func walk(_ ns: [Node], _ cur: JSONValue) {
      for n in ns {
        switch n {
        case let .text(s): out += s
        case let .path(steps):
          out += JSONPath.select(steps, from: [cur], root: root).map(JSONPath.text).joined(separator: " ")
        case let .range(steps, body): for v in JSONPath.select(steps, from: [cur], root: root) { walk(body, v) }
        }
      }
    }
    walk(nodes, root)
    return out
  }

  /// A value as kubectl's JSONPath prints it: strings bare, null as nothing, objects and arrays as JSON.
  public static func text(_ v: JSONValue) -> String {
    switch v {
    case .null: ""
    case let .string(s): s
    case let .int(i): String(i)
    case let .bool(b): b ? "true" : "false"
    case .array, .object: v.json()
    }
  }

  static func select(_ steps: [Step], from start: [JSONValue], root: JSONValue) -> [JSONValue] {
    var cur = start
    for step in steps {
      var next: [JSONValue] = []
      for v in cur {
        switch step {
        case let .field(name):
          if name == "$" { next.append(root); continue }
          if case let .object(pairs) = v, let x = pairs.first(where: { $0.0 == name })?.1 { next.append(x) }
        case let .union(names):
          if case let .object(pairs) = v { for n in names { if let x = pairs.first(where: { $0.0 == n })?.1 { next.append(x) } } }
        case let .recursive(name):
          next += descendants(v, name)
        case let .index(i):
          if case let .array(a) = v { let k = i < 0 ? a.count + i : i; if a.indices.contains(k) { next.append(a[k]) } }
        case let .slice(lo, hi):
          if case let .array(a) = v {
            let l = max(0, min(a.count, lo.map { $0 < 0 ? a.count + $0 : $0 } ?? 0))
            let h = max(l, min(a.count, hi.map { $0 < 0 ? a.count + $0 : $0 } ?? a.count))
            next += a[l..<h]
          }
        case .wildcard:
          switch v {
          case let .array(a): next += a
          case let .object(pairs): next += pairs.map(\.1)
          default: break
          }
        case let .filter(f):
          if case let .array(a) = v { next += a.filter { matches(f, $0, root: root) } }
        }
      }
      cur = next
    }
    return cur
  }

  static func descendants(_ v: JSONValue, _ name: String?) -> [JSONValue] {
    var out: [JSONValue] = []
    switch v {
    case let .object(pairs):
      for (k, x) in pairs {
        if name == nil || k == name { out.append(x) }
        out += descendants(x, name)
      }
    case let .array(a):
      for x in a { if name == nil { out.append(x) }; out += descendants(x, name) }
    default: break
    }
    return out
  }

  static func matches(_ f: Filter, _ v: JSONValue, root: JSONValue) -> Bool {
    let found = select(f.path, from: [v], root: root).filter { $0 != .null }
    guard let op = f.op, let lit = f.literal else { return !found.isEmpty }
    return found.contains { compare($0, op, lit) }
  }

  static func compare(_ a: JSONValue, _ op: String, _ b: JSONValue) -> Bool {
    let order: ComparisonResult
    switch (a, b) {
    case let (.int(x), .int(y)): order = x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
    case let (.string(x), .string(y)): order = x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
    case let (.bool(x), .bool(y)): order = x == y ? .orderedSame : .orderedAscending
    default: return op == "!="
    }
    switch op {
    case "==": return order == .orderedSame
    case "!=": return order != .orderedSame
    case "<": return order == .orderedAscending
    case "<=": return order != .orderedDescending
    case ">": return order == .orderedDescending
    case ">=": return order != .orderedAscending
    default: return false
    }
  }

  /// Orders two values as kubectl's `--sort-by` does: numbers by value, strings in natural order
  /// (`pod-2` before `pod-10`), a missing value first.
  public static func ascending(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
    switch (a, b) {
    case (nil, nil), (.null?, .null?): return false
    case (nil, _), (.null?, _): return true
    case (_, nil), (_, .null?): return false
    case let (.int(x)?, .int(y)?): return x < y
    case let (x?, y?): return naturalLess(text(x), text(y))
    }
  }

  /// Natural order, as kubectl's sorter compares strings: runs of digits by their value, the rest
  /// character by character.
  public static func naturalLess(_ a: String, _ b: String) -> Bool {
    var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
    var x = i.next(), y = j.next()
    let isDigit = { (u: Unicode.Scalar) in u.value >= 48 && u.value <= 57 }
    while let p = x, let q = y {
      if isDigit(p) && isDigit(q) {
        var m = "", n = ""
        while let c = x, isDigit(c) { m.unicodeScalars.append(c); x = i.next() }
        while let c = y, isDigit(c) { n.unicodeScalars.append(c); y = j.next() }
        let mt = m.drop { $0 == "0" }, nt = n.drop { $0 == "0" }
        if mt.count != nt.count { return mt.count < nt.count }
        if mt != nt { return mt < nt }
        if m.count != n.count { return m.count < n.count }
        continue
      }
      if p != q { return p.value < q.value }
      x = i.next(); y = j.next()
    }
    return x == nil && y != nil
  }
}

/// Reads a JSONPath template.
private struct TemplateParser {
  let text: [Character]
  let original: String
  var i = 0

  func fail(_ why: String) -> QueryError { .badFlag("error parsing jsonpath \(original): \(why)") }

  mutating func parseNodes(untilEnd: Bool) throws -> [JSONPath.Node] {
    var out: [JSONPath.Node] = []
    var literal = ""
    while i < text.count {
      if text[i] != "{" { literal.append(text[i]); i += 1; continue }
      if !literal.isEmpty { out.append(.text(literal)); literal = "" }
      i += 1
      let body = try action()
      let trimmed = body.trimmingCharacters(in: .whitespaces)
      if trimmed == "end" {
        guard untilEnd else { throw fail("{end} without {range}") }
        return out
      }
      if trimmed.hasPrefix("range ") || trimmed.hasPrefix("range\t") {
        let steps = try parsePath(String(trimmed.dropFirst(6)).trimmingCharacters(in: .whitespaces))
        let inner = try parseNodes(untilEnd: true)
        out.append(.range(steps, inner))
        continue
      }
      out += try parseAction(trimmed)
    }
    if untilEnd { throw fail("{range} without {end}") }
    if !literal.isEmpty { out.append(.text(literal)) }
    return out
  }

  /// The text up to the matching `}` (quotes and brackets respected).
  mutating func action() throws -> String {
    var out = ""
    var quote: Character?
    var depth = 0
    while i < text.count {
      let c = text[i]
      i += 1
      if let q = quote {
        out.append(c)
        if c == "\\", i < text.count { out.append(text[i]); i += 1; continue }
        if c == q { quote = nil }
        continue
      }
      switch c {
      case "\"", "'": quote = c; out.append(c)
      case "[", "(": depth += 1; out.append(c)
      case "]", ")": depth -= 1; out.append(c)
      case "}" where depth <= 0: return out
      default: out.append(c)
      }
    }
    throw fail("unclosed action")
  }

  /// An action: quoted strings and paths, separated by spaces.
  func parseAction(_ s: String) throws -> [JSONPath.Node] {
    var out: [JSONPath.Node] = []
    let chars = Array(s)
    var k = 0
    while k < chars.count {
      let c = chars[k]
      if c == " " || c == "\t" { k += 1; continue }
      if c == "\"" || c == "'" {
        var lit = ""
        k += 1
        while k < chars.count, chars[k] != c {
          if chars[k] == "\\", k + 1 < chars.count {
            k += 1
            switch chars[k] { case "n": lit += "\n"; case "t": lit += "\t"; case "r": lit += "\r"; default: lit.append(chars[k]) }
          } else { lit.append(chars[k]) }
          k += 1
        }
        guard k < chars.count else { throw fail("unclosed quote") }
        k += 1
        out.append(.text(lit))
        continue
      }
      var start = k
      var depth = 0
      var quote: Character?
      while k < chars.count {
        let d = chars[k]
        if let q = quote { if d == q { quote = nil }; k += 1; continue }
        if d == "\"" || d == "'" { quote = d } else if d == "[" || d == "(" { depth += 1 } else if d == "]" || d == ")" { depth -= 1 }
        else if (d == " " || d == "\t") && depth == 0 { break }
        k += 1
      }
      if chars[start] == "@" { start += 1 }
      out.append(.path(try parsePath(String(chars[start..<k]))))
    }
    return out
  }

  func parsePath(_ s: String) throws -> [JSONPath.Step] {
    var steps: [JSONPath.Step] = []
    let chars = Array(s)
    var k = 0
    if k < chars.count, chars[k] == "$" { k += 1; steps.append(.field("$")) }
    if k < chars.count, chars[k] == "@" { k += 1 }
    func name() -> String {
      var n = ""
      while k < chars.count, chars[k] != ".", chars[k] != "[" { n.append(chars[k]); k += 1 }
      return n
    }
    while k < chars.count {
      switch chars[k] {
      case ".":
        k += 1
        if k < chars.count, chars[k] == "." {
          k += 1
          let n = name()
          steps.append(.recursive(n.isEmpty || n == "*" ? nil : n))
        } else {
          let n = name()
          if n == "*" { steps.append(.wildcard) } else if !n.isEmpty { steps.append(.field(n)) }
        }
      case "[":
        var depth = 0
        var quote: Character?
        var j = k
        while j < chars.count {
          let d = chars[j]
          if let q = quote { if d == q { quote = nil } } else if d == "\"" || d == "'" { quote = d }
          else if d == "[" { depth += 1 } else if d == "]" { depth -= 1; if depth == 0 { break } }
          j += 1
        }
        guard j < chars.count else { throw fail("unclosed [") }
        let inner = String(chars[(k + 1)..<j]).trimmingCharacters(in: .whitespaces)
        k = j + 1
        steps.append(try bracket(inner))
      default:
        let n = name()
        if n == "*" { steps.append(.wildcard) } else if !n.isEmpty { steps.append(.field(n)) }
      }
    }
    return steps
  }

  func bracket(_ inner: String) throws -> JSONPath.Step {
    if inner == "*" { return .wildcard }
    if inner.hasPrefix("?(") && inner.hasSuffix(")") { return .filter(try filter(String(inner.dropFirst(2).dropLast()))) }
    if let i = Int(inner) { return .index(i) }
    if inner.contains(":") {
      let parts = inner.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard parts.count <= 3 else { throw fail("bad slice [\(inner)]") }
      func bound(_ p: String) throws -> Int? {
        if p.isEmpty { return nil }
        guard let v = Int(p) else { throw fail("bad slice [\(inner)]") }
        return v
      }
      return .slice(try bound(parts[0]), try bound(parts[1]))
    }
    let names = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let unquoted = try names.map { n -> String in
      guard n.count >= 2, let f = n.first, f == "'" || f == "\"", n.last == f else { throw fail("bad subscript [\(inner)]") }
      return String(n.dropFirst().dropLast())
    }
    return unquoted.count == 1 ? .field(unquoted[0]) : .union(unquoted)
  }

  func filter(_ s: String) throws -> JSONPath.Filter {
    for op in ["==", "!=", "<=", ">=", "<", ">"] {
      guard let r = s.range(of: op) else { continue }
      let lhs = s[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
      let rhs = s[r.upperBound...].trimmingCharacters(in: .whitespaces)
      guard lhs.hasPrefix("@") else { throw fail("a filter compares @.field: ?(\(s))") }
      let literal: JSONValue
      if rhs.count >= 2, let f = rhs.first, f == "'" || f == "\"", rhs.last == f { literal = .string(String(rhs.dropFirst().dropLast())) }
      else if let i = Int(rhs) { literal = .int(i) }
      else if rhs == "true" || rhs == "false" { literal = .bool(rhs == "true") }
      else { throw fail("bad literal in filter ?(\(s))") }
      return JSONPath.Filter(path: try parsePath(lhs), op: op, literal: literal)
    }
    guard s.trimmingCharacters(in: .whitespaces).hasPrefix("@") else { throw fail("bad filter ?(\(s))") }
    return JSONPath.Filter(path: try parsePath(s.trimmingCharacters(in: .whitespaces)), op: nil, literal: nil)
  }
}
