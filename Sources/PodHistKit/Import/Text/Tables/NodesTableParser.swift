import Foundation

/// Reads `kubectl get nodes` tables of every era: `NAME LABELS STATUS` (≈1.0–1.1), `NAME STATUS AGE`
/// (≈1.2–1.5), `NAME STATUS AGE VERSION` (1.6–1.7), `NAME STATUS ROLES AGE VERSION` (1.8+), with the
/// `-o wide` columns (`EXTERNAL-IP`; later `INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
/// CONTAINER-RUNTIME`) and `--show-labels` (`LABELS` last). Every row's STATUS must read as a
/// node's (`Ready`, `NotReady`, `Unknown`, with `,SchedulingDisabled`): a namespaces table
/// (`NAME STATUS AGE`, `Active`) is not taken.
struct NodesTableParser: TextSegmentParser {
  /// The columns a nodes table may have.
  static let known: Set<String> = ["NAME", "STATUS", "ROLES", "AGE", "VERSION", "LABELS", "INTERNAL-IP", "EXTERNAL-IP",
                                   "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]

  /// The header's columns when `text` is a nodes table header.
  static func header(_ text: Substring) -> [TableColumn]? {
    guard let cols = TableColumns.header(text), cols.first?.name == "NAME" else { return nil }
    let names = Set(cols.map(\.name))
    guard names.contains("STATUS"), names.isSubset(of: known), cols.count >= 3,
          !names.intersection(["ROLES", "VERSION", "LABELS", "AGE"]).isEmpty else { return nil }
    return cols
  }

  /// Whether a STATUS cell is a node's: `Ready`, `NotReady`, `Unknown`, then `SchedulingDisabled`
  /// or, before ROLES had a column (1.6–1.7), the node's roles (`Ready,master`, `NotReady,agent`).
  static func isNodeStatus(_ s: String) -> Bool {
    let words = s.split(separator: ",")
    guard let first = words.first, ["Ready", "NotReady", "Unknown", "SchedulingDisabled"].contains(first) else { return false }
    return words.dropFirst().allSatisfy { w in
      w == "SchedulingDisabled" || w == "Ready" || w == "NotReady"
        || (w.first?.isLowercase == true && w.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." })
    }
  }

  func begins(_ lines: [SourceLine], at index: Int) -> Bool {
    guard let cols = Self.header(lines[index].text), index + 1 < lines.count else { return false }
    return Self.row(lines[index + 1].text, cols) != nil
  }

  /// A row's cells by column name; nil when it is not a node row.
  static func row(_ text: Substring, _ cols: [TableColumn]) -> [String: String]? {
    let names = cols.map(\.name)
    var cells = TableColumns.cells(text, columns: cols)
    if cells.map({ $0.contains(where: \.isEmpty) || $0.count != names.count }) ?? true {
      let f = TableColumns.fields(text)
      cells = f.count == names.count ? f : nil
    }
    guard let cells, cells.count == names.count else { return nil }
    let m = Dictionary(zip(names, cells), uniquingKeysWith: { a, _ in a })
    guard let status = m["STATUS"], isNodeStatus(status), let name = m["NAME"], !name.isEmpty, !name.contains(" ") else { return nil }
    return m
  }

  func parse(_ lines: [SourceLine], at index: Int, source: String,
             warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)? {
    guard let cols = Self.header(lines[index].text) else { return nil }
    var rows: [(line: Int, cells: [String: String])] = []
    var i = index + 1
    while i < lines.count, let r = Self.row(lines[i].text, cols) {
      rows.append((lines[i].number, r))
      i += 1
    }
    guard !rows.isEmpty else { return nil }
    return (NodesTableSegment(lines: lines[index].number...lines[i - 1].number, rows: rows), i)
  }
}

