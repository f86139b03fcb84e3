import CSQLite
import Foundation

/// The first screen of a whole-store listing, kept so that the next identical listing prints it at
/// once (`get pods -A | head` returns before the whole table is read): what a listing printed first,
/// by listing form, with what the store had committed then (`summaryToken`) and the program that
/// printed it. Derived like the summaries: dropped with them, never trusted when either changed.
extension Store {
  /// What a listing head is valid for: the store's newest chunk and import, and the program (its
  /// executable's size and modification time: another build may print otherwise).
  func listingHeadToken() throws -> String {
    try mapping { try Store.listingHeadToken(db) }
  }

  private static func listingHeadToken(_ db: Database) throws(SQLiteError) -> String {
    "\(try summaryToken(db).map(String.init).joined(separator: " ")) \(programIdentity)"
  }

  static let programIdentity: String = {
    var st = stat()
    guard stat("/proc/self/exe", &st) == 0 else { return "unknown" }
    return "\(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
  }()

  /// The head kept for `form`, when it was printed at `token` and no import marked pods since; with
  /// how many pods the whole listing held.
  func listingHead(form: String, token: String) throws -> (pods: Int, bytes: [UInt8])? {
    try mapping {
      guard try db.tableNames().contains("pod_listing_heads"),
            try db.scalar("SELECT EXISTS (SELECT 1 FROM pod_summary_dirty)") == 0 else { return nil }
      let s = try db.prepare("SELECT pods, head FROM pod_listing_heads WHERE form = ? AND token = ?")
      try s.bind(.text(form), .text(token))
      guard try s.step() else { return nil }
      return (Int(s.int(0)), s.blob(1))
    }
  }

  /// Keeps `bytes` as the head of `form` at `token`, in a short write transaction of a connection
  /// of its own, unless that would wait or fail (`writeBriefly`). True when kept.
  @discardableResult
  func keepListingHead(form: String, token: String, pods: Int, bytes: [UInt8]) -> Bool {
    writeBriefly { db in
      guard try Store.listingHeadToken(db) == token else { return false }
      try db.execute(StoreSchema.listingHeads)
      let s = try db.prepare("INSERT OR REPLACE INTO pod_listing_heads (form, token, pods, head) VALUES (?, ?, ?, ?)")
      try s.bind(.text(form), .text(token), .int(Int64(pods)), .blob(bytes))
      try s.run()
      return true
    }
  }
}
