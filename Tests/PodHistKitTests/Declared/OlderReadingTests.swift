import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// A manifest imported by an older podhist, which read less of it (fixtures/store/
/// v2-declared-before-affinity.db: written by the release before `requiredNodeAffinity` was read),
/// then imported again: the fuller reading is a new fact (its content differs; the log keeps
/// both), and it stands for the manifest instead of being counted beside the older one.
@Suite struct OlderReadingTests {
  static func copyOfOldStore() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-older-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appending(path: "podhist.db").path
    try FileManager.default.copyItem(atPath: fixture("store/v2-declared-before-affinity.db").path, toPath: path)
    return path
  }

  /// Imports fixtures/`file` under the source name the old store cites (the file's own name).
  static func reimport(_ file: String, into path: String) throws -> PodHistService.ImportedFile {
    let name = String(file.split(separator: "/").last ?? "")
    return try #require(try PodHistService.importFiles([fixture(file).path], intoStoreAt: path, source: name).first)
  }

  @Test func theOldStoreHoldsTheOlderReading() throws {
    let service = try PodHistService.open(path: try Self.copyOfOldStore())
    let pod = try service.resolve("javaweb-2", namespace: nil)
    let declared = try #require(try service.declaredOnly(pod))
    #expect(declared.count == 1)
    #expect(declared.first?.declaration?.spec.requiredNodeAffinity == nil)
    #expect(declared.first?.declaration?.spec.nodeAffinity == "required: (kubernetes.io/arch In [amd64])")
  }

  @Test func aPodManifestReadAgainCountsOnceWithTheFullerReading() throws {
    let path = try Self.copyOfOldStore()
    let file = try Self.reimport("manifests/pod.yaml", into: path)
    // The newer reading differs from the stored one: stored, not "already known".
    #expect(file.added == 1)
    let service = try PodHistService.open(path: path)
    let pod = try service.resolve("javaweb-2", namespace: nil)
    #expect(try service.store.facts(of: pod).count == 2)
    let declared = try #require(try service.declaredOnly(pod))
    #expect(declared.count == 1)
    let terms = try #require(declared.first?.declaration?.spec.requiredNodeAffinity)
    #expect(terms.map(\.description) == ["kubernetes.io/arch In [amd64]"])
    #expect(declared.first?.provenance.importID == 3)
    // A third reading by the same release is known.
    #expect(try Self.reimport("manifests/pod.yaml", into: path).added == 0)
    #expect(try service.store.facts(of: pod).count == 2)
  }

  @Test func aWorkloadTemplateReadAgainCountsOnce() throws {
    let path = try Self.copyOfOldStore()
    _ = try Self.reimport("nodes/deployment-zone-affinity.yaml", into: path)
    let service = try PodHistService.open(path: path)
    let ledger = try #require(try service.query.workloads(namespace: "payments").first { $0.name == "ledger-api" })
    #expect(ledger.facts.count == 1)
    #expect(ledger.facts.first?.declaration?.spec.requiredNodeAffinity?.isEmpty == false)
  }

  /// Readings of different texts all count: another source, or other lines of the same source.
  @Test func differentTextsAreNotReadingsOfOne() throws {
    func fact(_ source: String, _ first: Int, _ last: Int, importID: Int64, replicas: Int) -> Fact {
      var d = PodDeclaration(declaredBy: "Deployment")
      d.replicas = replicas
      return Fact(object: ObjectRef(kind: "Deployment", namespace: "default", name: "web"), observed: Instant(micros: 0),
                  clock: .relative, body: .declared(d),
                  provenance: Provenance(importID: importID, source: source, firstLine: first, lastLine: last, format: "manifest-yaml"))
    }
    let facts = [fact("a.yaml", 1, 20, importID: 1, replicas: 1), fact("b.yaml", 1, 20, importID: 2, replicas: 2),
                 fact("a.yaml", 22, 40, importID: 2, replicas: 3), fact("a.yaml", 1, 20, importID: 3, replicas: 4)]
    #expect(PodQuery.newestReadings(facts).compactMap(\.declaration?.replicas) == [2, 3, 4])
    #expect(PodQuery.newestReadings(Array(facts.prefix(3))).count == 3)
  }
}
