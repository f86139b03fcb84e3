import Foundation

extension PodHistService {
  /// The summaries of `pods` made afresh from the log (what an import writes for them).
  func summaries(of pods: [StoredObject]) throws -> [PodSummary] {
    let context = PodSummaries.Context(horizons: try store.importHorizons(), workloads: try query.workloads(namespace: nil),
                                       nodeFacts: try nodeFacts(), gaps: try RecordedGaps(store: store))
    return try query.mapPods(pods, listing: nil) { pod, facts, own in
      PodSummaries.summary(of: pod, facts: facts, own: own, context: context)
    }
  }

  /// The summaries of the pods of `namespace` (nil: all) as the store keeps them, stale rows
  /// (`PodSummary.isStale`) made afresh; nil when the store keeps none.
  func storedSummaries(namespace: String?, listedOnly: Bool) throws -> [PodSummary]? {
    guard try store.hasPodSummaries() else { return nil }
    let horizons = try store.importHorizons().mapValues(\.micros)
    var rows: [PodSummary] = []
    var stale: [Int] = []
    try store.podSummaries(namespace: namespace, items: listedOnly) { s in
      if s.isStale(horizons: horizons) { stale.append(rows.count); rows.append(s) } else if !listedOnly || s.line != nil { rows.append(s) }
      return true
    }
    guard !stale.isEmpty else { return rows }
    let pods = try stale.flatMap { try store.pods(named: rows[$0].name, namespace: rows[$0].namespace, prefix: false) }
    let fresh = Dictionary(try summaries(of: pods).map { (ObjectKey(kind: "Pod", namespace: $0.namespace, name: $0.name), $0) },
                           uniquingKeysWith: { a, _ in a })
    for i in stale { rows[i] = fresh[ObjectKey(kind: "Pod", namespace: rows[i].namespace, name: rows[i].name)] ?? rows[i] }
    return listedOnly ? rows.filter { $0.line != nil } : rows
  }

  /// `get pods`' table cells (NAMESPACE first, `PodListRender.row`) of every pod in scope that
  /// exists at `instant` (deleted ones only with `showDeleted`): read from the pod summaries when
  /// the store keeps them and no instant is asked, else projected.
  public func podRows(namespace: String?, at instant: Instant?, wide: Bool, showDeleted: Bool) throws -> [[String]] {
    if instant == nil, let rows = try storedSummaries(namespace: namespace, listedOnly: false) {
      return rows.filter { $0.exists && (showDeleted || !$0.deleted) }.map { PodSummaries.cells($0, wide: wide, showDeleted: showDeleted) }
    }
    return try listPods(namespace: namespace, names: [], at: instant, showDeleted: showDeleted, slice: PodSlice()) {
      PodListRender.row($0, wide: wide, showDeleted: showDeleted)
    }
  }

  /// `why -A`'s lines (and with `keepItems` each explanation's JSON item) of the pods in scope
  /// that pass `slice` (nil: all): read from the pod summaries when the store keeps them and
  /// neither an instant nor a slice is asked, else projected and explained.
  public func clusterLines(namespace: String?, at instant: Instant?, slice: PodSlice?, keepItems: Bool) throws -> [ClusterLine] {
    if instant == nil, slice == nil, let rows = try storedSummaries(namespace: namespace, listedOnly: true) {
      return rows.compactMap { s in s.line.map { PodSummaries.line(s, $0, keepItem: keepItems) } }
    }
    return try explainAll(namespace: namespace, at: instant, slice: slice) { e, state in
      ClusterLine(row: ClusterView.Row(e, state: state), item: keepItems ? ExplanationJSON.item(e) : nil, clock: e.clock, at: e.at)
    }
  }

  /// The `pods` of `namespace` (nil: all) that may exist at `instant`: those whose summary says
  /// their earliest fact is after it are left out (all pods when the store keeps no summaries,
  /// or when `instant` is relative to a dump).
  func podsMaybeExisting(_ pods: [StoredObject], namespace: String?, at instant: Instant) throws -> [StoredObject] {
    guard !instant.isDumpOffset, try store.hasPodSummaries() else { return pods }
    var later = Set<ObjectKey>()
    try store.podSummaries(namespace: namespace) { s in
      if let first = s.firstAt, first > instant.micros { later.insert(ObjectKey(kind: "Pod", namespace: s.namespace, name: s.name)) }
      return true
    }
    return later.isEmpty ? pods : pods.filter { !later.contains(ObjectKey($0)) }
  }

  /// What `verify` finds wrong with the pod summaries: a row that differs from the pod projected
  /// afresh, a pod without a row, a row without a pod. Stale rows (a stream still importing) are
  /// not compared. Empty when the store keeps none.
  func verifySummaries() throws -> [String] {
    guard try store.hasPodSummaries() else { return [] }
    let horizons = try store.importHorizons().mapValues(\.micros)
    var stored: [ObjectKey: PodSummary] = [:]
    try store.podSummaries(namespace: nil, items: true) { s in
      stored[ObjectKey(kind: "Pod", namespace: s.namespace, name: s.name)] = s
      return true
    }
    var problems: [String] = []
    for fresh in try summaries(of: try query.pods(namespace: nil)) {
      let key = ObjectKey(kind: "Pod", namespace: fresh.namespace, name: fresh.name)
      guard let row = stored.removeValue(forKey: key) else {
        problems.append("pod \(fresh.namespace)/\(fresh.name) has no summary row; `podhist reindex` rebuilds the summaries")
        continue
      }
      if row != fresh && !row.isStale(horizons: horizons) {
        problems.append("pod \(fresh.namespace)/\(fresh.name): its summary row differs from its projection (\(PodSummaries.differences(row, fresh).joined(separator: ", "))); `podhist reindex` rebuilds the summaries")
      }
    }
    for key in stored.keys.sorted() {
      problems.append("summary row for pod \(key.namespace)/\(key.name), which the index does not list")
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
    guard try store.hasPodSummaries() else { return false }
    var columns = ["namespace", "name", "ready", "status", "restarts", "age"]
    if wide { columns += ["ip", "node"] }
    if showDeleted { columns.append("deleted_text") }
    let keep = { (s: PodSummary) in s.exists && (showDeleted || !s.deleted) }
    let scan = try store.podSummaryScan(columns, namespace: namespace, filter: showDeleted ? "exists_at = 1" : "exists_at = 1 AND deleted = 0")
    guard scan.stale == 0 else { return false }
    var shape = PodTableShape(widths: scan.widths, rows: scan.rows, severalNamespaces: scan.severalNamespaces)
    if !scan.ascii {
      shape.widths = columns.map { _ in 0 }
      try store.podSummaries(namespace: namespace) { s in
        guard keep(s) else { return true }
        for (i, c) in PodSummaries.cells(s, wide: wide, showDeleted: showDeleted).enumerated() { shape.widths[i] = max(shape.widths[i], c.count) }
        return true
      }
    }
    begin(shape)
    try store.podSummaries(namespace: namespace) { s in
      guard keep(s) else { return true }
      return row(PodSummaries.cells(s, wide: wide, showDeleted: showDeleted))
    }
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
