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
  ///
  /// The index rows read are checked against each chunk's own directory, so that a damaged index
  /// fails the query (`StoreError.damaged`, exit 3) instead of silently dropping facts or pods: an
  /// object without a chunk, a chunk without the object's group or with another number of its
  /// facts than the index says; and, when `listing` says which pods the caller listed in a scope
  /// (`get pods -A`), a pod in a chunk read that the listing lacks.
  public func facts(ofEach objects: [StoredObject], listing: IndexedPodScope? = nil) throws -> [[Fact]] {
    var positions: [ObjectKey: [Int]] = [:]  // object → its places in `objects`
    for (i, o) in objects.enumerated() { positions[ObjectKey(o), default: []].append(i) }
    let raw: [RawChunk] = try mapping {
      let own = sqlite3_get_autocommit(db.handle) != 0
      if own { try db.execute("BEGIN") }
      defer { if own { try? db.execute("COMMIT") } }
      let rows = try db.prepare("SELECT chunk_id, fact_count FROM chunk_objects WHERE object_id = ?")
      var keysByChunk: [Int64: [ObjectKey: Int]] = [:]
      for o in objects {
        rows.reset()
        try rows.bind(.int(o.id))
        var found = false
        while try rows.step() {
          keysByChunk[rows.int(0), default: [:]][ObjectKey(o)] = Int(rows.int(1))
          found = true
        }
        if !found { throw StoreError.damaged("the index lists \(ObjectKey(o).shown) without any chunk of the log") }
      }
      let read = try db.prepare("SELECT encoding, raw_size, data, crc32 FROM log WHERE id = ?")
      var out: [RawChunk] = []
      for id in keysByChunk.keys.sorted() {
        read.reset()
        try read.bind(.int(id))
        guard try read.step() else { throw StoreError.damaged("the index names chunk \(id), which is not in the log") }
        out.append(RawChunk(id: id, encoding: read.int(0), rawSize: Int(read.int(1)), data: read.blob(2), crc: read.int(3),
                            keys: keysByChunk[id] ?? [:]))
      }
      return out
    }
    let decoded = parallelMap(raw) { c -> Result<[ChunkGroup], any Error> in
      Result {
        var unlisted: ObjectRef?
        let groups = try Store.groups(chunk: c.id, encoding: c.encoding, rawSize: c.rawSize, data: c.data, crc: c.crc) { ref in
          let key = ObjectKey(ref)
          if c.keys[key] != nil { return true }
          if let listing, unlisted == nil, listing.covers(key) { unlisted = ref }
          return false
        }
        if let unlisted {
          throw StoreError.damaged("chunk \(c.id) holds pod \(unlisted.namespace)/\(unlisted.name), which the index does not list; `podhist reindex` rebuilds it")
        }
        var counts: [ObjectKey: Int] = [:]
        for g in groups { if let first = g.facts.first { counts[ObjectKey(first.object), default: 0] += g.facts.count } }
        for (key, n) in c.keys where counts[key] != n {
          throw StoreError.damaged("the index says chunk \(c.id) holds \(n) facts of \(key.shown), the chunk holds \(counts[key] ?? 0); `podhist reindex` rebuilds the index")
        }
        return groups
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

/// The pods a whole-scope read listed from the index (every pod, or every pod of one namespace):
/// a pod of that scope met in a chunk but missing here means the index is damaged.
public struct IndexedPodScope: Sendable {
  /// The namespace listed; nil for all.
  var namespace: String?
  /// The listed pods' keys.
  var keys: Set<ObjectKey>

  /// The listing of `pods`, all the pods of `namespace` (nil: of every namespace) the index holds.
  init(_ pods: [StoredObject], namespace: String?) {
    self.namespace = namespace
    keys = Set(pods.map(ObjectKey.init))
  }

  /// True when `key` is a pod in scope that the listing lacks.
  func covers(_ key: ObjectKey) -> Bool {
    ObjectKind(rawValue: key.kind) == .pod && (namespace == nil || key.namespace == namespace) && !keys.contains(key)
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
  /// The objects wanted from the chunk and how many facts of each the index says it holds.
  var keys: [ObjectKey: Int]
}
