import CSQLite
import Foundation

/// One podhist store: a single SQLite file holding the append-only log of compressed fact
/// chunks and the index derived from it. See schema/store.sql and schema/chunk-format.md.
public final class Store {
  /// The file path.
  public let path: String
  let db: Database

  /// Opens the store at `path`; with `create`, makes a new one when the file does not exist.
  public init(path: String, create: Bool) throws {
    self.path = path
    let exists = FileManager.default.fileExists(atPath: path)
    if !exists && !create { throw QueryError.noStore(path: path) }
    do {
      db = try Database(path: path, create: create)
      try db.execute("PRAGMA busy_timeout = 5000")
      let version = try db.scalar("PRAGMA user_version") ?? 0
      if version > StoreSchema.currentVersion { throw StoreError.tooNew(path: path, version: version) }
      if version == 0 {
        let tables = try db.scalar("SELECT count(*) FROM sqlite_master") ?? 0
        if tables > 0 { throw StoreError.notAStore(path: path, reason: "an SQLite file with other tables") }
      }
      try db.execute("PRAGMA journal_mode = WAL")
      try db.execute("PRAGMA synchronous = NORMAL")
      if version < StoreSchema.currentVersion {
        try db.execute("BEGIN IMMEDIATE")
        for v in Int(version)..<StoreSchema.migrations.count {
          try db.execute(StoreSchema.migrations[v])
        }
        try db.execute("PRAGMA user_version = \(StoreSchema.currentVersion)")
        try db.execute("COMMIT")
      }
    } catch let e as SQLiteError {
      throw Store.map(e, path: path)
    }
  }

  static func map(_ e: SQLiteError, path: String) -> any PodhistError {
    switch e.primary {
    case SQLITE_BUSY, SQLITE_LOCKED: StoreError.busy(path: path)
    case SQLITE_NOTADB: StoreError.notAStore(path: path, reason: "not an SQLite database")
    case SQLITE_CORRUPT: StoreError.damaged(e.message)
    default: StoreError.internalFailure(e.description)
    }
  }

  func mapping<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as SQLiteError { throw Store.map(e, path: path) }
  }

  /// Runs `body` as one import: one transaction for everything it appends. On a thrown error
  /// the transaction rolls back and the store is exactly as it was.
  public func importing<T>(_ body: (ImportSession) throws -> T) throws -> T {
    try mapping { try db.execute("BEGIN IMMEDIATE") }
    let session = ImportSession(store: self)
    do {
      let result = try body(session)
      try session.flushAll()
      try mapping { try db.execute("COMMIT") }
      return result
    } catch {
      try? db.execute("ROLLBACK")
      if let e = error as? SQLiteError { throw Store.map(e, path: path) }
      throw error
    }
  }

  /// The objects the index knows, optionally only pods and only one namespace, sorted.
  public func objects(kind: String? = "Pod", namespace: String? = nil) throws -> [StoredObject] {
    try mapping {
      var sql = "SELECT id, kind, namespace, name FROM objects"
      var conds: [String] = []
      var binds: [SQLValue?] = []
      if let kind { conds.append("kind = ?"); binds.append(.text(kind)) }
      if let namespace { conds.append("namespace = ?"); binds.append(.text(namespace)) }
      if !conds.isEmpty { sql += " WHERE " + conds.joined(separator: " AND ") }
      sql += " ORDER BY namespace, name, kind"
      let s = try db.prepare(sql)
      try s.bind(binds)
      var out: [StoredObject] = []
      while try s.step() {
        out.append(StoredObject(id: s.int(0), kind: s.text(1), namespace: s.text(2), name: s.text(3)))
      }
      return out
    }
  }

  /// The pods named `name` (or, with `prefix`, whose name starts with it), optionally in one
  /// namespace, sorted: found by SQLite, so a query for one pod does not read every object row.
  public func pods(named name: String, namespace: String?, prefix: Bool) throws -> [StoredObject] {
    try mapping {
      var sql = "SELECT id, kind, namespace, name FROM objects WHERE kind = 'Pod' AND "
      sql += prefix ? "substr(name, 1, length(?1)) = ?1" : "name = ?1"
      if namespace != nil { sql += " AND namespace = ?2" }
      sql += " ORDER BY namespace, name, kind"
      let s = try db.prepare(sql)
      try s.bindAt(1, name)
      if let namespace { try s.bindAt(2, namespace) }
      var out: [StoredObject] = []
      while try s.step() {
        let o = StoredObject(id: s.int(0), kind: s.text(1), namespace: s.text(2), name: s.text(3))
        if prefix ? o.name.hasPrefix(name) : o.name == name { out.append(o) }
      }
      return out
    }
  }

  /// Every fact about one object, read from its chunks only, in the order they were logged.
  public func facts(of object: StoredObject) throws -> [Fact] {
    try mapping {
      let s = try db.prepare("""
        SELECT l.id, l.raw_size, l.data, l.crc32 FROM log l
        WHERE l.id IN (SELECT chunk_id FROM chunks WHERE object_id = ?) ORDER BY l.id
        """)
      try s.bind(.int(object.id))
      var out: [Fact] = []
      while try s.step() {
        let data = s.blob(2)
        guard Chunk.checksum(data) == UInt32(truncatingIfNeeded: s.int(3)) else {
          throw StoreError.damaged("chunk \(s.int(0)) fails its checksum")
        }
        out += try Chunk.decode(data, rawSize: Int(s.int(1)))
      }
      return out
    }
  }

  /// The newest `observed` instant of any fact (the default "now" of queries), per clock.
  public func latestInstant() throws -> Instant? {
    try mapping { try db.scalar("SELECT max(last_observed) FROM chunks").map { Instant(micros: $0) } }
  }

  /// The imports, oldest first.
  public func imports() throws -> [ImportRecord] {
    try mapping {
      let s = try db.prepare("SELECT id, imported_at, source, formats, facts_added, facts_known, notes FROM imports ORDER BY id")
      var out: [ImportRecord] = []
      while try s.step() {
        out.append(ImportRecord(id: s.int(0), importedAt: Instant(micros: s.int(1)), source: s.text(2), formats: s.text(3),
                                factsAdded: Int(s.int(4)), factsKnown: Int(s.int(5)), notes: s.text(6)))
      }
      return out
    }
  }

  /// Counts for `podhist verify` and tests: chunks, facts, objects.
  public func counts() throws -> (chunks: Int, facts: Int, objects: Int) {
    try mapping {
      (Int(try db.scalar("SELECT count(*) FROM log") ?? 0), Int(try db.scalar("SELECT coalesce(sum(fact_count), 0) FROM chunks") ?? 0),
       Int(try db.scalar("SELECT count(*) FROM objects") ?? 0))
    }
  }

  static func objectKey(_ o: ObjectRef) -> String { "\(o.kind)\u{1f}\(o.namespace)\u{1f}\(o.name)" }
}

extension Statement {
  func bindAt(_ idx: Int32, _ text: String) throws(SQLiteError) {
    let rc = sqlite3_bind_text(handle, idx, text, -1, podhist_sqlite_transient())
    if rc != SQLITE_OK { throw db.error(rc, sql) }
  }
}

/// An object the index knows, with its row id.
public struct StoredObject: Sendable, Hashable {
  public var id: Int64
  public var kind: String
  public var namespace: String
  public var name: String
}

/// One row of the imports table.
public struct ImportRecord: Sendable, Hashable {
  public var id: Int64
  public var importedAt: Instant
  public var source: String
  public var formats: String
  public var factsAdded: Int
  public var factsKnown: Int
  public var notes: String
}

/// Appends facts during one import (one transaction). Facts are deduplicated by content against
/// the store and the import itself, buffered per object, and written as chunks.
public final class ImportSession {
  let store: Store
  /// Facts of one object waiting to be written, with their content hashes.
  final class Buffer {
    let ref: ObjectRef
    var facts: [Fact] = []
    var hashes: [Int64] = []
    init(ref: ObjectRef) { self.ref = ref }
  }
  /// Buffered facts per object key.
  var buffers: [String: Buffer] = [:]
  /// Content hash → where the fact waits in `buffers`, for dedup before it is written.
  var pendingHashes: [Int64: (key: String, index: Int)] = [:]
  var pending = 0
  var currentImport: Int64 = 0
  var added = 0
  var known = 0
  var objectsTouched = Set<String>()
  var hashLookup: Statement?
  var insertChunk: Statement?
  var insertChunkRow: Statement?
  var insertHash: Statement?
  var objectIDs: [String: Int64] = [:]
  /// Recently decoded chunks, for checking hash hits against the stored fact.
  var decoded: [Int64: [Fact]] = [:]
  /// The zlib stream every chunk of this session is compressed with.
  let compressor = Compressor()
  /// Whether the index held any fact when this session started (nil: not asked yet). When it
  /// did not, only hashes this session wrote can be in it, and `written` holds them, so a fact
  /// whose hash is not there needs no index lookup.
  var storeHadFacts: Bool?
  var written = Set<Int64>()
  /// The statements that find or add an object row, prepared once per session.
  var objectStatements: (Statement, Statement)?

  /// Facts per chunk before a buffer is written; and facts buffered in all before every buffer is.
  static let chunkLimit = 512
  static let pendingLimit = 20_000

  init(store: Store) { self.store = store }

  func prepared() throws(SQLiteError) -> (Statement, Statement, Statement, Statement) {
    if let a = hashLookup, let b = insertChunk, let c = insertChunkRow, let d = insertHash { return (a, b, c, d) }
    let a = try store.db.prepare("SELECT chunk_id, position FROM fact_hashes WHERE hash = ?")
    let b = try store.db.prepare(
      "INSERT INTO log (import_id, object_key, fact_count, encoding, raw_size, crc32, data) VALUES (?, ?, ?, ?, ?, ?, ?)")
    let c = try store.db.prepare(
      "INSERT INTO chunks (chunk_id, object_id, fact_count, status_count, first_observed, last_observed, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)")
    let d = try store.db.prepare("INSERT OR IGNORE INTO fact_hashes (hash, chunk_id, position) VALUES (?, ?, ?)")
    hashLookup = a; insertChunk = b; insertChunkRow = c; insertHash = d
    return (a, b, c, d)
  }

  /// Starts the record of one input file; facts added until the next `begin` belong to it.
  public func begin(source: String) throws -> Int64 {
    try flushAll()
    try store.mapping {
      let s = try store.db.prepare("INSERT INTO imports (imported_at, source) VALUES (?, ?)")
      let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
      try s.bind(.int(now), .text(source))
      try s.run()
    }
    currentImport = store.db.lastInsertRowID
    added = 0; known = 0; objectsTouched = []
    return currentImport
  }

  /// Closes the current file's record with its counts and notes.
  public func finish(formats: [String], notes: [String]) throws -> (added: Int, known: Int, objects: Int) {
    try flushAll()
    try store.mapping {
      let s = try store.db.prepare("UPDATE imports SET formats = ?, facts_added = ?, facts_known = ?, notes = ? WHERE id = ?")
      try s.bind(.text(formats.joined(separator: ",")), .int(Int64(added)), .int(Int64(known)),
                 .text(notes.joined(separator: "\n")), .int(currentImport))
      try s.run()
    }
    return (added, known, objectsTouched.count)
  }

  /// Adds one fact unless the store or this import already has the same content.
  public func append(_ fact: Fact) throws {
    var f = fact
    f.provenance.importID = currentImport
    let canonical = try FactCodec.canonical(f)
    var h = FNV1a64()
    h.add(canonical)
    let hash = Int64(bitPattern: h.value)
    let key = Store.objectKey(f.object)
    if f.object.isPod { objectsTouched.insert(key) }
    if let (k, i) = pendingHashes[hash], let other = buffers[k]?.facts[i], try FactCodec.canonical(other) == canonical {
      known += 1; return
    }
    if try storedCopy(of: canonical, hash: hash) { known += 1; return }
    added += 1
    let buffer: Buffer
    if let b = buffers[key] { buffer = b } else { buffer = Buffer(ref: f.object); buffers[key] = buffer }
    buffer.facts.append(f)
    buffer.hashes.append(hash)
    if pendingHashes[hash] == nil { pendingHashes[hash] = (key, buffer.facts.count - 1) }
    pending += 1
    if buffer.facts.count >= ImportSession.chunkLimit { try flush(key) }
    if pending >= ImportSession.pendingLimit { try flushAll() }
  }

  /// Whether the store already holds a fact with these canonical bytes (a hash hit is checked).
  func storedCopy(of canonical: [UInt8], hash: Int64) throws -> Bool {
    if storeHadFacts == nil {
      storeHadFacts = try store.mapping { (try store.db.scalar("SELECT EXISTS (SELECT 1 FROM fact_hashes)") ?? 0) != 0 }
    }
    if storeHadFacts == false && !written.contains(hash) { return false }
    let hit: (chunk: Int64, position: Int)? = try store.mapping {
      let (lookup, _, _, _) = try prepared()
      lookup.reset()
      try lookup.bind(.int(hash))
      return try lookup.step() ? (lookup.int(0), Int(lookup.int(1))) : nil
    }
    guard let hit else { return false }
    if decoded[hit.chunk] == nil {
      if decoded.count > 64 { decoded.removeAll(keepingCapacity: true) }
      decoded[hit.chunk] = try store.chunkFacts(hit.chunk)
    }
    guard let facts = decoded[hit.chunk], hit.position < facts.count else { return false }
    return try FactCodec.canonical(facts[hit.position]) == canonical
  }

  func flushAll() throws {
    for key in buffers.keys.sorted() { try flush(key) }
    pendingHashes.removeAll(keepingCapacity: true)
  }

  func flush(_ key: String) throws {
    guard let buf = buffers.removeValue(forKey: key), !buf.facts.isEmpty else { return }
    pending -= buf.facts.count
    for h in buf.hashes where pendingHashes[h]?.key == key { pendingHashes[h] = nil }
    let chunk = try Chunk.encode(buf.facts, with: compressor)
    if storeHadFacts == false { written.formUnion(buf.hashes) }
    try store.mapping {
      let objectID = try objectID(for: buf.ref, key: key)
      let (_, ins, row, hashes) = try prepared()
      ins.reset()
      try ins.bind(.int(currentImport), .text(key), .int(Int64(buf.facts.count)), .int(Chunk.encoding),
                   .int(Int64(chunk.rawSize)), .int(Int64(chunk.crc)), .blob(chunk.data))
      try ins.run()
      let chunkID = store.db.lastInsertRowID
      try Store.indexChunk(chunkID, objectID: objectID, importID: currentImport, facts: buf.facts, hashes: buf.hashes, row: row, hashRow: hashes)
    }
  }

  func objectID(for ref: ObjectRef, key: String) throws -> Int64 {
    if let id = objectIDs[key] { return id }
    if objectStatements == nil {
      objectStatements = try store.mapping {
        (try store.db.prepare("INSERT OR IGNORE INTO objects (kind, namespace, name) VALUES (?, ?, ?)"),
         try store.db.prepare("SELECT id FROM objects WHERE kind = ? AND namespace = ? AND name = ?"))
      }
    }
    guard let (ins, sel) = objectStatements else { return try Store.ensureObject(store.db, ref) }
    let id = try store.mapping { try Store.ensureObject(ref, insert: ins, select: sel) }
    objectIDs[key] = id
    return id
  }
}

extension Store {
  /// Writes the index rows of one chunk.
  static func indexChunk(_ chunkID: Int64, objectID: Int64, importID: Int64, facts: [Fact], hashes: [Int64],
                         row: Statement, hashRow: Statement) throws(SQLiteError) {
    let observed = facts.map(\.observed.micros)
    row.reset()
    try row.bind(.int(chunkID), .int(objectID), .int(Int64(facts.count)), .int(Int64(facts.filter { $0.snapshot != nil }.count)),
                 .int(observed.min() ?? 0), .int(observed.max() ?? 0), .int(importID))
    try row.run()
    for (i, h) in hashes.enumerated() {
      hashRow.reset()
      try hashRow.bind(.int(h), .int(chunkID), .int(Int64(i)))
      try hashRow.run()
    }
  }

  /// The facts of one chunk, checksum verified.
  func chunkFacts(_ id: Int64) throws -> [Fact] {
    try mapping {
      let s = try db.prepare("SELECT raw_size, data, crc32 FROM log WHERE id = ?")
      try s.bind(.int(id))
      guard try s.step() else { throw StoreError.damaged("chunk \(id) is missing") }
      let data = s.blob(1)
      guard Chunk.checksum(data) == UInt32(truncatingIfNeeded: s.int(2)) else {
        throw StoreError.damaged("chunk \(id) fails its checksum")
      }
      return try Chunk.decode(data, rawSize: Int(s.int(0)))
    }
  }

  static func ensureObject(_ db: Database, _ ref: ObjectRef) throws(SQLiteError) -> Int64 {
    let ins = try db.prepare("INSERT OR IGNORE INTO objects (kind, namespace, name) VALUES (?, ?, ?)")
    let sel = try db.prepare("SELECT id FROM objects WHERE kind = ? AND namespace = ? AND name = ?")
    return try ensureObject(ref, insert: ins, select: sel)
  }

  /// Finds or adds the object row with prepared statements (reset here).
  static func ensureObject(_ ref: ObjectRef, insert ins: Statement, select sel: Statement) throws(SQLiteError) -> Int64 {
    ins.reset()
    try ins.bind(.text(ref.kind), .text(ref.namespace), .text(ref.name))
    try ins.run()
    sel.reset()
    try sel.bind(.text(ref.kind), .text(ref.namespace), .text(ref.name))
    guard try sel.step() else { throw SQLiteError(code: SQLITE_INTERNAL, message: "object row vanished", sql: nil) }
    return sel.int(0)
  }
}
