import Foundation

/// Probe failures seen in events when nothing else is: no status snapshot and no kill.
///
/// The kubelet writes one Unhealthy event per failed attempt (docs/kubernetes-semantics.md §10). A liveness or
/// startup probe that fails `failureThreshold` times in a row (3 by default) gets the container
/// killed and restarted; a readiness probe only keeps the pod out of its Services. Pastes often
/// keep only the Unhealthy rows (the Killing row was cut, or starved by the kubelet's spam
/// filter), so the failures alone point at the probe, with a confidence that says how much of
/// the chain is missing.
enum ProbeFailureRules {
  static func candidates(_ ctx: ExplainContext) -> [Candidate] {
    guard ctx.snapshots.isEmpty, ctx.state.lastSnapshotAt == nil else { return [] }
    // Errored probes (they could not run) are no failures: `failedProbe` leaves them out.
    let unhealthy = ctx.events.filter { $0.failedProbe != nil }
    guard !unhealthy.isEmpty else { return [] }
    let kills = ctx.events.filter { $0.kind == .killing }
    var out: [Candidate] = []
    for kind in [FailedProbe.startup, .liveness, .readiness] {
      let failures = unhealthy.filter { $0.failedProbe == kind }
      guard let last = failures.last else { continue }
      let total = ctx.total(failures)
      let containers = Set(failures.compactMap { $0.container })
      let container = containers.count == 1 ? containers.first : nil
      let kindName = kind.rawValue
      // Kills after these failures are the crash-loop rules' evidence, not ours.
      if kind != .readiness, kills.contains(where: { $0.reading.killedForFailing(kind) }) { continue }
      let evidence = failures.suffix(3).map { ctx.evidence($0) }
      let chain: [Narrative] = ["\(time: failures.first?.first) – \(time: last.last) \(kindName) probe failed ×\(total): \(last.message.prefix(120))"]
      switch kind {
      case .liveness, .startup:
        let reached = total >= 3
        out.append(Candidate(cause: Cause(
          code: kind == .liveness ? .crashLoopLivenessProbe : .crashLoopStartupProbe,
          container: container, containerKind: container.map { _ in failures.last?.containerKind ?? .regular },
          confidence: reached ? .medium : .low,
          summary: "The \(kindName) probe of \(container.map { "container \($0)" } ?? "the pod's container") fails (\(total) failure\(total == 1 ? "" : "s") seen)"
            + (reached ? ": at the failure threshold (3 by default) the kubelet kills and restarts the container; the kill is not in the paste."
                       : "; the kubelet kills the container once the failures reach the probe's failureThreshold."),
          chain: chain + ["the kubelet kills the container and restarts it (not shown)"],
          evidence: evidence,
          hints: ["Check what the probe targets (path, port, command) against what the container serves, and its timeouts: `kubectl describe pod` prints the probe."]),
          score: reached ? 60 : 30))
      case .readiness:
        // Failures only in the first minute after a start, none in the last 30 s: the app was
        // still starting (initialDelaySeconds too short) and later probes passed — a recovered
        // probe writes no event, so the stale Unhealthy is all that is left (docs/kubernetes-semantics.md §10).
        if let started = ctx.events.last(where: { $0.kind == .started && $0.last <= (failures.first?.first ?? last.first) }),
           ctx.comparable(started.last, last.last), (last.last - started.last).seconds <= 60,
           ctx.comparable(ctx.now, last.last), (ctx.now - last.last).seconds > 30 {
          continue
        }
        out.append(Candidate(cause: Cause(
          code: .notReadyReadinessProbe, container: container,
          containerKind: container.map { _ in failures.last?.containerKind ?? .regular },
          confidence: .low,
          summary: "The readiness probe of \(container.map { "container \($0)" } ?? "the pod's container") fails (\(total) failure\(total == 1 ? "" : "s") seen), so the pod is not Ready and gets no Service traffic; no snapshot shows whether it recovered.",
          chain: chain, evidence: evidence,
          hints: ["`kubectl get pod` shows whether the pod became Ready; the probe's target (path, port) must be served once the app is up."]),
          score: 25))
      }
    }
    return out
  }
}
