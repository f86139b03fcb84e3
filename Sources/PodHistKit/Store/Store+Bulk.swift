import CSQLite
import Foundation

/// Bulk reads for the whole-store views (`get pods -A`, `why -A`): what the per-pod reads give,
/// for many pods at once, reading and decoding each chunk they share once instead of once per pod.
extension Store {
  /// The newest instant of every import's facts, by import id: `importHorizon(_:)` for every
  /// import at once. Imports without facts are absent.
  public func importHorizons() throws -> [Int64: Instant] {
    try mapping {
      let s = try db.prepare("SELECT import_id, last_observed FROM import_horizons")
      var out: [Int64: Instant] = [:]
      while try s.step() { out[s.int(0)] = Instant(micros: s.int(1)) }
      return out
    }
  }

  /// The facts of each of `objects`, in the order given: `objects.map { try facts(of: $0) }`
  /// (the same facts in the same order each). Each chunk that holds any of them is read once, in
  /// one read transaction, and chunks are decoded on the available cores, building only the
  /// groups of the objects asked for.
  public func facts(ofEach objects: [StoredObject]) throws -> [[Fact]] {
    var positions: [ObjectKey: [Int]] = [:]  // object → its places in `objects`
    for (i, o) in objects.enumerated() { positions[ObjectKey(o), default: []].append(i) }
    let raw: [RawChunk] = try mapping {
      let own = sqlite3_get_autocommit(db.handle) != 0
      if own { try db.execute("BEGIN") }
      defer { if own { try? db.execute("COMMIT") } }
      let rows = try db.prepare("SELECT chunk_id FROM chunk_objects WHERE object_id = ?")
      var keysByChunk: [Int64: Set<ObjectKey>] = [:]
      for o in objects {
        rows.reset()
        try rows.bind(.int(o.id))
        while try rows.step() { keysByChunk[rows.int(0), default: []].insert(ObjectKey(o)) }
      }
      let read = try db.prepare("SELECT encoding, raw_size, data, crc32 FROM log WHERE id = ?")
      var out: [RawChunk] = []
      for id in keysByChunk.keys.sorted() {
        read.reset()
        try read.bind(.int(id))
        guard try read.step() else { throw StoreError.damaged("the index names chunk \(id), which is not in the log") }
        out.append(RawChunk(id: id, encoding: read.int(0), rawSize: Int(read.int(1)), data: read.blob(2), crc: read.int(3),
                            keys: keysByChunk[id] ?? []))
      }
      return out
    }
    let decoded = parallelMap(raw) { c -> Result<[ChunkGroup], any Error> in
      Result {
        try Store.groups(chunk: c.id, encoding: c.encoding, rawSize: c.rawSize, data: c.data, crc: c.crc) {
          c.keys.contains(ObjectKey($0))
        }
      }
    }
    var out = [[Fact]](repeating: [], count: objects.count)
    for groups in decoded {
      for g in try groups.get() {
        guard let first = g.facts.first else { continue }
        for i in positions[ObjectKey(first.object)] ?? [] { out[i] += g.facts }
      }
    }
    return out
  }
}

/// One stored chunk as read, before its checksum is checked and it is decoded, with the keys of
/// the objects wanted from it.
private struct RawChunk: Sendable {
  var id: Int64
  var encoding: Int64
  var rawSize: Int
  var data: [UInt8]
  var crc: Int64
  var keys: Set<ObjectKey>
}
