import Foundation
import Testing
@testable import PodHistKit

/// Deletions, start-up and restarts seen only in events: what must not be called a fault.
@Suite struct LifecycleEdgeTests {
  typealias D = Dump

  @Test func containerStoppedByDeletionIsNotACrash() {
    let p = D.pod("web-7d9c-x1")
    // deletionTimestamp = request (-20s) + 30s grace; the container exited 143 on SIGTERM at -18s.
    let c = D.container("web", state: D.terminated("Error", exit: 143, started: -3600, finished: -18))
    let s = D.state(p, status: "Terminating", phase: "Running", containers: [c]) { $0.deletionTime = Dump.t(10) }
    let facts = [D.event(p, "Killing", "Stopping container web", container: "web", last: -20, line: 9)]
    let e = Explainer.explain(s, facts: facts)
    #expect(e.causes.first?.code.rawValue == "Running.Healthy")
    #expect(e.causes.contains { $0.code.rawValue == "Terminating.Stuck" && $0.confidence.rawValue == "low" })
    #expect(!e.causes.contains { $0.code.rawValue.hasPrefix("CrashLoop.") })
  }

  @Test func runningNotReadyWithoutFailuresIsStillStarting() {
    let p = D.pod("api-1")
    let c = D.container("api", state: D.running(since: -5), ready: false) { $0.readiness = Probe(type: "http-get", port: "8080", path: "/ready", initialDelaySeconds: 20) }
    let s = D.state(p, status: "Running", phase: "Running", containers: [c])
    let facts = [D.event(p, "Started", "Started container api", container: "api", last: -5, line: 3)]
    let top = Explainer.explain(s, facts: facts).causes.first
    #expect(top?.code.rawValue == "Unknown")
    #expect(top?.summary.contains("still starting") == true)
  }

  @Test func eventsOnlyRepeatedStartsAreARestartLoop() {
    let p = D.pod("worker-5")
    let facts = [
      D.event(p, "Created", "Created container worker", container: "worker", first: -100, last: -40, count: 2, line: 3),
      D.event(p, "Started", "Started container worker", container: "worker", first: -100, last: -40, count: 2, line: 4),
    ]
    let top = Explainer.explain(D.eventsOnly(p), facts: facts).causes.first
    #expect(top?.code.rawValue == "CrashLoop.AppError")
    #expect(top?.confidence.rawValue == "low")
  }

  @Test func eventsOnlyStartingPodIsUnknown() {
    let p = D.pod("new-1")
    let facts = [
      D.event(p, "Scheduled", "Successfully assigned default/new-1 to n1", last: -3, line: 1, component: "default-scheduler"),
      D.event(p, "Pulling", "Pulling image \"nginx:1.27\"", container: "nginx", last: -2, line: 2),
    ]
    let top = Explainer.explain(D.eventsOnly(p), facts: facts).causes.first
    #expect(top?.code.rawValue == "Unknown")
    #expect(top?.summary.contains("still be starting") == true)
  }

  @Test func failedMountResolvedIsHealthyWithTheMountAsHistory() {
    let p = D.pod("cfg-late")
    let c = D.container("app", state: D.running(since: -100), ready: true)
    let s = D.state(p, status: "Running", phase: "Running", containers: [c])
    let facts = [
      D.event(p, "FailedMount", "MountVolume.SetUp failed for volume \"cfg\" : configmap \"late-config\" not found", type: "Warning", first: -900, last: -130, count: 9, line: 5),
      D.event(p, "Started", "Started container app", container: "app", last: -100, line: 6),
    ]
    let e = Explainer.explain(s, facts: facts)
    #expect(e.causes.first?.code.rawValue == "Running.Healthy")
    #expect(e.causes.contains { $0.code.rawValue == "Volume.MountFailed" && $0.confidence.rawValue == "low" })
  }

  @Test func initContainerAppErrorCarriesInitKind() {
    let p = D.pod("migrate-1")
    let i = D.container("migrate", kind: .`init`, state: D.waiting("CrashLoopBackOff"), last: D.terminated("Error", exit: 1, started: -40, finished: -38), restarts: 4)
    let c = D.container("app", state: D.waiting("PodInitializing"))
    let top = Explainer.explain(D.state(p, status: "Init:CrashLoopBackOff", phase: "Pending", containers: [i, c]), facts: []).causes.first
    #expect(top?.code.rawValue == "CrashLoop.AppError")
    #expect(top?.container == "migrate" && top?.containerKind == .`init`)
  }

  @Test func unscheduledWithSelectorAlsoNamesTheSelector() {
    let p = D.pod("gpu-job")
    let f = D.event(p, "FailedScheduling", "0/5 nodes are available: 2 Insufficient cpu, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
                    type: "Warning", last: -1, line: 2, component: "default-scheduler")
    let e = Explainer.explain(D.state(p, status: "Pending", phase: "Pending", node: nil), facts: [f])
    #expect(e.causes.first?.code.rawValue == "Unschedulable.InsufficientResources")
    #expect(e.causes.contains { $0.code.rawValue == "Unschedulable.NodeSelector" })
  }

  @Test func eventsOnlyMountFailuresSilentForHoursAreNotCurrent() {
    let p = D.pod("postgres-1", ns: "data")
    let facts = [
      D.event(p, "Scheduled", "Successfully assigned data/postgres-1 to n1", last: -38990, line: 1, component: "default-scheduler"),
      D.event(p, "FailedMount", "MountVolume.SetUp failed for volume \"config\" : configmap \"postgres-config\" not found", type: "Warning",
              first: -38989, last: -37764, count: 18, line: 2),
    ]
    let e = Explainer.explain(D.eventsOnly(p), facts: facts)
    #expect(e.causes.first?.code.rawValue == "Unknown")
    let mount = e.causes.first { $0.code.rawValue == "Volume.MountFailed" }
    #expect(mount?.confidence.rawValue == "low")
    #expect(mount?.summary.contains("probably stopped") == true)
  }

  @Test func eventsOnlyPullStillRetryingIsCurrent() {
    let p = D.pod("keycloak-1", ns: "auth")
    let facts = [
      D.event(p, "Failed", "Failed to pull image \"quay.io/keycloak/keycloak:23.0.4-rc2\": rpc error: code = NotFound desc = failed to pull and unpack image \"quay.io/keycloak/keycloak:23.0.4-rc2\": not found",
              type: "Warning", container: "keycloak", first: -32794, last: -16294, count: 58, line: 3),
      D.event(p, "BackOff", "Back-off pulling image \"quay.io/keycloak/keycloak:23.0.4-rc2\"", container: "keycloak", first: -32777, last: -84, count: 2149, line: 5),
    ]
    let top = Explainer.explain(D.eventsOnly(p), facts: facts).causes.first
    #expect(top?.code.rawValue == "Image.PullFailed")
    #expect(top?.confidence.rawValue == "high")
  }

  @Test func eventsOnlyCronJobPodNamesTheRunOnceAlternatives() {
    let p = D.pod("cache-warmer-29026450-6tlcb")
    let facts = [D.event(p, "Started", "Started container warmer", container: "warmer", last: -600, line: 4)]
    let e = Explainer.explain(D.eventsOnly(p), facts: facts)
    #expect(e.causes.first?.code.rawValue == "Running.Healthy" && e.causes.first?.confidence.rawValue == "low")
    #expect(e.causes.contains { $0.code.rawValue == "Completed" } && e.causes.contains { $0.code.rawValue == "Failed.AppError" })
  }

  @Test func sandboxRecreatedRestartIsNotACrash() {
    let p = D.pod("api-2")
    let c = D.container("api", state: D.running(since: -50), last: D.terminated("Completed", exit: 0, started: -7200, finished: -60), ready: true, restarts: 1)
    let s = D.state(p, status: "Running", phase: "Running", containers: [c]) { $0.spec.restartPolicy = "Always" }
    let facts = [D.event(p, "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.", last: -62, line: 7)]
    let e = Explainer.explain(s, facts: facts)
    #expect(e.causes.first?.code.rawValue == "Running.Healthy")
    #expect(!e.causes.contains { $0.code.rawValue == "CrashLoop.Completed" })
    #expect(e.causes.contains { $0.code.rawValue == "Unknown" && $0.summary.contains("SandboxChanged") })
  }

  @Test func schedulingGatedIsUnschedulableOther() {
    let p = D.pod("gated-1")
    let s = D.state(p, status: "SchedulingGated", phase: "Pending", node: nil) {
      $0.conditions = [PodCondition(type: "PodScheduled", status: "False", reason: "SchedulingGated", message: "Scheduling is blocked due to non-empty scheduling gates")]
    }
    #expect(Explainer.explain(s, facts: []).causes.first?.code.rawValue == "Unschedulable.Other")
  }

  @Test func gracefulNodeShutdownIsNodeLost() {
    let p = D.pod("web-shut")
    let s = D.state(p, status: "Terminated", phase: "Failed", containers: [D.container("web", state: D.terminated("Error", exit: 143, finished: -30))]) {
      $0.reason = "Terminated"; $0.message = "Pod was terminated in response to imminent node shutdown."
    }
    #expect(Explainer.explain(s, facts: []).causes.first?.code.rawValue == "Node.Lost")
  }

  @Test func podLevelAppArmorRefusalIsSecurityBlocked() {
    let p = D.pod("aa-1")
    let s = D.state(p, status: "Blocked", phase: "Pending", containers: [D.container("app", state: D.waiting("ContainerCreating"))]) {
      $0.reason = "AppArmor"; $0.message = "Cannot enforce AppArmor: profile \"k8s-apparmor-example-deny-write\" is not loaded"
    }
    let top = Explainer.explain(s, facts: []).causes.first
    #expect(top?.code.rawValue == "Security.Blocked")
    #expect(top?.hints.first?.contains("AppArmor") == true)
  }

  @Test func eventsNewerThanThePodAreAGap() {
    var s = Scenarios.appError
    s.state.creationTime = Dump.t(-86_400)
    s.facts = [Dump.event(s.state.object, "BackOff", "Back-off restarting failed container", type: "Warning", container: "app", first: -1800, last: -5, count: 40, line: 3)]
    let e = Explainer.explain(s.state, facts: s.facts)
    #expect(e.gapSentences.contains { $0.hasPrefix("events before 2020-07-03T07:28:09Z are not in the store") })
  }

  @Test func oneRestartHoursAgoIsHistoryWhenReady() {
    let p = D.pod("cache-1")
    let c = D.container("cache", state: D.running(since: -10_000), last: D.terminated("OOMKilled", exit: 137, started: -20_000, finished: -10_001),
                        ready: true, restarts: 1) { $0.limits = ["memory": "1Gi"] }
    let e = Explainer.explain(D.state(p, status: "Running", phase: "Running", containers: [c]), facts: [])
    #expect(e.causes.first?.code.rawValue == "Running.Healthy")
    #expect(e.causes.contains { $0.code.rawValue == "CrashLoop.OOMKilled" })
  }

  @Test func livenessFailuresPastTheThresholdImplyKillsWhenTheKillingEventExpired() {
    let p = D.pod("frontend-vtrsc8mf2v-26cfz", ns: "shop")
    let f = D.event(p, "Unhealthy", "Liveness probe failed: Get \"http://10.10.1.21:3000/api/health\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
                    type: "Warning", container: "frontend", first: -51709, last: -209, count: 201, line: 7)
    let top = Explainer.explain(D.eventsOnly(p), facts: [f]).causes.first
    #expect(top?.code.rawValue == "CrashLoop.LivenessProbe")
    #expect(top?.confidence.rawValue == "medium")
  }
}
