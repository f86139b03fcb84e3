import Foundation

/// The object kinds podhist keeps facts about. `ObjectRef.kind` keeps the text as recorded (an
/// Event's involvedObject may be any kind: `ReplicaSet`, `Job`...).
public enum ObjectKind: String, Sendable, Hashable, CaseIterable {
  /// A pod: the object podhist projects and explains.
  case pod = "Pod"
  /// A node: its conditions, taints and room explain Pending and evicted pods.
  case node = "Node"
}

extension ObjectRef {
  /// The object's kind, when it is one podhist keeps facts about.
  public var knownKind: ObjectKind? { ObjectKind(rawValue: kind) }
  /// Whether the object is a node.
  public var isNode: Bool { knownKind == .node }
}
