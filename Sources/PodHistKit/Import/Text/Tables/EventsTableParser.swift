import Foundation

/// Parses `kubectl get events` tables of every era (≤1.3 `FIRSTSEEN LASTSEEN ...`, ≈1.4–1.11
/// `LASTSEEN FIRSTSEEN COUNT NAME KIND SUBOBJECT TYPE REASON SOURCE MESSAGE`, 1.12–1.13
/// `LAST SEEN TYPE REASON KIND MESSAGE`, 1.14+ `LAST SEEN TYPE REASON OBJECT MESSAGE`, `-A`,
/// `-o wide`), `kubectl events` (`3m (x4 over 10m)`, `Pod/web-0`), `-w` output, headerless
/// rows, rows whose MESSAGE the terminal wrapped, a paste flattened onto one line, and event
/// lists copied from the Kubernetes dashboard.
public struct EventsTableParser: TextSegmentParser {
  /// The pod name used when the rows never name their pod (a dashboard copy, a 1.12 table
  /// without a Scheduled row): podhist does not invent one.
  public static let unnamedPod = "unnamed-pod"

  /// The parser; it holds no state.
  public init() {}

  /// Whether an events table (a header, a prompt for one, a legacy or flattened table) begins here.
  public func begins(_ lines: [SourceLine], at index: Int) -> Bool {
    guard index < lines.count else { return false }
    let text = lines[index].text.drop(while: { $0 == " " || $0 == "\t" })
    if let prompt = TablePrompt(text) {
      guard prompt.command == .getEvents || prompt.command == .events else { return false }
      if EventsTableFlattened.find(text) != nil { return true }
      if index + 1 < lines.count, beginsLegacy(lines, at: index + 1) { return true }
      return index + 1 < lines.count && beginsTable(lines[index + 1].text.drop(while: { $0 == " " || $0 == "\t" }))
    }
    return beginsLegacy(lines, at: index) || beginsTable(text)
  }

  /// Whether a 2014–2015 events table (`EventsTableLegacy`) has its header at `lines[index]`.
  func beginsLegacy(_ lines: [SourceLine], at index: Int) -> Bool {
    let indent = TableColumns.indentation(lines[index].text)
    let next = index + 1 < lines.count ? TableColumns.dropIndent(lines[index + 1].text, indent) : nil
    return EventsTableLegacy.begins(TableColumns.dropIndent(lines[index].text, indent), next: next)
  }

  func beginsTable(_ text: Substring) -> Bool {
    if EventsTableLayout(header: text) != nil { return true }
    if EventsTableFlattened.find(text) != nil { return true }
    if EventsTableDashboard.row(text) != nil { return true }
    if let layout = EventsTableLayout(guessing: text), layout.row(text, line: 0) != nil { return true }
    return false
  }

  /// The table from `index` to the first line that is not its row; nil when it turns out not to be one.
  public func parse(_ lines: [SourceLine], at index: Int, source: String,
                    warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)? {
    guard index < lines.count else { return nil }
    var i = index
    var prompt: TablePrompt? = nil
    if let p = TablePrompt.before(lines, index), p.command == .getEvents || p.command == .events {
      prompt = p
    }
    let firstText = lines[i].text.drop(while: { $0 == " " || $0 == "\t" })
    if let p = TablePrompt(firstText) {
      guard p.command == .getEvents || p.command == .events else { return nil }
      prompt = p
      if EventsTableFlattened.find(firstText) == nil { i += 1 }
    }
    guard i < lines.count else { return nil }
    let startText = lines[i].text.drop(while: { $0 == " " || $0 == "\t" })
    if EventsTableFlattened.find(startText) != nil {
      guard let seg = EventsTableFlattened.parse(lines[i], prompt: prompt, source: source, warnings: &warnings)
      else { return nil }
      return (EventsTableSegment.finish(seg, firstLine: lines[index].number, prompt: prompt), i + 1)
    }
    if EventsTableDashboard.row(startText) != nil {
      let (rows, next) = EventsTableDashboard.parse(lines, at: i, source: source, warnings: &warnings)
      guard !rows.isEmpty else { return nil }
      let seg = EventsTableSegment(lines: lines[index].number...lines[next - 1].number, rows: rows,
                                   humanDuration: false, ownClock: true)
      return (EventsTableSegment.finish(seg, firstLine: lines[index].number, prompt: prompt), next)
    }

    if beginsLegacy(lines, at: i) {
      guard let (seg, next) = EventsTableLegacy.parse(lines, at: i, firstLine: lines[index].number, prompt: prompt,
                                                      source: source, warnings: &warnings) else { return nil }
      return (seg, next)
    }
    let indent = TableColumns.indentation(lines[i].text)
    var layout: EventsTableLayout
    if let h = EventsTableLayout(header: startText) {
      layout = h
      i += 1
    } else if let g = EventsTableLayout(guessing: startText) {
      layout = g
    } else {
      return nil
    }
    layout.promptNamespace = prompt?.namespace

    var rows: [EventsTableRow] = []
    var lastPhysical: Substring = ""
    var end = i
    while i < lines.count {
      let text = TableColumns.dropIndent(lines[i].text, indent)
      if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
        guard let j = TableColumns.rowAfterBlanks(lines, from: i, indent: indent,
                                                  isRow: { layout.row($0, line: $1) != nil }) else { break }
        i = j
        continue
      }
      if let row = layout.row(text, line: lines[i].number) {
        rows.append(row)
        lastPhysical = text
        i += 1
        end = i
        continue
      }
      if EventsTableLayout(header: text) != nil || TableBoundary.isForeign(text) { break }
      let fields = TableColumns.fields(text)
      if fields.count >= 4, fields.prefix(2).contains(where: { AggregatedAge.parse($0) != nil }),
         !(rows.isEmpty && layout.offsets == nil) {
        warnings.append(ImportWarning(source: source, line: lines[i].number,
                                      message: "skipped an events-table row that does not fit the table's columns"))
        i += 1
        end = i
        continue
      }
      if !rows.isEmpty, let back = multilineMessage(lines, from: i, indent: indent, layout: layout) {
        // Lines between two rows belong to the first: the terminal wrapped its MESSAGE, or
        // kubectl printed the message's own newlines.
        for k in i..<back {
          let t = TableColumns.dropIndent(lines[k].text, indent)
          rows[rows.count - 1].message += (EventsTableParser.wrapped(lastPhysical, t) ? "" : "\n") + t
          lastPhysical = t
        }
        rows[rows.count - 1].lastLine = lines[back - 1].number
        i = back
        end = i
        continue
      }
      if !rows.isEmpty, EventsTableParser.wrapped(lastPhysical, text), !beginsTable(text),
         !PodsTableParser().beginsTable(text) {
        // The terminal wrapped the last row's MESSAGE mid-word.
        rows[rows.count - 1].message += String(text)
        rows[rows.count - 1].lastLine = lines[i].number
        lastPhysical = text
        i += 1
        end = i
        continue
      }
      break
    }
    guard !rows.isEmpty || layout.offsets != nil, end > index else { return nil }
    if layout.offsets == nil, layout.columns.first == "LAST SEEN", layout.columns.contains("FIRST SEEN"),
       rows.contains(where: { r in (r.last?.value ?? .zero) > (r.first?.value ?? .zero) }) {
      // Headerless ≤1.3 rows: FIRSTSEEN comes first (a last occurrence cannot be older than the first).
      for k in rows.indices { (rows[k].first, rows[k].last) = (rows[k].last, rows[k].first) }
    }
    if !layout.human, rows.contains(where: { EventsTableParser.showsHuman($0.last) || EventsTableParser.showsHuman($0.first) }) {
      layout.human = true
    }
    if prompt?.watch == true, rows.count > 1 {
      warnings.append(ImportWarning(source: source, line: lines[index].number,
        message: "a watch prints each row's age when the row was printed; all rows were resolved against one \"now\""))
    }
    let seg = EventsTableSegment(lines: lines[index].number...lines[end - 1].number, rows: rows,
                                 humanDuration: layout.human)
    return (EventsTableSegment.finish(seg, firstLine: lines[index].number, prompt: prompt), end)
  }

  /// Whether `next` continues `previous` where a terminal wrapped it: a long line cut mid-word.
  static func wrapped(_ previous: Substring, _ next: Substring) -> Bool {
    guard previous.count >= 80, let a = previous.last, let b = next.first else { return false }
    return (a.isLetter || a.isNumber) && (b.isLetter || b.isNumber)
  }

  /// When the lines from `start` (at most 5, none blank, foreign or a header) lead to another
  /// row of the table, the index of that row; else nil.
  func multilineMessage(_ lines: [SourceLine], from start: Int, indent: Int, layout: EventsTableLayout) -> Int? {
    var k = start
    while k < lines.count, k - start < 5 {
      let t = TableColumns.dropIndent(lines[k].text, indent)
      if layout.row(t, line: lines[k].number) != nil { return k > start ? k : nil }
      if t.allSatisfy({ $0 == " " || $0 == "\t" }) || TableBoundary.isForeign(t) || EventsTableLayout(header: t) != nil
        || PodsTableParser().beginsTable(t) {
        return nil
      }
      k += 1
    }
    return nil
  }

  /// Whether an age can only come from HumanDuration (`7m6s`, `90s`, `3h2m`, `2d3h`).
  static func showsHuman(_ age: Age?) -> Bool {
    guard case let .known(v, res)? = age else { return false }
    let s = v.micros / 1_000_000
    return (res == .seconds(1) && s >= 60) || (res == .seconds(60) && s >= 3600) || (res == .seconds(3600) && s >= 86400)
  }
}

extension EventsTableSegment {
  /// Fills in what rows did not print: the pod's namespace (NAMESPACE column, else the
  /// message's `Successfully assigned ns/pod` or `pod=name_ns(uid)`, else the prompt's `-n`,
  /// else `default`), the pod's name (when only KIND was printed), the container (from the
  /// message).
  static func finish(_ segment: EventsTableSegment, firstLine: Int, prompt: TablePrompt?) -> EventsTableSegment {
    var rows = segment.rows
    var nsByPod: [String: String] = [:]
    var podsNamed: [String] = []
    for row in rows {
      if let a = EventsTableMessages.assigned(in: row.message) {
        if let ns = a.namespace, nsByPod[a.pod] == nil { nsByPod[a.pod] = ns }
        if !podsNamed.contains(a.pod) { podsNamed.append(a.pod) }
      }
      if let p = EventsTableMessages.podReference(in: row.message) {
        if nsByPod[p.pod] == nil { nsByPod[p.pod] = p.namespace }
        if !podsNamed.contains(p.pod) { podsNamed.append(p.pod) }
      }
      if row.object.isPod, !row.object.name.isEmpty, !podsNamed.contains(row.object.name) {
        podsNamed.append(row.object.name)
      }
    }
    for k in rows.indices {
      // A controller's FailedCreate that names the pod it could not create (`Error creating: pods
      // "job-x-4w6rm" is forbidden: ...`): the refusal is that pod's story; a generated name cut at
      // its `-` names no pod.
      if !rows[k].object.isPod, rows[k].reason == "FailedCreate", rows[k].message.contains(" is forbidden"),
         let m = EventsTableMessages.mentionedPod(in: rows[k].message), !m.pod.hasSuffix("-") {
        rows[k].object = ObjectRef(kind: "Pod", namespace: m.namespace ?? rows[k].object.namespace, name: m.pod)
      }
      if rows[k].object.name.isEmpty {
        if rows[k].object.isPod {
          let mentioned = EventsTableMessages.mentionedPod(in: rows[k].message)
          rows[k].object.name = mentioned?.pod ?? (podsNamed.count == 1 ? podsNamed[0] : EventsTableParser.unnamedPod)
          if let ns = mentioned?.namespace, nsByPod[rows[k].object.name] == nil { nsByPod[rows[k].object.name] = ns }
        } else {
          rows[k].object.name = "unnamed-" + rows[k].object.kind.lowercased()
        }
      }
      if !rows[k].namespacePrinted {
        rows[k].object.namespace = (rows[k].object.isPod ? nsByPod[rows[k].object.name] : nil)
          ?? prompt?.namespace
          ?? (rows[k].object.namespace.isEmpty && !rows[k].object.isPod ? "default" : rows[k].object.namespace)
      }
      if rows[k].container == nil, rows[k].object.isPod,
         let c = EventsTableMessages.container(in: rows[k].message) {
        rows[k].container = c
      }
    }
    return EventsTableSegment(lines: min(firstLine, segment.lines.lowerBound)...segment.lines.upperBound,
                              rows: rows, humanDuration: segment.humanDuration, ownClock: segment.ownClock, format: segment.format)
  }
}
