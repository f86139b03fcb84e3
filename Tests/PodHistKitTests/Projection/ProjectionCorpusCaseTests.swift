import Foundation
import Testing
@testable import PodHistKit

/// Corpus cases (fixtures/corpus/<case>/input*, expected.json) as the importers turn them into
/// facts, projected at the dump's own instant: the projection must reproduce what the dump states.
@Suite("Projection: corpus cases at their own instant")
struct ProjectionCorpusCaseTests {
  /// 068: an init container whose command is misspelt (`wge`): StartError, exit 128, a start
  /// time at the Unix epoch, Init:CrashLoopBackOff with 6 restarts.
  @Test func initContainerStartError() throws {
    let pod = F.pod("logging-agent")
    let at = F.t("2025-01-27T06:35:32Z")
    let ago = { (s: Int64) in at - .seconds(s) }
    let downloader = F.container("downloader", kind: .`init`, image: "busybox:1.28", state: F.waiting("CrashLoopBackOff"),
                                 last: ContainerState(kind: .terminated, reason: "StartError", message: "failed to create containerd task: ... exec: \"wge\": executable file not found in $PATH: unknown",
                                                      exitCode: 128, startedAt: Instant(micros: 0), finishedAt: F.t("2025-01-27T06:33:35Z")),
                                 ready: false, restarts: 6)
    let exporter = F.container("exporter", image: "nginx", state: F.waiting("PodInitializing"), ready: false, restarts: 0)
    let conds = [PodCondition(type: "PodReadyToStartContainers", status: "True"), PodCondition(type: "Initialized", status: "False"),
                 PodCondition(type: "Ready", status: "False"), PodCondition(type: "ContainersReady", status: "False"),
                 PodCondition(type: "PodScheduled", status: "True")]
    let facts = [
      F.snapshot(pod, at: at, origin: .describe, phase: "Pending", containers: [downloader, exporter], conditions: conds,
                 node: "grafana-cloud-control-plane", startTime: F.t("2025-01-27T06:27:45Z"), source: "input.txt"),
      F.event(pod, "Scheduled", "Successfully assigned default/logging-agent to grafana-cloud-control-plane", first: ago(467),
              observed: at, component: "default-scheduler", line: 71),
      F.event(pod, "Created", "Created container downloader", first: ago(459), last: ago(369), count: 5, observed: at, line: 74),
      F.event(pod, "Failed", "Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"wge\": executable file not found in $PATH: unknown",
              type: "Warning", first: ago(459), last: ago(369), count: 5, observed: at, line: 75),
      F.event(pod, "BackOff", "Back-off restarting failed container downloader in pod logging-agent_default(c84db522-2001-46b4-8043-6cbcb1468935)",
              type: "Warning", first: ago(457), last: ago(158), count: 26, observed: at, line: 77),
    ]
    let s = project(facts, at: at)
    #expect(s.status == "Init:CrashLoopBackOff")
    #expect(s.phase == .pending)
    #expect(s.restarts == 6...6)
    #expect(s.ready == "0/1")
    let d = try #require(s.containers.first)
    #expect(d.kind == .`init` && d.state?.reason == "CrashLoopBackOff" && d.lastState?.exitCode == 128)
    #expect(s.containers.last?.state?.reason == "PodInitializing")
    // The epoch start time is no start time: the run's duration is unknown, not 55 years.
    let h = restartHistory(facts)
    #expect(h.last?.startedAt == nil)
    #expect(h.last?.ran == nil)
    #expect(h.last?.reason == "StartError")
    #expect(h.last?.killedBy == .exit)
    #expect(h.count == 7)
  }

  /// 084: two regular containers, both running and ready.
  @Test func twoContainersRunning() {
    let pod = F.pod("mc1")
    let at = F.t("2020-01-08T08:59:26Z")
    let c1 = F.container("1st", image: "nginx", state: F.running(F.t("2020-01-08T08:59:09Z")), ready: true, restarts: 0)
    let c2 = F.container("2nd", image: "busybox", state: F.running(F.t("2020-01-08T08:59:14Z")), ready: true, restarts: 0)
    let facts = [
      F.snapshot(pod, at: at, origin: .describe, phase: "Running", containers: [c1, c2], conditions: F.conds(ready: true)),
      F.event(pod, "Started", "Started container", first: at - .seconds(17), observed: at, line: 72),
      F.event(pod, "Started", "Started container", first: at - .seconds(12), observed: at, line: 76),
    ]
    let s = project(facts, at: at)
    #expect(s.status == "Running")
    #expect(s.ready == "2/2")
    #expect(s.restarts == 0...0)
    #expect(s.containers.map(\.name) == ["1st", "2nd"])
  }

  /// 045: a Job pod that completed: the get-pods row (0/1 Completed 0) and the describe fragment.
  @Test func jobPodCompleted() {
    let pod = F.pod("single-ee7f20b3bcb047f893481e1999decba9-single-0", ns: "cv")
    let describeAt = F.t("2018-04-26T12:22:40Z")
    let c = F.container("single", state: F.terminated("Completed", 0, F.t("2018-04-26T11:44:35Z"), F.t("2018-04-26T11:49:32Z")),
                        ready: false, restarts: 0)
    let facts = [
      F.row(pod, at: describeAt - .seconds(5), status: "Completed", ready: "0/1", restarts: 0, age: .seconds(33 * 60)),
      F.snapshot(pod, at: describeAt, origin: .describe, phase: nil, containers: [c], node: nil, restartPolicy: "Never"),
    ]
    let s = project(facts, at: nil)
    #expect(s.status == "Completed")
    #expect(s.phase == .succeeded)
    #expect(s.ready == "0/1")
    #expect(s.containers.first?.state?.exitCode == 0)
    #expect(restartHistory(facts).map(\.killedBy.rawValue) == ["exit"])
  }

  /// 072: a Job pod whose shell command has a syntax error: Failed, STATUS Error, exit 2, no events.
  @Test func jobPodFailed() {
    let pod = F.pod("product-data-scraper-2s4j2")
    let at = F.t("2025-05-28T12:40:00Z")
    let c = F.container("run-forever", image: "bash",
                        state: F.terminated("Error", 2, F.t("2025-05-28T12:26:36Z"), F.t("2025-05-28T12:26:36Z")),
                        ready: false, restarts: 0)
    let facts = [F.snapshot(pod, at: at, origin: .describe, phase: "Failed", containers: [c],
                            conditions: F.conds(ready: false), node: "kind-double-node-worker", restartPolicy: "Never")]
    let s = project(facts, at: at)
    #expect(s.status == "Error")
    #expect(s.phase == .failed)
    #expect(s.restarts == 0...0)
    // Later instants keep the terminal state: a Failed pod never restarts.
    #expect(project(facts, at: at + .seconds(3600)).status == "Error")
  }

  /// 016: a StatefulSet pod after 617 restarts (containerStatuses YAML).
  @Test func restart617() {
    let pod = F.pod("nsapp-fa868e46640f566de09528-0", ns: "ns-apps", uid: "927c8906-679e-4ccb-9e2d-e219eada6de0")
    let at = F.t("2023-09-24T11:58:00Z")
    let c = F.container("app", state: F.waiting("CrashLoopBackOff", "back-off 5m0s restarting failed container=app"),
                        last: F.terminated("Error", 1, F.t("2023-09-24T11:55:44Z"), F.t("2023-09-24T11:55:46Z")),
                        ready: false, restarts: 617, started: false)
    let facts = [F.snapshot(pod, at: at, phase: "Running", containers: [c], conditions: F.conds(ready: false))]
    let s = project(facts, at: at)
    #expect(s.status == "CrashLoopBackOff")
    #expect(s.restarts == 617...617)
    #expect(s.containers.first?.lastState?.exitCode == 1)
    // 617 restarts before, one known exactly: 618 terminations, the last with its instants.
    let h = restartHistory(facts)
    #expect(h.count == 618)
    #expect(h.last?.ran == .seconds(2))
    #expect(h.dropLast().allSatisfy { $0.countOnly })
  }

  /// The seed at its last observation: the row says Running 4; the previous run's end (exit 143)
  /// is still the container's last state.
  @Test func seedKeepsTheLastStateUnderTheRow() {
    let s = project(Seed.facts, at: nil)
    #expect(s.containers.first?.state?.kind == .running)
    #expect(s.containers.first?.lastState?.exitCode == 143)
    #expect(s.containers.first?.restarts == 4...4)
  }
}
