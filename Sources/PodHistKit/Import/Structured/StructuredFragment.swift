import Foundation

/// Finds JSON or YAML (or the Python client's printout of it, `PythonRepr`) inside a text paste
/// and makes fragments readable: a bare `"key": value`
/// list is wrapped into an object, trailing commas are dropped, a document cut in the middle is
/// closed after its last complete line (and the cut is reported), a jq array of container
/// statuses becomes a status, and gron's flattened `json.a.b[0].c = "x";` lines are rebuilt.
///
/// Blocks may begin anywhere: after prompts and prose, between text segments, indented.
enum StructuredFragment {
  /// One structured block found in a paste, ready for `StructuredImporter.importSegment`.
  struct Block: Sendable, Equatable {
    /// Index of the first line after the block.
    var end: Int
    /// The text to import (repaired; its lines are the paste's lines from `firstLine` on).
    var text: String
    /// Warnings about repairs that lose content (a cut document), with the paste line they cite.
    var warnings: [(line: Int, message: String)]
    /// Notes about repairs that keep everything (wrapping, a dropped trailing comma).
    var notes: [String]

    static func == (a: Block, b: Block) -> Bool {
      a.end == b.end && a.text == b.text && a.notes == b.notes
        && a.warnings.map(\.line) == b.warnings.map(\.line) && a.warnings.map(\.message) == b.warnings.map(\.message)
    }
  }

  /// YAML keys that can open a pasted block of a Pod, a pod status, a container status or an Event.
  static let yamlOpeningKeys: Set<String> = [
    "apiVersion", "kind", "metadata", "spec", "status", "items", "containerStatuses", "initContainerStatuses",
    "ephemeralContainerStatuses", "lastState", "state", "currentState", "desiredState", "conditions", "phase",
    "involvedObject", "regarding",
  ]
  /// YAML keys of a container status, which open a block only as a `- ` list item.
  static let containerStatusKeys: Set<String> = [
    "image", "imageID", "containerID", "name", "ready", "restartCount", "started", "state", "lastState",
  ]

  /// The block that begins at line `i`, or nil when no JSON or YAML begins there. `elided` holds
  /// the numbers of lines that marked a cut (`# ...`), which a YAML block goes on across.
  static func block(_ lines: [SourceLine], at i: Int, elided: Set<Int> = []) -> Block? {
    let t = lines[i].text.drop { $0 == " " || $0 == "\t" }
    if t.contains("'"), let py = PythonRepr.converted(lines, at: i), var b = jsonBlock(py.lines, at: i) {
      b.notes.insert(py.note, at: 0)
      return b
    }
    if isGronLine(t) { return gronBlock(lines, at: i) }
    if t.first == "{" || t.first == "[" || jsonMemberKey(t) != nil { return jsonBlock(lines, at: i) }
    return yamlBlock(lines, at: i, elided: elided)
  }

  // MARK: JSON

  /// `"key":` at the start of a trimmed line: the key.
  static func jsonMemberKey(_ t: Substring) -> Substring? {
    guard t.first == "\"" else { return nil }
    let body = t.dropFirst()
    guard let q = body.firstIndex(of: "\"") else { return nil }
    let key = body[..<q]
    guard !key.isEmpty, !key.contains(" ") else { return nil }
    let after = body[body.index(after: q)...].drop { $0 == " " }
    return after.first == ":" ? key : nil
  }

  /// Whether a trimmed line could be part of pretty-printed JSON.
  static func isJSONish(_ t: Substring) -> Bool {
    guard let c = t.first else { return true }
    return "\"{}[],-0123456789".contains(c) || t.hasPrefix("true") || t.hasPrefix("false") || t.hasPrefix("null")
  }

  /// Brackets still open (string-aware) after `text`, and whether it ends inside a string.
  static func openBrackets(_ text: some StringProtocol, stack: inout [Character], inString: inout Bool) -> Bool {
    var escaped = false
    for c in text {
      if inString {
        if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
        continue
      }
      switch c {
      case "\"": inString = true
      case "{", "[": stack.append(c)
      case "}", "]":
        guard let top = stack.last, (top == "{") == (c == "}") else { return false }
        stack.removeLast()
      default: break
      }
    }
    // A JSON string never spans lines: an open string at the end of a line is a cut.
    return true
  }

  static func jsonBlock(_ lines: [SourceLine], at i: Int) -> Block? {
    let first = lines[i].text.drop { $0 == " " || $0 == "\t" }
    let bare = first.first == "\""
    if first.first == "[" {
      // `[` alone, `[{`, `[ {` or `["`: not `[...]` or `[user@host]`.
      let rest = first.dropFirst().drop { $0 == " " }
      guard rest.isEmpty || rest.first == "{" || rest.first == "\"" || rest.first == "]" else { return nil }
    }
    if first.first == "{" {
      let rest = first.dropFirst().drop { $0 == " " }
      guard rest.isEmpty || rest.first == "\"" || rest.first == "}" else { return nil }
    }
    var stack: [Character] = []
    var j = i
    var cutAt: Int?  // index of the first line not taken, when the document is cut
    var end: Int?
    while j < lines.count {
      let t = lines[j].text.drop { $0 == " " || $0 == "\t" }
      if t.isEmpty { j += 1; continue }
      if j > i, !isJSONish(t) || (stack.isEmpty && bare && jsonMemberKey(t) == nil) {
        if stack.isEmpty { end = j } else { cutAt = j }
        break
      }
      var inString = false
      var s = stack
      if !openBrackets(t, stack: &s, inString: &inString) {
        // A closer of an enclosing object the paste did not include: the fragment ends before.
        if stack.isEmpty { end = j } else { cutAt = j }
        break
      }
      stack = s
      j += 1
      if inString { cutAt = j; break }
      if stack.isEmpty, !bare {
        end = j
        break
      }
    }
    if end == nil, cutAt == nil, stack.isEmpty { end = j }
    var taken = lines[i..<(end ?? cutAt ?? j)].map { String($0.text) }
    let endIndex = end ?? cutAt ?? j
    while let last = taken.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { taken.removeLast() }
    guard !taken.isEmpty else { return nil }
    let firstNumber = lines[i].number
    var notes: [String] = []
    var warnings: [(line: Int, message: String)] = []
    let wasCut = end == nil
    if wasCut {
      // Keep the longest head of complete lines that parses once its brackets are closed.
      var kept: String?
      var k = taken.count
      while k > 0 {
        if let closed = closedJSON(Array(taken[0..<k]), bare: bare), parses(closed) {
          kept = closed
          break
        }
        k -= 1
      }
      guard let text = kept else { return nil }
      let lastKept = lines[i + k - 1].number
      if bare { notes.append("line \(firstNumber): a bare \"key\": value fragment of JSON was read as the members of an object") }
      warnings.append((firstNumber, "the JSON that begins here is cut after line \(lastKept) (line \(lastKept) is the last one kept); the open brackets were closed and what parses was imported"))
      return Block(end: endIndex, text: containerStatusArrayWrapped(text), warnings: warnings, notes: notes)
    }
    var text = taken.joined(separator: "\n")
    let dropped = droppingTrailingCommas(&text)
    if bare {
      text = "{" + text + "\n}"
      notes.append("line \(firstNumber): a bare \"key\": value fragment of JSON was read as the members of an object")
    }
    if dropped { notes.append("line \(firstNumber): a trailing comma was dropped from the JSON fragment") }
    text = containerStatusArrayWrapped(text)
    return Block(end: endIndex, text: text, warnings: warnings, notes: notes)
  }

  /// A jq array of container statuses (`jq .status.containerStatuses`) as a pod status.
  static func containerStatusArrayWrapped(_ text: String) -> String {
    guard text.drop(while: { $0.isWhitespace }).first == "[" else { return text }
    let markers = ["\"restartCount\"", "\"lastState\"", "\"state\"", "\"containerID\""]
    let foreign = ["\"kind\"", "\"involvedObject\"", "\"regarding\"", "\"metadata\""]
    guard markers.contains(where: text.contains), !foreign.contains(where: text.contains) else { return text }
    return "{\"containerStatuses\":" + text + "}"
  }

  /// `lines` closed into a document: the last value's trailing comma or dangling key dropped,
  /// the open brackets closed; nil when the last line ends inside a string.
  static func closedJSON(_ lines: [String], bare: Bool) -> String? {
    var text = lines.joined(separator: "\n")
    var stack: [Character] = []
    var inString = false
    guard openBrackets(text, stack: &stack, inString: &inString), !inString else { return nil }
    while let last = text.last, last.isWhitespace || last == "," { text.removeLast() }
    if text.hasSuffix(":") || text.isEmpty { return nil }
    _ = droppingTrailingCommas(&text)
    let closers = stack.reversed().map { $0 == "{" ? "}" : "]" }.joined()
    return (bare ? "{" : "") + text + closers + (bare ? "\n}" : "")
  }

  /// Removes each `,` that only whitespace separates from a `}`, a `]` or the end (string-aware).
  @discardableResult
  static func droppingTrailingCommas(_ text: inout String) -> Bool {
    var out: [Character] = []
    var inString = false, escaped = false
    var pendingComma: Int?
    var dropped = false
    for c in text {
      if inString {
        if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
        out.append(c)
        continue
      }
      if c.isWhitespace { out.append(c); continue }
      if let p = pendingComma {
        if c == "}" || c == "]" { out.remove(at: p); dropped = true }
        pendingComma = nil
      }
      if c == "," { pendingComma = out.count }
      if c == "\"" { inString = true }
      out.append(c)
    }
    if let p = pendingComma { out.remove(at: p); dropped = true }
    if dropped { text = String(out) }
    return dropped
  }

  /// Whether `text` is a sequence of complete JSON values.
  static func parses(_ text: String) -> Bool {
    var parser = JSONStreamParser(reader: StructuredTextReader(Array(text.utf8)), source: "-", fastEvents: false)
    do {
      try parser.run { _, _, _, _ in }
      return true
    } catch {
      return false
    }
  }

  // MARK: gron

  /// `json.status.containerStatuses[0].state.waiting.reason = "ImagePullBackOff";`
  static func isGronLine(_ t: Substring) -> Bool {
    (t.hasPrefix("json.") || t.hasPrefix("json[") || t.hasPrefix("json =")) && t.contains(" = ")
  }

  static func gronBlock(_ lines: [SourceLine], at i: Int) -> Block? {
    var root = StructuredValue.object(StructuredObject())
    var j = i
    var taken = 0
    while j < lines.count {
      let t = lines[j].text.drop { $0 == " " || $0 == "\t" }
      guard isGronLine(t), let eq = t.range(of: " = ") else { break }
      var valueText = t[eq.upperBound...]
      if valueText.hasSuffix(";") { valueText = valueText.dropLast() }
      if let path = gronPath(t[t.index(t.startIndex, offsetBy: 4)..<eq.lowerBound]),
         let value = jsonValue(String(valueText)) {
        if path.isEmpty {
          if case .object = value {} else { root = value }
        } else {
          root = inserting(value, at: path[...], into: root, line: lines[j].number)
        }
        taken += 1
      }
      j += 1
    }
    guard taken > 0 else { return nil }
    var bytes: [UInt8] = []
    root.writeJSON(into: &bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    return Block(end: j, text: text, warnings: [],
                 notes: ["lines \(lines[i].number)–\(lines[j - 1].number): gron's flattened lines were rebuilt into one object"])
  }

  enum PathStep: Equatable { case key(String), index(Int) }

  /// `.status.containerStatuses[0]["app.kubernetes.io/name"]` as steps.
  static func gronPath(_ s: Substring) -> [PathStep]? {
    var steps: [PathStep] = []
    var rest = s
    while let c = rest.first {
      if c == "." {
        rest = rest.dropFirst()
        let name = rest.prefix { $0 != "." && $0 != "[" }
        guard !name.isEmpty else { return nil }
        steps.append(.key(String(name)))
        rest = rest.dropFirst(name.count)
      } else if c == "[" {
        guard let close = rest.firstIndex(of: "]") else { return nil }
        var inner = rest[rest.index(after: rest.startIndex)..<close]
        if inner.first == "\"" {
          // A quoted key may hold `]`: read to the closing quote.
          guard let q = rest.dropFirst(2).firstIndex(of: "\""),
                rest[rest.index(after: q)...].first == "]" else { return nil }
          inner = rest[rest.index(rest.startIndex, offsetBy: 2)..<q]
          steps.append(.key(String(inner)))
          rest = rest[rest.index(q, offsetBy: 2)...]
          continue
        }
        guard let n = Int(inner), n >= 0, n < 10_000 else { return nil }
        steps.append(.index(n))
        rest = rest[rest.index(after: close)...]
      } else {
        return nil
      }
    }
    return steps
  }

  /// One JSON literal (`"x"`, `3`, `true`, `{}`, `[]`).
  static func jsonValue(_ text: String) -> StructuredValue? {
    var value: StructuredValue?
    var parser = JSONStreamParser(reader: StructuredTextReader(Array(("[" + text + "]").utf8)), source: "-",
                                  fastEvents: false)
    do {
      try parser.run { item, _, _, _ in
        if case let .value(v) = item { value = v }
      }
    } catch {
      return nil
    }
    return value
  }

  static func inserting(_ value: StructuredValue, at path: ArraySlice<PathStep>, into node: StructuredValue,
                        line: Int) -> StructuredValue {
    guard let step = path.first else { return value }
    let rest = path.dropFirst()
    switch step {
    case let .key(key):
      var obj = node.object ?? StructuredObject()
      if let k = obj.members.lastIndex(where: { $0.key == key }) {
        obj.members[k].value = inserting(value, at: rest, into: obj.members[k].value, line: line)
      } else {
        obj.append(key, inserting(value, at: rest, into: .null, line: line), line: line)
      }
      return .object(obj)
    case let .index(n):
      var array = node.array ?? []
      while array.count <= n { array.append(.null) }
      array[n] = inserting(value, at: rest, into: array[n], line: line)
      return .array(array)
    }
  }

  // MARK: YAML

  /// A YAML block: its first line is a `key:` of a Pod, a status or an Event (or a `- ` item of a
  /// container status), at any indentation; it goes on while lines are indented deeper, or are
  /// keys or `- ` items at its own indentation, or are elision marks (`# ...`) between such lines.
  static func yamlBlock(_ lines: [SourceLine], at i: Int, elided: Set<Int> = []) -> Block? {
    let first = lines[i].text
    guard StructuredSniffer.isYAMLKeyLine(first) else { return nil }
    let base = first.prefix { $0 == " " }.count
    var body = first.dropFirst(base)
    let item = body.hasPrefix("- ")
    if item { body = body.dropFirst(2).drop { $0 == " " } }
    guard let colon = body.firstIndex(of: ":") else { return nil }
    let key = String(body[..<colon])
    // A list item opens a block by its first key, or by an opening key further down the same
    // item (`- action: Binding` then `  apiVersion: v1`, `  kind: Event`: keys come sorted).
    func itemHasOpeningKey() -> Bool {
      var k = i + 1
      while k < lines.count {
        let t = lines[k].text
        let indent = t.prefix { $0 == " " }.count
        guard indent > base, !t.allSatisfy({ $0 == " " }) else { break }
        let b = t.dropFirst(indent)
        if indent == base + 2, let c = b.firstIndex(of: ":"), yamlOpeningKeys.contains(String(b[..<c])) { return true }
        k += 1
      }
      return false
    }
    // A mapping pasted from its middle (`  message: '…` folded over two lines, then `  phase:`):
    // the run of keys at this indentation opens a block at its first key when an opening key
    // (other than a one-line `status:`-like value) follows in the same run.
    func runHasOpeningKey() -> Bool {
      var statusKeys = 0
      var k = i + 1
      while k < lines.count, k < i + 200 {
        let t = lines[k].text
        let indent = t.prefix { $0 == " " }.count
        guard !t.allSatisfy({ $0 == " " || $0 == "\t" }), indent >= base else { break }
        if indent == base {
          guard StructuredSniffer.isYAMLKeyLine(t), let c = t.firstIndex(of: ":") else { break }
          let k2 = String(t.dropFirst(indent)[..<c])
          let value = t[t.index(after: c)...].trimmingCharacters(in: .whitespaces)
          // A key that opens a mapping or list, or two keys only a pod status has.
          if value.isEmpty, ["containerStatuses", "conditions", "initContainerStatuses", "status", "spec", "metadata"].contains(k2) { return true }
          if ["phase", "podIP", "hostIP", "qosClass", "startTime", "nominatedNodeName"].contains(k2) { statusKeys += 1 }
          if statusKeys >= 2 { return true }
        }
        k += 1
      }
      return false
    }
    // `lastState: terminated` then its fields at the same indentation: a page lost the nesting.
    if !item, key == "state" || key == "lastState" {
      let slice = lines[i..<min(lines.count, i + 200)].map { String($0.text.dropFirst(min(base, $0.text.prefix { $0 == " " }.count))) }
      if let rebuilt = FlatContainerState.rebuild(slice), yamlParses(rebuilt.joined(separator: "\n")) {
        let end = i + rebuilt.count
        return Block(end: end, text: rebuilt.joined(separator: "\n"), warnings: [],
                     notes: ["lines \(lines[i].number)–\(lines[end - 1].number): the container state had lost its indentation; its nesting was rebuilt from the Kubernetes schema"])
      }
    }
    guard item ? containerStatusKeys.contains(key) || yamlOpeningKeys.contains(key) || itemHasOpeningKey()
               : yamlOpeningKeys.contains(key) || runHasOpeningKey()
    else { return nil }
    // `status: Running` on one line is prose-like; a block key opens a mapping or a list.
    let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    if !item, ["status", "state", "spec", "metadata", "items", "containerStatuses", "lastState", "currentState"].contains(key),
       !value.isEmpty, value != "{}", value != "[]" { return nil }
    func continuesBlock(_ t: Substring) -> Bool {
      if t.allSatisfy({ $0 == " " || $0 == "\t" }) { return false }
      let indent = t.prefix { $0 == " " }.count
      return indent > base || (indent == base && (StructuredSniffer.isYAMLKeyLine(t) || t.dropFirst(indent).hasPrefix("- ")))
    }
    var j = i + 1
    while j < lines.count {
      if continuesBlock(lines[j].text) { j += 1; continue }
      // `# ...` where a person cut the document: the block goes on when its next line does and
      // could follow the line before the cut (no deeper than it, unless that line opens a mapping).
      var k = j
      while k < lines.count, elided.contains(lines[k].number) { k += 1 }
      if k > j, k < lines.count, continuesBlock(lines[k].text) {
        let before = lines[j - 1].text
        let indent = { (t: Substring) in t.prefix { $0 == " " }.count }
        if indent(lines[k].text) <= indent(before) || before.hasSuffix(":") { j = k + 1; continue }
      }
      break
    }
    let taken = lines[i..<j].map { String($0.text.dropFirst(min(base, $0.text.prefix { $0 == " " }.count))) }
    // Markers of the objects this importer reads; a `kind: Service` block is left to its reader too.
    let markers = yamlOpeningKeys.union(["restartCount", "ready", "containerID", "imageID"])
    let keyCount = taken.filter { line in
      let t = line.drop { $0 == " " }
      let b = t.hasPrefix("- ") ? t.dropFirst(2) : t
      guard let c = b.firstIndex(of: ":") else { return false }
      return markers.contains(String(b[..<c]))
    }.count
    // One `key: value` line is prose as often as YAML.
    guard j - i > 1, keyCount >= 1 else { return nil }
    let whole = taken.joined(separator: "\n")
    // Every line at column 0 (seed 000): flattened. A manifest with some indentation left is
    // mis-indented instead, rebuilt below with its written indentation as a guide.
    if FlatYAML.isFlattened(taken), !taken.contains(where: { $0.hasPrefix(" ") }) {
      // Indentation lost in the paste (seed 000): rebuilt from the schema, line for line.
      let span = "lines \(lines[i].number)–\(lines[j - 1].number)"
      let r = FlatYAML.rebuild(taken)
      if r.unplaced == nil, yamlParses(r.lines.joined(separator: "\n")) {
        return Block(end: j, text: r.lines.joined(separator: "\n"),
                     warnings: r.guessed.map { (lines[i + $0].number, "the YAML had lost its indentation; where this line belongs is ambiguous, it was placed in the innermost object that takes it") },
                     notes: ["\(span): the YAML had lost its indentation; its nesting was rebuilt from the Kubernetes schema"])
      }
      if let certain = FlatYAML.certain(taken), yamlParses(certain) {
        return Block(end: j, text: certain,
                     warnings: [(lines[i + (r.unplaced ?? 0)].number, "the YAML of lines \(lines[i].number)–\(lines[j - 1].number) lost its indentation and this line fits nowhere in the Kubernetes schema, so its nesting could not be rebuilt; only its kind, name, containers and images were imported")],
                     notes: [])
      }
    }
    let isManifest = taken.contains(where: { $0.hasPrefix("kind:") }) && taken.contains(where: { $0.hasPrefix("spec:") })
    if yamlParses(whole) {
      // Valid YAML can still nest a key where its schema has none (`volumeMounts:` written as a
      // sibling of `containers:`): when the schema, helped by the written indentation, places
      // every line in one way and that nests some line elsewhere, the schema's nesting is taken.
      if isManifest {
        let r = FlatYAML.rebuild(taken, written: taken.map { $0.prefix { $0 == " " }.count })
        let rebuilt = r.lines.joined(separator: "\n")
        if r.unplaced == nil, r.guessed.isEmpty,
           let moved = zip(FlatYAML.parents(taken), FlatYAML.parents(r.lines)).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset,
           yamlParses(rebuilt) {
          return Block(end: j, text: rebuilt, warnings: [],
                       notes: ["lines \(lines[i].number)–\(lines[j - 1].number): line \(lines[i + moved].number) was indented where the Kubernetes schema has no such key; the nesting was rebuilt from the schema"])
        }
        if r.unplaced == nil, let doubt = r.guessed.first,
           zip(FlatYAML.parents(taken), FlatYAML.parents(r.lines)).contains(where: { $0.0 != $0.1 }) {
          // The schema would nest it otherwise, but cannot say where this line goes: as written.
          return Block(end: j, text: whole,
                       warnings: [(lines[i + doubt].number, "the YAML that begins at line \(lines[i].number) looks mis-indented, and the Kubernetes schema does not say where this line belongs; it was imported as written")],
                       notes: [])
        }
      }
      return Block(end: j, text: whole, warnings: [], notes: [])
    }
    // The longest head that parses (a paste cut inside a quoted value, or mis-indented below it).
    var k = taken.count - 1
    while k > 0, !yamlParses(taken[0..<k].joined(separator: "\n")) { k -= 1 }
    // A manifest with a key indented wrong relative to its siblings (seed 001's second
    // Deployment): the schema rebuilds the nesting where it leaves one place for each line, the
    // written indentation deciding between two; else what parses is kept and the line named.
    var misplaced: Int?
    if k > 0, isManifest {
      let r = FlatYAML.rebuild(taken, written: taken.map { $0.prefix { $0 == " " }.count })
      let rebuilt = r.lines.joined(separator: "\n")
      if r.unplaced == nil, r.guessed.isEmpty, yamlParses(rebuilt) {
        return Block(end: j, text: rebuilt, warnings: [],
                     notes: ["lines \(lines[i].number)–\(lines[j - 1].number): the YAML was mis-indented from line \(lines[i + k].number); its nesting was rebuilt from the Kubernetes schema"])
      }
      misplaced = r.unplaced ?? r.guessed.first
    }
    if k > 0 {
      let lastKept = lines[i + k - 1].number
      let warning = misplaced.map { (lines[i + $0].number, "the YAML that begins at line \(lines[i].number) is mis-indented and the Kubernetes schema does not say where this line belongs; lines \(lines[i].number)–\(lastKept) were imported") }
        ?? (lines[i].number, "the YAML that begins here does not parse after line \(lastKept) (cut?); lines \(lines[i].number)–\(lastKept) were imported")
      return Block(end: j, text: taken[0..<k].joined(separator: "\n"), warnings: [warning], notes: [])
    }
    // Nothing parses: the importer reports the error at its line.
    return Block(end: j, text: whole, warnings: [], notes: [])
  }

  /// Whether `text` is valid YAML (every document decodes).
  static func yamlParses(_ text: String) -> Bool {
    var docs = YAMLDocumentReader(reader: StructuredTextReader(Array(text.utf8)), source: "-")
    do {
      while let unit = try docs.nextUnit() {
        switch unit {
        case let .document(doc), let .item(doc): _ = try docs.decodeWithItemLines(doc)
        }
      }
      return true
    } catch {
      return false
    }
  }
}
