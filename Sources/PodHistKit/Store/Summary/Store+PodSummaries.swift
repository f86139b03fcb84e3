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
    return tables.contains("pod_summary_blocks") && tables.contains("pod_summary_dirty") && tables.contains("pod_summary_words")
  }

  /// Makes the (empty) summary tables, replacing any of another shape.
  func createPodSummaries() throws {
    try dropPodSummaries()
    try mapping { try db.execute(StoreSchema.podSummaries) }
  }

  /// Drops the summary tables (and those of an earlier shape, a row per pod): the store then reads
  /// as one made before summaries, never wrong.
  func dropPodSummaries() throws {
    try mapping {
      for t in ["pod_summary_blocks", "pod_summaries", "pod_summary_words", "pod_summary_dirty", "pod_summary_program", "pod_listing_heads"] { try db.execute("DROP TABLE IF EXISTS \(t)") }
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
      // Rows another program made: every pod is made afresh.
      if try !Store.summariesMadeHere(db) { return (true, []) }
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

  /// Whether this program made the rows (`pod_summary_program`); a store without the table
  /// (made before it) holds rows of another.
  static func summariesMadeHere(_ db: Database) throws(SQLiteError) -> Bool {
    guard try db.tableNames().contains("pod_summary_program") else { return false }
    let s = try db.prepare("SELECT identity FROM pod_summary_program")
    var all: [String] = []
    while try s.step() { all.append(s.text(0)) }
    return all == [Store.programIdentity]
  }

  /// Records this program as the maker of every row (after every pod was summarised).
  static func markSummariesMadeHere(_ db: Database) throws(SQLiteError) {
    try db.execute(StoreSchema.summaryProgram)
    try db.execute("DELETE FROM pod_summary_program")
    let s = try db.prepare("INSERT INTO pod_summary_program (identity) VALUES (?)")
    try s.bind(.text(Store.programIdentity))
    try s.run()
  }

  /// `markSummariesMadeHere` in this connection's transaction (`reindex`).
  func markSummariesMadeHere() throws {
    try mapping { try Store.markSummariesMadeHere(db) }
  }

  /// What the store has committed so far, as far as summaries care: the newest chunk and import
  /// (an import adds both; `reindex` rebuilds from the same log).
  func summaryToken() throws -> [Int64] {
    try mapping { try Store.summaryToken(db) }
  }

  static func summaryToken(_ db: Database) throws(SQLiteError) -> [Int64] {
    [try db.scalar("SELECT coalesce(max(id), 0) FROM log") ?? 0, try db.scalar("SELECT coalesce(max(id), 0) FROM imports") ?? 0]
  }

  /// Writes `rows` back and clears the marks of `pods` (every mark with `all`) in a short write
  /// transaction of a connection of its own, unless that would wait or fail: the store is read-only,
  /// another writer holds the lock, or it committed since `token` was read. True when written.
  func writeBackSummaries(_ rows: [PodSummary], clearing pods: [StoredObject], all: Bool, token: [Int64]) -> Bool {
    writeBriefly { db in
      guard try Store.summaryToken(db) == token else { return false }
      try Store.writePodSummaries(rows, replacingAll: all, db)
      if all {
        try db.execute("DELETE FROM pod_summary_dirty")
        try Store.markSummariesMadeHere(db)
      } else {
        let s = try db.prepare("DELETE FROM pod_summary_dirty WHERE object_id = ?")
        for p in pods { s.reset(); try s.bind(.int(p.id)); try s.run() }
      }
      return true
    }
  }

  /// Runs `body` in a short write transaction of a connection of its own, for what a reader adds
  /// to the derived summary tables, unless that would wait or fail: the store is read-only, another
  /// writer holds the lock, the file was replaced, or it keeps no summaries. Commits when `body`
  /// returns true, else rolls back; true when committed.
  func writeBriefly(_ body: (Database) throws -> Bool) -> Bool {
    guard let db = try? Database(path: path, mode: .readWrite) else { return false }
    do {
      try db.execute("PRAGMA busy_timeout = 0")
      try db.execute("PRAGMA synchronous = NORMAL")
      try db.execute("BEGIN IMMEDIATE")
    } catch {
      return false
    }
    do {
      guard try Store.hasPodSummaries(db), StoreFile.inode(path) == inode, try body(db) else {
        try? db.execute("ROLLBACK")
        return false
      }
      try db.execute("COMMIT")
      return true
    } catch {
      try? db.execute("ROLLBACK")
      return false
    }
  }

  /// Writes `rows` in this connection's transaction (`reindex`), replacing the rows of the same
  /// pods; with `replacingAll`, every other row is dropped.
  func writePodSummaries(_ rows: [PodSummary], replacingAll: Bool = false) throws {
    try mapping { try Store.writePodSummaries(rows, replacingAll: replacingAll, db) }
  }

  private static func writePodSummaries(_ rows: [PodSummary], replacingAll: Bool, _ db: Database) throws {
    var words: [String: Int64] = [:]
    var names: [Int64: String] = [:]
    let read = try db.prepare("SELECT id, word FROM pod_summary_words")
    while try read.step() { words[read.text(1)] = read.int(0); names[read.int(0)] = read.text(1) }
    let add = try db.prepare("INSERT INTO pod_summary_words (id, word) VALUES (?, ?)")
    var next = (words.values.max() ?? 0) + 1
    func word(_ w: String?) throws -> UInt64 {
      guard let w else { return 0 }
      if let id = words[w] { return UInt64(id) }
      add.reset()
      try add.bind(.int(next), .text(w))
      try add.run()
      words[w] = next
      next += 1
      return UInt64(next - 1)
    }
    if replacingAll { try db.execute("DELETE FROM pod_summary_blocks") }
    // By block of ids, without a second copy of the rows when they come in id order.
    var inOrder = true
    for i in rows.indices.dropFirst() where rows[i - 1].id > rows[i].id { inOrder = false; break }
    let ordered = inOrder ? rows : rows.sorted { $0.id < $1.id }
    let old = try db.prepare("SELECT names, raw_size, rows FROM pod_summary_blocks WHERE block = ?")
    let put = try db.prepare("INSERT OR REPLACE INTO pod_summary_blocks (block, names, raw_size, rows) VALUES (?, ?, ?, ?)")
    let compressor = Compressor()
    var start = ordered.startIndex
    while start < ordered.endIndex {
      let block = ordered[start].id / PodSummaryBlock.size
      var end = start
      while end < ordered.endIndex, ordered[end].id / PodSummaryBlock.size == block { end += 1 }
      let fresh = ordered[start..<end]
      start = end
      var merged: [Int64: PodSummary] = [:]
      var digest: UInt64 = 0
      old.reset()
      try old.bind(.int(block))
      if try old.step() {
        digest = UInt64(bitPattern: old.int(0))
        for r in try PodSummaryBlock.decode(try Chunk.inflate(old.blob(2), rawSize: Int(old.int(1))), block: block, words: names) { merged[r.id] = r }
      }
      // A pod's names are those it had (an id is never reused): only a new row adds to the digest.
      for r in fresh {
        if merged.updateValue(r, forKey: r.id) == nil { digest &+= PodSummaryBlock.nameDigest(id: r.id, namespace: r.namespace, name: r.name) }
      }
      let raw = try PodSummaryBlock.encode(Array(merged.values), block: block, word: word)
      put.reset()
      try put.bind(.int(block), .int(Int64(bitPattern: digest)), .int(Int64(raw.count)), .blob(try compressor.deflate(raw)))
      try put.run()
    }
  }

  /// Every summary row the store keeps, by object id, with empty names (`PodSummaryBlock.decode`),
  /// and each block's digest of its pods' names (`PodSummaryBlock.nameDigest`).
  func podSummaryRows() throws -> StoredPodSummaries {
    try mapping {
      var words: [Int64: String] = [:]
      let w = try db.prepare("SELECT id, word FROM pod_summary_words")
      while try w.step() { words[w.int(0)] = w.text(1) }
      var out = StoredPodSummaries()
      let s = try db.prepare("SELECT block, names, raw_size, rows FROM pod_summary_blocks")
      while try s.step() {
        let block = s.int(0)
        out.names[block] = UInt64(bitPattern: s.int(1))
        try PodSummaryBlock.decode(try Chunk.inflate(s.blob(3), rawSize: Int(s.int(2))), block: block, words: words, into: &out.all)
      }
      out.position.reserveCapacity(out.all.count)
      for (i, r) in out.all.enumerated() { out.position[r.id] = i }
      return out
    }
  }

  /// The summaries of the pods of `namespace` (nil: all), in kubectl's order (namespace, then
  /// name), handed to `body` one by one; only the rows `why -A` lists with `listedOnly`. A pod
  /// without a row is left out. `body` returns false to stop.
  public func podSummaries(namespace: String?, listedOnly: Bool = false, _ body: (PodSummary) throws -> Bool) throws {
    var rows = try podSummaryRows().rows
    for pod in try objects(kind: "Pod", namespace: namespace) {
      guard var row = rows.removeValue(forKey: pod.id) else { continue }
      if listedOnly && row.line == nil { continue }
      row.namespace = pod.namespace
      row.name = pod.name
      if try !body(row) { return }
    }
  }
}

/// The pod summaries a store keeps (`Store.podSummaryRows`).
struct StoredPodSummaries: Sendable {
  /// The rows, names empty (one per pod), and where each pod's is, by object id.
  var all: [PodSummary] = []
  var position: [Int64: Int] = [:]
  /// Each block's digest of its pods' names (`PodSummaryBlock.nameDigest`).
  var names: [Int64: UInt64] = [:]

  /// The rows by object id.
  var rows: [Int64: PodSummary] { Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b }) }

  /// The row of the pod of object id `id`.
  subscript(id: Int64) -> PodSummary? { position[id].map { all[$0] } }

  /// Adds or replaces the row of a pod (`row` has its names).
  mutating func put(_ row: PodSummary) {
    if let i = position[row.id] {
      all[i] = row
    } else {
      position[row.id] = all.count
      all.append(row)
      names[row.id / PodSummaryBlock.size, default: 0] &+= PodSummaryBlock.nameDigest(id: row.id, namespace: row.namespace, name: row.name)
    }
  }

  /// The rows of the pods `listed` lists, in the order of `pods` (every pod the index lists, in
  /// kubectl's order), named; only those `keep` keeps. Throws when the index and the
  /// rows disagree: a row of an object the index does not list as a pod, or names that differ
  /// from those the rows were made for (a damaged index; `reindex` rebuilds it).
  func named(_ pods: [StoredObject], listed: (StoredObject) -> Bool, keep: (PodSummary) -> Bool) throws -> [PodSummary] {
    var seen = 0
    var digests: [Int64: UInt64] = [:]
    var out: [PodSummary] = []
    out.reserveCapacity(pods.count)
    for pod in pods {
      guard let i = position[pod.id] else { continue }
      seen += 1
      digests[pod.id / PodSummaryBlock.size, default: 0] &+= PodSummaryBlock.nameDigest(id: pod.id, namespace: pod.namespace, name: pod.name)
      guard listed(pod), keep(all[i]) else { continue }
      out.append(all[i])
      out[out.count - 1].namespace = pod.namespace
      out[out.count - 1].name = pod.name
    }
    if seen < all.count {
      let ids = Set(pods.map(\.id))
      let lost = position.keys.filter { !ids.contains($0) }.min() ?? 0
      throw StoreError.damaged("the index lacks the pod of object id \(lost), which the pod summaries hold; `podhist reindex` rebuilds the index")
    }
    for (block, digest) in digests where names[block] != digest {
      throw StoreError.damaged("the index names the pods of object ids \(block * PodSummaryBlock.size)–\((block + 1) * PodSummaryBlock.size - 1) otherwise than the pod summaries were made for; `podhist reindex` rebuilds the index")
    }
    return out
  }
}
