import Foundation

/// What a paste's decoration pass removed: chat and Markdown dressing around kubectl output.
///
/// Each kind is removed without moving a line: source line numbers still point into the
/// user's file. The import report names the kinds and the lines they were found on.
public enum PasteDecoration: String, Sendable, Hashable, CaseIterable, Comparable {
  /// `> ` before a line (Markdown or e-mail quotes, nested or not).
  case blockquote
  /// `- `, `* `, `+ `, `• ` before every line of a run.
  case bullet
  /// `**…**`, `__…__`, `*…*`, `_…_` around a line (or opening/closing a run of lines).
  case emphasis
  /// A backtick around a line (inline code used line by line).
  case backticks
  /// `| a | b |` Markdown table rows, or cells joined by ` | ` or ` - `, realigned into columns.
  case separators
  /// A prompt glyph other than `$ # % >` (`❯`, `➜`, `»`, `λ`) before a command.
  case promptGlyph

  /// Orders by declaration order, the order the report lists kinds in.
  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
  }

  /// How the report names the decoration.
  public var phrase: String {
    switch self {
    case .blockquote: "blockquote marks"
    case .bullet: "list bullets"
    case .emphasis: "Markdown emphasis"
    case .backticks: "backticks"
    case .separators: "hand-made column separators"
    case .promptGlyph: "prompt glyphs"
    }
  }
}

/// Removes decoration from the lines of a paste, line by line and run by run, keeping the
/// columns of a table aligned (every line of a table loses the same prefix).
enum PasteDecorator {
  /// The lines without decoration, and what was removed on which line (1-based).
  static func strip(_ lines: [String]) -> (lines: [String], removed: [Int: Set<PasteDecoration>]) {
    var out = lines
    var removed: [Int: Set<PasteDecoration>] = [:]
    func mark(_ i: Int, _ d: PasteDecoration) { removed[i + 1, default: []].insert(d) }

    // 1. Per line: blockquote marks, then emphasis and backticks around the line.
    for i in out.indices { out[i] = undress(out[i]) { mark(i, $0) } }
    // 2. Runs of non-blank lines: bullets, then hand-made separators.
    var start = 0
    while start < out.count {
      guard !isBlank(out[start]) else { start += 1; continue }
      var end = start
      while end < out.count, !isBlank(out[end]) { end += 1 }
      if let marker = bulletMarker(Array(out[start..<end])) {
        for k in start..<end {
          out[k] = undress(dropBullet(out[k], marker)) { mark(k, $0) }
          mark(k, .bullet)
        }
      }
      // Hand-made tables inside the run (a command line may sit right above a `|` table).
      var a = start
      while a < end {
        var b = a
        while b < end, isTableRow(out[b]) { b += 1 }
        let head = b > a ? out[a].trimmingCharacters(in: .whitespaces) : ""
        let bracketed = head.hasPrefix("|") || head.hasPrefix("Normal - ") || head.hasPrefix("Warning - ")
        if b > a, bracketed || b - a >= 2, let aligned = realign(Array(out[a..<b])) {
          for (k, line) in zip(a..<b, aligned) where line != out[k] {
            out[k] = line
            mark(k, .separators)
          }
        }
        a = max(b, a + 1)
      }
      start = end
    }
    return (out, removed)
  }

  static func isBlank(_ s: String) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" } }

  /// The line without quote marks and wrappers, however they nest (`**> text**`, `> `text``).
  static func undress(_ line: String, removed: (PasteDecoration) -> Void) -> String {
    var t = line
    for _ in 0..<4 {
      var changed = false
      if let unquoted = unquote(t) { t = unquoted; removed(.blockquote); changed = true }
      if let plain = unwrap(t) { t = plain.text; plain.kinds.forEach(removed); changed = true }
      if !changed { break }
    }
    return t
  }

  /// The line without its leading `>` quote marks (`> > text`, `>text` is not a quote unless
  /// empty); nil when it has none.
  static func unquote(_ s: String) -> String? {
    var t = Substring(s)
    let lead = t.prefix { $0 == " " }
    t = t.dropFirst(lead.count)
    var found = false
    while t.hasPrefix(">") {
      let rest = t.dropFirst()
      guard rest.isEmpty || rest.hasPrefix(" ") || rest.hasPrefix(">") else { break }
      t = rest.hasPrefix(" ") ? rest.dropFirst() : rest
      found = true
    }
    return found ? String(lead) + String(t) : nil
  }

  /// A row an opening fence is glued to (`` ```Normal   Scheduled  7m21s  default-scheduler … ``):
  /// the row without the fence. Nil for a fence alone or with a language (`` ```yaml ``): the
  /// text after the fence must hold columns (a run of spaces or a tab between words).
  static func fenceGluedToRow(_ t: String) -> String? {
    let lead = t.prefix { $0 == " " || $0 == "\t" }
    let rest = t.dropFirst(lead.count)
    guard rest.hasPrefix("```") || rest.hasPrefix("~~~") else { return nil }
    let body = rest.drop { $0 == "`" || $0 == "~" }
    guard let first = body.first, first.isLetter || first.isNumber else { return nil }
    guard let gap = body.range(of: "  ") ?? body.range(of: "\t"),
          body[gap.upperBound...].contains(where: { $0 != " " && $0 != "\t" }) else { return nil }
    return String(lead) + String(body)
  }

  /// The line without emphasis or a backtick around it; nil when there is none.
  /// `**x**`, `__x__`, `*x*`, `_x_`, `` `x` `` (also only opening or only closing, for a wrapper
  /// spanning several lines). Fences (```) are left for the cleaner.
  static func unwrap(_ s: String) -> (text: String, kinds: Set<PasteDecoration>)? {
    let lead = s.prefix { $0 == " " || $0 == "\t" }
    var t = Substring(s).dropFirst(lead.count)
    var kinds: Set<PasteDecoration> = []
    // A fence glued to a row inside another wrapper (`> ```Normal   Scheduled  7m21s …`).
    if let row = fenceGluedToRow(String(t)) { t = Substring(row); kinds.insert(.backticks) }
    guard !t.isEmpty, !t.hasPrefix("```"), !t.hasPrefix("~~~") else { return nil }
    var inside = Substring("")  // spaces found inside a removed wrapper, kept for alignment
    var changed = true
    while changed, !t.isEmpty {
      changed = false
      // A quote around a wrapper (`"**Failed to pull image …` … `Error syncing pod**"`).
      for q in ["\"", "“", "”", "'"] {
        if t.hasPrefix(q + "**") || t.hasPrefix(q + "`") || t.hasPrefix(q + "__") { t = t.dropFirst(); changed = true }
        if t.hasSuffix("**" + q) || t.hasSuffix("`" + q) || t.hasSuffix("__" + q) { t = t.dropLast(); changed = true }
      }
      for w in ["**", "__"] where t.hasPrefix(w) || t.hasSuffix(w) {
        let body = t.dropFirst(t.hasPrefix(w) ? 2 : 0)
        let close = body.range(of: w)
        if t.hasPrefix(w), close == nil || close?.upperBound == body.endIndex {
          // Around the whole line, or opening a run of lines.
          t = body; kinds.insert(.emphasis); changed = true
          if t.hasSuffix(w) { t = t.dropLast(2) }
        } else if !t.hasPrefix(w), t.hasSuffix(w), t.dropLast(2).range(of: w) == nil {
          // Closing a run of lines.
          t = t.dropLast(2); kinds.insert(.emphasis); changed = true
        }
      }
      if t.hasPrefix("`"), !t.hasPrefix("```") {
        t = t.dropFirst(); kinds.insert(.backticks); changed = true
        if t.hasSuffix("`"), !t.hasSuffix("```") { t = t.dropLast() }
      } else if t.hasSuffix("`"), !t.hasSuffix("```"), t.filter({ $0 == "`" }).count == 1 {
        t = t.dropLast(); kinds.insert(.backticks); changed = true
      }
      // A closing fence glued to the end of a row (`… devicePath is empty.` + "```").
      let fence = t.reversed().prefix { $0 == "`" }.count
      if fence >= 3, t.count > fence {
        t = t.dropLast(fence); kinds.insert(.backticks); changed = true
      }
      // `*text*` / `_text_` around the whole line only (a `* ` bullet is not emphasis).
      for w: Character in ["*", "_"] where t.count > 2 && t.first == w && t.last == w {
        let inner = t.dropFirst().dropLast()
        if inner.first != " ", inner.last != " ", !inner.contains(w) {
          t = inner; kinds.insert(.emphasis); changed = true
        }
      }
      if changed {
        // A wrapper outside the indentation (`` `   Warning … ` ``): look past the spaces.
        let spaces = t.prefix { $0 == " " || $0 == "\t" }
        inside += spaces
        t = t.dropFirst(spaces.count)
      }
    }
    while let last = t.last, last == " " || last == "\t" { t = t.dropLast() }
    // `**Warning**: FailedSync …`: emphasis on words inside the line.
    var inner = String(t)
    for pattern in [#"\*\*([A-Za-z<][^*`]{0,60}?)\*\*"#, #"__([A-Za-z<][^_`]{0,60}?)__"#] where inner.count < 4000 && inner.contains(pattern.hasPrefix("_") ? "__" : "**") {
      let replaced = inner.replacingOccurrences(of: pattern, with: "$1", options: .regularExpression)
      if replaced != inner { inner = replaced; kinds.insert(.emphasis) }
    }
    // `_**ErrImageNeverPull**_` in a row: one word in `_…_` or `*…*` between spaces, a kubectl
    // word (capitalised: a STATUS or reason), never an identifier's own underscores.
    if inner.count < 4000, inner.contains(" _") || inner.contains(" *") || inner.contains("\t_") || inner.contains("\t*") {
      let replaced = inner.replacingOccurrences(of: #"(?<=^|[ \t])([_*])([A-Z][A-Za-z:]{2,40})\1(?=[ \t]|$)"#, with: "$2", options: .regularExpression)
      if replaced != inner { inner = replaced; kinds.insert(.emphasis) }
    }
    guard !kinds.isEmpty else { return nil }
    return (String(lead) + String(inside) + inner, kinds)
  }

  /// The bullet every line of a run starts with (`- `, `* `, `+ `, `• `), unless the run is
  /// YAML (a list whose items are all `key: value` lines is YAML, not a bulleted paste).
  static func bulletMarker(_ run: [String]) -> String? {
    let starts = run.map { $0.drop { $0 == " " } }
    for marker in ["- ", "* ", "+ ", "• ", "· "] where starts.allSatisfy({ $0.hasPrefix(marker) || $0 == marker.dropLast() }) {
      guard starts.contains(where: { $0.count > marker.count }) else { continue }
      let bodies = starts.map { $0.dropFirst(marker.count) }
      // (`{kubelet node-1}`, a 2015 events row's SOURCE, is no flow mapping: nothing in it has a colon.)
      func flowMapping(_ b: Substring) -> Bool { b.hasPrefix("{") && (b.firstIndex(of: "}").map { b[..<$0].contains(":") } ?? true) }
      // A dash before every line of an indented document (`- conditions:`, `-   - type: Ready`,
      // `-     status: "False"`) is a bullet: YAML continues an item's lines without dashes.
      let bulletedDocument = marker == "- " && bodies.count >= 3 && bodies.contains { $0.hasPrefix("  ") }
        && bodies.contains { !$0.hasPrefix(" ") }
      if marker == "- ", !bulletedDocument,
         bodies.allSatisfy({ StructuredSniffer.isYAMLKeyLine($0) || flowMapping($0) || $0.hasPrefix("\"") }) {
        return nil
      }
      if marker == "- ", bodies.allSatisfy({ $0.drop { $0 == " " }.hasPrefix("-") }) { return nil }
      return marker
    }
    return nil
  }

  static func dropBullet(_ s: String, _ marker: String) -> String {
    let lead = s.prefix { $0 == " " }
    return String(lead) + String(s.dropFirst(lead.count).dropFirst(marker.count))
  }

  /// Whether a line is a row of a hand-made table: `| a | b |`, `a | b | c`, or
  /// `Warning - BackOff - 2m - …`.
  static func isTableRow(_ line: String) -> Bool {
    let t = line.trimmingCharacters(in: .whitespaces)
    if t.hasPrefix("|") && t.hasSuffix("|") && t.count >= 3 { return true }
    let cells = t.components(separatedBy: " | ")
    // `Replicas:  2 desired | 2 updated | …` is a describe field, not a table; a clock time
    // (`8:37:08 PM | Warning | Unhealthy | …`, a web console's events) is a cell.
    if cells.count >= 3, let first = cells.first,
       !first.contains(":") || first.wholeMatch(of: /\d{1,2}:\d{2}(:\d{2})?( ?[AaPp][Mm])?/) != nil { return true }
    return t.hasPrefix("Normal - ") || t.hasPrefix("Warning - ")
  }

  /// A run of lines whose cells are separated by hand: `| a | b |` (Markdown tables; their
  /// `|---|` rule becomes blank), `a | b | c`, or an events row `Warning - BackOff - 2m - kubelet
  /// - msg`. The cells are padded into columns (3 spaces apart, as kubectl's tables), so the
  /// table parsers read them; nil when the run is not such a table.
  static func realign(_ run: [String]) -> [String]? {
    let pipe = run.allSatisfy { line in
      let t = line.trimmingCharacters(in: .whitespaces)
      return (t.hasPrefix("|") && t.hasSuffix("|") && t.count >= 3) || t.components(separatedBy: " | ").count >= 3
    }
    var rows: [[String]?] = []
    if pipe {
      for line in run {
        var t = line.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("|") { t.removeFirst() }
        if t.hasSuffix("|") { t.removeLast() }
        let cells = t.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if cells.allSatisfy({ c in !c.isEmpty && c.allSatisfy { "-:= ".contains($0) } }) { rows.append(nil); continue }
        rows.append(cells)
      }
    } else {
      // `Warning - BackOff - 2m - kubelet - Back-off restarting …`: only events rows, whose first
      // cell is an event type; the message keeps its own dashes (at most five cells).
      for line in run {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("Normal - ") || t.hasPrefix("Warning - ") else { return nil }
        var cells: [String] = []
        var rest = Substring(t)
        while cells.count < 4, let r = rest.range(of: " - ") {
          cells.append(String(rest[..<r.lowerBound]).trimmingCharacters(in: .whitespaces))
          rest = rest[r.upperBound...]
        }
        cells.append(String(rest).trimmingCharacters(in: .whitespaces))
        guard cells.count >= 4 else { return nil }
        rows.append(cells)
      }
    }
    guard rows.contains(where: { $0 != nil }) else { return nil }
    var widths: [Int] = []
    for case let cells? in rows {
      for (k, c) in cells.enumerated() {
        if k == widths.count { widths.append(0) }
        widths[k] = max(widths[k], c.count)
      }
    }
    return rows.map { cells in
      guard let cells else { return "" }
      var line = ""
      for (k, c) in cells.enumerated() {
        if k == cells.count - 1 { line += c; break }
        line += c + String(repeating: " ", count: widths[k] - c.count + 3)
      }
      return line
    }
  }
}
