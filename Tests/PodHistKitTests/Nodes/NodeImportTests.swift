import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// Node facts from every dump layout (issue 17): `get nodes` tables of each era, `-o wide`,
/// `--show-labels`, `describe node` in both Allocated-resources layouts, Node objects, node Events.
@Suite struct NodeImportTests {
  /// Imports fixtures into a fresh store and opens it.
  static func service(_ files: [String]) throws -> PodHistService {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-nodes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appending(path: "podhist.db").path
    _ = try PodHistService.importFiles(files.map { fixture($0).path }, intoStoreAt: path)
    return try PodHistService.open(path: path)
  }

  struct Layout: Sendable, CustomTestStringConvertible {
    var file: String, format: String, names: [String], statuses: [String]
    var testDescription: String { file }
  }

  static let layouts: [Layout] = [
    Layout(file: "nodes/get-nodes-1.0-labels-status.txt", format: "nodes-table", names: ["10.240.0.5", "127.0.0.1"], statuses: ["NotReady", "Ready"]),
    Layout(file: "nodes/get-nodes-1.4-status-age.txt", format: "nodes-table",
           names: ["ip-172-20-0-10.us-west-2.compute.internal", "ip-172-20-0-9.us-west-2.compute.internal"], statuses: ["Ready,SchedulingDisabled", "Ready"]),
    Layout(file: "nodes/get-nodes-1.18-roles.txt", format: "nodes-table", names: ["master", "worker1", "worker2"], statuses: ["Ready", "Ready", "NotReady"]),
    Layout(file: "nodes/get-nodes-wide.txt", format: "nodes-table", names: ["kind-control", "kind-worker"], statuses: ["Ready", "Ready"]),
    Layout(file: "nodes/get-nodes-show-labels.txt", format: "nodes-table", names: ["master", "worker1"], statuses: ["Ready", "Ready"]),
    Layout(file: "nodes/describe-nodes.txt", format: "describe-node", names: ["master", "worker1"], statuses: ["Ready", "Ready"]),
    Layout(file: "nodes/describe-nodes-1.9-sum.txt", format: "describe-node", names: ["node-a", "node-b"], statuses: ["Ready", "Ready"]),
    Layout(file: "nodes/node-worker2.yaml", format: "nodes-yaml", names: ["worker2"], statuses: ["Ready"]),
    Layout(file: "nodes/get-nodes.json", format: "nodes-json", names: ["master", "worker1"], statuses: ["Ready", "Ready"]),
    Layout(file: "nodes/describe-node-1.4-legacy-events.txt", format: "describe-node", names: ["nodea0.example.com"], statuses: ["Ready"]),
    Layout(file: "nodes/describe-node-1.3-legacy-events.txt", format: "describe-node", names: ["127.0.0.1"], statuses: ["Ready"]),
    Layout(file: "nodes/describe-node-2015-events.txt", format: "describe-node",
           names: ["kubernetes-minion-agug.c.golden-system-455.internal"], statuses: ["Ready"]),
  ]

  @Test(arguments: layouts) func everyLayoutBecomesNodeFacts(_ l: Layout) throws {
    let service = try Self.service([l.file])
    let nodes = try service.nodes(at: nil)
    #expect(nodes.nodes.map(\.name) == l.names)
    #expect(nodes.nodes.map { $0.snapshot.status ?? "?" } == l.statuses)
    for n in nodes.nodes {
      #expect(n.observations.allSatisfy { $0.provenance.format == l.format && $0.object.kind == "Node" })
    }
    // Nodes are not pods.
    #expect(try service.listPods(namespace: nil, at: nil) { $0.object.name }.isEmpty)
  }

  @Test func tableColumnsOfEachEraAreRead() throws {
    let old = try Self.service(["nodes/get-nodes-1.0-labels-status.txt"]).nodes(at: nil)
    #expect(old.node("127.0.0.1")?.snapshot.labels == ["kubernetes.io/hostname": "127.0.0.1"])
    let cordoned = try Self.service(["nodes/get-nodes-1.4-status-age.txt"]).nodes(at: nil)
    #expect(cordoned.node("ip-172-20-0-10.us-west-2.compute.internal")?.snapshot.unschedulable == true)
    #expect(cordoned.node("ip-172-20-0-9.us-west-2.compute.internal")?.snapshot.age == .seconds(3 * 86400))
    let wide = try Self.service(["nodes/get-nodes-wide.txt"]).nodes(at: nil)
    let w = try #require(wide.node("kind-worker")?.snapshot)
    #expect(w.internalIP == "172.18.0.3" && w.externalIP == nil && w.osImage == "Ubuntu 21.04")
    #expect(w.kernelVersion == "5.10.47-linuxkit" && w.containerRuntime == "containerd://1.5.2" && w.version == "v1.21.1")
    #expect(wide.node("kind-control")?.snapshot.roles == "control-plane,master")
    let labelled = try Self.service(["nodes/get-nodes-show-labels.txt"]).nodes(at: nil)
    #expect(labelled.node("master")?.snapshot.labels?["node-role.kubernetes.io/master"] == "")
    #expect(labelled.node("worker1")?.snapshot.labels?["kubernetes.io/hostname"] == "worker1")
  }

  @Test func describeNodeReadsEverySection() throws {
    let nodes = try Self.service(["nodes/describe-nodes.txt"]).nodes(at: nil)
    let m = try #require(nodes.node("master")?.snapshot)
    #expect(m.taints == [NodeTaint(key: "node-role.kubernetes.io/master", effect: "NoSchedule")])
    #expect(m.labels?["kubernetes.io/hostname"] == "master" && m.labels?.count == 4)
    #expect(m.conditions.map(\.type) == ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"])
    #expect(m.allocatable?["cpu"] == "2" && m.capacity?["memory"] == "3861292Ki")
    #expect(m.allocatedRequests == ["cpu": "250m", "memory": "0", "ephemeral-storage": "0"])
    #expect(m.pods?.map(\.name) == ["etcd-master", "kube-apiserver-master"])
    #expect(m.version == "v1.17.3" && m.internalIP == "192.168.59.139" && m.unschedulable == false)
    #expect(m.creationTime == Instant.parseRFC3339("2020-07-02T14:12:08Z"))
    let w = try #require(nodes.node("worker1"))
    #expect(w.snapshot.taints == [])
    #expect(w.snapshot.allocatedRequests?["cpu"] == "1")
    #expect(w.events.compactMap(\.event).map(\.reason) == ["NodeHasSufficientMemory", "Starting"])
    #expect(w.events.first?.event?.count == 2)
    // The 1.9 layout of Allocated resources: one row under CPU/Memory Requests/Limits.
    let old = try Self.service(["nodes/describe-nodes-1.9-sum.txt"]).nodes(at: nil)
    #expect(old.node("node-a")?.snapshot.allocatedRequests == ["cpu": "1400m", "memory": "0"])
    #expect(old.node("node-b")?.events.compactMap(\.event).map(\.reason) == ["Rebooted"])
  }

  @Test func aNodeObjectCarriesTaintsConditionsAndResources() throws {
    let nodes = try Self.service(["nodes/node-worker2.yaml"]).nodes(at: nil)
    let n = try #require(nodes.node("worker2"))
    #expect(n.snapshot.taints == [NodeTaint(key: "node-role.kubernetes.io/master", effect: "NoSchedule")])
    #expect(n.snapshot.conditions.filter(\.isAdverse).map(\.type) == ["DiskPressure"])
    #expect(n.snapshot.roles == "master" && n.snapshot.allocatable?["cpu"] == "2")
    #expect(n.observations.first?.observed == Instant.parseRFC3339("2020-07-03T07:55:12Z"))
  }

  /// `kubectl get nodes -o json`: a List of Node objects, each a node fact at its newest heartbeat.
  @Test func aNodeListAsJSONCarriesTaintsConditionsAndResources() throws {
    let nodes = try Self.service(["nodes/get-nodes.json"]).nodes(at: nil)
    let master = try #require(nodes.node("master"))
    #expect(master.snapshot.taints == [NodeTaint(key: "node-role.kubernetes.io/master", effect: "NoSchedule")])
    #expect(master.snapshot.roles == "master" && master.snapshot.conditions.filter(\.isAdverse).isEmpty)
    let worker = try #require(nodes.node("worker1"))
    #expect(worker.snapshot.taints?.isEmpty ?? true)
    #expect(worker.snapshot.conditions.filter(\.isAdverse).map(\.type) == ["DiskPressure"])
    #expect(worker.snapshot.allocatable?["cpu"] == "1200m" && worker.snapshot.labels?["kubernetes.io/hostname"] == "worker1")
    #expect(worker.observations.first?.observed == Instant.parseRFC3339("2020-07-03T07:57:51Z"))
  }

  @Test func getNodesPrintsAsKubectlWould() throws {
    let service = try Self.service(["nodes/describe-nodes.txt", "nodes/get-nodes-show-labels.txt"])
    let nodes = try service.nodes(at: nil)
    let table = NodeListRender.table(nodes, at: nil, wide: false)
    let lines = table.split(separator: "\n").map(String.init)
    #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["NAME", "STATUS", "ROLES", "AGE", "VERSION"])
    #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["master", "worker1"])
    let wide = NodeListRender.table(nodes, at: nil, wide: true)
    #expect(wide.contains("192.168.59.140") && wide.contains("CentOS Linux 7 (Core)"))
    let json = NodeListRender.document(nodes, at: nil).json()
    #expect(json.contains("\"kind\":\"NodeList\"") || json.contains("\"kind\": \"NodeList\""))
    #expect(json.contains("node-role.kubernetes.io/master:NoSchedule"))
  }

  @Test func nodeEventsFromAnEventsTableJoinTheNode() throws {
    let service = try Self.service(["nodes/events-node-disk-pressure.txt", "nodes/node-worker2.yaml"])
    let n = try #require(try service.nodes(at: nil).node("worker2"))
    #expect(n.events.compactMap(\.event).map(\.reason).contains("NodeHasDiskPressure"))
  }

  /// The Events of a describe node before kubectl 1.8 (`FirstSeen LastSeen Count From
  /// SubobjectPath Type Reason Message`, and 2015's without Type, with RFC 1123 times) are the
  /// node's Events, at the instants their ages give from the newest heartbeat.
  @Test func legacyDescribeNodeEventsAreNodeEvents() throws {
    let n14 = try #require(try Self.service(["nodes/describe-node-1.4-legacy-events.txt"]).nodes(at: nil).node("nodea0.example.com"))
    let e14 = n14.events.compactMap(\.event)
    #expect(e14.count == 6)
    #expect(Set(e14.map(\.reason)) == ["Starting", "NodeHasSufficientDisk", "NodeHasSufficientMemory", "NodeHasNoDiskPressure", "Rebooted"])
    let rebooted = try #require(e14.first { $0.reason == "Rebooted" })
    #expect(rebooted.type == "Warning" && rebooted.component == "kubelet" && rebooted.host == "nodea0.example.com")
    #expect(rebooted.message == "Node nodea0.example.com has been rebooted, boot id: 97cae03d-c66b-4719-b166-b2aad1ed02d5")
    // Ages count back from the newest LastHeartbeatTime (Thu, 08 Dec 2016 11:34:48 +0800).
    let beat = try #require(Instant.parseRFC3339("2016-12-08T03:34:48Z"))
    let disk = try #require(e14.first { $0.reason == "NodeHasSufficientDisk" })
    #expect(disk.count == 13 && disk.last == beat - .seconds(48 * 60) && disk.first == beat - .seconds(49 * 60))
    #expect(e14.filter { $0.reason == "Starting" }.compactMap(\.component).sorted() == ["kube-proxy", "kubelet"])
    #expect(n14.snapshot.conditions.map(\.type) == ["OutOfDisk", "MemoryPressure", "DiskPressure", "Ready"])

    let n13 = try #require(try Self.service(["nodes/describe-node-1.3-legacy-events.txt"]).nodes(at: nil).node("127.0.0.1"))
    let registered = try #require(n13.events.compactMap(\.event).first { $0.reason == "RegisteredNode" })
    #expect(registered.component == "controllermanager" && registered.host == nil && registered.type == "Normal")
    #expect(registered.message == "Node 127.0.0.1 event: Registered Node 127.0.0.1 in NodeController")
    #expect(n13.events.compactMap(\.event).first { $0.reason == "NodeHasSufficientMemory" }?.count == 7)

    let n15 = try #require(try Self.service(["nodes/describe-node-2015-events.txt"]).nodes(at: nil)
      .node("kubernetes-minion-agug.c.golden-system-455.internal"))
    let starting = try #require(n15.events.first)
    #expect(starting.event?.reason == "starting" && starting.event?.type == nil && starting.event?.message == "Starting kubelet.")
    #expect(starting.clock == .absolute && starting.observed == Instant.parseRFC3339("2015-03-26T22:39:53Z"))
    #expect(starting.event?.component == "kubelet" && starting.event?.host == "kubernetes-minion-agug.c.golden-system-455.internal")
  }

  /// A header row, a rule, or a row the layout cannot read never becomes an Event.
  @Test func legacyEventsTableWithoutRowsHasNoEvents() throws {
    let text = """
      Name:\t\t\tworker9
      Labels:\t\t\tkubernetes.io/hostname=worker9
      Capacity:
       cpu:\t\t2
      Events:
        FirstSeen\tLastSeen\tCount\tFrom\tSubObjectPath\tType\tReason\tMessage
        ---------\t--------\t-----\t----\t-------------\t--------\t------\t-------
      """
    var facts: [Fact] = []
    _ = try TextImporter.run(text: text, options: ImportOptions(format: .auto, sourceName: "n.txt")) { facts.append($0) }
    #expect(facts.map(\.object.kind) == ["Node"])
    #expect(facts.allSatisfy { $0.event == nil })
  }
}
