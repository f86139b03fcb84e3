import Foundation

extension PodQuery {
  /// Whether `why` with no POD lists this pod (cli.md): not Running-and-Ready and not
  /// Completed, or restarted in the hour before the instant described.
  public static func needsExplaining(_ state: PodState, history: [Termination]) -> Bool {
    guard state.exists else { return false }
    // A Succeeded pod prints Completed; so can an evicted (Failed) one whose containers exited 0.
    if state.status == "Completed" && state.phase != "Failed" && state.reason == nil { return false }
    if !state.isRunningAndReady { return true }
    let hourAgo = state.at - .seconds(3600)
    if history.contains(where: { ($0.finishedAt ?? $0.startedAt).map { $0 >= hourAgo && $0 <= state.at } ?? false }) {
      return true
    }
    return state.restarts.upperBound > 0 && history.contains { $0.finishedAt == nil }
  }
}
