import Foundation

/// What one Event reason/message means to the projection (docs/kubernetes-semantics.md §6), as
/// `EventReading` reads it.
enum EventMeaning: Equatable, Sendable {
  case started, created, pulling, pulled
  case killedLiveness, killedStartup, killedPostStart, killedStopping, killedOther
  case backOffRestart, backOffPull
  /// `Failed` "Failed to pull image" / "Error: ErrImagePull".
  case pullFailed
  /// `Failed` "Error: ImagePullBackOff".
  case pullBackOff
  /// `InspectFailed`: InvalidImageName.
  case invalidImage
  case neverPull
  /// `Failed` "Error: <anything else>": a config or create error.
  case createError(String)
  case unhealthyLiveness, unhealthyReadiness, unhealthyStartup
  case failedMount, failedSandbox, sandboxChanged
  case scheduled(node: String?)
  case failedScheduling
  case evicted, preempted, nodeNotReady, deadlineExceeded, taintEviction
  case postStartHookFailed
  case admissionRejected
  case other

  /// A failure the kubelet retries and writes again within minutes while it lasts (a restart or
  /// pull back-off, a pull, mount, sandbox, config or create error).
  var isRetryFailure: Bool {
    switch self {
    case .backOffRestart, .backOffPull, .pullFailed, .pullBackOff, .createError, .failedMount, .failedSandbox: true
    default: false
    }
  }

  /// Whether the Event is about one container (rather than the pod).
  var isContainerScoped: Bool {
    switch self {
    case .started, .created, .pulling, .pulled, .killedLiveness, .killedStartup, .killedPostStart, .killedStopping,
         .killedOther, .backOffRestart, .backOffPull, .pullFailed, .pullBackOff, .invalidImage, .neverPull,
         .createError, .unhealthyLiveness, .unhealthyReadiness, .unhealthyStartup, .postStartHookFailed:
      return true
    default: return false
    }
  }

  /// Whether the Event ends a container run (the kill precedes the exit by at most the grace period).
  var endsRun: Bool {
    switch self {
    case .killedLiveness, .killedStartup, .killedPostStart, .killedOther: return true
    default: return false
    }
  }
}

/// One failed step of an old kubelet's `FailedSync` message:
/// `Error syncing pod, skipping: failed to "StartContainer" for "db" with CrashLoopBackOff: "Back-off 40s ..."`.
/// A message listing several (`[failed to ..., failed to ...]`) gives the first.
struct FailedSyncStep: Equatable {
  /// The step (`StartContainer`, `KillPodSandbox`, `SyncPod`...), as the message quotes it.
  var action: String
  var target: String
  var reason: String
  var detail: String

  init?(_ message: String) {
    guard let f = message.range(of: "failed to \"") else { return nil }
    let rest = message[f.upperBound...]
    guard let q = rest.firstIndex(of: "\"") else { return nil }
    action = String(rest[..<q])
    let afterAction = rest[rest.index(after: q)...]
    guard afterAction.hasPrefix(" for \"") else { return nil }
    let t = afterAction.dropFirst(6)
    guard let q2 = t.firstIndex(of: "\"") else { return nil }
    target = String(t[..<q2])
    let tail = t[t.index(after: q2)...]
    guard tail.hasPrefix(" with ") else { return nil }
    let r = tail.dropFirst(6)
    let colon = r.firstIndex(of: ":") ?? r.endIndex
    reason = String(r[..<colon]).trimmingCharacters(in: .whitespaces)
    var d = colon < r.endIndex ? String(r[r.index(after: colon)...]).trimmingCharacters(in: .whitespaces) : ""
    if let end = d.range(of: "\", failed to \"") { d = String(d[..<end.lowerBound]) + "\"" }
    if d.hasPrefix("\""), d.hasSuffix("\""), d.count >= 2 { d = String(d.dropFirst().dropLast()) }
    detail = d
    guard !action.isEmpty, !reason.isEmpty, !reason.contains(" ") else { return nil }
  }

  /// Whether the step that failed is starting a container (the only one the projection reads).
  var startsContainer: Bool { action == "StartContainer" }
}

/// An unbounded count: occurrences the spam filter may have dropped.
let openCount = 1_000_000

/// One Event object with every observation of it: the same aggregate seen several times with a
/// growing count is one series, never counted twice.
struct EventSeries: Sendable {
  /// One observation: `count` occurrences had happened by `last`, and still `count` when the
  /// dump was taken at `seen`.
  struct Point: Sendable { var count: Int; var last: Instant; var seen: Instant }

  var record: EventRecord
  /// What the first record read means to the projection (`EventReading.meaning(of:)`).
  var meaning: EventMeaning
  var container: String?
  var first: Instant
  var last: Instant
  var count: Int
  var points: [Point]
  var uncertainty: Duration
  var evidence: [Provenance]
  var uid: String?
  /// Whether writes of this Event may have been dropped after its last recorded one (its source
  /// sent more than 25 events about the pod: the spam filter, docs/kubernetes-semantics.md §5.2).
  var truncated = false

  init(fact: Fact, record: EventRecord) {
    self.record = record
    meaning = EventReading.meaning(of: record)
    let last = record.last ?? record.first ?? fact.observed
    let first = min(record.first ?? last, last)
    self.first = first; self.last = last
    count = max(1, record.count)
    points = [Point(count: count, last: last, seen: max(last, fact.observed))]
    uncertainty = fact.uncertainty
    evidence = [fact.provenance]
    uid = fact.object.uid
    container = record.container
  }

  /// Folds another observation of the same Event object in: the newest one is kept as the record.
  /// Points and evidence are put in order by `finish()` once every observation is in.
  mutating func absorb(_ other: EventSeries) {
    points.append(contentsOf: other.points)
    if (other.count, other.last) > (count, last) {
      record = other.record; count = other.count; last = other.last
    }
    first = min(first, other.first)
    uncertainty = max(uncertainty, other.uncertainty)
    evidence.append(contentsOf: other.evidence)
    if container == nil { container = other.container }
    if uid == nil { uid = other.uid }
  }

  /// Sorts the observations and drops repeated evidence (linear after the sort).
  mutating func finish() {
    // One observation (the usual case): nothing to order or drop.
    if points.count < 2 && evidence.count < 2 { return }
    points.sort { ($0.last, $0.count, $0.seen) < ($1.last, $1.count, $1.seen) }
    var seen = Set<Provenance>()
    evidence = evidence.filter { seen.insert($0).inserted }
  }

  /// How many occurrences happened at or before `t`: exact when an observation pins it,
  /// otherwise a range (the individual instants of an aggregate are unknown).
  func occurrences(atOrBefore t: Instant) -> ClosedRange<Int> {
    if first > t { return 0...0 }
    var lo = 1
    var hi = count
    for p in points {
      if p.last <= t { lo = max(lo, p.count) } else { hi = min(hi, p.count - 1) }
      // Dropped writes never reach the server's count, so `seen` bounds nothing then.
      if t <= p.seen && !truncated { hi = min(hi, p.count) }
    }
    if last <= t { lo = max(lo, count); hi = truncated && last < t ? openCount : max(hi, count) }
    hi = max(hi, lo)
    return lo...hi
  }

  /// Occurrences in the half-open window `(a, b]`.
  func occurrences(after a: Instant?, upTo b: Instant) -> ClosedRange<Int> {
    let nb = occurrences(atOrBefore: b)
    guard let a else { return nb }
    if b <= a { return 0...0 }
    let na = occurrences(atOrBefore: a)
    let lo = max(0, nb.lowerBound - na.upperBound)
    let hi = max(lo, nb.upperBound - na.lowerBound)
    return lo...hi
  }

  /// The latest occurrence at or before `t`: exact when the series' last occurrence is before
  /// `t`, else only bounded (somewhere between the returned instant and `t`).
  func latestOccurrence(atOrBefore t: Instant) -> (at: Instant, exact: Bool)? {
    if first > t { return nil }
    if last <= t { return (last, true) }
    // Pinned when only the first occurrence can be this early, or an observation counted them all.
    let n = occurrences(atOrBefore: t)
    if n.upperBound == 1 { return (first, true) }
    if let p = points.last(where: { $0.last <= t && $0.count == n.upperBound }) { return (p.last, true) }
    var best = first
    for p in points where p.last <= t { best = max(best, p.last) }
    return (best, count == 1 || best == t)
  }

  /// Whether the series is aggregated (more than one occurrence).
  var isAggregated: Bool { count > 1 }
}

/// Builds event series from facts: one per Event object (by `identityKey`), then merges series
/// that are the same Event seen through different dumps (a describe table and a JSON export
/// give different keys: same reason, container and message, first occurrence within the ages'
/// resolution).
func buildEventSeries(_ facts: [Fact], containerNames: [String], images: [String: String]) -> [EventSeries] {
  // One series per (pod uid, Event identity): the name when known, else the uid, else the content.
  struct Identity: Hashable { var podUID: String; var name: String?; var uid: String?; var content: String? }
  var byKey: [Identity: Int] = [:]
  var series: [EventSeries] = []
  for f in facts {
    guard case .event(let e) = f.body else { continue }
    let key = e.name.map { Identity(podUID: f.object.uid ?? "", name: $0) }
      ?? e.uid.map { Identity(podUID: f.object.uid ?? "", uid: $0) }
      ?? Identity(podUID: f.object.uid ?? "", content: e.identityKey)
    let s = EventSeries(fact: f, record: e)
    if let i = byKey[key] { series[i].absorb(s) } else { byKey[key] = series.count; series.append(s) }
  }
  for i in series.indices { series[i].finish() }
  // Attribute containers.
  for i in series.indices where series[i].container == nil && series[i].meaning.isContainerScoped {
    series[i].container = inferContainer(series[i].record, names: containerNames, images: images)
  }
  // Old dumps print `Created container` / `Started container` without a name (corpus 031): with
  // exactly one container known anywhere (or none at all), such events are about that one.
  let named = Set(containerNames + series.compactMap(\.container))
  if named.count <= 1 {
    let only = named.first ?? "(unnamed)"
    for i in series.indices where series[i].container == nil && series[i].meaning.isContainerScoped {
      series[i].container = only
    }
  }
  // Merge the same Event seen through two dumps with different identity keys.
  // Series come in order of first occurrence, so a group's members are too, and `first` never
  // moves back on absorbing a later one: the members that can be within tolerance are found by
  // binary search (a long-lived pod has many Events of the same message), then the earliest
  // within tolerance absorbs the series, as a scan from the start would pick.
  struct Group: Hashable { var reason: String; var container: String; var message: Substring }
  var merged: [EventSeries] = []
  var groups: [Group: (members: [Int], maxUncertainty: Duration)] = [:]
  let order = series.indices.sorted {
    (series[$0].first, series[$0].last, series[$0].record.reason) < (series[$1].first, series[$1].last, series[$1].record.reason)
  }
  for s in order.lazy.map({ series[$0] }) {
    let g = Group(reason: s.record.reason, container: s.container ?? "", message: normalisedMessage(s.record.message))
    var done = false
    if let group = groups[g] {
      let widest = Duration.seconds(2) + max(s.uncertainty, group.maxUncertainty)
      let earliest = s.first - widest
      var lo = 0, hi = group.members.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if merged[group.members[mid]].first < earliest { lo = mid + 1 } else { hi = mid }
      }
      for j in group.members[lo...] {
        let tol = Duration.seconds(2) + max(s.uncertainty, merged[j].uncertainty)
        let d = s.first - merged[j].first
        if abs(d.micros) <= tol.micros {
          merged[j].absorb(s)
          groups[g]?.maxUncertainty = max(group.maxUncertainty, merged[j].uncertainty)
          done = true
          break
        }
      }
    }
    if !done {
      var group = groups.removeValue(forKey: g) ?? ([], .zero)
      group.members.append(merged.count)
      group.maxUncertainty = max(group.maxUncertainty, s.uncertainty)
      groups[g] = group
      merged.append(s)
    }
  }
  for i in merged.indices { merged[i].finish() }
  return merged
}

/// The message without a 1.35 `spec.containers{x}: ` prefix or `(combined from similar events): `.
private func normalisedMessage(_ m: String) -> Substring {
  var t = Substring(m)
  if t.hasPrefix("spec."), let r = t.range(of: "}: ") { t = t[r.upperBound...] }
  if t.hasPrefix("(combined from similar events): ") { t = t.dropFirst("(combined from similar events): ".count) }
  return t
}

/// The container an Event is about when its fieldPath was not printed (describe's table): a
/// known container name in the message, else the word after "container", else the container
/// whose image the message names, else the only container.
func inferContainer(_ e: EventRecord, names: [String], images: [String: String]) -> String? {
  if let c = EventRecord.container(fromFieldPath: e.fieldPath) { return c.name }
  if EventReason(exactly: e.reason) == .failedSync, let step = FailedSyncStep(e.message), step.startsContainer { return step.target }
  let msg = e.message
  let words = msg.split(whereSeparator: { $0 == " " || $0 == "\"" || $0 == "," }).map { w -> String in
    var s = String(w)
    while let l = s.last, l == ":" || l == "." { s.removeLast() }
    return s
  }
  var best: String?
  for n in names where words.contains(n) {
    if best == nil || n.count > (best?.count ?? 0) { best = n }
  }
  if let best { return best }
  for (image, name) in images.sorted(by: { $0.key < $1.key }) where msg.contains("\"\(image)\"") { return name }
  if names.count == 1 { return names[0] }
  // No snapshot named the containers: take the name from the kubelet's own templates
  // ("Created container x", "Container x failed liveness probe", "Back-off restarting failed container x").
  if names.isEmpty, let r = EventReason(exactly: e.reason), [.created, .started, .killing, .backOff].contains(r),
     let i = words.firstIndex(where: { $0.lowercased() == "container" }), i + 1 < words.count {
    let w = words[i + 1]
    if !["with", "image", "failed", "id", "process"].contains(w.lowercased()) && !w.isEmpty { return w }
  }
  return nil
}
