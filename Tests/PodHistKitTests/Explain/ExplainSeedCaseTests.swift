import Foundation
import Testing
@testable import PodHistKit

@Suite struct ExplainSeedCaseTests {
  @Test func describeTimeIsLivenessProbe() throws {
    let (state, facts) = Dump.seed(final: false)
    let e = Explainer.explain(state, facts: facts)
    let top = try #require(e.causes.first)
    #expect(top.code.rawValue == "CrashLoop.LivenessProbe")
    #expect(top.container == "spingboot-mybatis")
    #expect(top.containerKind == .regular)
    #expect(top.confidence.rawValue == "high")
    let unhealthy = try #require(top.evidence.first { $0.reason == "Unhealthy" })
    #expect(unhealthy.count == 10 && unhealthy.line == 61 && unhealthy.source == "input.txt")
    let killing = try #require(top.evidence.first { $0.reason == "Killing" })
    #expect(killing.count == 3 && killing.line == 57)
    let last = try #require(top.evidence.first { $0.reason == "Last State" })
    #expect(last.line == 27 && last.message.contains("exit 143"))
    #expect(top.hints.contains { $0.contains("18082") && $0.contains("8300") })
    // The probe's budget (5 + 3×5 = 20 s) matches the 20 s run.
    #expect(top.hints.contains { $0.contains("15–20s") && $0.contains("matches") })
  }

  @Test func runningAndReadyButRestartingIsExplainedByTheRestarts() throws {
    let (state, facts) = Dump.seed(final: true)
    #expect(state.isRunningAndReady)
    let e = Explainer.explain(state, facts: facts)
    let top = try #require(e.causes.first)
    #expect(top.code.rawValue == "CrashLoop.LivenessProbe")
    #expect(top.container == "spingboot-mybatis")
    #expect(e.causes.contains { $0.code.rawValue == "Running.Healthy" })
    #expect(e.restarts == 4...4)
  }

  @Test func eventsOnlyStillFindsTheLivenessKill() throws {
    let (_, facts) = Dump.seed(final: false)
    let events = facts.filter { $0.event != nil }
    let e = Explainer.explain(Dump.eventsOnly(facts[0].object), facts: events)
    let top = try #require(e.causes.first)
    #expect(top.code.rawValue == "CrashLoop.LivenessProbe")
    #expect(top.container == "spingboot-mybatis")
    #expect(e.gapSentences.contains { $0.contains("no status snapshot") })
    // Without the spec the port cannot be compared with a declared one, but the refusal is named.
    #expect(top.hints.contains { $0.contains("18082") })
  }

  @Test func finalRowWithoutContainerDetailStillUsesTheDescribe() throws {
    // A projection at the get pods row may carry no container detail: the rules fall back to
    // what the describe snapshot showed (spec, last termination).
    var (state, facts) = Dump.seed(final: true)
    state.containers = []
    let e = Explainer.explain(state, facts: facts)
    let top = try #require(e.causes.first)
    #expect(top.code.rawValue == "CrashLoop.LivenessProbe")
    #expect(top.evidence.contains { $0.reason == "Last State" && $0.line == 27 })
    #expect(top.hints.contains { $0.contains("18082") && $0.contains("8300") })
  }
}
