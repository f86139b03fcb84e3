import Foundation

/// `podhist status POD`: a describe-like view of the projected state, with where it came from.
public enum StatusRender {
  /// `podhist status POD`: describe-like `Key: value` lines, `<unknown>` for what no fact tells.
  public static func text(_ s: PodState, sources: SourceNames = .asImported) -> String {
    var out = ""
    func line(_ k: String, _ v: String?) { out += (k + ":").padding(toLength: 16, withPad: " ", startingAt: 0) + (v ?? "<unknown>") + "\n" }
    line("Name", s.object.name)
    line("Namespace", s.object.isNamespaceUnknown ? "<unknown> (the paste did not name it)" : s.object.namespace)
    if let uid = s.object.uid { line("UID", uid) }
    line("At", timeText(s.at, clock: s.clock))
    line("Node", s.node ?? "<none>")
    if let st = s.startTime { line("Start Time", timeText(st, clock: s.clock)) }
    line("Phase", s.phase?.text)
    line("STATUS", s.status)
    line("Ready", s.ready)
    line("Restarts", PodListRender.restartsText(s))
    if let r = s.reason { line("Reason", r) }
    if let m = s.message { line("Message", m) }
    if let o = s.spec.owner { line("Controlled By", o) }
    if let rp = s.spec.restartPolicy { line("Restart Policy", rp) }
    for kind in [ContainerKind.`init`, .sidecar, .regular, .ephemeral] {
      let cs = s.containers.filter { $0.kind == kind }
      if cs.isEmpty { continue }
      out += kind == .regular ? "Containers:\n" : kind == .ephemeral ? "Ephemeral Containers:\n" : "Init Containers:\n"
      for c in cs {
        out += "  \(c.name):" + (kind == .sidecar ? " (sidecar)" : "") + "\n"
        func sub(_ k: String, _ v: String) { out += "    " + (k + ":").padding(toLength: 16, withPad: " ", startingAt: 0) + v + "\n" }
        if let img = c.image { sub("Image", img) }
        if let ports = c.spec.ports, !ports.isEmpty {
          sub("Port", ports.map { "\($0.containerPort)/\($0.protocol ?? "TCP")" }.joined(separator: ", "))
        }
        sub("State", c.state.map { stateLine($0, clock: s.clock) } ?? "<unknown>")
        if let ls = c.lastState { sub("Last State", stateLine(ls, clock: s.clock)) }
        sub("Ready", c.ready ? "True" : "False")
        sub("Restart Count", c.restarts.lowerBound == c.restarts.upperBound ? "\(c.restarts.lowerBound)"
            : "\(c.restarts.lowerBound)-\(c.restarts.upperBound) (uncertain)")
        for (name, p) in [("Liveness", c.spec.liveness), ("Readiness", c.spec.readiness), ("Startup", c.spec.startup)] {
          if let p { sub(name, probeText(p)) }
        }
        if let l = c.spec.limits, !l.isEmpty { sub("Limits", l.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")) }
        if let r = c.spec.requests, !r.isEmpty { sub("Requests", r.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")) }
      }
    }
    if !s.conditions.isEmpty {
      out += "Conditions:\n"
      for c in s.conditions {
        out += "  \(c.type.padding(toLength: 26, withPad: " ", startingAt: 0)) \(c.status)" + (c.reason.map { " (\($0))" } ?? "") + "\n"
      }
    }
    out += "Source:\n"
    if let at = s.lastSnapshotAt, let src = s.lastSnapshotSource {
      out += "  state from the \(src.format) snapshot at \(timeText(at, clock: s.clock)) (\(sources(src.source)):\(src.firstLine)), moved by the events after it\n"
    } else {
      out += "  no status snapshot: the state is inferred from events only\n"
    }
    if let f = s.firstFactAt, let l = s.lastFactAt {
      out += "  facts known from \(timeText(f, clock: s.clock)) to \(timeText(l, clock: s.clock))\n"
    }
    for u in s.uncertaintySentences { out += "  uncertain: \(u)\n" }
    for g in FindingText.collapsed(s.gaps, clock: s.clock) { out += "  gap: \(g)\n" }
    return out
  }

  static func stateLine(_ st: ContainerState, clock: Clock) -> String {
    var parts = [st.kind.rawValue.capitalized]
    if let r = st.reason { parts.append(r) }
    if let e = st.exitCode { parts.append("exit \(e)") }
    if let sig = st.signal { parts.append("signal \(sig)") }
    if let a = st.startedAt { parts.append("started \(timeText(a, clock: clock))") }
    if let f = st.finishedAt { parts.append("finished \(timeText(f, clock: clock))") }
    return parts.joined(separator: ", ")
  }

  /// A probe as describe prints it.
  public static func probeText(_ p: Probe) -> String {
    var target = ""
    switch p.type {
    case "http-get": target = "\(p.scheme?.lowercased() ?? "http")://\(p.host ?? ""):\(p.port ?? "")\(p.path ?? "")"
    case "tcp-socket": target = "\(p.host ?? ""):\(p.port ?? "")"
    case "exec": target = "[" + (p.command ?? []).joined(separator: " ") + "]"
    default: target = p.port ?? ""
    }
    return "\(p.type) \(target) delay=\(p.initialDelaySeconds)s timeout=\(p.timeoutSeconds)s period=\(p.periodSeconds)s #success=\(p.successThreshold) #failure=\(p.failureThreshold)"
  }

  /// The document of `status -o json|yaml`: the pod's list item with apiVersion and kind.
  public static func json(_ s: PodState) -> JSONValue {
    var item = PodListRender.item(s)
    if case var .object(pairs) = item {
      pairs.insert(("apiVersion", .string("podhist/v1")), at: 0)
      pairs.insert(("kind", .string("PodStatus")), at: 1)
      pairs += [("reason", .str(s.reason)), ("message", .str(s.message)),
                ("conditions", .array(s.conditions.map { .object([("type", .string($0.type)), ("status", .string($0.status)),
                                                                  ("reason", .str($0.reason))]) })),
                ("source", s.lastSnapshotSource.map { .object([("name", .string($0.source)), ("line", .int($0.firstLine)),
                                                               ("format", .string($0.format))]) } ?? .null),
                ("gaps", .array(s.gapSentences.map { .string($0) }))]
      item = .object(pairs)
    }
    return item
  }
}
