import Foundation

/// Aligns rows under headers the way kubectl's table printer does (columns separated by at
/// least three spaces, no trailing spaces).
public func renderTable(headers: [String], rows: [[String]]) -> String {
  var widths = headers.map(\.count)
  for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
  var out = ""
  func line(_ cells: [String]) {
    var s = ""
    for (i, c) in cells.enumerated() {
      if i == cells.count - 1 { s += c } else { pad(c, to: widths[i] + 3, into: &s) }
    }
    // Trailing white space goes (only an empty or blank last cell leaves any).
    if let last = s.unicodeScalars.last, last.properties.isWhitespace {
      s = s.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    out += s
    out += "\n"
  }
  line(headers)
  for r in rows { line(r) }
  return out
}

/// `c.padding(toLength: length, withPad: " ", startingAt: 0)` appended to `s`: NSString pads
/// and truncates in UTF-16 units, so a cell longer than that (never for the widths above unless
/// a cell's characters take several units each) is left to Foundation.
private func pad(_ c: String, to length: Int, into s: inout String) {
  let units = c.utf16.count
  guard units <= length else {
    s += c.padding(toLength: length, withPad: " ", startingAt: 0)
    return
  }
  s += c
  s += String(repeating: " ", count: length - units)
}
