import Foundation

extension PodQuery {
  /// The declared facts that apply to a pod: its own Pod manifest, and the pod template of each
  /// workload that owns it (schema/declared-and-node-facts.md): by the owner its observations
  /// name (`Controlled By: ReplicaSet/web-5b78f66997` → Deployment `web`), else by the
  /// `NAME-<hash>-<suffix>` naming of its kind; a workload whose selector the pod's known labels
  /// do not match is left out. `observed` are the pod's observations (for its owner and labels).
  /// A pod whose paste named no namespace is owned as `applicable` says.
  public func declarations(of pod: StoredObject, observed: [Fact]) throws -> [Fact] {
    let own = PodQuery.newestReadings(try store.facts(of: pod).filter { $0.declaration != nil })
    return PodQuery.applicable(own: own, owners: try owners(namespace: pod.namespace), pod: pod, observed: observed)
  }

  /// The workloads that may own the pods of scope `namespace` (nil: every namespace): that
  /// namespace's, or every namespace's when the scope lists a pod whose paste named no namespace
  /// (`-n default` then lists it; its owners may be in any namespace, `applicable`).
  func owners(namespace: String?) throws -> Owners {
    let wide = namespace.map { $0 == ObjectRef.unknownNamespace || ($0 == "default" && !unknownNamespaces.apart.isEmpty) } ?? true
    return Owners(workloads: try workloads(namespace: wide ? nil : namespace), namesakes: unknownNamespaces.namesakes)
  }

  /// The workload manifests a view's pods may be owned by, and what the rule for pods whose
  /// paste named no namespace needs besides.
  struct Owners: Sendable {
    /// The workloads in scope, with their declared facts.
    var workloads: [Workload]
    /// Unknown-namespace pod id → the namespaces of the pods of its name it does not join
    /// (`UnknownNamespaceJoin.namesakes`).
    var namesakes: [Int64: Set<String>]
  }

  /// Every workload manifest in scope (one namespace, or all), with its declared facts.
  public func workloads(namespace: String?) throws -> [Workload] {
    var out: [Workload] = []
    for kind in ManifestObject.templatePaths.keys.sorted() {
      for w in try store.objects(kind: kind, namespace: namespace) {
        let facts = PodQuery.newestReadings(try store.facts(of: w).filter { $0.declaration != nil })
        if !facts.isEmpty { out.append(Workload(kind: kind, namespace: w.namespace, name: w.name, facts: facts)) }
      }
    }
    return out
  }

  /// A workload manifest and its declared facts.
  public struct Workload: Sendable {
    /// Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController.
    public var kind: String
    /// Its namespace.
    public var namespace: String
    /// Its name.
    public var name: String
    /// Its declared facts (the pod template, as each import saw it).
    public var facts: [Fact]
  }

  /// The pod's own declarations plus those of the workloads of `owners` that own it (same
  /// namespace, owner or naming, selector matching the pod's newest known labels).
  ///
  /// A pod whose paste named no namespace (schema/namespace-unknown.md, "Owners")
  /// takes the workloads that own it when they are all in one namespace and no other pod of its
  /// name is in another (`Owners.namesakes`): a manifest that names no namespace is filed under
  /// `default` (kubectl applies it to the context's namespace, which the store cannot know, nor the
  /// pod's), so unknown meets unknown there; with owners in several namespaces (or its name in
  /// several) which one it is the store cannot tell, and it takes none.
  static func applicable(own: [Fact], owners: Owners, pod: StoredObject, observed: [Fact]) -> [Fact] {
    guard !owners.workloads.isEmpty else { return own }
    let snapshots = observed.compactMap(\.snapshot)
    let owner = snapshots.reversed().lazy.compactMap(\.spec.owner).first
    let labels = snapshots.reversed().lazy.compactMap(\.spec.labels).first
    let unknown = pod.namespace == ObjectRef.unknownNamespace
    var found: [(namespace: String, facts: [Fact])] = []
    for w in owners.workloads where (unknown || w.namespace == pod.namespace) && owns(kind: w.kind, name: w.name, pod: pod.name, owner: owner) {
      let facts = w.facts.filter { f in f.declaration.map { $0.selects(labels) } ?? false }
      if !facts.isEmpty { found.append((w.namespace, facts)) }
    }
    if unknown, Set(found.map(\.namespace)).union(owners.namesakes[pod.id] ?? []).count > 1 { return own }
    return own + found.flatMap(\.facts)
  }

  /// Whether workload `kind`/`name` owns the pod `pod`: by the pod's owner reference when known,
  /// else by the names controllers give their pods.
  static func owns(kind: String, name: String, pod: String, owner: String?) -> Bool {
    if let owner, let slash = owner.firstIndex(of: "/") {
      let ownerKind = owner[..<slash], ownerName = String(owner[owner.index(after: slash)...])
      switch (kind, ownerKind) {
      case (let k, let o) where k == o: return ownerName == name
      case ("Deployment", "ReplicaSet"): return ownerName.hasPrefix(name + "-") && segments(ownerName, after: name) == 1
      case ("CronJob", "Job"): return ownerName.hasPrefix(name + "-") && segments(ownerName, after: name) == 1
      default: return false
      }
    }
    guard pod.hasPrefix(name + "-") else { return false }
    let tail = pod.dropFirst(name.count + 1)
    switch kind {
    case "Deployment", "CronJob": return segments(pod, after: name) == 2
    case "StatefulSet": return !tail.isEmpty && tail.allSatisfy(\.isNumber)
    default: return segments(pod, after: name) == 1
    }
  }

  /// How many `-`-separated segments follow `prefix-` in `name`.
  private static func segments(_ name: String, after prefix: String) -> Int {
    name.dropFirst(prefix.count + 1).split(separator: "-", omittingEmptySubsequences: false).count
  }

  /// Splits a pod's stored facts into its observations and its own declarations.
  static func split(_ facts: [Fact]) -> (observed: [Fact], declared: [Fact]) {
    if facts.allSatisfy(\.isPodObservation) { return (facts, []) }
    return (facts.filter(\.isPodObservation), facts.filter { $0.declaration != nil })
  }

  /// The pod's declared facts when it has no observation at all (known only from a manifest);
  /// nil when it was observed, itself or as a namespace-less pod joined to it (a manifest
  /// without a namespace filed under `default`, its pod in a `get pods` table without `-A`).
  public func declaredOnly(_ pod: StoredObject) throws -> [Fact]? {
    let all = try store.facts(of: pod)
    guard !all.contains(where: \.isPodObservation) else { return nil }
    for partner in unknownNamespaces.partners[pod.id] ?? [] where try store.facts(of: partner).contains(where: \.isPodObservation) {
      return nil
    }
    return PodQuery.newestReadings(all.filter { $0.declaration != nil })
  }

  /// One object's declared facts with each manifest text counted once: of the facts read from
  /// the same source lines (same source name, first and last line) by different imports, only
  /// the newest import's. A store written by an older podhist holds that release's reading of a
  /// manifest (without `requiredNodeAffinity`, say); importing the same file again stores the
  /// fuller reading as a new fact (its content differs), which then stands for the text instead
  /// of being counted beside it (schema/declared-and-node-facts.md, "One reading per text").
  static func newestReadings(_ declared: [Fact]) -> [Fact] {
    struct Text: Hashable { var source: String; var first: Int; var last: Int }
    var newest: [Text: Int64] = [:]
    for f in declared {
      let t = Text(source: f.provenance.source, first: f.provenance.firstLine, last: f.provenance.lastLine)
      newest[t] = max(newest[t] ?? f.provenance.importID, f.provenance.importID)
    }
    guard newest.count < declared.count else { return declared }
    return declared.filter { f in
      newest[Text(source: f.provenance.source, first: f.provenance.firstLine, last: f.provenance.lastLine)] == f.provenance.importID
    }
  }
}

