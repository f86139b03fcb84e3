import Foundation
import Testing
import TestSupport
@testable import PodHistKit

@Suite struct StoreTests {
  let facts = [
    eventFact(pod: "web-1", reason: "Scheduled", message: "Successfully assigned default/web-1 to worker1",
              first: "2026-03-10T14:02:10Z", line: 3),
    eventFact(pod: "web-1", reason: "Killing", message: "Container web failed liveness probe, will be restarted", count: 3,
              first: "2026-03-10T14:03:00Z", last: "2026-03-10T14:05:00Z", container: "web", line: 9),
    eventFact(pod: "db-0", ns: "data", reason: "Pulled", message: "Container image \"postgres:16\" already present on machine",
              first: "2026-03-10T14:02:30Z", container: "db", line: 15),
  ]

  func load(_ store: Store, _ facts: [Fact], source: String = "a.json") throws -> (added: Int, known: Int, objects: Int) {
    try store.importing { s in
      _ = try s.begin(source: source)
      for f in facts { try s.append(f) }
      return try s.finish(formats: ["events-json"], notes: [])
    }
  }

  @Test func roundTripsFactsPerPod() throws {
    let store = try scratchStore()
    let r = try load(store, facts)
    #expect(r.added == 3 && r.known == 0 && r.objects == 2)
    let pods = try store.objects()
    #expect(pods.map(\.name) == ["db-0", "web-1"])
    let web = try #require(pods.first { $0.name == "web-1" })
    let back = try store.facts(of: web)
    #expect(back.count == 2)
    #expect(back.map { $0.event?.reason } == ["Scheduled", "Killing"])
    #expect(back[1].event?.count == 3)
    #expect(back.allSatisfy { $0.provenance.importID == 1 })
    #expect(try store.verify().isEmpty)
  }

  @Test func reimportAddsNothingAndGrowingCountAddsOneObservation() throws {
    let store = try scratchStore()
    _ = try load(store, facts)
    let again = try load(store, facts, source: "copy-of-a.json")
    #expect(again.added == 0 && again.known == 3)
    var grown = facts[1]
    if case var .event(ev) = grown.body {
      ev.count = 5; ev.last = Instant.parseRFC3339("2026-03-10T14:07:00Z")
      grown.body = .event(ev); grown.observed = ev.last ?? grown.observed
    }
    let later = try load(store, [grown], source: "b.json")
    #expect(later.added == 1 && later.known == 0)
    let web = try #require(try store.objects().first { $0.name == "web-1" })
    let counts = try store.facts(of: web).compactMap { $0.event?.count }.sorted()
    #expect(counts == [1, 3, 5])
    #expect(try store.imports().map(\.factsAdded) == [3, 0, 1])
  }

  @Test func failedImportLeavesNoTrace() throws {
    let store = try scratchStore()
    _ = try load(store, facts)
    let before = try store.counts()
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try store.importing { s in
        _ = try s.begin(source: "bad.json")
        for i in 0..<1500 {
          try s.append(eventFact(pod: "p\(i % 7)", reason: "Pulled", message: "m\(i)", first: "2026-03-10T15:00:00Z"))
        }
        throw Boom()
      }
    }
    let after = try store.counts()
    #expect(after.chunks == before.chunks && after.facts == before.facts && after.objects == before.objects)
    #expect(try store.imports().count == 1)
    #expect(try store.verify().isEmpty)
  }

  @Test func logRejectsUpdateAndDelete() throws {
    let store = try scratchStore()
    _ = try load(store, facts)
    #expect(throws: SQLiteError.self) { try store.db.execute("UPDATE log SET fact_count = 9") }
    #expect(throws: SQLiteError.self) { try store.db.execute("DELETE FROM log") }
    #expect(try store.counts().chunks == 1)
  }

  @Test func verifyFindsAFlippedByte() throws {
    let store = try scratchStore()
    _ = try load(store, facts)
    // Go around the triggers the way a disk error or a hand edit would.
    try store.db.execute("DROP TRIGGER log_is_append_only_update")
    let read = try store.db.prepare("SELECT data FROM log WHERE id = 1")
    #expect(try read.step())
    var bytes = read.blob(0)
    bytes[10] ^= 0x01
    let write = try store.db.prepare("UPDATE log SET data = ? WHERE id = 1")
    try write.bind(.blob(bytes))
    try write.run()
    let problems = try store.verify()
    #expect(problems.contains { $0.contains("chunk 1") && $0.contains("checksum") })
  }

  @Test func verifyFindsIndexDrift() throws {
    let store = try scratchStore()
    _ = try load(store, facts)
    _ = try load(store, [eventFact(pod: "web-2", reason: "Pulled", message: "m", first: "2026-03-10T14:09:00Z")], source: "b.json")
    #expect(try store.verify().isEmpty)
    try store.db.execute("UPDATE chunk_objects SET fact_count = fact_count + 1 WHERE chunk_id = 1 AND object_id = 1")
    try store.db.execute("DELETE FROM chunk_objects WHERE chunk_id = 2")
    try store.db.execute("UPDATE import_horizons SET last_observed = last_observed - 1 WHERE import_id = 1")
    let problems = try store.verify()
    #expect(problems.contains { $0.contains("chunk 1") && $0.contains("index says 2 facts, the chunk holds 1") })
    #expect(problems.contains { $0.contains("chunk 2") && $0.contains("not in the index") })
    #expect(problems.contains { $0.contains("import 1: index horizon") })
  }

  @Test func reindexRebuildsAnIdenticalIndex() throws {
    let store = try scratchStore()
    _ = try load(store, facts)
    _ = try load(store, [eventFact(pod: "web-1", reason: "BackOff", message: "Back-off restarting failed container",
                                   first: "2026-03-10T14:06:00Z", container: "web")], source: "b.json")
    func dump() throws -> [String] {
      var rows: [String] = []
      let s = try store.db.prepare("SELECT * FROM import_horizons ORDER BY 1")
      while try s.step() { rows.append((0..<2).map { s.text(Int32($0)) }.joined(separator: "|")) }
      let c = try store.db.prepare("SELECT * FROM chunk_objects ORDER BY 1, 2")
      while try c.step() { rows.append((0..<3).map { c.text(Int32($0)) }.joined(separator: "|")) }
      let o = try store.db.prepare("SELECT id, kind, namespace, name FROM objects ORDER BY id")
      while try o.step() { rows.append((0..<4).map { o.text(Int32($0)) }.joined(separator: "|")) }
      return rows
    }
    let before = try dump()
    try store.db.execute("DELETE FROM import_horizons; DELETE FROM chunk_objects; DELETE FROM objects;")
    #expect(try store.verify().isEmpty == false)
    try store.reindex()
    #expect(try dump() == before)
    #expect(try store.verify().isEmpty)
  }

  @Test func schemaFileMatchesTheEmbeddedSchema() throws {
    let file = try String(contentsOf: repositoryRoot.appending(path: "schema/store.sql"), encoding: .utf8)
    #expect(file.trimmingCharacters(in: .whitespacesAndNewlines) == StoreSchema.current.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  @Test func refusesAForeignSQLiteFile() throws {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-foreign-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appending(path: "other.db").path
    do { let db = try Database(path: path, create: true); try db.execute("CREATE TABLE t (x)") }
    #expect(throws: StoreError.self) { _ = try Store(path: path, create: false) }
  }
}
