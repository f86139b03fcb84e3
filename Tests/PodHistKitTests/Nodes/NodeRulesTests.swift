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

  /// The affinity hint of the ledger-api pod: in us-east-1a only the t3.small node, which NotIn
  /// excludes; the preferred term is no reason.
  static let zoneHint = "No node matches the pod's required node affinity topology.kubernetes.io/zone In [us-east-1a] and node.kubernetes.io/instance-type NotIn [t3.small, t3.micro] — "
    + "ip-10-0-1-23.ec2.internal has topology.kubernetes.io/zone=us-east-1b, node.kubernetes.io/instance-type=m5.large; "
    + "ip-10-0-2-141.ec2.internal has topology.kubernetes.io/zone=us-east-1c, node.kubernetes.io/instance-type=m5.large; "
    + "ip-10-0-3-77.ec2.internal has topology.kubernetes.io/zone=us-east-1a, node.kubernetes.io/instance-type=t3.small "
    + "(from the node labels in the store; preferred terms never keep a pod off a node)."

  @Test func aRequiredNodeAffinityNoNodeMatchesNamesWhatEachNodeHas() throws {
    let r = try Self.hints(["nodes/get-nodes-zones.txt", "nodes/pending-zone-affinity.yaml"])
    #expect(r.code == .unschedulableNodeSelector)
    #expect(r.hints.contains(Self.zoneHint))
    #expect(!r.hints.contains { $0.contains("eks.amazonaws.com/nodegroup") })
  }

  @Test func theAffinityOfTheOwningDeploymentApplies() throws {
    // describe pod prints no affinity: the Deployment's template declares it.
    let r = try Self.hints(["nodes/get-nodes-zones.txt", "nodes/deployment-zone-affinity.yaml", "nodes/pending-zone-describe.txt"])
    #expect(r.code == .unschedulableNodeSelector)
    #expect(r.hints.contains(Self.zoneHint))
  }

  @Test func anAffinityOneNodeSatisfiesGivesNoAffinityHint() throws {
    // Nodes whose labels satisfy the affinity: a worker in us-east-1a that is no t3.small.
    let nodes = try String(contentsOf: fixture("nodes/get-nodes-zones.txt"), encoding: .utf8)
      .replacingOccurrences(of: "instance-type=t3.small", with: "instance-type=m5.large")
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-affinity-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appending(path: "nodes.txt")
    try nodes.write(to: file, atomically: true, encoding: .utf8)
    let path = dir.appending(path: "podhist.db").path
    _ = try PodHistService.importFiles([file.path, fixture("nodes/pending-zone-affinity.yaml").path], intoStoreAt: path)
    let service = try PodHistService.open(path: path)
    let pod = try #require(try service.pods(namespace: nil).first)
    let e = try #require(try service.explain(pod, at: nil))
    let hints = (e.causes.first?.hints ?? []).map { FindingText.text($0, clock: e.clock ?? .absolute) }
    #expect(!hints.contains { $0.hasPrefix("No node matches the pod's required node affinity") })
  }

  @Test func withoutNodeFactsTheAffinityPodReadsAsBefore() throws {
    let alone = try Self.hints(["nodes/pending-zone-affinity.yaml"])
    #expect(alone.code == .unschedulableNodeSelector)
    #expect(!alone.hints.contains { $0.contains("required node affinity") })
  }

  /// A pod on a node that stopped reporting (1.7, pod status NodeLost): the node as the store
  /// knew it at the pod's instant (Ready Unknown, the NodeNotReady event of its 1.7 describe);
  /// the node's later recovery is cited only when asked about a later instant.
  @Test func aLostNodeIsCitedAsItWasAtThatInstant() throws {
    let service = try NodeImportTests.service(["nodes/lost-pod-worker3.yaml", "nodes/describe-node-worker3-lost-1.7.txt",
                                               "nodes/describe-node-worker3-back-1.7.txt"])
    let pod = try #require(try service.pods(namespace: nil).first)
    func chain(at: Instant?) throws -> (code: CauseCode?, chain: [String]) {
      let e = try #require(try service.explain(pod, at: at))
      return (e.causes.first?.code, (e.causes.first?.chain ?? []).map { FindingText.text($0, clock: e.clock ?? .absolute) })
    }
    let then = try chain(at: nil)
    #expect(then.code == .nodeLost)
    #expect(then.chain.contains { $0.contains("node worker3 as last observed") && $0.contains("Ready Unknown (NodeStatusUnknown)") })
    #expect(then.chain.contains { $0.contains("node worker3 NodeNotReady: Node worker3 status is now: NodeNotReady") })
    #expect(!then.chain.contains { $0.contains("Ready True") || $0.contains("Rebooted") })
    let later = try chain(at: Instant.parseRFC3339("2017-09-12T11:45:00Z"))
    #expect(later.chain.contains { $0.contains("node worker3 as last observed") && $0.contains("Ready True (KubeletReady)") })
    #expect(later.chain.contains { $0.contains("node worker3 Rebooted") })
  }
}
