import Foundation
import Testing
@testable import PodHistKit

/// The rules for what a paste alone shows: a printed STATUS, probe failures without a kill,
/// refusals at admission, a waiting message without its reason (2015 tables).
@Suite struct PasteOnlyRulesTests {
  /// The top cause `why` gives for the pod of a pasted text.
  func top(_ text: String, pod: String? = nil) throws -> Cause? {
    let facts = try importText(text).facts.sorted { $0.observed < $1.observed }
    let name = pod ?? facts.first?.object.name ?? ""
    let mine = facts.filter { $0.object.name == name }
    let state = project(mine, at: try #require(mine.last?.observed))
    return Explainer.explain(state, facts: mine).causes.first
  }

  @Test(arguments: [
    ("web-0   0/1   ImagePullBackOff   0   3m", CauseCode.imagePullFailed),
    ("web-0   0/1   CreateContainerConfigError   0   3m", .containerConfigError),
    ("web-0   0/1   InvalidImageName   0   3m", .imageInvalidName),
    ("web-0   1/1   Unknown   1   60m", .nodeLost),
    ("web-0   0/1   OOMKilled   3   9m", .crashLoopOOMKilled),
    ("web-0   0/1   RunContainerError   0   9m", .containerCreateFailed),
  ])
  func aStatusColumnAlone(_ row: String, _ code: CauseCode) throws {
    let c = try #require(try top(row))
    #expect(c.code == code)
    #expect(c.confidence != .high)  // the column names the family, not the detail
  }

  @Test func livenessFailuresAtTheThresholdWithoutTheKill() throws {
    let rows = (1...3).map { "Warning  Unhealthy  \($0 * 10)s  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 500" }
    let c = try #require(try top(rows.joined(separator: "\n")))
    #expect(c.code == .crashLoopLivenessProbe)
    #expect(c.confidence == .medium)
  }

  @Test func anErroredProbeKillsNothing() throws {
    let rows = (1...3).map { "Warning  Unhealthy  \($0 * 10)s  kubelet  Liveness probe errored: rpc error: code = Unknown desc = failed to exec in container" }
    #expect(try top(rows.joined(separator: "\n"))?.code != .crashLoopLivenessProbe)
  }

  @Test func aPodSecurityRefusal() throws {
    let c = try #require(try top("create Pod web-0 in StatefulSet web failed error: pods \"web-0\" is forbidden: violates PodSecurity \"restricted:latest\": runAsNonRoot != true"))
    #expect(c.code == .securityBlocked)
  }

  @Test func aKillTheRuntimeCannotFinish() throws {
    let c = try #require(try top("error killing pod: failed to \"KillPodSandbox\" for \"a1b2\" with KillPodSandboxError: \"rpc error: code = Unknown\""))
    #expect(c.code == .terminatingStuck)
  }

  @Test func a2015WaitingMessageWithoutItsReason() throws {
    let text = """
    POD       IP          CONTAINER(S)   IMAGE(S)    HOST                  LABELS    STATUS    CREATED     MESSAGE
    foo       10.0.0.53                              127.0.0.1/127.0.0.1   <none>    Pending   3 seconds
                          bar1           fooimage1                                   Waiting               Error: image library/fooimage1:latest not found
    """
    #expect(try top(text, pod: "foo")?.code == .imagePullFailed)
  }
}
