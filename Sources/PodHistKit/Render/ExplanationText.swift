import Foundation

/// The text form of `podhist why`: the state line, the top cause in one sentence, the chain as a
/// numbered story, the evidence as `source:line  time  Reason (xN) message`, hints, other causes
/// and gaps. ANSI colour only when `color` is true (the CLI decides: a TTY and no NO_COLOR); the
/// coloured text is already neutralised for a terminal (`TerminalText.styled`), the plain one is
/// neutralised by the writer. Sources are named as `sources` says. Deterministic: the same
/// explanation gives the same bytes.
public func renderExplanationText(_ e: Explanation, color: Bool, sources: SourceNames = .asImported) -> String {
  color ? TerminalText.styled { explanationText(e, escape: $0, sources: sources) } : explanationText(e, escape: nil, sources: sources)
}

/// `renderExplanationText` for a terminal with `options`: coloured and wrapped as they say, and
/// neutralised either way.
public func renderExplanationText(_ e: Explanation, terminal options: TerminalOptions, sources: SourceNames = .asImported) -> String {
  options.text { explanationText(e, escape: $0, sources: sources) }
}

/// The text of `renderExplanationText`; each colour code starts with `escape` (none when nil).
func explanationText(_ e: Explanation, escape: String?, sources: SourceNames = .asImported) -> String {
  let relative = e.clock == .relative
  func c(_ code: String, _ s: String) -> String { escape.map { "\($0)[\(code)m\(s)\($0)[0m" } ?? s }
  func bold(_ s: String) -> String { c("1", s) }
  func dim(_ s: String) -> String { c("2", s) }
  let clock: Clock = relative ? .relative : .absolute
  func when(_ t: Instant?) -> String { timeText(t, clock: clock, style: .signed, missing: "?") }
  func words(_ n: Narrative) -> String { FindingText.text(n, clock: clock) }
  func confColor(_ conf: Confidence) -> String {
    switch conf {
    case .high: "32"
    case .medium: "33"
    case .low: "31"
    }
  }

  var out: [String] = []
  var head = "\(ObjectRef.shown(namespace: e.object.namespace, name: e.object.name)) — \(e.status)"
  if let r = e.restarts { head += " (restarts \(PodListRender.restartsText(r)))" }
  head += " at \(relative ? (e.at.micros == 0 ? "the end of the dump" : when(e.at) + " (relative to the dump's end)") : e.at.rfc3339)"
  out.append(bold(head))

  guard let top = e.causes.first else {
    out.append("")
    out.append("No cause found.")
    return out.joined(separator: "\n") + "\n"
  }
  out.append("")
  var who = ""
  if let name = top.container { who = " [\(top.containerKind == .`init` ? "init container" : "container") \(name)]" }
  out.append("\(bold("Cause:")) \(c(top.code.isHealthy ? "32;1" : "31;1", top.code.rawValue))\(who) " +
             c(confColor(top.confidence), "(\(top.confidence.rawValue) confidence)"))
  out.append("  " + top.summary)

  if !top.chain.isEmpty {
    out.append("")
    out.append(bold("What happened:"))
    for (i, step) in top.chain.enumerated() { out.append("  \(i + 1). \(words(step))") }
  }
  if !top.evidence.isEmpty {
    out.append("")
    out.append(bold("Evidence:"))
    for ev in top.evidence { out.append("  " + evidenceLine(ev, clock: clock, dim: dim, sources: sources)) }
  }
  if !top.hints.isEmpty {
    out.append("")
    out.append(bold("Hints:"))
    for h in top.hints { out.append("  - " + words(h)) }
  }
  let others = e.causes.dropFirst().filter { $0.code != .unknown }
  if !others.isEmpty {
    out.append("")
    out.append(bold("Other possible causes:"))
    for o in others.prefix(5) {
      let w = o.container.map { " [\($0)]" } ?? ""
      out.append("  - \(o.code.rawValue)\(w) (\(o.confidence.rawValue)): \(o.summary)")
    }
  }
  if !e.declarations.isEmpty {
    out.append("")
    out.append(bold("Declared by (what was asked for; the observations above win):"))
    for d in e.declarations {
      out.append("  - \(d.declaredBy) \(d.name)  " + dim("\(sources(d.source)):\(d.line)"))
      for x in d.differences {
        let w = x.container.map { "container \($0) " } ?? ""
        out.append("      \(w)\(x.field): declared \(x.declared), observed \(x.observed)")
      }
    }
  }
  if !e.gaps.isEmpty {
    out.append("")
    out.append(bold("Gaps:"))
    for g in FindingText.collapsed(e.gaps, clock: e.clock ?? .absolute) { out.append("  - " + g) }
  }
  return out.joined(separator: "\n") + "\n"
}

/// `input.txt:61  2020-07-03T07:57:51Z  Unhealthy (x10) Liveness probe failed: ...`
func evidenceLine(_ ev: Evidence, clock: Clock, dim: (String) -> String, sources: SourceNames = .asImported) -> String {
  var s = dim("\(sources(ev.source)):\(ev.line)") + "  " + timeText(ev.time, clock: clock, style: .signed) + "  " + ev.reason
  if let n = ev.count, n > 1 { s += " (x\(n))" }
  let msg = FindingText.text(ev.message, clock: clock).replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
  if !msg.isEmpty { s += " " + msg }
  return s
}
