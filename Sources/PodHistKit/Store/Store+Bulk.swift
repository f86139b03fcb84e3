import CSQLite
import Foundation

/// Bulk reads for the whole-store views (`get pods -A`, `why -A`): what the per-pod reads give,
/// with one prepared statement and one read transaction for many pods instead of a query each.
///
/// Written on top of the existing schema (schema/store.sql) and public reads; the store's owner
/// may re-implement these on another layout as long as the results stay those of the per-pod
/// reads (`importHorizon(_:)`, `facts(of:)`).
extension Store {
  /// The newest instant of every import's facts, by import id: `importHorizon(_:)` for every
  /// import at once (one grouped scan of `chunks_by_import`). Imports without chunks are absent.
  public func importHorizons() throws -> [Int64: Instant] {
    try mapping {
      let s = try db.prepare("SELECT import_id, max(last_observed) FROM chunks GROUP BY import_id")
      var out: [Int64: Instant] = [:]
      while try s.step() {
        if !s.isNull(1) { out[s.int(0)] = Instant(micros: s.int(1)) }
      }
      return out
    }
  }

  /// The facts of each of `objects`, in the order given: `objects.map { try facts(of: $0) }`
  /// (the same facts in the same order each). The chunks are read in one read transaction with
  /// one prepared statement; checking and decoding them runs on the available cores.
  public func facts(ofEach objects: [StoredObject]) throws -> [[Fact]] {
    let raw: [[RawChunk]] = try mapping {
      let s = try db.prepare("""
        SELECT l.id, l.raw_size, l.data, l.crc32 FROM log l
        WHERE l.id IN (SELECT chunk_id FROM chunks WHERE object_id = ?) ORDER BY l.id
        """)
      // One snapshot for the whole read (and no read lock taken per object).
      let own = sqlite3_get_autocommit(db.handle) != 0
      if own { try db.execute("BEGIN") }
      defer { if own { try? db.execute("COMMIT") } }
      var out: [[RawChunk]] = []
      out.reserveCapacity(objects.count)
      for object in objects {
        s.reset()
        try s.bind(.int(object.id))
        var chunks: [RawChunk] = []
        while try s.step() {
          chunks.append(RawChunk(id: s.int(0), rawSize: Int(s.int(1)), data: s.blob(2), crc: UInt32(truncatingIfNeeded: s.int(3))))
        }
        out.append(chunks)
      }
      return out
    }
    let decoded = parallelMap(raw) { chunks -> Result<[Fact], any Error> in
      Result(catching: {
        var facts: [Fact] = []
        for c in chunks {
          guard Chunk.checksum(c.data) == c.crc else { throw StoreError.damaged("chunk \(c.id) fails its checksum") }
          let decoded = try Chunk.decode(c.data, rawSize: c.rawSize)
          if facts.isEmpty { facts = decoded } else { facts += decoded }
        }
        return facts
      })
    }
    return try decoded.map { try $0.get() }
  }
}

/// One stored chunk as read, before its checksum is checked and it is decoded.
private struct RawChunk: Sendable {
  var id: Int64
  var rawSize: Int
  var data: [UInt8]
  var crc: UInt32
}
