import Foundation

/// A store failure, as the user reads it.
public enum StoreError: PodhistError {
  /// Another process holds the write lock (SQLITE_BUSY).
  case busy(path: String)
  /// The file is not a podhist store or is damaged beyond opening.
  case notAStore(path: String, reason: String)
  /// Written by a newer podhist.
  case tooNew(path: String, version: Int64)
  /// A chunk or index row is damaged (verify's findings are listed separately).
  case damaged(String)
  /// The store cannot be written: the file, its folder or the file system is read-only.
  case readOnly(path: String)
  /// The file system is full (or a file size limit is reached); the store is as it was.
  case diskFull(path: String)
  /// The store cannot be opened or read for a reason of the system (I/O error, permissions, memory).
  case unusable(path: String, reason: String)
  /// SQLite failed for a reason that is not the user's (a bug), with SQLite's message.
  case internalFailure(String)

  /// The sentence the CLI prints to stderr, with what to do next.
  public var description: String {
    switch self {
    case let .busy(p): "\(p): another podhist is writing to this store; try again when it is done"
    case let .notAStore(p, r): "\(p): not a podhist store (\(r))"
    case let .tooNew(p, v): "\(p): written by a newer podhist (schema version \(v)); upgrade podhist"
    case let .damaged(m): "store damaged: \(m); run `podhist verify`"
    case let .readOnly(p): "\(p): the store cannot be written here (the file, its folder or the file system is read-only)"
    case let .diskFull(p): "\(p): the disk is full (or a file size limit was reached); nothing was written, the store is as it was"
    case let .unusable(p, r): "\(p): the store cannot be used: \(r)"
    case let .internalFailure(m): "store error: \(m)"
    }
  }
  /// 2 not a store or too new, 3 damaged, 4 unusable now (busy, read-only, disk full, I/O): the
  /// CLI contract (docs/cli.md), where 1 means only "not found".
  public var exitStatus: Int32 {
    switch self {
    case .busy, .readOnly, .diskFull, .unusable, .internalFailure: 4
    case .notAStore, .tooNew: 2
    case .damaged: 3
    }
  }
}
