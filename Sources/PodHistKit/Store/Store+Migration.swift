import Foundation

extension Store {
  /// Takes a version-1 store (one chunk per object per import in encoding 3, a table of fact
  /// hashes) to version 2 in one transaction: every import's facts are read back and written
  /// again as version-2 chunks, in the same order, with the same provenance; then the old tables
  /// go. Nothing is dropped: the new log holds exactly the facts the old one did (a test checks
  /// what queries answer before and after).
  func migrateFromVersion1() throws {
    try db.execute("BEGIN IMMEDIATE")
    do {
      try db.execute("ALTER TABLE log RENAME TO log_v1")
      try db.execute("DROP TRIGGER IF EXISTS log_is_append_only_update")
      try db.execute("DROP TRIGGER IF EXISTS log_is_append_only_delete")
      try db.execute("DROP TABLE fact_hashes; DROP TABLE chunks; DROP TABLE objects;")
      // The imports table is the same in both versions: its rows move over as they are.
      try db.execute("ALTER TABLE imports RENAME TO imports_v1")
      try db.execute(StoreSchema.current)
      try db.execute("INSERT INTO imports SELECT * FROM imports_v1")
      try rewriteVersion1Chunks()
      try db.execute("DROP TABLE log_v1; DROP TABLE imports_v1;")
      try db.execute("PRAGMA user_version = \(StoreSchema.currentVersion)")
      try db.execute("COMMIT")
    } catch {
      try? db.execute("ROLLBACK")
      throw error
    }
  }

  /// Takes a version-2 store to the current version: adds the empty `chunk_digests` table (an
  /// import fills an object's rows the first time it touches it; `reindex` fills them all). A
  /// concurrent opener that got there first is waited for.
  func migrateFromVersion2() throws {
    try db.execute("BEGIN IMMEDIATE")
    do {
      if try db.scalar("PRAGMA user_version") == 2 {
        try db.execute(StoreSchema.digestTable)
        try db.execute("PRAGMA user_version = \(StoreSchema.currentVersion)")
      }
      try db.execute("COMMIT")
    } catch {
      try? db.execute("ROLLBACK")
      throw error
    }
  }

  /// Writes the facts of every chunk in `log_v1` into the new log, import by import. Its
  /// statements are finalized when it returns, so that the old table can be dropped.
  private func rewriteVersion1Chunks() throws {
    let writer = ChunkWriter(db: db)
    let old = try db.prepare("SELECT id, import_id, object_key, encoding, raw_size, crc32, data FROM log_v1 ORDER BY import_id, id")
    var currentImport: Int64?
    var groups: [String: [Fact]] = [:]
    func flush() throws {
      guard let currentImport, !groups.isEmpty else { return }
      try writer.write(groups.keys.sorted().compactMap { groups[$0].map(ChunkGroup.init(facts:)) }, importID: currentImport)
      groups = [:]
    }
    while try old.step() {
      let id = old.int(0)
      let data = old.blob(6)
      guard old.int(3) == Chunk.legacyEncoding, Chunk.checksum(data) == UInt32(truncatingIfNeeded: old.int(5)) else {
        throw StoreError.damaged("version-1 chunk \(id) is damaged (encoding or checksum); the store was not migrated")
      }
      if old.int(1) != currentImport { try flush(); currentImport = old.int(1) }
      groups[old.text(2), default: []] += try Chunk.decodeLegacy(data, rawSize: Int(old.int(4)))
    }
    try flush()
    try writer.drain()
  }
}
