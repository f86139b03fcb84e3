import Foundation
import Testing
@testable import PodHistKit

/// A container status for the printPod table.
private func cs(_ name: String, _ state: ContainerState?, ready: Bool = false,
                started: Bool? = nil, restarts: Int = 0, last: ContainerState? = nil) -> ContainerStatus {
  cs(name, .regular, state, ready: ready, started: started, restarts: restarts, last: last)
}
private func cs(_ name: String, _ kind: ContainerKind, _ state: ContainerState?, ready: Bool = false,
                started: Bool? = nil, restarts: Int = 0, last: ContainerState? = nil) -> ContainerStatus {
  var c = ContainerStatus(name: name, kind: kind)
  c.state = state; c.ready = ready; c.started = started; c.restarts = restarts...restarts; c.lastState = last
  return c
}
private let t0 = F.t("2026-03-10T14:00:00Z")
private let run = ContainerState(kind: .running, startedAt: t0)
private func wait(_ r: String) -> ContainerState { ContainerState(kind: .waiting, reason: r) }
private func term(_ r: String?, _ code: Int, signal: Int? = nil) -> ContainerState {
  ContainerState(kind: .terminated, reason: r, exitCode: code, signal: signal, startedAt: t0, finishedAt: t0 + .seconds(5))
}
private let initialized = [PodCondition(type: "Initialized", status: "True"), PodCondition(type: "Ready", status: "True")]
private let notReady = [PodCondition(type: "Initialized", status: "True"), PodCondition(type: "Ready", status: "False")]

/// One printPod case: inputs and the expected columns.
struct StatusCase: CustomTestStringConvertible, Sendable {
  var name: String
  var phase: String?
  var reason: String? = nil
  var conditions: [PodCondition] = []
  var containers: [ContainerStatus]
  var deleting = false
  var status: String
  var ready: String
  var restarts: Int
  var testDescription: String { name }
}

@Suite("Projection: printPod STATUS / READY / RESTARTS")
struct StatusColumnTests {
  static let cases: [StatusCase] = [
    StatusCase(name: "running and ready", phase: "Running", conditions: initialized,
               containers: [cs("app", run, ready: true)], status: "Running", ready: "1/1", restarts: 0),
    StatusCase(name: "running, not ready", phase: "Running", conditions: notReady,
               containers: [cs("app", run)], status: "Running", ready: "0/1", restarts: 0),
    StatusCase(name: "pod reason wins over phase", phase: "Failed", reason: "Evicted",
               containers: [], status: "Evicted", ready: "0/0", restarts: 0),
    StatusCase(name: "scheduling gated", phase: "Pending",
               conditions: [PodCondition(type: "PodScheduled", status: "False", reason: "SchedulingGated")],
               containers: [], status: "SchedulingGated", ready: "0/0", restarts: 0),
    StatusCase(name: "no container statuses", phase: "Pending", containers: [cs("app", nil)],
               status: "Pending", ready: "0/1", restarts: 0),
    StatusCase(name: "second init container running", phase: "Pending",
               containers: [cs("a", .`init`, term("Completed", 0)), cs("b", .`init`, run), cs("app", wait("PodInitializing"))],
               status: "Init:1/2", ready: "0/1", restarts: 0),
    StatusCase(name: "init waiting PodInitializing", phase: "Pending",
               containers: [cs("a", .`init`, wait("PodInitializing")), cs("app", wait("PodInitializing"))],
               status: "Init:0/1", ready: "0/1", restarts: 0),
    StatusCase(name: "init failed", phase: "Pending",
               containers: [cs("a", .`init`, term("Error", 1), restarts: 2), cs("app", wait("PodInitializing"))],
               status: "Init:Error", ready: "0/1", restarts: 2),
    StatusCase(name: "init failed without reason", phase: "Pending",
               containers: [cs("a", .`init`, term(nil, 2)), cs("app", wait("PodInitializing"))],
               status: "Init:ExitCode:2", ready: "0/1", restarts: 0),
    StatusCase(name: "init killed by signal", phase: "Pending",
               containers: [cs("a", .`init`, term(nil, 137, signal: 9)), cs("app", wait("PodInitializing"))],
               status: "Init:Signal:9", ready: "0/1", restarts: 0),
    StatusCase(name: "init crash loop", phase: "Pending",
               containers: [cs("a", .`init`, wait("CrashLoopBackOff"), restarts: 3, last: term("Error", 1)),
                            cs("app", wait("PodInitializing"))],
               status: "Init:CrashLoopBackOff", ready: "0/1", restarts: 3),
    StatusCase(name: "init image pull", phase: "Pending",
               containers: [cs("a", .`init`, wait("ImagePullBackOff")), cs("app", wait("PodInitializing"))],
               status: "Init:ImagePullBackOff", ready: "0/1", restarts: 0),
    StatusCase(name: "started sidecar is skipped", phase: "Pending",
               containers: [cs("proxy", .sidecar, run, ready: true, started: true), cs("migrate", .`init`, run),
                            cs("app", wait("PodInitializing"))],
               status: "Init:1/2", ready: "1/2", restarts: 0),
    StatusCase(name: "sidecar not started blocks", phase: "Pending",
               containers: [cs("proxy", .sidecar, run, started: false), cs("app", wait("PodInitializing"))],
               status: "Init:0/1", ready: "0/2", restarts: 0),
    StatusCase(name: "sidecar counted in READY and RESTARTS", phase: "Running", conditions: initialized,
               containers: [cs("proxy", .sidecar, run, ready: true, started: true, restarts: 1),
                            cs("app", run, ready: true, restarts: 2)],
               status: "Running", ready: "2/2", restarts: 3),
    StatusCase(name: "container creating", phase: "Pending",
               containers: [cs("app", wait("ContainerCreating"))], status: "ContainerCreating", ready: "0/1", restarts: 0),
    StatusCase(name: "pod initializing after init", phase: "Pending", conditions: initialized,
               containers: [cs("a", .`init`, term("Completed", 0)), cs("app", wait("PodInitializing"))],
               status: "PodInitializing", ready: "0/1", restarts: 0),
    StatusCase(name: "crash loop", phase: "Running", conditions: notReady,
               containers: [cs("app", wait("CrashLoopBackOff"), restarts: 4, last: term("Error", 143))],
               status: "CrashLoopBackOff", ready: "0/1", restarts: 4),
    StatusCase(name: "first container in spec order wins", phase: "Running", conditions: notReady,
               containers: [cs("a", wait("CrashLoopBackOff"), restarts: 1), cs("b", wait("ErrImagePull"))],
               status: "CrashLoopBackOff", ready: "0/2", restarts: 1),
    StatusCase(name: "running first, failing second", phase: "Pending", conditions: notReady,
               containers: [cs("a", run, ready: true), cs("b", wait("ImagePullBackOff"))],
               status: "ImagePullBackOff", ready: "1/2", restarts: 0),
    StatusCase(name: "config error", phase: "Pending",
               containers: [cs("app", wait("CreateContainerConfigError"))], status: "CreateContainerConfigError", ready: "0/1", restarts: 0),
    StatusCase(name: "oom killed", phase: "Running", conditions: notReady,
               containers: [cs("app", term("OOMKilled", 137), restarts: 1)], status: "OOMKilled", ready: "0/1", restarts: 1),
    StatusCase(name: "error", phase: "Failed",
               containers: [cs("app", term("Error", 1))], status: "Error", ready: "0/1", restarts: 0),
    StatusCase(name: "exit code without reason", phase: "Failed",
               containers: [cs("app", term(nil, 3))], status: "ExitCode:3", ready: "0/1", restarts: 0),
    StatusCase(name: "signal without reason", phase: "Failed",
               containers: [cs("app", term(nil, 137, signal: 9))], status: "Signal:9", ready: "0/1", restarts: 0),
    StatusCase(name: "succeeded", phase: "Succeeded",
               containers: [cs("app", term("Completed", 0))], status: "Completed", ready: "0/1", restarts: 0),
    StatusCase(name: "completed but another runs, ready", phase: "Running", conditions: initialized,
               containers: [cs("a", term("Completed", 0)), cs("b", run, ready: true)], status: "Running", ready: "1/2", restarts: 0),
    StatusCase(name: "completed but another runs, not ready", phase: "Running", conditions: notReady,
               containers: [cs("a", term("Completed", 0)), cs("b", run, ready: true)], status: "NotReady", ready: "1/2", restarts: 0),
    StatusCase(name: "terminating", phase: "Running", conditions: initialized,
               containers: [cs("app", run, ready: true)], deleting: true, status: "Terminating", ready: "1/1", restarts: 0),
    StatusCase(name: "node lost", phase: "Running", reason: "NodeLost",
               containers: [cs("app", run, ready: true)], deleting: true, status: "Unknown", ready: "1/1", restarts: 0),
    StatusCase(name: "terminal phase is not Terminating", phase: "Succeeded",
               containers: [cs("app", term("Completed", 0))], deleting: true, status: "Completed", ready: "0/1", restarts: 0),
    StatusCase(name: "evicted then deleted stays Evicted", phase: "Failed", reason: "Evicted",
               containers: [cs("app", term("Error", 137))], deleting: true, status: "Error", ready: "0/1", restarts: 0),
  ]

  @Test(arguments: cases)
  func printPodColumns(_ c: StatusCase) {
    let col = StatusColumn.compute(phase: c.phase.map(Phase.init), reason: c.reason, conditions: c.conditions, containers: c.containers,
                                   deleting: c.deleting)
    #expect(col.status == c.status)
    #expect("\(col.readyCount)/\(col.readyTotal)" == c.ready)
    #expect(col.restarts == c.restarts...c.restarts)
  }

  @Test func restartsAreRangesWhenCountsAre() {
    var a = cs("a", run, ready: true)
    a.restarts = 2...4
    let col = StatusColumn.compute(phase: .running, reason: nil, conditions: initialized,
                                   containers: [a, cs("b", run, ready: true, restarts: 1)], deleting: false)
    #expect(col.restarts == 3...5)
  }
}

/// One getPhase case.
struct PhaseCase: CustomTestStringConvertible, Sendable {
  var name: String
  var policy: String?
  var containers: [ContainerStatus]
  var terminal = false
  var phase: String?
  var testDescription: String { name }
}

@Suite("Projection: pod phase (getPhase)")
struct PodPhaseTests {
  static let cases: [PhaseCase] = [
    PhaseCase(name: "failed init under Never", policy: "Never",
              containers: [cs("i", .`init`, term("Error", 1)), cs("app", wait("PodInitializing"))], phase: "Failed"),
    PhaseCase(name: "failed init under Always", policy: "Always",
              containers: [cs("i", .`init`, wait("CrashLoopBackOff"), last: term("Error", 1)), cs("app", wait("PodInitializing"))],
              phase: "Pending"),
    PhaseCase(name: "init running", policy: nil,
              containers: [cs("i", .`init`, run), cs("app", wait("PodInitializing"))], phase: "Pending"),
    PhaseCase(name: "waiting, never ran", policy: nil, containers: [cs("app", wait("ContainerCreating"))], phase: "Pending"),
    PhaseCase(name: "image pull on one of two", policy: nil,
              containers: [cs("a", run, ready: true), cs("b", wait("ImagePullBackOff"))], phase: "Pending"),
    PhaseCase(name: "running", policy: nil, containers: [cs("app", run, ready: true)], phase: "Running"),
    PhaseCase(name: "crash loop is Running under Always", policy: "Always",
              containers: [cs("app", wait("CrashLoopBackOff"), restarts: 3, last: term("Error", 1))], phase: "Running"),
    PhaseCase(name: "terminated under Always is Running", policy: "Always",
              containers: [cs("app", term("Error", 1))], phase: "Running"),
    PhaseCase(name: "all exit 0 under OnFailure", policy: "OnFailure",
              containers: [cs("app", term("Completed", 0))], phase: "Succeeded"),
    PhaseCase(name: "all exit 0 under Never", policy: "Never",
              containers: [cs("a", term("Completed", 0)), cs("b", term("Completed", 0))], phase: "Succeeded"),
    PhaseCase(name: "exit non-zero under Never", policy: "Never",
              containers: [cs("a", term("Completed", 0)), cs("b", term("Error", 2))], phase: "Failed"),
    PhaseCase(name: "exit non-zero under OnFailure", policy: "OnFailure",
              containers: [cs("app", term("Error", 2))], phase: "Running"),
    PhaseCase(name: "terminal during deletion", policy: "Always",
              containers: [cs("app", term("Error", 143))], terminal: true, phase: "Failed"),
    PhaseCase(name: "terminal during deletion, clean exit", policy: "Always",
              containers: [cs("app", term("Completed", 0))], terminal: true, phase: "Succeeded"),
    PhaseCase(name: "no statuses", policy: nil, containers: [cs("app", nil)], phase: nil),
  ]

  @Test(arguments: cases)
  func phase(_ c: PhaseCase) {
    #expect(PodPhase.compute(containers: c.containers, restartPolicy: c.policy, terminal: c.terminal) == c.phase.map(Phase.init))
  }
}
