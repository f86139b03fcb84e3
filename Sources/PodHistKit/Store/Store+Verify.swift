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
      var rows: [Int64: (object: Int64, count: Int64, status: Int64, first: Int64, last: Int64, importID: Int64)] = [:]
      let chunkRows = try db.prepare("SELECT chunk_id, object_id, fact_count, status_count, first_observed, last_observed, import_id FROM chunks")
      while try chunkRows.step() {
        rows[chunkRows.int(0)] = (chunkRows.int(1), chunkRows.int(2), chunkRows.int(3), chunkRows.int(4), chunkRows.int(5), chunkRows.int(6))
      }
      var hashes: [Int64: (chunk: Int64, position: Int64)] = [:]
      let hashRows = try db.prepare("SELECT hash, chunk_id, position FROM fact_hashes")
      while try hashRows.step() { hashes[hashRows.int(0)] = (hashRows.int(1), hashRows.int(2)) }

      var seenHashes = Set<Int64>()
      var logIDs = Set<Int64>()
      var canonicalAt: [Int64: [Int64: [UInt8]]] = [:]  // chunk → position → canonical, for collision checks
      let chunks = try db.prepare("SELECT id, object_key, fact_count, encoding, raw_size, crc32, data, import_id FROM log ORDER BY id")
      while try chunks.step() {
        let id = chunks.int(0)
        logIDs.insert(id)
        let key = chunks.text(1)
        let data = chunks.blob(6)
        let shown = key.replacingOccurrences(of: "\u{1f}", with: "/")
        guard chunks.int(3) == Chunk.encoding else {
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
        if facts.contains(where: { Store.objectKey($0.object) != key }) {
          problems.append("chunk \(id) (\(shown)): holds facts about another object")
        }
        guard let row = rows[id] else { problems.append("chunk \(id) (\(shown)): not in the index"); continue }
        let observed = facts.map(\.observed.micros)
        if objectKeys[row.object] != key { problems.append("chunk \(id) (\(shown)): index names another object") }
        if row.count != Int64(facts.count) || row.status != Int64(facts.filter { $0.snapshot != nil }.count)
            || row.first != (observed.min() ?? 0) || row.last != (observed.max() ?? 0) || row.importID != chunks.int(7) {
          problems.append("chunk \(id) (\(shown)): index row differs from the log (counts, instants or import)")
        }
        for (i, f) in facts.enumerated() {
          let canonical = try FactCodec.canonical(f)
          var h = FNV1a64()
          h.add(canonical)
          let hash = Int64(bitPattern: h.value)
          canonicalAt[id, default: [:]][Int64(i)] = canonical
          seenHashes.insert(hash)
          guard let at = hashes[hash] else {
            problems.append("chunk \(id) (\(shown)) fact \(i): its content hash is not in the index"); continue
          }
          if at.chunk == id && at.position == Int64(i) { continue }
          // Another fact owns this hash: fine only if it is a different fact (a hash collision).
          if let other = canonicalAt[at.chunk]?[at.position], other == canonical {
            problems.append("chunk \(id) (\(shown)) fact \(i): duplicates the fact at chunk \(at.chunk)")
          }
        }
      }
      for (id, _) in rows where !logIDs.contains(id) {
        problems.append("index points at chunk \(id), which is not in the log")
      }
      for (h, at) in hashes where !seenHashes.contains(h) || !logIDs.contains(at.chunk) {
        problems.append("index holds a content hash for chunk \(at.chunk) fact \(at.position) that the log does not have")
      }
      return problems.sorted()
    }
  }

  /// Rebuilds the index (objects, chunks, fact_hashes) from the log alone, in one transaction.
  public func reindex() throws {
    try mapping {
      try db.execute("BEGIN IMMEDIATE")
      do {
        try db.execute("DELETE FROM fact_hashes; DELETE FROM chunks; DELETE FROM objects;")
        let chunks = try db.prepare("SELECT id, object_key, raw_size, crc32, data, import_id FROM log ORDER BY id")
        let row = try db.prepare(
          "INSERT INTO chunks (chunk_id, object_id, fact_count, status_count, first_observed, last_observed, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let hashRow = try db.prepare("INSERT OR IGNORE INTO fact_hashes (hash, chunk_id, position) VALUES (?, ?, ?)")
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
          try Store.indexChunk(id, objectID: objectID, importID: chunks.int(5), facts: facts, hashes: try facts.map(FactCodec.hash), row: row, hashRow: hashRow)
        }
        try db.execute("COMMIT")
      } catch {
        try? db.execute("ROLLBACK")
        throw error
      }
    }
  }
}
