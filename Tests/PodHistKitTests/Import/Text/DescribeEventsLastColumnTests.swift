import Foundation
import Testing
@testable import PodHistKit

/// describe Events printed by a 2017 prototype kubectl: a `Last` column instead of `Age`, counts
/// as `(x3 from 1h)` and `(x2 starting 1h)`.
@Suite struct DescribeEventsLastColumnTests {
  @Test func lastColumnAndItsAggregatedAges() throws {
    let text = """
    Events:
      Type     Reason          Last                 From                 Message
      ----     ------          ----                 ----                 -------
      Normal   Started         1h                   kubelet, node-a      Started container with id fbf1fac19585
      Normal   SandboxChanged  1h (x2 starting 1h)  kubelet, node-a      Pod sandbox changed, it will be killed and re-created.
      Warning  BackOff         1h (x3 from 2h)  kubelet, node-a      Back-off restarting failed container
      Warning  FailedSync      1h (x3 from 1h)  kubelet, node-a      Error syncing pod, skipping: failed to "StartContainer" for "registry" with CrashLoopBackOff: "Back-off 10s restarting failed container=registry pod=docker-registry-1-df7qm_default(68ee35ca-548e-11e7-8b4d-080027893417)"
    """
    #expect(DescribeEventParser.headerLayout("  Type     Reason          Last                 From                 Message") == .modern)
    let r = try importText(text)
    #expect(r.report.warnings.isEmpty)
    #expect(r.events.map(\.reason) == ["Started", "SandboxChanged", "BackOff", "FailedSync"])
    let backoff = try #require(r.eventFact("BackOff"))
    #expect(backoff.event?.count == 3)
    #expect(backoff.event?.first == Instant(micros: 0) - .seconds(7200))
    #expect(backoff.event?.last == Instant(micros: 0) - .seconds(3600))
    #expect(r.event("SandboxChanged")?.count == 2)
    // The pod's name comes from the FailedSync message.
    #expect(backoff.object == ObjectRef(namespace: "default", name: "docker-registry-1-df7qm"))
  }
}
