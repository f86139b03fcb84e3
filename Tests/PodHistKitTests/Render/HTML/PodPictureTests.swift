import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// The picture's layout as values: lanes, spans, terminations, Event marks, hatching, density.
@Suite struct PodPictureTests {
  /// The seed case (README's tour) imported into a fresh store, and its pod's picture.
  static func seedPicture(at: String? = nil) throws -> PodPicture {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-picture-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appending(path: "podhist.db").path
    _ = try PodHistService.importFiles([fixture("corpus/000-seed-springboot-liveness-probe-port/input.txt").path], intoStoreAt: path,
                                       source: "input.txt")
    let service = try PodHistService.open(path: path)
    let pod = try service.resolve("springboot-mybatis-deployment-dcd7f8bbf-9wfxl", namespace: nil)
    return try service.picture(of: pod, at: at.flatMap(Instant.parseRFC3339))
  }

  static func t(_ s: String) -> Instant { Instant.parseRFC3339(s) ?? Instant(micros: 0) }

  @Test func theSeedTellsItsCrashLoop() throws {
    let p = try Self.seedPicture()
    #expect(p.status == "Running" && p.restarts == 4...4 && p.node == "worker1")
    #expect(p.topCause?.code == .crashLoopLivenessProbe)
    let lane = try #require(p.lanes.first)
    #expect(p.lanes.map(\.name) == ["spingboot-mybatis"])
    // Four terminations: three known from the Killing x3 count (placed over its window, exit 143
    // likely), the last seen in the describe's Last State (exit 143 observed).
    #expect(lane.terminations.count == 4)
    #expect(lane.terminations.map { $0.exitCode ?? $0.likelyExit } == [143, 143, 143, 143])
    #expect(lane.terminations.map(\.approximate) == [true, true, true, false])
    #expect(lane.terminations.map(\.at) == [Self.t("2020-07-03T07:57:01Z"), Self.t("2020-07-03T07:57:21Z"),
                                            Self.t("2020-07-03T07:57:41Z"), Self.t("2020-07-03T07:58:02Z")])
    #expect(lane.terminations.allSatisfy { $0.killedBy == .liveness })
    // The Unhealthy x10 is one span from first to last seen, cited by the top cause.
    let probes = try #require(p.eventRows.first { $0.category == .probe })
    #expect(probes.marks.count == 1)
    let unhealthy = try #require(probes.marks.first)
    #expect(unhealthy.count == 10 && unhealthy.isSpan && unhealthy.isEvidence)
    #expect(unhealthy.from == Self.t("2020-07-03T07:56:51Z") && unhealthy.to == Self.t("2020-07-03T07:57:51Z"))
    #expect(p.eventRows.map(\.category) == [.scheduling, .pull, .start, .probe, .kill])
    // Between the describe (07:58:09, waiting in back-off, 3 restarts) and the row at 08:03:50
    // (Running, 4 restarts) nothing was observed: hatched, on the container and on the pod.
    let unseen = lane.spans.filter { $0.uncertain && $0.from >= Self.t("2020-07-03T07:58:09Z") }
    #expect(unseen.first?.from == Self.t("2020-07-03T07:58:09Z"))
    #expect(unseen.last?.to == Self.t("2020-07-03T08:03:50Z"))
    #expect(p.statusSpans.contains { $0.uncertain && $0.status == "CrashLoopBackOff" })
    #expect(p.statusSpans.last?.status == "Running")
    // The describe itself shows the container waiting in back-off: observed, not hatched.
    #expect(lane.spans.contains { $0.state == .waiting(reason: "CrashLoopBackOff") })
    #expect(p.cursor == nil)
  }

  @Test func atDrawsACursorAndTellsTheStateThen() throws {
    let p = try Self.seedPicture(at: "2020-07-03T07:58:05Z")
    #expect(p.cursor == Self.t("2020-07-03T07:58:05Z"))
    #expect(p.at == Self.t("2020-07-03T07:58:05Z"))
    #expect(p.restarts == 3...3)
    // The whole history is still drawn.
    #expect(p.axis.end > Self.t("2020-07-03T08:03:50Z"))
  }

  /// The SVG's structure, as a golden file (RECORD_GOLDEN=1 rewrites it and fails the run).
  @Test func seedSVGGolden() throws {
    try expectGolden(PodPictureSVG.svg(try Self.seedPicture()) + "\n", "fixtures/html/seed-picture.svg")
  }

  /// 10^4 Events in an hour, every 0.36 s: gathered into marks a reader can tell apart, counts kept.
  @Test func denseEventsAreGathered() {
    var facts: [Fact] = []
    let start = Self.t("2024-05-01T10:00:00Z")
    for i in 0..<10_000 {
      let at = start + Duration(micros: Int64(i) * 360_000)
      let reason = i % 3 == 0 ? "Unhealthy" : i % 3 == 1 ? "Killing" : "Started"
      facts.append(eventFact(pod: "dense", reason: reason, message: "message \(i)", first: at.rfc3339, container: "app", line: i + 1))
      facts[facts.count - 1].observed = at
      if case var .event(e) = facts[facts.count - 1].body { e.first = at; e.last = at; facts[facts.count - 1].body = .event(e) }
    }
    let state = project(facts, at: nil)
    let p = PodPicture.build(facts: facts, state: state, explanation: nil, cursor: nil)
    #expect(p.eventRecords == 10_000)
    let marks = p.eventRows.flatMap(\.marks)
    #expect(marks.reduce(0) { $0 + $1.records } == 10_000)
    #expect(marks.reduce(0) { $0 + $1.count } == 10_000)
    // Each row holds at most one mark per bin of `gatherDistance` pixels, in order; and the
    // dense hour is not one blob: every row keeps many marks.
    for row in p.eventRows {
      #expect(Double(row.marks.count) <= p.axis.width / PodPicture.gatherDistance + 2, "\(row.category): \(row.marks.count)")
      #expect(row.marks.count > 50, "\(row.category): \(row.marks.count)")
      for (a, b) in zip(row.marks, row.marks.dropFirst()) {
        #expect(PodPicture.bin(b.from, axis: p.axis) > PodPicture.bin(a.to, axis: p.axis))
      }
    }
    let html = PodPage.html(p)
    #expect(html.utf8.count < 2_000_000, "\(html.utf8.count) bytes")
  }

  /// Marks further apart than the gathering distance stay apart, each with its own message.
  @Test func sparseEventsStayApart() {
    let facts = (0..<5).map { i in
      eventFact(pod: "sparse", reason: "BackOff", message: "Back-off restarting failed container \(i)",
                first: "2024-05-01T10:0\(i * 2):00Z", container: "app", line: i + 1)
    }
    let p = PodPicture.build(facts: facts, state: project(facts, at: nil), explanation: nil, cursor: nil)
    let marks = p.eventRows.flatMap(\.marks)
    #expect(marks.count == 5)
    #expect(marks.allSatisfy { $0.records == 1 && !$0.isSpan })
    #expect(p.eventRows.map(\.category) == [.backoff])
  }
}
