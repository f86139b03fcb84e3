import Foundation

/// Aligns rows under headers the way kubectl's table printer does (columns separated by at
/// least three spaces, no trailing spaces). `paint(column, cell)` styles a row's cell (colour codes)
/// after the widths were measured on the plain cells, so codes take no column.
public func renderTable(headers: [String], rows: [[String]], paint: ((Int, String) -> String)? = nil) -> String {
  var widths = headers.map(\.count)
  for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
  var out = ""
  func line(_ cells: [String], painted: Bool) {
    var s = ""
    for (i, c) in cells.enumerated() {
      let shown = painted ? paint.map { $0(i, c) } ?? c : c
      if i == cells.count - 1 { s += shown } else { pad(c, shown: shown, to: widths[i] + 3, into: &s) }
    }
    // Trailing white space goes (only an empty or blank last cell leaves any).
    if let last = s.unicodeScalars.last, last.properties.isWhitespace {
      s = s.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    out += s
    out += "\n"
  }
  line(headers, painted: false)
  for r in rows { line(r, painted: true) }
  return out
}

/// `c.padding(toLength: length, withPad: " ", startingAt: 0)` appended to `s`, `shown` (`c`
/// styled) in place of `c`: NSString pads and truncates in UTF-16 units, so a cell longer than
/// that (never for the widths above unless a cell's characters take several units each) is left
/// to Foundation, unstyled.
private func pad(_ c: String, shown: String, to length: Int, into s: inout String) {
  let units = c.utf16.count
  guard units <= length else {
    s += c.padding(toLength: length, withPad: " ", startingAt: 0)
    return
  }
  s += shown
  s += String(repeating: " ", count: length - units)
}
