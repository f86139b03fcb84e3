import Foundation

/// How often the kubelet writes an Event about a pod while a condition it keeps retrying lasts,
/// and so the longest silence of the pod's kubelet Events that still fits the condition holding.
///
/// The kubelet's recorder (client-go `tools/record/events_cache.go`) lets a burst of 25 Events per
/// source and object through, then one every 5 min; all reasons share the bucket, and a repeat of
/// an Event only moves its lastTimestamp when its write gets through
/// (docs/kubernetes-semantics.md §5.2). While the condition lasts the kubelet tries again at
/// least every `retry` (and writes an Event each time), so some Event of the pod is written at
/// least every 5 min + `retry`; a crash loop adds the run of the container between two crashes.
/// A silence longer than that does not prove the condition ended (the pod may have been deleted,
/// or recovered with its start Events dropped), but it no longer shows it holds.
struct KubeletCadence: Sendable, Equatable {
  /// The longest span with no attempt while the condition lasts (a crash-looping container's run).
  let idle: Duration
  /// The longest wait between two attempts of the kubelet.
  let retry: Duration

  /// The spam filter's refill: one Event per source and object every 5 min (`defaultSpamQPS`).
  static let spamRefill = Duration.seconds(300)
  /// Room for clocks (nodes' against the dump's end) and second-rounded timestamps.
  static let grace = Duration.seconds(60)
  /// A pod whose sync failed is synced again after 10 s plus up to 50% jitter (the pod workers' back-off).
  static let syncRetry = Duration.seconds(15)
  /// The kubelet waits 2m3s for a pod's volumes before its sync fails with `FailedMount`
  /// (`podAttachAndMountTimeout`); the mount operations back off to about 2 min too.
  static let volumeWait = Duration.seconds(123)
  /// The kubelet gives RunPodSandbox twice its 2 min runtime request timeout.
  static let sandboxCall = Duration.seconds(240)
  /// A container that ran 10 min resets its back-off: a crash loop's runs are shorter (§11).
  static let crashLoopRun = Duration.seconds(600)

  /// The longest silence of the pod's kubelet Events that fits the condition going on.
  var longestSilence: Duration { Self.spamRefill + idle + retry + Self.grace }

  /// The cadence of a condition the kubelet keeps retrying, whose newest failure the kubelet
  /// worded `failure`; nil for causes without one (the scheduler's, whose events.k8s.io series
  /// are flushed every 30 min; a deletion; an end), and for a pull, sandbox or container the
  /// runtime or registry did not answer in time (`deadline exceeded`, `timeout`): a runtime that
  /// hangs holds the kubelet's next attempts too, so their silence proves nothing (corpus 266).
  /// `probing` is how long a run of the container lasted before its probe first failed (its
  /// first Start to its first probe failure, `KubeletSilence.probing`): once probed, a container
  /// killed for failing its liveness or startup probe writes `Unhealthy` every period, so only
  /// that span of a run is idle.
  init?(_ code: CauseCode, failure: String?, probing: [FailedProbe: Duration] = [:]) {
    let unanswered = failure.map { m in
      let l = m.lowercased()
      return l.contains("deadline exceeded") || l.contains("timeout") || l.contains("timed out")
    } ?? false
    switch code {
    case .crashLoopLivenessProbe:
      self.init(idle: min(probing[.liveness] ?? Self.crashLoopRun, Self.crashLoopRun), retry: Self.syncRetry)
    case .crashLoopStartupProbe:
      self.init(idle: min(probing[.startup] ?? Self.crashLoopRun, Self.crashLoopRun), retry: Self.syncRetry)
    case .crashLoopOOMKilled, .crashLoopAppError, .crashLoopCompleted, .crashLoopPostStartHook:
      self.init(idle: Self.crashLoopRun, retry: Self.syncRetry)
    case .imagePullFailed, .imageInvalidName, .imageNeverPull, .containerConfigError, .containerCreateFailed:
      if unanswered { return nil }
      self.init(idle: .zero, retry: Self.syncRetry)
    case .sandboxCreateFailed:
      if unanswered { return nil }
      self.init(idle: .zero, retry: Self.sandboxCall + Self.syncRetry)
    case .volumeMountFailed:
      // `timed out waiting for the condition` is the kubelet's own 2m3s wait: it keeps its cadence.
      self.init(idle: .zero, retry: Self.volumeWait + Self.syncRetry)
    default:
      return nil
    }
  }

  init(idle: Duration, retry: Duration) {
    self.idle = idle; self.retry = retry
  }

  /// `c` with its confidence lowered from high to medium when the pod's kubelet `silence`
  /// (`ExplainContext.kubeletSilence`) is longer than the condition's cadence allows; the
  /// sentence and the chain then say when its Events stopped. Other causes unchanged.
  static func judged(_ c: Candidate, _ silence: KubeletSilence, _ ctx: ExplainContext) -> Candidate {
    guard c.cause.confidence == .high, let cadence = KubeletCadence(c.cause.code, failure: silence.lastFailure?.message, probing: silence.probing),
          silence.longest > cadence.longestSilence else { return c }
    var out = c
    out.cause.confidence = .medium
    out.cause.summary += " The pod's kubelet Events stop \(silence.span) before the instant explained; while this lasts the kubelet writes one at least every \(cadence.longestSilence) (its Event spam filter passes one per pod every 5 min), so the dump does not show that it still holds: the pod may have recovered or been deleted since."
    out.cause.chain.append("\(time: silence.last.last) last kubelet Event of the pod (\(silence.last.reason)); none in the \(silence.span) up to \(time: ctx.now)")
    return out
  }
}

/// How long the pod's kubelet has been silent at the instant explained.
struct KubeletSilence {
  /// The pod's newest kubelet Event (or Event naming no source).
  let last: EventFact
  /// From its last occurrence to the instant explained.
  let span: Duration
  /// `span` less what the timestamps may be off by: the silence that is certain.
  let longest: Duration
  /// The pod's newest kubelet Warning: how the kubelet worded the failure last.
  let lastFailure: EventFact?
  /// Per probe, from the pod's first container start to the first failure of that probe after it.
  let probing: [FailedProbe: Duration]
}

extension ExplainContext {
  /// The formats of Events read as objects: `get events -o json|yaml`, a watch.
  static let eventObjectFormats: Set<String> = [InputFormat.eventsJSON.rawValue, InputFormat.eventsYAML.rawValue]

  /// Known from Events alone, how long the pod's kubelet has written nothing at the instant
  /// explained; nil with a status snapshot (it shows the state), with no kubelet Event, and when
  /// the newest one was not read from Event objects (JSON/YAML: a dump or a watch, whose end is
  /// its newest Event). Rows of a printed table or describe are what a person chose to paste
  /// (corpus 313 `| grep Error`, 367 and 512 one row): the rows the kubelet wrote since may be
  /// left out, so their silence proves nothing.
  var kubeletSilence: KubeletSilence? {
    // (No observation of the pod: `hasSnapshot` also counts container states the projection read from Events.)
    guard snapshots.isEmpty, state.lastSnapshotAt == nil, let last = events.last(where: { $0.reading.isFromKubelet }),
          Self.eventObjectFormats.contains(last.fact.provenance.format), comparable(now, last.last) else { return nil }
    let span = now - last.last
    var probing: [FailedProbe: Duration] = [:]
    if let start = events.filter({ $0.kind == .started }).map(\.first).min() {
      for probe in [FailedProbe.liveness, .startup] {
        if let fail = events.filter({ $0.failedProbe == probe && $0.first >= start }).map(\.first).min() { probing[probe] = fail - start }
      }
    }
    return KubeletSilence(last: last, span: span, longest: span - last.fact.uncertainty,
                          lastFailure: events.last { $0.reading.isFromKubelet && $0.record.isWarning }, probing: probing)
  }
}
