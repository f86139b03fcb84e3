/// Wraps long lines for a terminal at spaces, with a hanging indent, counting what the reader
/// sees: ANSI colour codes take no column. A word longer than the line (a path, a URL) is never cut.
public enum TextWrap {
  /// `text` with each line longer than `width` columns broken at spaces. Continuation lines are
  /// indented under the line's text: after a list marker (`- `, `1. `, `→ `) when it has one,
  /// else four columns in from the line's own indent.
  public static func wrapped(_ text: String, width: Int) -> String {
    var out: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      out.append(contentsOf: wrap(String(line), width: width))
    }
    return out.joined(separator: "\n")
  }

  /// The columns `s` takes on a terminal: its characters, less `ESC [ … letter` sequences.
  public static func visibleWidth(_ s: some StringProtocol) -> Int { stripped(s).count }

  static func wrap(_ line: String, width: Int) -> [String] {
    guard visibleWidth(line) > width else { return [line] }
    let indent = hangingIndent(line)
    // Words and the runs of spaces before them; a line's leading spaces stay with its first word.
    var words: [(gap: Substring, word: Substring)] = []
    var i = line.startIndex
    while i < line.endIndex {
      let gapEnd = line[i...].firstIndex { $0 != " " } ?? line.endIndex
      let wordEnd = line[gapEnd...].firstIndex { $0 == " " } ?? line.endIndex
      words.append((line[i..<gapEnd], line[gapEnd..<wordEnd]))
      i = wordEnd
    }
    var lines: [String] = []
    var current = ""
    var used = 0
    for (n, w) in words.enumerated() {
      let gap = visibleWidth(w.gap), len = visibleWidth(w.word)
      if n == 0 || used + gap + len <= width {
        current += w.gap; current += w.word; used += gap + len
        continue
      }
      lines.append(current)
      current = String(repeating: " ", count: indent) + w.word
      used = indent + len
    }
    lines.append(current)
    return lines
  }

  /// Where continuation lines start: under the text after a list marker, else four columns in.
  static func hangingIndent(_ line: String) -> Int {
    let lead = line.prefix { $0 == " " }.count
    let plain = stripped(line.dropFirst(lead))
    for marker in ["- ", "→ "] where plain.hasPrefix(marker) { return lead + marker.count }
    let digits = plain.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, plain.dropFirst(digits.count).hasPrefix(". ") { return lead + digits.count + 2 }
    return lead + 4
  }

  /// `s` without its ANSI colour codes.
  static func stripped(_ s: some StringProtocol) -> String {
    var out = ""
    var inEscape = false, afterESC = false
    for ch in s {
      if afterESC { afterESC = false; inEscape = ch == "["; continue }
      if inEscape { if ch.isLetter { inEscape = false }; continue }
      if ch == "\u{1B}" { afterESC = true; continue }
      out.append(ch)
    }
    return out
  }
}
