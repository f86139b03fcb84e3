import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// The three seed documents (fixtures/seeds, copies of the project's seed articles) import with
/// every pasted part recognised: manifests as declared facts, the node table as node facts, the
/// describe and pod tables as before.
@Suite struct SeedDocumentTests {
  static func imported(_ seed: String) throws -> (service: PodHistService, file: PodHistService.ImportedFile, warnings: [ImportWarning]) {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-seed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appending(path: "podhist.db").path
    var warnings: [ImportWarning] = []
    let files = try PodHistService.importFiles([fixture("seeds/\(seed)").path], intoStoreAt: path, source: seed) { warnings.append($0) }
    return (try PodHistService.open(path: path), try #require(files.first), warnings)
  }

  @Test func seed000FlattenedPodManifest() throws {
    let (service, file, warnings) = try Self.imported("000_4313a1a6678247f5.txt")
    #expect(file.report.formats == ["manifest-yaml"])
    #expect(warnings.isEmpty)
    #expect(try service.listPods(namespace: nil, at: nil) { $0.object.name }.isEmpty)
    let declared = try #require(try service.declaredOnly(try service.resolve("pod-demon", namespace: nil)))
    #expect(declared.compactMap(\.declaration).first?.containers.map(\.image) == ["nginx", "busybox"])
  }

  @Test func seed001DeploymentsPodsNodesAndDescribe() throws {
    let (service, file, warnings) = try Self.imported("001_245269ccbda382b5.txt")
    #expect(Set(file.report.formats) == ["manifest-yaml", "pods-table", "nodes-table", "describe"])
    // The node table is read, no longer skipped line by line.
    #expect(!warnings.contains { (163...165).contains($0.line) })
    let nodes = try service.nodes(at: nil)
    #expect(nodes.nodes.map(\.name) == ["master", "worker1"])
    #expect(nodes.node("worker1")?.snapshot.labels?["kubernetes.io/hostname"] == "worker1")
    #expect(try service.listPods(namespace: nil, at: nil) { $0.object.name }.count == 4)
    let deployments = try service.store.objects(kind: "Deployment")
    #expect(deployments.map(\.name) == ["springboot-mybatis-deployment"])
    let templates = try service.store.facts(of: try #require(deployments.first)).compactMap(\.declaration)
    // Four manifests, two of them the same template.
    #expect(templates.count == 3)
    #expect(templates.contains { $0.containers.first?.spec.liveness?.portNumber == 18082 })
    // The second (lines 66–108) is mis-indented: `volumes:` and each `volumeMounts:` written
    // as siblings of their owners. Its nesting is rebuilt whole: three containers sharing one
    // hostPath volume, each mounting it.
    let shared = try #require(templates.first { $0.containers.count == 3 })
    #expect(shared.containers.map(\.name) == ["spingboot-mybatis", "spingboot-log-accumulate", "spingboot-log-analysis"])
    #expect(shared.containers.map(\.image) == ["zjj2006forever/springboot-mybatis:1.2", "zjj2006forever/springboot-log-accumulate:v1",
                                                 "zjj2006forever/springboot-log-analysis:v1"])
    #expect(shared.containers.map { $0.spec.ports?.map(\.containerPort) ?? [] } == [[8300], [8400], [8500]])
    #expect(shared.containers.map { $0.spec.mounts ?? [] } == [["/logs from boot-log (rw)"], ["/accumulate from boot-log (rw)"], ["/analysis from boot-log (rw)"]])
    #expect(shared.spec.volumes == [VolumeRef(name: "boot-log", type: "hostPath", source: "/tmp/boot-log")])
    #expect(file.report.notes.contains { $0.hasPrefix("lines 66–108: the YAML was mis-indented from line 82") })
    #expect(!warnings.contains { (66...108).contains($0.line) })
    let e = try #require(try service.explain(try service.resolve("9wfxl", namespace: nil), at: nil))
    #expect(e.causes.first?.code == .crashLoopLivenessProbe)
    #expect(e.declarations.map(\.name) == Array(repeating: "springboot-mybatis-deployment", count: 3))
  }

  @Test func seed002TwoPodManifests() throws {
    let (service, file, warnings) = try Self.imported("002_2397902da6e6695f.txt")
    #expect(file.report.formats == ["manifest-yaml"])
    #expect(warnings.isEmpty)
    #expect(try service.listPods(namespace: nil, at: nil) { $0.object.name }.isEmpty)
    let javaweb = try #require(try service.declaredOnly(try service.resolve("javaweb-2", namespace: nil))?.first?.declaration)
    #expect(javaweb.containers.map(\.kind) == [.`init`, .regular])
    #expect(javaweb.containers.last?.spec.ports == [ContainerPort(containerPort: 8080, hostPort: 8001)])
    let two = try #require(try service.declaredOnly(try service.resolve("two-containers", namespace: nil))?.first?.declaration)
    #expect(two.spec.restartPolicy == "Never" && two.spec.volumes?.first?.type == "hostPath")
  }
}
