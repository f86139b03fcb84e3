import Foundation

extension PodHistService {
  /// The summaries of `pods` made afresh from the log (what an import writes for them).
  func summaries(of pods: [StoredObject]) throws -> [PodSummary] {
    let context = PodSummaries.Context(horizons: try store.importHorizons(), owners: try query.owners(namespace: nil),
                                       nodeFacts: try nodeFacts(), gaps: try RecordedGaps(store: store))
    return try query.mapPods(pods, listing: nil) { pod, facts, own in
      PodSummaries.summary(of: pod, facts: facts, own: own, context: context)
    }
  }

  /// The pods whose rows no listing trusts: every pod named as some pod whose paste named no
  /// namespace, and those pods (`UnknownNamespaceJoin` joins them at query time, and which pod one
  /// joins changes with what later imports add): each listing summarises them afresh, in memory.
  func joinedPods() throws -> [StoredObject] {
    let join = query.unknownNamespaces
    guard !join.target.isEmpty || !join.apart.isEmpty else { return [] }
    var seen = Set<Int64>()
    var out: [StoredObject] = []
    for u in join.apart + join.partners.values.joined().sorted(by: { $0.id < $1.id }) {
      for pod in try store.pods(named: u.name, namespace: nil, prefix: false) + [u] where seen.insert(pod.id).inserted {
        out.append(pod)
      }
    }
    return out
  }

  /// Brings the summaries up to date: the pods an import marked (and with `stale`, the rows whose
  /// instant a stream moved, `PodSummary.isStale`) are summarised afresh, and written back in a
  /// short write transaction when the store allows it without waiting (`Store.writeBackSummaries`);
  /// the pods a namespace-less paste may join (`joinedPods`) are summarised afresh, not written.
  /// Returns every pod's summary (those made afresh whether written or not); nil when the store
  /// keeps no summaries.
  func refreshSummaries(stale: Bool) throws -> StoredPodSummaries? {
    guard try store.hasPodSummaries() else { return nil }
    let join = query.unknownNamespaces
    let token = try store.summaryToken()
    let dirty = try store.dirtySummaryPods()
    var rows = dirty.all ? StoredPodSummaries() : try store.podSummaryRows()
    var pods = dirty.all ? try query.pods(namespace: nil) : dirty.pods.filter(join.isListed)
    if stale && !dirty.all {
      let horizons = try store.importHorizons().mapValues(\.micros)
      let staleIDs = Set(rows.all.filter { $0.isStale(horizons: horizons) }.map(\.id)).subtracting(pods.map(\.id))
      if !staleIDs.isEmpty { pods += try store.objects(kind: "Pod", namespace: nil).filter { staleIDs.contains($0.id) && join.isListed($0) } }
    }
    let joined = try joinedPods().filter(join.isListed)
    let joinedIDs = Set(joined.map(\.id))
    // In id order: the rows are written block by block of ids.
    let written = pods.filter { !joinedIDs.contains($0.id) }.sorted { $0.id < $1.id }
    guard !written.isEmpty || !joined.isEmpty else { return rows }
    let fresh = try summaries(of: written + joined)
    if !written.isEmpty {
      _ = store.writeBackSummaries(Array(fresh.prefix(written.count)), clearing: dirty.pods, all: dirty.all, token: token)
    }
    for r in fresh { rows.put(r) }
    return rows
  }

  /// The summaries of the pods of `namespace` (nil: all), brought up to date (`refreshSummaries`),
  /// in kubectl's order (namespace, then name: the index's); only those `why -A` lists with
  /// `listedOnly`, only those `keep` keeps. Nil when the store keeps none.
  func storedSummaries(namespace: String?, listedOnly: Bool, keep: (PodSummary) -> Bool = { _ in true }) throws -> [PodSummary]? {
    guard let rows = try refreshSummaries(stale: true) else { return nil }
    let join = query.unknownNamespaces
    // Every pod, whatever the namespace asked: the rows are checked against the whole index.
    let out = try rows.named(try store.objects(kind: "Pod", namespace: nil),
                             listed: { join.isListed($0) && UnknownNamespaceJoin.inScope($0, namespace: namespace) }) {
      (!listedOnly || $0.line != nil) && keep($0)
    }
    // As `PodQuery.pods` lists them: `default`'s scope holds the namespace-less pods too.
    guard namespace == "default", !join.apart.isEmpty else { return out }
    return out.sorted { ($0.name, $0.namespace) < ($1.name, $1.namespace) }
  }

  /// `get pods`' table cells (NAMESPACE first, `PodListRender.row`) of every pod in scope that
  /// exists at `instant` (deleted ones only with `showDeleted`): read from the pod summaries when
  /// the store keeps them and no instant is asked, else projected.
  public func podRows(namespace: String?, at instant: Instant?, wide: Bool, showDeleted: Bool) throws -> [[String]] {
    if instant == nil, let rows = try storedSummaries(namespace: namespace, listedOnly: false, keep: { $0.exists && (showDeleted || !$0.deleted) }) {
      return rows.map { PodSummaries.cells($0, wide: wide, showDeleted: showDeleted) }
    }
    return try listPods(namespace: namespace, names: [], at: instant, showDeleted: showDeleted, slice: PodSlice()) {
      PodListRender.row($0, wide: wide, showDeleted: showDeleted)
    }
  }

  /// `why -A`'s lines of the pods in scope that pass `slice` (nil: all), with each cause's
  /// sentence when `sentences` (`-o wide`) and each explanation's JSON item when `keepItems`: read
  /// from the pod summaries when the store keeps them and neither an instant nor a slice is asked
  /// (the summaries keep neither sentences nor items: then they only tell which pods are listed,
  /// and those are explained), else projected and explained.
  public func clusterLines(namespace: String?, at instant: Instant?, slice: PodSlice?, keepItems: Bool,
                           sentences: Bool = false) throws -> [ClusterLine] {
    let line = { @Sendable (e: Explanation, state: PodState) in
      ClusterLine(row: ClusterView.Row(e, state: state), item: keepItems ? ExplanationJSON.item(e) : nil, clock: e.clock, at: e.at)
    }
    if instant == nil, slice == nil, let rows = try storedSummaries(namespace: namespace, listedOnly: true) {
      guard keepItems || sentences else { return rows.compactMap { s in s.line.map { PodSummaries.line(s, $0) } } }
      let listed = Set(rows.map(\.key))
      let all = try query.pods(namespace: namespace)
      let pods = all.filter { listed.contains(ObjectKey($0)) }
      if pods.count < listed.count, let lost = listed.subtracting(pods.map(ObjectKey.init)).min() {
        throw StoreError.damaged("the index lacks pod \(lost.namespace)/\(lost.name), which the pod summaries list")
      }
      return try query.mapPods(pods, listing: IndexedPodScope(all, namespace: namespace),
                               try explainer(at: nil, slice: nil, namespace: namespace, line))
    }
    return try explainAll(namespace: namespace, at: instant, slice: slice, line)
  }

  /// The pods of `namespace` (nil: all) that may exist at `instant`: those whose summary says
  /// their earliest fact is after it are left out (all pods when the store keeps no summaries,
  /// or when `instant` is relative to a dump).
  func podsMaybeExisting(_ pods: [StoredObject], namespace: String?, at instant: Instant) throws -> [StoredObject] {
    guard !instant.isDumpOffset, let rows = try refreshSummaries(stale: false) else { return pods }
    return pods.filter { pod in
      guard let first = rows[pod.id]?.firstAt else { return true }
      return first <= instant.micros
    }
  }

  /// What `verify` finds wrong with the pod summaries: a row that differs from the pod projected
  /// afresh, a pod without a row, a row without a pod. Rows of pods an import marked, and stale
  /// rows (a stream still importing), are not compared: the next listing makes them afresh.
  /// Empty when the store keeps none.
  func verifySummaries() throws -> [String] {
    guard try store.hasPodSummaries() else { return [] }
    let dirty = try store.dirtySummaryPods()
    guard !dirty.all else { return [] }
    // The rows of the pods a namespace-less paste may join are not read (`joinedPods`).
    let joined = Set(try joinedPods().map(\.id))
    let marked = Set(dirty.pods.map(ObjectKey.init))
    let horizons = try store.importHorizons().mapValues(\.micros)
    var stored = try store.podSummaryRows().rows.filter { !joined.contains($0.key) }
    var problems: [String] = []
    for fresh in try summaries(of: try query.pods(namespace: nil).filter { !joined.contains($0.id) }) {
      let key = fresh.key
      guard var row = stored.removeValue(forKey: fresh.id) else {
        if !marked.contains(key) {
          problems.append("pod \(fresh.namespace)/\(fresh.name) has no summary row; `podhist reindex` rebuilds the summaries")
        }
        continue
      }
      row.namespace = fresh.namespace
      row.name = fresh.name
      if row != fresh && !marked.contains(key) && !row.isStale(horizons: horizons) {
        problems.append("pod \(fresh.namespace)/\(fresh.name): its summary row differs from its projection (\(PodSummaries.differences(row, fresh).joined(separator: ", "))); `podhist reindex` rebuilds the summaries")
      }
    }
    for id in stored.keys.sorted() {
      problems.append("summary row for object id \(id), which the index does not list as a pod; `podhist reindex` rebuilds the summaries")
    }
    return problems
  }

  /// A whole `get pods` listing written as it is read: the pod summaries of `namespace` (nil:
  /// all) that exist (deleted ones only with `showDeleted`), in kubectl's order (namespace, then
  /// name: the table's key, no sort). `begin` is told the table's shape first (from one pass
  /// over the summaries: the widths SQLite measures, or a pass over the cells when some are not
  /// ASCII), then `row` gets each row's cells (NAMESPACE first, `PodListRender.row`) until it
  /// returns false. False, with nothing called, when the store keeps no summaries or some are
  /// stale: the caller then lists through `podRows`.
  public func streamPodRows(namespace: String?, wide: Bool, showDeleted: Bool, begin: (PodTableShape) -> Void,
                            row: ([String]) -> Bool) throws -> Bool {
    var columns = 6
    if wide { columns += 2 }
    if showDeleted { columns += 1 }
    guard let rows = try storedSummaries(namespace: namespace, listedOnly: false, keep: { $0.exists && (showDeleted || !$0.deleted) })
    else { return false }
    var shape = PodTableShape(widths: Array(repeating: 0, count: columns), rows: rows.count, severalNamespaces: false)
    // Characters, counted fast when the cell is ASCII.
    func width(_ c: String) -> Int { c.utf8.allSatisfy { $0 < 0x80 } ? c.utf8.count : c.count }
    var previous: String?
    for s in rows {
      if s.namespace != previous {
        if previous != nil { shape.severalNamespaces = true }
        shape.widths[0] = max(shape.widths[0], width(ObjectRef.cell(namespace: s.namespace)))
        previous = s.namespace
      }
      shape.widths[1] = max(shape.widths[1], width(s.name))
      shape.widths[2] = max(shape.widths[2], width(s.ready))
      shape.widths[3] = max(shape.widths[3], width(s.status))
      shape.widths[4] = max(shape.widths[4], width(s.restarts))
      shape.widths[5] = max(shape.widths[5], width(s.age))
      if wide {
        shape.widths[6] = max(shape.widths[6], width(s.ip))
        shape.widths[7] = max(shape.widths[7], width(s.node))
      }
      if showDeleted { shape.widths[columns - 1] = max(shape.widths[columns - 1], width(s.deletedText)) }
    }
    begin(shape)
    for s in rows where !row(PodSummaries.cells(s, wide: wide, showDeleted: showDeleted)) { break }
    return true
  }
}

/// What a table written as it is read needs to know first.
public struct PodTableShape: Sendable, Equatable {
  /// The widest cell of each column (NAMESPACE first), in characters.
  public var widths: [Int]
  /// How many rows follow.
  public var rows: Int
  /// Whether they span more than one namespace.
  public var severalNamespaces: Bool
}
