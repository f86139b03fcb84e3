import Foundation

/// A `kubectl get pods` table whose newlines were lost: header and rows joined by single spaces
/// on one line (`NAME READY STATUS RESTARTS AGE web-0 1/1 Running 0 5m web-1 ...`). Rows are
/// read word by word in the header's column order.
enum PodsTableFlattened {
  static let wide = ["IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES"]

  /// The words after a flattened header, its canonical columns, and whether a row follows.
  static func find(_ text: some StringProtocol) -> (words: [String], after: Int, columns: [String])? {
    guard text.contains("READY"), text.contains("STATUS") else { return nil }
    let words = String(text).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    let base = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    guard words.count > base.count else { return nil }
    for s in 0...(words.count - base.count) where Array(words[s..<(s + base.count)]) == base {
      let namespaced = s > 0 && words[s - 1] == "NAMESPACE"
      var after = s + base.count
      var columns = (namespaced ? ["NAMESPACE"] : []) + ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
      if words.count >= after + wide.count, Array(words[after..<(after + wide.count)]) == wide {
        after += wide.count
        columns += ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
      }
      guard after < words.count, let first = row(words, at: after, columns: columns) else { continue }
      _ = first
      return (words, after, columns)
    }
    return nil
  }

  /// The row starting at `words[i]`: its cells and the index just past it.
  static func row(_ w: [String], at i: Int, columns: [String]) -> (cells: [String: String], next: Int)? {
    guard let (cells, k) = PodsTableLayout.cells(ofWords: w, from: i, columns: columns, required: columns.count)
    else { return nil }
    guard let ready = cells["READY"], PodsTableLayout.isReady(ready), let age = cells["AGE"], Age.parse(age) != nil,
          let restarts = cells["RESTARTS"], PodsTableLayout.restarts(restarts) != nil else { return nil }
    return (cells, k)
  }

  /// The rows of a flattened line.
  static func parse(_ line: SourceLine, namespace: String?, source: String,
                    warnings: inout [ImportWarning]) -> PodsTableSegment? {
    guard let (w, after, columns) = find(line.text) else { return nil }
    let layout = PodsTableLayout(columns: columns, offsets: nil)
    var rows: [PodsTableRow] = []
    var k = after
    while k < w.count {
      guard let (cells, next) = row(w, at: k, columns: columns), var r = layout.build(cells, line: line.number) else { break }
      if r.namespace == nil { r.namespace = namespace ?? ObjectRef.unknownNamespace }
      rows.append(r)
      k = next
    }
    guard !rows.isEmpty else { return nil }
    warnings.append(ImportWarning(source: source, line: line.number,
      message: "a pods table flattened onto one line: \(rows.count) rows recovered"
        + (k < w.count ? "; the words after row \(rows.count) were not read" : "")))
    let human = rows.contains {
      EventsTableParser.showsHuman($0.age) || $0.lastRestartAge != nil
    }
    return PodsTableSegment(lines: line.number...line.number, rows: rows, humanDuration: human)
  }
}
