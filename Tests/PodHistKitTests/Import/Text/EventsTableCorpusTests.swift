import Foundation
import Testing
@testable import PodHistKit

/// The events-table parts of real pastes in fixtures/corpus.
@Suite struct EventsTableCorpusTests {
  let now = at("2023-04-14T10:00:00Z")

  @Test func flattenedWatchOnOneLine001() throws {
    let (seg, warnings) = try eventsSegment(try corpusInput("001"))
    #expect(seg.lines == 1...1)
    #expect(seg.rows.map(\.reason) == ["Scheduled", "Pulling", "Pulled", "Created", "Started", "Pulled", "BackOff", "Scheduled"])
    #expect(seg.rows.allSatisfy { $0.firstLine == 1 && $0.lastLine == 1 })
    let facts = seg.facts(now: now, nowError: .zero, source: "001")
    #expect(facts.map { $0.event?.last } == [24, 23, 16, 1, 0, 1, 13, 24].map { now - .seconds($0) })
    #expect(facts.map(\.object.name) == Array(repeating: "helloworld-656898b9bb-98vrv", count: 7) + ["helloworld-656898b9bb-sg6fs"])
    #expect(facts.allSatisfy { $0.object.namespace == "default" && $0.object.kind == "Pod" })
    #expect(facts[2].event?.message == "Successfully pulled image \"hello-world:linux\" in 7.371731633s")
    #expect(facts[3].event?.container == "hello-world")
    #expect(facts[4].event?.container == "hello-world")
    #expect(facts[6].event?.type == "Warning")
    #expect(facts[6].event?.message == "Back-off restarting failed container")
    #expect(facts[6].event?.container == nil)
    #expect(facts[7].event?.message == "Successfully assigned default/helloworld-656898b9bb-sg6fs to kind-lab-worker")
    #expect(seg.anchors.contains(AgeAnchor(subject: .containerStarted(pod: "helloworld-656898b9bb-98vrv", container: "hello-world"),
                                           age: .known(value: .zero, resolution: .seconds(1)))))
    #expect(warnings.contains { $0.message.contains("flattened") })
  }

  @Test func terminalWrappedMessage010() throws {
    let (seg, _) = try eventsSegment(try corpusInput("010"))
    #expect(seg.rows.count == 1)
    let row = try #require(seg.rows.first)
    #expect(row.firstLine == 1)
    #expect(row.lastLine == 4)
    #expect(row.object == ObjectRef(namespace: ObjectRef.unknownNamespace, name: "alpine-whsll"))
    #expect(row.reason == "FailedCreatePodSandBox")
    #expect(row.type == "Warning")
    #expect(row.message.hasPrefix("Failed to create pod sandbox: rpc error"))
    #expect(row.message.contains("sandbox \"11ce5f00d56f731f8eada3b7cef6e743f8873ddae8e91527d1d400cd457c1eff\""))
    #expect(row.message.contains("error configuring pod [default/alpine-whsll] networking: Multus"))
    #expect(row.message.contains("failed getting the delegate"))
    #expect(row.message.hasSuffix("No networks found in /host/etc/cni/net.d..."))
    let fact = try #require(seg.facts(now: nil, nowError: .zero, source: "010").first)
    #expect(fact.clock == .relative)
    #expect(fact.event?.last == ago(0))
    #expect(fact.provenance.firstLine == 1 && fact.provenance.lastLine == 4)
  }

  @Test func dashboardCopy048() throws {
    let (seg, warnings) = try eventsSegment(try corpusInput("048"))
    #expect(seg.ownClock)
    #expect(seg.anchors.isEmpty)
    #expect(seg.rows.map(\.firstLine) == [1, 3, 5, 7, 9, 11, 13])
    #expect(seg.rows.map(\.lastLine) == [2, 4, 6, 8, 10, 12, 13])
    #expect(seg.rows.map(\.reason) == ["Pulling", "Failed", "Failed", "Pulling", "Pulling", "Failed", "BackOff"])
    // Even with a "now" from elsewhere, clock times without a date stay relative to the latest row.
    let facts = seg.facts(now: now, nowError: .seconds(5), source: "048")
    #expect(facts.allSatisfy { $0.clock == .relative && $0.uncertainty == .seconds(1) })
    #expect(facts.map { $0.event?.last } == [0, 0, 5, 5, 8, 21, 28].map { ago($0) })
    #expect(facts.map { $0.event?.count } == [3, 2, 2, 2, 2, 2, 1])
    #expect(facts.allSatisfy { $0.object == ObjectRef(namespace: ObjectRef.unknownNamespace, name: EventsTableParser.unnamedPod) })
    #expect(facts[1].event?.message == "Failed to pull image \"aerokube/logger:cad1da0af14ee43856ce3ca635daf0e79ebb1fef\": rpc error: code = 2 desc = manifest unknown: manifest unknown")
    #expect(facts[1].event?.type == "Warning")
    #expect(facts[6].event?.first == facts[6].event?.last)
    #expect(warnings.contains { $0.message.contains("no date") && $0.line == 1 })
  }

  @Test func headerlessRolloutRows055() throws {
    let (seg, _) = try eventsSegment(try corpusInput("055"))
    #expect(seg.humanDuration)
    let facts = seg.facts(now: now, nowError: .zero, source: "055")
    #expect(facts.count == 6)
    let pod = ObjectRef(namespace: ObjectRef.unknownNamespace, name: "nginx-deployment-7759cfdc55-2xczh")
    #expect(facts.prefix(4).allSatisfy { $0.object == pod })
    #expect(facts[4].object == ObjectRef(kind: "ReplicaSet", namespace: "default", name: "nginx-deployment-7759cfdc55"))
    #expect(facts[5].object == ObjectRef(kind: "Deployment", namespace: "default", name: "nginx-deployment"))
    #expect(facts[3].event?.container == "nginx")
    #expect(facts[3].event?.last == now - .seconds(260))
    #expect(facts[0].event?.last == now - .seconds(277))
    #expect(facts[3].provenance.firstLine == 4)
    #expect(seg.anchors == [AgeAnchor(subject: .containerStarted(pod: pod.name, container: "nginx"),
                                      age: .known(value: .seconds(260), resolution: .seconds(1)))])
  }

  @Test func openShift2017RowsWithBlankLines058() throws {
    let (seg, _) = try eventsSegment(try corpusInput("058"))
    #expect(!seg.humanDuration)
    #expect(seg.rows.map(\.firstLine) == [1, 3, 4, 5])
    let facts = seg.facts(now: now, nowError: .zero, source: "058")
    #expect(facts.allSatisfy { $0.object == ObjectRef(namespace: "test2", name: "postgresql-1-t199e") })
    let first = try #require(facts.first?.event)
    #expect(first.reason == "FailedSync")
    #expect(first.count == 4)
    #expect(first.first == now - .seconds(19 * 60))
    #expect(first.last == now - .seconds(18 * 60))
    #expect(first.fieldPath == nil)
    #expect(first.container == "postgresql")
    #expect(first.component == "kubelet")
    #expect(first.host == "node238.localnet.net")
    #expect(first.message.hasSuffix("pod=postgresql-1-t199e_test2(5e7b1fd3-1a01-11e7-8237-005056b6143a)\""))
    let created = try #require(facts[1].event)
    #expect(created.fieldPath == "spec.containers{postgresql}")
    #expect(created.container == "postgresql")
    #expect(created.containerKind == .regular)
    #expect(created.message == "Created container with docker id a8acbe218e6b; Security:[seccomp=unconfined]")
    #expect(facts[3].event?.count == 7)
    #expect(facts[3].event?.first == now - .seconds(18 * 60))
    #expect(facts[3].event?.last == now - .seconds(16 * 60))
    #expect(facts[3].uncertainty == .seconds(60))
  }

  @Test func describeEventsAreNotTaken000And008() throws {
    for c in ["000", "008"] {
      var warnings: [ImportWarning] = []
      let segs = segments(EventsTableParser(), cleanedLines(try corpusInput(c)), warnings: &warnings)
      #expect(segs.isEmpty, "case \(c)")
    }
  }
}
