import Foundation
import Testing
@testable import PodHistKit

/// How an import packs many pods into shared chunks, and that reading and deduplication see
/// exactly the facts that went in.
@Suite struct ChunkPackingTests {
  /// 600 pods with 1 to 40 facts each, interleaved as a watch would deliver them.
  func cluster() -> [Fact] {
    var out: [Fact] = []
    for step in 0..<40 {
      for pod in 0..<600 where step < 1 + pod % 40 {
        out.append(eventFact(pod: "web-\(pod)", ns: pod % 3 == 0 ? "shop" : "default", reason: step % 2 == 0 ? "BackOff" : "Pulled",
                             message: "Back-off restarting failed container web in pod web-\(pod)", count: step + 1,
                             first: "2026-03-10T14:00:00Z", last: "2026-03-10T14:\(String(format: "%02d", step)):00Z", container: "web",
                             line: out.count + 1))
      }
    }
    return out
  }

  func load(_ store: Store, _ facts: [Fact], source: String) throws -> (added: Int, known: Int, objects: Int) {
    try store.importing { s in
      s.windowLimit = 1_000
      s.writer.target = 256
      _ = try s.begin(source: source)
      for f in facts { try s.append(f) }
      return try s.finish(formats: ["events-json"], notes: [])
    }
  }

  @Test func manyPodsShareChunksAndEachReadsBackInOrder() throws {
    let store = try scratchStore()
    let facts = cluster()
    let r = try load(store, facts, source: "watch.json")
    #expect(r.added == facts.count && r.known == 0 && r.objects == 600)
    let c = try store.counts()
    #expect(c.facts == facts.count)
    // About facts/target chunks, not one per pod.
    #expect(c.chunks < facts.count / 256 + 20, "\(c.chunks) chunks for \(facts.count) facts")
    for pod in try store.objects() {
      let want = facts.filter { $0.object.name == pod.name && $0.object.namespace == pod.namespace }
        .map { var f = $0; f.provenance.importID = 1; return f }
      #expect(try store.facts(of: pod) == want, "\(pod.name)")
    }
    #expect(try store.verify().isEmpty)
  }

  @Test func aSecondImportDeduplicatesAgainstStoredChunks() throws {
    let store = try scratchStore()
    let facts = cluster()
    _ = try load(store, facts, source: "watch.json")
    // The same stream again, plus one new observation of one pod, in another order.
    var again = facts.reversed().map { $0 }
    again.append(eventFact(pod: "web-7", reason: "BackOff", message: "Back-off restarting failed container web in pod web-7",
                           count: 99, first: "2026-03-10T14:00:00Z", last: "2026-03-10T15:00:00Z", container: "web"))
    let r = try load(store, again, source: "watch-again.json")
    #expect(r.added == 1 && r.known == facts.count)
    let web7 = try #require(try store.pods(named: "web-7", namespace: nil, prefix: false).first)
    #expect(try store.facts(of: web7).last?.event?.count == 99)
    #expect(try store.verify().isEmpty)
  }

  @Test func aDuplicateInsideOneFileIsKeptOnce() throws {
    let store = try scratchStore()
    let f = eventFact(pod: "a", reason: "Pulled", message: "one", first: "2026-03-10T14:00:00Z", line: 1)
    var same = f
    same.provenance.firstLine = 7
    let r = try load(store, [f, same], source: "x.json")
    #expect(r.added == 1 && r.known == 1)
  }

  @Test func horizonsComeFromTheNewestFactOfEachImport() throws {
    let store = try scratchStore()
    _ = try load(store, cluster(), source: "watch.json")
    #expect(try store.importHorizon(1) == Instant.parseRFC3339("2026-03-10T14:39:00Z"))
    #expect(try store.latestInstant() == Instant.parseRFC3339("2026-03-10T14:39:00Z"))
    #expect(try store.importHorizon(2) == nil)
  }
}

/// A pod that trickles Events through a long import waits in the buffer instead of leaving a
/// fact or two in every window's chunks.
@Suite struct CarriedGroupTests {
  @Test func aTricklingPodEndsUpInFewChunksAndInOrder() throws {
    let store = try scratchStore()
    var facts: [Fact] = []
    for step in 0..<200 {
      // 50 short-lived pods per step, and one long-lived pod with one Event per step.
      for p in 0..<50 {
        facts.append(eventFact(pod: "job-\(step)-\(p)", reason: "Pulled", message: "m\(p)", first: "2026-03-10T14:00:00Z",
                               line: facts.count + 1))
      }
      facts.append(eventFact(pod: "etl-runner", reason: "BackOff", message: "Back-off restarting failed container", count: step + 1,
                             first: "2026-03-10T14:00:00Z", last: "2026-03-10T15:\(String(format: "%02d", step % 60)):\(String(format: "%02d", step / 60))Z",
                             line: facts.count + 1))
    }
    let r = try store.importing { s in
      s.windowLimit = 1_000
      s.writer.target = 256
      _ = try s.begin(source: "watch.json")
      for f in facts { try s.append(f) }
      return try s.finish(formats: ["events-json"], notes: [])
    }
    #expect(r.added == facts.count)
    let etl = try #require(try store.pods(named: "etl-runner", namespace: nil, prefix: false).first)
    let chunks = try store.db.scalar("SELECT count(*) FROM chunk_objects WHERE object_id = \(etl.id)") ?? 0
    // 10,200 facts make 10 windows of 1,000; the pod waits up to 16 windows, so one or two chunks.
    #expect(chunks <= 2, "etl-runner is in \(chunks) chunks")
    #expect(try store.facts(of: etl).map { $0.event?.count } == (1...200).map { Optional($0) })
    #expect(try store.verify().isEmpty)
  }
}
