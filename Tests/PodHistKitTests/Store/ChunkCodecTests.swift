import Foundation
import Testing
@testable import PodHistKit

@Suite struct ChunkCodecTests {
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
  /// Facts grouped by object, in first-seen order, as an import hands them to the writer.
  func groups(_ facts: [Fact]) -> [ChunkGroup] {
    var order: [ObjectKey] = []
    var by: [ObjectKey: [Fact]] = [:]
    for f in facts {
      let k = ObjectKey(f.object)
      if by[k] == nil { order.append(k) }
      by[k, default: []].append(f)
    }
    return order.map { ChunkGroup(facts: by[$0] ?? []) }
  }

  @Test func roundTripsEveryField() throws {
    var other = fullEvent()
    other.object.uid = nil
    other.provenance.firstLine = 3
    let facts = [fullEvent(), snapshot(), eventFact(pod: "web-0", reason: "Started", message: "Started container app", first: "2020-07-03T07:57:42Z"),
                 other, eventFact(pod: "web-0", reason: "Pulled", message: "m", first: "2020-07-03T07:57:40Z", line: 2)]
    let chunk = try Chunk.encode(groups(facts))
    let back = try Chunk.decode(chunk.data, rawSize: chunk.rawSize)
    #expect(back == groups(facts))
    #expect(chunk.factCount == facts.count)
    let flat = back.flatMap(\.facts)
    for (x, y) in zip(flat, groups(facts).flatMap(\.facts)) { #expect(x == y, "\(x)\n!=\n\(y)") }
  }

  @Test func readsOneObjectWithoutTheOthers() throws {
    // 3,000 pods in one chunk; the reader builds only the facts of the pod it asks for.
    let facts = (0..<3_000).flatMap { i in
      (0..<2).map { j in
        eventFact(pod: "api-\(i)", ns: i % 2 == 0 ? "shop" : "data", reason: j == 0 ? "Scheduled" : "Pulled",
                  message: "Successfully assigned shop/api-\(i) to worker\(i % 7)", first: "2025-03-10T06:00:\(10 + j)Z", line: i * 2 + j)
      }
    }
    let chunk = try Chunk.encode(groups(facts))
    let picked = try Chunk.decode(chunk.data, rawSize: chunk.rawSize) { $0.name == "api-2001" && $0.namespace == "data" }
    #expect(picked.count == 1)
    #expect(picked.first?.facts == facts.filter { $0.object.name == "api-2001" })
    let directory = try ChunkCodec.directory(try Chunk.inflate(chunk.data, rawSize: chunk.rawSize))
    #expect(directory.count == 3_000 && directory.allSatisfy { $0.count == 2 && $0.kind == "Pod" })
  }

  @Test func uuidsArePackedOnlyWhenTheyComeBackTheSame() throws {
    let u = "49e489d3-b14e-4e81-a6da-791f016482ef"
    let packed = try #require(UUIDBytes.pack(u))
    #expect(packed.count == 16)
    #expect(UUIDBytes.unpack(packed[...]) == u)
    for odd in ["49E489D3-B14E-4E81-A6DA-791F016482EF", "20979975-4902", "49e489d3b14e4e81a6da791f016482ef0000", "49e489d3-b14e-4e81-a6da-791f016482eg"] {
      #expect(UUIDBytes.pack(odd) == nil, "\(odd)")
    }
    var a = fullEvent()
    a.object.uid = "49E489D3-B14E-4E81-A6DA-791F016482EF"
    if case var .event(ev) = a.body { ev.uid = u; a.body = .event(ev) }
    let chunk = try Chunk.encode([ChunkGroup(facts: [a])])
    #expect(try Chunk.decode(chunk.data, rawSize: chunk.rawSize).first?.facts == [a])
  }

  @Test func identityIgnoresProvenanceOnly() throws {
    var a = fullEvent()
    var b = a
    b.provenance = Provenance(importID: 9, source: "other.json", firstLine: 99, format: "events-json")
    #expect(try FactCodec.fingerprint(a) == FactCodec.fingerprint(b))
    if case var .event(ev) = a.body { ev.count = 8; a.body = .event(ev) }
    #expect(try FactCodec.fingerprint(a) != FactCodec.fingerprint(b))
    // The same Event about another pod is another fact.
    var c = b
    c.object.name = "web-1"
    #expect(try FactCodec.fingerprint(c) != FactCodec.fingerprint(b))
    #expect(try FactCodec.fingerprint(snapshot()) != FactCodec.fingerprint(b))
  }

  @Test func repeatedStringsAreStoredOnce() throws {
    let many = (0..<50).map { i in
      eventFact(pod: "checkout-f9w7pfht2m-98xdg", reason: "BackOff",
                message: "Back-off restarting failed container checkout in pod checkout-f9w7pfht2m-98xdg_shop(20979975)",
                count: i + 1, first: "2025-03-10T06:40:00Z", container: "checkout", line: i)
    }
    let raw = try ChunkCodec.encode([ChunkGroup(facts: many)])
    #expect(raw.count < 50 * 40, "50 near-identical events take \(raw.count) bytes before compression")
  }

  @Test func aDamagedPayloadThrowsInsteadOfInventingFacts() throws {
    let raw = try ChunkCodec.encode(groups([fullEvent(), snapshot()]))
    for cut in [1, raw.count / 2, raw.count - 1] {
      #expect(throws: StoreError.self) { try ChunkCodec.decode(Array(raw[0..<cut])) }
    }
    var wrong = raw
    wrong[0] = 9
    #expect(throws: StoreError.self) { try ChunkCodec.decode(wrong) }
  }
}

/// The fingerprint is MurmurHash3 x64 128 (seed 0): checked against the reference
/// implementation's outputs, so a slip in the mixing cannot silently weaken deduplication.
@Suite struct FingerprintTests {
  @Test func matchesMurmurHash3Reference() {
    // Reference values: MurmurHash3_x64_128(seed 0), h1 and h2 as printed by the C reference code.
    let empty = Fingerprint([])
    #expect(empty.a == 0 && empty.b == 0)
    let fox = Fingerprint(Array("The quick brown fox jumps over the lazy dog".utf8))
    #expect(fox.a == 0xe34bbc7bbc071b6c && fox.b == 0x7a433ca9c49a9347)
  }

  @Test func everyByteAndLengthCounts() {
    var seen = Set<Fingerprint>()
    for n in 0..<40 {
      for v in [UInt8(0), 1, 0x80] {
        var bytes = [UInt8](repeating: 7, count: n)
        if n > 0 { bytes[n - 1] = v }
        seen.insert(Fingerprint(bytes))
      }
    }
    #expect(seen.count == 1 + 39 * 3)  // n = 0 gives one value; each n > 0 three distinct ones
  }
}
