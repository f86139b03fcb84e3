import Foundation

/// A label selector as `kubectl -l` takes it (k8s.io/apimachinery labels.Parse): requirements
/// joined by commas, all of which must hold. Equality-based `k=v`, `k==v`, `k!=v`; set-based
/// `k in (a,b)`, `k notin (a,b)`, `k` (exists), `!k` (does not exist); and `k>n`, `k<n` on integer
/// values. `!=` and `notin` also hold when the label is absent.
public struct LabelSelector: Sendable, Equatable {
  /// One requirement on one label key.
  public enum Requirement: Sendable, Equatable {
    case equals(String, String), notEquals(String, String)
    case `in`(String, Set<String>), notIn(String, Set<String>)
    case exists(String), doesNotExist(String)
    case greaterThan(String, Int), lessThan(String, Int)
  }

  /// The requirements, all of which must hold (none: everything matches).
  public let requirements: [Requirement]

  /// Parses `text`; an invalid selector is `QueryError.badFlag` (exit 2) naming the flag and the problem.
  public init(_ text: String, flag: String = "-l") throws {
    var reqs: [Requirement] = []
    for part in LabelSelector.split(text) {
      let p = part.trimmingCharacters(in: .whitespaces)
      if p.isEmpty {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
        throw QueryError.badFlag("\(flag) \(text): an empty requirement")
      }
      reqs.append(try LabelSelector.requirement(p, flag: flag, whole: text))
    }
    requirements = reqs
  }

  /// Whether `labels` satisfy every requirement.
  public func matches(_ labels: [String: String]) -> Bool {
    requirements.allSatisfy { r in
      switch r {
      case let .equals(k, v): labels[k] == v
      case let .notEquals(k, v): labels[k] != v
      case let .in(k, vs): labels[k].map(vs.contains) ?? false
      case let .notIn(k, vs): !(labels[k].map(vs.contains) ?? false)
      case let .exists(k): labels[k] != nil
      case let .doesNotExist(k): labels[k] == nil
      case let .greaterThan(k, n): labels[k].flatMap { Int($0) }.map { $0 > n } ?? false
      case let .lessThan(k, n): labels[k].flatMap { Int($0) }.map { $0 < n } ?? false
      }
    }
  }

  /// Splits at commas outside parentheses.
  static func split(_ text: String) -> [String] {
    var out: [String] = []
    var cur = ""
    var depth = 0
    for c in text {
      if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
      if c == "," && depth == 0 { out.append(cur); cur = "" } else { cur.append(c) }
    }
    out.append(cur)
    return out
  }

  static func requirement(_ p: String, flag: String, whole: String) throws -> Requirement {
    func bad(_ why: String) -> QueryError { .badFlag("\(flag) \(whole): \(why)") }
    func key(_ k: Substring) throws -> String {
      let k = k.trimmingCharacters(in: .whitespaces)
      guard isKey(k) else { throw bad("invalid label key \"\(k)\"") }
      return k
    }
    func value(_ v: Substring) throws -> String {
      let v = v.trimmingCharacters(in: .whitespaces)
      guard isValue(v) else { throw bad("invalid label value \"\(v)\"") }
      return v
    }
    if p.hasPrefix("!") { return .doesNotExist(try key(p.dropFirst())) }
    for (op, make) in [("==", Requirement.equals), ("!=", Requirement.notEquals), ("=", Requirement.equals)] as [(String, (String, String) -> Requirement)] {
      if let r = p.range(of: op) { return make(try key(p[..<r.lowerBound]), try value(p[r.upperBound...])) }
    }
    for op in [">", "<"] {
      if let r = p.range(of: op) {
        let raw = p[r.upperBound...].trimmingCharacters(in: .whitespaces)
        guard let n = Int(raw) else { throw bad("\(op) needs an integer, not \"\(raw)\"") }
        let k = try key(p[..<r.lowerBound])
        return op == ">" ? .greaterThan(k, n) : .lessThan(k, n)
      }
    }
    let words = p.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
    if words.count == 2 {
      let rest = words[1].trimmingCharacters(in: .whitespaces)
      for (op, notIn) in [("notin", true), ("in", false)] where rest.hasPrefix(op) {
        let set = rest.dropFirst(op.count).trimmingCharacters(in: .whitespaces)
        guard set.hasPrefix("("), set.hasSuffix(")") else { throw bad("\(op) needs a parenthesised list of values") }
        let values = try set.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false).map(value)
        guard !values.isEmpty, values != [""] else { throw bad("\(op) needs at least one value") }
        return notIn ? .notIn(try key(words[0]), Set(values)) : .in(try key(words[0]), Set(values))
      }
      throw bad("unknown operator in \"\(p)\" (=, ==, !=, in, notin, !, >, <)")
    }
    return .exists(try key(Substring(p)))
  }

  /// A qualified name with an optional DNS-subdomain prefix: `app`, `app.kubernetes.io/name`.
  static func isKey(_ k: String) -> Bool {
    let parts = k.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count <= 2, let name = parts.last else { return false }
    if parts.count == 2 {
      let prefix = parts[0]
      guard !prefix.isEmpty, prefix.count <= 253,
            prefix.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ l in
              !l.isEmpty && l.count <= 63 && l.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
                && l.first != "-" && l.last != "-" }) else { return false }
    }
    return !name.isEmpty && isValue(String(name))
  }

  /// A label value: empty, or up to 63 characters of [A-Za-z0-9-_.] beginning and ending alphanumeric.
  static func isValue(_ v: String) -> Bool {
    if v.isEmpty { return true }
    guard v.count <= 63, let f = v.first, let l = v.last, f.isASCII, l.isASCII, f.isLetter || f.isNumber, l.isLetter || l.isNumber
    else { return false }
    return v.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
  }
}
