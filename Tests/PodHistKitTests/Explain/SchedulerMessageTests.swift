import Foundation
import Testing
@testable import PodHistKit

@Suite struct SchedulerMessageTests {
  @Test func modernWithPreemptionSuffix() throws {
    let m = try #require(SchedulerMessage.parse("0/3 nodes are available: 1 Insufficient memory, 2 node(s) had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling."))
    #expect(m.totalNodes == 3)
    #expect(m.reasons.count == 2)
    #expect(m.reasons[0].nodes == 1 && m.reasons[0].category == .resources && m.reasons[0].resource == "memory")
    #expect(m.reasons[1].nodes == 2 && m.reasons[1].category == .taints && m.reasons[1].taint == "node-role.kubernetes.io/master")
    #expect(m.preemption?.hasPrefix("0/3 nodes are available: 1 No preemption victims") == true)
    // The two tainted masters are not for the pod; memory blocks it on the one worker.
    #expect(m.dominant == .resources)
  }

  @Test func notReadyTaint128() throws {
    let m = try #require(SchedulerMessage.parse("0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.."))
    #expect(m.reasons.map(\.taint) == ["node.kubernetes.io/not-ready"])
    #expect(m.dominant == .taints)
  }

  @Test func selectorMismatchYieldsToTheReasonOnTheTargetedNodes() throws {
    let m = try #require(SchedulerMessage.parse("0/23 nodes are available: 1 node(s) had taints that the pod didn't tolerate, 22 node(s) didn't match node selector."))
    #expect(m.nodes(in: .nodeSelector) == 22 && m.nodes(in: .taints) == 1)
    #expect(m.dominant == .taints)
    let only = try #require(SchedulerMessage.parse("0/5 nodes are available: 5 node(s) didn't match Pod's node affinity/selector."))
    #expect(only.dominant == .nodeSelector)
  }

  @Test func predicatesEra14() throws {
    let m = try #require(SchedulerMessage.parse("No nodes are available that match all of the following predicates:: Insufficient cpu (1)."))
    #expect(m.reasons == [SchedulerMessage.Reason(text: "Insufficient cpu", nodes: 1, category: .resources, taint: nil, resource: "cpu", node: nil)])
    let m2 = try #require(SchedulerMessage.parse("No nodes are available that match all of the predicates: Insufficient cpu (19), Insufficient memory (19), PodToleratesNodeTaints (10)."))
    #expect(m2.reasons.map(\.nodes) == [19, 19, 10])
    #expect(m2.reasons[2].category == .taints)
    #expect(m2.dominant == .resources)
  }

  @Test func era2015FitFailures() throws {
    let m = try #require(SchedulerMessage.parse("pod (web-legacy-7kq2m) failed to fit in any node\nfit failure on node (10.0.0.1): PodFitsResources\nfit failure on node (10.0.0.2): PodFitsResources\nfit failure on node (10.0.0.3): MatchNodeSelector"))
    #expect(m.reasons.count == 2)
    #expect(m.reasons[0].text == "PodFitsResources" && m.reasons[0].nodes == 2 && m.reasons[0].category == .resources)
    #expect(m.reasons[1].category == .nodeSelector)
    #expect(m.dominant == .resources)
    let bare = try #require(SchedulerMessage.parse("pod (mailer-5f7c9d8b6-q2x4z) failed to fit in any node"))
    #expect(bare.reasons.isEmpty && bare.dominant == .other)
    let reason = try #require(SchedulerMessage.parse("Failed for reason PodFitsResources and possibly others"))
    #expect(reason.dominant == .resources)
  }

  @Test func volumeBindingMessages() throws {
    #expect(SchedulerMessage.parse("pod has unbound PersistentVolumeClaims (repeated 4 times)")?.dominant == .volumeBinding)
    #expect(SchedulerMessage.parse("0/3 nodes are available: 3 pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")?.dominant == .volumeBinding)
    #expect(SchedulerMessage.parse("0/2 nodes are available: 2 node(s) had volume node affinity conflict.")?.dominant == .volumeBinding)
  }

  @Test func otherReasonsAndNonSchedulerText() {
    #expect(SchedulerMessage.parse("0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports.")?.dominant == .other)
    #expect(SchedulerMessage.parse("0/4 nodes are available: 1 node(s) were unschedulable, 3 Too many pods.")?.dominant == .resources)
    #expect(SchedulerMessage.parse("Successfully assigned default/x to n1") == nil)
  }

  @Test func quantities() throws {
    #expect(try #require(Quantity("500m")).value == 0.5)
    #expect(try #require(Quantity("128Mi")).value == 134_217_728)
    #expect(try #require(Quantity("1G")).value == 1e9)
    #expect(try #require(Quantity("2")).value == 2)
    #expect(Quantity("abc") == nil)
    #expect(Quantity.formatCPU(1.5) == "1500m" && Quantity.formatCPU(2) == "2")
    #expect(Quantity.formatBytes(2_147_483_648) == "2Gi" && Quantity.formatBytes(1.5 * 1_073_741_824) == "1.5Gi")
  }
}
