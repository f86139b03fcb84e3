import CSQLite
import Foundation

/// One podhist store: a single SQLite file holding the append-only log of compressed fact
/// chunks and the index derived from it. See schema/store.sql and schema/chunk-format.md.
public final class Store {
  /// The file path.
  public let path: String
  let db: Database

  /// How a store is opened.
  public enum Access: Sendable {
    /// Queries and `verify`: nothing is written (a store in a read-only folder can be read).
    case read
    /// Writes an existing store (`reindex`).
    case write
    /// Writes, making a new store when the path holds nothing or a 0-byte file (`import`).
    case create
  }

  /// The inode the store was opened on: an import checks it under the write lock, so a store
  /// file removed by a concurrent failed first import is never written to (its writes would be lost).
  let inode: UInt64?

  /// What the open import transaction changed that the pod summaries derive from.
  var summaryChanges = SummaryChanges()
  /// Whether each import marks the pods it touched for summarising (set by the service that
  /// opens the store for writing); when false, an import drops the summaries (`commitSummaries`).
  var keepsSummaries = false

  /// Opens the store at `path`; with `create`, makes a new one when the file does not exist.
  public convenience init(path: String, create: Bool) throws {
    try self.init(path: path, access: create ? .create : .write)
  }

  /// Opens the store at `path` for `access`. A file that is not a podhist store (not SQLite, too
  /// small, a foreign SQLite database of any user_version) is refused before anything writes to
  /// it; a 0-byte file holds no store (an import may make one there); a new store's schema is
  /// created in one transaction that a concurrent creator waits for, and then found made.
  public init(path: String, access: Access) throws {
    self.path = path
    let file = StoreFile.inspect(path)
    switch file {
    case .missing: if access != .create { throw QueryError.noStore(path: path) }
    case .empty: if access != .create { throw QueryError.emptyStore(path: path) }
    case let .foreign(reason): throw StoreError.notAStore(path: path, reason: reason)
    case .sqlite: break
    }
    do {
      var version: Int64 = 0
      if file == .sqlite { version = try Store.checkSchema(path) }
      if access == .read && (version == StoreSchema.currentVersion || version == 2) {
        db = try Store.readConnection(path)
        inode = StoreFile.inode(path)
        return
      }
      db = try Database(path: path, mode: access == .create ? .create : .readWrite)
      inode = StoreFile.inode(path)
      if db.isReadOnly { throw StoreError.readOnly(path: path) }
      try db.execute("PRAGMA busy_timeout = 5000")
      if version == 0 { try createSchema() }
      try db.execute("PRAGMA journal_mode = WAL")
      try db.execute("PRAGMA synchronous = NORMAL")
      if version == 1 { try migrateFromVersion1() }
      if version == 2 { try migrateFromVersion2() }
      // A store made before the index of namespace-less objects gets it (one pass over the objects).
      if try db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'objects_namespaceless'") == 0 {
        try db.execute("CREATE INDEX IF NOT EXISTS objects_namespaceless ON objects (name) WHERE namespace = ''")
      }
    } catch let e as SQLiteError {
      if e.primary == SQLITE_CANTOPEN && access != .read && StoreFile.folderIsReadOnly(path) { throw StoreError.readOnly(path: path) }
      throw Store.map(e, path: path)
    }
  }

  /// A read-only connection to the store at `path`, tried by a first read. When SQLite cannot make
  /// the `-shm` a WAL reader needs (a read-only folder or file system, a full disk) and no `-wal`
  /// holds anything, nobody can be writing the store: it is opened `immutable`, without a `-shm`.
  static func readConnection(_ path: String) throws(SQLiteError) -> Database {
    do {
      let db = try Database(path: path, mode: .readOnly)
      try db.execute("PRAGMA busy_timeout = 5000")
      _ = try db.scalar("SELECT count(*) FROM sqlite_master")
      return db
    } catch where [SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_READONLY].contains(error.primary) && StoreFile.walIsEmpty(path) {
      let db = try Database(path: path, mode: .immutable)
      _ = try db.scalar("SELECT count(*) FROM sqlite_master")
      return db
    }
  }

  /// Reads the user_version and tables of the SQLite file at `path` on a read-only connection and
  /// returns its version; throws unless it is a podhist store (version 1 or current).
  static func checkSchema(_ path: String) throws -> Int64 {
    let peek = try readConnection(path)
    let version = try peek.scalar("PRAGMA user_version") ?? 0
    let tables = try peek.tableNames()
    let expected: Set<String> = switch version {
    case 1: ["imports", "log", "chunks", "objects", "fact_hashes"]
    case 2: StoreSchema.version2Tables
    case StoreSchema.currentVersion: StoreSchema.currentTables
    default: []
    }
    if version > StoreSchema.currentVersion, tables.isSuperset(of: ["imports", "log"]) {
      throw StoreError.tooNew(path: path, version: version)
    }
    guard !expected.isEmpty, tables.isSuperset(of: expected) else {
      let what = tables.isEmpty ? "an SQLite database without tables" : "an SQLite database with other tables"
      throw StoreError.notAStore(path: path, reason: version == 0 ? what : "\(what), user_version \(version)")
    }
    return version
  }

  /// Makes the schema of a new store in one transaction, in rollback-journal mode (so that nobody
  /// ever sees a half-made store); a concurrent creator that got there first is waited for, and
  /// its store is used as it is.
  private func createSchema() throws {
    try db.execute("BEGIN IMMEDIATE")
    do {
      let version = try db.scalar("PRAGMA user_version") ?? 0
      let tables = try db.tableNames()
      if version == 0 && tables.isEmpty {
        try db.execute(StoreSchema.current)
        try db.execute("PRAGMA user_version = \(StoreSchema.currentVersion)")
      } else if version != StoreSchema.currentVersion {
        throw StoreError.notAStore(path: path, reason: "another program wrote an SQLite database here meanwhile")
      }
      try db.execute("COMMIT")
    } catch {
      try? db.execute("ROLLBACK")
      throw error
    }
  }

  /// Removes the store file (and its -wal, -shm) when no import ever landed in it, holding the
  /// write lock while it checks and removes: a failed first import leaves nothing behind, and a
  /// concurrent importer notices the removal (`importing` checks the inode) instead of losing its facts.
  func removeIfEmpty() {
    guard (try? db.execute("BEGIN IMMEDIATE")) != nil else { return }
    if (try? db.scalar("SELECT count(*) FROM imports")) == 0, StoreFile.inode(path) == inode {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    try? db.execute("ROLLBACK")
  }

  static func map(_ e: SQLiteError, path: String) -> any PodhistError {
    switch e.primary {
    case SQLITE_BUSY, SQLITE_LOCKED: StoreError.busy(path: path)
    case SQLITE_NOTADB: StoreError.notAStore(path: path, reason: "not an SQLite database")
    case SQLITE_CORRUPT: StoreError.damaged(e.message)
    case SQLITE_READONLY: StoreError.readOnly(path: path)
    case SQLITE_FULL: StoreError.diskFull(path: path)
    case SQLITE_IOERR where e.code == 522: StoreError.damaged("the file ends early (\(e.message))")  // SQLITE_IOERR_SHORT_READ
    case SQLITE_IOERR, SQLITE_CANTOPEN where StoreFile.diskIsFull(path): StoreError.diskFull(path: path)
    case SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_NOMEM, SQLITE_NOLFS: StoreError.unusable(path: path, reason: e.message)
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
    if StoreFile.inode(path) != inode {
      try? db.execute("ROLLBACK")
      throw StoreError.busy(path: path)
    }
    let session = ImportSession(store: self)
    do {
      let result = try body(session)
      try session.flushAll()
      try commitSummaries()
      try mapping { try db.execute("COMMIT") }
      return result
    } catch {
      try? db.execute("ROLLBACK")
      summaryChanges = SummaryChanges()
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
      // The literal lets SQLite read the namespace-less objects from their own index.
      if namespace == ObjectRef.unknownNamespace { conds.append("namespace = ''") } else if let namespace {
        conds.append("namespace = ?"); binds.append(.text(namespace))
      }
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

