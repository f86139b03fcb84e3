import Foundation

/// Reads `kubectl describe node`: Name, Roles, Labels, CreationTimestamp, Taints, Unschedulable,
/// Conditions, Addresses, Capacity, Allocatable, System Info, Non-terminated Pods, Allocated
/// resources (the table of 1.10+ and the one-row layout before it) and Events. Asked before the
/// pod describe parser, which would otherwise skip the block as "not a pod".
struct NodeDescribeParser: TextSegmentParser {
  /// Keys only a node's describe prints near its top.
  static let nodeKeys: Set<String> = ["Roles", "Taints", "Unschedulable", "Capacity", "Allocatable", "Addresses",
                                      "System Info", "Non-terminated Pods", "Allocated resources", "PodCIDR", "ProviderID"]

  /// `Key:` and the rest of a top-level describe line; nil for an indented or other line.
  static func topLevel(_ text: Substring) -> (key: String, value: String)? {
    guard let first = text.first, first.isLetter, let colon = text.firstIndex(of: ":") else { return nil }
    let key = text[..<colon]
    guard key.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" }) else { return nil }
    return (String(key), text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
  }

  func begins(_ lines: [SourceLine], at index: Int) -> Bool {
    guard let (key, value) = Self.topLevel(lines[index].text), key == "Name", !value.isEmpty else { return false }
    var k = index + 1
    while k < lines.count, k <= index + 40 {
      guard !TextImporter.isBlank(lines[k].text) else { return false }
      if let (key, _) = Self.topLevel(lines[k].text) {
        if key == "Namespace" || key == "Name" { return false }
        if Self.nodeKeys.contains(key) { return true }
      }
      k += 1
    }
    return false
  }

  func parse(_ lines: [SourceLine], at index: Int, source: String,
             warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)? {
    var sections: [(key: String, value: String, line: Int, body: [SourceLine])] = []
    var i = index
    while i < lines.count {
      let l = lines[i]
      if TextImporter.isBlank(l.text) { break }
      if let (key, value) = Self.topLevel(l.text) {
        if i > index, key == "Name" { break }
        sections.append((key, value, l.number, []))
      } else if l.text.first == " " || l.text.first == "\t", !sections.isEmpty {
        sections[sections.count - 1].body.append(l)
      } else {
        break
      }
      i += 1
    }
    guard let name = sections.first?.value, !name.isEmpty else { return nil }
    var n = NodeSnapshot(origin: .describe)
    var events: [NodeDescribeSegment.NodeEventRow] = []
    var heartbeat: Instant?
    func fields(_ l: SourceLine) -> [String] { TableColumns.fields(l.text) }
    func pairs(_ body: [SourceLine]) -> [String: String] {
      var m: [String: String] = [:]
      for l in body {
        let t = l.text.trimmingCharacters(in: .whitespaces)
        guard let c = t.firstIndex(of: ":") else { continue }
        m[String(t[..<c])] = t[t.index(after: c)...].trimmingCharacters(in: .whitespaces)
      }
      return m
    }
    /// Rows of an indented table: lines after the `----` rule (or after the header when none).
    func rows(_ body: [SourceLine]) -> [SourceLine] {
      if let rule = body.firstIndex(where: { $0.text.trimmingCharacters(in: .whitespaces).hasPrefix("--") }) {
        return Array(body[(rule + 1)...])
      }
      // No rule: a header line is dropped only when it is one (a paste may have lost it).
      let head = body.first.map(fields)?.first
      return ["Type", "Namespace", "Resource", "CPU Requests"].contains(head ?? "") ? Array(body.dropFirst()) : body
    }
    func strip(_ q: String) -> String { q.split(separator: " ").first.map(String.init) ?? q }
    for s in sections {
      switch s.key {
      case "Roles": n.roles = s.value
      case "Labels":
        var m: [String: String] = [:]
        for t in [s.value] + s.body.map({ $0.text.trimmingCharacters(in: .whitespaces) }) where t != "<none>" && !t.isEmpty {
          let kv = t.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
          if let k = kv.first, !k.isEmpty { m[String(k)] = kv.count > 1 ? String(kv[1]) : "" }
        }
        n.labels = m; n.fieldLines["labels"] = s.line
      case "CreationTimestamp": n.creationTime = Instant.parse(s.value)
      case "Taints":
        n.taints = ([s.value] + s.body.map { $0.text.trimmingCharacters(in: .whitespaces) }).compactMap(NodeTaint.init(parsing:))
        n.fieldLines["taints"] = s.line
      case "Unschedulable": n.unschedulable = s.value == "true"
      case "Conditions":
        n.conditions = rows(s.body).compactMap { l in
          let f = fields(l)
          guard f.count >= 2 else { return nil }
          if f.count > 2, let beat = Instant.parse(f[2]) { heartbeat = max(heartbeat ?? beat, beat) }
          return NodeCondition(type: f[0], status: f[1], reason: f.count > 4 ? f[4] : nil,
                               message: f.count > 5 ? f[5...].joined(separator: "  ") : nil,
                               lastTransition: f.count > 3 ? Instant.parse(f[3]) : nil)
        }
        n.fieldLines["conditions"] = s.line
      case "Addresses":
        let m = pairs(s.body)
        n.internalIP = m["InternalIP"]; n.externalIP = m["ExternalIP"]
      case "Capacity": n.capacity = pairs(s.body); n.fieldLines["capacity"] = s.line
      case "Allocatable": n.allocatable = pairs(s.body); n.fieldLines["allocatable"] = s.line
      case "System Info":
        let m = pairs(s.body)
        n.version = m["Kubelet Version"]; n.osImage = m["OS Image"]; n.kernelVersion = m["Kernel Version"]
        n.containerRuntime = m["Container Runtime Version"]
      case "Non-terminated Pods", "Non-Terminated Pods":
        n.pods = rows(s.body).compactMap { l in
          let f = fields(l)
          guard f.count >= 4 else { return nil }
          return NodePod(namespace: f[0], name: f[1], cpuRequests: strip(f[2]), memoryRequests: f.count > 4 ? strip(f[4]) : nil)
        }
        n.fieldLines["pods"] = s.line
      case "Allocated resources":
        var req: [String: String] = [:], lim: [String: String] = [:]
        let body = s.body.filter { !$0.text.trimmingCharacters(in: .whitespaces).hasPrefix("(") }
        if let header = body.first, header.text.contains("CPU Requests") {
          // Before 1.10: one row, `CPU Requests  CPU Limits  Memory Requests  Memory Limits`.
          if let row = rows(body).first {
            let f = fields(row)
            if f.count >= 4 { req["cpu"] = strip(f[0]); lim["cpu"] = strip(f[1]); req["memory"] = strip(f[2]); lim["memory"] = strip(f[3]) }
          }
        } else {
          for l in rows(body) {
            let f = fields(l)
            guard f.count >= 3 else { continue }
            req[f[0]] = strip(f[1]); lim[f[0]] = strip(f[2])
          }
        }
        n.allocatedRequests = req.isEmpty ? nil : req
        n.allocatedLimits = lim.isEmpty ? nil : lim
        n.fieldLines["allocated"] = s.line
      case "Events":
        if s.body.contains(where: { DescribeEventParser.headerLayout($0.text) == .legacy }) {
          // Before 1.8: `FirstSeen LastSeen Count From SubObjectPath [Type] Reason Message`, read
          // as the pod describe reads it (ages or 2015's RFC 1123 times, `{kubelet host}` or
          // `kubelet, host`); a line that is no row continues the message above it.
          var rows: [DescribeEventRow] = []
          for l in s.body where DescribeEventParser.headerLayout(l.text) == nil && !DescribeEventParser.isRule(l.text) {
            if let r = DescribeEventParser.parseLegacy(l) { rows.append(r) }
            else if !rows.isEmpty { DescribeEventParser.append(l, to: &rows[rows.count - 1]) }
          }
          events += rows.map { r in
            .init(line: r.firstLine, type: r.type, reason: r.reason, message: r.message, last: r.last, first: r.first,
                  count: r.count, component: r.component, host: r.host)
          }
          continue
        }
        for l in rows(s.body) {
          let f = fields(l)
          guard f.count >= 4, ["Normal", "Warning"].contains(f[0]), let age = AggregatedAge.parse(f[2]) else { continue }
          let from = f[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
          events.append(.init(line: l.number, type: f[0], reason: f[1], message: f.count > 4 ? f[4...].joined(separator: "  ") : "",
                              last: .age(age.last), first: age.first.map { .age($0) }, count: age.count ?? 1,
                              component: from.first, host: from.count > 1 ? from[1] : nil))
        }
      default: break
      }
    }
    n.status = NodeObject.statusColumn(n)
    if n.roles == nil { n.roles = NodeObject.roles(n.labels) }
    let end = lines[i - 1].number
    return (NodeDescribeSegment(lines: lines[index].number...end, name: name, snapshot: n, events: events,
                                newestHeartbeat: heartbeat), i)
  }
}

