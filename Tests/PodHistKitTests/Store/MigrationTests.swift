import Foundation
import Testing
@testable import PodHistKit

/// A store written by podhist's schema version 1 (fixtures/store/v1.db: every corpus input and
/// structured fixture imported by that release) opens as version 2 with every fact kept.
@Suite struct MigrationTests {
  func copyOfV1() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-v1-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appending(path: "podhist.db").path
    try FileManager.default.copyItem(atPath: fixture("store/v1.db").path, toPath: path)
    return path
  }

  @Test func everyFactOfAVersion1StoreSurvivesTheMigration() throws {
    let path = try copyOfV1()
    // What version 1 says it holds, read with plain SQL before podhist opens the file.
    var before: [String: Int64] = [:]
    var imports = 0
    do {
      let db = try Database(path: path, create: false)
      #expect(try db.scalar("PRAGMA user_version") == 1)
      let s = try db.prepare("SELECT o.kind || '/' || o.namespace || '/' || o.name, sum(c.fact_count) FROM chunks c JOIN objects o ON o.id = c.object_id GROUP BY 1")
      while try s.step() { before[s.text(0)] = s.int(1) }
      imports = Int(try db.scalar("SELECT count(*) FROM imports") ?? 0)
    }
    #expect(before.values.reduce(0, +) == 180)

    let store = try Store(path: path, create: false)
    #expect(try store.db.scalar("PRAGMA user_version") == StoreSchema.currentVersion)
    #expect(try store.verify().isEmpty)
    #expect(try store.imports().count == imports)
    var after: [String: Int64] = [:]
    for o in try store.objects(kind: nil) {
      let facts = try store.facts(of: o)
      after["\(o.kind)/\(o.namespace)/\(o.name)"] = Int64(facts.count)
      #expect(facts.allSatisfy { $0.provenance.importID >= 1 && $0.provenance.importID <= Int64(imports) })
    }
    #expect(after == before)
  }

  @Test func aMigratedStoreStillDeduplicates() throws {
    let store = try Store(path: try copyOfV1(), create: false)
    let seed = try #require(try FileManager.default.contentsOfDirectory(atPath: fixture("corpus/000-seed-springboot-liveness-probe-port").path)
      .first { $0.hasPrefix("input") })
    let r = try store.importing { session in
      _ = try session.begin(source: seed)
      let reader = try Importer.open(fixture("corpus/000-seed-springboot-liveness-probe-port/\(seed)").path)
      let report = try Importer.run(reader: reader, options: ImportOptions(sourceName: seed)) { try session.append($0) }
      return try session.finish(formats: report.formats, notes: report.notes)
    }
    #expect(r.added == 0 && r.known > 0)
  }
}
