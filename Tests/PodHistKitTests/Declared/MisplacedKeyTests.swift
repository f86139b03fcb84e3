import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// A manifest field written where Kubernetes has no such field, but the schema knows where it
/// belongs, is dropped by the reading: the import warns with its file and line. Fields the
/// schema does not know, and fields that are valid in more places than the schema lists, are
/// not warned about.
@Suite struct MisplacedKeyTests {
  /// The warnings of importing `text` as `source`, as (line, key) pairs in line order.
  static func misplaced(_ result: TextImportResult) -> [(line: Int, key: String)] {
    result.report.warnings.filter { $0.message.contains("which has no such field in Kubernetes") }.map { w in
      (w.line, String(w.message.dropFirst().prefix { $0 != "`" }))
    }
  }

  /// Seed 001's third Deployment (lines 121–156): the author wrote five pod fields one level too
  /// high. Its YAML parses whole, so it is imported as written, and each dropped field is named.
  @Test func seed001ThirdDeploymentNamesEachDroppedField() throws {
    let r = try importText(try fixtureText("seeds/001_245269ccbda382b5.txt"), source: "001.txt")
    let found = Self.misplaced(r)
    #expect(found.map(\.line) == [126, 127, 128, 133, 150])
    #expect(found.map(\.key) == ["shareProcessNamespace", "hostNetwork", "nodeSelector", "hostAliases", "lifecycle"])
    let lifecycle = try #require(r.report.warnings.first { $0.line == 150 })
    #expect(lifecycle.description == "001.txt:150: warning: `lifecycle` is written in the Deployment's pod template, which has no "
      + "such field in Kubernetes (it belongs in a container), so it was not imported")
    let nodeSelector = try #require(r.report.warnings.first { $0.line == 128 })
    #expect(nodeSelector.message.contains("written in the Deployment's own spec")
      && nodeSelector.message.contains("belongs in the Deployment's pod template spec"))
    // Nothing of what it declares reached the facts: its only container has no hooks, its
    // template no node selector.
    let third = try #require(r.facts.first { $0.provenance.firstLine == 121 }?.declaration)
    #expect(third.containers.map(\.name) == ["spingboot-mybatis"])
    #expect(third.containers.first?.spec.postStart == nil && third.containers.first?.spec.preStop == nil && third.spec.nodeSelector == nil)
  }

  /// The same Deployment in a file of its own, and as JSON: the same warnings at its own lines.
  @Test func aManifestFileAndJSONWarnToo() throws {
    let yaml = try importText(try fixtureText("misplaced/deployment-misplaced.yaml"), source: "d.yaml")
    #expect(Self.misplaced(yaml).map(\.line) == [6, 7, 8, 13, 30])
    let json = """
      {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web"},
        "spec": {
          "containers": [{"name": "web", "image": "nginx", "ports": [{"containerPort": 80}]}],
          "livenessProbe": {"httpGet": {"path": "/healthz", "port": 80}}
        }
      }
      """
    let r = try importText(json, source: "pod.json")
    #expect(Self.misplaced(r).map(\.key) == ["livenessProbe"])
    #expect(Self.misplaced(r).map(\.line) == [7])
    #expect(r.report.warnings.first?.message.contains("written in the Pod's spec") == true)
    #expect(r.facts.first?.declaration?.containers.first?.spec.liveness == nil)
  }

  /// Real fields the schema leaves out (pod-level resources, a probe's grace period, `os`,
  /// `readinessGates`, `resizePolicy`, an ephemeral volume, a ReplicationController's bare
  /// selector with a `name` label, matchExpressions): no warning.
  @Test func fieldsBeyondTheSchemaAreNotWarnedAbout() throws {
    let r = try importText(try fixtureText("misplaced/fields-beyond-schema.yaml"), source: "beyond.yaml")
    #expect(r.facts.compactMap(\.declaration).map(\.declaredBy) == ["Pod", "ReplicationController", "Deployment"])
    #expect(r.report.warnings.isEmpty)
  }

  /// Every manifest under fixtures/manifests and fixtures/seeds but the mis-indented one imports
  /// without a misplaced-field warning.
  @Test(arguments: ["manifests/pod.yaml", "manifests/deployment.yaml", "manifests/replicaset.yaml", "manifests/statefulset.yaml",
                    "manifests/daemonset.yaml", "manifests/job.yaml", "manifests/cronjob.yaml",
                    "seeds/000_4313a1a6678247f5.txt", "seeds/002_2397902da6e6695f.txt"])
  func wellWrittenManifestsDoNotWarn(_ path: String) throws {
    let r = try importText(try fixtureText(path), source: path)
    #expect(!r.facts.compactMap(\.declaration).isEmpty)
    #expect(Self.misplaced(r).isEmpty)
  }

  /// The check itself: a key unknown to the schema is not reported, a key the schema places
  /// elsewhere is, with every place it belongs.
  @Test func onlyKeysTheSchemaPlacesElsewhereAreReported() throws {
    var spec = StructuredObject()
    spec.append("containers", .array([.object(StructuredObject(members: [
      .init(key: "name", value: .string("a"), line: 5), .init(key: "image", value: .string("busybox"), line: 6),
      .init(key: "tolerations", value: .array([]), line: 7), .init(key: "someFutureField", value: .bool(true), line: 8),
    ]))]), line: 4)
    var pod = StructuredObject()
    pod.append("kind", .string("Pod"), line: 1)
    pod.append("spec", .object(spec), line: 3)
    let found = ManifestObject.misplacedKeys(pod)
    #expect(found.map(\.key) == ["tolerations"])
    #expect(found.first?.line == 7 && found.first?.writtenIn == "a container" && found.first?.belongsIn == ["the Pod's spec"])
  }
}
