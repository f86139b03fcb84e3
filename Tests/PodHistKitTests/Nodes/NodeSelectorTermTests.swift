import Foundation
import Testing
@testable import PodHistKit

/// Required node affinity as the scheduler matches it (issue 17): each operator, expressions
/// ANDed within a term, terms ORed, matchFields on metadata.name, unknown labels not judged.
@Suite struct NodeSelectorTermTests {
  /// The labels of an EKS worker as `kubectl get nodes --show-labels` prints them.
  static let eksWorker: [String: String] = [
    "kubernetes.io/hostname": "ip-10-0-1-23.ec2.internal", "topology.kubernetes.io/zone": "us-east-1b",
    "node.kubernetes.io/instance-type": "m5.large", "example.com/cores": "8", "node-role.kubernetes.io/worker": "",
  ]

  struct Case: Sendable, CustomTestStringConvertible {
    var requirement: NodeSelectorRequirement, matches: Bool
    var testDescription: String { "\(requirement.description) → \(matches)" }
  }

  static let cases: [Case] = [
    Case(requirement: .init(key: "topology.kubernetes.io/zone", operator: "In", values: ["us-east-1a", "us-east-1b"]), matches: true),
    Case(requirement: .init(key: "topology.kubernetes.io/zone", operator: "In", values: ["us-east-1a"]), matches: false),
    Case(requirement: .init(key: "disktype", operator: "In", values: ["ssd"]), matches: false),
    Case(requirement: .init(key: "node.kubernetes.io/instance-type", operator: "NotIn", values: ["t3.small"]), matches: true),
    Case(requirement: .init(key: "node.kubernetes.io/instance-type", operator: "NotIn", values: ["m5.large"]), matches: false),
    // NotIn and DoesNotExist hold on a node without the label.
    Case(requirement: .init(key: "disktype", operator: "NotIn", values: ["hdd"]), matches: true),
    Case(requirement: .init(key: "disktype", operator: "DoesNotExist"), matches: true),
    Case(requirement: .init(key: "topology.kubernetes.io/zone", operator: "DoesNotExist"), matches: false),
    // An empty label value exists.
    Case(requirement: .init(key: "node-role.kubernetes.io/worker", operator: "Exists"), matches: true),
    Case(requirement: .init(key: "nvidia.com/gpu.present", operator: "Exists"), matches: false),
    Case(requirement: .init(key: "example.com/cores", operator: "Gt", values: ["4"]), matches: true),
    Case(requirement: .init(key: "example.com/cores", operator: "Gt", values: ["8"]), matches: false),
    Case(requirement: .init(key: "example.com/cores", operator: "Lt", values: ["16"]), matches: true),
    // Gt/Lt on a value that is no integer, or on a missing label, match nothing.
    Case(requirement: .init(key: "topology.kubernetes.io/zone", operator: "Gt", values: ["1"]), matches: false),
    Case(requirement: .init(key: "example.com/memory-gb", operator: "Lt", values: ["64"]), matches: false),
    Case(requirement: .init(key: "example.com/cores", operator: "Gt", values: ["4", "5"]), matches: false),
    // An operator the API does not have matches nothing.
    Case(requirement: .init(key: "topology.kubernetes.io/zone", operator: "Equals", values: ["us-east-1b"]), matches: false),
  ]

  @Test(arguments: cases) func eachOperator(_ c: Case) {
    #expect(c.requirement.matches(Self.eksWorker[c.requirement.key]) == c.matches)
  }

  @Test func expressionsAreAndedAndTermsOred() {
    let zone = NodeSelectorRequirement(key: "topology.kubernetes.io/zone", operator: "In", values: ["us-east-1b"])
    let small = NodeSelectorRequirement(key: "node.kubernetes.io/instance-type", operator: "In", values: ["t3.small"])
    let both = NodeSelectorTerm(matchExpressions: [zone, small])
    #expect(both.matches(name: "ip-10-0-1-23.ec2.internal", labels: Self.eksWorker) == false)
    #expect(NodeSelectorTerm.anyMatches([both, NodeSelectorTerm(matchExpressions: [zone])], name: "n", labels: Self.eksWorker) == true)
    #expect(NodeSelectorTerm.anyMatches([both], name: "n", labels: Self.eksWorker) == false)
    // No term: no constraint; an empty term matches no node.
    #expect(NodeSelectorTerm.anyMatches([], name: "n", labels: [:]) == true)
    #expect(NodeSelectorTerm().matches(name: "n", labels: Self.eksWorker) == false)
  }

  @Test func matchFieldsSelectByNodeName() {
    let byName = NodeSelectorTerm(matchFields: [.init(key: "metadata.name", operator: "In", values: ["worker1"])])
    #expect(byName.matches(name: "worker1", labels: nil) == true)
    #expect(byName.matches(name: "worker2", labels: nil) == false)
    let notName = NodeSelectorTerm(matchFields: [.init(key: "metadata.name", operator: "NotIn", values: ["worker1"])])
    #expect(notName.matches(name: "worker2", labels: nil) == true)
    // Only metadata.name is a field the scheduler selects by.
    let other = NodeSelectorTerm(matchFields: [.init(key: "spec.providerID", operator: "In", values: ["aws:///x"])])
    #expect(other.matches(name: "worker1", labels: Self.eksWorker) == false)
  }

  @Test func unknownLabelsAreNotJudged() {
    let zone = NodeSelectorTerm(matchExpressions: [.init(key: "topology.kubernetes.io/zone", operator: "In", values: ["us-east-1a"])])
    #expect(zone.matches(name: "worker1", labels: nil) == nil)
    #expect(NodeSelectorTerm.anyMatches([zone], name: "worker1", labels: nil) == nil)
    #expect(zone.description == "topology.kubernetes.io/zone In [us-east-1a]")
  }
}
