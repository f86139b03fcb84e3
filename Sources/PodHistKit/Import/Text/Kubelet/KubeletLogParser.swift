import Foundation

/// Reads the kubelet's own log (`journalctl -u kubelet`, syslog, `kubectl logs` / `crictl logs` of
/// a kubelet container) as the pod Events its lines tell of (`KubeletLogMessage`).
///
/// A segment is a run of klog lines (blank and elided lines inside it allowed) in which at least
/// one line tells of a pod; the run's other lines (about the node, the kubelet itself, a line
/// podhist has no meaning for) are covered silently. klog and the journal print no year, so, as
/// for the dashboard's date-less clock times, the lines' times count back from the run's latest
/// line and the facts stay relative. A pod named only by its UID is filed under `uid-<UID>`
/// (namespace unknown) unless another line of the run names it.
public struct KubeletLogParser: TextSegmentParser {
  /// The parser; it holds no state.
  public init() {}

  /// The name under which a pod known only by its UID is filed.
  public static func placeholderName(uid: String) -> String { "uid-" + uid }

  /// How far ahead a run's first line looks for a line that tells of a pod.
  static let lookahead = 2000

  /// Whether a run of klog lines that tells of a pod begins at `lines[index]`.
  public func begins(_ lines: [SourceLine], at index: Int) -> Bool {
    guard index < lines.count, let line = KubeletLogLine.parse(lines[index].text) else { return false }
    if !KubeletLogMessage.events(line).isEmpty { return true }
    // Only a run's first line looks ahead (so a long run of lines with no pod is scanned once).
    if let p = previousContent(lines, before: index), KubeletLogLine.parse(lines[p].text) != nil { return false }
    var k = index + 1
    while k < lines.count, k <= index + Self.lookahead {
      if TextImporter.isBlank(lines[k].text) { k += 1; continue }
      guard let l = KubeletLogLine.parse(lines[k].text) else { return false }
      if !KubeletLogMessage.events(l).isEmpty { return true }
      k += 1
    }
    return false
  }

  /// The instant of a line that prints its retry time with year and zone, and the back-off that
  /// led to it, when its klog date and time agree with them (to the second).
  static func retryInstant(_ log: KubeletLogLine) -> Instant? {
    let body = log.body
    guard let u = body.range(of: "No retries permitted until "), let d = body.range(of: "(durationBeforeRetry ") else { return nil }
    let words = body[u.upperBound...].split(separator: " ", maxSplits: 3)
    guard words.count >= 3, let until = Instant.parseRFC1123("\(words[0]) \(words[1]) \(words[2])") else { return nil }
    let backOffText = body[d.upperBound...].prefix { $0 != ")" }
    guard case let .known(backOff, _)? = Age.parse(backOffText) else { return nil }
    let at = until - backOff
    // The local wall time of `at` (the zone printed with the retry time) must be the klog header's.
    guard let zone = words[2].first.flatMap({ $0 == "+" || $0 == "-" ? $0 : nil }), words[2].count == 5,
          let hh = Int(words[2].dropFirst().prefix(2)), let mm = Int(words[2].suffix(2)) else { return nil }
    let offset = Int64((hh * 3600 + mm * 60) * (zone == "-" ? -1 : 1)) * 1_000_000
    let local = at.micros + offset
    let dayMicros: Int64 = 86_400_000_000
    let ofDay = ((local % dayMicros) + dayMicros) % dayMicros
    guard Swift.abs(ofDay - log.microsOfDay) < 1_000_000 else { return nil }
    return at
  }

  func previousContent(_ lines: [SourceLine], before index: Int) -> Int? {
    var k = index - 1
    while k >= 0, TextImporter.isBlank(lines[k].text) { k -= 1 }
    return k >= 0 ? k : nil
  }

  /// The run of klog lines from `index` as an events segment in `kubelet-log` format.
  public func parse(_ lines: [SourceLine], at index: Int, source: String,
                    warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)? {
    var read: [(line: SourceLine, log: KubeletLogLine, events: [KubeletLogEvent])] = []
    var i = index
    var end = index
    while i < lines.count {
      if TextImporter.isBlank(lines[i].text) { i += 1; continue }
      guard let log = KubeletLogLine.parse(lines[i].text) else { break }
      read.append((lines[i], log, KubeletLogMessage.events(log)))
      i += 1
      end = i
    }
    guard read.contains(where: { !$0.events.isEmpty }) else { return nil }
    // Times without a year: a date earlier than the line before it by more than half a year
    // is taken to be in the next year (a log across New Year).
    let year: Int64 = 366 * 86_400_000_000
    var times: [Int64] = []
    var shift: Int64 = 0
    for r in read {
      var t = r.log.microsOfYear + shift
      if let last = times.last, last - t > year / 2 { shift += year; t += year }
      times.append(t)
    }
    let latest = times.max() ?? 0
    // A volume operation's retry prints its next attempt with year and zone (`No retries permitted
    // until 2022-12-16 17:54:42.629513682 +0900 JST … (durationBeforeRetry 2m2s)`): that instant less
    // the back-off is the line's own, which ties the whole run to real time.
    let base = read.indices.lazy.compactMap { k in Self.retryInstant(read[k].log).map { $0 - Duration(micros: times[k]) } }.first
    // Names the run gives a UID on any line fill the lines that give only the UID.
    var byUID: [String: KubeletPodRef] = [:]
    for r in read {
      for e in r.events where e.pod.name != nil {
        if let uid = e.pod.uid, byUID[uid]?.namespace == nil { byUID[uid] = e.pod }
      }
    }
    var rows: [EventsTableRow] = []
    var rowOf: [String: Int] = [:]
    var placeholders: [String] = []
    for (k, r) in read.enumerated() {
      for e in r.events {
        var pod = e.pod
        if let uid = pod.uid, let known = byUID[uid] {
          if pod.name == nil { pod.name = known.name }
          if pod.namespace == nil { pod.namespace = known.namespace }
        }
        let name: String
        if let n = pod.name { name = n } else if let uid = pod.uid {
          name = Self.placeholderName(uid: uid)
          if !placeholders.contains(uid) { placeholders.append(uid) }
        } else { continue }
        let object = ObjectRef(namespace: pod.namespace ?? ObjectRef.unknownNamespace, name: name, uid: pod.uid)
        let age = Age.known(value: Duration(micros: latest - times[k]), resolution: Duration(micros: 1))
        // The same Event again (the kubelet retries and logs each attempt): one row, counted.
        let key = "\(object.namespace)/\(object.name)|\(e.reason)|\(e.container ?? "")|\(e.message)"
        if let at = rowOf[key] {
          rows[at].count = (rows[at].count ?? 1) + 1
          rows[at].last = age
          if let base { rows[at].lastAt = base + Duration(micros: times[k]) }
          rows[at].lastLine = r.line.number
          rows[at].single = false
          continue
        }
        var row = EventsTableRow(firstLine: r.line.number, lastLine: r.line.number, object: object, reason: e.reason, message: e.message)
        row.namespacePrinted = pod.namespace != nil
        row.type = e.type
        row.component = "kubelet"
        row.host = r.log.host
        if let c = e.container { row.container = c; row.containerKind = .regular; row.fieldPath = "spec.containers{\(c)}" }
        row.last = age
        row.first = age
        if let base { row.lastAt = base + Duration(micros: times[k]); row.firstAt = row.lastAt }
        row.count = 1
        row.single = true
        rowOf[key] = rows.count
        rows.append(row)
      }
    }
    guard !rows.isEmpty, let first = read.first, let last = read.last else { return nil }
    let latestLine = read[times.firstIndex(of: latest) ?? read.count - 1].line.number
    var message = base.map { "kubelet log lines carry no year: their times are placed by the retry time a volume operation printed with its year (the latest line, \(latestLine), is at \(($0 + Duration(micros: latest)).rfc3339))" }
      ?? "kubelet log lines carry no year: their times are kept relative to the latest line (line \(latestLine))"
    if !placeholders.isEmpty {
      message += "; a pod named only by its UID is filed under \(placeholders.map { "\"\(Self.placeholderName(uid: $0))\"" }.joined(separator: ", "))"
    }
    warnings.append(ImportWarning(source: source, line: first.line.number, message: message))
    let segment = EventsTableSegment(lines: first.line.number...last.line.number, rows: rows, humanDuration: false,
                                     ownClock: true, format: "kubelet-log")
    return (segment, max(end, index + 1))
  }
}
