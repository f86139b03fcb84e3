import Foundation

/// Events copied from the Kubernetes dashboard: `3:05:26 PM  Normal  Pulling   pulling image "x"`
/// rows with a clock time and no date, each optionally followed by `3 times in the last minute`.
/// No object column: the rows name neither pod nor namespace.
///
/// A clock time without a date cannot be tied to real time, but the differences between rows
/// still order them: ages count from the latest row, and the facts stay relative.
enum EventsTableDashboard {
  /// A dashboard row: seconds since midnight, type, reason, message.
  static func row(_ text: some StringProtocol) -> (seconds: Int, type: String, reason: String, message: String)? {
    let f = TableColumns.fields(text)
    guard f.count >= 3, let t = clock(f[0]), EventsTableLayout.types.contains(f[1]) else { return nil }
    let words = f[2].split(separator: " ")
    guard !words.isEmpty, words.count <= 3, words.allSatisfy({ $0.allSatisfy(\.isLetter) }) else { return nil }
    let reason = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    return (t, f[1], reason, f.dropFirst(3).joined(separator: "  "))
  }

  /// `3:05:26 PM`, `15:05:26`, `3:05 PM` → seconds since midnight.
  static func clock(_ text: String) -> Int? {
    var t = text
    var pm: Bool? = nil
    for (suffix, isPM) in [(" PM", true), (" AM", false), ("PM", true), ("AM", false), (" pm", true), (" am", false)]
    where t.hasSuffix(suffix) {
      t = String(t.dropLast(suffix.count)); pm = isPM; break
    }
    let parts = t.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) })
    else { return nil }
    let n = parts.compactMap { Int($0) }
    guard n.count == parts.count else { return nil }
    var h = n[0]
    let m = n[1], s = n.count == 3 ? n[2] : 0
    guard m < 60, s < 60 else { return nil }
    if let pm {
      guard (1...12).contains(h) else { return nil }
      h = (h % 12) + (pm ? 12 : 0)
    } else {
      guard h < 24 else { return nil }
    }
    return h * 3600 + m * 60 + s
  }

  /// `3 times in the last minute` → 3.
  static func times(_ text: some StringProtocol) -> Int? {
    let w = text.split(separator: " ")
    guard w.count >= 2, let n = InputBounds.count(w[0]), w[1] == "times" || w[1] == "time" else { return nil }
    return n
  }

  /// Reads dashboard rows from `index` on; returns them and the index just past them.
  static func parse(_ lines: [SourceLine], at index: Int, source: String,
                    warnings: inout [ImportWarning]) -> (rows: [EventsTableRow], next: Int) {
    var parsed: [(row: EventsTableRow, seconds: Int)] = []
    var i = index
    while i < lines.count {
      let text = lines[i].text.drop(while: { $0 == " " || $0 == "\t" })
      if let r = row(text) {
        var row = EventsTableRow(firstLine: lines[i].number, lastLine: lines[i].number,
                                 object: ObjectRef(namespace: "", name: ""), reason: r.reason, message: r.message)
        row.type = r.type
        parsed.append((row, r.seconds))
        i += 1
        continue
      }
      if let n = times(text), !parsed.isEmpty {
        parsed[parsed.count - 1].row.count = n
        parsed[parsed.count - 1].row.lastLine = lines[i].number
        i += 1
        continue
      }
      break
    }
    guard let latest = parsed.max(by: { $0.seconds < $1.seconds }) else { return ([], index) }
    let rows = parsed.map { p -> EventsTableRow in
      var row = p.row
      var d = latest.seconds - p.seconds
      if d < 0 { d += 86400 }
      row.last = .known(value: .seconds(Int64(d)), resolution: .seconds(1))
      row.single = row.count == nil
      return row
    }
    warnings.append(ImportWarning(source: source, line: lines[index].number,
      message: "dashboard events with clock times but no date: kept relative to the latest row (line \(latest.row.firstLine)); the rows do not name their pod"))
    return (rows, i)
  }
}
