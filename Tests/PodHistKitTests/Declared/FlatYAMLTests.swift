import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// YAML whose indentation a paste lost (seed 000): the nesting is rebuilt from the Kubernetes
/// schema, or what is certain is imported with a warning naming the line.
@Suite struct FlatYAMLTests {
  /// Every YAML manifest and object under fixtures/manifests and fixtures/nodes.
  static let manifests: [String] = {
    ["manifests", "nodes"].flatMap { dir in
      ((try? FileManager.default.contentsOfDirectory(atPath: fixture(dir).path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted().map { "\(dir)/\($0)" }
    }
  }()

  /// The facts of `text` imported as a paste, without provenance.
  static func facts(_ text: String) throws -> (facts: Set<Fact>, warnings: [ImportWarning]) {
    var out: [Fact] = []
    let report = try TextImporter.run(text: text, options: ImportOptions(format: .auto, sourceName: "flat.txt")) { out.append($0) }
    return (Set(out.map { var f = $0; f.provenance = Provenance(source: "", firstLine: 0, format: "")
      if case var .node(n) = f.body { n.fieldLines = [:]; f.body = .node(n) }
      if case var .status(s) = f.body { s.fieldLines = [:]; for k in s.containers.indices { s.containers[k].fieldLines = [:] }; f.body = .status(s) }
      if case var .declared(d) = f.body { d.containers = d.containers; f.body = .declared(d) }
      return f }), report.warnings)
  }

  @Test func thereAreManifests() { #expect(Self.manifests.count >= 9) }

  @Test(arguments: manifests) func aFlatteningRebuildsTheSameFactsOrSaysWhatItCouldNotPlace(_ path: String) throws {
    let text = try String(contentsOf: fixture(path), encoding: .utf8)
    let flat = text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.drop { $0 == " " } }.joined(separator: "\n")
    let original = try Self.facts("$ cat x.yaml\n" + text)
    let rebuilt = try Self.facts("$ cat x.yaml\n" + flat)
    let ambiguous = rebuilt.warnings.filter { $0.message.contains("lost its indentation") }
    if rebuilt.facts != original.facts {
      // Not rebuilt exactly: the import must say which lines it could not place.
      #expect(!ambiguous.isEmpty, "\(path): the rebuilt facts differ and no line was reported")
    }
    #expect(!rebuilt.facts.isEmpty)
  }

  @Test func seed000PodIsRebuilt() throws {
    let text = try String(contentsOf: fixture("seeds/000_4313a1a6678247f5.txt"), encoding: .utf8)
    var out: [Fact] = []
    let report = try TextImporter.run(text: text, options: ImportOptions(format: .auto, sourceName: "000.txt")) { out.append($0) }
    let d = try #require(out.compactMap(\.declaration).first)
    #expect(out.map(\.object) == [ObjectRef(kind: "Pod", namespace: "default", name: "pod-demon")])
    #expect(d.containers.map(\.name) == ["myapp", "busybox"])
    #expect(d.containers.first?.spec.ports?.map(\.containerPort) == [80, 443])
    #expect(d.spec.restartPolicy == "OnFailure")
    #expect(d.spec.labels == ["app": "myapp"])
    #expect(report.notes.contains { $0.contains("nesting was rebuilt") })
    #expect(report.warnings.isEmpty)
  }

  @Test func whatCannotBeRebuiltKeepsWhatIsCertainAndWarns() throws {
    // A key no object of the schema has: the nesting cannot be undone.
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\nname: odd\nspec:\ncontainers:\n- name: app\nimage: nginx:1.25\nweirdKey: 1\n"
    var out: [Fact] = []
    let report = try TextImporter.run(text: text, options: ImportOptions(format: .auto, sourceName: "odd.txt")) { out.append($0) }
    let d = try #require(out.compactMap(\.declaration).first)
    #expect(out.first?.object.name == "odd")
    #expect(d.containers.map(\.name) == ["app"] && d.containers.first?.image == "nginx:1.25")
    #expect(report.warnings.contains { $0.line == 9 && $0.message.contains("only its kind, name, containers and images") })
  }
}
