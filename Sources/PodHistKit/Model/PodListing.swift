import Foundation

/// A complete list of the pods of one scope (one namespace, or all of them) at the fact's
/// instant, as `kubectl get pods -A -o json`, `-n NS -o yaml` or a whole pods table printed it:
/// a pod of that scope absent from it no longer existed then.
public struct PodListing: Sendable, Hashable, Codable {
  /// The namespace listed; nil when the list covers all namespaces.
  public var namespace: String?
  /// The pods the list showed, in the order printed.
  public var pods: [ListedPod]

  /// A listing of `pods` over `namespace` (nil: all namespaces).
  public init(namespace: String?, pods: [ListedPod]) {
    self.namespace = namespace; self.pods = pods
  }

  /// The kind of the object a listing fact is filed under (never a pod, so pod views skip it).
  public static let objectKind = "PodList"

  /// The object a listing of `namespace` (nil: all) is filed under: one per scope.
  public static func object(namespace: String?) -> ObjectRef {
    ObjectRef(kind: objectKind, namespace: namespace ?? "", name: namespace == nil ? "all-namespaces" : "namespace")
  }

  /// A listing of every pod of `refs`: of their one namespace when they share one, else of all
  /// namespaces. Nil for no pods (an empty list does not say which namespace it was of).
  public static func of(_ refs: [ObjectRef]) -> PodListing? {
    let pods = refs.filter(\.isPod)
    guard let first = pods.first else { return nil }
    let one = pods.allSatisfy { $0.namespace == first.namespace }
    return PodListing(namespace: one ? first.namespace : nil,
                      pods: pods.map { ListedPod(namespace: $0.namespace, name: $0.name, uid: $0.uid) })
  }

  /// Whether the listing's scope includes `namespace`.
  public func covers(namespace ns: String) -> Bool { namespace == nil || namespace == ns }
}

/// One pod a listing showed.
public struct ListedPod: Sendable, Hashable, Codable {
  /// metadata.namespace.
  public var namespace: String
  /// metadata.name.
  public var name: String
  /// metadata.uid when the listing printed it (objects do, tables do not).
  public var uid: String?

  /// A listed pod.
  public init(namespace: String, name: String, uid: String? = nil) {
    self.namespace = namespace; self.name = name; self.uid = uid
  }
}
