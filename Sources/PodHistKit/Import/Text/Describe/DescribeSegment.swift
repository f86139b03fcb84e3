import Foundation

/// One pod's `kubectl describe` block (or a fragment of one), parsed, its ages not yet resolved.
struct DescribeSegment: TextSegment {
  var format: String { "describe" }
  var lines: ClosedRange<Int>
  /// The pod name printed (`Name:`), else guessed from the events' messages; nil when unknown.
  var podName: String?
  /// Whether the name came from a message rather than a `Name:` line.
  var podNameGuessed = false
  var namespace: String?
  /// False for a describe of another kind (Service, Deployment... in `kubectl describe all`).
  var isPod = true
  /// What the other kind's block looked like, for the note (`Selector`, `Replicas`...).
  var otherKindHint: String?
  /// Whether the block printed anything besides Events (a status fact is emitted only then).
  var hasStatus = false
  var snapshot = PodSnapshot(origin: .describe)
  var events: [DescribeEventRow] = []
  /// `Terminating (lasts 5m)`: the age since deletionTimestamp.
  var terminatingAge: Age?
  /// Hints from the shell prompt before the block (`kubectl describe pod x -n ns`).
  var hintNamespace: String?
  var hintPodName: String?

  /// Name used for a pod whose name the paste does not show.
  static let unnamedPod = "(unnamed)"
  /// Name used for a container whose name line the fragment cut off.
  static let unnamedContainer = "(unnamed)"

  var effectiveName: String { podName ?? hintPodName ?? Self.unnamedPod }
  /// The namespace printed or hinted; unknown for a pod whose paste names none (a node's is `default`, as before).
  var effectiveNamespace: String { namespace ?? hintNamespace ?? (isPod ? ObjectRef.unknownNamespace : "default") }

  var anchors: [AgeAnchor] {
    guard isPod else { return [] }
    let pod = effectiveName
    var out: [AgeAnchor] = []
    if let start = snapshot.startTime, plausible(start) {
      out.append(AgeAnchor(subject: .podStarted(pod: pod), absolute: start))
      // `get pods` AGE counts from creation, which text never prints. Start Time stands in for
      // it unless the events show the pod waited before it was scheduled (FailedScheduling
      // older than Scheduled): then creation is unknown.
      if !waitedBeforeScheduling {
        out.append(AgeAnchor(subject: .podCreated(pod: pod), absolute: start))
      }
    }
    if let scheduled = events.last(where: { $0.reason == "Scheduled" }), let age = scheduled.last.age, age.value != nil {
      out.append(AgeAnchor(subject: .scheduled(pod: pod), age: age))
    }
    for c in snapshot.containers {
      // The latest instance that started: the running one, the terminated current one, else the last one.
      var started: Instant?
      if let s = c.state, s.kind != .waiting { started = s.startedAt } else { started = c.lastState?.startedAt }
      // The latest Started event matches the latest start only when the events saw every start:
      // the kubelet's spam filter and aggregation can leave the count behind (corpus 067:
      // Started x4 with Restart Count 6), and then the newest Started row is an older start.
      let startedRows = events.filter { $0.reason == "Started" && container(of: $0) == c.name }
      let seenStarts = startedRows.reduce(0) { $0 + $1.count }
      let complete = c.restartCount.map { seenStarts >= $0 + 1 } ?? false
      let latestEvent = complete ? startedRows.compactMap { $0.last.age }.filter { $0.value != nil }
        .min { ($0.value ?? .zero) < ($1.value ?? .zero) } : nil
      let absolute = started.flatMap { plausible($0) ? $0 : nil }
      if absolute != nil || latestEvent != nil {
        out.append(AgeAnchor(subject: .containerStarted(pod: pod, container: c.name), age: latestEvent, absolute: absolute))
      }
      if let f = c.lastState?.finishedAt ?? (c.state?.kind == .terminated ? c.state?.finishedAt : nil), plausible(f) {
        out.append(AgeAnchor(subject: .containerFinished(pod: pod, container: c.name), absolute: f))
      }
    }
    return out
  }

  /// Whether an event is older than the Scheduled event by more than a few seconds.
  var waitedBeforeScheduling: Bool {
    guard let scheduled = events.last(where: { $0.reason == "Scheduled" })?.last.age?.value else {
      // No Scheduled row: a FailedScheduling row says the pod waited.
      return events.contains { $0.reason == "FailedScheduling" || $0.reason == "failedScheduling" }
    }
    let oldest = events.compactMap { ($0.first ?? $0.last).age }.compactMap { a -> Duration? in
      guard let v = a.value, let r = a.resolution else { return nil }
      return v - r
    }.max() ?? .zero
    return oldest > scheduled + .seconds(3)
  }

  /// Times before 2000 are placeholders (`Thu, 01 Jan 1970` for a container that never started).
  func plausible(_ t: Instant) -> Bool { t.micros > 946_684_800_000_000 }

  /// The container an Event row is about: its SubObjectPath / fieldPath, a container named in the
  /// message, the container whose image the message names, or the only container.
  func container(of row: DescribeEventRow) -> String? {
    containerNamed(by: row) ?? containerInferred(for: row)
  }

  /// The container the row itself names (SubObjectPath / fieldPath prefix, or the message).
  func containerNamed(by row: DescribeEventRow) -> String? {
    if let (name, _) = EventRecord.container(fromFieldPath: row.fieldPath) { return name }
    if let path = row.fieldPath, path.hasPrefix("implicitly required container ") {
      return String(path.dropFirst("implicitly required container ".count))
    }
    let m = row.message
    let names = snapshot.containers.map(\.name).filter { $0 != Self.unnamedContainer }
    for prefix in ["Started container ", "Created container ", "Stopping container ", "Killing container "] {
      if m.hasPrefix(prefix) {
        let rest = m.dropFirst(prefix.count)
        if rest.hasPrefix("with id ") {
          // kubectl ≈1.9–1.11: `Killing container with id docker://app:Container failed liveness probe..`
          guard let scheme = rest.range(of: "://") else { break }
          let name = rest[scheme.upperBound...].prefix { $0 != ":" && !$0.isWhitespace }
          if !name.isEmpty, names.contains(String(name)) || names.isEmpty { return String(name) }
          break
        }
        let word = rest.prefix { !$0.isWhitespace && $0 != "," }
        if !word.isEmpty, word != "with" { return String(word) }
      }
    }
    // `Container app failed liveness probe`; a paste may have cut the name (`Container failed …`).
    let afterWord = m.dropFirst("Container ".count)
    if m.hasPrefix("Container "), let r = afterWord.range(of: " failed ") ?? afterWord.range(of: " definition changed") {
      let name = afterWord[..<r.lowerBound]
      if !name.isEmpty, !name.contains(" ") { return String(name) }
    }
    if let r = m.range(of: "restarting failed container ") {
      let word = m[r.upperBound...].prefix { !$0.isWhitespace }
      if !word.isEmpty { return String(word) }
    }
    return nil
  }

  /// The container a row that names none must be about: the one whose image the message names,
  /// or the pod's only container for kubelet container events.
  func containerInferred(for row: DescribeEventRow) -> String? {
    let m = row.message
    let names = snapshot.containers.map(\.name).filter { $0 != Self.unnamedContainer }
    // Image events name the image, not the container.
    if let q = m.firstIndex(of: "\""), m.contains("image") {
      let after = m[m.index(after: q)...]
      let image = after.prefix { $0 != "\"" && $0 != "\\" }
      let matches = snapshot.containers.filter { $0.image == String(image) }
      if matches.count == 1 { return matches[0].name }
    }
    let kubeletReasons: Set<String> = ["Pulling", "Pulled", "Created", "Started", "Killing", "BackOff", "Failed",
                                       "Unhealthy", "ProbeWarning", "ErrImageNeverPull", "InspectFailed"]
    if names.count == 1, kubeletReasons.contains(row.reason), row.component.map({ $0 == "kubelet" }) ?? true {
      return names[0]
    }
    return nil
  }

  func facts(now: Instant?, nowError: Duration, source: String) -> [Fact] {
    guard isPod else { return [] }
    let object = ObjectRef(namespace: effectiveNamespace, name: effectiveName)
    let clock: Clock = now == nil ? .relative : .absolute
    let reference = now ?? Instant(micros: 0)
    var out: [Fact] = []
    if hasStatus {
      var snap = snapshot
      if let age = terminatingAge, let v = age.value {
        snap.deletionTime = reference - v
      }
      out.append(Fact(object: object, observed: reference, clock: clock, uncertainty: nowError, body: .status(snap),
                      provenance: Provenance(source: source, firstLine: lines.lowerBound, lastLine: lines.upperBound,
                                             format: format)))
    }
    for row in events {
      var record = EventRecord(reason: row.reason, message: row.message, type: row.type, count: row.count)
      record.component = row.component
      record.host = row.host
      record.reportingController = nil
      // Identity (EventRecord.identityKey) must come from the row alone, so that the same row in
      // an events-only fragment or another table matches: fieldPath is kept only as printed, and
      // a container inferred from the rest of the describe is recorded with an empty fieldPath,
      // which keeps it out of the key.
      record.fieldPath = row.fieldPath
      if let name = containerNamed(by: row) {
        record.container = name
      } else if let name = containerInferred(for: row) {
        record.container = name
        if record.fieldPath == nil { record.fieldPath = "" }
      }
      if let name = record.container {
        record.containerKind = EventRecord.container(fromFieldPath: row.fieldPath)?.kind
          ?? snapshot.containers.first { $0.name == name }?.kind ?? .regular
      }
      var rowClock = Clock.absolute
      var uncertainty = Duration.zero
      func resolve(_ t: DescribeEventTime?) -> Instant? {
        switch t {
        case let .absolute(i)?: return i
        case let .age(a)?:
          guard let v = a.value else { return nil }
          if now == nil { rowClock = .relative }
          uncertainty = max(uncertainty, (a.resolution ?? .zero) + nowError)
          return reference - v
        case nil: return nil
        }
      }
      record.last = resolve(row.last)
      record.first = resolve(row.first) ?? (row.count == 1 ? record.last : nil)
      let observed: Instant
      if let l = record.last {
        observed = l
      } else {
        // `<unknown>` / `<invalid>`: it happened, but when is not printed; it is no later than now.
        observed = reference
        if now == nil { rowClock = .relative }
        uncertainty = max(uncertainty, nowError)
      }
      out.append(Fact(object: object, observed: observed, clock: rowClock, uncertainty: uncertainty,
                      body: .event(record),
                      provenance: Provenance(source: source, firstLine: row.firstLine, lastLine: row.lastLine,
                                             format: format)))
    }
    return out
  }
}
