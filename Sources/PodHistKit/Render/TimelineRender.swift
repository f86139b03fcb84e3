import Foundation

/// `podhist timeline POD`: the pod's facts in time order with their sources, and the projected
/// state changes between them.
public enum TimelineRender {
  /// One entry: a fact, and the state after it when the state changed.
  public struct Entry {
    /// The fact, as stored.
    public var fact: Fact
    /// `STATUS (ready R, restarts N)` after the fact, when it differs from the previous entry's.
    public var stateChange: String?
  }

  /// Facts between `since` and `until`, each with the state change it caused.
  public static func entries(_ facts: [Fact], since: Instant?, until: Instant?) -> [Entry] {
    var out: [Entry] = []
    var previous: String? = nil
    // The state at each fact's instant, as everything known tells it (time travel), not as the
    // facts up to that one alone would guess it.
    let states = project(facts, at: facts.map(\.observed))
    for (f, state) in zip(facts, states) {
      let summary = "\(state.status) (ready \(state.ready), restarts \(PodListRender.restartsText(state)))"
      let change = summary == previous ? nil : summary
      previous = summary
      if let since, f.observed < since { continue }
      if let until, f.observed > until { continue }
      out.append(Entry(fact: f, stateChange: change))
    }
    return out
  }

  /// The timeline as text: one line per fact with its source line, state changes beneath.
  /// With an `escape` (`TerminalOptions.text`), Warning Events are yellow, a new STATUS takes its
  /// `StatusTone` and sources are dim.
  public static func text(_ entries: [Entry], pod: String, sources: SourceNames = .asImported, escape: String? = nil) -> String {
    func c(_ code: String, _ s: String) -> String { escape.map { "\($0)[\(code)m\(s)\($0)[0m" } ?? s }
    var out = "Timeline of \(pod)\n"
    if entries.isEmpty { return out + "  (no facts in this window)\n" }
    for e in entries {
      let f = e.fact
      let time = timeText(f.observed, clock: f.clock)
      let src = c("2", "\(sources(f.provenance.source)):\(f.provenance.firstLine)"
        + (f.provenance.lastLine > f.provenance.firstLine ? "-\(f.provenance.lastLine)" : ""))
      switch f.body {
      case let .event(ev):
        var what = ev.reason + (ev.count > 1 ? " x\(ev.count)" : "")
        if ev.count > 1, let first = ev.first { what += " (first \(timeText(first, clock: f.clock)))" }
        let who = ev.container.map { " [\($0)]" } ?? ""
        let unc = f.uncertainty.micros > 0 ? " ±\(f.uncertainty)" : ""
        let typeAndWhat = "\(ev.type ?? "-")  \(what)"
        out += "\(time)\(unc)  \(ev.isWarning ? c("33", typeAndWhat) : typeAndWhat)\(who)  \(ev.message)  (\(src))\n"
      case let .status(s):
        out += "\(time)  status (\(s.origin.rawValue)): \(snapshotSummary(s))  (\(src))\n"
      case let .declared(d):
        out += "declared by a \(d.declaredBy) manifest: \(d.containers.map(\.name).joined(separator: ", "))  (\(src))\n"
      case let .node(n):
        out += "\(time)  node (\(n.origin.rawValue)): \(n.status ?? "?")  (\(src))\n"
      case let .listing(l):
        out += "\(time)  listing: \(l.pods.count) pod(s) of \(l.namespace.map { "namespace \($0)" } ?? "all namespaces")  (\(src))\n"
      case let .deletion(d):
        out += "\(time)  deleted (\(deletionText(d)))  (\(src))\n"
      case let .recordingGap(g):
        out += "\(time)  recording gap: \(FindingText.sentence(.recording(from: g.from, to: g.to, cause: g.cause), clock: f.clock))  (\(src))\n"
      }
      if let change = e.stateChange {
        let status = change.components(separatedBy: " (ready ").first ?? change
        out += "      → \(StatusTone(statusWord: status).paint(status, escape: escape))" + change.dropFirst(status.count) + "\n"
      }
    }
    return out
  }

  /// How a deletion is known, in words.
  public static func deletionText(_ d: PodDeletion) -> String {
    switch d.basis {
    case .watch: "a watch reported it DELETED"
    case .absentFromListing: "absent from a complete listing of its namespace"
    case .killedThenSilent: "likely: its containers were stopped for a deletion and nothing followed"
    case .retriesStopped: "likely: its failure, retried every few minutes while it lasts, stopped being reported"
    }
  }

  /// A one-line summary of a snapshot.
  public static func snapshotSummary(_ s: PodSnapshot) -> String {
    if let row = s.row {
      return "STATUS \(row.status), READY \(row.ready ?? "?"), RESTARTS \(row.restarts.map(String.init) ?? "?")"
    }
    var parts: [String] = [s.phase ?? "phase ?"]
    if let r = s.reason { parts[0] += " (\(r))" }
    for c in s.containers {
      var p = "\(c.name)"
      if c.kind != .regular { p += " [\(c.kind.rawValue)]" }
      if let st = c.state { p += " " + stateText(st) }
      if let ls = c.lastState { p += ", last " + stateText(ls) }
      if let rc = c.restartCount { p += ", restarts \(rc)" }
      parts.append(p)
    }
    return parts.joined(separator: "; ")
  }

  static func stateText(_ st: ContainerState) -> String {
    var t = st.kind.rawValue.capitalized
    if let r = st.reason { t += " \(r)" }
    if let e = st.exitCode { t += " exit \(e)" }
    return t
  }

  /// The `Timeline` document of `timeline -o json|yaml`.
  public static func json(_ entries: [Entry], pod: ObjectRef) -> JSONValue {
    .object([
      ("apiVersion", .string("podhist/v1")), ("kind", .string("Timeline")),
      ("namespace", .namespace(pod.namespace)), ("name", .string(pod.name)),
      ("items", .array(entries.map { e in
        let f = e.fact
        var pairs: [(String, JSONValue)] = [("time", .string(timeText(f.observed, clock: f.clock))),
                                            ("uncertaintySeconds", .int(Int(f.uncertainty.micros / 1_000_000)))]
        switch f.body {
        case let .event(ev):
          pairs += [("kind", .string("event")), ("type", .str(ev.type)), ("reason", .string(ev.reason)),
                    ("message", .string(ev.message)), ("count", .int(ev.count)), ("container", .str(ev.container)),
                    ("first", ev.first.map { .string(timeText($0, clock: f.clock)) } ?? .null),
                    ("last", ev.last.map { .string(timeText($0, clock: f.clock)) } ?? .null)]
        case let .status(s):
          pairs += [("kind", .string("status")), ("origin", .string(s.origin.rawValue)),
                    ("summary", .string(snapshotSummary(s)))]
        case let .declared(d):
          pairs += [("kind", .string("declared")), ("declaredBy", .string(d.declaredBy))]
        case let .node(n):
          pairs += [("kind", .string("node")), ("origin", .string(n.origin.rawValue)), ("summary", .str(n.status))]
        case let .listing(l):
          pairs += [("kind", .string("listing")), ("namespace", .str(l.namespace)), ("pods", .int(l.pods.count))]
        case let .deletion(d):
          pairs += [("kind", .string("deletion")), ("basis", .string(d.basis.rawValue)),
                    ("summary", .string(deletionText(d)))]
        case let .recordingGap(g):
          pairs += [("kind", .string("recordingGap")), ("cause", .string(g.cause.rawValue)),
                    ("summary", .string(FindingText.sentence(.recording(from: g.from, to: g.to, cause: g.cause), clock: f.clock)))]
        }
        pairs += [("source", .object([("name", .string(f.provenance.source)), ("line", .int(f.provenance.firstLine)),
                                      ("lastLine", .int(f.provenance.lastLine))])),
                  ("stateAfter", .str(e.stateChange))]
        return .object(pairs)
      })),
    ])
  }
}
