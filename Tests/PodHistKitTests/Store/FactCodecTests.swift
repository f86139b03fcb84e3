import Foundation
import Testing
@testable import PodHistKit

@Suite struct FactCodecTests {
  func fullEvent() -> Fact {
    var ev = EventRecord(reason: "FailedScheduling", message: "0/3 nodes are available: 3 Insufficient memory.",
                         type: "Warning", component: "default-scheduler",
                         first: Instant(micros: 1_741_590_000_123_456), last: Instant(micros: 1_741_590_900_000_000), count: 0)
    ev.eventTime = Instant(micros: 1_741_590_000_123_456); ev.seriesCount = 7; ev.seriesLast = Instant(micros: 1_741_590_900_000_000)
    ev.name = "web-0.182b5dc2e754fe9f"; ev.uid = "49e489d3-b14e-4e81-a6da-791f016482ef"; ev.action = "Scheduling"
    ev.reportingController = "default-scheduler"; ev.reportingInstance = "default-scheduler-cp-1"
    ev.apiVersion = "events.k8s.io/v1"; ev.extra = #"{"metadata":{"resourceVersion":"3372594974"}}"#
    ev.container = "web"; ev.containerKind = .`init`; ev.fieldPath = "spec.initContainers{web}"; ev.host = "node-3"
    return Fact(object: ObjectRef(namespace: "shop", name: "web-0", uid: "20979975-4902"), observed: Instant(micros: 1_741_590_900_000_000),
                clock: .relative, uncertainty: .seconds(60), body: .event(ev),
                provenance: Provenance(importID: 4, source: "events.yaml", firstLine: 10, lastLine: 31, format: "events-yaml"))
  }

  func snapshot() -> Fact {
    var s = PodSnapshot(origin: .describe)
    s.phase = "Running"
    var c = ContainerSnapshot(name: "app")
    c.state = ContainerState(kind: .waiting, reason: "CrashLoopBackOff")
    c.lastState = ContainerState(kind: .terminated, reason: "Error", exitCode: 143)
    c.restartCount = 3
    c.spec.liveness = Probe(type: "http-get", port: "18082", path: "/actuator/info", initialDelaySeconds: 5, periodSeconds: 5)
    s.containers = [c]
    return Fact(object: ObjectRef(namespace: "default", name: "web-0"), observed: Instant(seconds: 1_593_763_089),
                body: .status(s), provenance: Provenance(importID: 4, source: "d.txt", firstLine: 5, lastLine: 60, format: "describe"))
  }

  @Test func roundTripsEveryField() throws {
    let facts = [fullEvent(), snapshot(), eventFact(pod: "web-0", reason: "Started", message: "Started container app", first: "2020-07-03T07:57:42Z")]
    let chunk = try Chunk.encode(facts)
    let back = try Chunk.decode(chunk.data, rawSize: chunk.rawSize)
    #expect(back.count == facts.count)
    for (x, y) in zip(back, facts) { #expect(x == y, "\(x)\n!=\n\(y)") }
  }

  @Test func identityIgnoresProvenanceOnly() throws {
    var a = fullEvent()
    var b = a
    b.provenance = Provenance(importID: 9, source: "other.json", firstLine: 99, format: "events-json")
    #expect(try FactCodec.hash(a) == FactCodec.hash(b))
    if case var .event(ev) = a.body { ev.count = 8; a.body = .event(ev) }
    #expect(try FactCodec.hash(a) != FactCodec.hash(b))
  }

  @Test func repeatedStringsAreStoredOnce() throws {
    let many = (0..<50).map { i in
      eventFact(pod: "checkout-f9w7pfht2m-98xdg", reason: "BackOff",
                message: "Back-off restarting failed container checkout in pod checkout-f9w7pfht2m-98xdg_shop(20979975)",
                count: i + 1, first: "2025-03-10T06:40:00Z", container: "checkout", line: i)
    }
    let raw = try FactCodec.encode(many)
    #expect(raw.count < 50 * 40, "50 near-identical events take \(raw.count) bytes before compression")
  }

  @Test func aHashCollisionNeverDropsAFact() throws {
    let store = try scratchStore()
    let first = eventFact(pod: "a", reason: "Pulled", message: "one", first: "2026-03-10T14:00:00Z")
    let second = eventFact(pod: "a", reason: "Pulled", message: "two", first: "2026-03-10T14:00:01Z")
    try store.importing { s in _ = try s.begin(source: "x"); try s.append(first); _ = try s.finish(formats: [], notes: []) }
    // Pretend `second` hashes like a stored fact: point its hash at `first`.
    let h = try FactCodec.hash(second)
    try store.db.execute("INSERT INTO fact_hashes (hash, chunk_id, position) VALUES (\(h), 1, 0)")
    let r = try store.importing { s in _ = try s.begin(source: "y"); try s.append(second); return try s.finish(formats: [], notes: []) }
    #expect(r.added == 1)
    let pod = try #require(try store.objects().first)
    #expect(try store.facts(of: pod).compactMap { $0.event?.message }.sorted() == ["one", "two"])
  }
}
