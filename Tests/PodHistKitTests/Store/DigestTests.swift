import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// Deduplication against the index's digests (`chunk_digests`, schema/deduplication.md): a re-read
/// decodes no chunk, a partly new read stores exactly the new facts, stores without digest rows get
/// them on first touch, `verify` checks them and `reindex` rebuilds them.
@Suite struct DigestTests {
  /// 3 pods × 40 Events, each with its own instant and message.
  static let history: [Fact] = (0..<120).map { i in
    let pod = ["web-1", "web-2", "db-0"][i % 3]
    let t = Instant(micros: Instant.parseRFC3339("2026-03-10T14:00:00Z").map { $0.micros + Int64(i) * 7_000_000 } ?? 0)
    return eventFact(pod: pod, reason: i % 4 == 0 ? "BackOff" : "Pulled",
                     message: "Container image \"app:\(i)\" already present on machine", first: t.rfc3339,
                     container: "app", line: i + 1)
  }

  func load(_ store: Store, _ facts: [Fact], source: String = "a.json") throws -> (added: Int, known: Int, objects: Int) {
    try store.importing { s in
      _ = try s.begin(source: source)
      for f in facts { try s.append(f) }
      return try s.finish(formats: ["events-json"], notes: [])
    }
  }

  /// Every stored fact's fingerprint, as a multiset.
  func contents(_ store: Store) throws -> [Fingerprint: Int] {
    var out: [Fingerprint: Int] = [:]
    for o in try store.objects(kind: nil) {
      for f in try store.facts(of: o) { out[try FactCodec.fingerprint(f), default: 0] += 1 }
    }
    return out
  }

  /// Overwrites every chunk's bytes (their checksums no longer match): any decode now fails.
  func damageEveryChunk(_ store: Store) throws {
    try store.db.execute("DROP TRIGGER log_is_append_only_update")
    try store.db.execute("UPDATE log SET data = zeroblob(length(data))")
  }

  func rowCount(_ store: Store, _ table: String) throws -> Int64 {
    try store.db.scalar("SELECT count(*) FROM \(table)") ?? -1
  }

  @Test func aRereadDecodesNoChunk() throws {
    let store = try scratchStore()
    #expect(try load(store, Self.history).added == 120)
    #expect(try rowCount(store, "chunk_digests") == rowCount(store, "chunk_objects"))
    try damageEveryChunk(store)
    #expect(try store.verify().contains { $0.contains("fails its checksum") })
    let again = try load(store, Self.history.reversed(), source: "again.json")
    #expect(again.added == 0 && again.known == 120 && again.objects == 3)
    // Without the digests the same re-read has to decode the chunks, and meets the damage.
    try store.db.execute("DELETE FROM chunk_digests")
    #expect(throws: StoreError.self) { try load(store, Self.history, source: "third.json") }
  }

  @Test func aPartlyNewReadStoresExactlyTheNewFacts() throws {
    let store = try scratchStore()
    _ = try load(store, Array(Self.history[0..<60]))
    // Overlapping, out of order, with duplicates inside the read, and one fact that shares a stored
    // fact's pod and instant but not its message.
    var sameInstant = Self.history[10]
    if case var .event(ev) = sameInstant.body { ev.message += " (again)"; sameInstant.body = .event(ev) }
    var rng = SystemRandomNumberGenerator()
    let read = (Array(Self.history[30..<90]) + Array(Self.history[40..<50]) + [sameInstant]).shuffled(using: &rng)
    let r = try load(store, read, source: "b.json")
    #expect(r.added == 31 && r.known == 40)
    let fresh = try scratchStore()
    _ = try load(fresh, Array(Self.history[0..<90]) + [sameInstant])
    let stored = try contents(store)
    #expect(stored == (try contents(fresh)))
    #expect(stored.values.allSatisfy { $0 == 1 } && stored.count == 91)
    #expect(try store.verify().isEmpty)
    // The third read brings nothing new whatever its order.
    #expect(try load(store, read.reversed() + Self.history[0..<10], source: "c.json").added == 0)
  }

  @Test func rowsMissingAreBuiltOnFirstTouch() throws {
    let store = try scratchStore()
    _ = try load(store, Self.history)
    let all = try rowCount(store, "chunk_digests")
    try store.db.execute("DELETE FROM chunk_digests")
    #expect(try store.verify().isEmpty)  // a row not built yet is no problem
    let web1 = Self.history.filter { $0.object.name == "web-1" }
    #expect(try load(store, web1, source: "web-1.json").known == web1.count)
    let id = try #require(try store.objects().first { $0.name == "web-1" }?.id)
    #expect(try store.db.scalar("SELECT count(*) FROM chunk_digests WHERE object_id = \(id)") ==
            store.db.scalar("SELECT count(*) FROM chunk_objects WHERE object_id = \(id)"))
    #expect(try rowCount(store, "chunk_digests") < all)
    #expect(try store.verify().isEmpty)
    // Built rows serve the next read: with the chunks damaged, web-1 is still read back as known.
    try damageEveryChunk(store)
    #expect(try load(store, web1.reversed(), source: "web-1-again.json").known == web1.count)
  }

  @Test func aVersion2StoreIsReadAsItIsAndGainsTheTableWhenWritten() throws {
    let path: String
    do {
      let store = try scratchStore()
      path = store.path
      _ = try load(store, Self.history)
      try store.db.execute("DROP TABLE chunk_digests; PRAGMA user_version = 2;")
    }
    do {
      let reader = try Store(path: path, access: .read)
      #expect(try reader.db.scalar("PRAGMA user_version") == 2)
      #expect(try reader.objects().count == 3)
      #expect(try reader.verify().isEmpty)
    }
    let writer = try Store(path: path, access: .write)
    #expect(try writer.db.scalar("PRAGMA user_version") == StoreSchema.currentVersion)
    #expect(try rowCount(writer, "chunk_digests") == 0)
    let r = try load(writer, Self.history + [eventFact(pod: "web-1", reason: "Killing", message: "Stopping container app",
                                                       first: "2026-03-10T15:00:00Z")], source: "b.json")
    #expect(r.added == 1 && r.known == 120)
    #expect(try writer.verify().isEmpty)
    #expect(try rowCount(writer, "chunk_digests") == rowCount(writer, "chunk_objects"))
  }

  @Test func verifyChecksTheRowsAndReindexRebuildsThem() throws {
    let store = try scratchStore()
    _ = try load(store, Self.history)
    let before = try rowCount(store, "chunk_digests")
    try store.db.execute("UPDATE chunk_digests SET digest = zeroblob(length(digest)) WHERE object_id = 1")
    try store.db.execute("INSERT INTO chunk_digests VALUES (2, 999, zeroblob(8))")
    let problems = try store.verify()
    #expect(problems.contains { $0.contains("digest row differs") })
    #expect(problems.contains { $0.contains("object 2 in chunk 999") })
    try store.reindex()
    #expect(try store.verify().isEmpty)
    #expect(try rowCount(store, "chunk_digests") == before)
    #expect(try load(store, Self.history, source: "b.json").added == 0)
  }

  @Test func aDigestRowOfTheWrongLengthStopsTheImportAndChangesNothing() throws {
    let store = try scratchStore()
    _ = try load(store, Self.history)
    try store.db.execute("UPDATE chunk_digests SET digest = zeroblob(5)")
    let counts = try store.counts()
    #expect(throws: StoreError.self) { try load(store, Self.history, source: "b.json") }
    #expect(try store.counts() == counts)
    #expect(try store.imports().count == 1)
  }
}
