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
  /// SQLite failed for a reason that is not the user's (I/O, a bug); exit 1, with SQLite's message.
  case internalFailure(String)

  /// The sentence the CLI prints to stderr, with what to do next.
  public var description: String {
    switch self {
    case let .busy(p): "\(p): another podhist is writing to this store; try again when it is done"
    case let .notAStore(p, r): "\(p): not a podhist store (\(r))"
    case let .tooNew(p, v): "\(p): written by a newer podhist (schema version \(v)); upgrade podhist"
    case let .damaged(m): "store damaged: \(m); run `podhist verify`"
    case let .internalFailure(m): "store error: \(m)"
    }
  }
  /// 1 busy or internal, 2 not a store or too new, 3 damaged (the CLI contract).
  public var exitStatus: Int32 {
    switch self {
    case .busy, .internalFailure: 1
    case .notAStore, .tooNew: 2
    case .damaged: 3
    }
  }
}
