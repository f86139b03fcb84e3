import Foundation

/// Aligns rows under headers the way kubectl's table printer does (columns separated by at
/// least three spaces, no trailing spaces).
public func renderTable(headers: [String], rows: [[String]]) -> String {
  var widths = headers.map(\.count)
  for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
  func line(_ cells: [String]) -> String {
    var s = ""
    for (i, c) in cells.enumerated() {
      if i == cells.count - 1 { s += c } else { s += c.padding(toLength: widths[i] + 3, withPad: " ", startingAt: 0) }
    }
    return s.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
  }
  return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
}
