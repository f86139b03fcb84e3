import Foundation

/// Parses `kubectl describe pod` text of every kubectl era (2015's tab-separated builds to 1.35)
/// into one segment per pod: a status snapshot and the Events table's rows.
///
/// Fields are read by key name, not by fixed columns; nesting is judged from indentation
/// relative to the block's own top-level keys, so fragments that start mid-describe (at
/// `Annotations:`, at a container's `State:`, at `Events:` or at a bare Events row) are read
/// as far as they go. Describes of other kinds (`kubectl describe all`) are consumed and give no facts.
public struct DescribeParser: TextSegmentParser {
  public init() {}

  public func begins(_ lines: [SourceLine], at index: Int) -> Bool {
    guard index < lines.count else { return false }
    let text = lines[index].text
    if let kv = DescribeKeyValue.parse(text) {
      if kv.key == "Name" { return !kv.value.isEmpty }
      if kv.key == "Status" { return DescribeKeys.phases.contains(kv.value) || kv.value.hasPrefix("Terminating") }
      if DescribeKeys.fragmentStart.contains(kv.key) { return true }
      return false
    }
    if DescribeEventParser.headerLayout(text) != nil { return true }
    if let row = DescribeEventParser.parseRow(lines[index], layout: nil), Self.isStrictRow(row) { return true }
    return false
  }

  /// A headerless row is taken as a describe row only when its source column looks like one
  /// (`{kubelet node}`, `kubelet, node`, a scheduler, kubelet or controller), so that a bare
  /// `kubectl get events` row is left to the events-table parser.
  static func isStrictRow(_ row: DescribeEventRow) -> Bool {
    // Modern rows start with Normal/Warning: no other table does.
    if row.layout == .modern { return true }
    guard let c = row.component else { return false }
    if row.host != nil || ["default-scheduler", "scheduler", "kubelet"].contains(c) { return true }
    // `kube-controller-manager-n1  Pod  ...` is an old get-events row (NAME, KIND), not a source.
    let kinds: Set<String> = ["Pod", "Node", "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job",
                              "Service", "Endpoints", "ReplicationController", "PersistentVolumeClaim", "CronJob"]
    return c.hasSuffix("-controller") && !kinds.contains(row.reason)
  }

  public func parse(_ lines: [SourceLine], at index: Int, source: String,
                    warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)? {
    var builder = DescribeBuilder(lines: lines, start: index, source: source)
    let next = builder.run(&warnings)
    guard builder.recognised > 0, let last = builder.lastLine else { return nil }
    // One lone key line (`Node: it is broken` in prose) is not a describe.
    if builder.recognised < 2, builder.segment.podName == nil, builder.segment.events.isEmpty,
       builder.topFields["Events"] != "<none>" {
      return nil
    }
    var segment = builder.segment
    segment.lines = lines[index].number...last
    if let described = DescribedEventSegment(fields: builder.topFields, nested: builder.nestedFields,
                                             lines: segment.lines) {
      return (described, max(next, index + 1))
    }
    // An eviction message names the containers when the Containers block is not in the paste
    // (corpus 019): `Container app was using 34260Ki, which exceeds its request of 0.`
    if segment.snapshot.containers.isEmpty, let message = segment.snapshot.message {
      for name in DescribeBuilder.containersNamed(in: message) {
        segment.snapshot.containers.append(ContainerSnapshot(name: name, kind: .regular))
      }
    }
    if segment.podName == nil, let guess = builder.guessPodName() {
      segment.podName = guess.name
      segment.podNameGuessed = true
      if segment.namespace == nil { segment.namespace = guess.namespace }
    }
    return (segment, max(next, index + 1))
  }
}

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
        if topIndent == nil { topIndent = kv.indent }
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

  /// Whether line `j` (after blank lines) still belongs to this block.
  func continues(at j: Int) -> Bool {
    let line = lines[j]
    if otherParserBegins(at: j) { return false }
    if let kv = DescribeKeyValue.parse(line.text) {
      if kv.key == "Name" { return false }
      if isTopLevel(kv) { return true }
      if case .containers = section, DescribeKeys.container.contains(kv.key) || DescribeKeys.state.contains(kv.key) { return true }
      return false
    }
    if section == .events, DescribeEventParser.parseRow(line, layout: layout) != nil { return true }
    return false
  }

  func otherParserBegins(at j: Int) -> Bool {
    for p in TextSegmentParsers.all where !(p is DescribeParser) {
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
    case "Priority": segment.snapshot.spec.priority = Int(v); segment.hasStatus = true
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

  // MARK: containers

  mutating func containerLine(_ line: SourceLine, _ kv: DescribeKeyValue?, indent: Int, kind: ContainerKind) -> Bool {
    let trimmed = line.text.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
    // A container name line: `  app:` with nothing after it.
    if let kv, kv.value.isEmpty, !kv.key.contains(" "), !DescribeKeys.container.contains(kv.key),
       !DescribeKeys.state.contains(kv.key), indent > sectionIndent || topIndent == nil || isContainerName(kv.key) {
      let inList = listOpen.map { indent > $0.indent } ?? false
      let isName: Bool
      if inList { isName = false }
      else if let n = containerNameIndent { isName = indent <= n }
      else if let f = containerFieldIndent { isName = indent < f }
      else { isName = true }
      if isName {
        closeContainerState()
        segment.hasStatus = true
        segment.snapshot.containers.append(ContainerSnapshot(name: kv.key, kind: kind))
        containerIndex = segment.snapshot.containers.count - 1
        containerNameIndent = indent
        containerFieldIndent = nil
        return true
      }
    }
    if containerIndex == nil {
      // Fields before any name line: a fragment of an unnamed container.
      guard let kv, DescribeKeys.container.contains(kv.key) else { return false }
      segment.hasStatus = true
      segment.snapshot.containers.append(ContainerSnapshot(name: DescribeSegment.unnamedContainer, kind: kind))
      containerIndex = segment.snapshot.containers.count - 1
    }
    guard let ci = containerIndex else { return false }
    // Items of an open list (Command, Args, Mounts, Environment, Limits, Requests).
    if let list = listOpen {
      let item = indent > list.indent || (kv == nil && ["Command", "Args", "Mounts", "Volume Mounts"].contains(list.kind))
      if item, !(kv.map { DescribeKeys.container.contains($0.key) && $0.indent <= (containerFieldIndent ?? 0) } ?? false) {
        listItem(list.kind, trimmed, kv, ci)
        return true
      }
      listOpen = nil
    }
    // Fields of an open State / Last State (at the State line's own indentation too, for pastes
    // that lost their indentation; `Started: True` is the container's own field).
    if let st = stateOpen {
      if let kv, DescribeKeys.state.contains(kv.key),
         indent > st.indent || (indent == st.indent && !(kv.key == "Started" && (kv.value == "True" || kv.value == "False"))) {
        stateField(kv, last: st.last, ci)
        stateLastField = kv.key
        return true
      }
      if stateLastField == "Message", indent > st.indent, kv.map({ !DescribeKeys.state.contains($0.key) }) ?? true {
        // A multi-line termination message.
        if st.last { segment.snapshot.containers[ci].lastState?.message? += "\n" + trimmed }
        else { segment.snapshot.containers[ci].state?.message? += "\n" + trimmed }
        return true
      }
      stateOpen = nil
      stateLastField = nil
    }
    guard let kv else {
      // Not a key line, deeper than the fields: leftovers of a wrapped value.
      return indent > (containerFieldIndent ?? sectionIndent)
    }
    if DescribeKeys.container.contains(kv.key) {
      if containerFieldIndent == nil { containerFieldIndent = kv.indent }
      containerField(kv, line, ci)
      return true
    }
    // An unknown container field (newer kubectl): keep reading.
    if let f = containerFieldIndent, kv.indent >= f { return true }
    return false
  }

  /// A container name is a DNS label (`app`, `1st`, `istio-proxy`).
  func isContainerName(_ key: String) -> Bool {
    guard let f = key.first, f.isLowercase || f.isNumber else { return false }
    return key.allSatisfy { ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }
  }

  mutating func containerField(_ kv: DescribeKeyValue, _ line: SourceLine, _ ci: Int) {
    let v = kv.value
    let none = v == "<none>" || v.isEmpty
    var c = segment.snapshot.containers[ci]
    switch kv.key {
    case "Container ID": c.containerID = none ? nil : v
    case "Image": c.image = none ? nil : v; c.fieldLines["image"] = line.number
    case "Image ID": c.imageID = none ? nil : v
    case "Port", "Ports":
      c.fieldLines["ports"] = line.number
      if !none { c.spec.ports = parsePorts(v) }
    case "Host Port", "Host Ports":
      if !none, var ports = c.spec.ports {
        let hosts = parsePorts(v)
        for (k, h) in hosts.enumerated() where k < ports.count && h.containerPort != 0 { ports[k].hostPort = h.containerPort }
        c.spec.ports = ports
      }
    case "State", "Last State", "Last Termination State":
      let last = kv.key != "State"
      let kind = ContainerState.Kind(rawValue: v.split(separator: " ").first.map { $0.lowercased() } ?? "")
      if let kind {
        if last { c.lastState = ContainerState(kind: kind) } else { c.state = ContainerState(kind: kind) }
        c.fieldLines[last ? "lastState" : "state"] = line.number
        stateOpen = (last, kv.indent)
        stateLastField = nil
      }
    case "Ready":
      c.ready = v == "True" ? true : v == "False" ? false : nil
      c.fieldLines["ready"] = line.number
    case "Started":
      c.started = v == "True" ? true : v == "False" ? false : nil
    case "Restart Count":
      c.restartCount = Int(v)
      c.fieldLines["restartCount"] = line.number
    case "Liveness", "Readiness", "Startup":
      let p = DescribeProbe.parse(v)
      let key = kv.key.lowercased()
      c.fieldLines[key] = line.number
      if kv.key == "Liveness" { c.spec.liveness = p } else if kv.key == "Readiness" { c.spec.readiness = p } else { c.spec.startup = p }
    case "Limits", "Requests":
      c.fieldLines[kv.key.lowercased()] = line.number
      if kv.key == "Limits" { c.spec.limits = c.spec.limits ?? [:] } else { c.spec.requests = c.spec.requests ?? [:] }
      listOpen = (kv.key, kv.indent)
    case "Command", "Args":
      if kv.key == "Command" { c.spec.command = none ? nil : (v.isEmpty ? [] : [v]) }
      else { c.spec.args = none ? nil : (v.isEmpty ? [] : [v]) }
      listOpen = (kv.key, kv.indent)
    case "Environment", "Variables", "Environment Variables", "Environment Variables from", "Mounts", "Volume Mounts":
      if kv.key == "Mounts" || kv.key == "Volume Mounts" { c.spec.mounts = none ? nil : [] }
      listOpen = (kv.key, kv.indent)
    case "Image Pull Policy": c.spec.imagePullPolicy = none ? nil : v
    case "Restart Policy": c.spec.restartPolicy = none ? nil : v
    default: break
    }
    segment.snapshot.containers[ci] = c
  }

  mutating func stateField(_ kv: DescribeKeyValue, last: Bool, _ ci: Int) {
    var c = segment.snapshot.containers[ci]
    guard var s = last ? c.lastState : c.state else { return }
    let v = kv.value
    switch kv.key {
    case "Reason": s.reason = v.isEmpty ? nil : v
    case "Message": s.message = v
    case "Exit Code": s.exitCode = Int(v)
    case "Signal": s.signal = Int(v)
    case "Started": s.startedAt = Instant.parseRFC1123(v)
    case "Finished": s.finishedAt = Instant.parseRFC1123(v)
    default: break
    }
    if last { c.lastState = s } else { c.state = s }
    segment.snapshot.containers[ci] = c
  }

  mutating func listItem(_ kind: String, _ item: String, _ kv: DescribeKeyValue?, _ ci: Int) {
    var c = segment.snapshot.containers[ci]
    switch kind {
    case "Limits", "Requests":
      if let kv {
        if kind == "Limits" { c.spec.limits?[kv.key] = kv.value } else { c.spec.requests?[kv.key] = kv.value }
      }
    case "Command": c.spec.command = (c.spec.command ?? []) + [item]
    case "Args": c.spec.args = (c.spec.args ?? []) + [item]
    case "Mounts", "Volume Mounts": c.spec.mounts = (c.spec.mounts ?? []) + [item]
    case "Environment", "Variables", "Environment Variables":
      for (pattern, isSecret) in [("config map '", false), ("configmap '", false), ("secret '", true)] {
        if let r = item.range(of: pattern) {
          let name = String(item[r.upperBound...].prefix { $0 != "'" })
          if isSecret { c.spec.secretRefs = appendUnique(c.spec.secretRefs, name) }
          else { c.spec.configMapRefs = appendUnique(c.spec.configMapRefs, name) }
        }
      }
    case "Environment Variables from":
      // `cfg  ConfigMap  Optional: false`, `creds  Secret  Optional: false`
      let words = item.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      if words.count >= 2 {
        if words[1] == "ConfigMap" { c.spec.configMapRefs = appendUnique(c.spec.configMapRefs, words[0]) }
        if words[1] == "Secret" { c.spec.secretRefs = appendUnique(c.spec.secretRefs, words[0]) }
      }
    default: break
    }
    segment.snapshot.containers[ci] = c
  }

  func appendUnique(_ list: [String]?, _ item: String) -> [String] {
    var l = list ?? []
    if !item.isEmpty, !l.contains(item) { l.append(item) }
    return l
  }

  /// `8300/TCP`, `80/TCP, 443/TCP`, `53/UDP, 53/TCP, 9153/TCP`, `8080/TCP (http)`, `0/TCP`.
  func parsePorts(_ v: String) -> [ContainerPort] {
    v.split(separator: ",").compactMap { part -> ContainerPort? in
      let words = part.split(separator: " ")
      guard let first = words.first else { return nil }
      let pp = first.split(separator: "/")
      guard let n = pp.first.flatMap({ Int($0) }) else { return nil }
      var port = ContainerPort(containerPort: n, protocol: pp.count > 1 ? String(pp[1]) : nil)
      if words.count > 1 { port.name = words[1].trimmingCharacters(in: CharacterSet(charactersIn: "()")) }
      return port
    }
  }

  mutating func volumeLine(_ kv: DescribeKeyValue?, indent: Int) -> Bool {
    guard let kv else { return indent > sectionIndent }
    let field = DescribeKeys.volume.contains(kv.key)
    guard kv.indent > sectionIndent || topIndent == nil || field || isContainerName(kv.key) else { return false }
    if kv.value.isEmpty, !field, volumeNameIndent == nil || kv.indent <= (volumeNameIndent ?? 0), !kv.key.contains(" ") {
      volumeNameIndent = kv.indent
      segment.snapshot.spec.volumes?.append(VolumeRef(name: kv.key, type: "unknown"))
      return true
    }
    guard var vols = segment.snapshot.spec.volumes, var vol = vols.last else { return true }
    let v = kv.value
    switch kv.key {
    case "Type":
      let word = v.split(separator: " ").first.map(String.init) ?? ""
      let map = ["Secret": "secret", "ConfigMap": "configMap", "PersistentVolumeClaim": "persistentVolumeClaim",
                 "EmptyDir": "emptyDir", "HostPath": "hostPath", "NFS": "nfs", "Projected": "projected",
                 "DownwardAPI": "downwardAPI", "CSI": "csi", "Glusterfs": "glusterfs", "AWSElasticBlockStore": "awsElasticBlockStore",
                 "GCEPersistentDisk": "gcePersistentDisk", "Ephemeral": "ephemeral"]
      vol.type = map[word] ?? (word.isEmpty ? "unknown" : word.prefix(1).lowercased() + word.dropFirst())
    case "SecretName", "ClaimName": vol.source = v
    case "Name": if vol.type == "configMap" || vol.source == nil { vol.source = v }
    case "Server": vol.source = v + (vol.source.map { ":" + $0 } ?? "")
    case "Path": if vol.type == "nfs", let s = vol.source { vol.source = s + ":" + v } else if vol.source == nil { vol.source = v }
    case "Optional": vol.optional = v == "true" ? true : v == "false" ? false : nil
    default: break
    }
    vols[vols.count - 1] = vol
    segment.snapshot.spec.volumes = vols
    return true
  }

  // MARK: events

  mutating func eventLine(_ line: SourceLine, indent: Int, _ warnings: inout [ImportWarning]) -> Bool {
    if let l = DescribeEventParser.headerLayout(line.text) { layout = l; return true }
    if DescribeEventParser.isRule(line.text) { return true }
    if let row = DescribeEventParser.parseRow(line, layout: layout) {
      segment.events.append(row)
      return true
    }
    // A row cut short (a truncated paste) is not a continuation of the row before it.
    let first = line.text.drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" }
    if layout != .legacy, DescribeEventParser.isEventType(first) {
      warnings.append(ImportWarning(source: source, line: line.number,
                                    message: "skipped a damaged Events row: \(String(line.text.trimmingCharacters(in: .whitespaces).prefix(60)))"))
      return true
    }
    guard !segment.events.isEmpty else {
      if indent > sectionIndent {
        warnings.append(ImportWarning(source: source, line: line.number,
                                      message: "skipped a line in the Events table that is not a row: \(String(line.text.trimmingCharacters(in: .whitespaces).prefix(60)))"))
        return true
      }
      return false
    }
    // A message that wraps onto the next line: indented text, or a terminal hard wrap.
    let last = segment.events.count - 1
    if indent > sectionIndent || segment.events[last].lastPhysicalLength >= 79 {
      if let kv = DescribeKeyValue.parse(line.text), isTopLevel(kv) { return false }
      DescribeEventParser.append(line, to: &segment.events[last])
      return true
    }
    return false
  }

  // MARK: names from messages

  /// `Container app was using 34260Ki, ...` (kubelet eviction messages) → ["app"].
  static func containersNamed(in message: String) -> [String] {
    var names: [String] = []
    var rest = Substring(message)
    while let r = rest.range(of: "Container ") {
      let word = rest[r.upperBound...].prefix { !$0.isWhitespace && $0 != "," }
      rest = rest[r.upperBound...]
      if rest.dropFirst(word.count).hasPrefix(" was using"), !word.isEmpty, !names.contains(String(word)) {
        names.append(String(word))
      }
    }
    return names
  }

  /// When the fragment printed no `Name:`, the Events' messages often name the pod:
  /// `Successfully assigned ns/name to node`, `pod (name) failed to fit`, `for pod "name_ns(uid)"`,
  /// `in pod name_ns(uid)`.
  func guessPodName() -> (name: String, namespace: String?)? {
    guard let found = guessPodNameOnce() else { return nil }
    if found.namespace != nil { return found }
    // `redis-srv-2k3iv_default(uid)` elsewhere gives the namespace.
    for row in segment.events {
      if let r = row.message.range(of: found.name + "_") {
        let ns = row.message[r.upperBound...].prefix { $0 != "(" && $0 != "\"" && $0 != " " }
        if !ns.isEmpty { return (found.name, String(ns)) }
      }
    }
    return found
  }

  func guessPodNameOnce() -> (name: String, namespace: String?)? {
    for row in segment.events {
      let m = row.message
      if let r = m.range(of: "Successfully assigned ") {
        let target = m[r.upperBound...].prefix { $0 != " " }
        let parts = target.split(separator: "/", maxSplits: 1)
        if parts.count == 2 { return (String(parts[1]), String(parts[0])) }
        if parts.count == 1 { return (String(parts[0]), nil) }
      }
      if m.hasPrefix("pod ("), let close = m.firstIndex(of: ")") {
        return (String(m[m.index(m.startIndex, offsetBy: 5)..<close]), nil)
      }
      for marker in ["for pod \"", "in pod ", "pod \""] {
        if let r = m.range(of: marker) {
          let token = m[r.upperBound...].prefix { $0 != "(" && $0 != "\"" && $0 != " " }
          if let us = token.lastIndex(of: "_") {
            let name = token[..<us]
            let ns = token[token.index(after: us)...]
            if !name.isEmpty, !ns.isEmpty { return (String(name), String(ns)) }
          }
        }
      }
    }
    return nil
  }
}
