import Foundation
import Testing
@testable import PodHistKit

/// Misses found on the corpus and on the synthetic cluster, each with the facts that showed it.
@Suite("Projection: residual misses")
struct ResidualMissTests {
  /// A relative-clock event fact (a 2015 describe table: ages only, no anchor): `ago` seconds
  /// before the dump's own now, which is instant 0.
  static func rel(_ pod: ObjectRef, _ reason: String, _ message: String, container: String? = nil,
                  firstAgo: Int64, lastAgo: Int64, count: Int = 1, line: Int, component: String = "kubelet") -> Fact {
    var f = F.event(pod, reason, message, container: container,
                    first: Instant(micros: 0) - .seconds(firstAgo), last: Instant(micros: 0) - .seconds(lastAgo),
                    count: count, observed: Instant(micros: 0), component: component, line: line)
    f.clock = .relative
    return f
  }

  /// Corpus 051 (events only, Dec 2015): FailedMount x12, then the image present and the
  /// container created 4 s ago; the Started row is cut off. The container runs.
  static func nfsFacts() -> [Fact] {
    let pod = F.pod("g-pj3pl", ns: "dev")
    return [
      rel(pod, "Scheduled", "Successfully assigned g-pj3pl to 10.210.8.122", firstAgo: 60, lastAgo: 60, line: 4,
          component: "scheduler"),
      rel(pod, "FailedMount", "Unable to mount volumes for pod \"g-pj3pl_dev\": exit status 32", firstAgo: 60, lastAgo: 14,
          count: 12, line: 5),
      rel(pod, "FailedSync", "Error syncing pod, skipping: exit status 32", firstAgo: 60, lastAgo: 14, count: 12, line: 6),
      rel(pod, "Pulled", "Container image \"<IMAGE>\" already present on machine", container: "g", firstAgo: 4, lastAgo: 4, line: 7),
      rel(pod, "Created", "Created with docker id 5eb2da3af876", container: "g", firstAgo: 4, lastAgo: 4, line: 8),
    ]
  }

  @Test func trailingCreatedMeansRunning() throws {
    let s = project(Self.nfsFacts(), at: nil)
    #expect(s.status == "Running")
    #expect(s.phase == .running)
    #expect(s.restarts == 0...0)
    let g = try #require(s.containers.first { $0.name == "g" })
    #expect(g.state?.kind == .running)
    #expect(s.uncertaintySentences.contains { $0.contains("no Started event") })
  }

  /// Sentences about a relative-clock pod name instants as offsets from the dump's now.
  @Test func relativeInstantsInSentencesReadAsOffsets() {
    let s = project(Self.nfsFacts(), at: nil)
    let text = (s.uncertaintySentences + s.gapSentences).joined(separator: "\n")
    #expect(!text.contains("1969"))
    #expect(!text.contains("1970"))
    #expect(text.contains("FailedMount x12 between now-1m and now-14s"))
    #expect(text.contains("created at now-4s"))
  }

  @Test func sentenceTimeKeepsAbsoluteInstantsOfMixedPods() {
    let tt = { (i: Instant, clock: Clock) in timeText(i, clock: clock) }
    #expect(tt(Instant(micros: 0) - .seconds(90), .relative) == "now-1m30s")
    #expect(tt(Instant(micros: 0), .relative) == "now")
    #expect(tt(F.t("2015-12-03T10:00:00Z"), .relative) == "2015-12-03T10:00:00Z")
    #expect(tt(Instant(micros: 0) - .seconds(90), .absolute) == "1969-12-31T23:58:30Z")
    #expect(timeText(Instant(micros: 0) - .seconds(90), clock: .relative, style: .signed) == "-1m30s")
  }

  /// Corpus 058 (OpenShift 2017, `oc get events`): the crash loop shows as FailedSync messages
  /// naming CrashLoopBackOff, after the last Created/Started.
  static func postgresFacts() -> [Fact] {
    let pod = F.pod("postgresql-1-t199e", ns: "test2")
    let now = F.t("2017-04-05T10:00:00Z")
    let ago = { (m: Int64) in now - .seconds(m * 60) }
    let backOff40 = "Error syncing pod, skipping: failed to \"StartContainer\" for \"postgresql\" with CrashLoopBackOff: \"Back-off 40s restarting failed container=postgresql pod=postgresql-1-t199e_test2(5e7b1fd3-1a01-11e7-8237-005056b6143a)\""
    let backOff80 = backOff40.replacingOccurrences(of: "40s", with: "1m20s")
    func ev(_ reason: String, _ msg: String, container: String?, first: Int64, last: Int64, count: Int, line: Int) -> Fact {
      F.event(pod, reason, msg, type: reason == "FailedSync" ? "Warning" : "Normal", container: container,
              first: ago(first), last: ago(last), count: count, observed: now, line: line)
    }
    return [
      ev("FailedSync", backOff40, container: nil, first: 19, last: 18, count: 4, line: 1),
      ev("Created", "Created container with docker id a8acbe218e6b; Security:[seccomp=unconfined]", container: "postgresql",
         first: 18, last: 18, count: 1, line: 3),
      ev("Started", "Started container with docker id a8acbe218e6b", container: "postgresql", first: 18, last: 18, count: 1, line: 4),
      ev("FailedSync", backOff80, container: nil, first: 18, last: 16, count: 7, line: 5),
    ]
  }

  @Test func failedSyncCrashLoopBackOffIsABackOff() throws {
    let facts = Self.postgresFacts()
    let s = project(facts, at: nil)
    #expect(s.status == "CrashLoopBackOff")
    let c = try #require(s.containers.first { $0.name == "postgresql" })
    #expect(c.state?.reason == "CrashLoopBackOff")
    let e = Explainer.explain(s, facts: facts)
    #expect(e.causes.first?.code.rawValue == "CrashLoop.AppError")
  }

  @Test func failedSyncStepParses() throws {
    let m = "Error syncing pod, skipping: failed to \"StartContainer\" for \"web\" with ErrImagePull: \"image pull failed for registry.example/web:2, this may be because there are no credentials on this request\""
    let step = try #require(FailedSyncStep(m))
    #expect(step.action == "StartContainer")
    #expect(step.target == "web")
    #expect(step.reason == "ErrImagePull")
    #expect(step.detail.hasPrefix("image pull failed for registry.example/web:2"))
    #expect(FailedSyncStep("Error syncing pod, skipping: exit status 32") == nil)
    let rec = EventRecord(reason: "FailedSync", message: "Error syncing pod, skipping: failed to \"StartContainer\" for \"api\" with RunContainerError: \"runContainer: API error (500): oci runtime error\"",
                          type: "Warning", first: F.t("2017-04-05T10:00:00Z"), count: 1)
    #expect(EventReading(rec).meaning == .createError("Error: RunContainerError: runContainer: API error (500): oci runtime error"))
    #expect(EventReading.waitingReason(ofCreateError: "Error: RunContainerError: runContainer: API error (500): oci runtime error") == "RunContainerError")
    let pull = EventRecord(reason: "FailedSync", message: m, type: "Warning", first: F.t("2017-04-05T10:00:00Z"), count: 1)
    #expect(EventReading(pull).meaning == .pullFailed)
    #expect(inferContainer(pull, names: [], images: [:]) == "web")
  }

  /// Corpus 000 imported: a pod known only from its get-pods row (`1/1 Running 4 7m6s`) is
  /// as old as the row says, not 0 s.
  @Test func rowOnlyPodTakesItsCreationTimeFromTheRow() {
    let pod = F.pod("springboot-mybatis-deployment-dcd7f8bbf-q7nhp")
    let at = F.t("2020-07-03T07:58:09Z")
    var row = F.row(pod, at: at, status: "Running", ready: "1/1", restarts: 4, age: .seconds(426))
    if case .status(var snap) = row.body { snap.creationTime = at - .seconds(426); row.body = .status(snap) }
    let s = project([row], at: nil)
    #expect(s.creationTime == at - .seconds(426))
    #expect(s.status == "Running")
    // Without an AGE column the start time (none here) is all there is.
    let bare = F.row(pod, at: at, status: "Running", ready: "1/1", restarts: 4)
    #expect(project([bare], at: nil).creationTime == nil)
  }

  /// A crash loop of OOM kills after about 8 minutes each (the runs outlast the 300 s back-off),
  /// seen through events whose Started writes the spam filter dropped, and a final pods dump.
  /// Between observations it was likelier running than waiting.
  static func oomLoop(runSeconds: Int64) -> (facts: [Fact], mid: Instant) {
    let pod = F.pod("metrics-server-mf6dmt8jdk-pb6jx", ns: "kube-system")
    let t0 = F.t("2025-03-10T06:09:50Z")
    let end = F.t("2025-03-11T06:00:00Z")
    let cycle = runSeconds + 300
    let n = Int((F.t("2025-03-10T23:51:20Z") - t0).micros / 1_000_000 / cycle) + 1
    let c = "metrics-server"
    let lastRun = F.terminated("OOMKilled", 137, end - .seconds(runSeconds + 240), end - .seconds(240))
    let snap = F.container(c, state: F.waiting("CrashLoopBackOff"), last: lastRun, ready: false, restarts: 127)
    let facts = [
      F.event(pod, "Scheduled", "Successfully assigned kube-system/\(pod.name) to node-4", first: t0 - .seconds(9),
              component: "default-scheduler"),
      F.event(pod, "Started", "Started container \(c)", container: c, first: t0 + .seconds(1),
              last: t0 + .seconds(1 + 4 * cycle), count: 5),
      F.event(pod, "Created", "Created container: \(c)", container: c, first: t0,
              last: t0 + .seconds(Int64(n - 1) * cycle), count: n),
      F.event(pod, "BackOff", "Back-off restarting failed container \(c) in pod \(pod.name)_kube-system(8e41eb5f)",
              type: "Warning", container: c, first: t0 + .seconds(runSeconds + 20), last: end - .seconds(7), count: 2648),
      F.snapshot(pod, at: end, phase: "Running", containers: [snap], restartPolicy: "Always"),
    ]
    return (facts, F.t("2025-03-10T09:00:00Z"))
  }

  @Test func longRunsInACrashLoopAreLikelierRunning() throws {
    let (facts, mid) = Self.oomLoop(runSeconds: 470)
    let s = project(facts, at: mid)
    #expect(s.status == "Running")
    #expect(s.restarts.lowerBound < s.restarts.upperBound)
    #expect(s.uncertaintySentences.contains { $0.contains("either running or waiting to restart") })
  }

  @Test func shortRunsInACrashLoopAreLikelierBackingOff() throws {
    let (facts, mid) = Self.oomLoop(runSeconds: 60)
    let s = project(facts, at: mid)
    #expect(s.status == "CrashLoopBackOff")
    #expect(s.uncertaintySentences.contains { $0.contains("still repeating") })
  }

  /// A startup probe killing a container after 13 min each time: runs of 10 min or more reset
  /// the back-off, so the restart is immediate and no BackOff is ever reported.
  @Test func killLoopWithoutBackOffIsRunning() {
    let pod = F.pod("payments-worker-fnm2qfdggx-vt6ss", ns: "payments")
    let c = "payments-worker"
    let t0 = F.t("2025-03-10T08:12:40Z")
    let facts = [
      F.event(pod, "Scheduled", "Successfully assigned payments/\(pod.name) to node-2", first: t0 - .seconds(10),
              component: "default-scheduler"),
      F.event(pod, "Started", "Started container \(c)", container: c, first: t0, last: F.t("2025-03-10T09:10:14Z"), count: 5),
      F.event(pod, "Unhealthy", "Startup probe failed: Get \"http://10.10.2.6:9090/metrics\": context deadline exceeded",
              type: "Warning", container: c, first: F.t("2025-03-10T08:25:40Z"), last: F.t("2025-03-11T05:58:20Z"), count: 294),
      F.event(pod, "Killing", "Container \(c) failed startup probe, will be restarted", container: c,
              first: F.t("2025-03-10T08:26:00Z"), last: F.t("2025-03-11T03:13:35Z"), count: 85),
    ]
    let s = project(facts, at: F.t("2025-03-10T15:00:00Z"))
    #expect(s.status == "Running")
    #expect(s.uncertaintySentences.contains { $0.contains("no back-off was ever reported") })
  }

  /// A pod deleted while its only known container, an init container, crash-loops: no regular
  /// container is known, and the STATUS is still the init container's.
  @Test func initCrashLoopWithoutKnownRegularContainers() {
    let pod = F.pod("payments-api-f86qwj67pg-246kb", ns: "payments")
    let c = "wait-for-kafka"
    let facts = [
      F.event(pod, "Scheduled", "Successfully assigned payments/\(pod.name) to node-9", first: F.t("2025-03-10T07:29:03Z"),
              component: "default-scheduler"),
      F.event(pod, "Created", "Created container: \(c)", container: c, initContainer: true, first: F.t("2025-03-10T07:29:24Z"),
              last: F.t("2025-03-10T07:32:30Z"), count: 5),
      F.event(pod, "Started", "Started container \(c)", container: c, initContainer: true, first: F.t("2025-03-10T07:29:24Z"),
              last: F.t("2025-03-10T07:32:31Z"), count: 5),
      F.event(pod, "BackOff", "Back-off restarting failed container \(c) in pod \(pod.name)_payments(e07e5a1a)", type: "Warning",
              container: c, initContainer: true, first: F.t("2025-03-10T07:30:06Z"), last: F.t("2025-03-10T10:59:18Z"), count: 744),
    ]
    let s = project(facts, at: F.t("2025-03-10T09:00:00Z"))
    #expect(s.status == "Init:CrashLoopBackOff")
    #expect(s.phase == .pending)
  }

  /// FailedMount for an hour, then nothing until the pod's deletion stops both containers: they
  /// ran in between, though the spam filter kept their Created/Started out of the store.
  @Test func containersStoppedLaterRanAfterMountsRecovered() throws {
    let pod = F.pod("payments-api-db5rc6n7ql-xmfjp", ns: "payments")
    let facts = [
      F.event(pod, "Scheduled", "Successfully assigned payments/\(pod.name) to node-5", first: F.t("2025-03-11T01:49:46Z"),
              component: "default-scheduler"),
      F.event(pod, "FailedMount", "MountVolume.SetUp failed for volume \"tls-certs\" : secret \"payments-api-tls\" not found",
              type: "Warning", first: F.t("2025-03-11T01:49:48Z"), last: F.t("2025-03-11T02:10:13Z"), count: 18),
      F.event(pod, "FailedMount", "Unable to attach or mount volumes: unmounted volumes=[tls-certs], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition",
              type: "Warning", first: F.t("2025-03-11T01:51:55Z"), last: F.t("2025-03-11T02:40:43Z"), count: 25),
      F.event(pod, "Killing", "Stopping container istio-proxy", container: "istio-proxy", first: F.t("2025-03-11T05:39:17Z")),
      F.event(pod, "Killing", "Stopping container payments-api", container: "payments-api", first: F.t("2025-03-11T05:39:18Z")),
    ]
    let s = project(facts, at: F.t("2025-03-11T03:00:00Z"))
    #expect(s.status == "Running")
    #expect(s.ready == "2/2")
    // While the mounts still fail, and right after, it is still being created.
    #expect(project(facts, at: F.t("2025-03-11T02:30:00Z")).status == "ContainerCreating")
    #expect(project(facts, at: F.t("2025-03-11T02:41:30Z")).status == "ContainerCreating")
  }
}

/// Mount failures that stopped long before the instant asked about.
@Suite("Projection: blocking failures that went quiet")
struct QuietBlockTests {
  static let pod = F.pod("grafana-glgfzsvxjk-n7tqf", ns: "monitoring")
  static let facts = [
    F.event(pod, "Scheduled", "Successfully assigned monitoring/grafana-glgfzsvxjk-n7tqf to node-3", first: F.t("2025-03-10T06:50:47Z"),
            component: "default-scheduler"),
    F.event(pod, "FailedMount", "MountVolume.SetUp failed for volume \"config\" : configmap \"grafana-config\" not found",
            type: "Warning", first: F.t("2025-03-10T06:50:48Z"), last: F.t("2025-03-10T07:11:13Z"), count: 18),
    F.event(pod, "FailedMount", "Unable to attach or mount volumes: unmounted volumes=[config], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition",
            type: "Warning", first: F.t("2025-03-10T06:52:55Z"), last: F.t("2025-03-10T07:21:23Z"), count: 15),
  ]

  /// Hours after the last FailedMount (a failure still going on is written again within 5 min,
  /// docs/kubernetes-semantics.md §5.2), the pod runs although its container events were dropped.
  @Test func silentForHoursIsRunning() {
    let s = project(Self.facts, at: F.t("2025-03-10T09:00:00Z"))
    #expect(s.status == "Running")
    #expect(s.uncertaintySentences.contains { $0.contains("stopped at 2025-03-10T07:21:23Z") })
  }

  @Test func stillFailingOrJustStoppedIsContainerCreating() {
    #expect(project(Self.facts, at: F.t("2025-03-10T07:15:00Z")).status == "ContainerCreating")
    #expect(project(Self.facts, at: F.t("2025-03-10T07:30:00Z")).status == "ContainerCreating")
  }

  /// A describe taken after the failures stopped that still shows ContainerCreating wins.
  @Test func laterSnapshotStillCreatingWins() {
    let c = F.container("grafana", state: F.waiting("ContainerCreating"), ready: false, restarts: 0)
    let facts = Self.facts + [F.snapshot(Self.pod, at: F.t("2025-03-10T10:00:00Z"), origin: .describe, phase: "Pending", containers: [c])]
    #expect(project(facts, at: F.t("2025-03-10T09:00:00Z")).status == "ContainerCreating")
    #expect(project(facts, at: F.t("2025-03-10T10:00:00Z")).status == "ContainerCreating")
  }
}
