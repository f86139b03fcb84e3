import Foundation

extension ChunkWriter {
  /// The digests of every fact the store holds about one object, read from `chunk_digests`
  /// without decoding a chunk. A chunk of the object without its digest row (a store written
  /// before version 3) is decoded once, for that object only, and its row written, so that the
  /// next import finds it (the caller is in a write transaction).
  func storedDigests(objectID: Int64, ref: ObjectRef) throws -> [UInt64] {
    let rows = try digestStatements().rows
    rows.reset()
    try rows.bind(.int(objectID))
    var out: [UInt64] = []
    var missing: [(chunk: Int64, count: Int)] = []
    while try rows.step() {
      if rows.isNull(1) { missing.append((rows.int(0), Int(rows.int(2)))); continue }
      guard let d = FactDigest.values(rows.blob(1)), d.count == Int(rows.int(2)) else {
        throw StoreError.damaged("the digests of \(ObjectKey(ref).shown) in chunk \(rows.int(0)) do not match its index row; `podhist reindex` rebuilds them")
      }
      out += d
    }
    for m in missing { out += try buildDigests(objectID: objectID, ref: ref, chunk: m.chunk, count: m.count) }
    return out
  }

  /// Decodes one object's group of one chunk and writes its digest row.
  private func buildDigests(objectID: Int64, ref: ObjectRef, chunk: Int64, count: Int) throws -> [UInt64] {
    let st = try digestStatements()
    st.chunk.reset()
    try st.chunk.bind(.int(chunk))
    guard try st.chunk.step() else { throw StoreError.damaged("the index names chunk \(chunk), which is not in the log") }
    let key = ObjectKey(ref)
    let groups = try Store.groups(chunk: chunk, encoding: st.chunk.int(0), rawSize: Int(st.chunk.int(1)), data: st.chunk.blob(2),
                                  crc: st.chunk.int(3)) { ObjectKey($0) == key }
    let facts = groups.flatMap(\.facts)
    guard facts.count == count else {
      throw StoreError.damaged("the index says chunk \(chunk) holds \(count) facts of \(key.shown), the chunk holds \(facts.count); `podhist reindex` rebuilds the index")
    }
    let digests = try FactDigest.of(facts)
    let insert = try prepared().digest
    insert.reset()
    try insert.bind(.int(objectID), .int(chunk), .blob(FactDigest.blob(digests)))
    try insert.run()
    return digests
  }

  /// The statements reading an object's digest rows and a chunk's bytes (prepared once).
  private func digestStatements() throws(SQLiteError) -> (rows: Statement, chunk: Statement) {
    if let digestReads { return digestReads }
    let s = (rows: try db.prepare("""
               SELECT c.chunk_id, d.digest, c.fact_count FROM chunk_objects c
               LEFT JOIN chunk_digests d ON d.object_id = c.object_id AND d.chunk_id = c.chunk_id
               WHERE c.object_id = ? ORDER BY c.chunk_id
               """),
             chunk: try db.prepare("SELECT encoding, raw_size, data, crc32 FROM log WHERE id = ?"))
    digestReads = s
    return s
  }
}
