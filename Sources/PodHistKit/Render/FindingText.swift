import Foundation

/// The words of Projection's and Explain's findings: every uncertainty and gap sentence podhist
/// prints, with instants read by the one formatter (`timeText`).
public enum FindingText {
  /// An uncertainty as a sentence; instants on `clock`, offsets as `now-1m`.
  public static func sentence(_ u: Uncertainty, clock: Clock) -> String {
    let tt = { (i: Instant) in timeText(i, clock: clock) }
    switch u {
    case let .restartsRange(r, at):
      return "RESTARTS between \(r.lowerBound) and \(r.upperBound) at \(tt(at)): the exact count then is not known"
    case .containersUnknown:
      return "the pod's containers are unknown (no snapshot, no container event): READY assumes one"
    case let .podRunningAfterBlock(end):
      return "the mount or sandbox failures stopped at \(tt(end)) and were not written again: the pod is taken to be running (its container events are not in the store)"
    case let .noSnapshotYet(at, later):
      return later ? "no status snapshot at or before \(tt(at)): the state is derived from events and what later snapshots revealed"
        : "no status snapshot at or before \(tt(at)): the state is derived from events only"
    case let .relativeClock(mixed):
      return mixed ? "some facts carry only ages relative to their dump's own now: they cannot be placed against the absolute ones"
        : "instants are relative to the dump's own now (no absolute anchor)"
    case let .incarnations(name, uids, count, uid, at):
      return "\(count) pods named \(name) are known (uids \(uids.joined(separator: ", "))); this is uid \(uid ?? "?"), the one current at \(tt(at))"
    case let .container(name, c):
      return sentence(c, container: name, clock: clock)
    }
  }

  /// A container's uncertainty as a sentence naming the container.
  static func sentence(_ u: ContainerUncertainty, container name: String, clock: Clock) -> String {
    let tt = { (i: Instant) in timeText(i, clock: clock) }
    switch u {
    case let .runsBeyondEvents(at):
      return "\(name): the observation at \(tt(at)) counts more runs than the events before it show: events are missing (event TTL or spam filter)"
    case let .startedMayBeDropped(from):
      return "\(name): the spam filter may have dropped Started events after \(tt(from)); restarts bounded by the back-off (10 s doubling to 300 s)"
    case let .aggregatedSplit(reason, count, first, last, at, n):
      return "\(reason) x\(count) for \(name) between \(tt(first)) and \(tt(last)): how many fall before \(tt(at)) is unknown (\(n.lowerBound)–\(n.upperBound))"
    case let .runningOrWaiting(at, share):
      return "\(name): at \(tt(at)) it was either running or waiting to restart; \(phrase(share)), so running is likelier"
    case let .createdNotStarted(at):
      return "\(name): created at \(tt(at)) with no Started event in the store; it is taken to have started (the kubelet starts a container right after creating it)"
    case let .killEndedRun(trigger):
      return "\(name): the \(trigger.rawValue) kill ended the run; exit code 143 (SIGTERM) is likely, not observed"
    case let .stillRepeating(reason, at):
      return "\(name): \(reason) events were still repeating at \(tt(at)); the state then is the likeliest, not certain"
    case let .probedWithoutStart(reason):
      return "\(name): no Started event is in the store, but its \(reason) events show it running (probes run only on running containers)"
    case .pulledNeverCreated:
      return "\(name): the image was pulled repeatedly but the container never created; CreateContainerConfigError is likeliest (its Failed events are not in the store)"
    case let .ranAfterBlock(reason, seen, end):
      return "\(name): its \(reason) event at \(tt(seen)) shows it ran after the failures stopped at \(tt(end)); no Started event is in the store, so it is taken to have started at the next retry"
    case let .runningAfterQuietBlock(end):
      return "\(name): the failures stopped at \(tt(end)) and were not written again (a failure still going on would be, within 5 min); no Started event is in the store, so it is taken to be running"
    case let .restartsRange(r, at):
      return "\(name): restart count between \(r.lowerBound) and \(r.upperBound) at \(tt(at))"
    }
  }

  /// Why a crash-looping container is likelier running, as a clause.
  static func phrase(_ share: LoopShare) -> String {
    switch share {
    case let .runsAgainstLongestBackOff(run, outlast):
      return "its runs (median \(run)) \(outlast ? "outlast" : "are shorter than") the longest back-off (300 s)"
    case let .runsResetBackOff(run):
      return "its runs (median \(run)) reset the back-off, so restarts are immediate"
    case let .runsAgainstCycle(run, cycle, more):
      return "its runs (median \(run)) take \(more ? "more" : "less") than half of its restart cycle (\(cycle))"
    case let .noBackOff(cycle):
      return "no back-off was ever reported, so restarts are immediate and it runs most of each cycle (\(cycle))"
    case let .cycleAgainstBackOff(cycle, more):
      return "its restart cycle (\(cycle)) is \(more ? "more" : "less") than twice the longest back-off (300 s)"
    }
  }

  /// A gap as a sentence. Projection's gaps read instants as `now-1m`, Explain's as `-1m`.
  public static func sentence(_ g: Gap, clock: Clock) -> String {
    let tt = { (i: Instant) in timeText(i, clock: clock) }
    switch g {
    case .noFacts: return "no fact about this pod is known"
    case let .nothingBefore(first): return "nothing is known about the pod before \(tt(first))"
    case let .noSnapshot(brief): return brief ? "no status snapshot" : "no status snapshot of the pod: its state is derived from events only"
    case let .noScheduledEvent(first): return "events before \(tt(first)) are not in the store (no Scheduled event)"
    case let .eventTTL(lo, hi):
      return "no events between \(tt(lo)) and \(tt(hi)) (\(hi - lo) apart): the API server's 1h event TTL may have dropped them"
    case let .spamFilter(src, n):
      return "\(n) events from \(src) about this pod: past 25 the spam filter (then 1 per 5 min) may have dropped later ones"
    case let .aggregated(reason, count, first, last):
      return "\(aggregatedName(reason, count)) between \(tt(first)) and \(tt(last)): the individual instants are unknown"
    case .eventsOnly:
      return "no status snapshot: container states, exit codes and the spec (probes, ports, limits) are unknown; this rests on events only"
    case .noContainerDetail: return "no container detail: the snapshots do not show container states or exit codes"
    case .noEvents:
      return "no events: probe failures, kills and pull or mount errors are not in the store (events expire after 1 h by default)"
    case let .eventsExpired(oldest):
      return "events before \(timeText(oldest, clock: clock, style: .signed, missing: "?")) are not in the store (the pod is older; the API server keeps events 1 h by default)"
    case .countsAreLowerBounds:
      return "event counts are lower bounds: the kubelet aggregates repeats and its spam filter drops some"
    case let .recording(from, to, cause):
      let what = switch cause {
      case .recorderDown: "no recorder was running"
      case .historyGone: "the watch's history was gone (410 Gone)"
      case .watchFailed: "the watch had failed"
      }
      return "\(what) from \(tt(from)) to \(tt(to)) (\(to - from)): what changed in between is known only by its result"
    }
  }

  /// A narrative of `why` (a chain step, an evidence message, a hint) with its instants read as
  /// the explanation's steps read them: `-28s` on a relative clock, else RFC 3339; `?` unknown.
  public static func text(_ n: Narrative, clock: Clock) -> String {
    var out = ""
    for p in n.parts {
      switch p {
      case let .text(t): out += t
      case let .time(t): out += timeText(t, clock: clock, style: .signed, missing: "?")
      }
    }
    return out
  }

  /// `Started x4`: an aggregated Event's name in the gap lines.
  static func aggregatedName(_ reason: String, _ count: Int) -> String { "\(reason) x\(count)" }

  /// Gaps for the terminal: the per-event "Started x4 between A and B: the individual instants are
  /// unknown" lines become one line naming the aggregated events (JSON keeps them all).
  static func collapsed(_ gaps: [Gap], clock: Clock) -> [String] {
    var aggregated: [String] = []
    var out: [String] = []
    for g in gaps {
      if case let .aggregated(reason, count, _, _) = g {
        let name = aggregatedName(reason, count)
        if !aggregated.contains(name) { aggregated.append(name) }
      } else {
        out.append(sentence(g, clock: clock))
      }
    }
    if !aggregated.isEmpty {
      out.insert("aggregated events (\(aggregated.joined(separator: ", "))): when each occurrence happened is unknown, only the first and last", at: 0)
    }
    return out
  }
}

extension PodState {
  /// The uncertainties as the output words them.
  public var uncertaintySentences: [String] { uncertainties.map { FindingText.sentence($0, clock: clock) } }
  /// The gaps as the output words them.
  public var gapSentences: [String] { gaps.map { FindingText.sentence($0, clock: clock) } }
}

extension Explanation {
  /// The gaps as the output words them.
  public var gapSentences: [String] { gaps.map { FindingText.sentence($0, clock: clock ?? .absolute) } }
}
