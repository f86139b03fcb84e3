import Foundation
import Testing
@testable import PodHistKit

/// The seed case (fixtures/corpus/000-seed-springboot-liveness-probe-port): a get-pods row, a
/// describe with its events, and a later `get pods -A`, as the importers turn them into facts.
enum Seed {
  static let pod = F.pod("springboot-mybatis-deployment-dcd7f8bbf-9wfxl")
  static let sibling = F.pod("springboot-mybatis-deployment-dcd7f8bbf-q7nhp")
  static let describeAt = F.t("2020-07-03T07:58:09Z")
  static let c = "spingboot-mybatis"

  static func ago(_ s: Int64) -> Instant { describeAt - .seconds(s) }

  static var facts: [Fact] {
    var spec = ContainerSpecFacts()
    spec.ports = [ContainerPort(containerPort: 8300, protocol: "TCP")]
    spec.liveness = Probe(type: "http-get", port: "18082", path: "/actuator/info", initialDelaySeconds: 5,
                          timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3)
    let container = F.container(c, image: "zjj2006forever/springboot-mybatis:1.2", state: F.waiting("CrashLoopBackOff"),
                                last: F.terminated("Error", 143, F.t("2020-07-03T07:57:42Z"), F.t("2020-07-03T07:58:02Z")),
                                ready: false, restarts: 3, spec: spec)
    var describe = F.snapshot(pod, at: describeAt, origin: .describe, phase: "Running", containers: [container],
                              conditions: F.conds(ready: false), node: "worker1",
                              startTime: F.t("2020-07-03T07:56:44Z"), source: "input.txt", line: 5)
    if case var .status(s) = describe.body {
      s.spec.owner = "ReplicaSet/springboot-mybatis-deployment-dcd7f8bbf"
      s.spec.qosClass = "BestEffort"
      describe.body = .status(s)
    }
    let ev = { (reason: String, msg: String, type: String, last: Int64, count: Int, over: Int64, line: Int, comp: String) in
      F.event(pod, reason, msg, type: type, first: ago(over), last: ago(last), count: count, observed: describeAt,
              component: comp, line: line)
    }
    return [
      F.row(pod, at: F.t("2020-07-03T07:58:01Z"), status: "Running", ready: "1/1", restarts: 3, age: .seconds(77), line: 3),
      describe,
      ev("Scheduled", "Successfully assigned default/\(pod.name) to worker1", "Normal", 85, 1, 85, 59, "default-scheduler"),
      ev("Killing", "Container \(c) failed liveness probe, will be restarted", "Normal", 28, 3, 68, 60, "kubelet"),
      ev("Pulled", "Container image \"zjj2006forever/springboot-mybatis:1.2\" already present on machine", "Normal", 27, 4, 84, 61, "kubelet"),
      ev("Created", "Created container \(c)", "Normal", 27, 4, 84, 62, "kubelet"),
      ev("Started", "Started container \(c)", "Normal", 26, 4, 84, 63, "kubelet"),
      ev("Unhealthy", "Liveness probe failed: Get http://10.244.1.19:18082/actuator/info: dial tcp 10.244.1.19:18082: connect: connection refused",
         "Warning", 18, 10, 78, 64, "kubelet"),
      F.row(pod, at: F.t("2020-07-03T08:03:50Z"), status: "Running", ready: "1/1", restarts: 4, age: .seconds(426), line: 68),
      F.row(sibling, at: F.t("2020-07-03T08:03:50Z"), status: "Running", ready: "1/1", restarts: 4, age: .seconds(426), line: 69),
    ]
  }
}

@Suite("Projection: seed case")
struct ProjectionSeedCaseTests {
  @Test func justAfterTheDescribeItIsCrashLoopBackOffWithThreeRestarts() {
    let s = project(Seed.facts, at: F.t("2020-07-03T07:58:12Z"))
    #expect(s.exists)
    #expect(s.object.name == Seed.pod.name)
    #expect(s.phase == .running)
    #expect(s.status == "CrashLoopBackOff")
    #expect(s.restarts == 3...3)
    #expect(s.ready == "0/1")
    #expect(s.node == "worker1")
    #expect(s.lastSnapshotAt == Seed.describeAt)
    let c = s.containers.first
    #expect(c?.name == Seed.c)
    #expect(c?.state?.reason == "CrashLoopBackOff")
    #expect(c?.lastState?.exitCode == 143)
    #expect(c?.spec.liveness?.port == "18082")
    #expect(s.spec.owner == "ReplicaSet/springboot-mybatis-deployment-dcd7f8bbf")
  }

  @Test func fourTerminationsAreKnownAtTheDescribe() throws {
    let facts = Seed.facts.filter { latestInstant($0) <= F.t("2020-07-03T07:58:12Z") }
    let h = restartHistory(facts)
    #expect(h.count == 4)
    let last = try #require(h.last)
    #expect(last.run == 4)
    #expect(last.startedAt == F.t("2020-07-03T07:57:42Z"))
    #expect(last.finishedAt == F.t("2020-07-03T07:58:02Z"))
    #expect(last.ran == .seconds(20))
    #expect(last.exitCode == 143)
    #expect(last.signal == 15)
    #expect(last.reason == "Error")
    #expect(last.killedBy == .liveness)
    #expect(!last.countOnly)
    // The first three are known from the Killing x3 / Started x4 counts only.
    #expect(h.prefix(3).allSatisfy { $0.countOnly && $0.startedAt == nil && $0.finishedAt == nil && $0.killedBy == .liveness })
    #expect(h.map(\.run) == [1, 2, 3, 4])
  }

  @Test func beforeTheLastKillItWasRunningWithThreeRestarts() {
    let s = project(Seed.facts, at: F.t("2020-07-03T07:57:55Z"))
    #expect(s.status == "Running")
    #expect(s.phase == .running)
    #expect(s.restarts == 3...3)
    #expect(s.ready == "1/1")
    #expect(s.containers.first?.state?.startedAt == F.t("2020-07-03T07:57:42Z"))
  }

  @Test func theGetPodsRowIsTheTruthAtItsInstant() {
    let s = project(Seed.facts, at: F.t("2020-07-03T07:58:01Z"))
    #expect(s.status == "Running")
    #expect(s.restarts == 3...3)
    #expect(s.ready == "1/1")
  }

  @Test func atTheLastObservationItIsRunningWithFour() {
    let s = project(Seed.facts, at: nil)
    #expect(s.at == F.t("2020-07-03T08:03:50Z"))
    #expect(s.status == "Running")
    #expect(s.restarts == 4...4)
    #expect(s.ready == "1/1")
    #expect(s.lastSnapshotAt == F.t("2020-07-03T08:03:50Z"))
    // The fifth run started between the describe and the row: four terminations in all.
    #expect(restartHistory(Seed.facts).count == 4)
  }

  @Test func theSiblingIsProjectedFromItsOwnRow() {
    let s = project(Seed.facts.filter { $0.object.name == Seed.sibling.name }, at: nil)
    #expect(s.status == "Running")
    #expect(s.restarts == 4...4)
    #expect(s.uncertaintySentences.contains { $0.contains("events only") } == false)
  }

  @Test func reportsAggregationGaps() {
    let s = project(Seed.facts, at: F.t("2020-07-03T07:58:12Z"))
    #expect(s.gapSentences.contains { $0.hasPrefix("Unhealthy x10") && $0.contains("unknown") })
    #expect(s.firstFactAt == F.t("2020-07-03T07:56:44Z"))
  }
}
