import Foundation

/// Container, volume and Events blocks, and names read from messages.
extension DescribeBuilder {
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
      c.restartCount = InputBounds.int(v, in: InputBounds.restartCount)
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
    case "Exit Code": s.exitCode = InputBounds.int(v, in: InputBounds.exitCode)
    case "Signal": s.signal = InputBounds.int(v, in: InputBounds.exitCode)
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
    // kubectl 1.2's scheduler printed one `fit failure on node (n): …` line per node after
    // `failed to fit in any node`, at the indentation of the section.
    let fitFailure = line.text.drop { $0 == " " || $0 == "\t" }.hasPrefix("fit failure on node")
    if indent > sectionIndent || segment.events[last].lastPhysicalLength >= 79 || fitFailure {
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
      if let m = EventsTableMessages.mentionedPod(in: row.message) { return (m.pod, m.namespace) }
    }
    return nil
  }
}
