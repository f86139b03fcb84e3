import Foundation

/// An events table whose newlines were lost: prompt, header and rows joined by single spaces on
/// one line (`... # kubectl get event --watch LAST SEEN TYPE REASON OBJECT MESSAGE 24s Normal
/// Scheduled pod/web-0 Successfully assigned ...`). Rows are recovered from their starts:
/// `[namespace] <age> [(xN over age)] <Normal|Warning> <Reason> <kind/name>`.
enum EventsTableFlattened {
  static let headers: [[String]] = [
    ["NAMESPACE", "LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
    ["LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
  ]

  /// The words of `text` and the index just past a flattened header followed by at least one
  /// row start; nil otherwise.
  static func find(_ text: some StringProtocol) -> (words: [String], after: Int, namespaced: Bool)? {
    guard text.contains("REASON") else { return nil }
    let words = String(text).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    for h in headers {
      guard words.count > h.count else { continue }
      for s in 0...(words.count - h.count) where words[s] == h[0] && Array(words[s..<(s + h.count)]) == h {
        let after = s + h.count
        let namespaced = h[0] == "NAMESPACE"
        if rowStart(words, at: after, namespaced: namespaced) != nil { return (words, after, namespaced) }
      }
    }
    return nil
  }

  /// A row starting at `words[i]`: its fields and the index of its message's first word.
  static func rowStart(_ w: [String], at i: Int, namespaced: Bool)
    -> (namespace: String?, age: AggregatedAge, type: String, reason: String, object: String, message: Int)? {
    var j = i
    var ns: String? = nil
    if namespaced {
      guard j < w.count else { return nil }
      ns = w[j]; j += 1
    }
    guard j < w.count, let a = Age.parse(w[j]) else { return nil }
    var age = AggregatedAge(last: a)
    var k = j + 1
    if k + 2 < w.count, w[k].hasPrefix("(x"), w[k + 1] == "over", w[k + 2].hasSuffix(")"),
       let agg = AggregatedAge.parse(w[j...(k + 2)].joined(separator: " ")) {
      age = agg
      k += 3
    }
    guard k + 2 < w.count, EventsTableLayout.types.contains(w[k]),
          let r = w[k + 1].first, r.isLetter, w[k + 1].allSatisfy({ $0.isLetter || $0.isNumber }),
          let slash = w[k + 2].firstIndex(of: "/"), slash != w[k + 2].startIndex
    else { return nil }
    return (ns, age, w[k], w[k + 1], w[k + 2], k + 3)
  }

  /// The rows of a flattened line. All rows carry the line's number.
  static func parse(_ line: SourceLine, prompt: TablePrompt?, source: String,
                    warnings: inout [ImportWarning]) -> EventsTableSegment? {
    guard let (w, after, namespaced) = find(line.text) else { return nil }
    var starts: [Int] = []
    var k = after
    while k < w.count {
      if rowStart(w, at: k, namespaced: namespaced) != nil { starts.append(k) }
      k += 1
    }
    var rows: [EventsTableRow] = []
    for (n, s) in starts.enumerated() {
      guard let r = rowStart(w, at: s, namespaced: namespaced) else { continue }
      let end = n + 1 < starts.count ? starts[n + 1] : w.count
      let message = r.message < end ? w[r.message..<end].joined(separator: " ") : ""
      let slash = r.object.firstIndex(of: "/") ?? r.object.startIndex
      var row = EventsTableRow(firstLine: line.number, lastLine: line.number,
                               object: ObjectRef(kind: EventsTableMessages.kind(r.object[..<slash]),
                                                 namespace: r.namespace ?? prompt?.namespace ?? "",
                                                 name: String(r.object[r.object.index(after: slash)...])),
                               reason: r.reason, message: message)
      row.namespacePrinted = r.namespace != nil
      row.type = r.type
      row.last = r.age.last
      row.first = r.age.first
      row.count = r.age.count
      row.single = r.object.first?.isUppercase == true && r.age.count == nil
      rows.append(row)
    }
    guard !rows.isEmpty else { return nil }
    warnings.append(ImportWarning(source: source, line: line.number,
      message: "an events table flattened onto one line: \(rows.count) rows recovered from their starts"))
    return EventsTableSegment(lines: line.number...line.number, rows: rows, humanDuration: true)
  }
}
