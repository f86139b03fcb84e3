import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// Golden files in fixtures/why/: `RECORD_GOLDEN=1 swift test --filter ExplanationTextGoldenTests`
/// rewrites them, and that run fails (`expectGolden`).
@Suite struct ExplanationTextGoldenTests {
  static let cases: [Scenario] = [
    Scenarios.liveness, Scenarios.oom, Scenarios.insufficient, Scenarios.mountConfigMap, Scenarios.pullDenied,
    Scenarios.eventsOnlyBackOff, Scenarios.createFailedInit, Scenarios.readinessStale, Scenarios.taintsControlPlane,
    Scenarios.completedUnderAlways, Scenarios.evicted,
  ]

  func check(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try expectGolden(text, "fixtures/why/\(name).txt", sourceLocation: sourceLocation)
  }

  @Test(arguments: cases)
  func golden(_ s: Scenario) throws {
    let text = renderExplanationText(Explainer.explain(s.state, facts: s.facts), color: false)
    #expect(!text.contains("\u{1B}["))
    try check(s.name, text)
  }

  @Test func colourOnlyWhenAsked() throws {
    let s = Scenarios.liveness
    let e = Explainer.explain(s.state, facts: s.facts)
    let coloured = renderExplanationText(e, color: true)
    #expect(coloured.contains("\u{1B}[1m"))
    let stripped = coloured.replacing(/\x{1B}\[[0-9;]*m/, with: "")
    #expect(stripped == renderExplanationText(e, color: false))
  }

  @Test func seedTextHasTheStateLineAndEvidenceLines() {
    let s = Scenarios.liveness
    let text = renderExplanationText(Explainer.explain(s.state, facts: s.facts), color: false)
    #expect(text.hasPrefix("default/springboot-mybatis-deployment-dcd7f8bbf-9wfxl — CrashLoopBackOff (restarts 3) at 2020-07-03T07:58:09Z\n"))
    #expect(text.contains("input.txt:61  2020-07-03T07:57:51Z  Unhealthy (x10) Liveness probe failed"))
    #expect(text.contains("input.txt:57  2020-07-03T07:57:41Z  Killing (x3) Container spingboot-mybatis failed liveness probe"))
    #expect(text.contains("input.txt:27"))
  }
}
