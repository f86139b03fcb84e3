import Foundation

/// The kubelet's `getPhase` (`pkg/kubelet/kubelet_pods.go`, docs/kubernetes-semantics.md §7) over
/// projected container states.
enum PodPhase {
  /// The phase the kubelet would report for these containers. `hasRun` tells, per container,
  /// whether an earlier run is known (a waiting container with a last state is restarting, not
  /// pending). `terminal` is a newer kubelet's terminal phase during deletion.
  static func compute(containers: [ContainerStatus], restartPolicy: String?, terminal: Bool = false) -> Phase? {
    let policy = RestartPolicy(restartPolicy)
    let known = containers.filter { $0.state != nil }
    if known.isEmpty { return nil }
    var pendingInit = 0, failedInit = 0
    for c in known where c.kind == .`init` {
      guard let st = c.state else { continue }
      if st.kind == .terminated && st.exitCode == 0 { continue }
      let lastFailed = (c.lastState?.exitCode).map { $0 != 0 } ?? false
      if (st.kind == .terminated && (st.exitCode ?? 1) != 0) || (st.kind == .waiting && lastFailed) { failedInit += 1 }
      pendingInit += 1
    }
    for c in known where c.kind == .sidecar {
      if !(c.started ?? (c.state?.kind == .running)) { pendingInit += 1 }
    }
    var running = 0, waiting = 0, stopped = 0, succeeded = 0
    var everStarted = false, everRestarted = false
    for c in known where c.kind == .regular {
      guard let st = c.state else { continue }
      if c.restarts.upperBound > 0 || st.kind == .waiting { everRestarted = true }
      switch st.kind {
      case .running: running += 1; everStarted = true
      case .terminated:
        stopped += 1; everStarted = true
        if st.exitCode == 0 { succeeded += 1 }
      case .waiting:
        if c.lastState?.kind == .terminated || c.restarts.lowerBound > 0 || st.knownReason == .crashLoopBackOff {
          stopped += 1; everStarted = true
        } else {
          waiting += 1
        }
      }
    }
    if failedInit > 0 && policy == .never { return .failed }
    if pendingInit > 0 && !everStarted { return .pending }
    if waiting > 0 { return .pending }
    if running > 0 { return .running }
    if stopped > 0 {
      if terminal { return stopped == succeeded ? .succeeded : .failed }
      // No restartPolicy seen and every container ended without ever restarting: under Always the
      // kubelet would have started them again, so the pod is one that runs to completion.
      if restartPolicy == nil && !everRestarted { return stopped == succeeded ? .succeeded : .failed }
      if policy == .always { return .running }
      if stopped == succeeded { return .succeeded }
      if policy == .never { return .failed }
      return .running
    }
    return .pending
  }
}
