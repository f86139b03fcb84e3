import CSQLite
import Foundation

extension Store {
  /// Checks every chunk's checksum and encoding, that the index matches the log exactly (digest
  /// rows too: each one there holds its group's digests; a row not yet built is no problem), and
  /// that no object holds the same fact twice. Returns one sentence per problem; empty when the
  /// store is sound.
  public func verify() throws -> [String] {
    try mapping {
      var problems: [String] = []
      let integrity = try db.prepare("PRAGMA integrity_check")
      while try integrity.step() {
        let row = integrity.text(0)
        if row != "ok" { problems.append("SQLite integrity: \(row)") }
      }
      var objectIDs: [ObjectKey: Int64] = [:]
      let objects = try db.prepare("SELECT id, kind, namespace, name FROM objects")
      while try objects.step() {
        objectIDs[ObjectKey(kind: objects.text(1), namespace: objects.text(2), name: objects.text(3))] = objects.int(0)
      }
      var rows: [Int64: [Int64: Int64]] = [:]  // chunk → object → fact count
      let indexRows = try db.prepare("SELECT chunk_id, object_id, fact_count FROM chunk_objects")
      while try indexRows.step() { rows[indexRows.int(0), default: [:]][indexRows.int(1)] = indexRows.int(2) }
      var digests: [Int64: [Int64: [UInt8]]] = [:]  // chunk → object → digest blob
      if try db.tableNames().contains("chunk_digests") {
        let digestRows = try db.prepare("SELECT chunk_id, object_id, digest FROM chunk_digests")
        while try digestRows.step() { digests[digestRows.int(0), default: [:]][digestRows.int(1)] = digestRows.blob(2) }
      }
      var horizons: [Int64: Int64] = [:]
      let horizonRows = try db.prepare("SELECT import_id, last_observed FROM import_horizons")
      while try horizonRows.step() { horizons[horizonRows.int(0)] = horizonRows.int(1) }
      var newest: [Int64: Int64] = [:]  // import → newest observed, from the log
      var seen = Set<Fingerprint>()  // a fact's fingerprint covers its object
      var logIDs = Set<Int64>()
      let chunks = try db.prepare("SELECT id, fact_count, encoding, raw_size, crc32, data, import_id FROM log ORDER BY id")
      while try chunks.step() {
        let id = chunks.int(0)
        logIDs.insert(id)
        let groups: [ChunkGroup]
        do {
          groups = try Store.groups(chunk: id, encoding: chunks.int(2), rawSize: Int(chunks.int(3)), data: chunks.blob(5),
                                    crc: chunks.int(4))
        } catch let e as StoreError {
          problems.append(e.description); continue
        } catch {
          problems.append("chunk \(id): cannot be decoded: \(error)"); continue
        }
        let total = groups.reduce(0) { $0 + $1.facts.count }
        if total != Int(chunks.int(1)) {
          problems.append("chunk \(id): holds \(total) facts, its row says \(chunks.int(1))")
        }
        var indexed = rows[id] ?? [:]
        for g in groups {
          guard let first = g.facts.first else { problems.append("chunk \(id): holds an empty group"); continue }
          let key = ObjectKey(first.object)
          let shown = key.shown
          if g.facts.contains(where: { ObjectKey($0.object) != key }) {
            problems.append("chunk \(id) (\(shown)): a group holds facts about another object")
          }
          for (i, f) in g.facts.enumerated() where f.provenance.importID != chunks.int(6) {
            problems.append("chunk \(id) (\(shown)) fact \(i): names import \(f.provenance.importID), the chunk is import \(chunks.int(6))")
            break
          }
          var factDigests: [UInt64] = []
          for (i, f) in g.facts.enumerated() {
            let fingerprint = try FactCodec.fingerprint(f)
            factDigests.append(fingerprint.a)
            if !seen.insert(fingerprint).inserted { problems.append("chunk \(id) (\(shown)) fact \(i): the store already holds the same fact") }
          }
          guard let objectID = objectIDs[key] else { problems.append("chunk \(id) (\(shown)): the object is not in the index"); continue }
          if let blob = digests[id]?.removeValue(forKey: objectID), blob != FactDigest.blob(factDigests) {
            problems.append("chunk \(id) (\(shown)): its digest row differs from its facts' digests")
          }
          for f in g.facts where f.recordingGap == nil { newest[chunks.int(6)] = max(newest[chunks.int(6)] ?? f.observed.micros, f.observed.micros) }
          guard let count = indexed.removeValue(forKey: objectID) else {
            problems.append("chunk \(id) (\(shown)): not in the index"); continue
          }
          if count != Int64(g.facts.count) {
            problems.append("chunk \(id) (\(shown)): index says \(count) facts, the chunk holds \(g.facts.count)")
          }
        }
        for objectID in indexed.keys.sorted() {
          problems.append("index says chunk \(id) holds object \(objectID), which the chunk does not")
        }
      }
      for (chunk, objects) in digests.sorted(by: { $0.key < $1.key }) {
        for objectID in objects.keys.sorted() {
          problems.append("a digest row names object \(objectID) in chunk \(chunk), which the chunk does not hold")
        }
      }
      for id in rows.keys.sorted() where !logIDs.contains(id) {
        problems.append("index points at chunk \(id), which is not in the log")
      }
      for importID in Set(horizons.keys).union(newest.keys).sorted() where horizons[importID] != newest[importID] {
        problems.append("import \(importID): index horizon \(horizons[importID].map(String.init) ?? "none") differs from the log's \(newest[importID].map(String.init) ?? "none")")
      }
      return problems.sorted()
    }
  }

  /// Rebuilds the index (objects, chunk_objects, import_horizons, chunk_digests) from the log
  /// alone, in one transaction; the pod summaries are dropped, and rebuilt by `rebuild` (in the
  /// same transaction) when given.
  public func reindex(rebuilding rebuild: ((Store) throws -> Void)? = nil) throws {
    try mapping {
      try db.execute("BEGIN IMMEDIATE")
      do {
        try db.execute("DELETE FROM chunk_objects; DELETE FROM objects; DELETE FROM import_horizons; DELETE FROM chunk_digests;")
        let writer = ChunkWriter(db: db)
        let chunks = try db.prepare("SELECT id, encoding, raw_size, crc32, data, import_id FROM log ORDER BY id")
        while try chunks.step() {
          let id = chunks.int(0)
          let groups: [ChunkGroup]
          do {
            groups = try Store.groups(chunk: id, encoding: chunks.int(1), rawSize: Int(chunks.int(2)), data: chunks.blob(4), crc: chunks.int(3))
          } catch {
            throw StoreError.damaged("chunk \(id) cannot be read (\(error)); the index cannot be rebuilt from a damaged log")
          }
          try writer.index(groups, chunkID: id, importID: chunks.int(5), digests: try groups.map { try FactDigest.of($0.facts) })
        }
        try dropPodSummaries()
        try rebuild?(self)
        try db.execute("COMMIT")
      } catch {
        try? db.execute("ROLLBACK")
        throw error
      }
    }
  }
}
