import Foundation
import Testing
@testable import PodHistKit

@Suite struct CauseTableTests {
  @Test(arguments: Scenarios.all)
  func topCause(_ s: Scenario) throws {
    let e = Explainer.explain(s.state, facts: s.facts)
    let top = try #require(e.causes.first)
    #expect(top.code.rawValue == s.code, "\(s.name): got \(e.causes.map { "\($0.code.rawValue)/\($0.container ?? "-")" })")
    if let c = s.container { #expect(top.container == c, "\(s.name)") }
    if let k = s.kind { #expect(top.containerKind == k, "\(s.name)") }
    if let conf = s.confidence { #expect(top.confidence.rawValue == conf, "\(s.name)") }
    if let frag = s.evidence {
      #expect(top.evidence.contains { $0.message.contains(frag) || $0.reason.contains(frag) }, "\(s.name): evidence \(top.evidence.map(\.message))")
    }
    if let frag = s.hint {
      #expect(top.hints.contains { $0.contains(frag) } || top.summary.contains(frag), "\(s.name): hints \(top.hints) summary \(top.summary)")
    }
    // Every evidence line cites a source and a line.
    for ev in top.evidence { #expect(!ev.source.isEmpty && ev.line > 0, "\(s.name)") }
  }

  @Test func everyCodeInTheCatalogueIsCovered() {
    let codes: Set<String> = [
      "Unschedulable.InsufficientResources", "Unschedulable.NodeSelector", "Unschedulable.Taints", "Unschedulable.VolumeBinding",
      "Unschedulable.Other", "Sandbox.CreateFailed", "Volume.MountFailed", "Image.PullFailed", "Image.InvalidName", "Image.NeverPull",
      "Container.ConfigError", "Container.CreateFailed", "CrashLoop.LivenessProbe", "CrashLoop.StartupProbe", "CrashLoop.OOMKilled",
      "CrashLoop.AppError", "CrashLoop.Completed", "CrashLoop.PostStartHook", "Failed.AppError", "Failed.OOMKilled",
      "NotReady.ReadinessProbe", "Evicted.NodePressure", "Node.Lost", "Preempted", "Security.Blocked", "Terminating.Stuck",
      "Failed.DeadlineExceeded", "Completed", "Running.Healthy", "Unknown",
    ]
    let covered = Set(Scenarios.all.map(\.code))
    #expect(codes.subtracting(covered).isEmpty, "missing: \(codes.subtracting(covered).sorted())")
  }

  @Test func hedgedSigkillNamesTheAlternatives() throws {
    let s = Scenarios.sigkillNoMemory
    let e = Explainer.explain(s.state, facts: s.facts)
    #expect(e.causes.first?.confidence.rawValue == "low")
    #expect(e.causes.contains { $0.code.rawValue == "CrashLoop.OOMKilled" })
  }

  @Test func eventsOnlyCrashLoopSaysWhatWouldSettleIt() throws {
    let s = Scenarios.eventsOnlyBackOff
    let e = Explainer.explain(s.state, facts: s.facts)
    let top = try #require(e.causes.first)
    #expect(top.summary.contains("kubectl get pod -o yaml"))
    #expect(e.causes.contains { $0.code.rawValue == "CrashLoop.OOMKilled" && $0.confidence.rawValue == "low" })
    #expect(e.gapSentences.contains { $0.contains("no status snapshot") })
  }

  @Test func staleReadinessIsNotReportedWhenThePodIsReady() throws {
    var s = Scenarios.readiness
    s.state.containers[0].ready = true
    s.state.readyCount = 1
    let e = Explainer.explain(s.state, facts: s.facts)
    #expect(e.causes.first?.code.rawValue == "Running.Healthy")
  }

  @Test func clearedSchedulingIsHistory() throws {
    let s = Scenarios.insufficient
    var facts = s.facts
    facts.append(Dump.event(s.state.object, "Scheduled", "Successfully assigned default/x to n1", last: 0, line: 41, component: "default-scheduler"))
    var st = s.state
    st.at = Dump.t(5)
    let e = Explainer.explain(st, facts: facts)
    #expect(e.causes.first?.code.rawValue != "Unschedulable.InsufficientResources")
  }
}
