/// Finds dates in text lines that no calendar has (`2020-02-30`, `2021-04-31`, month 13): the time
/// parsers refuse them, so the line is read without that time, and the import says so, naming the line.
enum CalendarDateCheck {
  /// One warning per line of `lines` that holds a `YYYY-MM-DD` date that does not exist.
  static func warnings(_ lines: [SourceLine], source: String) -> [ImportWarning] {
    lines.compactMap { line in
      invalidDate(in: line.text).map {
        ImportWarning(source: source, line: line.number, message: "\($0) is not a calendar date; it was not read as a time")
      }
    }
  }

  /// True when `s` starts as an RFC 3339 date does (`YYYY-`): a time field whose text is that and
  /// still no time is worth a warning; `null`, `<nil>` or an empty text are only absent times.
  static func looksLikeDate(_ s: String) -> Bool {
    let b = Array(s.utf8.prefix(5))
    return b.count == 5 && b[0..<4].allSatisfy { $0 >= 48 && $0 <= 57 } && b[4] == 45
  }

  /// The first `YYYY-MM-DD` in `text` (not inside a longer run of digits) whose month or day does not exist.
  static func invalidDate(in text: Substring) -> String? {
    let b = Array(text.utf8)
    guard b.count >= 10 else { return nil }
    func digit(_ i: Int) -> Int? { b[i] >= 48 && b[i] <= 57 ? Int(b[i] - 48) : nil }
    var i = 0
    while i + 10 <= b.count {
      if b[i + 4] == 45, b[i + 7] == 45, (i == 0 || digit(i - 1) == nil), (i + 10 == b.count || digit(i + 10) == nil),
         let y0 = digit(i), let y1 = digit(i + 1), let y2 = digit(i + 2), let y3 = digit(i + 3),
         let m0 = digit(i + 5), let m1 = digit(i + 6), let d0 = digit(i + 8), let d1 = digit(i + 9) {
        let y = y0 * 1000 + y1 * 100 + y2 * 10 + y3, m = m0 * 10 + m1, d = d0 * 10 + d1
        if !(1...12).contains(m) || !(1...daysInMonth(y, m)).contains(d) {
          return String(decoding: b[i..<(i + 10)], as: UTF8.self)
        }
        i += 10
      } else {
        i += 1
      }
    }
    return nil
  }
}
