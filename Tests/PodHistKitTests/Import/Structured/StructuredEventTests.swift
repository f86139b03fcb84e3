import Foundation
import Testing
@testable import PodHistKit

@Suite("Structured events") struct StructuredEventTests {
  @Test func eventsListJSON() throws {
    let (facts, report) = try importFixture("structured/events-list.json")
    #expect(facts.count == 5)
    #expect(report.formats == ["events-json"])
    #expect(report.nonPodFacts == 1)
    #expect(facts.map(\.provenance.firstLine) == [4, 33, 66, 99, 132])
    #expect(facts.map(\.provenance.lastLine) == [32, 65, 98, 131, 162])
    #expect(facts.allSatisfy { $0.provenance.format == "events-json" && $0.provenance.source == "events-list.json" })

    // Scheduled with only eventTime (firstTimestamp/lastTimestamp null).
    let scheduled = try #require(facts[0].event)
    #expect(facts[0].object == ObjectRef(kind: "Pod", namespace: "auth", name: "oauth2-proxy-lhj98vkw8v-v5c9z",
                                         uid: "d46f0b68-74e6-420b-a4b1-f9d55f78d08f"))
    #expect(scheduled.reason == "Scheduled")
    #expect(scheduled.first == instant("2025-03-10T16:15:01.950199Z"))
    #expect(scheduled.last == scheduled.first)
    #expect(facts[0].observed == instant("2025-03-10T16:15:01.950199Z"))
    #expect(scheduled.count == 1)
    #expect(scheduled.action == "Binding")
    #expect(scheduled.component == "default-scheduler")  // source is {}: falls back to reportingComponent
    #expect(scheduled.host == "default-scheduler-ip-172-16-14-118.eu-west-1.compute.internal")
    #expect(scheduled.name == "oauth2-proxy-lhj98vkw8v-v5c9z.182b7d2a6548d329")
    #expect(scheduled.uid == "71c91288-1c5f-4517-a085-83305946ca65")

    // Pulling: container from fieldPath, kubelet on the node.
    let pulling = try #require(facts[1].event)
    #expect(pulling.container == "oauth2-proxy")
    #expect(pulling.containerKind == .regular)
    #expect(pulling.fieldPath == "spec.containers{oauth2-proxy}")
    #expect(pulling.component == "kubelet")
    #expect(pulling.host == "ip-10-0-61-124.eu-west-1.compute.internal")
    #expect(pulling.message == "Pulling image \"quay.io/oauth2-proxy/oauth2-proxy:v7.5.1\"")
    #expect(pulling.apiVersion == "v1")

    // A series: last and count come from it.
    let series = try #require(facts[3].event)
    #expect(series.reason == "FailedScheduling")
    #expect(series.count == 31)
    #expect(series.seriesCount == 31)
    #expect(series.last == instant("2025-03-10T23:48:55.053475Z"))
    #expect(series.seriesLast == series.last)
    #expect(series.first == instant("2025-03-10T22:32:52.996302Z"))
    #expect(facts[3].observed == instant("2025-03-10T23:48:55.053475Z"))

    // Non-pod Event is kept with its kind.
    #expect(facts[4].object.kind == "ReplicaSet")
    #expect(facts[4].object.name == "oauth2-proxy-lhj98vkw8v")
  }

  @Test func extraKeepsUnmappedFieldsSortedWithoutManagedFields() throws {
    let (facts, _) = try importFixture("structured/event-single.json")
    let e = try #require(facts.first?.event)
    #expect(facts.count == 1)
    #expect(e.extra == #"{"involvedObject":{"apiVersion":"v1","resourceVersion":"918273"},"metadata":{"creationTimestamp":"2026-03-10T14:03:40Z","namespace":"shop","resourceVersion":"920114"}}"#)
    #expect(e.reason == "BackOff")
    #expect(e.count == 17)
    #expect(e.first == instant("2026-03-10T14:03:40Z"))
    #expect(e.last == instant("2026-03-10T14:17:45Z"))
    #expect(e.type == "Warning")
    #expect(e.container == "web")
    #expect(e.reportingController == "kubelet")
    #expect(e.reportingInstance == "node-3")
    #expect(e.eventTime == nil)
    #expect(facts[0].provenance.firstLine == 1)
    #expect(facts[0].provenance.lastLine == 42)
    #expect(facts[0].object.uid == "5c0e2f11-77aa-4b1e-9a0c-2d7e51f0a3b4")
  }

  @Test func eventsK8sIoV1WithSeriesAndEventTimeOnly() throws {
    let (facts, _) = try importFixture("structured/events-v1-series.json")
    let f = try #require(facts.first)
    let e = try #require(f.event)
    #expect(f.object == ObjectRef(kind: "Pod", namespace: "jobs", name: "batch-import-28519230-x7kqp",
                                  uid: "2a9c8e7f-1d3b-4c5a-9e8f-6b7a5c4d3e21"))
    #expect(e.apiVersion == "events.k8s.io/v1")
    #expect(e.message.hasPrefix("0/6 nodes are available: 2 node(s) had untolerated taint"))
    #expect(e.first == instant("2026-03-10T09:12:03.418265Z"))
    #expect(e.eventTime == e.first)
    #expect(e.last == instant("2026-03-10T09:25:41.902117Z"))
    #expect(e.count == 14)
    #expect(e.component == "default-scheduler")
    #expect(e.reportingController == "default-scheduler")
    #expect(e.host == "default-scheduler-control-plane-1")
    #expect(e.action == "Scheduling")
    #expect(f.observed == instant("2026-03-10T09:25:41.902117Z"))
  }

  @Test func zeroCountCountsAsOne() throws {
    let json = #"{"apiVersion":"v1","kind":"Event","count":0,"involvedObject":{"kind":"Node","name":"node-1"},"reason":"Starting","message":"Starting kubelet.","firstTimestamp":"2026-03-10T10:00:00Z"}"#
    let (facts, report) = try importBytes(Array(json.utf8), name: "node.json")
    let e = try #require(facts.first?.event)
    #expect(e.count == 1)
    #expect(facts[0].object == ObjectRef(kind: "Node", namespace: "default", name: "node-1"))
    #expect(report.nonPodFacts == 1)
  }

  @Test func yamlList() throws {
    let (facts, report) = try importFixture("structured/events-list.yaml")
    #expect(report.formats == ["events-yaml"])
    #expect(facts.map { $0.event?.reason } == ["Scheduled", "Unhealthy", "NodeHasSufficientMemory"])
    #expect(facts.map(\.provenance.firstLine) == [3, 29, 59])
    #expect(facts.map(\.provenance.lastLine) == [28, 58, 83])
    #expect(facts.allSatisfy { $0.provenance.format == "events-yaml" })
    let unhealthy = try #require(facts[1].event)
    #expect(unhealthy.count == 6)
    #expect(unhealthy.message == "Readiness probe failed: Get \"http://10.244.3.17:8080/ready\": dial tcp 10.244.3.17:8080:\nconnect: connection refused")
    #expect(unhealthy.first == instant("2026-03-10T14:02:40Z"))
    #expect(unhealthy.last == instant("2026-03-10T14:09:58Z"))
    #expect(facts[2].object.kind == "Node")
    #expect(report.nonPodFacts == 1)
    #expect(facts[0].event?.host == nil)  // reportingInstance "" is empty
  }

  @Test func multiDocumentYAMLWatch() throws {
    let (facts, _) = try importFixture("structured/events-multidoc.yaml")
    #expect(facts.count == 3)
    #expect(facts.map(\.provenance.firstLine) == [1, 26, 51])  // after each `---`
    #expect(facts[0].event?.count == 1)
    #expect(facts[1].event?.count == 2)
    #expect(facts[0].event?.identityKey == facts[1].event?.identityKey)
    let v1 = try #require(facts[2].event)
    #expect(v1.message == "Successfully assigned shop/web-2 to node-1")
    #expect(v1.first == instant("2026-03-10T14:05:00.120034Z"))
    #expect(v1.count == 1)  // deprecatedCount 0
    #expect(facts[2].object.name == "web-2")
  }

  @Test func watchOfConcatenatedPrettyObjects() throws {
    let (facts, report) = try importFixture("structured/events-watch.json", piece: 7)
    #expect(facts.count == 3)
    #expect(report.formats == ["events-json"])
    #expect(facts.map(\.provenance.firstLine) == [1, 32, 61])
    #expect(facts.map(\.provenance.lastLine) == [31, 60, 93])
  }

  @Test func watchEventWrappers() throws {
    let (facts, _) = try importFixture("structured/events-watch-wrapped.json")
    #expect(facts.count == 3)
    #expect(facts.map(\.provenance.firstLine) == [1, 37, 73])
    #expect(facts.allSatisfy { $0.event != nil && !$0.event!.reason.isEmpty })
  }

  @Test func jsonLines() throws {
    let (facts, _) = try importFixture("structured/events.jsonl")
    #expect(facts.map(\.provenance.firstLine) == [1, 2, 3, 4])
    #expect(facts.map(\.provenance.lastLine) == [1, 2, 3, 4])
    #expect(facts.allSatisfy { $0.event != nil })
  }

  @Test func eventWithoutAnyTimeIsSkippedWithAWarning() throws {
    let json = #"{"kind":"Event","involvedObject":{"kind":"Pod","name":"a","namespace":"x"},"reason":"Failed","message":"m"}"#
    let (facts, report) = try importBytes(Array(("\n\n" + json).utf8), name: "t.json")
    #expect(facts.isEmpty)
    #expect(report.warnings.count == 1)
    #expect(report.warnings.first?.line == 3)
    let (facts2, _) = try importBytes(Array(json.utf8), name: "t.json", observedAt: instant("2026-01-01T00:00:00Z"))
    #expect(facts2.first?.observed == instant("2026-01-01T00:00:00Z"))
  }

  @Test func escapesAndUnicodeInStrings() throws {
    let json = #"{"kind":"Event","involvedObject":{"kind":"Pod","name":"a","namespace":"x"},"reason":"Failed","message":"pull \"img\"\ttab \u00e9 \ud83d\ude00 done","lastTimestamp":"2026-03-10T10:00:00Z"}"#
    let (facts, _) = try importBytes(Array(json.utf8), name: "t.json", piece: 3)
    #expect(facts.first?.event?.message == "pull \"img\"\ttab é 😀 done")
  }
}

@Suite("Structured values") struct StructuredValueTests {
  @Test(arguments: ["2026-03-10T14:02:11Z", "2026-03-10T14:02:11.482913Z", "2020-02-29T23:59:59.5Z", "1969-12-31T23:59:59Z",
                    "2000-03-01T00:00:00Z", "1600-02-28T12:00:00Z"])
  func fastTimesAgreeWithInstant(_ text: String) throws {
    let fast = try #require(StructuredValue.fastUTCInstant(text))
    #expect(fast == Instant.parseRFC3339(text))
    #expect(StructuredValue.string(text).instant == fast)
  }

  @Test func nanosecondFractionsAreCutToMicroseconds() {
    #expect(StructuredValue.string("2016-01-29T11:44:55.123456789Z").instant == instant("2016-01-29T11:44:55.123456Z"))
    #expect(StructuredValue.string("2016-01-29T11:44:55.123456789+01:00").instant == instant("2016-01-29T10:44:55.123456Z"))
  }

  @Test func otherTimeFormsFallBack() {
    #expect(StructuredValue.fastUTCInstant("2020-07-03T03:58:09-04:00") == nil)
    #expect(StructuredValue.string("2020-07-03T03:58:09-04:00").instant?.rfc3339 == "2020-07-03T07:58:09Z")
    #expect(StructuredValue.string("2020-13-03T03:58:09Z").instant == nil)
    #expect(StructuredValue.null.instant == nil)
  }

  @Test func compactJSONIsSortedAndEscaped() {
    var o = StructuredObject()
    o.append("z", .string("a\"b\\c\nd\u{1}é"), line: 1)
    o.append("a", .array([.int(1), .double(2.5), .bool(true), .null]), line: 2)
    o.append("m", .int(1), line: 3)
    o.append("m", .int(2), line: 4)  // the last duplicate wins
    #expect(StructuredValue.object(o).compactJSON == #"{"a":[1,2.5,true,null],"m":2,"z":"a\"b\\c\nd\u0001é"}"#)
  }
}
