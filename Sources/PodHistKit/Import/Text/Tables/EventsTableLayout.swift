import Foundation

/// The columns of one events table, from its header or guessed from a headerless row, and how
/// to turn a line into an `EventsTableRow`.
struct EventsTableLayout: Sendable {
  /// Canonical column names (`LAST SEEN`, `FIRST SEEN`, `TYPE`, ...), in order.
  var columns: [String]
  /// Header offsets; nil for a headerless paste (rows are split by runs of spaces).
  var offsets: [TableColumn]?
  /// NAME is the Event's name (`-o wide`, after MESSAGE), not the object's (old tables).
  var nameIsEvent: Bool
  /// Ages are HumanDuration (1.12+ layouts).
  var human: Bool
  /// Namespace from the prompt (`-n shop`), for rows without a NAMESPACE column.
  var promptNamespace: String?

  static let types: Set<String> = ["Normal", "Warning"]

  init(columns: [String], offsets: [TableColumn]?) {
    self.columns = columns
    self.offsets = offsets
    let m = columns.firstIndex(of: "MESSAGE") ?? columns.count
    nameIsEvent = (columns.firstIndex(of: "NAME") ?? -1) > m
    let c = columns.firstIndex(of: "COUNT")
    human = c == nil || (c ?? 0) > m
  }

  /// The layout a header line declares; nil when the line is not an events header.
  init?(header text: some StringProtocol) {
    guard let cols = TableColumns.header(text) else { return nil }
    let names = cols.map(\.name)
    guard names.contains("LAST SEEN") || names.contains("FIRST SEEN"), names.contains("REASON"),
          names.contains("MESSAGE") else { return nil }
    self.init(columns: names, offsets: cols)
  }

  /// The layout a headerless row implies: `4m  Normal  Pulled  pod/web-0  ...` (1.14+, with or
  /// without a leading namespace), `2m  Normal  Pulled  Pod  ...` (1.12–1.13), or
  /// `18m  19m  4  web-0  Pod  ...` (≤1.11, with or without TYPE).
  init?(guessing text: some StringProtocol) {
    let f = TableColumns.fields(text)
    guard f.count >= 5 else { return nil }
    func age(_ s: String) -> Bool { AggregatedAge.parse(s) != nil }
    if age(f[0]), EventsTableLayout.types.contains(f[1]), f[3].contains("/") {
      self.init(columns: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], offsets: nil)
    } else if f.count >= 6, age(f[1]), EventsTableLayout.types.contains(f[2]), f[4].contains("/") {
      self.init(columns: ["NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], offsets: nil)
    } else if age(f[0]), EventsTableLayout.types.contains(f[1]), f[3].first?.isUppercase == true,
              f[3].allSatisfy({ $0.isLetter }) {
      self.init(columns: ["LAST SEEN", "TYPE", "REASON", "KIND", "MESSAGE"], offsets: nil)
    } else if f.count >= 7, let a = Age.parse(f[0]), let b = Age.parse(f[1]), InputBounds.count(f[2]) != nil {
      let hasType = f[5...min(7, f.count - 1)].contains { EventsTableLayout.types.contains($0) }
      let seen = (a.value ?? .zero) > (b.value ?? .zero) ? ["FIRST SEEN", "LAST SEEN"] : ["LAST SEEN", "FIRST SEEN"]
      self.init(columns: seen + ["COUNT", "NAME", "KIND", "SUBOBJECT"] + (hasType ? ["TYPE"] : [])
                  + ["REASON", "SOURCE", "MESSAGE"], offsets: nil)
    } else {
      return nil
    }
  }

  /// Reads one line as a row: by header offsets first, then by runs of spaces. Nil when
  /// neither gives a valid row.
  func row(_ text: some StringProtocol, line: Int) -> EventsTableRow? {
    if let offsets, let cells = TableColumns.cells(text, columns: offsets),
       let r = build(Dictionary(zip(columns, cells), uniquingKeysWith: { a, _ in a }), line: line) {
      return r
    }
    let f = TableColumns.fields(text)
    guard let cells = TableColumns.assign(f, to: columns) else { return nil }
    return build(cells, line: line)
  }

  /// Validates and converts a row's cells.
  func build(_ c: [String: String], line: Int) -> EventsTableRow? {
    guard let lastText = c["LAST SEEN"], let agg = AggregatedAge.parse(lastText) else { return nil }
    if let t = c["TYPE"], !EventsTableLayout.types.contains(t) { return nil }
    guard let reason = c["REASON"], !reason.isEmpty, !reason.contains(" ") else { return nil }
    var first = agg.first
    if let f = c["FIRST SEEN"] {
      guard let a = Age.parse(f) else { return nil }
      first = a
    }
    var count = agg.count
    if let n = c["COUNT"] {
      guard let v = InputBounds.count(n) else { return nil }
      count = v
    }
    var kind = "Pod"
    var name = ""
    var capitalised = false
    if let o = c["OBJECT"] {
      guard let slash = o.firstIndex(of: "/"), slash != o.startIndex else { return nil }
      capitalised = o.first?.isUppercase == true
      kind = EventsTableMessages.kind(o[..<slash])
      name = String(o[o.index(after: slash)...])
    } else if let k = c["KIND"] {
      guard !k.isEmpty, k.allSatisfy({ $0.isLetter }), !EventsTableLayout.types.contains(k) else { return nil }
      kind = EventsTableMessages.kind(k)
      if let n = c["NAME"], !n.isEmpty {
        // ≤1.9 printed the object's name; 1.10+ servers and `-o wide` print the Event's own.
        let isEvent = nameIsEvent || EventsTableMessages.nameTime(n) != nil
        name = isEvent ? (EventsTableMessages.objectName(fromEventName: n) ?? "") : n
      }
    }
    guard !name.contains(" "), !name.contains("{"), !name.contains("}") else { return nil }
    let ns = c["NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 }
    var row = EventsTableRow(firstLine: line, lastLine: line,
                             object: ObjectRef(kind: kind, namespace: ns ?? promptNamespace ?? "", name: name),
                             reason: reason, message: c["MESSAGE"] ?? "")
    row.namespacePrinted = ns != nil
    row.type = c["TYPE"]
    row.count = count
    row.last = agg.last
    row.first = first
    row.single = count == 1 || (capitalised && agg.count == nil)
    if let n = c["NAME"], !n.isEmpty, nameIsEvent || EventsTableMessages.nameTime(n) != nil { row.eventName = n }
    if let sub = c["SUBOBJECT"], !sub.isEmpty {
      row.fieldPath = sub
      if let (cn, ck) = EventRecord.container(fromFieldPath: sub) { row.container = cn; row.containerKind = ck }
    }
    if let s = c["SOURCE"] { (row.component, row.host) = EventsTableLayout.source(s) }
    return row
  }

  /// `{kubelet node-1}` (≤1.5), `kubelet, node-1` (1.6+), `default-scheduler`.
  static func source(_ s: String) -> (String?, String?) {
    var t = s.trimmingCharacters(in: .whitespaces)
    if t.hasPrefix("{"), t.hasSuffix("}") {
      t = String(t.dropFirst().dropLast())
      let parts = t.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      return (parts.first.flatMap { $0.isEmpty ? nil : $0 }, parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil)
    }
    let parts = t.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    return (parts.first.flatMap { $0.isEmpty ? nil : $0 }, parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil)
  }
}
