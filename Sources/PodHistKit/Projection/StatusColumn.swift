import Foundation

/// kubectl's STATUS, READY and RESTARTS columns, computed the way the API server's `printPod`
/// computes them (`pkg/printers/internalversion/printers.go`, docs/kubernetes-semantics.md §3).
public struct StatusColumn: Sendable, Equatable {
  /// The STATUS column.
  public var status: String
  /// READY numerator: counted containers whose ready is true.
  public var readyCount: Int
  /// READY denominator: regular containers plus sidecars (restartable init containers).
  public var readyTotal: Int
  /// RESTARTS (a range when the containers' restart counts are ranges).
  public var restarts: ClosedRange<Int>
  /// Whether the pod counts as initializing (RESTARTS then sums the init containers).
  public var initializing: Bool

  /// Runs printPod over a projected pod. `containers` are init/sidecar containers then regular
  /// ones, each in spec order; a container whose state is nil has no status yet and is skipped,
  /// as it would be absent from `status.containerStatuses`.
  public static func compute(phase: Phase?, reason: String?, conditions: [PodCondition],
                             containers: [ContainerStatus], deleting: Bool) -> StatusColumn {
    // 1. reason = status.reason, else the phase.
    // The column as a typed value (KubectlStatus), printed once at the end.
    var status = KubectlStatus((reason?.isEmpty == false ? reason : nil) ?? phase?.text ?? "Pending")
    // 2. SchedulingGated.
    if conditions.contains(where: { $0.knownType == .podScheduled && $0.knownReason == .schedulingGated }) {
      status = .reason(.schedulingGated)
    }
    let inits = containers.filter { $0.kind == .`init` || $0.kind == .sidecar }
    let regular = containers.filter { $0.kind == .regular }
    var ready = 0
    let total = regular.count + inits.filter { $0.kind == .sidecar }.count
    var restartsLo = 0, restartsHi = 0
    var sidecarLo = 0, sidecarHi = 0
    var initializing = false
    // 3. Init containers in spec order.
    for (i, c) in inits.enumerated() {
      guard let st = c.state else { continue }
      restartsLo += c.restarts.lowerBound; restartsHi += c.restarts.upperBound
      if c.kind == .sidecar { sidecarLo += c.restarts.lowerBound; sidecarHi += c.restarts.upperBound }
      if st.kind == .terminated && st.exitCode == 0 { continue }
      if c.kind == .sidecar && (c.started ?? (st.kind == .running)) {
        if c.ready { ready += 1 }
        continue
      }
      switch st.kind {
      case .terminated:
        if let r = st.reason, !r.isEmpty { status = .initContainer(KubectlStatus(r)) }
        else if let s = st.signal, s != 0 { status = .initContainer(.signal(Int(s))) }
        else { status = .initContainer(.exitCode(Int(st.exitCode ?? 0))) }
      case .waiting where st.reason.map({ !$0.isEmpty && StatusReason($0) != .podInitializing }) ?? false:
        status = .initContainer(KubectlStatus(st.reason ?? ""))
      default:
        status = .initProgress(done: i, of: inits.count)
      }
      initializing = true
      break
    }
    let initialized = conditions.contains { $0.knownType == .initialized && $0.isTrue }
    // 4. Regular containers, last to first: the first in spec order with a reason wins.
    if !initializing || initialized {
      restartsLo = sidecarLo; restartsHi = sidecarHi
      var hasRunning = false
      for c in regular.reversed() {
        guard let st = c.state else { continue }
        restartsLo += c.restarts.lowerBound; restartsHi += c.restarts.upperBound
        if st.kind == .waiting, let r = st.reason, !r.isEmpty {
          status = KubectlStatus(r)
        } else if st.kind == .terminated, let r = st.reason, !r.isEmpty {
          status = KubectlStatus(r)
        } else if st.kind == .terminated {
          if let s = st.signal, s != 0 { status = .signal(Int(s)) } else { status = .exitCode(Int(st.exitCode ?? 0)) }
        } else if c.ready && st.kind == .running {
          hasRunning = true
          ready += 1
        }
      }
      // 5. Completed but something still runs.
      if status.reason == .completed && hasRunning {
        status = .reason(conditions.contains { $0.knownType == .ready && $0.isTrue } ? .running : .notReady)
      }
    }
    // 6. Deletion.
    let terminal = phase?.isTerminal ?? false
    if deleting && StatusReason(reason) == .nodeLost {
      status = .reason(.unknown)
    } else if deleting && !terminal {
      status = .reason(.terminating)
    }
    return StatusColumn(status: status.description, readyCount: ready, readyTotal: total,
                        restarts: restartsLo...max(restartsLo, restartsHi), initializing: initializing)
  }
}
