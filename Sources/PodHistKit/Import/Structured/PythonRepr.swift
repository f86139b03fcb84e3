import Foundation

/// Reads a pod or a pod status as the Python Kubernetes client prints it (Airflow's
/// KubernetesPodOperator logs, a script's `print(pod.status)`): `{'api_version': 'v1', ...}` with
/// single-quoted strings, `None`/`True`/`False`, `datetime.datetime(2026, 5, 27, 15, 33, 43,
/// tzinfo=tzlocal())`, string literals split over lines and snake_case keys. Its lines are
/// rewritten as JSON, line for line, for `StructuredFragment`'s JSON reader.
enum PythonRepr {
  /// One token of a Python literal.
  enum Token: Equatable {
    case string(String)
    case punct(Character)
    case word(String)
  }

  /// Whether `t` (a trimmed line) opens a Python dict or one of its members: `{'status': `,
  /// `'container_statuses': [`.
  static func opens(_ t: Substring) -> Bool {
    var s = t
    if s.first == "{" { s = s.dropFirst().drop { $0 == " " } }
    guard s.first == "'", let close = s.dropFirst().firstIndex(of: "'") else { return false }
    let key = s[s.index(after: s.startIndex)..<close]
    guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
          key.first?.isNumber == false else { return false }
    return s[s.index(after: close)...].hasPrefix(": ")
  }

  /// Where a Python dict of a Kubernetes object begins inside a line of prose (`Pod returned a
  /// failure: {'api_version': 'v1', ...`), or nil.
  static func embeddedStart(_ t: Substring) -> Substring.Index? {
    for key in ["{'api_version': ", "{'status': ", "{'metadata': ", "{'container_statuses': ", "{'phase': "] {
      if let r = t.range(of: key) { return r.lowerBound }
    }
    return nil
  }

  /// Lines `i...` rewritten as JSON (the lines that are Python literals; a blank line is kept,
  /// as a cut's `...` was blanked by the paste cleaner), and a note on what was read; nil when
  /// line `i` does not open a Python dict.
  static func converted(_ lines: [SourceLine], at i: Int) -> (lines: [SourceLine], note: String)? {
    var first = lines[i].text.drop { $0 == " " || $0 == "\t" }
    if !opens(first) {
      guard let start = embeddedStart(first) else { return nil }
      first = first[start...]
    }
    var tokens: [(line: Int, token: Token)] = []
    var end = i
    var localTime = false
    var k = i
    while k < lines.count, k < i + 5_000 {
      let text = k == i ? first : lines[k].text
      if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
        // A blank or a blanked `...`: the literal goes on when its next line is one too.
        k += 1
        continue
      }
      guard let lineTokens = tokenize(text, localTime: &localTime), !lineTokens.isEmpty else { break }
      tokens += lineTokens.map { (k, $0) }
      k += 1
      end = k
    }
    guard end > i, !tokens.isEmpty else { return nil }
    // Adjacent string literals are one string; a key's snake_case becomes the API's camelCase.
    var merged: [(line: Int, token: Token)] = []
    for t in tokens {
      if case let .string(b) = t.token, let last = merged.last, case let .string(a) = last.token {
        merged[merged.count - 1].token = .string(a + b)
      } else {
        merged.append(t)
      }
    }
    for n in merged.indices {
      guard case let .string(s) = merged[n].token, n + 1 < merged.count, merged[n + 1].token == .punct(":") else { continue }
      merged[n].token = .string(camelCase(s))
    }
    var out = lines
    for n in i..<end { out[n].text = "" }
    var texts: [Int: String] = [:]
    for t in merged {
      let piece: String
      switch t.token {
      case let .string(s): piece = jsonString(s)
      case let .punct(c): piece = String(c)
      case let .word(w): piece = w
      }
      texts[t.line, default: ""] += (texts[t.line]?.isEmpty == false && t.token != .punct(",") && t.token != .punct(":") ? " " : "") + piece
    }
    for (n, t) in texts { out[n].text = Substring(t) }
    let span = lines[i].number == lines[end - 1].number ? "line \(lines[i].number)" : "lines \(lines[i].number)–\(lines[end - 1].number)"
    var note = "\(span): the Python client's printout (None, single quotes, snake_case keys) was read as the object's JSON"
    if localTime { note += "; its datetime values carry tzlocal(), the printing machine's zone, and were taken as UTC" }
    return (out, note)
  }

  /// The tokens of one line, or nil when it holds something no Python literal of a
  /// Kubernetes object does (prose, a traceback).
  static func tokenize(_ text: Substring, localTime: inout Bool) -> [Token]? {
    var out: [Token] = []
    var s = text[...]
    func skipSpaces() { s = s.drop { $0 == " " || $0 == "\t" } }
    skipSpaces()
    while let c = s.first {
      if c == "'" || c == "\"" {
        guard let (value, rest) = pythonString(s) else { return nil }
        out.append(.string(value))
        s = rest
      } else if "{}[]:,".contains(c) {
        out.append(.punct(c))
        s = s.dropFirst()
      } else if c.isNumber || c == "-" {
        let num = s.prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "E" || $0 == "+" }
        guard Double(num) != nil else { return nil }
        out.append(.word(String(num)))
        s = s.dropFirst(num.count)
      } else if c.isLetter {
        let word = s.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        s = s.dropFirst(word.count)
        switch word {
        case "None": out.append(.word("null"))
        case "True": out.append(.word("true"))
        case "False": out.append(.word("false"))
        case "datetime.datetime", "datetime":
          guard s.first == "(", let close = s.firstIndex(of: ")") else { return nil }
          // `tzinfo=tzlocal()` holds a `(`: the call ends at the `)` that closes it.
          var depth = 0
          var end = s.startIndex
          for idx in s.indices {
            if s[idx] == "(" { depth += 1 } else if s[idx] == ")" { depth -= 1; if depth == 0 { end = idx; break } }
          }
          guard depth == 0, end >= close else { return nil }
          let args = s[s.index(after: s.startIndex)..<end]
          guard let iso = isoTime(args, localTime: &localTime) else { return nil }
          out.append(.string(iso))
          s = s[s.index(after: end)...]
        default:
          return nil
        }
      } else {
        return nil
      }
      skipSpaces()
    }
    return out
  }

  /// A Python string literal at the start of `s` (`'a\'b'`, `"x"`): its value and the rest.
  static func pythonString(_ s: Substring) -> (String, Substring)? {
    guard let q = s.first else { return nil }
    var value = ""
    var it = s.dropFirst()
    while let c = it.first {
      it = it.dropFirst()
      if c == q { return (value, it) }
      guard c == "\\" else { value.append(c); continue }
      guard let e = it.first else { return nil }
      it = it.dropFirst()
      switch e {
      case "n": value.append("\n")
      case "t": value.append("\t")
      case "r": value.append("\r")
      case "x", "u":
        let n = e == "x" ? 2 : 4
        let hex = it.prefix(n)
        guard hex.count == n, let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { value.append(e); continue }
        value.unicodeScalars.append(scalar)
        it = it.dropFirst(n)
      default: value.append(e)
      }
    }
    return nil
  }

  /// `2026, 5, 27, 15, 33, 43[, micros], tzinfo=tzutc()` as `2026-05-27T15:33:43Z`.
  static func isoTime(_ args: Substring, localTime: inout Bool) -> String? {
    let parts = args.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let numbers = parts.prefix { Int($0) != nil }.compactMap { Int($0) }
    guard numbers.count >= 3 else { return nil }
    if parts.contains(where: { $0.contains("tzlocal") }) { localTime = true }
    let v = numbers + Array(repeating: 0, count: max(0, 6 - numbers.count))
    return String(format: "%04ld-%02ld-%02ldT%02ld:%02ld:%02ldZ", v[0], v[1], v[2], v[3], v[4], v[5])
  }

  /// `container_statuses` → `containerStatuses`, `pod_ip` → `podIP`, `container_id` →
  /// `containerID`, `pod_i_ps` → `podIPs` (the client's names for the API's initialisms);
  /// `_exec` → `exec`. A key with no `_` is kept.
  static func camelCase(_ key: String) -> String {
    let trimmed = key.drop { $0 == "_" }
    guard trimmed.contains("_"), trimmed.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) else { return String(trimmed) }
    let parts = trimmed.replacingOccurrences(of: "_i_ps", with: "_ips").split(separator: "_")
    let initialisms = ["ip": "IP", "ips": "IPs", "id": "ID", "uid": "UID"]
    return (parts.first.map(String.init) ?? "")
      + parts.dropFirst().map { initialisms[String($0)] ?? ($0.prefix(1).uppercased() + $0.dropFirst()) }.joined()
  }

  /// `s` as a JSON string literal.
  static func jsonString(_ s: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return (try? encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
  }
}
