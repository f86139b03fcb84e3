import Foundation

/// One term of a pod's required node affinity
/// (`spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[i]`):
/// its requirements are ANDed, the terms of a pod ORed. A term with no requirement matches no node,
/// as the scheduler reads it.
public struct NodeSelectorTerm: Sendable, Hashable, Codable {
  /// `matchExpressions`: requirements on the node's labels.
  public var matchExpressions: [NodeSelectorRequirement]
  /// `matchFields`: requirements on the node's fields (only `metadata.name` is supported by Kubernetes).
  public var matchFields: [NodeSelectorRequirement]

  /// A term with the given requirements.
  public init(matchExpressions: [NodeSelectorRequirement] = [], matchFields: [NodeSelectorRequirement] = []) {
    self.matchExpressions = matchExpressions; self.matchFields = matchFields
  }

  /// Whether a node named `name` with `labels` satisfies every requirement; nil when its labels
  /// are unknown and a label requirement would decide.
  public func matches(name: String, labels: [String: String]?) -> Bool? {
    guard !matchExpressions.isEmpty || !matchFields.isEmpty else { return false }
    for f in matchFields {
      // The scheduler supports metadata.name only; any other field selects nothing.
      guard f.key == "metadata.name" else { return false }
      if !f.matches(name) { return false }
    }
    guard !matchExpressions.isEmpty else { return true }
    guard let labels else { return nil }
    return matchExpressions.allSatisfy { $0.matches(labels[$0.key]) }
  }

  /// The term as the hints print it: `zone In [us-east-1a] and disktype Exists`.
  public var description: String {
    (matchExpressions + matchFields).map(\.description).joined(separator: " and ")
  }

  /// Whether a node satisfies at least one of `terms` (ORed); nil when no term matches and some
  /// could not be judged (labels unknown). An empty list constrains nothing.
  public static func anyMatches(_ terms: [NodeSelectorTerm], name: String, labels: [String: String]?) -> Bool? {
    guard !terms.isEmpty else { return true }
    var unknown = false
    for t in terms {
      switch t.matches(name: name, labels: labels) {
      case true?: return true
      case nil: unknown = true
      case false?: break
      }
    }
    return unknown ? nil : false
  }
}

/// One requirement of a node selector term: a key, an operator and values.
public struct NodeSelectorRequirement: Sendable, Hashable, Codable {
  /// The label key (or, in matchFields, the field: `metadata.name`).
  public var key: String
  /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt` as written.
  public var `operator`: String
  /// The values (one integer for Gt and Lt, none for Exists and DoesNotExist).
  public var values: [String]

  /// A requirement as a manifest writes it.
  public init(key: String, operator: String, values: [String] = []) {
    self.key = key; self.operator = `operator`; self.values = values
  }

  /// The operators the API defines.
  public enum Operator: String, Sendable, CaseIterable {
    /// The label's value is one of the values.
    case `in` = "In"
    /// The label is absent or its value is none of the values.
    case notIn = "NotIn"
    /// The label is present.
    case exists = "Exists"
    /// The label is absent.
    case doesNotExist = "DoesNotExist"
    /// The label's value is an integer greater than the one value.
    case gt = "Gt"
    /// The label's value is an integer less than the one value.
    case lt = "Lt"
  }

  /// The operator when it is one the API defines; nil for another text (kept as written).
  public var knownOperator: Operator? { Operator(rawValue: self.operator) }

  /// Whether a node whose value for `key` is `value` (nil: no such label) satisfies it, as the
  /// scheduler decides: NotIn and DoesNotExist hold on a node without the label; Gt and Lt
  /// compare integers and fail on a value that is not one; an unknown operator matches nothing.
  public func matches(_ value: String?) -> Bool {
    switch knownOperator {
    case .in?: return value.map(values.contains) ?? false
    case .notIn?: return value.map { !values.contains($0) } ?? true
    case .exists?: return value != nil
    case .doesNotExist?: return value == nil
    case .gt?, .lt?:
      guard values.count == 1, let bound = Int64(values[0]), let v = value.flatMap({ Int64($0) }) else { return false }
      return knownOperator == .gt ? v > bound : v < bound
    case nil: return false
    }
  }

  /// `zone In [us-east-1a, us-east-1b]`, `gpu Exists`, `cores Gt 8`.
  public var description: String {
    if knownOperator == .exists || knownOperator == .doesNotExist { return "\(key) \(self.operator)" }
    if knownOperator == .gt || knownOperator == .lt, values.count == 1 { return "\(key) \(self.operator) \(values[0])" }
    return "\(key) \(self.operator) [\(values.joined(separator: ", "))]"
  }
}
