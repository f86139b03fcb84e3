import Foundation

/// When a describe Events row says something happened: relative ages (resolved later against the
/// segment's "now") or absolute times (2015 builds printed RFC 1123 times).
enum DescribeEventTime: Sendable, Hashable {
  case age(Age)
  case absolute(Instant)

  var age: Age? { if case let .age(a) = self { return a } else { return nil } }
  var absolute: Instant? { if case let .absolute(t) = self { return t } else { return nil } }
}

/// One row of a describe Events table, before its ages are resolved.
struct DescribeEventRow: Sendable, Hashable {
  var type: String?
  var reason: String
  var message: String
  /// Last occurrence (new table's Age, old table's LastSeen).
  var last: DescribeEventTime
  /// First occurrence (`over 84s`, FirstSeen); nil when the table printed only one age.
  var first: DescribeEventTime?
  var count: Int
  var component: String?
  var host: String?
  /// SubObjectPath (old tables) or the `spec.containers{app}: ` message prefix (kubectl 1.35+).
  var fieldPath: String?
  var firstLine: Int
  var lastLine: Int
  /// Length of the last physical line, to tell terminal hard wraps from message newlines.
  var lastPhysicalLength: Int
  /// Which table layout the row was read as.
  var layout: DescribeEventLayout = .modern
}

/// The two layouts of describe's Events table (docs/kubernetes-semantics.md §2.2).
enum DescribeEventLayout: Sendable, Hashable {
  /// `Type Reason Age From Message` (kubectl 1.8+).
  case modern
  /// `FirstSeen LastSeen Count From SubObjectPath [Type] Reason Message` (kubectl ≤1.7).
  case legacy
  /// A table a person cut down to some of its columns (`Reason  Message`, `Type  Reason
  /// Message`), the lower-cased header words in order; rows are read by those columns.
  case trimmed([String])
}

/// Parses describe Events rows. Columns are found by what each column can hold (a type word, an
/// age or RFC 1123 time, a count, a `{component host}` or `component, host` source) rather than by
/// header offsets: real pastes turn tabs into spaces, mask node names and so shift the columns
/// (corpus 022, 035), while tabwriter's padding of 2 keeps tokens apart.
enum DescribeEventParser {
  /// A word with its offset in the line.
  struct Token { var text: Substring; var start: String.Index; var end: String.Index }

  static func tokens(_ s: Substring) -> [Token] {
    var out: [Token] = []
    var i = s.startIndex
    while i < s.endIndex {
      while i < s.endIndex, s[i] == " " || s[i] == "\t" { i = s.index(after: i) }
      guard i < s.endIndex else { break }
      let start = i
      while i < s.endIndex, s[i] != " ", s[i] != "\t" { i = s.index(after: i) }
      out.append(Token(text: s[start..<i], start: start, end: i))
    }
    return out
  }

  /// Whether `line` is the header of a describe Events table, and which layout.
  static func headerLayout(_ line: Substring) -> DescribeEventLayout? {
    let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
    guard words.contains("reason") else { return nil }
    // `Last` instead of `Age`: a 2017 prototype kubectl (`1h (x3 from 1h)`).
    if words.first == "type", words.contains("age") || words.contains("last"), words.contains("from") { return .modern }
    if words.first == "firstseen" || (words.first == "first" && words.contains("lastseen")), words.contains("from") {
      return .legacy
    }
    let known: Set<String> = ["type", "reason", "age", "count", "from", "source", "message"]
    // describe capitalises its headers (`Reason`); `REASON  MESSAGE` is a get events table's.
    if words.last == "message", words.count >= 2, line.contains("Reason"), line.contains("Message"), words.allSatisfy(known.contains), Set(words).count == words.count {
      return .trimmed(words)
    }
    return nil
  }

  /// A row of a table cut down to `columns` (header words, `message` last). An absent or
  /// unreadable age is unknown.
  static func parseTrimmed(_ line: SourceLine, columns: [String]) -> DescribeEventRow? {
    let tk = tokens(line.text)
    var i = 0
    var type: String?
    var reason: String?
    var last = Age.unknown
    var count = 1
    var component: String?
    var host: String?
    for col in columns.dropLast() {
      guard i < tk.count else { return nil }
      let t = tk[i].text
      switch col {
      case "type":
        guard isEventType(t) else { return nil }
        type = String(t)
      case "reason":
        guard isReasonWord(t) else { return nil }
        reason = String(t)
      case "age":
        guard let a = Age.parse(t) ?? (isElidedCell(t) ? .unknown : nil) else { return nil }
        last = a
      case "count":
        guard let n = InputBounds.count(t) else { return nil }
        count = max(n, 1)
      default:  // from, source
        if t.hasSuffix(","), i + 1 < tk.count { component = String(t.dropLast()); host = String(tk[i + 1].text); i += 1 }
        else { component = String(t) }
      }
      i += 1
    }
    guard let reason, i < tk.count else { return nil }
    var fieldPath: String?
    var message = String(line.text[tk[i].start...])
    (fieldPath, message) = splitFieldPathPrefix(message)
    return DescribeEventRow(type: type, reason: reason, message: message, last: .age(last), first: nil, count: count,
                            component: component, host: host, fieldPath: fieldPath,
                            firstLine: line.number, lastLine: line.number, lastPhysicalLength: line.text.count,
                            layout: .trimmed(columns))
  }

  /// `----  ------  ---` under the header (box-drawing already turned into dashes).
  static func isRule(_ line: Substring) -> Bool {
    let t = line.trimmingCharacters(in: .whitespaces)
    return t.count >= 3 && t.allSatisfy { $0 == "-" || $0 == " " || $0 == "\t" || $0 == "=" }
  }

  /// Parses one row in either layout (`layout` nil: whichever fits).
  static func parseRow(_ line: SourceLine, layout: DescribeEventLayout?) -> DescribeEventRow? {
    if case let .trimmed(columns)? = layout { return parseTrimmed(line, columns: columns) }
    if layout != .legacy, let r = parseModern(line) { return r }
    if layout != .modern, let r = parseLegacy(line) { return r }
    return nil
  }

  static func isEventType(_ s: Substring) -> Bool { s == "Normal" || s == "Warning" }

  /// A cell a person blanked out when pasting: `...`, `…`, `-`, `?`, `<age>`.
  static func isElidedCell(_ s: Substring) -> Bool {
    if s == "-" || s == "?" || s == "…" { return true }
    if s.count >= 2, s.allSatisfy({ $0 == "." || $0 == "…" }) { return true }
    return s.count >= 3 && s.first == "<" && s.last == ">" && s.dropFirst().dropLast().allSatisfy { $0.isLetter || $0 == "-" || $0 == "_" }
  }

  /// `Normal  Killing  28s (x3 over 68s)  kubelet, worker1  Container x failed liveness probe, ...`
  static func parseModern(_ line: SourceLine) -> DescribeEventRow? {
    let tk = tokens(line.text)
    guard tk.count >= 4, isEventType(tk[0].text), isReasonWord(tk[1].text) else { return nil }
    var i = 2
    // An age the paste elided (`...`, `…`, `<age>`) is unknown, not a damaged row.
    guard let lastAge = Age.parse(tk[i].text) ?? (isElidedCell(tk[i].text) ? .unknown : nil) else { return nil }
    i += 1
    var count = 1
    var firstAge: Age?
    // `(x4 over 84s)`
    // `(x4 over 84s)`; a 2017 prototype printed `(x3 from 1h)` and `(x2 starting 1h)`.
    if i + 2 < tk.count, tk[i].text.hasPrefix("(x"), ["over", "from", "starting"].contains(tk[i + 1].text),
       tk[i + 2].text.hasSuffix(")") {
      let text = "\(tk[i - 1].text) \(tk[i].text) over \(tk[i + 2].text)"
      guard let agg = AggregatedAge.parse(text) else { return nil }
      count = agg.count ?? 1
      firstAge = agg.first
      i += 3
    }
    var component: String?
    var host: String?
    if i < tk.count {
      let from = tk[i].text
      if from.hasSuffix(","), i + 1 < tk.count {
        component = String(from.dropLast())
        host = String(tk[i + 1].text)
        i += 2
      } else if from.hasPrefix("{") {
        // `{kubelet node-1}` in a modern table (kubectl 1.8 against an old server): keep it.
        var parts: [Substring] = [from]
        while !(parts.last?.hasSuffix("}") ?? true), i + 1 < tk.count { i += 1; parts.append(tk[i].text) }
        (component, host) = parseBraceSource(parts.joined(separator: " "))
        i += 1
      } else if from.hasPrefix("(") {
        return nil  // a cut-off `(x4 over ...`
      } else {
        component = String(from)
        i += 1
      }
    }
    var message = i < tk.count ? String(line.text[tk[i].start...]) : ""
    var fieldPath: String?
    (fieldPath, message) = splitFieldPathPrefix(message)
    return DescribeEventRow(type: String(tk[0].text), reason: String(tk[1].text), message: message,
                            last: .age(lastAge), first: firstAge.map { .age($0) }, count: count,
                            component: component, host: host, fieldPath: fieldPath,
                            firstLine: line.number, lastLine: line.number, lastPhysicalLength: line.text.count)
  }

  /// `51m  37m  50  {default-scheduler }  [spec.containers{x}]  [Warning]  FailedScheduling  message`
  /// with ages or RFC 1123 times in the first two columns.
  static func parseLegacy(_ line: SourceLine) -> DescribeEventRow? {
    let tk = tokens(line.text)
    var i = 0
    func time() -> DescribeEventTime? {
      guard i < tk.count else { return nil }
      if let a = Age.parse(tk[i].text) { i += 1; return .age(a) }
      // `Tue, 07 Apr 2015 12:08:30 -0700`
      if tk[i].text.hasSuffix(","), tk[i].text.count == 4, i + 4 < tk.count {
        let withZone = i + 5 < tk.count ? tk[i...(i + 5)].map { String($0.text) }.joined(separator: " ") : nil
        if let z = withZone, let t = Instant.parseRFC1123(z) { i += 6; return .absolute(t) }
        let noZone = tk[i...(i + 4)].map { String($0.text) }.joined(separator: " ")
        if let t = Instant.parseRFC1123(noZone) { i += 5; return .absolute(t) }
      }
      return nil
    }
    guard let first = time(), let last = time(), i < tk.count, let count = InputBounds.count(tk[i].text) else { return nil }
    i += 1
    guard i < tk.count else { return nil }
    var component: String?
    var host: String?
    let from = tk[i].text
    if from.hasPrefix("{") {
      var parts: [Substring] = [from]
      while !(parts.last?.hasSuffix("}") ?? true), i + 1 < tk.count { i += 1; parts.append(tk[i].text) }
      guard parts.last?.hasSuffix("}") == true else { return nil }
      (component, host) = parseBraceSource(parts.joined(separator: " "))
      i += 1
    } else if from.hasSuffix(","), i + 1 < tk.count {
      component = String(from.dropLast()); host = String(tk[i + 1].text); i += 2
    } else if !isEventType(from) {
      component = String(from); i += 1
    } else {
      return nil
    }
    var fieldPath: String?
    if i < tk.count, tk[i].text.hasPrefix("spec.") || (tk[i].text.contains("{") && tk[i].text.hasSuffix("}")) {
      fieldPath = String(tk[i].text); i += 1
    } else if i + 3 < tk.count, tk[i].text == "implicitly", tk[i + 1].text == "required", tk[i + 2].text == "container" {
      fieldPath = "implicitly required container \(tk[i + 3].text)"; i += 4
    }
    var type: String?
    if i < tk.count, isEventType(tk[i].text) { type = String(tk[i].text); i += 1 }
    guard i < tk.count, isReasonWord(tk[i].text) else { return nil }
    let reason = String(tk[i].text)
    i += 1
    let message = i < tk.count ? String(line.text[tk[i].start...]) : ""
    return DescribeEventRow(type: type, reason: reason, message: message, last: last, first: first, count: max(count, 1),
                            component: component, host: host, fieldPath: fieldPath,
                            firstLine: line.number, lastLine: line.number, lastPhysicalLength: line.text.count,
                            layout: .legacy)
  }

  /// A reason is one CamelCase word (`FailedScheduling`, old lowercase `killing`).
  static func isReasonWord(_ s: Substring) -> Bool {
    guard let f = s.first, f.isLetter, s.count <= 80 else { return false }
    return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
  }

  /// `{kubelet node-1}` → (kubelet, node-1); `{default-scheduler }` → (default-scheduler, nil).
  static func parseBraceSource(_ s: String) -> (String?, String?) {
    let inner = s.trimmingCharacters(in: CharacterSet(charactersIn: "{} "))
    let parts = inner.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    let component = parts.first.flatMap { $0.isEmpty ? nil : $0 }
    let host = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
    return (component, host)
  }

  /// kubectl 1.35+ prefixes the message with `spec.containers{app}: ` when fieldPath is set.
  static func splitFieldPathPrefix(_ message: String) -> (String?, String) {
    guard message.hasPrefix("spec."), let close = message.firstIndex(of: "}"),
          message[message.index(after: close)...].hasPrefix(": ") else { return (nil, message) }
    let path = String(message[...close])
    guard EventRecord.container(fromFieldPath: path) != nil else { return (nil, message) }
    return (path, String(message[message.index(close, offsetBy: 3)...]))
  }

  /// Appends a continuation line to a row's message: a terminal hard wrap (previous line long,
  /// continuation flush left) joins directly; anything else joins with one space.
  static func append(_ line: SourceLine, to row: inout DescribeEventRow) {
    let text = line.text
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return }
    let flush = !(text.first == " " || text.first == "\t")
    if flush && row.lastPhysicalLength >= 79 || row.message.isEmpty {
      row.message += trimmed
    } else {
      row.message += " " + trimmed
    }
    row.lastLine = line.number
    row.lastPhysicalLength = text.count
  }
}
