import Foundation

/// Aligns rows under headers the way kubectl's table printer does (columns separated by at
/// least three spaces, no trailing spaces). `paint(column, cell)` styles a row's cell (colour codes)
/// after the widths were measured on the plain cells, so codes take no column.
public func renderTable(headers: [String], rows: [[String]], paint: ((Int, String) -> String)? = nil) -> String {
  let layout = TableLayout(headers: headers, rows: rows)
  var out = layout.line(headers)
  for r in rows { out += layout.line(r, paint: paint) }
  return out
}
