import Foundation

/// Rebuilds a container state whose YAML indentation a page lost, line for line:
///
///     lastState: terminated          lastState: {terminated: {
///     containerID: containerd://…      containerID: 'containerd://…',
///     exitCode: 128            →       exitCode: 128,
///     finishedAt: 2019-…Z              finishedAt: 2019-…Z,
///     message: 'failed to …            message: 'failed to …
///     … unknown'                         … unknown'}}
///
/// (`lastState:` and `terminated:` on lines of their own are re-indented instead). Each output
/// line is the input line of the same number, so evidence keeps citing the paste's lines.
enum FlatContainerState {
  /// The fields of a container state (`terminated`, `waiting`, `running`).
  static let fields: Set<String> = ["containerID", "exitCode", "finishedAt", "startedAt", "reason", "message", "signal"]
  /// The kinds of a container state.
  static let kinds: Set<String> = ["terminated", "waiting", "running"]

  /// The rebuilt lines of a flattened state that starts at `lines[start]`, or nil when the lines
  /// there are not one (fewer than two fields at the key's own indentation).
  static func rebuild(_ lines: [String]) -> [String]? {
    guard let first = lines.first else { return nil }
    let base = first.prefix { $0 == " " }.count
    guard let (key, value) = keyValue(first.dropFirst(base)), key == "state" || key == "lastState" else { return nil }
    var out: [String] = []
    var k = 1
    let collapsed: Bool
    if kinds.contains(value) {
      collapsed = true
      out.append(String(repeating: " ", count: base) + "\(key): {\(value): {")
    } else if value.isEmpty, lines.count > 1, let (kind, v) = keyValue(lines[1].dropFirst(base)), kinds.contains(kind), v.isEmpty,
              lines[1].prefix(while: { $0 == " " }).count == base {
      collapsed = false
      out.append(first)
      out.append(String(repeating: " ", count: base + 2) + "\(kind):")
      k = 2
    } else {
      return nil
    }
    let fieldIndent = String(repeating: " ", count: base + (collapsed ? 2 : 4))
    var fieldLines: [Int] = []   // indices in `out` where a field (and its value) ends
    var quote: Character? = nil
    while k < lines.count {
      let line = lines[k]
      if let q = quote {
        // Inside a quoted value that goes on over lines.
        out.append(fieldIndent + "  " + line.trimmingCharacters(in: .whitespaces))
        if closes(line, q) { quote = nil; fieldLines.append(out.count - 1) }
        k += 1
        continue
      }
      guard line.prefix(while: { $0 == " " }).count == base, let (field, v) = keyValue(line.dropFirst(base)),
            fields.contains(field) else { break }
      var shown = v
      if let q = v.first, q == "'" || q == "\"" {
        if !closes(Substring(v.dropFirst()), q) { quote = q }
      } else if collapsed, v.contains(where: { ",{}[]#".contains($0) }) || v.contains(": ") {
        shown = "'" + v.replacingOccurrences(of: "'", with: "''") + "'"
      }
      out.append(fieldIndent + "\(field): \(shown)")
      if quote == nil { fieldLines.append(out.count - 1) }
      k += 1
    }
    guard quote == nil, fieldLines.count >= 2 else { return nil }
    if collapsed {
      for i in fieldLines.dropLast() { out[i] += "," }
      if let last = fieldLines.last { out[last] += "}}" }
    }
    return out
  }

  /// `key: value` with the value trimmed; nil when the line is not a key line.
  static func keyValue(_ s: Substring) -> (String, String)? {
    guard let c = s.firstIndex(of: ":") else { return nil }
    let key = s[..<c]
    guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
    return (String(key), s[s.index(after: c)...].trimmingCharacters(in: .whitespaces))
  }

  /// Whether `text` ends the quoted value opened by `q` (a single quote doubled is an escape).
  static func closes(_ text: some StringProtocol, _ q: Character) -> Bool {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard t.last == q else { return false }
    if q == "'" {
      let run = t.reversed().prefix { $0 == "'" }.count
      return run % 2 == 1
    }
    return !t.dropLast().hasSuffix("\\")
  }
}
