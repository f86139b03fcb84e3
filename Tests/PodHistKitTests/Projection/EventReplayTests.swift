import Foundation
import Testing
@testable import PodHistKit

/// Events after the newest snapshot move the state (docs/kubernetes-semantics.md §13 chains).
@Suite("Projection: events between snapshots")
struct EventReplayTests {
  static func at(_ s: String) -> Instant { F.t("2026-03-12T\(s)Z") }
  static let pod = F.pod("worker-7f9b-abc12", ns: "jobs", uid: "u-1")

  static func runningSnapshot(_ t: String, started: String, spec: ContainerSpecFacts = ContainerSpecFacts(),
                              pod: ObjectRef = pod) -> Fact {
    F.snapshot(pod, at: at(t), phase: "Running",
               containers: [F.container("app", state: F.running(at(started)), ready: true, restarts: 0, spec: spec)],
               conditions: F.conds(ready: true), restartPolicy: "Always")
  }
  static func ev(_ reason: String, _ msg: String, _ first: String, _ last: String? = nil, count: Int = 1,
                 container: String? = "app", type: String = "Normal", component: String = "kubelet",
                 pod: ObjectRef = pod) -> Fact {
    F.event(pod, reason, msg, type: type, container: container, first: at(first), last: at(last ?? first), count: count,
            uncertainty: .zero, component: component, name: "\(pod.name).\(reason).\(first)")
  }

  static var livenessFacts: [Fact] {
    var spec = ContainerSpecFacts()
    spec.liveness = Probe(type: "http-get", port: "8080", path: "/healthz", periodSeconds: 10, failureThreshold: 3)
    return [
      runningSnapshot("15:00:00", started: "14:59:50", spec: spec),
      ev("Unhealthy", "Liveness probe failed: HTTP probe failed with statuscode: 500", "15:00:10", "15:00:30", count: 3, type: "Warning"),
      ev("Killing", "Container app failed liveness probe, will be restarted", "15:00:30", "15:01:01", count: 2),
      ev("Started", "Started container app", "14:59:50", "15:00:31", count: 2),
      ev("BackOff", "Back-off restarting failed container app in pod worker-7f9b-abc12_jobs(u-1)", "15:01:05", "15:01:25",
         count: 3, type: "Warning"),
    ]
  }

  @Test(arguments: [
    ("15:00:20", "Running", 0, "1/1"), ("15:00:30.500000", "Error", 0, "0/1"), ("15:00:45", "Running", 1, "1/1"),
    ("15:01:02", "Error", 1, "0/1"), ("15:01:10", "CrashLoopBackOff", 1, "0/1"), ("15:01:30", "CrashLoopBackOff", 1, "0/1"),
  ])
  func livenessKillsAfterTheSnapshot(_ t: String, _ status: String, _ restarts: Int, _ ready: String) {
    let s = project(Self.livenessFacts, at: Self.at(t))
    #expect(s.status == status)
    #expect(s.restarts == restarts...restarts)
    #expect(s.ready == ready)
    #expect(s.phase == .running)
  }

  @Test func aKillSaysTheExitCodeIsOnlyLikely() {
    let s = project(Self.livenessFacts, at: Self.at("15:00:30.500000"))
    #expect(s.containers.first?.state?.exitCode == nil)
    #expect(s.uncertaintySentences.contains { $0.contains("143") && $0.contains("likely") })
  }

  @Test func readinessFailuresMakeItNotReady() {
    var spec = ContainerSpecFacts()
    spec.readiness = Probe(type: "tcp-socket", port: "5432")
    let facts = [
      Self.runningSnapshot("16:00:00", started: "15:59:00", spec: spec),
      Self.ev("Unhealthy", "Readiness probe failed: dial tcp 10.1.2.3:5432: connect: connection refused", "16:00:30", "16:01:10",
              count: 5, type: "Warning"),
    ]
    let before = project(facts, at: Self.at("16:00:10"))
    #expect(before.ready == "1/1")
    let after = project(facts, at: Self.at("16:01:00"))
    #expect(after.status == "Running")
    #expect(after.ready == "0/1")
    #expect(after.restarts == 0...0)
    #expect(after.conditions.first { $0.type == "Ready" }?.status == "False")
  }

  @Test(arguments: [("17:00:02", "ContainerCreating"), ("17:00:05", "ErrImagePull"), ("17:01:30", "ImagePullBackOff")])
  func imagePullFailureFromEventsOnly(_ t: String, _ status: String) {
    let img = "registry.example/app:no-such-tag"
    let facts = [
      Self.ev("Scheduled", "Successfully assigned jobs/worker-7f9b-abc12 to node-3", "17:00:00", container: nil,
              component: "default-scheduler"),
      Self.ev("Pulling", "Pulling image \"\(img)\"", "17:00:01", "17:01:00", count: 3),
      Self.ev("Failed", "Failed to pull image \"\(img)\": manifest unknown", "17:00:03", "17:01:00", count: 3, type: "Warning"),
      Self.ev("Failed", "Error: ErrImagePull", "17:00:03", "17:01:00", count: 3, type: "Warning"),
      Self.ev("BackOff", "Back-off pulling image \"\(img)\"", "17:00:15", "17:01:20", count: 4),
      Self.ev("Failed", "Error: ImagePullBackOff", "17:00:15", "17:01:20", count: 4, type: "Warning"),
    ]
    let s = project(facts, at: Self.at(t))
    #expect(s.status == status)
    #expect(s.phase == .pending)
    #expect(s.node == "node-3")
    #expect(s.ready == "0/1")
    #expect(s.gapSentences.contains { $0.contains("no status snapshot") })
  }

  @Test func unschedulableThenScheduled() {
    let facts = [
      Self.ev("FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu.", "18:00:00", "18:05:00", count: 4,
              container: nil, type: "Warning", component: "default-scheduler"),
      Self.ev("Scheduled", "Successfully assigned jobs/worker-7f9b-abc12 to node-2", "18:06:00", container: nil,
              component: "default-scheduler"),
    ]
    let pending = project(facts, at: Self.at("18:03:00"))
    #expect(pending.status == "Pending")
    #expect(pending.phase == .pending)
    #expect(pending.node == nil)
    #expect(pending.conditions.first { $0.type == "PodScheduled" }?.reason == "Unschedulable")
    let scheduled = project(facts, at: Self.at("18:06:30"))
    #expect(scheduled.node == "node-2")
    #expect(scheduled.conditions.first { $0.type == "PodScheduled" }?.status == "True")
  }

  @Test func failedMountKeepsItContainerCreating() {
    let facts = [
      F.snapshot(Self.pod, at: Self.at("19:00:02"), phase: "Pending",
                 containers: [F.container("app", state: F.waiting("ContainerCreating"), ready: false, restarts: 0)]),
      Self.ev("FailedMount", "MountVolume.SetUp failed for volume \"config\" : configmap \"app-config\" not found",
              "19:00:05", "19:02:05", count: 3, container: nil, type: "Warning"),
    ]
    let s = project(facts, at: Self.at("19:03:00"))
    #expect(s.status == "ContainerCreating")
    #expect(s.phase == .pending)
  }

  @Test func evictedAfterTheSnapshot() {
    let facts = [
      Self.runningSnapshot("20:00:00", started: "19:50:00"),
      Self.ev("Evicted", "The node was low on resource: memory. Container app was using 1.2Gi, request is 512Mi.", "20:10:00",
              container: nil, type: "Warning"),
      Self.ev("Killing", "Stopping container app", "20:10:00"),
    ]
    let s = project(facts, at: Self.at("20:10:30"))
    #expect(s.phase == .failed)
    #expect(s.reason == "Evicted")
    #expect(s.status == "Evicted")
    #expect(project(facts, at: Self.at("20:05:00")).status == "Running")
  }

  @Test func stoppingContainerMeansTerminating() {
    let facts = [Self.runningSnapshot("21:00:00", started: "20:00:00"), Self.ev("Killing", "Stopping container app", "21:05:00")]
    #expect(project(facts, at: Self.at("21:04:00")).status == "Running")
    let s = project(facts, at: Self.at("21:05:10"))
    #expect(s.status == "Terminating")
    #expect(s.deletionTime == Self.at("21:05:00"))
  }

  @Test func preemptedMeansTerminating() {
    let facts = [Self.runningSnapshot("21:00:00", started: "20:00:00"),
                 Self.ev("Preempted", "Preempted by pod 1234 on node node-1", "21:05:00", container: nil,
                         component: "default-scheduler")]
    #expect(project(facts, at: Self.at("21:05:10")).status == "Terminating")
  }

  @Test func nodeNotReadyFlipsTheReadyCondition() {
    let facts = [Self.runningSnapshot("22:00:00", started: "21:00:00"),
                 Self.ev("NodeNotReady", "Node is not ready", "22:03:00", container: nil, type: "Warning",
                         component: "node-controller")]
    let s = project(facts, at: Self.at("22:04:00"))
    #expect(s.conditions.first { $0.type == "Ready" }?.status == "False")
    #expect(s.status == "Running")
  }

  @Test func deadlineExceeded() {
    let facts = [Self.runningSnapshot("23:00:00", started: "22:59:00"),
                 Self.ev("DeadlineExceeded", "Pod was active on the node longer than the specified deadline", "23:10:00",
                         container: nil)]
    let s = project(facts, at: Self.at("23:10:05"))
    #expect(s.phase == .failed)
    #expect(s.status == "DeadlineExceeded")
  }

  @Test func crashLoopFromEventsOnly() {
    let facts = [
      Self.ev("Scheduled", "Successfully assigned jobs/worker-7f9b-abc12 to node-1", "12:59:59", container: nil,
              component: "default-scheduler"),
      Self.ev("Started", "Started container app", "13:00:00", "13:08:00", count: 5),
      Self.ev("BackOff", "Back-off restarting failed container app in pod worker-7f9b-abc12_jobs(u-1)", "13:00:40", "13:09:30",
              count: 20, type: "Warning"),
    ]
    let end = project(facts, at: nil)
    #expect(end.status == "CrashLoopBackOff")
    #expect(end.phase == .running)
    #expect(end.restarts == 4...4)
    let mid = project(facts, at: Self.at("13:04:00"))
    #expect(mid.restarts == 0...3)
    #expect(mid.uncertaintySentences.contains { $0.contains("RESTARTS between 0 and 3") })
    #expect(mid.uncertaintySentences.contains { $0.contains("events only") })
    // Four runs ended (the fifth is in back-off): terminations known only by count.
    let h = restartHistory(facts)
    #expect(h.count == 5)
    #expect(h.allSatisfy { $0.countOnly })
  }

  @Test func aLaterSnapshotOverridesWhatEventsSuggested() {
    var facts = Self.livenessFacts
    // A describe at 15:01:40 says the container runs again, restart count 2.
    facts.append(F.snapshot(Self.pod, at: Self.at("15:01:40"), origin: .describe, phase: "Running",
                            containers: [F.container("app", state: F.running(Self.at("15:01:35")),
                                                     last: F.terminated("Error", 143, Self.at("15:00:31"), Self.at("15:01:02")),
                                                     ready: true, restarts: 2)],
                            conditions: F.conds(ready: true), source: "describe.txt"))
    let s = project(facts, at: Self.at("15:01:45"))
    #expect(s.status == "Running")
    #expect(s.restarts == 2...2)
    // In hindsight the run started at 15:00:31 ended at 15:01:02 with 143: killed by the liveness probe.
    let h = restartHistory(facts)
    #expect(h.count == 2)
    #expect(h.last?.exitCode == 143 && h.last?.killedBy == .liveness)
    #expect(h.last?.backOffBeforeNext == .seconds(33))
    #expect(h.first?.killedBy == .liveness)
  }
}

@Suite("Projection: incarnations, clocks, gaps")
struct IncarnationAndGapTests {
  static func at(_ s: String) -> Instant { F.t("2026-03-13T\(s)Z") }

  @Test func aRecreatedStatefulSetPodIsANewIncarnation() {
    let a = F.pod("web-0", ns: "db", uid: "uid-a"), b = F.pod("web-0", ns: "db", uid: "uid-b"), loose = F.pod("web-0", ns: "db")
    let facts = [
      F.snapshot(a, at: Self.at("14:00:00"), phase: "Running",
                 containers: [F.container("db", state: F.running(Self.at("13:50:00")),
                                          last: F.terminated("Error", 1, Self.at("13:40:00"), Self.at("13:49:50")),
                                          ready: true, restarts: 5)], conditions: F.conds(ready: true)),
      F.event(b, "Scheduled", "Successfully assigned db/web-0 to node-4", first: Self.at("14:10:00"), uncertainty: .zero,
              component: "default-scheduler"),
      F.snapshot(b, at: Self.at("14:11:00"), phase: "Running",
                 containers: [F.container("db", state: F.running(Self.at("14:10:30")), ready: true, restarts: 0)],
                 conditions: F.conds(ready: true), node: "node-4"),
      F.row(loose, at: Self.at("14:20:00"), status: "CrashLoopBackOff", ready: "0/1", restarts: 1),
    ]
    let old = project(facts, at: Self.at("14:05:00"))
    #expect(old.object.uid == "uid-a")
    #expect(old.restarts == 5...5)
    let new = project(facts, at: Self.at("14:12:00"))
    #expect(new.object.uid == "uid-b")
    // Between the snapshot (running, 0) and the row (CrashLoopBackOff, 1) no event tells when the
    // first restart came: 0 or 1 at 14:12.
    #expect(new.restarts == 0...1)
    #expect(new.node == "node-4")
    let latest = project(facts, at: nil)
    #expect(latest.object.uid == "uid-b")
    #expect(latest.status == "CrashLoopBackOff")
    #expect(latest.restarts == 1...1)
    let h = restartHistory(facts)
    #expect(h.filter { $0.podUID == "uid-a" }.count == 5)
    // CrashLoopBackOff with RESTARTS 1: runs 0 and 1 both ended.
    #expect(h.filter { $0.podUID == "uid-b" }.count == 2)
  }

  @Test func relativeClockFactsProjectTheSameWay() {
    let p = F.pod("rel-0")
    let now = Instant(micros: 0)
    var snap = F.snapshot(p, at: now, origin: .describe, phase: "Running",
                          containers: [F.container("app", state: F.waiting("CrashLoopBackOff"),
                                                   last: F.terminated("Error", 2, now - .seconds(60), now - .seconds(40)),
                                                   ready: false, restarts: 2)], conditions: F.conds(ready: false))
    snap.clock = .relative
    var started = F.event(p, "Started", "Started container app", first: now - .seconds(200), last: now - .seconds(60), count: 3)
    started.clock = .relative
    let s = project([snap, started], at: nil)
    #expect(s.clock == .relative)
    #expect(s.status == "CrashLoopBackOff")
    #expect(s.restarts == 2...2)
    let before = project([snap, started], at: now - .seconds(50))
    #expect(before.status == "Running")
  }

  @Test func ttlAndSpamFilterGaps() {
    let p = F.pod("gappy-0")
    let c = { (t: String) in
      F.snapshot(p, at: Self.at(t), phase: "Running",
                 containers: [F.container("app", state: F.running(Self.at("08:00:00")), ready: true, restarts: 0)],
                 conditions: F.conds(ready: true))
    }
    let facts = [
      c("09:00:00"), c("11:30:00"),
      F.event(p, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", type: "Warning",
              first: Self.at("08:10:00"), last: Self.at("08:50:00"), count: 30),
    ]
    let s = project(facts, at: nil)
    #expect(s.gapSentences.contains { $0.contains("1h event TTL") && $0.contains("2h30m") })
    #expect(s.gapSentences.contains { $0.contains("spam filter") && $0.contains("30 events from kubelet") })
    #expect(s.gapSentences.contains { $0.contains("no Scheduled event") })
  }
}
