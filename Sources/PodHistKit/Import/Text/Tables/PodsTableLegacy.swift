import Foundation

/// Reads `kubectl get pods` tables of 2014–2015 (`pkg/kubectl/resource_printer.go` of v0.x–v0.16):
///
/// * `POD IP CONTAINER(S) IMAGE(S) HOST LABELS STATUS CREATED MESSAGE` (≈v0.14–v0.16): the pod row
///   has blank CONTAINER(S)/IMAGE(S); one sub-row per container with blank POD, its name, image,
///   state (`Waiting`, `Running`, `Running *not ready*`, `Terminated`), CREATED (its start) and
///   MESSAGE (the waiting reason, `last termination: exit code N, reason: X`, `exit code N`).
/// * `POD IP CONTAINER(S) IMAGE(S) HOST LABELS STATUS [CREATED]` (≈v0.5–v0.13): the first
///   container on the pod row, the others on sub-rows with only name and image.
/// * `NAME IMAGE(S) HOST LABELS STATUS`, `ID IMAGE(S) HOST LABELS STATUS` and kubecfg's
///   `Name Image(s) Host Labels Status` (2014): images only, one per sub-row.
///
/// HOST is `host/ip` or `<unassigned>`; CREATED is docker's `HumanDuration` (`40 minutes`,
/// `About an hour`, `23 hours`); a `ns/name` POD comes from `--all-namespaces`.
enum PodsTableLegacy {
  /// The pod-level STATUS words of the era (phases, and 2014's `Waiting`/`Terminated`).
  static let podStatuses: Set<String> = ["Pending", "Running", "Succeeded", "Failed", "Unknown", "Waiting", "Terminated"]
  /// Container states printed in sub-rows.
  static let containerStates: Set<String> = ["Waiting", "Running", "Terminated"]

  /// The header's columns (upper-cased) with their offsets; nil when `text` is not a legacy
  /// pods header.
  static func header(_ text: some StringProtocol) -> [TableColumn]? {
    let chars = Array(text)
    var cols: [TableColumn] = []
    var i = 0
    while i < chars.count {
      if chars[i] == " " || chars[i] == "\t" { i += 1; continue }
      let start = i
      while i < chars.count, chars[i] != " ", chars[i] != "\t" { i += 1 }
      cols.append(TableColumn(name: String(chars[start..<i]).uppercased(), start: start))
    }
    let names = cols.map(\.name)
    guard let first = names.first, ["POD", "NAME", "ID"].contains(first), names.contains("IMAGE(S)"),
          names.contains("HOST"), names.contains("STATUS"),
          names.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "(" || $0 == ")" } }) else { return nil }
    return cols
  }

  /// The columns assumed for rows pasted without their header (the ≈v0.14–v0.16 set).
  static let guessedColumns = ["POD", "IP", "CONTAINER(S)", "IMAGE(S)", "HOST", "LABELS", "STATUS", "CREATED", "MESSAGE"]
    .map { TableColumn(name: $0, start: 0) }

  /// Whether `text` is a pod row of these tables pasted without its header: a `host/IPv4` (or
  /// `<unassigned>`) cell before a phase word, followed by a docker age or nothing.
  static func isHeaderlessRow(_ text: some StringProtocol) -> Bool {
    guard TableColumns.indentation(text) < 4 else { return false }
    let f = TableColumns.fields(text)
    guard f.count >= 4, !f[0].contains(" "), let s = f.firstIndex(where: { podStatuses.contains($0) }), s >= 2,
          f[1..<s].contains(where: isHost) else { return false }
    return s + 1 == f.count || dockerAge(f[s + 1]) != nil
  }

  /// `node-1/10.240.0.3`, `<unassigned>`.
  static func isHost(_ v: String) -> Bool {
    if v == "<unassigned>" { return true }
    let p = v.split(separator: "/", omittingEmptySubsequences: false)
    guard p.count == 2, !p[0].isEmpty else { return false }
    let octets = p[1].split(separator: ".", omittingEmptySubsequences: false)
    return octets.count == 4 && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }
  }

  /// Parses the table whose header is `lines[index]` (after `indent` blanks), or, when
  /// `headerless`, the rows that begin there.
  static func parse(_ lines: [SourceLine], at index: Int, firstLine: Int, namespace: String?, headerless: Bool = false,
                    source: String, warnings: inout [ImportWarning]) -> (PodsTableLegacySegment, Int)? {
    let indent = TableColumns.indentation(lines[index].text)
    let cols: [TableColumn]
    if headerless {
      guard isHeaderlessRow(TableColumns.dropIndent(lines[index].text, indent)) else { return nil }
      cols = guessedColumns
    } else {
      guard let h = header(TableColumns.dropIndent(lines[index].text, indent)) else { return nil }
      cols = h
    }
    let row = { (text: Substring) in PodsTableLegacy.row(text, columns: cols, aligned: !headerless) }
    var pods: [PodsTableLegacySegment.Pod] = []
    var i = headerless ? index : index + 1
    var end = i
    while i < lines.count {
      let text = TableColumns.dropIndent(lines[i].text, indent)
      if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
        // A blank line ends the table unless another pod row follows it directly.
        var j = i + 1
        while j < lines.count, lines[j].text.allSatisfy({ $0 == " " || $0 == "\t" }) { j += 1 }
        guard j < lines.count, case .pod? = row(TableColumns.dropIndent(lines[j].text, indent)) else { break }
        i = j
        continue
      }
      guard let r = row(text) else {
        if header(text) == nil, !TableBoundary.isForeign(text), TableColumns.fields(text).count >= 3, !pods.isEmpty {
          warnings.append(ImportWarning(source: source, line: lines[i].number,
                                        message: "skipped a line of an old pods table that does not fit its columns"))
          i += 1
          end = i
          continue
        }
        break
      }
      switch r {
      case .pod(var p):
        p.line = lines[i].number
        if p.namespace == nil { p.namespace = namespace }
        pods.append(p)
      case .container(var c):
        guard !pods.isEmpty else { return nil }
        c.fieldLines["state"] = lines[i].number
        c.fieldLines["image"] = lines[i].number
        pods[pods.count - 1].containers.append(c)
      }
      i += 1
      end = i
    }
    guard !pods.isEmpty else { return nil }
    return (PodsTableLegacySegment(lines: firstLine...lines[end - 1].number, pods: pods), end)
  }

  enum Row {
    case pod(PodsTableLegacySegment.Pod)
    case container(PodsTableLegacySegment.Container)
  }

  /// One line of the table: a pod row or a container sub-row. `aligned`: try the header's
  /// offsets first.
  static func row(_ text: some StringProtocol, columns: [TableColumn], aligned: Bool = true) -> Row? {
    let names = columns.map(\.name)
    var cells: [String: String]
    if aligned, let c = TableColumns.cells(text, columns: columns) {
      cells = Dictionary(zip(names, c), uniquingKeysWith: { a, _ in a })
    } else if let c = unaligned(text, names: names) {
      cells = c
    } else {
      return nil
    }
    let first = cells[names[0]] ?? ""
    if first.isEmpty { return containerRow(cells) }
    return podRow(cells, nameColumn: names[0])
  }

  /// Cells of a row whose columns do not line up with the header (tabs, a re-indented paste):
  /// fields split at runs of spaces, placed by what they look like.
  static func unaligned(_ text: some StringProtocol, names: [String]) -> [String: String]? {
    let f = TableColumns.fields(text)
    guard !f.isEmpty else { return nil }
    var out: [String: String] = [:]
    let indented = TableColumns.indentation(text) >= 4
    if indented {
      // `deployment  image:tag  Waiting  API error ...`
      let s = f.firstIndex(where: { containerStates.contains(stateWord($0)) })
      let head = s.map { Array(f[..<$0]) } ?? f
      guard !head.isEmpty, head.count <= 2 else { return nil }
      if names.contains("CONTAINER(S)") {
        out["CONTAINER(S)"] = head[0]
        out["IMAGE(S)"] = head.count > 1 ? head[1] : ""
      } else {
        out["IMAGE(S)"] = head[0]
      }
      if let s {
        out["STATUS"] = f[s]
        var k = s + 1
        if k < f.count, dockerAge(f[k]) != nil { out["CREATED"] = f[k]; k += 1 }
        if k < f.count { out["MESSAGE"] = f[k...].joined(separator: "  ") }
      }
      return out
    }
    if f.count == names.count { return Dictionary(zip(names, f), uniquingKeysWith: { a, _ in a }) }
    guard let s = f.firstIndex(where: { podStatuses.contains($0) }), s >= 1 else { return nil }
    out[names[0]] = f[0]
    for v in f[1..<s] {
      if v == "<unassigned>" || (v.contains("/") && !v.contains("=") && !v.contains(":")) { out["HOST"] = v }
      else if v == "<none>" || v.contains("=") { out["LABELS"] = v }
      else if v.split(separator: ".").count == 4, v.allSatisfy({ $0.isNumber || $0 == "." }) { out["IP"] = v }
      else if out["CONTAINER(S)"] == nil, names.contains("CONTAINER(S)") { out["CONTAINER(S)"] = v }
      else if out["IMAGE(S)"] == nil { out["IMAGE(S)"] = v }
    }
    out["STATUS"] = f[s]
    var k = s + 1
    if k < f.count, dockerAge(f[k]) != nil { out["CREATED"] = f[k]; k += 1 }
    if k < f.count { out["MESSAGE"] = f[k...].joined(separator: "  ") }
    return out
  }

  /// `Running *not ready*` (the decoration pass may have left `Running not ready`) → `Running`.
  static func stateWord(_ s: String) -> String {
    String(s.split(separator: " ").first ?? "")
  }

  static func podRow(_ c: [String: String], nameColumn: String) -> Row? {
    guard var name = c[nameColumn], !name.contains(" "),
          let status = c["STATUS"], podStatuses.contains(status) else { return nil }
    var namespace: String?
    if let slash = name.firstIndex(of: "/") {
      namespace = String(name[..<slash])
      name = String(name[name.index(after: slash)...])
      guard let ns = namespace, !ns.isEmpty, !name.isEmpty, !name.contains("/") else { return nil }
    }
    var p = PodsTableLegacySegment.Pod(name: name, status: status)
    p.namespace = namespace
    func value(_ k: String) -> String? {
      guard let v = c[k], !v.isEmpty, v != "<none>", v != "<unassigned>" else { return nil }
      return v
    }
    p.podIP = value("IP")
    if let h = value("HOST") {
      let parts = h.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      p.node = parts[0].isEmpty ? nil : parts[0]
      p.hostIP = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
    }
    if let l = value("LABELS") {
      var labels: [String: String] = [:]
      for kv in l.split(separator: ",") {
        let pair = kv.split(separator: "=", maxSplits: 1).map(String.init)
        labels[pair[0]] = pair.count > 1 ? pair[1] : ""
      }
      p.labels = labels
    }
    if let a = value("CREATED") {
      guard let age = dockerAge(a) else { return nil }
      p.age = age
    }
    p.message = value("MESSAGE")
    // ≤v0.13: the first container on the pod row; 2014: its image only.
    if let cn = value("CONTAINER(S)") {
      var k = PodsTableLegacySegment.Container(name: cn)
      k.image = value("IMAGE(S)")
      p.containers.append(k)
    } else if c["CONTAINER(S)"] == nil, let image = value("IMAGE(S)") {
      p.images.append(image)
    }
    return .pod(p)
  }

  static func containerRow(_ c: [String: String]) -> Row? {
    guard c["CONTAINER(S)"] != nil, let name = c["CONTAINER(S)"], !name.isEmpty, !name.contains(" ") else {
      // 2014: a further image of the pod above.
      guard let image = c["IMAGE(S)"], !image.isEmpty, !image.contains(" ") else { return nil }
      var k = PodsTableLegacySegment.Container(name: "")
      k.image = image
      return .container(k)
    }
    var k = PodsTableLegacySegment.Container(name: name)
    k.image = c["IMAGE(S)"].flatMap { $0.isEmpty ? nil : $0 }
    let status = (c["STATUS"] ?? "").replacingOccurrences(of: "*", with: "")
    if !status.isEmpty {
      let word = stateWord(status)
      guard containerStates.contains(word) else { return nil }
      k.state = word
      k.notReady = status.contains("not ready")
    }
    if let a = c["CREATED"], !a.isEmpty {
      guard let age = dockerAge(a) else { return nil }
      k.age = age
    }
    k.message = c["MESSAGE"].flatMap { $0.isEmpty ? nil : $0 }
    return .container(k)
  }

  /// Docker's `units.HumanDuration` as kubectl printed it until 2015: `Less than a second`,
  /// `N seconds`, `About a minute`, `N minutes`, `About an hour`, `N hours` (rounded), `N days`,
  /// `N weeks`, `N months`, `N years`. The Age spans what the words can mean in either version
  /// of docker's `pkg/units` (hours truncated, later rounded; `About an hour` is 60–119 min).
  static func dockerAge(_ text: some StringProtocol) -> Age? {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    let s: (Int64) -> Duration = { .seconds($0) }
    switch t {
    case "less than a second": return .known(value: .zero, resolution: s(1))
    case "about a minute": return .known(value: s(60), resolution: s(60))
    case "about an hour": return .known(value: s(3600), resolution: s(3600))
    default: break
    }
    let w = t.split(separator: " ")
    guard w.count == 2, let n = Int64(w[0]) else { return nil }
    var unit = String(w[1])
    if unit.hasSuffix("s") { unit.removeLast() }
    switch unit {
    case "second": return .known(value: s(n), resolution: s(1))
    case "minute": return .known(value: s(n * 60), resolution: s(60))
    // Truncated to the hour by docker's units of 2014, rounded by those of 2015: [N − ½, N + 1) h.
    case "hour": return .known(value: s(n * 3600 - 1800), resolution: s(5400))
    case "day": return .known(value: s(n * 86400), resolution: s(86400))
    case "week": return .known(value: s(n * 7 * 86400), resolution: s(7 * 86400))
    case "month": return .known(value: s(n * 30 * 86400), resolution: s(30 * 86400))
    case "year": return .known(value: s(n * 365 * 86400), resolution: s(365 * 86400))
    default: return nil
    }
  }
}
