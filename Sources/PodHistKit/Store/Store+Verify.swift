import CSQLite
import Foundation

extension Store {
  /// Checks every chunk's checksum and encoding, and that the index matches the log exactly.
  /// Returns one sentence per problem; empty when the store is sound.
  public func verify() throws -> [String] {
    try mapping {
      var problems: [String] = []
      let integrity = try db.prepare("PRAGMA integrity_check")
      while try integrity.step() {
        let row = integrity.text(0)
        if row != "ok" { problems.append("SQLite integrity: \(row)") }
      }
      let objects = try db.prepare("SELECT id, kind, namespace, name FROM objects")
      var objectKeys: [Int64: String] = [:]
      while try objects.step() {
        objectKeys[objects.int(0)] = "\(objects.text(1))\u{1f}\(objects.text(2))\u{1f}\(objects.text(3))"
      }
      let chunks = try db.prepare("SELECT id, object_key, fact_count, encoding, raw_size, crc32, data FROM log ORDER BY id")
      let indexRows = try db.prepare("SELECT hash, object_id, position, observed, is_status, reason FROM facts WHERE chunk_id = ? ORDER BY position")
      var chunkIDs = Set<Int64>()
      while try chunks.step() {
        let id = chunks.int(0)
        chunkIDs.insert(id)
        let key = chunks.text(1)
        let data = chunks.blob(6)
        let shown = key.replacingOccurrences(of: "\u{1f}", with: "/")
        guard chunks.int(3) == Chunk.encodingJSONZlib else {
          problems.append("chunk \(id) (\(shown)): unknown encoding \(chunks.int(3))"); continue
        }
        guard Chunk.checksum(data) == UInt32(truncatingIfNeeded: chunks.int(5)) else {
          problems.append("chunk \(id) (\(shown)): checksum mismatch (the stored bytes changed)"); continue
        }
        let facts: [Fact]
        do { facts = try Chunk.decode(data, rawSize: Int(chunks.int(4))) } catch {
          problems.append("chunk \(id) (\(shown)): cannot be decoded: \(error)"); continue
        }
        if facts.count != Int(chunks.int(2)) {
          problems.append("chunk \(id) (\(shown)): holds \(facts.count) facts, its row says \(chunks.int(2))")
        }
        indexRows.reset()
        try indexRows.bind(.int(id))
        var rows: [(hash: [UInt8], object: Int64, position: Int64, observed: Int64, status: Int64, reason: String?)] = []
        while try indexRows.step() {
          rows.append((indexRows.blob(0), indexRows.int(1), indexRows.int(2), indexRows.int(3), indexRows.int(4),
                       indexRows.isNull(5) ? nil : indexRows.text(5)))
        }
        if rows.count != facts.count {
          problems.append("chunk \(id) (\(shown)): index has \(rows.count) rows for its \(facts.count) facts")
        }
        for (i, f) in facts.enumerated() {
          guard let row = rows.first(where: { $0.position == Int64(i) }) else { continue }
          var what: [String] = []
          if (try? FactCoding.contentHash(f)) != row.hash { what.append("hash") }
          if objectKeys[row.object] != key || Store.objectKey(f.object) != key { what.append("object") }
          if row.observed != f.observed.micros { what.append("observed time") }
          if row.status != (f.snapshot == nil ? 0 : 1) || row.reason != f.event?.reason { what.append("kind/reason") }
          if !what.isEmpty {
            problems.append("chunk \(id) (\(shown)) fact \(i): index row differs from the log (\(what.joined(separator: ", ")))")
          }
        }
      }
      let orphans = try db.prepare("SELECT DISTINCT chunk_id FROM facts")
      while try orphans.step() {
        if !chunkIDs.contains(orphans.int(0)) {
          problems.append("index points at chunk \(orphans.int(0)), which is not in the log")
        }
      }
      return problems
    }
  }

  /// Rebuilds the index (objects, facts) from the log alone, in one transaction.
  public func reindex() throws {
    try mapping {
      try db.execute("BEGIN IMMEDIATE")
      do {
        try db.execute("DELETE FROM facts; DELETE FROM objects;")
        let chunks = try db.prepare("SELECT id, object_key, raw_size, crc32, data FROM log ORDER BY id")
        let ins = try db.prepare(
          "INSERT OR IGNORE INTO facts (hash, object_id, chunk_id, position, observed, is_status, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")
        var objectIDs: [String: Int64] = [:]
        while try chunks.step() {
          let id = chunks.int(0)
          let data = chunks.blob(4)
          guard Chunk.checksum(data) == UInt32(truncatingIfNeeded: chunks.int(3)) else {
            throw StoreError.damaged("chunk \(id) fails its checksum; the index cannot be rebuilt from a damaged log")
          }
          let facts = try Chunk.decode(data, rawSize: Int(chunks.int(2)))
          guard let first = facts.first else { continue }
          let key = chunks.text(1)
          let objectID: Int64
          if let known = objectIDs[key] { objectID = known } else {
            objectID = try Store.ensureObject(db, first.object)
            objectIDs[key] = objectID
          }
          for (i, f) in facts.enumerated() {
            ins.reset()
            try ins.bind(.blob(try FactCoding.contentHash(f)), .int(objectID), .int(id), .int(Int64(i)),
                         .int(f.observed.micros), .int(f.snapshot == nil ? 0 : 1), .from(f.event?.reason))
            try ins.run()
          }
        }
        try db.execute("COMMIT")
      } catch {
        try? db.execute("ROLLBACK")
        throw error
      }
    }
  }
}
