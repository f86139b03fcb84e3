import Foundation

/// A pod's history laid out as values for a picture: the axis, one lane per container with its
/// state spans and terminations, the Event rows with their marks, the cursor, and the findings
/// the page lists beneath. Built by `PodPicture.build`; written by `PodPictureSVG` and `PodPage`.
/// No sentence is parsed to make it: states, exit codes, categories and counts are read from the
/// projection's and the explanation's values.
public struct PodPicture: Sendable, Equatable {
  /// The pod drawn.
  public var object: ObjectRef
  /// The node it was bound to at `at`.
  public var node: String?
  /// kubectl's STATUS at `at`.
  public var status: String
  /// RESTARTS at `at` (a range when aggregation hides the count).
  public var restarts: ClosedRange<Int>
  /// The instant the header describes: `--at`, or when the newest dump was taken.
  public var at: Instant
  /// `--at` when given: a cursor is drawn there.
  public var cursor: Instant?
  /// How the instants relate to real time.
  public var clock: Clock
  /// The most likely cause at `at`, when the explanation found one.
  public var topCause: Cause?
  /// The time axis.
  public var axis: TimeAxis
  /// kubectl's STATUS over time (the pod's own lane, above the containers').
  public var statusSpans: [StatusSpan]
  /// Init and sidecar containers, then regular ones, each in spec order.
  public var lanes: [ContainerLane]
  /// One row per kind of Event present, in `MarkCategory` order.
  public var eventRows: [EventRow]
  /// Gaps of the history (the explanation's when there is one, else the projection's).
  public var gaps: [Gap]
  /// What the projection at `at` is unsure of.
  public var uncertainties: [Uncertainty]
  /// Event facts drawn (each aggregated record once).
  public var eventRecords: Int
  /// The Event records one by one (not gathered), in time order, at most `PodPage.listCap`: the list under the picture.
  public var listedEvents: [EventMark]
  /// The status observations (describe, `-o json`, get-pods rows): where the state was seen, not inferred.
  public var observations: [Observation]
}

/// A status snapshot's instant and source: where a container's state was seen.
public struct Observation: Sendable, Equatable {
  /// When the snapshot was taken.
  public var at: Instant
  /// Where it was read.
  public var source: Provenance
}

/// A stretch of time in which kubectl's STATUS of the pod did not change.
public struct StatusSpan: Sendable, Equatable {
  /// Where the stretch starts.
  public var from: Instant
  /// Where it ends.
  public var to: Instant
  /// STATUS as `get pods` prints it (`Pending`, `Running`, `CrashLoopBackOff`, `Init:0/1`...).
  public var status: String
  /// The status's reading for colour: healthy, pending, failing, done.
  public var tone: StatusTone
  /// Whether it is not observed: a later snapshot tells another STATUS or restart count, and
  /// the change happened somewhere in this stretch (hatched).
  public var uncertain: Bool
}

/// How a STATUS reads at a glance, from the projection's typed status reason.
public enum StatusTone: String, Sendable, Hashable {
  /// Running (or Completed for a job's pod).
  case ok
  /// Pending, ContainerCreating, Init:N/M, PodInitializing: on the way.
  case pending
  /// CrashLoopBackOff, Error, OOMKilled, ImagePullBackOff, Evicted...: something is wrong.
  case failing
  /// Completed or gone.
  case done
}

/// One container's lane.
public struct ContainerLane: Sendable, Equatable {
  /// The container's name.
  public var name: String
  /// Init, sidecar or regular.
  public var kind: ContainerKind
  /// The container's states over time, in order, not overlapping.
  public var spans: [StateSpan]
  /// Each known termination (run end), in time order; those whose instant is unknown are counted in `unplaced`.
  public var terminations: [TerminationMark]
  /// Terminations known only from a count with no window to place them in.
  public var unplaced: Int
  /// RESTARTS of this container at the picture's instant (a range when aggregation hides it).
  public var restarts: ClosedRange<Int>
}

/// A container's state during a span, as the projection tells it.
public enum LaneState: Sendable, Hashable {
  /// Nothing observed tells the state.
  case unknown
  /// Waiting, with the kubelet's reason (CrashLoopBackOff, ImagePullBackOff, ContainerCreating...).
  case waiting(reason: String?)
  /// Running.
  case running
  /// Terminated (and not restarted, or not yet), with its reason and exit code.
  case terminated(reason: String?, exitCode: Int?)
}

/// A stretch of time in which a container's projected state did not change.
public struct StateSpan: Sendable, Equatable {
  /// Where the stretch starts.
  public var from: Instant
  /// Where it ends (after `from`).
  public var to: Instant
  /// The state.
  public var state: LaneState
  /// Whether the projection is unsure of it there (between observations, or inferred): hatched.
  public var uncertain: Bool
}

/// A run's end on a container's lane.
public struct TerminationMark: Sendable, Equatable {
  /// When the run ended; with `approximate`, a place within the window the count allows.
  public var at: Instant
  /// The 1-based run number when known.
  public var run: Int?
  /// The exit code a snapshot showed.
  public var exitCode: Int?
  /// The exit code a kill leaves (143 after SIGTERM) when none was observed; shown as likely.
  public var likelyExit: Int?
  /// The terminated reason (Error, OOMKilled, Completed) when shown.
  public var reason: String?
  /// What ended the run.
  public var killedBy: KilledBy
  /// Whether the instant is not observed: the run is known only from a count of events
  /// spanning `window`, and the mark is placed evenly within it.
  public var approximate: Bool
  /// The window the count spans, for approximate marks.
  public var window: ClosedRange<Instant>?
  /// When the run started, when known.
  public var startedAt: Instant?
  /// Where it was seen.
  public var source: Provenance?
  /// Whether the top cause cites it.
  public var isEvidence: Bool
}

/// What kind of Event a mark is: decides its row, its shape and its colour.
public enum MarkCategory: String, Sendable, CaseIterable, Comparable {
  /// Scheduled, FailedScheduling, Preempted, admission refusals: a square.
  case scheduling
  /// Pulling, Pulled, pull failures and back-offs: a diamond.
  case pull
  /// Created, Started: a circle.
  case start
  /// Liveness, readiness and startup probe failures: a triangle.
  case probe
  /// Killing, eviction, deadline: a cross.
  case kill
  /// Back-off restarting a failed container: a bar.
  case backoff
  /// Mount, sandbox, create and hook failures, node trouble: a hexagon.
  case trouble
  /// Anything else: a ring.
  case other

  /// In declaration order.
  public static func < (a: MarkCategory, b: MarkCategory) -> Bool {
    allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
  }

  /// The row's label.
  public var label: String {
    switch self {
    case .scheduling: "scheduling"
    case .pull: "image pulls"
    case .start: "create/start"
    case .probe: "probe failures"
    case .kill: "kills"
    case .backoff: "back-off"
    case .trouble: "failures"
    case .other: "other events"
    }
  }
}

/// The Event marks of one category.
public struct EventRow: Sendable, Equatable {
  /// The category.
  public var category: MarkCategory
  /// The marks, in time order, not overlapping on the axis.
  public var marks: [EventMark]
}

/// One mark in an Event row: an Event at its instant, an aggregated Event as a span from first
/// to last seen, or Events too close to tell apart on the axis, gathered into one.
public struct EventMark: Sendable, Equatable {
  /// The first occurrence.
  public var from: Instant
  /// The last occurrence (equal to `from` for a single one).
  public var to: Instant
  /// Occurrences (the Events' counts summed: a lower bound).
  public var count: Int
  /// Event records gathered (1 unless dense).
  public var records: Int
  /// The reasons, in order of first appearance.
  public var reasons: [String]
  /// The first record's message.
  public var message: String
  /// The container the first record names.
  public var container: String?
  /// Warning or Normal, of the first record.
  public var type: String?
  /// Where the first record was read.
  public var source: Provenance
  /// How far its instants may be off.
  public var uncertainty: Duration
  /// Whether the top cause cites one of its records.
  public var isEvidence: Bool

  /// Whether it is drawn as a span (first to last seen) rather than at an instant.
  public var isSpan: Bool { to > from }
}
