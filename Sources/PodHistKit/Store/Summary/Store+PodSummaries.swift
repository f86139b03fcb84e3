import CSQLite
import Foundation

extension Store {
  /// Whether the store holds the pod summaries (schema/pod-summaries.sql). A store made before
  /// them, or written by a program that could not keep them, has none: its listings project every pod.
  public func hasPodSummaries() throws -> Bool {
    try mapping { try Store.hasPodSummaries(db) }
  }

  static func hasPodSummaries(_ db: Database) throws(SQLiteError) -> Bool {
    let tables = try db.tableNames()
    return tables.contains("pod_summaries") && tables.contains("pod_summary_dirty") && tables.contains("pod_summary_words")
  }

  /// Makes the (empty) summary tables, replacing any of another shape.
  func createPodSummaries() throws {
    try dropPodSummaries()
    try mapping { try db.execute(StoreSchema.podSummaries) }
  }

  /// Drops the summary tables: the store then reads as one made before summaries, never wrong.
  func dropPodSummaries() throws {
    try mapping {
      for t in ["pod_summaries", "pod_summary_words", "pod_summary_dirty"] { try db.execute("DROP TABLE IF EXISTS \(t)") }
    }
  }

  /// Marks what this transaction changed for summarising (called before each import's COMMIT):
  /// the pods it added facts to, every pod of a namespace it added a complete listing of, every
  /// pod (id 0) when it added facts that any pod's explanation may read or when the store had no
  /// summaries yet. A writer that cannot keep them (`keepsSummaries` false) drops them instead.
  func commitSummaries() throws {
    let changes = summaryChanges
    summaryChanges = SummaryChanges()
    guard !changes.isEmpty else { return }
    guard keepsSummaries else { return try dropPodSummaries() }
    if try !hasPodSummaries() {
      try createPodSummaries()
      try mapping { try db.execute("INSERT INTO pod_summary_dirty VALUES (0)") }
      return
    }
    try mapping {
      if changes.all { return try db.execute("INSERT OR IGNORE INTO pod_summary_dirty VALUES (0)") }
      if try db.scalar("SELECT count(*) FROM pod_summary_dirty WHERE object_id = 0") != 0 { return }
      if !changes.namespaces.isEmpty {
        let s = try db.prepare("INSERT OR IGNORE INTO pod_summary_dirty SELECT id FROM objects WHERE kind = 'Pod' AND namespace = ?")
        for ns in changes.namespaces.sorted() { s.reset(); try s.bind(.text(ns)); try s.run() }
      }
      let s = try db.prepare("INSERT OR IGNORE INTO pod_summary_dirty SELECT id FROM objects WHERE name = ? AND namespace = ? AND kind = 'Pod'")
      for pod in changes.pods where !changes.namespaces.contains(pod.namespace) {
        s.reset(); try s.bind(.text(pod.name), .text(pod.namespace)); try s.run()
      }
    }
  }

  /// The pods marked for summarising: every pod (`all`), or those listed.
  public func dirtySummaryPods() throws -> (all: Bool, pods: [StoredObject]) {
    try mapping {
      if try db.scalar("SELECT count(*) FROM pod_summary_dirty WHERE object_id = 0") != 0 { return (true, []) }
      guard try db.scalar("SELECT EXISTS (SELECT 1 FROM pod_summary_dirty)") == 1 else { return (false, []) }
      let s = try db.prepare("""
        SELECT o.id, o.kind, o.namespace, o.name FROM objects o JOIN pod_summary_dirty d ON d.object_id = o.id
        WHERE o.kind = 'Pod' ORDER BY o.namespace, o.name
        """)
      var out: [StoredObject] = []
      while try s.step() { out.append(StoredObject(id: s.int(0), kind: s.text(1), namespace: s.text(2), name: s.text(3))) }
      return (false, out)
    }
  }

  /// The keys of the rows whose newest import's horizon moved past their instant (`PodSummary.isStale`).
  func stalePodSummaries() throws -> [ObjectKey] {
    try mapping {
      let s = try db.prepare("""
        SELECT s.namespace, s.name FROM pod_summaries s LEFT JOIN import_horizons h ON h.import_id = s.last_import
        WHERE s.last_import IS NOT NULL AND (h.last_observed IS NULL OR h.last_observed > s.at)
        """)
      var out: [ObjectKey] = []
      while try s.step() { out.append(ObjectKey(kind: "Pod", namespace: s.text(0), name: s.text(1))) }
      return out
    }
  }

  /// What the store has committed so far, as far as summaries care: the newest chunk and import
  /// (an import adds both; `reindex` rebuilds from the same log).
  func summaryToken() throws -> [Int64] {
    try mapping { try Store.summaryToken(db) }
  }

  private static func summaryToken(_ db: Database) throws(SQLiteError) -> [Int64] {
    [try db.scalar("SELECT coalesce(max(id), 0) FROM log") ?? 0, try db.scalar("SELECT coalesce(max(id), 0) FROM imports") ?? 0]
  }

  /// Writes `rows` back and clears the marks of `pods` (every mark with `all`) in a short write
  /// transaction of a connection of its own, unless that would wait or fail: the store is read-only,
  /// another writer holds the lock, or it committed since `token` was read. True when written.
  func writeBackSummaries(_ rows: [PodSummary], clearing pods: [StoredObject], all: Bool, token: [Int64]) -> Bool {
    guard let db = try? Database(path: path, mode: .readWrite) else { return false }
    do {
      try db.execute("PRAGMA busy_timeout = 0")
      try db.execute("PRAGMA synchronous = NORMAL")
      try db.execute("BEGIN IMMEDIATE")
    } catch {
      return false
    }
    do {
      guard try Store.hasPodSummaries(db), try Store.summaryToken(db) == token,
            StoreFile.inode(path) == inode else { try? db.execute("ROLLBACK"); return false }
      try Store.writePodSummaries(rows, db)
      if all {
        try db.execute("DELETE FROM pod_summary_dirty")
      } else {
        let s = try db.prepare("DELETE FROM pod_summary_dirty WHERE object_id = ?")
        for p in pods { s.reset(); try s.bind(.int(p.id)); try s.run() }
      }
      try db.execute("COMMIT")
      return true
    } catch {
      try? db.execute("ROLLBACK")
      return false
    }
  }

  /// Writes `rows` in this connection's transaction (`reindex`), replacing the rows of the same pods.
  func writePodSummaries(_ rows: [PodSummary]) throws {
    try mapping { try Store.writePodSummaries(rows, db) }
  }

  private static func writePodSummaries(_ rows: [PodSummary], _ db: Database) throws(SQLiteError) {
    var words: [String: Int64] = [:]
    let read = try db.prepare("SELECT id, word FROM pod_summary_words")
    while try read.step() { words[read.text(1)] = read.int(0) }
    let add = try db.prepare("INSERT INTO pod_summary_words (id, word) VALUES (?, ?)")
    var next = (words.values.max() ?? 0) + 1
    func word(_ w: String?) throws(SQLiteError) -> SQLValue? {
      guard let w else { return nil }
      if let id = words[w] { return .int(id) }
      add.reset()
      try add.bind(.int(next), .text(w))
      try add.run()
      words[w] = next
      next += 1
      return .int(next - 1)
    }
    let s = try db.prepare("""
      INSERT OR REPLACE INTO pod_summaries (namespace, name, at, relative, last_import, first_at, exists_at, deleted, ready, status,
        restarts, age, ip, node, deleted_text, listed, why_status, why_restarts_low, why_restarts_high, cause, container,
        confidence, owner, since, why_at, why_clock)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    for r in rows {
      s.reset()
      let l = r.line
      try s.bind([.text(r.namespace), .text(r.name), .int(r.at), .int(r.clock == "relative" ? 1 : 0), .from(r.lastImport),
                  .from(r.firstAt), .int(r.exists ? 1 : 0), .int(r.deleted ? 1 : 0), .text(r.ready), try word(r.status),
                  .text(r.restarts), .text(r.age), .text(r.ip), try word(r.node), .text(r.deletedText), .int(l == nil ? 0 : 1),
                  try word(l.flatMap { $0.status == r.status ? nil : $0.status }), .from(l?.restartsLow), .from(l?.restartsHigh),
                  try word(l?.code), try word(l?.container), try word(l?.confidence), try word(l?.owner), .from(l?.since),
                  l.flatMap { $0.at == r.at ? nil : .int($0.at) }, l?.clock.map { .int($0 == "relative" ? 1 : 0) }])
      try s.run()
    }
  }

  /// The summaries of the pods of `namespace` (nil: all), in kubectl's order (namespace, then
  /// name: the table's key), handed to `body` one by one; only the rows `why -A` lists with
  /// `listedOnly`. `body` returns false to stop.
  public func podSummaries(namespace: String?, listedOnly: Bool = false, _ body: (PodSummary) throws -> Bool) throws {
    var words: [Int64: String] = [:]
    try mapping {
      let w = try db.prepare("SELECT id, word FROM pod_summary_words")
      while try w.step() { words[w.int(0)] = w.text(1) }
    }
    var sql = "SELECT namespace, name, at, relative, last_import, first_at, exists_at, deleted, ready, status, restarts, age, ip, "
      + "node, deleted_text, listed, why_status, why_restarts_low, why_restarts_high, cause, container, confidence, owner, since, "
      + "why_at, why_clock FROM pod_summaries"
    var conds: [String] = []
    if namespace != nil { conds.append("namespace = ?1") }
    if listedOnly { conds.append("listed = 1") }
    if !conds.isEmpty { sql += " WHERE " + conds.joined(separator: " AND ") }
    sql += " ORDER BY namespace, name"
    let s = try mapping { try db.prepare(sql) }
    if let namespace { try mapping { try s.bindAt(1, namespace) } }
    func opt(_ c: Int32) -> Int64? { s.isNull(c) ? nil : s.int(c) }
    func word(_ c: Int32) -> String? { s.isNull(c) ? nil : words[s.int(c)] ?? "" }
    func clock(_ c: Int32) -> String? { s.isNull(c) ? nil : s.int(c) == 1 ? "relative" : "absolute" }
    while try mapping({ try s.step() }) {
      let at = s.int(2)
      let status = word(9) ?? ""
      let line: PodSummary.Line? = s.int(15) == 0 ? nil : PodSummary.Line(
        status: word(16) ?? status, restartsLow: s.int(17), restartsHigh: s.int(18), code: word(19), container: word(20),
        confidence: word(21), owner: word(22), since: opt(23), at: opt(24) ?? at, clock: clock(25))
      let row = PodSummary(namespace: s.text(0), name: s.text(1), at: at, clock: clock(3) ?? "absolute", lastImport: opt(4),
                           firstAt: opt(5), exists: s.int(6) != 0, deleted: s.int(7) != 0, ready: s.text(8), status: status,
                           restarts: s.text(10), age: s.text(11), ip: s.text(12), node: word(13) ?? "", deletedText: s.text(14),
                           line: line)
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
      // Words are read through their ids.
      let cell = { (c: String) in ["status", "node"].contains(c) ? "w_\(c).word" : "s.\(c)" }
      let when = { (x: String) in "CASE WHEN \(filter) THEN \(x) END" }
      var sql = "SELECT " + columns.map { "coalesce(max(\(when("length(\(cell($0)))"))), 0)" }.joined(separator: ", ")
      sql += ", coalesce(max(\(when("(" + columns.map(cell).joined(separator: " || ") + ") GLOB '*[^ -~≥]*'"))), 0)"
      sql += ", count(\(when("1"))), min(\(when("s.namespace"))) IS NOT max(\(when("s.namespace")))"
      sql += ", coalesce(sum(s.last_import IS NOT NULL AND (h.last_observed IS NULL OR h.last_observed > s.at)), 0)"
      sql += " FROM pod_summaries s LEFT JOIN import_horizons h ON h.import_id = s.last_import"
      for c in ["status", "node"] where columns.contains(c) { sql += " LEFT JOIN pod_summary_words w_\(c) ON w_\(c).id = s.\(c)" }
      if namespace != nil { sql += " WHERE s.namespace = ?1" }
      let s = try db.prepare(sql)
      if let namespace { try s.bindAt(1, namespace) }
      guard try s.step() else { return PodSummaryScan(widths: columns.map { _ in 0 }, ascii: true, rows: 0, severalNamespaces: false, stale: 0) }
      let n = Int32(columns.count)
      return PodSummaryScan(widths: (0..<n).map { Int(s.int($0)) }, ascii: s.int(n) == 0, rows: Int(s.int(n + 1)),
                            severalNamespaces: s.int(n + 2) != 0, stale: Int(s.int(n + 3)))
    }
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
