import Foundation

/// What one transaction of an import changed that the pod summaries derive from: the pods whose
/// facts it added, the scopes of the complete listings it added (their absent pods become
/// deleted), and whether it added other facts (nodes, workloads, recording gaps) that every
/// pod's explanation may read.
struct SummaryChanges: Sendable, Equatable {
  /// The pods whose facts were added.
  var pods = Set<ObjectKey>()
  /// The namespaces of complete listings added.
  var namespaces = Set<String>()
  /// Whether every pod may have changed (a listing of all namespaces, node or workload facts, gaps).
  var all = false

  /// Nothing changed.
  var isEmpty: Bool { pods.isEmpty && namespaces.isEmpty && !all }

  /// Notes one added fact about `object`.
  mutating func note(_ object: ObjectRef) {
    if object.isPod {
      pods.insert(ObjectKey(object))
    } else if object.kind == PodListing.objectKind, object.name == "namespace" {
      namespaces.insert(object.namespace)
    } else {
      all = true
    }
  }
}
