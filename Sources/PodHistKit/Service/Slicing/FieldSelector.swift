import Foundation

/// A field selector as `kubectl --field-selector` takes it for pods: `field=value`, `field==value`
/// (the same) or `field!=value`, joined by commas (all must hold; `\,` is a literal comma), on the
/// pod field labels the API server supports that podhist knows. An empty selector selects every
/// pod. A field the projection does not know compares as empty, as the API server compares an
/// unset field (an unscheduled pod's `spec.nodeName=` holds).
public struct FieldSelector: Sendable, Equatable {
  /// The fields podhist selects on (kubernetes.io, Field Selectors: the Pod fields it can know).
  public static let fields = ["metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy",
                              "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP"]

  /// One `field op value`.
  public struct Requirement: Sendable, Equatable {
    /// The field label.
    public var field: String
    /// Whether the value must differ (`!=`) rather than be equal.
    public var negated: Bool
    /// The value compared.
    public var value: String
  }

  /// The requirements, all of which must hold.
  public let requirements: [Requirement]

  /// Parses `text`; a requirement without an operator or on an unsupported field is
  /// `QueryError.badFlag` (exit 2) naming it, as the API server refuses it.
  public init(_ text: String) throws {
    var reqs: [Requirement] = []
    for raw in FieldSelector.split(text) {
      let p = raw.trimmingCharacters(in: .whitespaces)
      if p.isEmpty { continue }
      guard let (r, negated) = [("!=", true), ("==", false), ("=", false)].lazy
              .compactMap({ op, neg in p.range(of: op).map { ($0, neg) } }).first else {
        throw QueryError.badFlag("--field-selector \"\(text)\": invalid selector: can't understand '\(p)' (field=value, field==value or field!=value)")
      }
      let field = p[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
      guard FieldSelector.fields.contains(field) else {
        throw QueryError.badFlag("--field-selector \"\(text)\": field label not supported: \(field) (podhist selects pods on \(FieldSelector.fields.joined(separator: ", ")))")
      }
      reqs.append(Requirement(field: field, negated: negated,
                              value: p[r.upperBound...].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\,", with: ",")))
    }
    requirements = reqs
  }

  /// Whether a pod with these field values satisfies every requirement (`value(field)`, nil as empty).
  public func matches(_ value: (String) -> String?) -> Bool {
    requirements.allSatisfy { r in ((value(r.field) ?? "") == r.value) != r.negated }
  }

  /// The requirements' texts: split at commas that are not escaped (`\,`).
  static func split(_ text: String) -> [String] {
    var out: [String] = []
    var cur = ""
    var escaped = false
    for c in text {
      if c == "," && !escaped { out.append(cur); cur = ""; continue }
      escaped = c == "\\" && !escaped
      cur.append(c)
    }
    out.append(cur)
    return out
  }
}
