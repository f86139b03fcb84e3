import Foundation
import Testing
@testable import PodHistKit

/// A StatefulSet pod recreated under the same name: each life is explained by its own facts.
@Suite("Explain: one incarnation at a time")
struct IncarnationExplainTests {
  private static func at(_ s: String) -> Instant { Instant.parseRFC3339(s) ?? Instant(micros: 0) }

  private static func event(_ uid: String, _ reason: String, _ message: String, type: String = "Normal", first: String, last: String,
                    count: Int, line: Int) -> Fact {
    var r = EventRecord(reason: reason, message: message, type: type, container: "opensearch", containerKind: .regular,
                        fieldPath: "spec.containers{opensearch}", component: "kubelet", first: at(first), last: at(last), count: count)
    r.name = "opensearch-1.\(line)"
    return Fact(object: ObjectRef(namespace: "search", name: "opensearch-1", uid: uid), observed: at(last), body: .event(r),
                provenance: Provenance(source: "events.jsonl", firstLine: line, format: "events-json"))
  }

  /// The first life was killed by its liveness probe; the second exits with code 3 after 20 s.
  @Test func anEarlierLifesLivenessKillsDoNotExplainTheCurrentOne() throws {
    let old = "5f0c1a2e-old", cur = "d2a7230e-new"
    var c = ContainerSnapshot(name: "opensearch", kind: .regular)
    c.image = "opensearchproject/opensearch:2.11.1"
    c.state = ContainerState(kind: .waiting, reason: "CrashLoopBackOff")
    c.lastState = ContainerState(kind: .terminated, reason: "Error", exitCode: 3, startedAt: Self.at("2025-03-11T05:55:02Z"),
                                 finishedAt: Self.at("2025-03-11T05:55:23Z"))
    c.ready = false; c.restartCount = 237
    var snap = PodSnapshot(origin: .object)
    snap.phase = "Running"; snap.containers = [c]; snap.spec.restartPolicy = "Always"
    let facts = [
      Self.event(old, "Started", "Started container opensearch", first: "2025-03-10T07:50:02Z", last: "2025-03-10T08:51:26Z", count: 3, line: 1),
      Self.event(old, "Unhealthy", "Liveness probe failed: Get \"http://10.10.3.13:9200/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
            type: "Warning", first: "2025-03-10T08:20:52Z", last: "2025-03-10T08:50:54Z", count: 6, line: 2),
      Self.event(old, "Killing", "Container opensearch failed liveness probe, will be restarted", first: "2025-03-10T08:21:12Z",
            last: "2025-03-10T08:50:54Z", count: 2, line: 3),
      Self.event(cur, "Started", "Started container opensearch", first: "2025-03-10T09:03:53Z", last: "2025-03-11T03:23:44Z", count: 209, line: 10),
      Self.event(cur, "BackOff", "Back-off restarting failed container opensearch in pod opensearch-1_search(d2a7230e-new)", type: "Warning",
            first: "2025-03-10T09:04:33Z", last: "2025-03-11T05:58:46Z", count: 6782, line: 11),
      Fact(object: ObjectRef(namespace: "search", name: "opensearch-1", uid: cur), observed: Self.at("2025-03-11T05:59:58Z"),
           body: .status(snap), provenance: Provenance(source: "pods.json", firstLine: 147600, format: "pods-json")),
    ]
    let state = project(facts, at: nil)
    #expect(state.object.uid == cur)
    let e = Explainer.explain(state, facts: facts)
    #expect(e.causes.first?.code.rawValue == "CrashLoop.AppError")
    // The first life, asked about at its own time, is explained by its liveness kills.
    let then = project(facts, at: Self.at("2025-03-10T08:55:00Z"))
    #expect(then.object.uid == old)
    #expect(Explainer.explain(then, facts: facts).causes.first?.code.rawValue == "CrashLoop.LivenessProbe")
  }
}
