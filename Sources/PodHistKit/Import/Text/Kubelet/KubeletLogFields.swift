import Foundation

/// The body of a structured klog line (kubelet 1.20+): a Go-quoted message, then `key=value` pairs
/// whose values are Go-quoted strings or bare words (`podUID=d697…`, `gracePeriod=30`,
/// `pods=["ns/a"]`). `"Probe failed" probeType="Liveness" pod="default/web-1" output="…"`.
struct KubeletLogFields: Sendable, Hashable {
  /// The message, unquoted.
  var message: String
  /// The values by key, unquoted; a key printed twice keeps its first value.
  var values: [String: String]

  /// The value of `key`, when printed and not empty.
  subscript(_ key: String) -> String? {
    guard let v = values[key], !v.isEmpty else { return nil }
    return v
  }

  /// The body read as a structured line; nil when it does not open with a quoted message.
  static func parse(_ body: Substring) -> KubeletLogFields? {
    guard body.first == "\"" else { return nil }
    guard let (message, afterMessage) = quoted(body) else {
      return KubeletLogFields(message: String(body.dropFirst()), values: [:])
    }
    var values: [String: String] = [:]
    var rest = afterMessage.drop { $0 == " " }
    while !rest.isEmpty {
      guard let eq = rest.firstIndex(of: "=") else { break }
      let key = rest[..<eq]
      guard !key.isEmpty, key.count <= 64, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { break }
      var value = rest[rest.index(after: eq)...]
      let text: String
      if value.first == "\"" {
        // A line cut short by the pager (`err="rpc error: code = Unknown de>`) keeps what it shows.
        if let (v, after) = quoted(value) { text = v; value = after } else { text = String(value.dropFirst()); value = value[value.endIndex...] }
      } else {
        let end = bareEnd(value)
        text = String(value[..<end]); value = value[end...]
      }
      if values[String(key)] == nil { values[String(key)] = text }
      rest = value.drop { $0 == " " }
    }
    return KubeletLogFields(message: message, values: values)
  }

  /// A Go-quoted string at the start of `s` (`"a \"b\"\n"`): its text and what follows it.
  static func quoted(_ s: Substring) -> (String, Substring)? {
    guard s.first == "\"" else { return nil }
    var out = ""
    var i = s.index(after: s.startIndex)
    while i < s.endIndex {
      let ch = s[i]
      if ch == "\"" { return (out, s[s.index(after: i)...]) }
      if ch == "\\" {
        let n = s.index(after: i)
        guard n < s.endIndex else { return nil }
        switch s[n] {
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "r": out.append("\r")
        case "u", "U", "x":
          let width = s[n] == "x" ? 2 : s[n] == "u" ? 4 : 8
          let hex = s[s.index(after: n)...].prefix(width)
          if hex.count == width, let v = UInt32(hex, radix: 16), let scalar = UnicodeScalar(v) {
            out.unicodeScalars.append(scalar)
            i = hex.endIndex
            continue
          }
          out.append(s[n])
        default: out.append(s[n])
        }
        i = s.index(after: n)
        continue
      }
      out.append(ch)
      i = s.index(after: i)
    }
    return nil
  }

  /// Where a bare value ends: the first space outside brackets, braces and quotes.
  static func bareEnd(_ s: Substring) -> Substring.Index {
    var depth = 0
    var inQuote = false
    var i = s.startIndex
    while i < s.endIndex {
      let ch = s[i]
      if inQuote {
        if ch == "\\" { i = s.index(after: i); if i < s.endIndex { i = s.index(after: i) }; continue }
        if ch == "\"" { inQuote = false }
      } else if ch == "\"" { inQuote = true }
      else if ch == "[" || ch == "{" { depth += 1 }
      else if ch == "]" || ch == "}" { depth = max(0, depth - 1) }
      else if ch == " ", depth == 0 { return i }
      i = s.index(after: i)
    }
    return s.endIndex
  }
}
