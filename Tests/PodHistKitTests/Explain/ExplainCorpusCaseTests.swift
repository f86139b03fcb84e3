import Foundation
import Testing
@testable import PodHistKit

/// Corpus cases not already mirrored in `Scenarios`, built by hand from fixtures/corpus/<case>/input*
/// (the projection is built elsewhere): the top code must be one of expected.json's `cause.codes`.
@Suite struct ExplainCorpusCaseTests {
  typealias D = Dump

  func top(_ state: PodState, _ facts: [Fact]) -> Cause? { Explainer.explain(state, facts: facts).causes.first }

  @Test func c003EventYamlTagNotFound() {
    let p = D.pod("registry-v1-j6noi", ns: "srrs-ci")
    let f = D.event(p, "Failed", "Failed to pull image \"quay.io/ukhomeofficedigital/s3registry:v2.0.0-bob\": image pull failed for quay.io/ukhomeofficedigital/s3registry:v2.0.0-bob, this may be because there are no credentials on this request.  details: (Tag v2.0.0-bob not found in repository quay.io/ukhomeofficedigital/s3registry)",
                    type: "Warning", container: "registry", first: -590, last: 0, count: 61, line: 1)
    let t = top(D.eventsOnly(p), [f])
    #expect(t?.code.rawValue == "Image.PullFailed")
    #expect(t?.summary.contains("does not exist") == true)
  }

  @Test func c005FailedMountTimeout2016() {
    let p = D.pod("spartakus-collector-3999054429-atph7")
    let facts = [
      D.event(p, "FailedMount", "Unable to mount volumes for pod \"spartakus-collector-3999054429-atph7_default(95609653)\": timeout expired waiting for volumes to attach/mount for pod \"spartakus-collector-3999054429-atph7\"/\"default\". list of unattached/unmounted volumes=[bigquery]", type: "Warning", first: -240, last: -120, count: 2, line: 20),
      D.event(p, "FailedSync", "Error syncing pod, skipping: timeout expired waiting for volumes to attach/mount for pod \"spartakus-collector-3999054429-atph7\"/\"default\". list of unattached/unmounted volumes=[bigquery]", type: "Warning", first: -240, last: -120, count: 2, line: 21),
    ]
    let t = top(D.state(p, status: "ContainerCreating", phase: "Pending", containers: [D.container("spartakus", state: D.waiting("ContainerCreating"))]), facts)
    #expect(t?.code.rawValue == "Volume.MountFailed")
    #expect(t?.summary.contains("bigquery") == true)
  }

  @Test func c019EvictedTwoPods() {
    let p = D.pod("ebaogi-report-app-5dbc89ff58-zqsn2", ns: "ebaogi")
    let msg = "The node was low on resource: ephemeral-storage. Container ebaogi-report-app was using 108488Ki, which exceeds its request of 0."
    let s = D.state(p, status: "Evicted", phase: "Failed") { $0.reason = "Evicted"; $0.message = msg }
    let t = top(s, [D.snapshot(p, at: 0, line: 12, phase: "Failed", reason: "Evicted", message: msg, fieldLines: ["message": 24])])
    #expect(t?.code.rawValue == "Evicted.NodePressure")
    #expect(t?.container == "ebaogi-report-app")
    #expect(t?.evidence.first?.line == 24)
  }

  @Test func c025Exit137NoEventsIsHedged() {
    let p = D.pod("myapp-poststart")
    let nginx = D.container("nginx", image: "resouer/myapp:v5", state: D.waiting("CrashLoopBackOff"),
                            last: D.terminated(nil, exit: 137, started: -31, finished: 0), restarts: 1)
    let web = D.container("web", image: "nginx", state: D.running(), ready: true)
    let t = top(D.state(p, status: "CrashLoopBackOff", phase: "Running", containers: [nginx, web]), [])
    #expect(["CrashLoop.PostStartHook", "Unknown"].contains(t?.code.rawValue ?? ""))
    #expect(t?.container == "nginx")
  }

  @Test func failedToFitWithNoReasonIsLow() {
    let p = D.pod("mailer-5f7c9d8b6-q2x4z")
    let f = D.event(p, "FailedScheduling", "pod (mailer-5f7c9d8b6-q2x4z) failed to fit in any node", type: "Warning",
                    first: -3060, last: -2220, count: 50, line: 3, component: "default-scheduler")
    let t = top(D.state(p, status: "Pending", phase: "Pending", node: nil), [f])
    #expect(["Unschedulable.Other", "Unknown"].contains(t?.code.rawValue ?? ""))
    #expect(t?.confidence.rawValue == "low")
  }

  @Test func c038PredicatesInsufficientCpuMemory() {
    let p = D.pod("resource-test-bdfcd9f5-g8jq5")
    let f = D.event(p, "FailedScheduling", "No nodes are available that match all of the predicates: Insufficient cpu (19), Insufficient memory (19), PodToleratesNodeTaints (10).",
                    type: "Warning", first: -130, last: 0, count: 12, line: 17, component: "default-scheduler")
    #expect(top(D.eventsOnly(p), [f])?.code.rawValue == "Unschedulable.InsufficientResources")
  }

  @Test func c040ConditionMessageOnly() {
    let p = D.pod("ticktock1-log-v1-67468fc4cf-7sjhq")
    let s = D.state(p, status: "Pending", phase: "Pending", node: nil) {
      $0.conditions = [PodCondition(type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/1 nodes are available: 1 Insufficient cpu.")]
    }
    let snap = D.snapshot(p, at: 0, line: 9, phase: "Pending", fieldLines: ["conditions": 12])
    let t = top(s, [snap])
    #expect(t?.code.rawValue == "Unschedulable.InsufficientResources")
    #expect(t?.evidence.first?.line == 12)
  }

  @Test func c052ScheduledOnly() {
    let p = D.pod("alertmanager-monit-alertmanager-0", ns: "magellan")
    let f = D.event(p, "Scheduled", "Successfully assigned magellan/alertmanager-monit-alertmanager-0 to ip-172-31-108-34.eu-west-1.compute.internal",
                    last: 0, line: 1, component: "default-scheduler")
    #expect(["Running.Healthy", "Unknown"].contains(top(D.eventsOnly(p), [f])?.code.rawValue ?? ""))
  }

  @Test func c078CorednsNotReadyTaint() {
    let p = D.pod("coredns-5dd5756b68-2zrhr", ns: "kube-system")
    let f = D.event(p, "FailedScheduling", "0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..",
                    type: "Warning", first: -6900, last: -298, count: 23, line: 60, component: "default-scheduler")
    let t = top(D.state(p, status: "Pending", phase: "Pending", node: nil), [f])
    #expect(t?.code.rawValue == "Unschedulable.Taints")
    #expect(t?.hints.contains { $0.contains("CNI") } == true)
  }

  @Test func c045CompletedWithoutRestartPolicyInTheDump() {
    let p = D.pod("single-ee7f20b3bcb047f893481e1999decba9-single-0", ns: "cv")
    let c = D.container("single", state: D.terminated("Completed", exit: 0, started: -300, finished: -3))
    // The fragmentary describe shows no Status line: only the row's STATUS says Completed.
    let s = D.state(p, status: "Completed", phase: nil, containers: [c])
    #expect(top(s, [])?.code.rawValue == "Completed")
  }

  @Test func c031RelativeClockExplainedAtTheNewestFact() {
    // Ages only (relative clock): the projection may explain at the newest fact (the Unhealthy at
    // -65s); the dump itself ends at offset 0, so the single failure is 65 s old and stale.
    let p = D.pod("myapp-5798dd798c-t7dqs")
    func rel(_ f: Fact) -> Fact {
      var f = f
      f.clock = .relative
      let shift = Dump.base.micros
      f.observed = Instant(micros: f.observed.micros - shift)
      if case var .event(r) = f.body {
        r.first = r.first.map { Instant(micros: $0.micros - shift) }; r.last = r.last.map { Instant(micros: $0.micros - shift) }
        f.body = .event(r)
      }
      return f
    }
    let facts = Scenarios.readinessStale.facts.map(rel)
    var s = PodState(object: p, at: Instant(micros: -65_000_000))
    s.exists = true; s.status = "Running"; s.clock = .relative
    let e = Explainer.explain(s, facts: facts)
    #expect(e.causes.first?.code.rawValue == "Running.Healthy")
    #expect(e.clock == .relative)
    #expect(renderExplanationText(e, color: false).contains("-1m5s"))
  }

  @Test func describeNodeSlashIsNotBound() {
    var s = Scenarios.failedToFit2015
    s.state.node = "/"
    #expect(Explainer.explain(s.state, facts: s.facts).causes.first?.code.rawValue == "Unschedulable.InsufficientResources")
  }

  @Test func bareKillWithoutRestartIsNotCalledALivenessKill() {
    let p = D.pod("deleted-2015")
    let f = D.event(p, "killing", "Killing 0b7743acd1a5", type: nil, container: "nginx", last: 0, line: 1)
    #expect(Explainer.explain(D.eventsOnly(p), facts: [f]).causes.first?.code.rawValue != "CrashLoop.LivenessProbe")
  }
}
