import Foundation

/// Something a projected state cannot know for certain, with the facts that make it so.
/// Render words it; no layer reads its words back.
public enum Uncertainty: Sendable, Hashable, Codable {
  /// RESTARTS lies in `range` at `at`: aggregated events hide the exact count.
  case restartsRange(ClosedRange<Int>, at: Instant)
  /// No snapshot and no container event name a container: READY assumes one.
  case containersUnknown
  /// The pod-level mount or sandbox failures stopped at `blockEnded` long ago: the pod is taken
  /// to be running although none of its container events are in the store.
  case podRunningAfterBlock(blockEnded: Instant)
  /// No status snapshot at or before `at`; `laterSnapshots` when later ones exist.
  case noSnapshotYet(at: Instant, laterSnapshots: Bool)
  /// The instants are offsets from the dump's own now; `mixed` when other facts are absolute.
  case relativeClock(mixed: Bool)
  /// Several pods of one name (uids `uids`) are known; this state is uid `uid`, current at `at`.
  case incarnations(name: String, uids: [String], count: Int, uid: String?, at: Instant)
  /// One container's uncertainty.
  case container(String, ContainerUncertainty)
}

/// What is uncertain about one container's projected state.
public enum ContainerUncertainty: Sendable, Hashable, Codable {
  /// The observation at `observedAt` counts more runs than the events before it show.
  case runsBeyondEvents(observedAt: Instant)
  /// Started events after `after` may have been dropped (spam filter): restarts are bounded by
  /// the kubelet's back-off.
  case startedMayBeDropped(after: Instant)
  /// An aggregated Event (`reason` x`count` between `first` and `last`): how many of its
  /// `occurrences` fall before `at` is unknown.
  case aggregatedSplit(reason: String, count: Int, first: Instant, last: Instant, at: Instant, occurrences: ClosedRange<Int>)
  /// A crash loop going on at `at`: running or waiting to restart; `share` says why running is likelier.
  case runningOrWaiting(at: Instant, share: LoopShare)
  /// Created at `at` with no Started event in the store: taken to have started.
  case createdNotStarted(at: Instant)
  /// A kill (by `trigger`) ended the run; exit 143 is likely but not observed.
  case killEndedRun(trigger: KillTrigger)
  /// `reason` events were still repeating at `at`: the state is the likeliest, not certain.
  case stillRepeating(reason: String, at: Instant)
  /// No Started event, but probe failures (`reason`) show the container running.
  case probedWithoutStart(reason: String)
  /// Pulled repeatedly but never created: CreateContainerConfigError is likeliest.
  case pulledNeverCreated
  /// Its `reason` event at `seenAt` shows it ran after the pod's failures stopped at `blockEnded`.
  case ranAfterBlock(reason: String, seenAt: Instant, blockEnded: Instant)
  /// The pod's failures stopped at `blockEnded` and were not written again: taken to be running.
  case runningAfterQuietBlock(blockEnded: Instant)
  /// The restart count lies in `range` at `at`.
  case restartsRange(ClosedRange<Int>, at: Instant)
}

/// What ended a run, as far as a Killing event tells.
public enum KillTrigger: String, Sendable, Hashable, Codable {
  /// A failing liveness probe (the Killing event says so).
  case liveness
  /// A failing startup probe.
  case startup
  /// Another kill: a postStart hook, or a Killing event giving no reason.
  case kill
}

/// Why a container in a crash loop is likelier running than waiting (or not) at an instant.
public enum LoopShare: Sendable, Hashable, Codable {
  /// Its runs (`median`) outlast (or not) the longest back-off (300 s).
  case runsAgainstLongestBackOff(median: Duration, outlast: Bool)
  /// Its runs (`median`) reset the back-off: restarts are immediate.
  case runsResetBackOff(median: Duration)
  /// Its runs (`median`) take more (or less) than half of the restart `cycle`.
  case runsAgainstCycle(median: Duration, cycle: Duration, more: Bool)
  /// No back-off was ever reported: restarts are immediate.
  case noBackOff(cycle: Duration)
  /// The restart `cycle` is more (or less) than twice the longest back-off.
  case cycleAgainstBackOff(cycle: Duration, more: Bool)
}

/// Where a pod's history has a hole, with the instants and counts that bound it. Render words it.
public enum Gap: Sendable, Hashable, Codable {
  /// No fact about the pod is known.
  case noFacts
  /// Nothing is known about the pod before `first`.
  case nothingBefore(Instant)
  /// No status snapshot of the pod at all: the state comes from events only. `brief` words it
  /// without the consequence (a state made by hand, as the explain tests make one).
  case noSnapshot(brief: Bool = false)
  /// Events before `first` are not in the store (no Scheduled event).
  case noScheduledEvent(before: Instant)
  /// Snapshots at `from` and `to`, more than 1 h apart, with no event between them.
  case eventTTL(from: Instant, to: Instant)
  /// `count` events from `source` about the pod: past 25 the spam filter may have dropped some.
  case spamFilter(source: String, count: Int)
  /// An aggregated Event: `reason` x`count` between `first` and `last`.
  case aggregated(reason: String, count: Int, first: Instant, last: Instant)
  /// Explain: no status snapshot at the instant; the explanation rests on events only.
  case eventsOnly
  /// Explain: the snapshots show no container states or exit codes.
  case noContainerDetail
  /// Explain: a snapshot but no events.
  case noEvents
  /// Explain: the oldest event (`before`) is over an hour younger than the pod.
  case eventsExpired(before: Instant)
  /// Explain: aggregated counts are lower bounds.
  case countsAreLowerBounds
  /// A recording of the pod's namespace has a hole from `from` to `to` (`RecordingGap`): what
  /// changed in between is known only by its result.
  case recording(from: Instant, to: Instant, cause: RecordingGap.Trouble)
}

/// Within this distance of the epoch an instant of a relative-clock pod is an offset from its
/// dump's own now (before 2001; no Kubernetes dump has absolute times that early).
private let dumpOffsetSpan: Int64 = 978_307_200_000_000

extension Instant {
  /// Whether, on a relative clock, this instant is an offset from the dump's own now rather than
  /// an absolute time printed in the same dump (describe's Started/Finished).
  public var isDumpOffset: Bool { micros < dumpOffsetSpan }
}
