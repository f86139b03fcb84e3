import Foundation

/// One column of a kubectl table header: its name (`LAST SEEN`, `NOMINATED NODE`) and the
/// character offset where it starts.
struct TableColumn: Sendable, Hashable {
  var name: String
  var start: Int
}

/// Splitting kubectl table lines into cells: by the header's column offsets, or, when a row is
/// not aligned with its header (pasted with tabs, printed by a watch), by runs of two or more
/// spaces.
enum TableColumns {
  /// Header names that contain a space.
  static let multiWord: [(String, String)] = [
    ("LAST", "SEEN"), ("FIRST", "SEEN"), ("NOMINATED", "NODE"), ("READINESS", "GATES"),
  ]

  /// The words of a line (split at spaces and tabs) with the column (character offset) each
  /// starts at.
  static func words(_ text: some StringProtocol) -> [(String, Int)] {
    let chars = Array(text)
    var words: [(String, Int)] = []
    var i = 0
    while i < chars.count {
      if chars[i] == " " || chars[i] == "\t" { i += 1; continue }
      let start = i
      while i < chars.count, chars[i] != " ", chars[i] != "\t" { i += 1 }
      words.append((String(chars[start..<i]), start))
    }
    return words
  }

  /// Reads a header line: every word upper case (`A-Z`, `0-9`, `_`, `-`), two-word names
  /// merged. `LASTSEEN`/`FIRSTSEEN` become `LAST SEEN`/`FIRST SEEN`. Nil when not a header.
  static func header(_ text: some StringProtocol) -> [TableColumn]? {
    let words = TableColumns.words(text)
    guard !words.isEmpty else { return nil }
    for (w, _) in words {
      guard w.allSatisfy({ ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "_" || $0 == "-" }),
            w.contains(where: { $0.isLetter }) else { return nil }
    }
    var columns: [TableColumn] = []
    var k = 0
    while k < words.count {
      let (w, start) = words[k]
      if k + 1 < words.count, multiWord.contains(where: { $0.0 == w && $0.1 == words[k + 1].0 }),
         words[k + 1].1 == start + w.count + 1 {
        columns.append(TableColumn(name: w + " " + words[k + 1].0, start: start))
        k += 2
        continue
      }
      let name = w == "LASTSEEN" ? "LAST SEEN" : w == "FIRSTSEEN" ? "FIRST SEEN" : w
      columns.append(TableColumn(name: name, start: start))
      k += 1
    }
    return columns
  }

  /// Cuts `text` at the columns' offsets. Nil when a cut falls inside a word (the row is not
  /// aligned with the header) or the line holds tabs.
  static func cells(_ text: some StringProtocol, columns: [TableColumn]) -> [String]? {
    let chars = Array(text)
    guard !chars.contains("\t"), !columns.isEmpty else { return nil }
    var out: [String] = []
    for (n, col) in columns.enumerated() {
      let from = min(col.start, chars.count)
      let to = n + 1 < columns.count ? min(columns[n + 1].start, chars.count) : chars.count
      if n > 0, col.start < chars.count, col.start > 0, chars[col.start - 1] != " " { return nil }
      if n == 0, col.start > 0, col.start <= chars.count, chars[..<col.start].contains(where: { $0 != " " }) { return nil }
      out.append(from < to ? String(chars[from..<to]).trimmingCharacters(in: .whitespaces) : "")
    }
    return out
  }

  /// Splits at tabs and at runs of two or more spaces.
  static func fields(_ text: some StringProtocol) -> [String] {
    var out: [String] = []
    var current = ""
    var spaces = 0
    for c in text {
      if c == "\t" {
        if !current.isEmpty { out.append(current) }
        current = ""; spaces = 0
      } else if c == " " {
        spaces += 1
      } else {
        if spaces >= 2, !current.isEmpty { out.append(current); current = "" }
        else if spaces == 1, !current.isEmpty { current.append(" ") }
        spaces = 0
        current.append(c)
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  /// Assigns whitespace-split `fields` to `columns` (names): equal counts zip; an empty
  /// SUBOBJECT is put back where the field there is not one; extra fields go to MESSAGE
  /// (joined by two spaces, as they were printed). Nil when the counts cannot be reconciled.
  static func assign(_ fields: [String], to columns: [String]) -> [String: String]? {
    var f = fields
    if f.count < columns.count, let s = columns.firstIndex(of: "SUBOBJECT"), s <= f.count,
       s == f.count || !looksLikeFieldPath(f[s]) {
      f.insert("", at: s)
    }
    if f.count == columns.count {
      return Dictionary(zip(columns, f), uniquingKeysWith: { a, _ in a })
    }
    guard f.count > columns.count, let m = columns.firstIndex(of: "MESSAGE") else { return nil }
    let after = columns.count - 1 - m
    var out: [String: String] = [:]
    for k in 0..<m { out[columns[k]] = f[k] }
    for k in 0..<after { out[columns[m + 1 + k]] = f[f.count - after + k] }
    out["MESSAGE"] = f[m..<(f.count - after)].joined(separator: "  ")
    return out
  }

  /// `spec.containers{web}`, `spec.initContainers{init}`, `{...}`.
  static func looksLikeFieldPath(_ s: String) -> Bool {
    s.hasPrefix("spec.") || (s.contains("{") && s.hasSuffix("}") && !s.contains(" "))
  }

  /// Leading spaces and tabs of a line.
  static func indentation(_ text: some StringProtocol) -> Int {
    text.prefix(while: { $0 == " " || $0 == "\t" }).count
  }

  /// `text` without up to `count` leading blanks.
  /// At a blank line inside a table: the index of the next row when blank lines are all that
  /// separate it from the one before (`oc get events` pastes), nil when the table ends here.
  static func rowAfterBlanks(_ lines: [SourceLine], from i: Int, indent: Int,
                             isRow: (Substring, Int) -> Bool) -> Int? {
    var j = i + 1
    while j < lines.count, lines[j].text.allSatisfy({ $0 == " " || $0 == "\t" }) { j += 1 }
    guard j < lines.count, isRow(dropIndent(lines[j].text, indent), lines[j].number) else { return nil }
    return j
  }

  static func dropIndent(_ text: Substring, _ count: Int) -> Substring {
    var t = text
    var n = 0
    while n < count, let c = t.first, c == " " || c == "\t" { t = t.dropFirst(); n += 1 }
    return t
  }

  /// Whether an age in the table shows `HumanDuration` (kubectl ≈1.12+: `7m6s`, `90s`), not the
  /// one-unit `ShortHumanDuration` of older servers.
  static func isHumanDuration(_ text: some StringProtocol) -> Bool {
    let units = text.filter { $0.isLetter }.count
    if units >= 2 { return true }
    if text.hasSuffix("s"), let n = Int(text.dropLast()), n >= 60 { return true }
    return false
  }

  /// Narrows an age's resolution where `HumanDuration` proves more: it prints `5m` below
  /// 10 min only when the seconds are 0, `5h` below 8 h only when the minutes are 0, `3d`
  /// below 8 d only when the hours are 0.
  static func refineHuman(_ age: Age) -> Age {
    guard case let .known(v, r) = age else { return age }
    let s = v.micros / 1_000_000
    if r == .seconds(60), s < 600 { return .known(value: v, resolution: .seconds(1)) }
    if r == .seconds(3600), s >= 3 * 3600, s < 8 * 3600 { return .known(value: v, resolution: .seconds(60)) }
    if r == .seconds(86400), s >= 2 * 86400, s < 8 * 86400 { return .known(value: v, resolution: .seconds(3600)) }
    return age
  }
}

/// A shell prompt line with a kubectl/oc command (`$ kubectl get pods -n shop -o wide`,
/// `root@host:~# kubectl get event --watch`), and what it tells about the table below it.
struct TablePrompt: Sendable, Hashable {
  enum Command: Sendable, Hashable { case getEvents, events, getPods, other }
  var command: Command
  var namespace: String?
  var allNamespaces: Bool
  var watch: Bool
  /// The character offset just past the command's last word on the line (where a flattened
  /// paste continues with the table).
  var end: Int

  /// Reads a line holding `kubectl ...` or `oc ...` after an optional prompt. Nil otherwise.
  init?(_ input: some StringProtocol) {
    let text = String(input)
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    // `osc` (OpenShift 3 betas, 2015) and `kubecfg` (2014) printed the same tables.
    guard let k = words.firstIndex(where: { ["kubectl", "oc", "osc", "kubecfg"].contains($0) || $0.hasSuffix("/kubectl") })
    else { return nil }
    // Whatever precedes the command must look like a prompt: `$`, `#`, `>`, `user@host:~#`, `[root@m k8s]#`.
    let before = words[..<k]
    if let last = before.last {
      guard last.hasSuffix("$") || last.hasSuffix("#") || last.hasSuffix(">") || last.hasSuffix("%") || last == "microk8s"
      else { return nil }
    }
    let args = words[(k + 1)...].map(String.init)
    var command = Command.other
    if let g = args.firstIndex(of: "get"), g + 1 < args.count {
      let what = args[g + 1].lowercased().split(separator: ",").first.map(String.init) ?? ""
      if ["ev", "event", "events", "events.k8s.io", "event.events.k8s.io"].contains(what) { command = .getEvents }
      else if ["po", "pod", "pods"].contains(what) { command = .getPods }
    } else if args.first == "list", let what = args.dropFirst().first, ["pods", "minions", "events"].contains(what) {
      command = what == "pods" ? .getPods : what == "events" ? .getEvents : .other  // kubecfg list pods
    } else if args.first == "events" || args.first == "alpha" && args.dropFirst().first == "events" {
      command = .events
    }
    self.command = command
    namespace = nil
    allNamespaces = false
    watch = false
    var i = 0
    while i < args.count {
      let a = args[i]
      if a == "|" || a == ">" || a == "LAST" || a == "NAMESPACE" || a == "NAME" { break }  // a pipe, or a flattened table
      if (a == "-n" || a == "--namespace"), i + 1 < args.count { namespace = args[i + 1]; i += 2; continue }
      if a.hasPrefix("--namespace=") { namespace = String(a.dropFirst("--namespace=".count)) }
      else if a.hasPrefix("-n"), a.count > 2, !a.hasPrefix("--") { namespace = String(a.dropFirst(2)) }
      if a == "-A" || a == "--all-namespaces" || a == "--all-namespaces=true" { allNamespaces = true }
      if a == "-w" || a == "--watch" || a == "--watch=true" || a == "--watch-only" { watch = true }
      i += 1
    }
    end = text.count
  }

  /// The prompt just above `lines[index]` (blank lines between allowed), when there is one.
  static func before(_ lines: [SourceLine], _ index: Int) -> TablePrompt? {
    var j = index - 1
    while j >= 0, index - j <= 3 {
      let t = lines[j].text.drop(while: { $0 == " " || $0 == "\t" })
      if !t.isEmpty { return TablePrompt(t) }
      j -= 1
    }
    return nil
  }

  /// Whether a line looks like any shell prompt (it ends a table).
  static func isPrompt(_ text: some StringProtocol) -> Bool {
    if TablePrompt(text) != nil { return true }
    let t = text.drop(while: { $0 == " " })
    if t.hasPrefix("$ ") || t.hasPrefix("# ") || t.hasPrefix("> ") || t == "$" || t == "#" { return true }
    if let first = t.split(separator: " ").first, first.count > 1,
       (first.hasSuffix("$") || first.hasSuffix("#")), first.contains("@") || first.hasPrefix("[") || first.contains(":") {
      return true
    }
    return false
  }
}

/// Lines that clearly end a table: code fences, `......` elisions, `Key:  value` lines of a
/// describe, section words like `Events:`.
enum TableBoundary {
  static func isForeign(_ text: some StringProtocol) -> Bool {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.isEmpty { return false }
    if t.allSatisfy({ !$0.isLetter && !$0.isNumber }) { return true }  // ```, ......, ----
    if TablePrompt.isPrompt(t) { return true }
    // `Name:         web-0`, `Events:`, `Status:  Running`
    if let colon = t.firstIndex(of: ":") {
      let key = t[..<colon]
      let rest = t[t.index(after: colon)...]
      if !key.isEmpty, key.count <= 30, key.first?.isUppercase == true,
         key.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" }),
         rest.isEmpty || rest.hasPrefix(" ") || rest.hasPrefix("\t") {
        return true
      }
    }
    return false
  }
}
