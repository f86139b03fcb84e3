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
      if version == 0 {
        try db.execute("BEGIN IMMEDIATE")
        try db.execute(StoreSchema.version2)
        try db.execute("PRAGMA user_version = \(StoreSchema.currentVersion)")
        try db.execute("COMMIT")
      } else if version == 1 {
        try migrateFromVersion1()
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
      sql += prefix ? "name >= ?1 AND name < ?1 || char(1114111) AND substr(name, 1, length(?1)) = ?1" : "name = ?1"
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

  /// Every fact about one object, read from the chunks that hold it only, in the order they
  /// were logged. A long history spans many chunks: they are decoded on the available cores.
  public func facts(of object: StoredObject) throws -> [Fact] {
    try facts(ofEach: [object])[0]
  }

  /// The groups of one stored chunk that `wanted` picks, checksum and encoding checked.
  static func groups(chunk id: Int64, encoding: Int64, rawSize: Int, data: [UInt8], crc: Int64,
                     wanted: ((ObjectRef) -> Bool)? = nil) throws -> [ChunkGroup] {
    guard encoding == Chunk.encoding else { throw StoreError.damaged("chunk \(id) has unknown encoding \(encoding)") }
    guard Chunk.checksum(data) == UInt32(truncatingIfNeeded: crc) else {
      throw StoreError.damaged("chunk \(id) fails its checksum (the stored bytes changed)")
    }
    return try Chunk.decode(data, rawSize: rawSize, wanted: wanted)
  }

  /// The newest `observed` instant of any fact (the default "now" of queries), per clock.
  public func latestInstant() throws -> Instant? {
    try mapping { try db.scalar("SELECT max(last_observed) FROM import_horizons").map { Instant(micros: $0) } }
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
      (Int(try db.scalar("SELECT count(*) FROM log") ?? 0), Int(try db.scalar("SELECT coalesce(sum(fact_count), 0) FROM log") ?? 0),
       Int(try db.scalar("SELECT count(*) FROM objects") ?? 0))
    }
  }


  /// The object key as a fingerprint: what the import keeps in memory per object (16 bytes
  /// instead of a string per pod of a large import).
  static func objectFingerprint(_ o: ObjectRef) -> Fingerprint {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(o.kind.utf8.count + o.namespace.utf8.count + o.name.utf8.count + 2)
    bytes += o.kind.utf8; bytes.append(0x1f); bytes += o.namespace.utf8; bytes.append(0x1f); bytes += o.name.utf8
    return Fingerprint(bytes)
  }
}

extension Statement {
  func bindAt(_ idx: Int32, _ text: String) throws(SQLiteError) {
    let rc = sqlite3_bind_text(handle, idx, text, -1, podhist_sqlite_transient())
    if rc != SQLITE_OK { throw db.error(rc, sql) }
  }
}

/// An object's identity in the store: an `ObjectRef` without its uid (incarnations of one pod
/// share it). Ordered by kind, then namespace, then name: the order an import writes groups in.
struct ObjectKey: Hashable, Comparable, Sendable {
  var kind: String
  var namespace: String
  var name: String

  init(_ o: ObjectRef) { kind = o.kind; namespace = o.namespace; name = o.name }
  init(_ o: StoredObject) { kind = o.kind; namespace = o.namespace; name = o.name }
  init(kind: String, namespace: String, name: String) { self.kind = kind; self.namespace = namespace; self.name = name }

  static func < (a: ObjectKey, b: ObjectKey) -> Bool { (a.kind, a.namespace, a.name) < (b.kind, b.namespace, b.name) }

  /// `kind/namespace/name`, for messages.
  var shown: String { "\(kind)/\(namespace)/\(name)" }
}

/// An object the index knows, with its row id.
public struct StoredObject: Sendable, Hashable {
  /// The objects table's row id, what the index and chunk directories refer to.
  public var id: Int64
  /// The object's kind (`Pod` unless an Event's involved object is something else).
  public var kind: String
  /// metadata.namespace.
  public var namespace: String
  /// metadata.name.
  public var name: String
}

/// One row of the imports table.
public struct ImportRecord: Sendable, Hashable {
  /// The import's row id (Provenance.importID), increasing with each import.
  public var id: Int64
  /// Wall clock when the import ran (not when the dump was taken), UTC.
  public var importedAt: Instant
  /// The file name as given, `-`, or `--source NAME`.
  public var source: String
  /// The formats found, comma-separated (`describe,events-table`).
  public var formats: String
  /// Facts this import added to the store.
  public var factsAdded: Int
  /// Facts this import found already stored (the same content seen before).
  public var factsKnown: Int
  /// Free text: the anchor used for relative ages, the number of warnings.
  public var notes: String
}

