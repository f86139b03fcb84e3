import Foundation
import Testing
@testable import PodHistKit

/// A CrashLoopBackOff history (the app exits 1 after ~30 s; restarts immediately once, then
/// backs off 10 s, 20 s, 40 s), seen through five `-o json` snapshots and a `get events -o json`.
enum CrashLoop {
  static let pod = F.pod("web-7d9c6b5f4-x2kqp", ns: "shop", uid: "5c0e2f11-77aa")
  static func at(_ s: String) -> Instant { F.t("2026-03-10T\(s)Z") }
  static func exit1(_ s: String, _ f: String) -> ContainerState { F.terminated("Error", 1, at(s), at(f)) }

  static var facts: [Fact] {
    let app = { (state: ContainerState, last: ContainerState?, ready: Bool, rc: Int) in
      F.container("app", image: "registry.example/web:5.1", state: state, last: last, ready: ready, restarts: rc)
    }
    let snap = { (t: String, phase: String, c: ContainerSnapshot, ready: Bool, line: Int) in
      F.snapshot(pod, at: at(t), phase: phase, containers: [c], conditions: F.conds(ready: ready), node: "node-b",
                 restartPolicy: "Always", startTime: at("10:00:01"), source: "snapshots.jsonl", line: line)
    }
    let ev = { (reason: String, msg: String, type: String, first: String, last: String, count: Int, line: Int) in
      F.event(pod, reason, msg, type: type, container: reason == "Scheduled" ? nil : "app", first: at(first), last: at(last),
              count: count, observed: at("10:03:40"), uncertainty: .zero,
              component: reason == "Scheduled" ? "default-scheduler" : "kubelet", name: "web.\(line)", source: "events.json", line: line)
    }
    return [
      snap("10:00:20", "Running", app(F.running(at("10:00:06")), nil, true, 0), true, 1),
      snap("10:01:30", "Running", app(F.running(at("10:01:19")), exit1("10:00:37", "10:01:07"), true, 2), true, 2),
      snap("10:02:00", "Running", app(F.waiting("CrashLoopBackOff"), exit1("10:01:19", "10:01:49"), false, 2), false, 3),
      snap("10:03:00", "Running", app(F.waiting("CrashLoopBackOff"), exit1("10:02:11", "10:02:41"), false, 3), false, 4),
      snap("10:03:40", "Running", app(F.running(at("10:03:23")), exit1("10:02:11", "10:02:41"), true, 4), true, 5),
      ev("Scheduled", "Successfully assigned shop/\(pod.name) to node-b", "Normal", "10:00:00", "10:00:00", 1, 10),
      ev("Pulling", "Pulling image \"registry.example/web:5.1\"", "Normal", "10:00:01", "10:00:01", 1, 11),
      ev("Pulled", "Successfully pulled image \"registry.example/web:5.1\" in 3.9s", "Normal", "10:00:05", "10:00:05", 1, 12),
      ev("Pulled", "Container image \"registry.example/web:5.1\" already present on machine", "Normal", "10:00:37", "10:03:22", 4, 13),
      ev("Created", "Created container app", "Normal", "10:00:05", "10:03:22", 5, 14),
      ev("Started", "Started container app", "Normal", "10:00:06", "10:03:23", 5, 15),
      ev("BackOff", "Back-off restarting failed container app in pod \(pod.name)_shop(5c0e2f11-77aa)", "Warning",
         "10:01:08", "10:03:13", 6, 16),
    ]
  }
}

/// An init container that fails: Init:0/1 → Init:Error → Init:CrashLoopBackOff.
enum InitFailure {
  static let pod = F.pod("shop-api-6c4f9-abcde", ns: "shop", uid: "9a9a-1111")
  static func at(_ s: String) -> Instant { F.t("2026-03-10T\(s)Z") }

  static func facts(policy: String = "Always") -> [Fact] {
    let snap = { (t: String, migrate: ContainerSnapshot, line: Int) in
      F.snapshot(pod, at: at(t), phase: "Pending",
                 containers: [migrate, F.container("api", state: F.waiting("PodInitializing"), ready: false, restarts: 0)],
                 conditions: F.conds(ready: false, initialized: false), restartPolicy: policy, source: "pods.jsonl", line: line)
    }
    let m = { (state: ContainerState, last: ContainerState?, rc: Int) in
      F.container("migrate", kind: .`init`, image: "registry.example/migrate:2", state: state, last: last, ready: false, restarts: rc)
    }
    return [
      F.event(pod, "Scheduled", "Successfully assigned shop/\(pod.name) to node-1", first: at("11:00:00"), uncertainty: .zero,
              component: "default-scheduler", line: 20),
      snap("11:00:05", m(F.running(at("11:00:03")), nil, 0), 1),
      snap("11:00:13.500000", m(F.terminated("Error", 1, at("11:00:03"), at("11:00:13")), nil, 0), 2),
      snap("11:00:30", m(F.waiting("CrashLoopBackOff"), F.terminated("Error", 1, at("11:00:14"), at("11:00:24")), 1), 3),
      F.event(pod, "Started", "Started container migrate", container: "migrate", initContainer: true,
              first: at("11:00:03"), last: at("11:00:14"), count: 2, uncertainty: .zero, line: 21),
      F.event(pod, "BackOff", "Back-off restarting failed container migrate in pod \(pod.name)_shop(9a9a-1111)", type: "Warning",
              container: "migrate", initContainer: true, first: at("11:00:25"), last: at("11:00:29"), count: 2,
              uncertainty: .zero, line: 22),
    ]
  }
}

/// A deterministic shuffle (an out-of-order import).
func shuffled(_ facts: [Fact], seed: UInt64) -> [Fact] {
  var g = seed
  var out = facts
  for i in stride(from: out.count - 1, to: 0, by: -1) {
    g = g &* 6364136223846793005 &+ 1442695040888963407
    let j = Int((g >> 33) % UInt64(i + 1))
    out.swapAt(i, j)
  }
  return out
}

@Suite("Projection: time travel")
struct TimeTravelTests {
  struct Expect: Sendable, CustomTestStringConvertible {
    var at: String
    var status: String
    var restarts: Int
    var ready: String
    var state: ContainerState.Kind?
    var testDescription: String { "\(at) \(status)" }
  }

  static let crashLoopInstants: [Expect] = [
    Expect(at: "10:00:03", status: "ContainerCreating", restarts: 0, ready: "0/1", state: .waiting),
    Expect(at: "10:00:20", status: "Running", restarts: 0, ready: "1/1", state: .running),
    Expect(at: "10:00:50", status: "Running", restarts: 1, ready: "1/1", state: .running),
    Expect(at: "10:01:07.400000", status: "Error", restarts: 1, ready: "0/1", state: .terminated),
    Expect(at: "10:01:12", status: "CrashLoopBackOff", restarts: 1, ready: "0/1", state: .waiting),
    Expect(at: "10:01:25", status: "Running", restarts: 2, ready: "1/1", state: .running),
    Expect(at: "10:02:00", status: "CrashLoopBackOff", restarts: 2, ready: "0/1", state: .waiting),
    Expect(at: "10:02:30", status: "Running", restarts: 3, ready: "1/1", state: .running),
    Expect(at: "10:02:50", status: "CrashLoopBackOff", restarts: 3, ready: "0/1", state: .waiting),
    Expect(at: "10:03:30", status: "Running", restarts: 4, ready: "1/1", state: .running),
  ]

  @Test(arguments: crashLoopInstants)
  func crashLoopAtTenInstants(_ e: Expect) {
    let s = project(CrashLoop.facts, at: CrashLoop.at(e.at))
    #expect(s.exists)
    #expect(s.status == e.status)
    #expect(s.restarts == e.restarts...e.restarts)
    #expect(s.ready == e.ready)
    #expect(s.containers.first?.state?.kind == e.state)
    #expect(s.phase?.text == (e.at == "10:00:03" ? "Pending" : "Running"))
  }

  @Test func backOffShowsTheLastTerminationAndTheWaitIsKnown() throws {
    let s = project(CrashLoop.facts, at: CrashLoop.at("10:02:50"))
    let c = try #require(s.containers.first)
    #expect(c.lastState?.startedAt == CrashLoop.at("10:02:11"))
    #expect(c.lastState?.finishedAt == CrashLoop.at("10:02:41"))
    #expect(c.lastState?.exitCode == 1)
    let h = restartHistory(CrashLoop.facts)
    #expect(h.count == 4)
    #expect(h.map(\.backOffBeforeNext) == [nil, .seconds(12), .seconds(22), .seconds(42)])
    #expect(h[0].countOnly)
    #expect(h.dropFirst().allSatisfy { $0.killedBy == .exit && $0.exitCode == 1 && $0.ran == .seconds(30) })
  }

  @Test func beforeTheFirstFactThePodDoesNotExist() {
    let s = project(CrashLoop.facts, at: CrashLoop.at("09:59:00"))
    #expect(!s.exists)
    #expect(s.gapSentences.first?.contains("nothing is known") == true)
  }

  @Test func latestIsTheNewestObservation() {
    let s = project(CrashLoop.facts, at: nil)
    #expect(s.at == CrashLoop.at("10:03:40"))
    #expect(s.status == "Running")
    #expect(s.restarts == 4...4)
    #expect(s.node == "node-b")
    #expect(s.lastSnapshotSource?.firstLine == 5)
  }

  static let initInstants: [(String, String, Int)] = [
    ("11:00:05", "Init:0/1", 0), ("11:00:10", "Init:0/1", 0), ("11:00:13.500000", "Init:Error", 0),
    ("11:00:20", "Init:0/1", 1), ("11:00:24.500000", "Init:Error", 1), ("11:00:27", "Init:CrashLoopBackOff", 1),
    ("11:00:30", "Init:CrashLoopBackOff", 1),
  ]

  @Test(arguments: initInstants)
  func initContainerFailure(_ at: String, _ status: String, _ restarts: Int) {
    let s = project(InitFailure.facts(), at: InitFailure.at(at))
    #expect(s.status == status)
    #expect(s.phase == .pending)
    #expect(s.restarts == restarts...restarts)
    #expect(s.ready == "0/1")
  }

  @Test func initFailureUnderNeverIsFailed() {
    let facts = InitFailure.facts(policy: "Never").filter { $0.observed <= InitFailure.at("11:00:13.500000") }
    let s = project(facts, at: InitFailure.at("11:00:20"))
    #expect(s.status == "Init:Error")
    #expect(s.phase == .pending || s.phase == .failed)
  }

  @Test func outOfOrderImportGivesTheSameAnswers() {
    let instants = Self.crashLoopInstants.map { CrashLoop.at($0.at) } + [CrashLoop.at("09:59:00")]
    for seed in [1, 2, 3] as [UInt64] {
      let mixed = shuffled(CrashLoop.facts, seed: seed)
      for t in instants { #expect(project(mixed, at: t) == project(CrashLoop.facts, at: t)) }
      #expect(restartHistory(mixed) == restartHistory(CrashLoop.facts))
      let initMixed = shuffled(InitFailure.facts(), seed: seed)
      for (at, _, _) in Self.initInstants {
        #expect(project(initMixed, at: InitFailure.at(at)) == project(InitFailure.facts(), at: InitFailure.at(at)))
      }
    }
  }

  @Test func manyInstantsAtOnceMatchOneByOne() {
    let instants = Self.crashLoopInstants.map { CrashLoop.at($0.at) } + [CrashLoop.at("09:59:00")]
    #expect(project(CrashLoop.facts, at: instants) == instants.map { project(CrashLoop.facts, at: $0) })
    let seedInstants = [F.t("2020-07-03T07:57:55Z"), F.t("2020-07-03T07:58:12Z"), F.t("2020-07-03T08:03:50Z")]
    #expect(project(Seed.facts, at: seedInstants) == seedInstants.map { project(Seed.facts, at: $0) })
  }

  @Test func anOlderDumpImportedLaterLandsInItsPlace() {
    // Only the newest snapshot first, then the older ones: the answer at 10:02:00 is the older one's.
    let facts = CrashLoop.facts
    let reordered = [facts[4]] + facts.filter { $0 != facts[4] }
    let s = project(reordered, at: CrashLoop.at("10:02:00"))
    #expect(s.status == "CrashLoopBackOff")
    #expect(s.lastSnapshotAt == CrashLoop.at("10:02:00"))
  }
}

@Suite("Projection: sidecars")
struct SidecarTests {
  static let pod = F.pod("mesh-app-0", ns: "mesh", uid: "s-1")
  static func at(_ s: String) -> Instant { F.t("2026-03-15T\(s)Z") }

  static var facts: [Fact] {
    let proxy = { (rc: Int) in
      F.container("proxy", kind: .sidecar, image: "envoy:1.30", state: F.running(at("09:00:02")), ready: true, restarts: rc, started: true)
    }
    return [
      F.snapshot(pod, at: at("09:00:10"), phase: "Pending",
                 containers: [proxy(0), F.container("migrate", kind: .`init`, state: F.running(at("09:00:05")), ready: false, restarts: 0),
                              F.container("app", state: F.waiting("PodInitializing"), ready: false, restarts: 0)],
                 conditions: F.conds(ready: false, initialized: false)),
      F.snapshot(pod, at: at("09:01:00"), phase: "Running",
                 containers: [proxy(0), F.container("migrate", kind: .`init`, state: F.terminated("Completed", 0, at("09:00:05"), at("09:00:30")),
                                                    ready: true, restarts: 0),
                              F.container("app", state: F.running(at("09:00:31")), ready: true, restarts: 0)],
                 conditions: F.conds(ready: true)),
    ]
  }

  @Test func initializingWithAStartedSidecar() {
    let s = project(Self.facts, at: Self.at("09:00:20"))
    #expect(s.status == "Init:1/2")
    #expect(s.ready == "1/2")
    #expect(s.phase == .pending)
  }

  @Test func runningWithTheSidecarCounted() {
    let s = project(Self.facts, at: Self.at("09:01:00"))
    #expect(s.status == "Running")
    #expect(s.ready == "2/2")
    #expect(s.containers.map(\.kind) == [.sidecar, .`init`, .regular])
  }

  @Test func betweenTheSnapshotsTheInitContainerRanUntilItsRevealedEnd() {
    // The second snapshot reveals migrate ended at 09:00:30 and app started at 09:00:31.
    #expect(project(Self.facts, at: Self.at("09:00:25")).status == "Init:1/2")
    let s = project(Self.facts, at: Self.at("09:00:45"))
    #expect(s.status == "Running")
    #expect(s.ready == "2/2")
  }

  @Test func aSidecarRestartCountsInRestarts() {
    var facts = Self.facts
    facts.append(F.event(Self.pod, "Started", "Started container proxy", container: "proxy", initContainer: true,
                         first: Self.at("09:00:02"), last: Self.at("09:05:00"), count: 2, uncertainty: .zero))
    let s = project(facts, at: Self.at("09:06:00"))
    #expect(s.restarts == 1...1)
    #expect(s.containers.first?.restarts == 1...1)
  }
}

@Suite("Projection: observations within one second")
struct SameSecondTests {
  @Test func aRunStartedInTheSecondOfASnapshotIsAfterIt() {
    let pod = F.pod("checkout-0", ns: "shop", uid: "c-0")
    let at = { (s: String) in F.t("2025-03-10T\(s)Z") }
    let facts = [
      F.snapshot(pod, at: at("08:00:00"), phase: "Pending",
                 containers: [F.container("proxy", state: F.waiting("ContainerCreating"), ready: false, restarts: 0)]),
      F.snapshot(pod, at: at("10:00:00"), phase: "Running",
                 containers: [F.container("proxy", state: F.running(at("08:00:00")), ready: true, restarts: 0)],
                 conditions: F.conds(ready: true)),
    ]
    #expect(project(facts, at: at("08:00:00")).status == "ContainerCreating")
    let s = project(facts, at: at("09:00:00"))
    #expect(s.status == "Running")
    #expect(s.ready == "1/1")
  }
}

/// A describe of kubectl ≤1.4 prints `Terminating (expires T)`, T being the deletion deadline
/// (request + grace): a dump taken inside the grace period shows T ahead of its own instant.
@Suite struct TerminatingDeadlineTests {
  @Test func aDeadlineAheadOfTheSnapshotIsStillADeletion() throws {
    let text = """
    Name:                      web-1
    Namespace:                 shop
    Node:                      node-1/10.0.0.1
    Start Time:                Tue, 22 May 2018 11:14:22 +0200
    Status:                    Terminating (expires Tue, 22 May 2018 11:20:50 +0200)
    Termination Grace Period:  60s
    """
    let r = try importText(text, observedAt: try utc("2018-05-22T09:20:00Z"))
    let facts = r.facts.sorted { $0.observed < $1.observed }
    let at = try #require(facts.last?.observed)
    let state = project(facts, at: at)
    #expect(state.status == "Terminating")
    #expect(state.deletionTime == (try utc("2018-05-22T09:20:50Z")))
  }
}

/// 2014–2015 schedulers wrote `failedScheduling`: the pod it names is Pending, unscheduled.
@Suite struct OldSchedulerReasonTests {
  @Test func aLowerCaseFailedSchedulingKeepsThePodPending() throws {
    let text = "  Fri, 05 Jun 2015 14:40:06 -0700\tFri, 05 Jun 2015 14:40:37 -0700\t6\t{scheduler }\t\tfailedScheduling\tError scheduling: Pod foo failed fitness predicates PodFitsResources."
    let facts = try importText(text).facts.sorted { $0.observed < $1.observed }
    let state = project(facts, at: try #require(facts.last?.observed))
    #expect(state.status == "Pending")
    #expect(state.conditions.contains { $0.type == "PodScheduled" && $0.isFalse })
  }
}
