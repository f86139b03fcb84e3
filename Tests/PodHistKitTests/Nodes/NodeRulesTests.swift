import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// The Pending, Evicted and Node.Lost rules with node facts (issue 17): the nodes and the numbers
/// where the node facts support them, and no change at all without node facts.
@Suite struct NodeRulesTests {
  /// The hints of the top cause of the only pod in the store, read as text.
  static func hints(_ files: [String]) throws -> (code: CauseCode?, hints: [String], chain: [String]) {
    let service = try NodeImportTests.service(files)
    let pod = try #require(try service.pods(namespace: nil).first)
    let e = try #require(try service.explain(pod, at: nil))
    let top = e.causes.first
    let words = { (n: Narrative) in FindingText.text(n, clock: e.clock ?? .absolute) }
    return (top?.code, (top?.hints ?? []).map(words), (top?.chain ?? []).map(words))
  }

  @Test func fitNamesEachNodeWithItsNumbers() throws {
    let r = try Self.hints(["nodes/describe-nodes.txt", "nodes/pending-half-cpu.txt"])
    #expect(r.code == .unschedulableInsufficientResources)
    #expect(r.hints.contains("worker1: 1.2 CPU allocatable, 1 requested, the pod asks 0.5 — it does not fit."))
    #expect(r.hints.contains("master: 2 CPU allocatable, 0.25 requested, the pod asks 0.5 — room enough, but its taints or labels keep the pod off."))
    #expect(r.hints.contains("master carries node-role.kubernetes.io/master:NoSchedule, the pod tolerates nothing."))
    // The master's room does not count towards the sum: the taint keeps the pod off it.
    #expect(!r.hints.contains { $0.hasPrefix("No single node") })
  }

  @Test func noSingleNodeFitsAlthoughTheClusterHasRoomInSum() throws {
    let r = try Self.hints(["nodes/describe-nodes-1.9-sum.txt", "nodes/pending-one-cpu.txt"])
    #expect(r.hints.contains("node-a: 2 CPU allocatable, 1.4 requested, the pod asks 1 — it does not fit."))
    #expect(r.hints.contains("node-b: 2 CPU allocatable, 1.3 requested, the pod asks 1 — it does not fit."))
    #expect(r.hints.contains { $0.hasPrefix("No single node has 1 CPU free, although node-a, node-b have 1.3 CPU free in sum") })
  }

  @Test func aSelectorNoNodeMatchesNamesWhatEachNodeHas() throws {
    let r = try Self.hints(["nodes/get-nodes-show-labels.txt", "nodes/pending-ssd.txt"])
    #expect(r.code == .unschedulableNodeSelector)
    #expect(r.hints.contains("No node has disktype=ssd — master has no disktype label; worker1 has no disktype label (from the node labels in the store)."))
  }

  @Test func aTaintThePodDoesNotTolerateNamesTheNode() throws {
    let r = try Self.hints(["nodes/node-worker2.yaml", "nodes/pending-taint.txt"])
    #expect(r.code == .unschedulableTaints)
    #expect(r.hints.contains("worker2 carries node-role.kubernetes.io/master:NoSchedule, the pod tolerates nothing."))
  }

  @Test(arguments: ["nodes/pending-half-cpu.txt", "nodes/pending-one-cpu.txt", "nodes/pending-ssd.txt", "nodes/pending-taint.txt"])
  func withoutNodeFactsTheRulesWorkAsBefore(_ pending: String) throws {
    let alone = try Self.hints([pending])
    // The same pod with nodes that say nothing about it (no resources, labels or taints known).
    let withBareNodes = try Self.hints(["nodes/get-nodes-1.4-status-age.txt", pending])
    #expect(alone.code == withBareNodes.code)
    #expect(alone.hints == withBareNodes.hints.filter { !$0.hasPrefix("Cordoned") })
    #expect(!alone.hints.contains { $0.contains("allocatable") || $0.contains(" carries ") })
  }

  @Test func anEvictionCitesTheNodesConditionsAndEvents() throws {
    let r = try Self.hints(["nodes/node-worker2.yaml", "nodes/events-node-disk-pressure.txt", "nodes/evicted-on-worker2.yaml"])
    #expect(r.code == .evictedNodePressure)
    #expect(r.chain.contains { $0.contains("node worker2 as last observed") && $0.contains("DiskPressure True (KubeletHasDiskPressure)") })
    #expect(r.chain.contains { $0.contains("node worker2 NodeHasDiskPressure") })
  }
}
