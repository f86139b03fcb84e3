import Foundation

/// Parses `kubectl get pods` tables: `NAME READY STATUS RESTARTS AGE`, with `NAMESPACE` first
/// for `-A`, `-o wide` adding `IP NODE NOMINATED NODE READINESS GATES`, new-style RESTARTS
/// `4 (2m ago)`, extra columns (`-L`, `--show-labels`) ignored, and headerless rows
/// (`kubectl get pods | grep web`).
public struct PodsTableParser: TextSegmentParser {
  /// The parser; it holds no state.
  public init() {}

  /// Whether a pods table (a header, a `get pods` prompt, a legacy or headerless row) begins here.
  public func begins(_ lines: [SourceLine], at index: Int) -> Bool {
    guard index < lines.count else { return false }
    let text = lines[index].text.drop(while: { $0 == " " || $0 == "\t" })
    if let prompt = TablePrompt(text) {
      guard prompt.command == .getPods else { return false }
      if PodsTableFlattened.find(text) != nil { return true }
      guard index + 1 < lines.count else { return false }
      return beginsTable(lines[index + 1].text.drop(while: { $0 == " " || $0 == "\t" }))
    }
    return beginsTable(text)
  }

  func beginsTable(_ text: Substring) -> Bool {
    if PodsTableLayout(header: text) != nil { return true }
    if PodsTableLegacy.header(text) != nil || PodsTableLegacy.isHeaderlessRow(text) { return true }
    if PodsTableFlattened.find(text) != nil { return true }
    if let g = PodsTableLayout(guessing: text), g.row(text, line: 0) != nil { return true }
    return false
  }

  /// The table from `index` to the first line that is not its row; nil when it turns out not to be one.
  public func parse(_ lines: [SourceLine], at index: Int, source: String,
                    warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)? {
    guard index < lines.count else { return nil }
    var i = index
    var prompt: TablePrompt? = nil
    if let p = TablePrompt.before(lines, index), p.command == .getPods {
      prompt = p
    }
    let firstText = lines[i].text.drop(while: { $0 == " " || $0 == "\t" })
    if let p = TablePrompt(firstText) {
      guard p.command == .getPods else { return nil }
      prompt = p
      if PodsTableFlattened.find(firstText) == nil { i += 1 }
    }
    guard i < lines.count else { return nil }
    if PodsTableFlattened.find(lines[i].text) != nil {
      guard let seg = PodsTableFlattened.parse(lines[i], namespace: prompt?.namespace, source: source, warnings: &warnings)
      else { return nil }
      var whole = seg
      whole.lines = lines[index].number...lines[i].number
      return (whole, i + 1)
    }
    let indent = TableColumns.indentation(lines[i].text)
    let startText = TableColumns.dropIndent(lines[i].text, indent)
    if PodsTableLegacy.header(startText) != nil || PodsTableLegacy.isHeaderlessRow(startText) {
      let headerless = PodsTableLegacy.header(startText) == nil
      guard let (seg, next) = PodsTableLegacy.parse(lines, at: i, firstLine: lines[index].number,
                                                    namespace: prompt?.namespace, headerless: headerless,
                                                    source: source, warnings: &warnings)
      else { return nil }
      return (seg, next)
    }
    var layout: PodsTableLayout
    if let h = PodsTableLayout(header: startText) {
      layout = h
      i += 1
      // A header a terminal wrapped before AGE (`NAME READY STATUS RESTARTS` then ` AGE`).
      if !h.columns.contains("AGE"), i < lines.count, lines[i].text.trimmingCharacters(in: .whitespaces) == "AGE" { i += 1 }
    } else if let g = PodsTableLayout(guessing: startText) {
      layout = g
    } else {
      return nil
    }
    var rows: [PodsTableRow] = []
    var end = i
    while i < lines.count {
      let text = TableColumns.dropIndent(lines[i].text, indent)
      if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
        guard let j = TableColumns.rowAfterBlanks(lines, from: i, indent: indent,
                                                  isRow: { layout.row($0, line: $1) != nil }) else { break }
        // A pod this table already lists, after a gap, is a later listing: a table of its own.
        if let next = layout.row(TableColumns.dropIndent(lines[j].text, indent), line: lines[j].number),
           rows.contains(where: { $0.name == next.name }) { break }
        i = j
        continue
      }
      if var row = layout.row(text, line: lines[i].number) {
        i += 1
        // Its AGE wrapped onto a line of its own by a terminal as wide as the row.
        if row.age == nil, !layout.columns.contains("AGE"), i < lines.count {
          let next = lines[i].text.trimmingCharacters(in: .whitespaces)
          if !next.isEmpty, !next.contains(" "), let age = Age.parse(next) { row.age = age; i += 1 }
        }
        rows.append(row)
        end = i
        continue
      }
      if PodsTableLayout(header: text) != nil || TableBoundary.isForeign(text) { break }
      let f = TableColumns.fields(text)
      if layout.offsets != nil, f.count >= 4, f.contains(where: PodsTableLayout.isReady) {
        warnings.append(ImportWarning(source: source, line: lines[i].number,
                                      message: "skipped a pods-table row that does not fit the table's columns"))
        i += 1
        end = i
        continue
      }
      break
    }
    guard end > index, !rows.isEmpty || layout.offsets != nil else { return nil }
    let human = rows.contains {
      EventsTableParser.showsHuman($0.age) || EventsTableParser.showsHuman($0.lastRestartAge) || $0.lastRestartAge != nil
    }
    for k in rows.indices where rows[k].namespace == nil {
      rows[k].namespace = prompt?.namespace ?? ObjectRef.unknownNamespace
    }
    let seg = PodsTableSegment(lines: lines[index].number...lines[end - 1].number, rows: rows, humanDuration: human)
    return (seg, end)
  }
}

/// One `kubectl get pods` row, ages not yet resolved.
public struct PodsTableRow: Sendable, Hashable {
  /// The row's 1-based source line.
  public var line: Int
  /// NAMESPACE (`-A`), else the prompt's `-n`, else `default` once the parser has finished the table.
  public var namespace: String?
  /// NAME: the pod's name.
  public var name: String
  /// STATUS as printed (`Running`, `CrashLoopBackOff`, `Init:1/2`, `Terminating`...).
  public var status: String
  /// READY as printed, `ready/total` (`1/2`).
  public var ready: String?
  /// RESTARTS' number (`4` of `4 (2m ago)`), bounded as input; nil when not printed.
  public var restarts: Int?
  /// `(2m ago)` of a new-style RESTARTS.
  public var lastRestartAge: Age?
  /// AGE: time since creationTimestamp, counted back from the segment's "now".
  public var age: Age?
  /// IP (`-o wide`); nil when `<none>` or not printed.
  public var podIP: String?
  /// NODE (`-o wide`); nil when `<none>` or not printed.
  public var node: String?
  /// NOMINATED NODE (`-o wide`); nil when `<none>` or not printed.
  public var nominatedNode: String?

  /// A row with its required cells; the rest starts nil.
  public init(line: Int, name: String, status: String) { self.line = line; self.name = name; self.status = status }
}

/// The columns of one pods table.
struct PodsTableLayout: Sendable {
  var columns: [String]
  var offsets: [TableColumn]?
  /// A row typed by hand with filler cells (`web-0 --- 0/1 ---- Pending ---- 0`): rows are split
  /// at every blank and the dash-only cells dropped.
  var filler = false
  /// The 2015 REASON column printed sentences (`OOM Killed`, `Error: image x not found`).
  var statusMayHaveSpaces = false
  /// A header whose padding a blog or a chat collapsed to single spaces (`NAME READY STATUS
  /// RESTARTS AGE`): its rows are collapsed too, so they are read word by word.
  var singleSpaced = false

  init(columns: [String], offsets: [TableColumn]?) { self.columns = columns; self.offsets = offsets }

  init?(header text: some StringProtocol) {
    guard var cols = TableColumns.header(text) else { return nil }
    // v0.19–v0.21 (June 2015, PR #9032) titled the column REASON (`ExitCode:127`, `OOM Killed`,
    // `Error: image x not found`); v1.0 renamed it STATUS.
    let reasonColumn = !cols.contains { $0.name == "STATUS" } && cols.contains { $0.name == "REASON" }
    if reasonColumn { for k in cols.indices where cols[k].name == "REASON" { cols[k].name = "STATUS" } }
    let names = cols.map(\.name)
    guard names.first == "NAME" || (names.first == "NAMESPACE" && names.dropFirst().first == "NAME"),
          names.contains("READY"), names.contains("STATUS") else { return nil }
    self.init(columns: names, offsets: cols)
    statusMayHaveSpaces = reasonColumn
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    singleSpaced = names.count >= 4 && !trimmed.contains("  ") && !trimmed.contains("\t")
  }

  /// `web-0  1/1  Running  0  5m` (optionally after a namespace, optionally `-o wide`).
  init?(guessing text: some StringProtocol) {
    if var g = PodsTableLayout(guessingWords: PodsTableLayout.fields(text), line: text) {
      // Cells are parted by runs of blanks here, so a STATUS of two words (the 2015 REASON
      // column's `OOM Killed`, `Error: image x not found`, its header gone) is still one cell.
      g.statusMayHaveSpaces = !g.filler
      self = g
      return
    }
    // A row whose padding was collapsed to single spaces (a blog, a chat): read word by word.
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.contains("  "), !trimmed.contains("\t") else { return nil }
    var words: [String] = []
    for w in String(trimmed).split(separator: " ").map(String.init) {
      // `3 (2m ago)` is one RESTARTS cell.
      if w == "ago)", let open = words.last, open.hasPrefix("("), words.count >= 2 {
        words.removeLast()
        words[words.count - 1] += " " + open + " " + w
      } else {
        words.append(w)
      }
    }
    guard let g = PodsTableLayout(guessingWords: words, line: text) else { return nil }
    self = g
    singleSpaced = true
  }

  private init?(guessingWords f: [String], line text: some StringProtocol) {
    let wide = ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
    if f.count >= 5, PodsTableLayout.isReady(f[1]), Age.parse(f[4]) != nil {
      self.init(columns: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"] + (f.count >= 7 ? wide : []), offsets: nil)
    } else if f.count >= 6, PodsTableLayout.isReady(f[2]), Age.parse(f[5]) != nil {
      self.init(columns: ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"] + (f.count >= 8 ? wide : []),
                offsets: nil)
    } else if f.count == 4, PodsTableLayout.isReady(f[1]), Int(f[3]) != nil, f[2].first?.isUppercase == true,
              f[2].allSatisfy({ $0.isLetter || $0 == ":" || $0.isNumber || $0 == "/" }) {
      // A row whose AGE a person cut off (`cilium-abc123  0/1  CrashLoopBackOff  5`).
      self.init(columns: ["NAME", "READY", "STATUS", "RESTARTS"], offsets: nil)
    } else if f.count == 3, PodsTableLayout.isReady(f[1]), !f[0].contains(" "),
              { if case .other = KubectlStatus(f[2]) { return false } else { return true } }() {
      // A row a person cut after STATUS (`secret-generation-1-m6k2h  0/1  Completed`): only a
      // STATUS kubectl prints makes it one.
      self.init(columns: ["NAME", "READY", "STATUS"], offsets: nil)
    } else if let t = PodsTableLayout.fillerTokens(text) {
      self.init(columns: Array(["NAME", "READY", "STATUS", "RESTARTS", "AGE"].prefix(t.count)), offsets: nil)
      filler = true
    } else {
      return nil
    }
  }

  /// A row's cells split at runs of spaces, with a READY cell (`0/1`) that a long NAME pushed to a
  /// single space (`nginx-ingress-controller-5bc859ff4c-strxt 0/1`, as an overflowing column or a
  /// hand-edited row prints it) taken apart from the name.
  static func fields(_ text: some StringProtocol) -> [String] {
    var out: [String] = []
    for cell in TableColumns.fields(text) {
      let parts = cell.split(separator: " ")
      if parts.count == 2, isReady(String(parts[1])), !parts[0].contains("/") || parts[0].hasPrefix("pod/") {
        out.append(String(parts[0])); out.append(String(parts[1]))
      } else {
        out.append(cell)
      }
    }
    return out
  }

  /// The words of a hand-made row once its dash-only filler cells (`---`, `----`) are dropped:
  /// `NAME READY STATUS RESTARTS [AGE]`. Nil when the line holds no filler or is not such a row.
  static func fillerTokens(_ text: some StringProtocol) -> [String]? {
    let words = String(text).split(whereSeparator: { (c: Character) in c == " " || c == "\t" }).map(String.init)
    let isFiller: (String) -> Bool = { $0.count >= 2 && $0.allSatisfy { $0 == "-" } }
    let t = words.filter { !isFiller($0) }
    guard t.count < words.count, t.count == 4 || t.count == 5, isReady(t[1]), Int(t[3]) != nil,
          t[2].first?.isUppercase == true, t[2].allSatisfy({ $0.isLetter || $0 == ":" || $0.isNumber || $0 == "/" }),
          t.count == 4 || Age.parse(t[4]) != nil else { return nil }
    return t
  }

  static func isReady(_ s: String) -> Bool {
    let p = s.split(separator: "/", omittingEmptySubsequences: false)
    return p.count == 2 && p.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
  }

  func row(_ text: some StringProtocol, line: Int) -> PodsTableRow? {
    if filler {
      guard let t = PodsTableLayout.fillerTokens(text), t.count == columns.count else { return nil }
      return build(Dictionary(zip(columns, t), uniquingKeysWith: { a, _ in a }), line: line)
    }
    let required = min(columns.count, (columns.firstIndex(of: "AGE") ?? columns.count - 1) + 1)
    if singleSpaced, let cells = wordCells(text, required: required), let r = build(cells, line: line) {
      return r
    }
    if let offsets, let cells = TableColumns.cells(text, columns: offsets),
       let r = build(Dictionary(zip(columns, cells), uniquingKeysWith: { a, _ in a }), line: line) {
      return r
    }
    let f = PodsTableLayout.fields(text)
    guard f.count >= required else { return nil }
    return build(Dictionary(zip(columns, f), uniquingKeysWith: { a, _ in a }), line: line)
  }

  /// The cells of a row whose padding was collapsed, word by word in the header's order (a
  /// RESTARTS of `4 (2m ago)` takes three words); nil when fewer than `required` cells are there.
  func wordCells(_ text: some StringProtocol, required: Int) -> [String: String]? {
    let w = String(text).split(whereSeparator: { (c: Character) in c == " " || c == "\t" }).map(String.init)
    return PodsTableLayout.cells(ofWords: w, from: 0, columns: columns, required: required)?.cells
  }

  /// Reads `columns` from `words[from...]` one word a cell, a RESTARTS of `4 (2m ago)` three;
  /// the cells and the index past them, or nil when the words end before `required` columns.
  static func cells(ofWords w: [String], from: Int, columns: [String], required: Int)
    -> (cells: [String: String], next: Int)? {
    var cells: [String: String] = [:]
    var k = from
    for (n, col) in columns.enumerated() {
      guard k < w.count else { return n >= required ? (cells, k) : nil }
      if col == "RESTARTS", k + 2 < w.count, w[k + 1].hasPrefix("("), w[k + 2] == "ago)" {
        cells[col] = w[k...(k + 2)].joined(separator: " ")
        k += 3
        continue
      }
      cells[col] = w[k]
      k += 1
    }
    return (cells, k)
  }

  func build(_ c: [String: String], line: Int) -> PodsTableRow? {
    guard var name = c["NAME"], !name.isEmpty, !name.contains(" "),
          let status = c["STATUS"], !status.isEmpty,
          !status.contains(" ") || (statusMayHaveSpaces && status.first?.isUppercase == true) else { return nil }
    // `kubectl get all` / `get pods,svc` print `pod/web-0` (`po/web-0` before 1.9, `pods/web-0` in `oc get all`).
    for prefix in ["pod/", "pods/", "po/"] where name.hasPrefix(prefix) { name = String(name.dropFirst(prefix.count)) }
    // Kubernetes names start and end with a letter or digit: `es-master-` is half a name a
    // person split (`es-master-  xxxx`), not a pod or a namespace.
    guard !name.isEmpty, !name.contains("/"), !name.hasSuffix("-"), !name.hasPrefix("-") else { return nil }
    var row = PodsTableRow(line: line, name: name, status: status)
    if let r = c["READY"] {
      guard PodsTableLayout.isReady(r) else { return nil }
      row.ready = r
    }
    if let r = c["RESTARTS"], !r.isEmpty {
      guard let parsed = PodsTableLayout.restarts(r) else { return nil }
      row.restarts = parsed.count
      row.lastRestartAge = parsed.ago
    }
    if let a = c["AGE"], !a.isEmpty {
      guard let age = Age.parse(a) else { return nil }
      row.age = age
    }
    if let ns = c["NAMESPACE"] {
      guard !ns.isEmpty, !ns.contains(" "), !ns.hasSuffix("-"), !ns.hasPrefix("-") else { return nil }
      row.namespace = ns
    }
    func value(_ key: String) -> String? {
      guard let v = c[key], !v.isEmpty, v != "<none>", v != "<nil>" else { return nil }
      return v
    }
    row.podIP = value("IP")
    row.node = value("NODE")
    row.nominatedNode = value("NOMINATED NODE")
    return row
  }

  /// `4`, `4 (2m ago)`.
  static func restarts(_ text: String) -> (count: Int, ago: Age?)? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if let n = InputBounds.int(t, in: InputBounds.restartCount) { return (n, nil) }
    guard let open = t.firstIndex(of: "("),
          let n = InputBounds.int(t[..<open].trimmingCharacters(in: .whitespaces), in: InputBounds.restartCount),
          t.hasSuffix(" ago)") else { return nil }
    let inner = t[t.index(after: open)..<t.index(t.endIndex, offsetBy: -" ago)".count)]
    guard let age = Age.parse(inner) else { return nil }
    return (n, age)
  }
}

/// A `kubectl get pods` table: one status fact per row at the segment's "now".
public struct PodsTableSegment: TextSegment {
  /// Always `pods-table`.
  public var format: String { "pods-table" }
  /// The source lines the table covers, header and prompt included.
  public var lines: ClosedRange<Int>
  /// The rows in printed order; a pod printed several times (`-w`) appears several times.
  public var rows: [PodsTableRow]
  /// Ages are HumanDuration (`7m6s`, `4 (2m ago)`).
  public var humanDuration: Bool

  /// A segment of the given rows.
  public init(lines: ClosedRange<Int>, rows: [PodsTableRow], humanDuration: Bool) {
    self.lines = lines; self.rows = rows; self.humanDuration = humanDuration
  }

  /// AGE → `.podCreated(pod:)`; RESTARTS `(2m ago)` → `.containerFinished(pod:container: nil)`.
  /// A pod printed several times (`-w`) anchors with its last row only.
  public var anchors: [AgeAnchor] {
    let lastRow = Dictionary(rows.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { _, b in b })
    return rows.enumerated().filter { lastRow[$0.element.name] == $0.offset }.map(\.element).flatMap { row -> [AgeAnchor] in
      var out: [AgeAnchor] = []
      if let a = row.age, a.value != nil { out.append(AgeAnchor(subject: .podCreated(pod: row.name), age: refine(a))) }
      if let a = row.lastRestartAge, a.value != nil {
        out.append(AgeAnchor(subject: .containerFinished(pod: row.name, container: nil), age: refine(a)))
      }
      return out
    }
  }

  func refine(_ a: Age) -> Age { humanDuration ? TableColumns.refineHuman(a) : a }

  /// One status fact per row, observed at `now`. A pod printed several times (`kubectl get
  /// pods -w`) is the same pod seen at several moments: AGE counts from one creation time, so
  /// each row was printed at creation + AGE, and the last row at `now`.
  public func facts(now: Instant?, nowError: Duration, source: String) -> [Fact] {
    let clock: Clock = now == nil ? .relative : .absolute
    let origin = now ?? Instant(micros: 0)
    let error = now == nil ? Duration.zero : nowError
    var lastAge: [String: Duration] = [:]
    var seen: [String: Int] = [:]
    for row in rows {
      let key = (row.namespace ?? "") + "/" + row.name
      seen[key, default: 0] += 1
      if let v = row.age?.value { lastAge[key] = v }
    }
    return rows.map { row in
      let age = row.age.map(refine)
      let key = (row.namespace ?? "") + "/" + row.name
      var observed = origin
      var created = age?.value.map { origin - $0 }
      if (seen[key] ?? 0) > 1, let last = lastAge[key], let v = age?.value {
        created = origin - last
        observed = origin - last + v
      }
      var s = PodSnapshot(origin: .table)
      s.row = PodRow(status: row.status, ready: row.ready, restarts: row.restarts,
                     lastRestartAge: row.lastRestartAge?.value, age: age?.value)
      s.creationTime = created
      s.podIP = row.podIP
      s.node = row.node
      s.nominatedNode = row.nominatedNode
      s.fieldLines["status"] = row.line
      if row.node != nil { s.fieldLines["node"] = row.line }
      return Fact(object: ObjectRef(namespace: row.namespace ?? ObjectRef.unknownNamespace, name: row.name), observed: observed,
                  clock: clock, uncertainty: (age?.resolution ?? .zero) + error, body: .status(s),
                  provenance: Provenance(source: source, firstLine: row.line, format: "pods-table"))
    }
  }
}
