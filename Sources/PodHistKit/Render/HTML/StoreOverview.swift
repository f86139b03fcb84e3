import Foundation

/// What `why -A -o html` draws: the pods that need attention as table rows, a count per cause
/// code, and small pictures of the first pods; what the caps left out is counted.
public struct StoreOverview: Sendable {
  /// One pod that needs attention.
  public struct Row: Sendable, Equatable {
    /// The pod.
    public var object: ObjectRef
    /// kubectl's STATUS at the instant described.
    public var status: String
    /// RESTARTS then (a range when aggregation hides the count).
    public var restarts: ClosedRange<Int>
    /// The top cause, when one was found.
    public var cause: Cause?
    /// Since when: the earliest instant the top cause's evidence cites, else the pod's first fact.
    public var since: Instant?
    /// The instant described.
    public var at: Instant
    /// How the pod's instants relate to real time.
    public var clock: Clock
  }

  /// A cause code and how many listed pods have it on top (`nil` code: no cause found).
  public struct CauseCount: Sendable, Equatable {
    /// The code, or nil for pods with no cause.
    public var code: CauseCode?
    /// How many pods.
    public var count: Int
  }

  /// The rows shown, in the store's order (namespace, name), at most `rowCap`.
  public var rows: [Row]
  /// Pods needing attention in all (rows shown plus left out).
  public var total: Int
  /// Top causes counted over every pod needing attention, most frequent first.
  public var causeCounts: [CauseCount]
  /// Pictures of the first rows' pods, at most `sectionCap`, in the rows' order.
  public var pictures: [PodPicture]
  /// `--at` when given.
  public var at: Instant?

  /// The most rows the table holds.
  public static let rowCap = 2_000
  /// The most pods drawn with a small timeline.
  public static let sectionCap = 50

  /// The overview of `rows` (every pod needing attention): counts over all, then capped.
  public init(rows all: [Row], pictures: [PodPicture], at: Instant?) {
    total = all.count
    rows = Array(all.prefix(Self.rowCap))
    var counts: [CauseCode?: Int] = [:]
    for r in all { counts[r.cause?.code, default: 0] += 1 }
    causeCounts = counts.map { CauseCount(code: $0.key, count: $0.value) }
      .sorted { ($1.count, $1.code?.rawValue ?? "~") < ($0.count, $0.code?.rawValue ?? "~") }
    self.pictures = Array(pictures.prefix(Self.sectionCap))
    self.at = at
  }

  /// The row of an explanation and its state.
  public static func row(_ e: Explanation, state: PodState) -> Row {
    let top = e.causes.first
    let since = top?.evidence.compactMap(\.time).min() ?? state.firstFactAt
    return Row(object: e.object, status: e.status, restarts: e.restarts ?? state.restarts, cause: top, since: since,
               at: e.at, clock: e.clock ?? state.clock)
  }
}
