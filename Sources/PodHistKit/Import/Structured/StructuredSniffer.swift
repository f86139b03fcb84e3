import Foundation

/// Decides from the first bytes whether an input is JSON or YAML that the structured importer
/// reads, and whether it starts with Events or Pods (only a label: each object is classified on
/// its own when imported).
enum StructuredSniffer {
  static func sniff(_ prefix: [UInt8]) -> InputFormat? {
    var bytes = prefix[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    let text = String(decoding: bytes, as: UTF8.self)
    let scalars = Array(text.unicodeScalars.prefix(4096))
    var i = 0
    func skipBlank() { while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 } }
    skipBlank()
    guard i < scalars.count else { return nil }
    switch scalars[i] {
    case "{":
      i += 1; skipBlank()
      guard i >= scalars.count || scalars[i] == "\"" || scalars[i] == "}" else { break }
      return isPodFirst(text, json: true) ? .podsJSON : .eventsJSON
    case "[":
      i += 1; skipBlank()
      guard i >= scalars.count || scalars[i] == "{" || scalars[i] == "]" else { break }
      return isPodFirst(text, json: true) ? .podsJSON : .eventsJSON
    default: break
    }
    guard looksLikeYAML(text, complete: prefix.count < 65536) else { return nil }
    return isPodFirst(text, json: false) ? .podsYAML : .eventsYAML
  }

  /// Keys that Kubernetes objects carry, in YAML form (any object with `apiVersion:` is taken, so
  /// that a Service gets a clear "not an Event or Pod" instead of a text-parsing error).
  static let yamlMarkers = [
    "kind: Event", "kind: Pod", "kind: List", "kind: EventList", "kind: PodList", "involvedObject:", "regarding:",
    "containerStatuses:", "initContainerStatuses:", "phase:", "conditions:", "apiVersion:",
  ]

  /// YAML as kubectl writes it: the first meaningful line is a lowerCamelCase `key:` (maybe as a
  /// `- ` list item, maybe indented as a pasted fragment), every line is a key, a list item, a
  /// continuation of a value or a comment, and some key marks an Event or a Pod. Describe output
  /// (`Name:   web-1`, capitalised keys with aligned values) and tables fail the first test.
  static func looksLikeYAML(_ text: String, complete: Bool) -> Bool {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    if !complete, lines.count > 1 { lines.removeLast() }  // cut mid-line
    var significant = lines.lazy.filter { line in
      let t = line.trimmingCharacters(in: .whitespaces)
      return !t.isEmpty && !t.hasPrefix("#") && t != "---" && t != "..."
    }.makeIterator()
    guard let first = significant.next(), isYAMLKeyLine(first) else { return false }
    var markers = 0
    var keyLines = 0, otherLines = 0
    var blockIndent: Int?  // inside a `key: |` block scalar started at this indentation
    for line in lines.prefix(2000) {
      let t = line.trimmingCharacters(in: .whitespaces)
      if t.isEmpty || t.hasPrefix("#") { continue }
      let indent = line.prefix { $0 == " " }.count
      if let b = blockIndent, indent > b { continue }
      blockIndent = nil
      if ["|", "|-", "|+", ">", ">-", ">+"].contains(where: { t.hasSuffix(" " + $0) }) { blockIndent = indent }
      if isYAMLKeyLine(line) { keyLines += 1 } else { otherLines += 1 }
      let body = t.hasPrefix("- ") ? String(t.dropFirst(2)) : t
      if yamlMarkers.contains(where: { body == $0 || body.hasPrefix($0 + " ") || (body.hasPrefix($0) && $0.hasSuffix(":")) }) {
        markers += 1
      }
    }
    return markers > 0 && keyLines >= otherLines
  }

  /// `key: value`, `key:`, `- key: value` with a lowerCamelCase (or dotted/slashed label) key.
  static func isYAMLKeyLine(_ line: Substring) -> Bool {
    var t = line.drop { $0 == " " }
    if t.hasPrefix("- ") { t = t.dropFirst(2).drop { $0 == " " } }
    if t.hasPrefix("\"") || t.hasPrefix("'") {  // a quoted key (annotations)
      guard let q = t.dropFirst().firstIndex(of: t.first ?? "\"") else { return false }
      return t[t.index(after: q)...].hasPrefix(":")
    }
    guard let colon = t.firstIndex(of: ":"), let c = t.first, c.isLowercase || c.isNumber else { return false }
    let key = t[..<colon]
    guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || "-_./".contains($0) }) else { return false }
    let after = t[colon...].dropFirst()
    return after.isEmpty || after.first == " "
  }

  /// Whether a Pod marker comes before any Event marker.
  static func isPodFirst(_ text: String, json: Bool) -> Bool {
    let eventMarkers = json
      ? ["\"involvedObject\"", "\"regarding\"", "\"Event\""]
      : ["involvedObject:", "regarding:", "kind: Event"]
    let podMarkers = json
      ? ["\"containerStatuses\"", "\"Pod\"", "\"PodList\"", "\"phase\"", "\"podIP\"", "\"restartCount\""]
      : ["containerStatuses:", "kind: Pod", "kind: PodList", "phase:", "conditions:", "podIP:"]
    func firstIndex(_ markers: [String]) -> String.Index? {
      markers.compactMap { m -> String.Index? in
        var r = text.range(of: m)
        // "kind: Pod" must not match "kind: PodList".
        while let found = r, m.hasPrefix("kind: "), found.upperBound < text.endIndex,
              text[found.upperBound].isLetter {
          r = text.range(of: m, range: found.upperBound..<text.endIndex)
        }
        return r?.lowerBound
      }.min()
    }
    guard let pod = firstIndex(podMarkers) else { return false }
    guard let event = firstIndex(eventMarkers) else { return true }
    return pod < event
  }
}
