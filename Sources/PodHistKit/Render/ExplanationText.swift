import Foundation

/// The text form of `podhist why`: the state line, the top cause in one sentence, the chain as a
/// numbered story, the evidence as `source:line  time  Reason (xN) message`, hints, other causes
/// and gaps. ANSI colour only when `color` is true (the CLI decides: a TTY and no NO_COLOR).
/// Deterministic: the same explanation gives the same bytes.
public func renderExplanationText(_ e: Explanation, color: Bool) -> String {
  let relative = e.clock == .relative
  func c(_ code: String, _ s: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
  func bold(_ s: String) -> String { c("1", s) }
  func dim(_ s: String) -> String { c("2", s) }
  func when(_ t: Instant?) -> String { ExplainContext.when(t, relative: relative) }
  func confColor(_ conf: String) -> String { conf == "high" ? "32" : conf == "medium" ? "33" : "31" }

  var out: [String] = []
  var head = "\(e.object.namespace)/\(e.object.name) — \(e.status)"
  if let r = e.restarts { head += " (restarts \(r))" }
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
  out.append("\(bold("Cause:")) \(c(top.code == "Running.Healthy" || top.code == "Completed" ? "32;1" : "31;1", top.code))\(who) " +
             c(confColor(top.confidence), "(\(top.confidence) confidence)"))
  out.append("  " + top.summary)

  if !top.chain.isEmpty {
    out.append("")
    out.append(bold("What happened:"))
    for (i, step) in top.chain.enumerated() { out.append("  \(i + 1). \(step)") }
  }
  if !top.evidence.isEmpty {
    out.append("")
    out.append(bold("Evidence:"))
    for ev in top.evidence { out.append("  " + evidenceLine(ev, when: when, dim: dim)) }
  }
  if !top.hints.isEmpty {
    out.append("")
    out.append(bold("Hints:"))
    for h in top.hints { out.append("  - " + h) }
  }
  let others = e.causes.dropFirst().filter { $0.code != "Unknown" }
  if !others.isEmpty {
    out.append("")
    out.append(bold("Other possible causes:"))
    for o in others.prefix(5) {
      let w = o.container.map { " [\($0)]" } ?? ""
      out.append("  - \(o.code)\(w) (\(o.confidence)): \(o.summary)")
    }
  }
  if !e.gaps.isEmpty {
    out.append("")
    out.append(bold("Gaps:"))
    for g in collapsedGaps(e.gaps) { out.append("  - " + g) }
  }
  return out.joined(separator: "\n") + "\n"
}

/// `input.txt:61  2020-07-03T07:57:51Z  Unhealthy (x10) Liveness probe failed: ...`
func evidenceLine(_ ev: Evidence, when: (Instant?) -> String, dim: (String) -> String) -> String {
  var s = dim("\(ev.source):\(ev.line)") + "  " + (ev.time.map { when($0) } ?? "-") + "  " + ev.reason
  if let n = ev.count, n > 1 { s += " (x\(n))" }
  let msg = ev.message.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
  if !msg.isEmpty { s += " " + msg }
  return s
}

/// Gap sentences for the terminal: the per-event "Started x4 between A and B: the individual
/// instants are unknown" lines become one line naming the aggregated events (JSON keeps them all).
func collapsedGaps(_ gaps: [String]) -> [String] {
  let marker = ": the individual instants are unknown"
  var aggregated: [String] = []
  var out: [String] = []
  for g in gaps {
    if g.hasSuffix(marker), let between = g.range(of: " between ") {
      let name = String(g[..<between.lowerBound])
      if !aggregated.contains(name) { aggregated.append(name) }
    } else {
      out.append(g)
    }
  }
  if !aggregated.isEmpty {
    out.insert("aggregated events (\(aggregated.joined(separator: ", "))): when each occurrence happened is unknown, only the first and last", at: 0)
  }
  return out
}
