import Foundation

/// Bulk reads for the whole-store views (`get pods -A`, `why -A`): what the per-pod reads do,
/// with one prepared statement for all pods instead of one query per pod.
///
/// Written on top of the existing schema (schema/store.sql); the store's owner may re-implement
/// these on another layout as long as the results stay those of the per-pod reads.
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

  /// Calls `body` with every object of `objects`, in the order given, and its facts: the same
  /// facts, in the same order, as `facts(of:)` gives for it. One prepared statement serves every
  /// object, and only one object's facts are held at a time.
  public func forEachFacts(of objects: [StoredObject], _ body: (StoredObject, [Fact]) throws -> Void) throws {
    let s = try mapping {
      try db.prepare("""
        SELECT l.id, l.raw_size, l.data, l.crc32 FROM log l
        WHERE l.id IN (SELECT chunk_id FROM chunks WHERE object_id = ?) ORDER BY l.id
        """)
    }
    for object in objects {
      let facts: [Fact] = try mapping {
        s.reset()
        try s.bind(.int(object.id))
        var out: [Fact] = []
        while try s.step() {
          let data = s.blob(2)
          guard Chunk.checksum(data) == UInt32(truncatingIfNeeded: s.int(3)) else {
            throw StoreError.damaged("chunk \(s.int(0)) fails its checksum")
          }
          out += try Chunk.decode(data, rawSize: Int(s.int(1)))
        }
        return out
      }
      try body(object, facts)
    }
  }
}
