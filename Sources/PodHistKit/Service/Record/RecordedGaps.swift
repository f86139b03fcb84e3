import Foundation

/// The holes in a store's recordings (`RecordingGap` facts) that an explanation mentions: those
/// of a recording whose scope holds the pod and that overlap the pod's trouble, from the first
/// evidence of its top cause (else its first observation) to the instant explained. Gaps of the
/// pods and events watches that overlap are told as one.
struct RecordedGaps: Sendable {
  let gaps: [RecordingGap]

  /// The recording gaps of `store`, every scope.
  init(store: Store) throws {
    gaps = try store.objects(kind: RecordingGap.objectKind, namespace: nil)
      .flatMap { try store.facts(of: $0) }.compactMap(\.recordingGap)
  }

  /// `e` with the gaps that overlap its pod's trouble added (none on a relative clock: a
  /// recording's instants are real ones).
  func adding(to e: Explanation, facts: [Fact]) -> Explanation {
    guard !gaps.isEmpty, (e.clock ?? .absolute) == .absolute else { return e }
    let evidence = e.causes.first?.evidence.compactMap(\.time) ?? []
    let start = evidence.min() ?? facts.first(where: \.isPodObservation)?.observed ?? e.at
    var merged: [RecordingGap] = []
    for g in gaps.sorted(by: { ($0.from, $0.to) < ($1.from, $1.to) })
    where g.covers(namespace: e.object.namespace) && g.overlaps(from: start, to: e.at) {
      if let last = merged.last, last.cause == g.cause, g.from <= last.to {
        merged[merged.count - 1].to = max(last.to, g.to)
      } else {
        merged.append(g)
      }
    }
    var out = e
    out.gaps += merged.map { Gap.recording(from: $0.from, to: $0.to, cause: $0.cause) }
    return out
  }
}
