import CSQLite
import Foundation

/// Packs groups of facts (one object each, one import) into chunks of about `target` facts,
/// compresses them and writes the log rows and their index rows. Used by imports and by the
/// migration of a version-1 store.
///
/// Encoding and compressing a chunk runs on a worker thread while the caller goes on (SQLite is
/// only touched by the caller); chunks are written in the order they were packed, so the log
/// keeps every object's facts in order. `drain()` waits for the chunks still being encoded.
final class ChunkWriter {
  let db: Database
  /// The worker's compressor (used on the worker queue only).
  let compressor = UncheckedBox(Compressor())
  let worker = DispatchQueue(label: "podhist.chunk-encoder")
  /// Chunks handed to the worker, oldest first, not yet written.
  /// (The facts stay referenced here too, so that they are freed on this thread, not the
  /// worker's: the worker is the busier of the two.)
  var inflight: [(job: EncodeJob, groups: [ChunkGroup], facts: Int, importID: Int64)] = []
  /// Facts allowed in flight before `write` waits for the oldest chunk: about one window, so
  /// the importing thread can hand a whole window over and go on reading while it is encoded.
  static let maxInflightFacts = 24_576
  var inflightFacts = 0
  var objectIDs: [Fingerprint: Int64] = [:]
  var statements: (log: Statement, row: Statement, horizon: Statement, insertObject: Statement, selectObject: Statement, digest: Statement)?
  /// The statements `storedDigests` reads with (prepared once).
  var digestReads: (rows: Statement, chunk: Statement)?
  /// The highest object id in use (read once).
  var lastObjectID: Int64?

  /// Facts per chunk: large enough that strings shared by many pods are stored once per few
  /// thousand facts, small enough that reading one pod inflates little it does not need.
  static let defaultTarget = 2_048
  var target = ChunkWriter.defaultTarget

  init(db: Database) { self.db = db }

  func prepared() throws(SQLiteError) -> (log: Statement, row: Statement, horizon: Statement, insertObject: Statement, selectObject: Statement, digest: Statement) {
    if let statements { return statements }
    let s = (log: try db.prepare("INSERT INTO log (import_id, fact_count, encoding, raw_size, crc32, data) VALUES (?, ?, ?, ?, ?, ?)"),
             row: try db.prepare(ChunkWriter.insertRow),
             horizon: try db.prepare(ChunkWriter.insertHorizon),
             insertObject: try db.prepare("INSERT INTO objects (kind, namespace, name, id) VALUES (?, ?, ?, ?)"),
             selectObject: try db.prepare("SELECT id FROM objects WHERE kind = ? AND namespace = ? AND name = ?"),
             digest: try db.prepare(ChunkWriter.insertDigest))
    statements = s
    return s
  }

  static let insertRow = "INSERT INTO chunk_objects (object_id, chunk_id, fact_count) VALUES (?, ?, ?)"
  static let insertDigest = "INSERT INTO chunk_digests (object_id, chunk_id, digest) VALUES (?, ?, ?)"
  static let insertHorizon = """
    INSERT INTO import_horizons (import_id, last_observed) VALUES (?1, ?2)
    ON CONFLICT (import_id) DO UPDATE SET last_observed = max(last_observed, ?2)
    """

  /// Writes groups, in the order given, as chunks of about `target` facts; a group larger than
  /// that is split over several chunks.
  func write(_ groups: [ChunkGroup], importID: Int64) throws {
    var batch: [ChunkGroup] = []
    var count = 0
    for g in groups {
      var rest = g.facts[...]
      while !rest.isEmpty {
        let piece = rest.prefix(target)
        rest = rest.dropFirst(piece.count)
        batch.append(ChunkGroup(facts: Array(piece)))
        count += piece.count
        if count >= target {
          try writeChunk(batch, importID: importID)
          batch.removeAll(keepingCapacity: true)
          count = 0
        }
      }
    }
    if !batch.isEmpty { try writeChunk(batch, importID: importID) }
  }

  /// Hands one chunk to the worker; writes the oldest finished ones when too many are in flight.
  func writeChunk(_ groups: [ChunkGroup], importID: Int64) throws {
    let job = EncodeJob()
    let compressor = self.compressor
    worker.async { [groups] in
      job.finish(Result { EncodedChunk(chunk: try Chunk.encode(groups, with: compressor.value),
                                       digests: try groups.map { try FactDigest.of($0.facts) }) })
    }
    let count = groups.reduce(0) { $0 + $1.facts.count }
    inflight.append((job, groups, count, importID))
    inflightFacts += count
    while inflightFacts > ChunkWriter.maxInflightFacts { try writeOldest() }
  }

  /// Waits for every chunk in flight and writes it.
  func drain() throws {
    while !inflight.isEmpty { try writeOldest() }
  }

  private func writeOldest() throws {
    let (job, groups, count, importID) = inflight.removeFirst()
    inflightFacts -= count
    let encoded = try job.wait().get()
    let chunk = encoded.chunk
    let st = try prepared()
    st.log.reset()
    try st.log.bind(.int(importID), .int(Int64(chunk.factCount)), .int(Chunk.encoding), .int(Int64(chunk.rawSize)),
                    .int(Int64(chunk.crc)), .blob(chunk.data))
    try st.log.run()
    try index(groups, chunkID: db.lastInsertRowID, importID: importID, digests: encoded.digests)
  }

  /// Writes the index rows of one chunk: one per group and its digests (`digests[i]` those of
  /// `groups[i]`'s facts), and the import's horizon.
  func index(_ groups: [ChunkGroup], chunkID: Int64, importID: Int64, digests: [[UInt64]]) throws(SQLiteError) {
    let st = try prepared()
    var newest: Int64?
    for (g, d) in zip(groups, digests) {
      guard let first = g.facts.first else { continue }
      let objectID = try objectID(for: first.object)
      st.row.reset()
      try st.row.bind(.int(objectID), .int(chunkID), .int(Int64(g.facts.count)))
      try st.row.run()
      st.digest.reset()
      try st.digest.bind(.int(objectID), .int(chunkID), .blob(FactDigest.blob(d)))
      try st.digest.run()
      // A recording gap is about the recorder's clock, not an observation of the cluster: it
      // does not move the dump's horizon (the instant a pod is shown at by default).
      for f in g.facts where f.recordingGap == nil { newest = max(newest ?? f.observed.micros, f.observed.micros) }
    }
    if let newest {
      st.horizon.reset()
      try st.horizon.bind(.int(importID), .int(newest))
      try st.horizon.run()
    }
  }

  /// Finds or adds the object row.
  func objectID(for ref: ObjectRef) throws(SQLiteError) -> Int64 {
    let key = Store.objectFingerprint(ref)
    if let id = objectIDs[key] { return id }
    if let id = try existingObjectID(ref) { return id }
    let st = try prepared()
    let last: Int64
    if let lastObjectID { last = lastObjectID } else { last = try db.scalar("SELECT coalesce(max(id), 0) FROM objects") ?? 0 }
    let id = last + 1
    lastObjectID = id
    st.insertObject.reset()
    try st.insertObject.bind(.text(ref.kind), .text(ref.namespace), .text(ref.name), .int(id))
    try st.insertObject.run()
    objectIDs[key] = id
    return id
  }

  /// The object's row id, when the index has it.
  func existingObjectID(_ ref: ObjectRef) throws(SQLiteError) -> Int64? {
    if let id = objectIDs[Store.objectFingerprint(ref)] { return id }
    let st = try prepared()
    st.selectObject.reset()
    try st.selectObject.bind(.text(ref.kind), .text(ref.namespace), .text(ref.name))
    guard try st.selectObject.step() else { return nil }
    let id = st.selectObject.int(0)
    objectIDs[Store.objectFingerprint(ref)] = id
    return id
  }
}

/// A chunk encoded on the worker, with the digests of each of its groups' facts.
struct EncodedChunk {
  var chunk: Chunk
  var digests: [[UInt64]]
}

/// One chunk being encoded on the worker: its result, once there.
final class EncodeJob: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<EncodedChunk, any Error>?

  func finish(_ r: Result<EncodedChunk, any Error>) {
    result = r
    done.signal()
  }

  func wait() -> Result<EncodedChunk, any Error> {
    done.wait()
    return result ?? .failure(StoreError.internalFailure("chunk encoder lost a chunk"))
  }
}
