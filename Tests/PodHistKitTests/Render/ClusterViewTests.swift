import Foundation
import Testing
@testable import PodHistKit

/// `why -A`'s summary: counts per cause, namespace and owner, worst first.
@Suite struct ClusterViewTests {
  static func row(_ ns: String, _ name: String, _ code: CauseCode?, _ confidence: Confidence?, owner: String?) -> ClusterView.Row {
    ClusterView.Row(namespace: ns, name: name, status: "CrashLoopBackOff", restarts: 3...3, code: code, container: "app",
                    confidence: confidence, sentence: "s", owner: owner, since: .seconds(90))
  }

  @Test func worstFirstThenMoreHighConfidenceThenByName() {
    let rows = [
      Self.row("shop", "a", .crashLoopLivenessProbe, .low, owner: "Deployment/web"),
      Self.row("shop", "b", .crashLoopLivenessProbe, .medium, owner: "Deployment/web"),
      Self.row("data", "c", .crashLoopOOMKilled, .high, owner: "StatefulSet/db"),
      Self.row("data", "d", .crashLoopOOMKilled, .high, owner: nil),
      Self.row("auth", "e", nil, nil, owner: "Deployment/keycloak"),
    ]
    let s = ClusterView.Summary(rows)
    #expect(s.pods == 5)
    // Two codes with two pods each: the one whose causes are certain first; the pod with none as `none`.
    #expect(s.byCause.map(\.key) == ["CrashLoop.OOMKilled", "CrashLoop.LivenessProbe", "none"])
    #expect(s.byCause.map(\.pods) == [2, 2, 1])
    #expect(s.byNamespace.map(\.key) == ["data", "shop", "auth"])
    // A pod without an owner is counted nowhere under byOwner; of two owners with one pod, the certain one first.
    #expect(s.byOwner.map(\.key) == ["Deployment/web", "StatefulSet/db", "Deployment/keycloak"])
    #expect(s.text(limit: 2).contains("  by owner:     Deployment/web 2, StatefulSet/db 1, and 1 more\n"))
    #expect(s.text().hasPrefix("5 pods need attention in 3 namespaces.\n"))
    #expect(ClusterView.text([], wide: false) == ClusterView.allWell)
    let table = ClusterView.table(rows, wide: true)
    #expect(table.split(separator: "\n")[1].hasSuffix("CrashLoop.LivenessProbe[app]   low          90s     s"), "\(table)")
  }

  /// A pod whose paste named no namespace counts under `<unknown>` in text and tables and under
  /// null in JSON, never under an empty name (schema/namespace-unknown.md).
  @Test func anUnknownNamespaceIsShownSo() {
    let rows = [Self.row(ObjectRef.unknownNamespace, "a", .crashLoopOOMKilled, .high, owner: nil),
                Self.row("shop", "b", .crashLoopOOMKilled, .low, owner: nil)]
    let s = ClusterView.Summary(rows)
    #expect(s.text().contains("  by namespace: <unknown> 1, shop 1\n"), "\(s.text())")
    #expect(s.json.json().contains(#""byNamespace":[{"namespace":null,"pods":1,"high":1},{"namespace":"shop","pods":1,"high":0}]"#), "\(s.json.json())")
    #expect(ClusterView.table(rows, wide: false).split(separator: "\n")[1].hasPrefix("<unknown>   a "))
  }
}
