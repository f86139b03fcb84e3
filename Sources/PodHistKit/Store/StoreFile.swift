import Foundation

/// What lies at a store path before SQLite touches it: podhist refuses a file that is not its own
/// (a 1-byte file, text, JSON, a foreign SQLite database) without writing a byte to it.
enum StoreFile: Equatable {
  /// Nothing at the path.
  case missing
  /// A 0-byte file (and no `-wal` beside it): it holds no store, and the first import may make one.
  case empty
  /// Not an SQLite database; the reason is shown.
  case foreign(String)
  /// An SQLite database (whose schema is checked next, read-only).
  case sqlite

  /// The first 16 bytes of every SQLite database file.
  static let header = Array("SQLite format 3\0".utf8)

  /// Looks at the file at `path`: its size and its first 16 bytes only.
  static func inspect(_ path: String) -> StoreFile {
    var st = stat()
    guard stat(path, &st) == 0 else { return .missing }
    if (st.st_mode & S_IFMT) == S_IFDIR { return .foreign("a folder") }
    if st.st_size == 0 {
      // A store whose first transaction is still only in its -wal has a 0-byte main file; SQLite reads it.
      var wal = stat()
      return stat(path + "-wal", &wal) == 0 && wal.st_size > 0 ? .sqlite : .empty
    }
    guard let handle = FileHandle(forReadingAtPath: path) else { return .sqlite }  // unreadable: SQLite says why
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: header.count)).map { [UInt8]($0) } ?? []
    if head.count < header.count || head != header {
      return .foreign(st.st_size < 512 ? "a file of \(st.st_size) byte\(st.st_size == 1 ? "" : "s"), too small for a database" : "not an SQLite database")
    }
    return .sqlite
  }

  /// True when the folder holding `path` cannot be written (so nobody can be writing the store).
  static func folderIsReadOnly(_ path: String) -> Bool {
    let dir = (path as NSString).deletingLastPathComponent
    return access(dir.isEmpty ? "." : dir, W_OK) != 0
  }

  /// True when no `-wal` beside `path` holds anything (so no write is in flight or uncheckpointed).
  static func walIsEmpty(_ path: String) -> Bool {
    var st = stat()
    return stat(path + "-wal", &st) != 0 || st.st_size == 0
  }

  /// True when the file system holding `path` has no block left for an ordinary user.
  static func diskIsFull(_ path: String) -> Bool {
    let dir = (path as NSString).deletingLastPathComponent
    var fs = statvfs()
    return statvfs(dir.isEmpty ? "." : dir, &fs) == 0 && fs.f_bavail == 0
  }

  /// The inode of the file at `path`, nil when there is none.
  static func inode(_ path: String) -> UInt64? {
    var st = stat()
    return stat(path, &st) == 0 ? UInt64(st.st_ino) : nil
  }
}
