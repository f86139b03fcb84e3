import Foundation

/// The state machine behind `DescribeParser.parse`.
struct DescribeBuilder {
  let lines: [SourceLine]
  let start: Int
  let source: String
  var segment = DescribeSegment(lines: 0...0)
  /// Lines read as describe content.
  var recognised = 0
  var lastLine: Int?

  enum Section: Equatable {
    case header, multiValue(String), ips, containers(ContainerKind), conditions, volumes, events, skip
  }
  var section = Section.header
  var sectionIndent = 0
  /// Indentation of the block's top-level keys, once one is seen.
  var topIndent: Int?

  // Container block state.
  var containerIndex: Int?
  var containerNameIndent: Int?
  var containerFieldIndent: Int?
  var stateOpen: (last: Bool, indent: Int)?
  var stateLastField: String?
  var listOpen: (kind: String, indent: Int)?

  // Volumes.
  var volumeNameIndent: Int?
  /// Every top-level key's value and the keys nested under unread sections, for describes of
  /// other kinds (`kubectl describe event` is read from these).
  var topFields: [String: String] = [:]
  var nestedFields: [String: [String: String]] = [:]
  var skipParent: String?
  // Events.
  var layout: DescribeEventLayout?

  init(lines: [SourceLine], start: Int, source: String) {
    self.lines = lines; self.start = start; self.source = source
  }

  mutating func mark(_ line: SourceLine) { recognised += 1; lastLine = line.number }

  /// Reads from `start`; returns the index where the segment ends.
  mutating func run(_ warnings: inout [ImportWarning]) -> Int {
    var i = start
    while i < lines.count {
      let (line, used) = joinedLine(at: i)
      let text = line.text
      if used == 1, text.allSatisfy({ $0 == " " || $0 == "\t" }) {
        // A blank line ends the block unless describe content follows.
        var j = i + 1
        while j < lines.count, lines[j].text.allSatisfy({ $0 == " " || $0 == "\t" }) { j += 1 }
        guard j < lines.count, continues(at: j) else { return i }
        i = j
        continue
      }
      let kv = DescribeKeyValue.parse(text)
      // Another paste right after this one (no blank line between): only at the block's own
      // left margin, so nested tables (Conditions, Events) are never handed away.
      if i > start, kv == nil, describeIndent(text) <= (topIndent ?? 0), otherParserBegins(at: i) { return i }
      if let kv, isTopLevel(kv) {
        if kv.key == "Name", i > start, !kv.value.isEmpty { return i }
        if topIndent == nil { topIndent = firstTopIndent(kv, at: i) }
        closeContainerState()
        topLevel(kv, line)
      } else if !handleInSection(line, kv, &warnings) {
        // The rest of a hard-wrapped line that could not be joined (the line before filled the
        // terminal): its text is lost to its field, but the block goes on.
        guard i > start, section != .events, describeIndent(text) == 0, lines[i - 1].text.count >= 79,
              kv.map({ !DescribeKeys.pod.contains($0.key) }) ?? true else { return i }
        mark(line)
      }
      if used > 1 {
        // The joined line spans `used` source lines.
        if lastLine == line.number { lastLine = lines[i + used - 1].number }
        if let last = segment.events.indices.last, segment.events[last].lastLine == line.number {
          segment.events[last].lastLine = lines[i + used - 1].number
        }
      }
      i += used
    }
    return i
  }

  /// Line `i` joined with the lines a terminal hard-wrapped it onto: the line fills the
  /// terminal (79+ columns) and the next starts further left than the line's own indentation
  /// with text that is not a key line or an Events row. Returns the line and how many it spans.
  func joinedLine(at i: Int) -> (SourceLine, Int) {
    var line = lines[i]
    var used = 1
    while i + used < lines.count {
      let previous = lines[i + used - 1].text
      let next = lines[i + used]
      guard previous.count >= 79, !next.text.allSatisfy({ $0 == " " || $0 == "\t" }) else { break }
      let indent = describeIndent(next.text)
      guard indent == 0 || indent < describeIndent(line.text) else { break }
      if DescribeKeyValue.parse(next.text) != nil || DescribeEventParser.headerLayout(next.text) != nil
        || DescribeEventParser.isRule(next.text) || DescribeEventParser.parseRow(next, layout: layout) != nil {
        break
      }
      if otherParserBegins(at: i + used) { break }
      line = SourceLine(number: line.number, text: Substring(String(line.text) + String(next.text)))
      used += 1
    }
    return (line, used)
  }

  /// The block's top-level indentation, from its first key line. A chat paste often has the
  /// first line flush left and the rest indented (`Name: web` then `    Namespace: shop`): then
  /// the next key line's indentation is the block's.
  func firstTopIndent(_ kv: DescribeKeyValue, at i: Int) -> Int {
    guard i == start else { return kv.indent }
    var j = i + 1
    while j < lines.count, lines[j].text.allSatisfy({ $0 == " " || $0 == "\t" }) { j += 1 }
    guard j < lines.count, let next = DescribeKeyValue.parse(lines[j].text), next.indent > kv.indent,
          DescribeKeys.pod.contains(next.key), !DescribeKeys.ambiguous.contains(next.key) else { return kv.indent }
    return next.indent
  }

  /// Whether line `j` (after blank lines) still belongs to this block.
  func continues(at j: Int) -> Bool {
    let line = lines[j]
    if otherParserBegins(at: j) { return false }
    if let kv = DescribeKeyValue.parse(line.text) {
      if kv.key == "Name" { return false }
      if isTopLevel(kv) { return true }
      if case .containers = section, DescribeKeys.container.contains(kv.key) || DescribeKeys.state.contains(kv.key) { return true }
      // After an elided stretch (`...` blanked by the paste cleaner), an indented container field
      // is the rest of a Containers block whose start was cut.
      if kv.indent > 0, DescribeKeys.container.contains(kv.key), !DescribeKeys.ambiguous.contains(kv.key), recognised > 0 { return true }
      return false
    }
    if section == .events, DescribeEventParser.parseRow(line, layout: layout) != nil { return true }
    return false
  }

  func otherParserBegins(at j: Int) -> Bool {
    for p in TextSegmentParsers.structured where !(p is DescribeParser) {
      if p.begins(lines, at: j) { return true }
    }
    return false
  }

  func isTopLevel(_ kv: DescribeKeyValue) -> Bool {
    let known = DescribeKeys.pod.contains(kv.key) || DescribeKeys.otherKind.contains(kv.key)
    guard known else { return false }
    // The pod's Status, Reason, Message and IP come before its containers in every kubectl era,
    // so after a container block these names belong to a container or a volume (this also
    // keeps pastes that lost their indentation readable).
    if DescribeKeys.ambiguous.contains(kv.key), kv.key != "Name", segment.isPod {
      if !segment.snapshot.containers.isEmpty { return false }
      switch section {
      case .containers, .volumes: return false
      default: break
      }
    }
    // A ConfigMap volume's `Name:` line in a paste that lost its indentation.
    if kv.key == "Name", section == .volumes, let v = segment.snapshot.spec.volumes?.last, v.type == "configMap",
       v.source == nil {
      return false
    }
    if let top = topIndent { return kv.indent <= top }
    // No top-level key yet: inside a container or volume block the shared names are nested.
    if DescribeKeys.ambiguous.contains(kv.key) {
      switch section {
      case .containers, .volumes, .ips: return false
      default: break
      }
      if kv.key == "Type" || kv.key == "Port" { return false }
    }
    // Keys that never appear inside a container block (Events, Conditions, QoS Class...) end it
    // even when a fragment's container fields sit at the same indentation.
    if !DescribeKeys.ambiguous.contains(kv.key), !DescribeKeys.container.contains(kv.key) { return true }
    if case .containers = section, let f = containerFieldIndent, kv.indent >= f { return false }
    return true
  }

  mutating func closeContainerState() {
    stateOpen = nil; stateLastField = nil; listOpen = nil
  }

  // MARK: top-level keys

  mutating func topLevel(_ kv: DescribeKeyValue, _ line: SourceLine) {
    mark(line)
    sectionIndent = kv.indent
    section = .header
    topFields[kv.key] = kv.value
    skipParent = kv.key
    if DescribeKeys.otherKind.contains(kv.key) {
      segment.isPod = false
      segment.otherKindHint = segment.otherKindHint ?? kv.key
      section = .skip
      return
    }
    let v = kv.value
    let none = v == "<none>" || v.isEmpty
    switch kv.key {
    case "Name": segment.podName = v; segment.hasStatus = true
    case "Namespace": segment.namespace = v.isEmpty ? nil : v; segment.hasStatus = true
    case "Priority": segment.snapshot.spec.priority = InputBounds.int(v, in: InputBounds.int32); segment.hasStatus = true
    case "Priority Class Name": segment.snapshot.spec.priorityClassName = none ? nil : v
    case "Service Account": segment.snapshot.spec.serviceAccount = none ? nil : v
    case "Node":
      segment.hasStatus = true
      segment.snapshot.fieldLines["node"] = line.number
      if !none {
        let parts = v.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        segment.snapshot.node = parts[0].isEmpty ? nil : parts[0]
        if parts.count > 1, !parts[1].isEmpty { segment.snapshot.hostIP = parts[1] }
      }
    case "Start Time":
      segment.hasStatus = true
      segment.snapshot.startTime = Instant.parseRFC1123(v)
      segment.snapshot.fieldLines["startTime"] = line.number
    case "Labels":
      segment.hasStatus = true
      segment.snapshot.spec.labels = [:]
      addLabel(v, to: "Labels")
      section = .multiValue("Labels")
    case "Annotations", "Node-Selectors", "Tolerations":
      segment.hasStatus = true
      if kv.key == "Node-Selectors" { segment.snapshot.spec.nodeSelector = [:] }
      if kv.key == "Tolerations" { segment.snapshot.spec.tolerations = [] }
      addLabel(v, to: kv.key)
      section = .multiValue(kv.key)
    case "Status":
      segment.hasStatus = true
      segment.snapshot.fieldLines["status"] = line.number
      if v.hasPrefix("Terminating") {
        // `Terminating (lasts 40s)` (age since deletionTimestamp); kubectl ≤1.4 printed
        // `Terminating (expires Tue, 10 Mar 2026 14:02:11 +0000)`.
        if let open = v.firstIndex(of: "("), let close = v.lastIndex(of: ")"), open < close {
          let inside = String(v[v.index(after: open)..<close])
          if inside.hasPrefix("expires ") {
            segment.snapshot.deletionTime = Instant.parseRFC1123(String(inside.dropFirst("expires ".count)))
          } else {
            segment.terminatingAge = Age.parse(inside.replacingOccurrences(of: "lasts", with: ""))
          }
        }
      } else if !none {
        segment.snapshot.phase = v
      }
    case "Reason":
      segment.snapshot.fieldLines["reason"] = line.number
      segment.snapshot.reason = none ? nil : v
      if StatusReason(v)?.isPodOnly == true { segment.hasStatus = true }
    case "Message":
      segment.snapshot.fieldLines["message"] = line.number
      segment.snapshot.message = none ? nil : v
      section = .multiValue("Message")
    case "IP": segment.snapshot.podIP = none ? nil : v
    case "IPs": section = .ips
    case "Controlled By": segment.snapshot.spec.owner = none ? nil : v
    case "Created By", "Controllers": if segment.snapshot.spec.owner == nil, !none { segment.snapshot.spec.owner = v }
    case "Replication Controllers":
      if !none, let name = v.split(separator: " ").first { segment.snapshot.spec.owner = "ReplicationController/\(name)" }
    case "Init Containers": segment.hasStatus = true; startContainers(.`init`)
    case "Containers": segment.hasStatus = true; startContainers(.regular)
    case "Ephemeral Containers": segment.hasStatus = true; startContainers(.ephemeral)
    case "Conditions":
      segment.hasStatus = true
      segment.snapshot.fieldLines["conditions"] = line.number
      section = .conditions
    case "Volumes":
      segment.hasStatus = true
      section = v == "<none>" ? .header : .volumes
      volumeNameIndent = nil
      if segment.snapshot.spec.volumes == nil { segment.snapshot.spec.volumes = [] }
    case "QoS Class": segment.hasStatus = true; segment.snapshot.spec.qosClass = none ? nil : v
    case "Termination Grace Period":
      // Printed with `Terminating`: the pod's deletionGracePeriodSeconds.
      let seconds = Age.parse(v)?.value.map { Int($0.micros / 1_000_000) }
      segment.snapshot.deletionGracePeriodSeconds = seconds
      segment.snapshot.spec.terminationGracePeriodSeconds = seconds
    case "Nominated Node Name", "NominatedNodeName": segment.snapshot.nominatedNode = none ? nil : v
    case "Events":
      segment.snapshot.fieldLines["events"] = line.number
      section = v == "<none>" ? .header : .events
      layout = nil
    default:
      section = .skip
    }
  }

  mutating func startContainers(_ kind: ContainerKind) {
    section = .containers(kind)
    containerIndex = nil
    containerNameIndent = nil
    containerFieldIndent = nil
    closeContainerState()
  }

  /// One line of a multi-line value (Labels, Annotations, Node-Selectors, Tolerations).
  mutating func addLabel(_ v: String, to key: String) {
    guard !v.isEmpty, v != "<none>" else { return }
    switch key {
    case "Labels", "Node-Selectors":
      let parts = v.split(separator: "=", maxSplits: 1).map(String.init)
      let k = parts[0]
      let value = parts.count > 1 ? parts[1] : ""
      if key == "Labels" { segment.snapshot.spec.labels?[k] = value } else { segment.snapshot.spec.nodeSelector?[k] = value }
    case "Tolerations":
      segment.snapshot.spec.tolerations?.append(v)
    case "Message":
      segment.snapshot.message = (segment.snapshot.message.map { $0 + " " } ?? "") + v
    default:
      break
    }
  }

  // MARK: sections

  /// Handles a line that is not a top-level key. Returns false when the line ends the block.
  mutating func handleInSection(_ line: SourceLine, _ kv: DescribeKeyValue?, _ warnings: inout [ImportWarning]) -> Bool {
    let indent = describeIndent(line.text)
    let trimmed = line.text.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
    switch section {
    case .multiValue(let key):
      // Continuation lines sit under the value column; a paste that lost its indentation still
      // has them as lines without a key (`pod-template-hash=abc`, `node.kubernetes.io/x:NoExecute`).
      let flushItem = kv == nil && !trimmed.hasSuffix(".") && trimmed.split(separator: " ").count <= 4
        && (trimmed.contains("=") || trimmed.contains(":"))
      if indent > sectionIndent || flushItem, !trimmed.isEmpty,
         kv == nil || !(DescribeKeys.pod.contains(kv?.key ?? "") || DescribeKeys.otherKind.contains(kv?.key ?? "")) {
        addLabel(trimmed, to: key); mark(line); return true
      }
    case .ips:
      if indent > sectionIndent { mark(line); return true }
    case .containers(let kind):
      if containerLine(line, kv, indent: indent, kind: kind) { mark(line); return true }
    case .conditions:
      let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if kv == nil, words.count >= 2, words.count <= 4 {
        if !(words[0] == "Type" && words[1] == "Status") {
          segment.snapshot.conditions.append(PodCondition(type: String(words[0]), status: String(words[1])))
        }
        mark(line); return true
      }
    case .volumes:
      if volumeLine(kv, indent: indent) { mark(line); return true }
    case .events:
      if eventLine(line, indent: indent, &warnings) { mark(line); return true }
    case .skip:
      // Inside another kind's block or an unread pod section: nested lines belong to it.
      if let kv {
        if let top = topIndent, kv.indent <= top {
          topFields[kv.key] = kv.value; skipParent = kv.key; sectionIndent = kv.indent
        } else if let parent = skipParent {
          nestedFields[parent, default: [:]][kv.key] = kv.value
        }
        mark(line); return true
      }
      if indent > sectionIndent { mark(line); return true }
    case .header:
      break
    }
    // Outside any open section.
    if let kv {
      // A container fragment without its `Containers:` line (corpus 006, 045).
      if DescribeKeys.container.contains(kv.key), case .header = section, topIndent == nil || kv.indent > (topIndent ?? 0) || segment.snapshot.containers.isEmpty {
        startContainers(.regular)
        if containerLine(line, kv, indent: indent, kind: .regular) { mark(line); return true }
      }
      // An unknown key at the top level (a newer kubectl field): skip it and what it nests.
      if let top = topIndent, kv.indent <= top {
        topFields[kv.key] = kv.value; skipParent = kv.key
        section = .skip; sectionIndent = kv.indent; mark(line); return true
      }
      if topIndent == nil, recognised == 0 { return false }
      if kv.indent > (topIndent ?? 0) { mark(line); return true }
    }
    // Events header or rows of a fragment that starts at the table.
    if DescribeEventParser.headerLayout(line.text) != nil || DescribeEventParser.parseRow(line, layout: nil) != nil {
      section = .events
      sectionIndent = max(0, indent - 2)
      layout = nil
      if eventLine(line, indent: indent, &warnings) { mark(line); return true }
    }
    return false
  }
}
