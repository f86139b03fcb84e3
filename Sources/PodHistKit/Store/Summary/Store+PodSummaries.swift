import CSQLite
import Foundation

extension Store {
  /// Whether the store holds the pod summaries (`pod_summaries`). A store made before them, or
  /// written by a program that could not keep them, has none: its listings project every pod.
  public func hasPodSummaries() throws -> Bool {
    try mapping { try db.tableNames().contains("pod_summaries") }
  }

  /// Makes the (empty) summary table; the caller fills it in the same transaction.
  func createPodSummaries() throws {
    try mapping { try db.execute(StoreSchema.podSummaries) }
  }

  /// Drops the summary table: the store then reads as one made before summaries, never wrong.
  func dropPodSummaries() throws {
    try mapping { try db.execute("DROP TABLE IF EXISTS pod_summaries") }
  }

  /// Writes `rows`, replacing the rows of the same pods.
  func writePodSummaries(_ rows: [PodSummary]) throws {
    try mapping {
      let s = try db.prepare("""
        INSERT OR REPLACE INTO pod_summaries (namespace, name, at, clock, last_import, last_import_horizon, first_at, exists_at,
          deleted, ready, status, restarts, age, ip, node, deleted_text, listed, why_status, why_restarts_low, why_restarts_high,
          cause, container, confidence, sentence, owner, since, why_at, why_clock, item)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
      for r in rows {
        s.reset()
        let l = r.line
        try s.bind([.text(r.namespace), .text(r.name), .int(r.at), .text(r.clock), .from(r.lastImport), .from(r.lastImportHorizon),
                    .from(r.firstAt), .int(r.exists ? 1 : 0), .int(r.deleted ? 1 : 0), .text(r.ready), .text(r.status),
                    .text(r.restarts), .text(r.age), .text(r.ip), .text(r.node), .text(r.deletedText), .int(l == nil ? 0 : 1),
                    .from(l?.status), .from(l?.restartsLow), .from(l?.restartsHigh), .from(l?.code), .from(l?.container),
                    .from(l?.confidence), .from(l?.sentence), .from(l?.owner), .from(l?.since), .from(l?.at), .from(l?.clock),
                    l.map { .blob($0.item) }])
        try s.run()
      }
    }
  }

  /// The summaries of the pods of `namespace` (nil: all), in kubectl's order (namespace, then
  /// name: the table's key), handed to `body` one by one; only the rows `why -A` lists with
  /// `listedOnly`; each line's JSON item only with `items`. `body` returns false to stop.
  public func podSummaries(namespace: String?, listedOnly: Bool = false, items: Bool = false,
                           _ body: (PodSummary) throws -> Bool) throws {
    var sql = "SELECT namespace, name, at, clock, last_import, last_import_horizon, first_at, exists_at, deleted, ready, status, "
      + "restarts, age, ip, node, deleted_text, listed, why_status, why_restarts_low, why_restarts_high, cause, container, "
      + "confidence, sentence, owner, since, why_at, why_clock, \(items ? "item" : "NULL") FROM pod_summaries"
    var conds: [String] = []
    if namespace != nil { conds.append("namespace = ?1") }
    if listedOnly { conds.append("listed = 1") }
    if !conds.isEmpty { sql += " WHERE " + conds.joined(separator: " AND ") }
    sql += " ORDER BY namespace, name"
    let s = try mapping { try db.prepare(sql) }
    if let namespace { try mapping { try s.bindAt(1, namespace) } }
    func opt(_ c: Int32) -> Int64? { s.isNull(c) ? nil : s.int(c) }
    func optText(_ c: Int32) -> String? { s.isNull(c) ? nil : s.text(c) }
    while try mapping({ try s.step() }) {
      let line: PodSummary.Line? = s.int(16) == 0 ? nil : PodSummary.Line(
        status: s.text(17), restartsLow: s.int(18), restartsHigh: s.int(19), code: optText(20), container: optText(21),
        confidence: optText(22), sentence: optText(23), owner: optText(24), since: opt(25), at: s.int(26), clock: optText(27),
        item: s.isNull(28) ? [] : s.blob(28))
      let row = PodSummary(namespace: s.text(0), name: s.text(1), at: s.int(2), clock: s.text(3), lastImport: opt(4),
                           lastImportHorizon: opt(5), firstAt: opt(6), exists: s.int(7) != 0, deleted: s.int(8) != 0,
                           ready: s.text(9), status: s.text(10), restarts: s.text(11), age: s.text(12), ip: s.text(13),
                           node: s.text(14), deletedText: s.text(15), line: line)
      if try !body(row) { return }
    }
  }

  /// One pass over the summaries of `namespace` (nil: all) before a table is written as it is
  /// read: for the rows that pass `filter` (an SQL condition on the table's columns), the widest
  /// cell of each of `columns` (SQLite's characters: Unicode scalars), whether any cell holds
  /// other than printable ASCII and `≥` (AGE's bound; each of those is one scalar, one character
  /// and one UTF-16 unit, else the widths may not be the table's), how many rows, and
  /// whether they span several namespaces; and how many rows of the scope are stale (`PodSummary.isStale`).
  public func podSummaryScan(_ columns: [String], namespace: String?, filter: String) throws -> PodSummaryScan {
    try mapping {
      let when = { (x: String) in "CASE WHEN \(filter) THEN \(x) END" }
      var sql = "SELECT " + columns.map { "coalesce(max(\(when("length(\($0))"))), 0)" }.joined(separator: ", ")
      sql += ", coalesce(max(\(when("(" + columns.joined(separator: " || ") + ") GLOB '*[^ -~≥]*'"))), 0)"
      sql += ", count(\(when("1"))), min(\(when("namespace"))) IS NOT max(\(when("namespace")))"
      sql += ", coalesce(sum(s.last_import IS NOT NULL AND h.last_observed IS NOT s.last_import_horizon), 0)"
      sql += " FROM pod_summaries s LEFT JOIN import_horizons h ON h.import_id = s.last_import"
      if namespace != nil { sql += " WHERE s.namespace = ?1" }
      let s = try db.prepare(sql)
      if let namespace { try s.bindAt(1, namespace) }
      guard try s.step() else { return PodSummaryScan(widths: columns.map { _ in 0 }, ascii: true, rows: 0, severalNamespaces: false, stale: 0) }
      let n = Int32(columns.count)
      return PodSummaryScan(widths: (0..<n).map { Int(s.int($0)) }, ascii: s.int(n) == 0, rows: Int(s.int(n + 1)),
                            severalNamespaces: s.int(n + 2) != 0, stale: Int(s.int(n + 3)))
    }
  }

  /// Runs the summarizer on what this transaction changed, or drops the summaries when no
  /// summarizer is set (a writer that cannot keep them): called before each import's COMMIT.
  func commitSummaries() throws {
    let changes = summaryChanges
    summaryChanges = SummaryChanges()
    guard !changes.isEmpty else { return }
    if let summarizer { try summarizer(self, changes) } else { try dropPodSummaries() }
  }
}

/// What `Store.podSummaryScan` found.
public struct PodSummaryScan: Sendable, Equatable {
  /// The widest cell of each column asked for, in Unicode scalars.
  public var widths: [Int]
  /// Whether every cell is printable ASCII or `≥` (then scalars are characters and UTF-16 units too).
  public var ascii: Bool
  /// Rows that pass the filter.
  public var rows: Int
  /// Whether they span more than one namespace.
  public var severalNamespaces: Bool
  /// Stale rows in the scope (filtered or not).
  public var stale: Int
}
