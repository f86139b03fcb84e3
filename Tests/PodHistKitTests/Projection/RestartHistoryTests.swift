import Foundation
import Testing
@testable import PodHistKit

@Suite("Projection: restart history")
struct RestartHistoryTests {
  static let pod = F.pod("api-5d8f-k2x9p", ns: "prod", uid: "77aa-01")
  static func at(_ s: String) -> Instant { F.t("2026-03-11T\(s)Z") }

  /// Three `-o json` snapshots, each showing a different last state: a liveness kill (143), an
  /// OOM kill (137), an exit 1.
  static var facts: [Fact] {
    var spec = ContainerSpecFacts()
    spec.liveness = Probe(type: "http-get", port: "8081", path: "/healthz", periodSeconds: 10, failureThreshold: 3)
    spec.limits = ["memory": "256Mi"]
    let api = { (state: ContainerState, last: ContainerState, ready: Bool, rc: Int) in
      F.container("api", image: "registry.example/api:3", state: state, last: last, ready: ready, restarts: rc, spec: spec)
    }
    let snap = { (t: String, c: ContainerSnapshot, ready: Bool, line: Int) in
      F.snapshot(pod, at: at(t), phase: "Running", containers: [c], conditions: F.conds(ready: ready),
                 restartPolicy: "Always", source: "watch-\(line).json", line: line)
    }
    return [
      snap("12:05:00", api(F.running(at("12:04:50")), F.terminated("Error", 143, at("12:04:00"), at("12:04:40")), true, 1), true, 1),
      snap("12:06:30", api(F.running(at("12:06:02")), F.terminated("OOMKilled", 137, at("12:04:50"), at("12:05:40")), true, 2), true, 2),
      snap("12:08:00", api(F.waiting("CrashLoopBackOff"), F.terminated("Error", 1, at("12:06:02"), at("12:07:00")), false, 2), false, 3),
      F.event(pod, "Unhealthy", "Liveness probe failed: HTTP probe failed with statuscode: 503", type: "Warning",
              container: "api", first: at("12:04:18"), last: at("12:04:38"), count: 3, uncertainty: .zero, line: 40),
      F.event(pod, "Killing", "Container api failed liveness probe, will be restarted", container: "api",
              first: at("12:04:38"), uncertainty: .zero, line: 41),
      F.event(pod, "Started", "Started container api", container: "api", first: at("12:04:00"), last: at("12:06:02"), count: 3,
              uncertainty: .zero, line: 42),
    ]
  }

  @Test func threeSnapshotsGiveThreeTerminations() throws {
    let h = restartHistory(Self.facts)
    try #require(h.count == 3)
    #expect(h.map(\.run) == [1, 2, 3])
    #expect(h.map(\.container) == ["api", "api", "api"])
    #expect(h.map(\.reason) == ["Error", "OOMKilled", "Error"])
    #expect(h.map(\.exitCode) == [143, 137, 1])
    #expect(h.map(\.signal) == [15, 9, nil])
    #expect(h.map(\.killedBy.rawValue) == ["liveness", "oom", "exit"])
    #expect(h.map(\.ran) == [.seconds(40), .seconds(50), .seconds(58)])
    #expect(h.map(\.backOffBeforeNext) == [.seconds(10), .seconds(22), nil])
    #expect(h.allSatisfy { !$0.countOnly && $0.podUID == "77aa-01" })
    // Evidence: the snapshot that showed the last state, and the Killing event for the liveness kill.
    #expect(h[0].evidence.contains { $0.source == "watch-1.json" })
    #expect(h[0].evidence.contains { $0.firstLine == 41 })
    #expect(h[1].evidence.map(\.source).contains("watch-2.json"))
    #expect(!h[1].evidence.map(\.source).contains("watch-3.json"))
  }

  @Test func theSameLastStateSeenTwiceIsOneTermination() {
    var facts = Self.facts
    // A describe of the same moment adds nothing new.
    facts.append(F.snapshot(Self.pod, at: Self.at("12:08:05"), origin: .describe, phase: "Running",
                            containers: [F.container("api", state: F.waiting("CrashLoopBackOff"),
                                                     last: F.terminated("Error", 1, Self.at("12:06:02"), Self.at("12:07:00")),
                                                     ready: false, restarts: 2)],
                            source: "describe.txt"))
    let h = restartHistory(facts)
    #expect(h.count == 3)
    #expect(h[2].evidence.map(\.source).filter { $0 != "watch-2.json" }.sorted() == ["describe.txt", "watch-3.json"])
  }

  @Test func countOnlyRunsBetweenSnapshots() {
    // Restart count jumps from 1 to 4 between two snapshots: runs 2 and 3 ended, instants unknown.
    let p = Self.pod
    let facts = [
      F.snapshot(p, at: Self.at("13:00:00"), phase: "Running",
                 containers: [F.container("api", state: F.running(Self.at("12:59:00")), ready: true, restarts: 1)]),
      F.snapshot(p, at: Self.at("13:30:00"), phase: "Running",
                 containers: [F.container("api", state: F.running(Self.at("13:29:00")),
                                          last: F.terminated("Error", 2, Self.at("13:20:00"), Self.at("13:28:00")),
                                          ready: true, restarts: 4)]),
    ]
    let h = restartHistory(facts)
    #expect(h.count == 4)
    #expect(h.map(\.countOnly) == [true, true, true, false])
    #expect(h[3].exitCode == 2 && h[3].killedBy == .exit)
    // Run 2 was seen running at 13:00 (its start is known, its end only from the count); run 3 not at all.
    #expect(h[1].startedAt == Self.at("12:59:00") && h[1].finishedAt == nil)
    #expect(h[2].startedAt == nil && h[2].finishedAt == nil)
  }
}
