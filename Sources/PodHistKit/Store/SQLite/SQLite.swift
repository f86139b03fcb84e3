import CSQLite
import Foundation

/// An error SQLite reported, with what C knew: the result code, the message and the SQL.
/// Never shown to the user as is: the store maps it to a `StoreError`.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
  /// The result code the failing call returned (extended: the connection turns extended codes on).
  public var code: Int32
  /// sqlite3_errmsg's text at the failure.
  public var message: String
  /// The statement that failed, when there was one.
  public var sql: String?
  /// `SQLite error CODE: message (in SQL)`, the SQL cut to 80 characters; for logs and tests.
  public var description: String { "SQLite error \(code): \(message)" + (sql.map { " (in \($0.prefix(80)))" } ?? "") }
  /// The primary result code (SQLITE_BUSY, SQLITE_CORRUPT, SQLITE_CONSTRAINT...).
  public var primary: Int32 { code & 0xff }
}

/// A connection to one SQLite file, closed when released. Only `Store/` uses it.
final class Database {
  let handle: OpaquePointer

  /// How a connection opens its file.
  enum Mode {
    /// Reads only; nothing is written to the file (SQLite may still make the `-shm` of a WAL store).
    case readOnly
    /// Reads a file that nobody can be writing (its folder is read-only and it has no `-wal`):
    /// SQLite's `immutable` URI parameter, so no `-shm` is needed either.
    case immutable
    /// Reads and writes an existing file.
    case readWrite
    /// Reads and writes, creating the file when it does not exist.
    case create
  }

  /// Opens (and with `create`, creates) the file at `path`. `sqlite3_open_v2`.
  convenience init(path: String, create: Bool) throws(SQLiteError) {
    try self.init(path: path, mode: create ? .create : .readWrite)
  }

  /// Opens the file at `path` in `mode`. `sqlite3_open_v2`.
  init(path: String, mode: Mode) throws(SQLiteError) {
    var db: OpaquePointer?
    var flags = SQLITE_OPEN_NOMUTEX
    var name = path
    switch mode {
    case .readOnly: flags |= SQLITE_OPEN_READONLY
    case .immutable:
      flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
      name = "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))) ?? path)
        + "?immutable=1"
    case .readWrite: flags |= SQLITE_OPEN_READWRITE
    case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
    }
    let rc = sqlite3_open_v2(name, &db, flags, nil)
    guard rc == SQLITE_OK, let db else {
      let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      if let db { sqlite3_close_v2(db) }
      throw SQLiteError(code: rc, message: msg, sql: nil)
    }
    handle = db
    sqlite3_extended_result_codes(db, 1)
  }

  deinit { sqlite3_close_v2(handle) }

  /// Runs one or more statements without results. `sqlite3_exec`.
  func execute(_ sql: String) throws(SQLiteError) {
    var err: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(handle, sql, nil, nil, &err)
    if rc != SQLITE_OK {
      let msg = err.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
      sqlite3_free(err)
      throw SQLiteError(code: rc, message: msg, sql: sql)
    }
  }

  /// Compiles one statement. `sqlite3_prepare_v2`.
  func prepare(_ sql: String) throws(SQLiteError) -> Statement {
    var stmt: OpaquePointer?
    let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
    guard rc == SQLITE_OK, let stmt else { throw error(rc, sql) }
    return Statement(handle: stmt, db: self, sql: sql)
  }

  /// The first column of the first row, as an integer (nil when there is no row or it is NULL).
  func scalar(_ sql: String) throws(SQLiteError) -> Int64? {
    let s = try prepare(sql)
    guard try s.step(), !s.isNull(0) else { return nil }
    return s.int(0)
  }

  var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// True when the connection cannot write (the file or its folder is read-only). `sqlite3_db_readonly`.
  var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

  /// The names of the tables in the schema.
  func tableNames() throws(SQLiteError) -> Set<String> {
    let s = try prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
    var out: Set<String> = []
    while try s.step() { out.insert(s.text(0)) }
    return out
  }

  func error(_ code: Int32, _ sql: String?) -> SQLiteError {
    SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
  }
}

/// A prepared statement, finalized when released.
final class Statement {
  let handle: OpaquePointer
  let db: Database
  let sql: String

  init(handle: OpaquePointer, db: Database, sql: String) { self.handle = handle; self.db = db; self.sql = sql }
  deinit { sqlite3_finalize(handle) }

  /// Clears bindings and rewinds, for reuse. `sqlite3_reset` + `sqlite3_clear_bindings`.
  @discardableResult
  func reset() -> Statement {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    return self
  }

  /// Binds parameters by position (1-based), `nil` as NULL.
  func bind(_ values: SQLValue?...) throws(SQLiteError) { try bind(values) }

  /// Binds an array of parameters by position (1-based), `nil` as NULL.
  func bind(_ values: [SQLValue?]) throws(SQLiteError) {
    for (i, v) in values.enumerated() {
      let idx = Int32(i + 1)
      let rc: Int32
      switch v {
      case nil: rc = sqlite3_bind_null(handle, idx)
      case let .int(x)?: rc = sqlite3_bind_int64(handle, idx, x)
      case let .text(s)?: rc = sqlite3_bind_text(handle, idx, s, -1, podhist_sqlite_transient())
      case let .blob(b)?:
        rc = b.withUnsafeBytes { p in
          sqlite3_bind_blob(handle, idx, p.baseAddress, Int32(p.count), podhist_sqlite_transient())
        }
      }
      if rc != SQLITE_OK { throw db.error(rc, sql) }
    }
  }

  /// Steps once; `false` when done. `sqlite3_step`.
  func step() throws(SQLiteError) -> Bool {
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    case let code: throw db.error(code, sql)
    }
  }

  /// Steps to completion (for statements without results).
  func run() throws(SQLiteError) { while try step() {} }

  func int(_ col: Int32) -> Int64 { sqlite3_column_int64(handle, col) }
  func isNull(_ col: Int32) -> Bool { sqlite3_column_type(handle, col) == SQLITE_NULL }
  func text(_ col: Int32) -> String {
    guard let p = sqlite3_column_text(handle, col) else { return "" }
    return String(cString: p)
  }
  /// The UTF-8 bytes of a text column up to its first NUL (as `text`), valid until the next step
  /// or reset: no string made.
  func textBytes(_ col: Int32) -> UnsafeBufferPointer<UInt8> {
    guard let p = sqlite3_column_text(handle, col) else { return UnsafeBufferPointer(start: nil, count: 0) }
    let n = Int(sqlite3_column_bytes(handle, col))
    return UnsafeBufferPointer(start: p, count: UnsafeBufferPointer(start: p, count: n).firstIndex(of: 0) ?? n)
  }
  func blob(_ col: Int32) -> [UInt8] {
    let n = Int(sqlite3_column_bytes(handle, col))
    guard n > 0, let p = sqlite3_column_blob(handle, col) else { return [] }
    return [UInt8](UnsafeRawBufferPointer(start: p, count: n))
  }
}

/// A value to bind.
enum SQLValue {
  case int(Int64)
  case text(String)
  case blob([UInt8])
}

extension SQLValue {
  static func from(_ v: Int?) -> SQLValue? { v.map { .int(Int64($0)) } }
  static func from(_ v: Int64?) -> SQLValue? { v.map { .int($0) } }
  static func from(_ v: String?) -> SQLValue? { v.map { .text($0) } }
}
