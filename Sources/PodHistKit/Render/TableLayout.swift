import Foundation

/// The column widths of a kubectl table and the lines they make (columns separated by at least
/// three spaces, no trailing spaces): `renderTable` measures them on all its rows; a table written
/// as it is read (`get pods -A` on a big store) is given them beforehand, and prints the same lines.
public struct TableLayout: Sendable, Equatable {
  /// Each column's width in characters: the widest of its header and cells.
  public private(set) var widths: [Int]

  /// The layout of `headers` over cells at most `widths` wide (a missing width counts as 0).
  public init(headers: [String], widths: [Int]) {
    self.widths = headers.enumerated().map { i, h in max(h.count, i < widths.count ? widths[i] : 0) }
  }

  /// The layout of `headers` over `rows`.
  public init(headers: [String], rows: [[String]]) {
    var widths = headers.map(\.count)
    for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
    self.widths = widths
  }

  /// One line of `cells` and its newline; `paint(column, cell)` styles a cell after it was
  /// measured plain, so colour codes take no column.
  public func line(_ cells: [String], paint: ((Int, String) -> String)? = nil) -> String {
    var s = ""
    s.reserveCapacity(widths.reduce(cells.count * 3, +))
    for (i, c) in cells.enumerated() {
      let shown = paint.map { $0(i, c) } ?? c
      if i == cells.count - 1 || i >= widths.count { s += shown } else { pad(c, shown: shown, to: widths[i] + 3, into: &s) }
    }
    // Trailing white space goes (only an empty or blank last cell leaves any).
    if let last = s.unicodeScalars.last, last.properties.isWhitespace {
      s = s.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    return s + "\n"
  }
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
  let n = length - units
  s += n < spaces.count ? spaces[n] : String(repeating: " ", count: n)
}

/// Runs of spaces, by length, for `pad` (one per cell of a long table).
private let spaces: [String] = (0..<80).map { String(repeating: " ", count: $0) }
