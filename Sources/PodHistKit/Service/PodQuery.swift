import Dispatch
import Foundation

/// Reads pods out of a store and projects them: name and prefix resolution, scope (`-n`, `-A`),
/// and the instant a query describes.
public struct PodQuery {
  /// The store read.
  public let store: Store
  /// The complete pod listings the store holds: the deletions they prove are added to each
  /// pod's facts as it is read.
  public let listings: ListingIndex
  /// Pods filed under no namespace and the pods they join.
  let unknownNamespaces: UnknownNamespaceJoin
  /// A query over `store`.
  public init(store: Store) throws {
    self.store = store
    unknownNamespaces = try UnknownNamespaceJoin(store: store)
    let lists = try store.objects(kind: PodListing.objectKind)
    listings = ListingIndex(lists.isEmpty ? [] : try store.facts(ofEach: lists).flatMap { $0 })
  }



  /// The instant a query without `--at` describes the pod at: when the newest dump it appears in
  /// was taken, as far as that dump tells (its newest instant). A `kubectl get events -o json`
  /// prints no "now", but every Event in it was read then: a pod whose last Event is hours old is
  /// described at the dump's end, not at its own last Event. Nil for pods known only through
  /// relative clocks (the projection then uses the dump's own "now").
  public func defaultInstant(for facts: [Fact]) throws -> Instant? {
    let absolute = facts.filter { $0.clock == .absolute }
    guard let own = absolute.map(\.observed).max() else { return nil }
    let horizon = try Set(absolute.map(\.provenance.importID)).compactMap { try store.importHorizon($0) }.max()
    return max(own, horizon ?? own)
  }

  /// `defaultInstant(for:)` with every import's horizon known beforehand (`Store.importHorizons()`),
  /// for views over many pods: no store read per pod.
  public static func defaultInstant(for facts: [Fact], horizons: [Int64: Instant]) -> Instant? {
    var own: Instant?
    var horizon: Instant?
    for f in facts where f.clock == .absolute {
      own = max(own ?? f.observed, f.observed)
      if let h = horizons[f.provenance.importID] { horizon = max(horizon ?? h, h) }
    }
    guard let own else { return nil }
    return max(own, horizon ?? own)
  }

  /// `transform` of every pod in scope (`pods(namespace:)`'s order) and its facts in event-time
  /// order (as `facts(of:)` gives them), nil results left out: the whole-store views. The store
  /// is read `batch` pods at a time on this thread while the previous batch is transformed on
  /// the available cores (`transform` must be pure); the results keep the pods' order.
  public func mapPods<R: Sendable>(namespace: String?, batch: Int = 4_096,
                                   _ transform: @escaping @Sendable (StoredObject, [Fact]) -> R?) throws -> [R] {
    try mapPods(namespace: namespace, batch: batch) { pod, observed, _ in transform(pod, observed) }
  }

  /// `mapPods` with each pod's own declared facts (its Pod manifests) beside its observations.
  public func mapPods<R: Sendable>(namespace: String?, batch: Int = 4_096,
                                   _ transform: @escaping @Sendable (StoredObject, [Fact], [Fact]) -> R?) throws -> [R] {
    let pods = try pods(namespace: namespace)
    let join = unknownNamespaces
    // The listing the index check compares chunks with holds the joined pods too.
    let listing = IndexedPodScope(pods + pods.flatMap { join.partners[$0.id] ?? [] }, namespace: namespace)
    return try mapPods(pods, listing: listing, batch: batch, transform)
  }

  /// `mapPods` over the pods given (in their order); `listing`, when they are a whole scope,
  /// lets the chunk reads find pods the index lacks (`Store.facts(ofEach:listing:)`).
  func mapPods<R: Sendable>(_ pods: [StoredObject], listing: IndexedPodScope?, batch: Int = 4_096,
                            _ transform: @escaping @Sendable (StoredObject, [Fact], [Fact]) -> R?) throws -> [R] {
    let join = unknownNamespaces
    var out: [R] = []
    let listings = self.listings
    var running: (done: DispatchGroup, results: BatchResults<R>)?
    // However this ends, no batch is left running.
    defer { running?.done.wait() }
    var start = 0
    while start < pods.count {
      let slice = Array(pods[start..<min(pods.count, start + max(1, batch))])
      let joined = slice.flatMap { join.partners[$0.id] ?? [] }
      let read = try store.facts(ofEach: slice + joined, listing: listing)
      var partnerFacts: [Int64: [[Fact]]] = [:]
      for (p, facts) in zip(joined, read.dropFirst(slice.count)) {
        if let t = join.target[p.id] { partnerFacts[t.id, default: []].append(facts) }
      }
      let items = zip(slice, read).map { pod, facts in
        (pod, UnknownNamespaceJoin.merged(facts, into: pod, partnerFacts: partnerFacts[pod.id] ?? []))
      }
      if let (done, results) = running {
        done.wait()
        out += results.values.compactMap { $0 }
        running = nil
      }
      let done = DispatchGroup()
      let results = BatchResults<R>()
      DispatchQueue.global().async(group: done) {
        results.values = parallelMap(items) { pod, facts in
          let (observed, declared) = PodQuery.split(facts)
          let derived = listings.deletions(for: observed)
          return transform(pod, PodQuery.inEventTimeOrder(derived.isEmpty ? observed : observed + derived), declared)
        }
      }
      running = (done, results)
      start += slice.count
    }
    if let (done, results) = running {
      done.wait()
      out += results.values.compactMap { $0 }
      running = nil
    }
    return out
  }

  /// The pods in scope: one namespace, or all with `namespace == nil`. A pod whose paste named no
  /// namespace is listed under the pod it joins, else on its own, in `default`'s scope too.
  public func pods(namespace: String?) throws -> [StoredObject] {
    let join = unknownNamespaces
    var pods = try store.objects(kind: "Pod", namespace: namespace).filter(join.isListed)
    if namespace == "default", !join.apart.isEmpty {
      pods = (pods + join.apart).sorted { ($0.name, $0.namespace) < ($1.name, $1.namespace) }
    }
    return pods
  }

  /// Resolves POD: an exact name, else a unique prefix, else a unique suffix (docs/cli.md). Exit 1
  /// when nothing matches, exit 2 listing candidates when the prefix or suffix is ambiguous.
  public func resolve(_ name: String, namespace: String?) throws -> StoredObject {
    let join = unknownNamespaces
    let scoped = { (o: StoredObject) in join.isListed(o) && UnknownNamespaceJoin.inScope(o, namespace: namespace) }
    let exact = try store.pods(named: name, namespace: nil, prefix: false).filter(scoped)
    if exact.count == 1 { return exact[0] }
    if exact.count > 1 {
      throw QueryError.ambiguousPod(name, candidates: exact.map { ObjectRef.shown(namespace: $0.namespace, name: $0.name) })
    }
    let prefixed = try store.pods(named: name, namespace: nil, prefix: true).filter(scoped)
    if prefixed.count == 1 { return prefixed[0] }
    if prefixed.isEmpty {
      // Else a unique suffix (docs/cli.md): the random tail of a Deployment's pod, `9wfxl`.
      let suffixed = try pods(namespace: namespace).filter { $0.name.hasSuffix(name) }
      if suffixed.count == 1 { return suffixed[0] }
      if suffixed.isEmpty { throw QueryError.podNotFound(name) }
      throw QueryError.ambiguousPod(name, candidates: suffixed.map { ObjectRef.shown(namespace: $0.namespace, name: $0.name) })
    }
    throw QueryError.ambiguousPod(name, candidates: prefixed.map { ObjectRef.shown(namespace: $0.namespace, name: $0.name) })
  }

  /// The pod's observations (Events and status snapshots, not declarations), in event-time order.
  public func facts(of pod: StoredObject) throws -> [Fact] {
    let partners = unknownNamespaces.partners[pod.id] ?? []
    let facts = UnknownNamespaceJoin.merged(try store.facts(of: pod), into: pod,
                                            partnerFacts: try partners.map { try store.facts(of: $0) }).filter(\.isPodObservation)
    return (facts + listings.deletions(for: facts)).sorted(by: PodQuery.eventTimeOrder)
  }

  /// `facts.sorted(by: eventTimeOrder)`, without the sort when they already are (a stable
  /// sort leaves such an array as it is).
  static func inEventTimeOrder(_ facts: [Fact]) -> [Fact] {
    if facts.indices.dropFirst().allSatisfy({ !eventTimeOrder(facts[$0], facts[$0 - 1]) }) { return facts }
    return facts.sorted(by: eventTimeOrder)
  }

  /// Orders facts by when they were observed, then by source position (stable across imports).
  public static func eventTimeOrder(_ a: Fact, _ b: Fact) -> Bool {
    if a.observed != b.observed { return a.observed < b.observed }
    if a.provenance.source != b.provenance.source { return a.provenance.source < b.provenance.source }
    return a.provenance.firstLine < b.provenance.firstLine
  }
}
