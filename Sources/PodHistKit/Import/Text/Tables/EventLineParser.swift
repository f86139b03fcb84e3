import Foundation

/// Reads Event rows line by line, without a header: the last resort after the describe,
/// events-table and pods-table parsers, for the fragments people paste.
///
/// A line is an Event when its cells say so on their own, in any order kubectl ever printed
/// them: an event type (`Normal`/`Warning`), a reason from Kubernetes' vocabulary, ages
/// (`4m11s`, `12s (x9 over 2m3s)`), a source (`kubelet, node-1`, `{kubelet node-1}`,
/// `default-scheduler`), an object (`pod/web-0`), then the message. A bare message that a
/// component is known to write (`Back-off restarting failed container`, `0/3 nodes are
/// available: …`) is an Event too, its reason inferred. Neighbouring rows form one segment;
/// lines that continue a row's message (a wrapped paste) join it.
public struct EventLineParser: TextSegmentParser {
  /// The parser; it holds no state.
  public init() {}

  /// Whether `lines[index]` reads as an Event row on its own (see the type's summary for what counts).
  public func begins(_ lines: [SourceLine], at index: Int) -> Bool {
    guard index < lines.count else { return false }
    return EventLineParser.row(lines[index].text, line: lines[index].number, isFirstLine: index == firstContentIndex(lines)) != nil
  }

  func firstContentIndex(_ lines: [SourceLine]) -> Int {
    lines.firstIndex { !$0.text.allSatisfy { $0 == " " || $0 == "\t" } } ?? 0
  }

  /// The run of Event rows from `index`, continuation lines joined; nil when no row is read.
  public func parse(_ lines: [SourceLine], at index: Int, source: String,
                    warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)? {
    var rows: [EventsTableRow] = []
    var i = index
    let first = firstContentIndex(lines)
    while i < lines.count {
      let text = lines[i].text
      if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
        // A blank line ends the segment unless another row follows right after it.
        var j = i + 1
        while j < lines.count, lines[j].text.allSatisfy({ $0 == " " || $0 == "\t" }) { j += 1 }
        guard j < lines.count, j - i <= 2, EventLineParser.row(lines[j].text, line: lines[j].number, isFirstLine: false) != nil,
              !startsOtherSegment(lines, at: j) else { break }
        i = j
        continue
      }
      if i > index, startsOtherSegment(lines, at: i) { break }
      if let row = EventLineParser.row(text, line: lines[i].number, isFirstLine: i == first) {
        rows.append(row)
        i += 1
        continue
      }
      // A line that continues the previous row's message (the paste wrapped it).
      if let last = rows.indices.last, continues(text) {
        var t = text.trimmingCharacters(in: .whitespaces)
        // The bullet of a bulleted paste is not the message's (`continues` took only punctuation).
        if t.hasPrefix("- ") || t.hasPrefix("* ") { t = String(t.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
        let joiner = rows[last].message.hasSuffix("-") || rows[last].message.isEmpty ? "" : " "
        rows[last].message += joiner + t
        rows[last].lastLine = lines[i].number
        i += 1
        continue
      }
      break
    }
    guard !rows.isEmpty else { return nil }
    let seg = EventsTableSegment(lines: lines[index].number...lines[i - 1].number, rows: rows, humanDuration: false)
    return (EventsTableSegment.finish(seg, firstLine: lines[index].number, prompt: nil), max(i, index + 1))
  }

  /// Whether another parser (describe, a table) begins at `i`.
  func startsOtherSegment(_ lines: [SourceLine], at i: Int) -> Bool {
    TextSegmentParsers.structured.contains { $0.begins(lines, at: i) }
  }

  /// Whether a line reads as the rest of a wrapped message: not a describe key, a table header,
  /// a prompt or a YAML/JSON line.
  func continues(_ text: Substring) -> Bool {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard !t.isEmpty, t.count < 2000 else { return false }
    if DescribeKeyValue.parse(text) != nil, !t.hasPrefix("\"") { return false }
    if t.hasPrefix("{") || t.hasPrefix("apiVersion:") || t.hasPrefix("kind:") { return false }
    if TableColumns.header(t) != nil { return false }
    // A new item of a list or a new log line (skaffold's `- deployment/x: …`, a timestamp); an
    // item of closing punctuation alone (a bulleted paste's `- "` ending a quoted message) is not one.
    if t.hasPrefix("- ") || t.hasPrefix("* ") {
      return t.dropFirst(2).allSatisfy { "\"'`)]}.,;".contains($0) || $0 == " " }
    }
    if EventLogLine.opensLikeALog(Substring(t)) { return false }
    return true
  }

  /// One line as an Event row; nil when its cells do not make an Event.
  static func row(_ text: Substring, line: Int, isFirstLine: Bool) -> EventsTableRow? {
    var t = text.trimmingCharacters(in: .whitespaces)
    guard t.count >= 6, t.count <= 20_000 else { return nil }
    // A message printed as a JSON string (`-o jsonpath` of a JSON field, `jq .message`):
    // `"API error (500): … \"[a-z0-9]+\"\n"` reads as its text.
    let quoted = t.hasPrefix("- \"") ? String(t.dropFirst(2)) : t  // one item of a YAML or bulleted list
    if quoted.first == "\"", quoted.last == "\"", quoted.count > 2,
       let decoded = try? JSONDecoder().decode(String.self, from: Data(quoted.utf8)),
       let first = decoded.split(separator: "\n").first.map({ $0.trimmingCharacters(in: .whitespaces) }),
       EventMessageCatalogue.infer(message: first) != nil {
      t = first
    }
    if let r = cells(Substring(t), line: line) { return r }
    // A first line cut mid-word (`ing  2m  kubelet  Pulling image …`): drop the fragment.
    if isFirstLine, let space = t.firstIndex(where: { $0 == " " || $0 == "\t" }),
       t[..<space].allSatisfy({ $0.isLowercase }),
       let r = cells(Substring(t[space...].trimmingCharacters(in: .whitespaces)), line: line) {
      return r
    }
    return embedded(Substring(t), line: line) ?? afterShortCells(Substring(t), line: line) ?? e2eLog(Substring(t), line: line)
      ?? EventLogLine.row(Substring(t), line: line)
  }

  /// The Kubernetes e2e framework's dump of a namespace's events (test/e2e/framework, pasted
  /// from CI logs): `… INFO: At 2021-05-04 15:45:47 +0000 UTC - event for web-0: {kubelet node-1}
  /// Pulling: Pulling image "centos"`.
  static func e2eLog(_ t: Substring, line: Int) -> EventsTableRow? {
    guard let at = t.range(of: "At "), let dash = t.range(of: " - event for ", range: at.upperBound..<t.endIndex) else { return nil }
    let stamp = t[at.upperBound..<dash.lowerBound].replacingOccurrences(of: " UTC", with: "")
    let rest = t[dash.upperBound...]
    guard let colon = rest.range(of: ": ") else { return nil }
    let object = rest[..<colon.lowerBound]
    guard var row = cells(rest[colon.upperBound...], line: line) else { return nil }
    if let o = objectCell(object) {
      row.object = ObjectRef(kind: EventsTableMessages.kind(Substring(o.kind)), namespace: "", name: o.name)
    } else if isName(object) {
      row.object = ObjectRef(kind: "Pod", namespace: "", name: String(object))
    }
    // `2021-05-04 15:45:47 +0000`: the event's last timestamp.
    let iso = stamp.replacingOccurrences(of: " +0000", with: "Z").replacingOccurrences(of: " ", with: "T")
    if let instant = Instant.parseRFC3339(iso) { row.lastAt = instant }
    return row
  }

  /// A known message after a few short cells the reader does not know (a node name, a source
  /// without its component, an edited-out column): `node2     Failed create pod sandbox: …`.
  static func afterShortCells(_ t: Substring, line: Int) -> EventsTableRow? {
    var rest = t
    for _ in 0..<3 {
      let end = cellBoundary(rest)
      guard end < rest.endIndex else { return nil }
      let cell = rest[..<end]
      guard cell.count <= 64, !cell.contains(": ") else { return nil }
      rest = rest[end...].drop { $0 == " " || $0 == "\t" }
      if let inferred = EventMessageCatalogue.infer(message: rest), var row = cells(rest, line: line) {
        if row.type == nil { row.type = inferred.type }
        if let s = sourceCell(cell, word: cell) { (row.component, row.host) = s.value }
        return row
      }
    }
    return nil
  }

  /// A row after other text on its line: a chat prefix (`kubectl events says: …`), a fieldPath
  /// cell, or a whole describe flattened onto one line (`… Events: Type Reason Age From Message
  /// ---- … Warning FailedScheduling 3m (x106 over 33m) default-scheduler 0/4 nodes …`). The row
  /// starts at an event type followed by a known reason; cells just before it (an age, a
  /// fieldPath, an object) still count.
  static func embedded(_ t: Substring, line: Int) -> EventsTableRow? {
    var search = t.startIndex
    while search < t.endIndex {
      let candidates = [t.range(of: "Normal", range: search..<t.endIndex), t.range(of: "Warning", range: search..<t.endIndex)]
      guard let hit = candidates.compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }) else { break }
      search = hit.upperBound
      guard hit.lowerBound > t.startIndex else { continue }
      let previous = t[t.index(before: hit.lowerBound)]
      guard !previous.isLetter, !previous.isNumber else { continue }
      // A row quoted inside a sentence (`error “Warning  FailedScheduling … ” and …`) ends at
      // its closing quote.
      let closing: Character? = ["“": "”", "\"": "\"", "'": "'", "`": "`", "«": "»", "‘": "’"][previous]
      var after = t[hit.upperBound...]
      if after.hasPrefix(":") { after = after.dropFirst() }
      let next = after.drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" }
      guard next.count < after.count, EventMessageCatalogue.reason(next) != nil else { continue }
      var tail = t[hit.lowerBound...]
      if let closing, let end = tail.firstIndex(of: closing) { tail = tail[..<end] }
      guard var row = cells(tail, line: line) else { continue }
      // Cells before the type: a fieldPath (`spec.containers{app}`), an object, an age.
      let before = TableColumns.fields(t[..<hit.lowerBound]).flatMap { $0.split(separator: " ").map(String.init) }
      // The 2015 sandbox's SUBOBJECT is four words: `implicitly required container POD`.
      let head = t[..<hit.lowerBound]
      if let r = head.range(of: "implicitly required container "), let end = fieldPathCell(head[r.lowerBound...]) {
        row.fieldPath = String(head[r.lowerBound..<end])
      }
      for cell in before.suffix(2) {
        if cell.hasPrefix("spec.") || cell.hasPrefix("implicitly required container"),
           let (c, k) = EventRecord.container(fromFieldPath: cell) {
          row.fieldPath = cell; row.container = c; row.containerKind = k
        } else if let o = objectCell(Substring(cell)) {
          row.object = ObjectRef(kind: EventsTableMessages.kind(Substring(o.kind)), namespace: row.object.namespace, name: o.name)
        } else if row.last == nil, let a = AggregatedAge.parse(cell) {
          row.last = a.last; row.first = a.first; row.count = a.count
        }
      }
      return row
    }
    return nil
  }

  /// Reads cells from the start of `t` until the message begins.
  static func cells(_ t: Substring, line: Int) -> EventsTableRow? {
    var rest = t
    var type: String?
    var reason: String?
    var ages: [AggregatedAge] = []
    var count: Int?
    var source: (String?, String?)?
    var object: (kind: String, name: String)?
    var namespace: String?
    var at: [Instant?] = []
    var fieldPath: String?
    var cellsRead = 0
    func take(_ n: String.Index) { rest = rest[n...].drop { $0 == " " || $0 == "\t" } }

    while cellsRead < 9, !rest.isEmpty, reason == nil || type == nil || ages.isEmpty || source == nil {
      // The next cell ends at a run of two spaces or a tab; a single word ends at a space.
      let word = rest.prefix { $0 != " " && $0 != "\t" }
      if let agg = ageCell(rest) {
        guard ages.count < 2 else { break }
        ages.append(agg.age); take(agg.end); cellsRead += 1; continue
      }
      if type == nil, ["Normal", "Warning", "Normal:", "Warning:"].contains(word) {
        type = String(word.prefix { $0 != ":" }); take(word.endIndex); cellsRead += 1; continue
      }
      if at.count < 2, let instant = absoluteCell(word) {
        at.append(instant); take(word.endIndex); cellsRead += 1; continue
      }
      if reason == nil, word.hasSuffix(":"), word.count > 5, let r = EventMessageCatalogue.reason(word.dropLast()) {
        // `Warning FailedCreatePodSandBox: Failed create pod sandbox: …` (retyped by hand).
        reason = r; take(word.endIndex); cellsRead += 1; continue
      }
      if reason == nil, let r = EventMessageCatalogue.reason(word) {
        // `Started container x` is a message, not the reason `Started` and a message.
        if type == nil, ages.isEmpty, EventMessageCatalogue.infer(message: rest) != nil,
           rest.dropFirst(word.count).first == " ", rest.dropFirst(word.count + 1).first != " " {
          break
        }
        reason = r; take(word.endIndex); cellsRead += 1; continue
      }
      if source == nil, let s = sourceCell(rest, word: word) {
        source = s.value; take(s.end); cellsRead += 1; continue
      }
      if fieldPath == nil, let f = fieldPathCell(rest) {
        fieldPath = String(rest[..<f]); take(f); cellsRead += 1; continue
      }
      if object == nil, let o = objectCell(word) {
        object = o; take(word.endIndex); cellsRead += 1; continue
      }
      if ages.count == 2, count == nil, let n = Int(word), n >= 0, n < 100_000_000 {
        count = n; take(word.endIndex); cellsRead += 1; continue
      }
      if cellsRead == 0, namespace == nil, isName(word), rest.dropFirst(word.count).hasPrefix("  ") {
        // `-A` puts NAMESPACE first; it is only one when event cells follow.
        let after = rest.dropFirst(word.count).drop { $0 == " " }
        if ageCell(after) != nil {
          namespace = String(word); take(word.endIndex); cellsRead += 1; continue
        }
      }
      break
    }
    let message = String(rest).trimmingCharacters(in: .whitespaces)
    if reason == nil {
      // A bare message (maybe after a type, ages or a source).
      guard let inferred = EventMessageCatalogue.infer(message: message) else { return nil }
      reason = inferred.reason
      if type == nil { type = inferred.type }
    } else if let r = reason {
      // A reason alone is a row only with other cells or a message a component writes.
      let supported = type != nil || !ages.isEmpty || source != nil || object != nil || !at.isEmpty
      let known = EventMessageCatalogue.infer(message: message) != nil
      guard supported || known || (!EventMessageCatalogue.ambiguous.contains(r) && !message.isEmpty) else { return nil }
      if type == nil, !supported, !known {
        // `FailedScheduling  pod (x) failed to fit …`: the 2016 describe's Reason and Message.
        guard message.first.map({ !$0.isLowercase || $0 == "p" || $0 == "e" || $0 == "f" || $0 == "u" }) ?? false || message.isEmpty
        else { return nil }
      }
    }
    guard let reason else { return nil }
    var kind = "Pod"
    var name = ""
    if let o = object { kind = EventsTableMessages.kind(Substring(o.kind)); name = o.name }
    var row = EventsTableRow(firstLine: line, lastLine: line,
                             object: ObjectRef(kind: kind, namespace: namespace ?? "", name: name),
                             reason: reason, message: message)
    row.namespacePrinted = namespace != nil
    if type == nil, let inferred = EventMessageCatalogue.infer(message: message), inferred.reason == reason { type = inferred.type }
    row.type = type
    if let fieldPath {
      row.fieldPath = fieldPath
      if let (c, k) = EventRecord.container(fromFieldPath: fieldPath) { row.container = c; row.containerKind = k }
    }
    if let s = source { (row.component, row.host) = s }
    if let a = ages.first {
      row.last = a.last
      row.first = a.first
      row.count = a.count
      if ages.count == 2 {
        // ≤1.11 tables print LASTSEEN FIRSTSEEN (or FIRSTSEEN LASTSEEN ≤1.3): the older is first.
        let x = ages[0].last, y = ages[1].last
        if (x.value ?? .zero) > (y.value ?? .zero) { row.first = x; row.last = y } else { row.last = x; row.first = y }
      }
    }
    if let count { row.count = count }
    if !at.isEmpty {
      // Absolute times (`-o custom-columns=TIME:.lastTimestamp`, `<nil>` for none): the later is
      // the last occurrence.
      let known = at.compactMap { $0 }.sorted()
      row.lastAt = known.last
      row.firstAt = known.count > 1 ? known.first : nil
    }
    row.single = row.count == 1
    return row
  }

  /// Where a SUBOBJECT cell at the start of `s` ends: `spec.containers{web}`,
  /// `spec.initContainers{init}`, `implicitly required container POD` (the 2015 sandbox).
  static func fieldPathCell(_ s: Substring) -> Substring.Index? {
    if s.hasPrefix("implicitly required container POD") { return s.index(s.startIndex, offsetBy: 33) }
    guard s.hasPrefix("spec.") else { return nil }
    let word = s.prefix { $0 != " " && $0 != "\t" }
    guard word.contains("{"), word.hasSuffix("}") else { return nil }
    return word.endIndex
  }

  /// An absolute time cell: RFC 3339 (`2021-07-01T13:53:17Z`), or `<nil>`/`<none>` for a time
  /// the object did not have (a `.lastTimestamp` column of an events.k8s.io Event).
  static func absoluteCell(_ word: Substring) -> Instant?? {
    if word == "<nil>" || word == "<none>" { return .some(nil) }
    guard word.count >= 20, word.count <= 35, word.first?.isNumber == true, word.contains("T"),
          let i = Instant.parseRFC3339(String(word)) else { return nil }
    return .some(i)
  }

  /// Where the cell at the start of `s` ends: a tab or two spaces.
  static func cellBoundary(_ s: Substring) -> Substring.Index {
    var i = s.startIndex
    while i < s.endIndex {
      if s[i] == "\t" { return i }
      if s[i] == " " {
        let n = s.index(after: i)
        if n < s.endIndex, s[n] == " " { return i }
      }
      i = s.index(after: i)
    }
    return s.endIndex
  }

  /// An age cell at the start of `s`: `4m`, `<unknown>`, `12s (x9 over 2m3s)`.
  static func ageCell(_ s: Substring) -> (age: AggregatedAge, end: Substring.Index)? {
    let word = s.prefix { $0 != " " && $0 != "\t" }
    guard !word.isEmpty, word.count <= 12, Age.parse(word) != nil else { return nil }
    let after = s[word.endIndex...].drop { $0 == " " }
    if after.hasPrefix("(x"), let close = after.firstIndex(of: ")") {
      let whole = s[s.startIndex...close]
      if let agg = AggregatedAge.parse(whole) { return (agg, s.index(after: close)) }
    }
    guard let agg = AggregatedAge.parse(word) else { return nil }
    return (agg, word.endIndex)
  }

  /// A SOURCE cell: `{kubelet node-1}`, `kubelet, node-1`, `kubelet`, `default-scheduler`,
  /// `replicaset-controller`, `attachdetach-controller`.
  static func sourceCell(_ rest: Substring, word: Substring) -> (value: (String?, String?), end: Substring.Index)? {
    if rest.hasPrefix("{"), let close = rest.firstIndex(of: "}"), rest.distance(from: rest.startIndex, to: close) < 120 {
      let c = rest[...close]
      return (EventsTableLayout.source(String(c)), rest.index(after: close))
    }
    var component = word
    var end = word.endIndex
    if word.hasSuffix(",") {
      component = word.dropLast()
      let after = rest[word.endIndex...].drop { $0 == " " }
      let host = after.prefix { $0 != " " && $0 != "\t" }
      end = host.isEmpty ? word.endIndex : host.endIndex
    }
    guard isComponent(component) else { return nil }
    return (EventsTableLayout.source(String(rest[rest.startIndex..<end])), end)
  }

  /// A component that writes Events.
  static func isComponent(_ component: Substring) -> Bool {
    let known = ["kubelet", "default-scheduler", "kube-scheduler", "scheduler", "taint-controller", "node-controller",
                 "cloud-node-lifecycle-controller", "karpenter", "cluster-autoscaler"]
    return known.contains(String(component)) || component.hasSuffix("-controller") || component.hasSuffix("-scheduler")
      || component.hasSuffix("kubelet")
  }

  /// `pod/web-0`, `Pod/web-0`, `replicaset/web-7d9c`; placeholders such as `pod/<pod-name>` too.
  static func objectCell(_ word: Substring) -> (kind: String, name: String)? {
    guard let slash = word.firstIndex(of: "/"), slash != word.startIndex else { return nil }
    let kind = word[..<slash]
    let name = word[word.index(after: slash)...]
    let kinds: Set<String> = ["pod", "node", "replicaset", "deployment", "statefulset", "daemonset", "job", "cronjob",
                              "persistentvolumeclaim", "service", "endpoints", "horizontalpodautoscaler", "ingress",
                              "replicationcontroller", "namespace", "persistentvolume", "configmap", "secret"]
    guard kinds.contains(kind.lowercased()), !name.isEmpty else { return nil }
    return (String(kind), String(name))
  }

  static func isName(_ w: Substring) -> Bool {
    !w.isEmpty && w.count < 64 && w.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." }
  }
}
