import Foundation

/// Reads `kubectl get events` tables of 2014–2015 (`pkg/kubectl/resource_printer.go`,
/// `eventColumns` of v0.x–v1.0), whose columns the modern layouts do not have:
///
/// * `NAME KIND STATUS REASON MESSAGE` (2014; kubecfg printed `Name Kind Status Reason Message`):
///   no time at all; KIND `Pod` or `BoundPod`, STATUS `running`/`waiting`/`terminated`.
/// * `TIME NAME KIND CONDITION REASON MESSAGE` (late 2014): TIME is RFC 1123 with zone.
/// * `FIRSTSEEN LASTSEEN COUNT NAME KIND SUBOBJECT REASON SOURCE MESSAGE` (2015, v0.14–v1.0) with
///   absolute RFC 1123 times instead of ages.
/// * `TIME FROM SUB-OBJECT PATH REASON MESSAGE` / `TIME FROM SUBOBJECTPATH REASON MESSAGE`: the
///   same events without their object, as a describe of the time listed them.
///
/// Times that parse as RFC 1123 are absolute; an age in their place is kept as an age.
enum EventsTableLegacy {
  /// Two-word column names of these headers.
  static let pairs: [(String, String, String)] = [
    ("SUB-OBJECT", "PATH", "SUBOBJECT"), ("SUBOBJECT", "PATH", "SUBOBJECT"), ("LAST", "SEEN", "LASTSEEN"),
    ("FIRST", "SEEN", "FIRSTSEEN"),
  ]

  /// The header's columns (upper-cased, canonical names) and offsets; nil when `text` is not a
  /// legacy events header. Headers with FIRSTSEEN/LASTSEEN are returned too; `begins` decides.
  static func header(_ text: some StringProtocol) -> [TableColumn]? {
    let words = TableColumns.words(text).map { ($0.0.uppercased(), $0.1) }
    var cols: [TableColumn] = []
    var k = 0
    while k < words.count {
      let (w, start) = words[k]
      if k + 1 < words.count, let p = pairs.first(where: { $0.0 == w && $0.1 == words[k + 1].0 }) {
        cols.append(TableColumn(name: p.2, start: start))
        k += 2
        continue
      }
      let canonical = ["SUBOBJECTPATH": "SUBOBJECT", "SUB-OBJECT": "SUBOBJECT"][w] ?? w
      cols.append(TableColumn(name: canonical, start: start))
      k += 1
    }
    let names = cols.map(\.name)
    let known: Set<String> = ["NAME", "KIND", "STATUS", "CONDITION", "REASON", "MESSAGE", "TIME", "FROM", "SOURCE",
                              "SUBOBJECT", "FIRSTSEEN", "LASTSEEN", "COUNT", "TYPE"]
    guard names.allSatisfy(known.contains), names.contains("REASON"), names.contains("MESSAGE"),
          names.contains("KIND") || names.contains("FROM") || names.contains("TIME") else { return nil }
    return cols
  }

  /// Whether a legacy table begins at `text` (its header, or a headerless 2015 row), given the
  /// line after it: headers without FIRSTSEEN/LASTSEEN always; with them, only when the first row
  /// prints absolute times (the modern reader takes ages).
  static func begins(_ text: some StringProtocol, next: (some StringProtocol)?) -> Bool {
    guard let cols = header(text) else { return guessedColumns(text) != nil }
    let names = cols.map(\.name)
    guard names.contains("FIRSTSEEN") || names.contains("LASTSEEN") else { return true }
    guard let next, let r = row(next, columns: cols, line: 0) else { return false }
    return r.lastAt != nil || r.firstAt != nil
  }

  /// The columns of a 1.0–1.3 `get events` row pasted without its header: two times (RFC 1123
  /// dates, or 1.2's ages) and a COUNT, then the object's NAME (not a `{component host}` source,
  /// which is a describe's row; not 1.4's `pod.<hex>` event name, which the row reader takes)
  /// and KIND; `--all-namespaces` puts a NAMESPACE first.
  static func guessedColumns(_ text: some StringProtocol) -> [TableColumn]? {
    let f = TableColumns.fields(text)
    func time(_ s: String) -> Bool { Instant.parseRFC1123(s) != nil || Age.parse(s) != nil }
    var k = 0
    if f.count >= 8, EventLineParser.isName(Substring(f[0])), time(f[1]), time(f[2]), Int(f[3]) != nil { k = 1 }
    guard f.count >= k + 7, time(f[k]), time(f[k + 1]), Int(f[k + 2]) != nil,
          !f[k + 3].hasPrefix("{"), !f[k + 3].contains(",") else { return nil }
    if Instant.parseRFC1123(f[k]) == nil {
      // Ages alone are a 1.2 table only with a KIND after a plain object name.
      guard EventsTableMessages.objectName(fromEventName: f[k + 3]) == nil,
            ["Pod", "Node", "ReplicationController", "ReplicaSet", "Deployment", "Job", "DaemonSet", "PetSet"].contains(f[k + 4])
      else { return nil }
    }
    let hasType = f[(k + 5)...min(k + 7, f.count - 1)].contains { EventsTableLayout.types.contains($0) }
    let names = (k == 1 ? ["NAMESPACE"] : []) + ["FIRSTSEEN", "LASTSEEN", "COUNT", "NAME", "KIND", "SUBOBJECT"]
      + (hasType ? ["TYPE"] : []) + ["REASON", "SOURCE", "MESSAGE"]
    let cols = names.map { TableColumn(name: $0, start: 0) }
    guard row(text, columns: cols, line: 0, aligned: false) != nil else { return nil }
    return cols
  }

  /// Parses the table whose header is `lines[index]`, or the headerless rows that begin there.
  static func parse(_ lines: [SourceLine], at index: Int, firstLine: Int, prompt: TablePrompt?,
                    source: String, warnings: inout [ImportWarning]) -> (EventsTableSegment, Int)? {
    let indent = TableColumns.indentation(lines[index].text)
    let first = TableColumns.dropIndent(lines[index].text, indent)
    let headerless = header(first) == nil
    guard let cols = header(first) ?? guessedColumns(first) else { return nil }
    let row = { (text: Substring, line: Int) in EventsTableLegacy.row(text, columns: cols, line: line, aligned: !headerless) }
    var rows: [EventsTableRow] = []
    var i = headerless ? index : index + 1
    var end = i
    while i < lines.count {
      let text = TableColumns.dropIndent(lines[i].text, indent)
      if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
        guard let j = TableColumns.rowAfterBlanks(lines, from: i, indent: indent,
                                                  isRow: { row($0, $1) != nil }) else { break }
        i = j
        continue
      }
      if var r = row(text, lines[i].number) {
        if r.object.namespace.isEmpty { r.object.namespace = prompt?.namespace ?? "" }
        rows.append(r)
        i += 1
        end = i
        continue
      }
      if header(text) != nil || TableBoundary.isForeign(text) { break }
      if !rows.isEmpty, TableColumns.indentation(text) >= 4 || EventsTableParser.wrapped(lines[i - 1].text, text) {
        // A MESSAGE the terminal wrapped or that held its own newline.
        rows[rows.count - 1].message += "\n" + text.trimmingCharacters(in: .whitespaces)
        rows[rows.count - 1].lastLine = lines[i].number
        i += 1
        end = i
        continue
      }
      break
    }
    guard !rows.isEmpty else { return nil }
    let seg = EventsTableSegment(lines: firstLine...lines[end - 1].number, rows: rows, humanDuration: false)
    return (EventsTableSegment.finish(seg, firstLine: firstLine, prompt: prompt), end)
  }

  /// One row, by the header's offsets (when `aligned`), else by runs of spaces.
  static func row(_ text: some StringProtocol, columns: [TableColumn], line: Int, aligned: Bool = true) -> EventsTableRow? {
    let names = columns.map(\.name)
    if aligned, let c = TableColumns.cells(text, columns: columns),
       let r = build(Dictionary(zip(names, c), uniquingKeysWith: { a, _ in a }), line: line) {
      return r
    }
    guard let c = TableColumns.assign(TableColumns.fields(text), to: names) else { return nil }
    return build(c, line: line)
  }

  /// An absolute time or an age in a time column.
  enum When { case at(Instant), age(Age) }

  static func when(_ text: String) -> When? {
    if let t = Instant.parseRFC1123(text) { return .at(t) }
    if let t = Instant.parseRFC3339(text) { return .at(t) }
    if let a = Age.parse(text) ?? PodsTableLegacy.dockerAge(text) { return .age(a) }
    return nil
  }

  static func build(_ c: [String: String], line: Int) -> EventsTableRow? {
    var reason = c["REASON"] ?? ""
    if reason.isEmpty { reason = c["STATUS"] ?? c["CONDITION"] ?? "" }
    guard !reason.isEmpty, !reason.contains(" "), reason.first?.isLetter == true else { return nil }
    var kind = "Pod"
    if let k = c["KIND"] {
      guard !k.isEmpty, k.allSatisfy(\.isLetter), k.first?.isUppercase == true else { return nil }
      kind = k == "BoundPod" ? "Pod" : EventsTableMessages.kind(k)
    }
    let name = c["NAME"] ?? ""
    guard !name.contains(" "), !name.contains("{") else { return nil }
    if let t = c["TYPE"], !t.isEmpty, !EventsTableLayout.types.contains(t) { return nil }
    let namespace = c["NAMESPACE"] ?? ""
    guard !namespace.contains(" ") else { return nil }
    var row = EventsTableRow(firstLine: line, lastLine: line, object: ObjectRef(kind: kind, namespace: namespace, name: name),
                             reason: reason, message: c["MESSAGE"] ?? "")
    row.namespacePrinted = !namespace.isEmpty
    row.type = c["TYPE"].flatMap { $0.isEmpty ? nil : $0 }
    var sawTime = false
    for (key, last) in [("TIME", true), ("LASTSEEN", true), ("FIRSTSEEN", false)] {
      guard let v = c[key] else { continue }
      guard let w = when(v) else { return nil }
      sawTime = true
      switch (w, last) {
      case (.at(let t), true): row.lastAt = t
      case (.at(let t), false): row.firstAt = t
      case (.age(let a), true): row.last = a
      case (.age(let a), false): row.first = a
      }
    }
    if let n = c["COUNT"] {
      guard let v = Int(n) else { return nil }
      row.count = v
    }
    // Two ages: the older is the first occurrence (1.2 printed FIRSTSEEN first, 1.4 LASTSEEN).
    if let a = row.first?.value, let b = row.last?.value, a < b { swap(&row.first, &row.last) }
    // One TIME column: one occurrence.
    row.single = row.count == 1 || (c["TIME"] != nil && c["FIRSTSEEN"] == nil)
    if sawTime, row.single, row.firstAt == nil, row.first == nil { row.firstAt = row.lastAt; row.first = row.last }
    if let sub = c["SUBOBJECT"], !sub.isEmpty {
      row.fieldPath = sub
      if let (cn, ck) = EventRecord.container(fromFieldPath: sub) { row.container = cn; row.containerKind = ck }
    }
    if let s = c["SOURCE"] ?? c["FROM"], !s.isEmpty { (row.component, row.host) = EventsTableLayout.source(s) }
    return row
  }
}
