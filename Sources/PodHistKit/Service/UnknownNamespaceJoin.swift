/// Pods whose paste named no namespace, joined at query time to the pod they are
/// (schema/namespace-unknown.md): an unknown-namespace pod joins the one pod of a known namespace
/// with the same name; with none it stays apart (shown as namespace unknown, found by `-n default`
/// as kubectl's default would), with several it stays apart too (which one it is, the store cannot
/// tell). Placeholder names (`(unnamed)`, `unknown`) never join. Nothing is rewritten in the log:
/// a later import that names another namespace changes the answer.
struct UnknownNamespaceJoin: Sendable {
  /// Unknown-namespace pod id → the pod it joins.
  var target: [Int64: StoredObject] = [:]
  /// Pod id → the unknown-namespace pods joined to it.
  var partners: [Int64: [StoredObject]] = [:]
  /// The unknown-namespace pods that stay apart.
  var apart: [StoredObject] = []
  /// Unknown-namespace pod id → the namespaces of the several pods of its name it stays apart
  /// from (which of them it is the store cannot tell: nor whose workload owns it).
  var namesakes: [Int64: Set<String>] = [:]

  /// Names a paste gives a pod it does not name.
  static let placeholders: Set<String> = ["(unnamed)", "unknown", "?"]

  /// The join over every unknown-namespace pod of `store` (one indexed read, then one per such pod).
  init(store: Store) throws {
    for u in try store.objects(kind: "Pod", namespace: ObjectRef.unknownNamespace) {
      let known = UnknownNamespaceJoin.placeholders.contains(u.name) ? []
        : try store.pods(named: u.name, namespace: nil, prefix: false).filter { $0.namespace != ObjectRef.unknownNamespace }
      if known.count == 1 {
        target[u.id] = known[0]
        partners[known[0].id, default: []].append(u)
      } else {
        apart.append(u)
        if known.count > 1 { namesakes[u.id] = Set(known.map(\.namespace)) }
      }
    }
  }

  /// Whether `pod` is listed on its own (not joined to another).
  func isListed(_ pod: StoredObject) -> Bool { target[pod.id] == nil }

  /// Whether a listed pod is in the scope `-n namespace` names (nil: every namespace); an
  /// unknown-namespace pod is in `default`'s.
  static func inScope(_ pod: StoredObject, namespace: String?) -> Bool {
    guard let namespace else { return true }
    return pod.namespace == namespace || (namespace == "default" && pod.namespace == ObjectRef.unknownNamespace)
  }

  /// `facts` of `pod` with the facts of the pods joined to it (`partnerFacts`, in `partners` order),
  /// told as the pod's own: their object takes the pod's namespace.
  static func merged(_ facts: [Fact], into pod: StoredObject, partnerFacts: [[Fact]]) -> [Fact] {
    guard !partnerFacts.isEmpty else { return facts }
    var out = facts
    for f in partnerFacts.joined() {
      var g = f
      g.object.namespace = pod.namespace
      out.append(g)
    }
    return out
  }
}
