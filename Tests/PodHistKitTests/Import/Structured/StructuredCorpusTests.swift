import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// The real structured dumps in fixtures/corpus: each must import, with the pod names and states
/// their expected.json gives.
@Suite("Structured corpus") struct StructuredCorpusTests {
  func corpus(_ folder: String) throws -> (facts: [Fact], report: ImportReport) {
    let dir = repositoryRoot.appending(path: "fixtures/corpus/\(folder)")
    let input = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix("input") })
    return try importBytes([UInt8](try Data(contentsOf: dir.appending(path: input))), name: input)
  }

  @Test func c003EventYAMLListItem() throws {
    let (facts, report) = try corpus("003-event-yaml-image-tag-not-found")
    #expect(report.formats == ["events-yaml"])
    let f = try #require(facts.first)
    #expect(facts.count == 1)
    #expect(f.object == ObjectRef(kind: "Pod", namespace: "srrs-ci", name: "registry-v1-j6noi", uid: "b5aab60b-c67d-11e5-accd-06606734e5a7"))
    let e = try #require(f.event)
    #expect(e.reason == "Failed")
    #expect(e.count == 61)
    #expect(e.container == "registry")
    #expect(e.first == instant("2016-01-29T11:44:55Z"))
    #expect(e.last == instant("2016-01-29T11:54:45Z"))
    #expect(e.message.hasPrefix("Failed to pull image \"quay.io/ukhomeofficedigital/s3registry:v2.0.0-bob\": image pull failed"))
    #expect(e.message.hasSuffix("(Tag v2.0.0-bob not found in repository quay.io/ukhomeofficedigital/s3registry)"))
    #expect(e.component == "kubelet")
    #expect(e.host == "ip-10-50-1-50.eu-west-1.compute.internal")
    #expect(f.provenance.firstLine == 1)
    #expect(f.provenance.lastLine == 28)
  }

  @Test func c016ContainerStatusesFragmentWithFoldedStrings() throws {
    let (facts, report) = try corpus("016-containerstatuses-yaml-folded-restart617")
    #expect(report.formats == ["pods-yaml"])
    let f = try #require(facts.first)
    #expect(f.object == ObjectRef(kind: "Pod", namespace: "ns-apps", name: "nsapp-fa868e46640f566de09528-0",
                                  uid: "927c8906-679e-4ccb-9e2d-e219eada6de0"))
    let s = try #require(f.snapshot)
    #expect(s.containers.count == 1)
    let c = s.containers[0]
    #expect(c.name == "app")
    #expect(c.kind == .regular)
    #expect(c.state?.kind == .waiting)
    #expect(c.state?.reason == "CrashLoopBackOff")
    #expect(c.lastState?.exitCode == 1)
    #expect(c.lastState?.reason == "Error")
    #expect(c.restartCount == 617)
    #expect(c.ready == false)
    #expect(c.containerID == "containerd://d9aa34b012e737d7fcb4964e1c556c9c2c6284a37bf05a5a89a09bddb8efe04c")
    #expect(f.observed == instant("2023-09-24T11:55:46Z"))
    #expect(report.notes.count == 1)
  }

  @Test func c017EvictedStatusBlock() throws {
    let (facts, _) = try corpus("017-evicted-ephemeral-storage-status-yaml")
    let f = try #require(facts.first)
    #expect(f.object.name == "unknown")
    let s = try #require(f.snapshot)
    #expect(s.phase == "Failed")
    #expect(s.reason == "Evicted")
    #expect(s.message == "The node was low on resource: ephemeral-storage. Container hush-house-worker was using 73712Ki, which exceeds its request of 0.")
    #expect(s.startTime == instant("2019-02-15T20:18:59Z"))
    #expect(s.containers.map(\.name) == ["hush-house-worker"])
    #expect(s.containers.first?.state == nil)
  }

  @Test func c036LastStateFragmentWithoutName() throws {
    let (facts, _) = try corpus("036-oom-reported-as-error-137-docker-bug-yaml")
    let s = try #require(facts.first?.snapshot)
    #expect(s.containers.count == 1)
    let c = s.containers[0]
    #expect(c.kind == .regular)
    #expect(c.state == nil)
    #expect(c.lastState?.kind == .terminated)
    #expect(c.lastState?.exitCode == 137)
    #expect(c.lastState?.reason == "Error")
    #expect(c.image == "busybox")
  }

  @Test func c038DescribeEventIsText() throws {
    let dir = repositoryRoot.appending(path: "fixtures/corpus/038-describe-event-insufficient-cpu-memory-2019/input.txt")
    #expect(StructuredImporter.sniff([UInt8](try Data(contentsOf: dir))) == nil)
  }

  @Test func c052EventTimeOnly() throws {
    let (facts, _) = try corpus("052-event-yaml-scheduled-eventtime-only")
    let f = try #require(facts.first)
    #expect(f.object.namespace == "magellan")
    #expect(f.object.name == "alertmanager-monit-alertmanager-0")
    let e = try #require(f.event)
    #expect(e.reason == "Scheduled")
    #expect(e.first == instant("2020-04-24T13:38:26.252501Z"))
    #expect(e.last == e.first)
    #expect(e.count == 1)
    #expect(e.action == "Binding")
    #expect(e.component == "default-scheduler")
    #expect(f.observed == instant("2020-04-24T13:38:26.252501Z"))
  }

  @Test func c056StatusBlockRunContainerError() throws {
    let (facts, _) = try corpus("056-runcontainererror-start-not-in-path-2015-yaml")
    let s = try #require(facts.first?.snapshot)
    #expect(s.phase == "Pending")
    #expect(s.hostIP == "10.240.0.5")
    #expect(s.podIP == "10.244.1.25")
    #expect(s.conditions == [PodCondition(type: "Ready", status: "False")])
    let c = try #require(s.containers.first)
    #expect(c.name == "hello-openshift")
    #expect(c.state?.kind == .waiting)
    #expect(c.state?.reason == "RunContainerError")
    #expect(c.state?.message?.contains("exec: \"start\": executable file not found in $PATH") == true)
    #expect(c.lastState == nil)  // lastState: {}
    #expect(c.restartCount == 0)
    #expect(facts.first?.observed == instant("2015-09-24T21:39:18Z"))
  }

  /// Every corpus input is sniffed as the kind its truth.md names: a JSON or YAML input as its
  /// kind (or nil: a fragment that does not open like a document goes to the text importer,
  /// which finds it), a text paste as nil unless its truth.md says it is JSON or YAML.
  @Test func sniffMatchesTheCorpusInputKinds() throws {
    let root = repositoryRoot.appending(path: "fixtures/corpus")
    let kinds: [String: InputFormat] = ["events-json": .eventsJSON, "events-yaml": .eventsYAML,
                                        "pod-json": .podsJSON, "pod-yaml": .podsYAML]
    var checked = 0
    for folder in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
      let dir = root.appending(path: folder)
      guard let input = try FileManager.default.contentsOfDirectory(atPath: dir.path).first(where: { $0.hasPrefix("input") }),
            let truth = try? String(contentsOf: dir.appending(path: "truth.md"), encoding: .utf8),
            let kindLine = truth.split(separator: "\n").first(where: { $0.hasPrefix("Input kind:") })
      else { continue }
      let kindWord = kindLine.dropFirst("Input kind:".count).drop { $0 == " " }.prefix { $0 != " " && $0 != "(" && $0 != "," && $0 != ";" }
      let bytes = [UInt8](try Data(contentsOf: dir.appending(path: input)).prefix(65536))
      let sniffed = StructuredImporter.sniff(bytes)
      if let kind = kinds[String(kindWord)] {
        #expect(sniffed == nil || sniffed == kind, "\(folder)")
      } else if input.hasSuffix(".txt") {
        #expect(sniffed == nil || truth.contains("json") || truth.contains("yaml") || truth.contains("YAML") || truth.contains("JSON"), "\(folder)")
      }
      checked += 1
    }
    #expect(checked >= 30)
  }
}

@Suite("Structured segments") struct StructuredSegmentTests {
  /// 040 is a text paste; its `status:` block (lines 12-21) is YAML a text importer can hand over.
  @Test func c040StatusSegmentKeepsInputLines() throws {
    let url = repositoryRoot.appending(path: "fixtures/corpus/040-minikube-insufficient-cpu-getpods-and-status/input.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(StructuredImporter.sniff(Array(text.utf8)) == nil)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let segment = lines[11...].joined(separator: "\n")
    var facts: [Fact] = []
    let report = try StructuredImporter.importSegment(segment, firstLine: 12, options: ImportOptions(sourceName: "input.txt")) {
      facts.append($0)
    }
    #expect(report.formats == ["pods-yaml"])
    let f = try #require(facts.first)
    #expect(f.provenance.firstLine == 12)
    let s = try #require(f.snapshot)
    #expect(s.phase == "Pending")
    #expect(s.spec.qosClass == "Guaranteed")
    #expect(s.fieldLines["status"] == 20)
    #expect(s.fieldLines["conditions"] == 13)
    #expect(s.conditions == [PodCondition(type: "PodScheduled", status: "False", reason: "Unschedulable",
                                          message: "0/1 nodes are available: 1 Insufficient cpu.",
                                          lastTransition: instant("2019-11-11T12:29:26Z"))])
    #expect(f.observed == instant("2019-11-11T12:29:26Z"))
  }

  @Test func jsonSegmentErrorsCiteInputLines() {
    #expect(throws: ImportError.malformed(source: "p.txt", line: 32, reason: "expected ',' or '}' after an object member")) {
      _ = try StructuredImporter.importSegment("{\n\"kind\": \"Pod\"\n\"x\": 1}", firstLine: 30,
                                               options: ImportOptions(sourceName: "p.txt")) { _ in }
    }
  }
}
