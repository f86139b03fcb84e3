import Foundation

/// `podhist restarts POD`: every known termination per container.
public enum RestartsRender {
  /// `podhist restarts POD`: terminations grouped by container, times in `clock`'s form.
  public static func text(_ terms: [Termination], pod: String, clock: Clock, sources: SourceNames = .asImported) -> String {
    var out = "Terminations of \(pod)\n"
    if terms.isEmpty { return out + "  none known\n" }
    for name in orderedNames(terms) {
      let list = terms.filter { $0.container == name }
      out += "  \(name) (\(list.first?.containerKind.rawValue ?? "regular")): \(list.count) known\n"
      for t in list {
        var parts: [String] = [t.run.map { "run \($0)" } ?? "run ?"]
        if let s = t.startedAt { parts.append("started \(timeText(s, clock: clock))") }
        if let f = t.finishedAt { parts.append("finished \(timeText(f, clock: clock))") }
        if let ran = t.ran { parts.append("ran \(ran)") }
        if t.countOnly && t.startedAt == nil && t.finishedAt == nil {
          parts.append("known only from an aggregated event's count: when it ran is unknown")
        }
        if let r = t.reason { parts.append(r) } else if !t.countOnly { parts.append("reason unknown") }
        if let e = t.exitCode { parts.append("exit \(e)" + (e > 128 && e < 160 ? " (signal \(e - 128))" : "")) }
        parts.append("by \(t.killedBy.rawValue)")
        if let b = t.backOffBeforeNext { parts.append("back-off \(b) before the next start") }
        let src = t.evidence.first.map { " (\(sources($0.source)):\($0.firstLine))" } ?? ""
        out += "    " + parts.joined(separator: ", ") + src + "\n"
      }
    }
    return out
  }

  static func orderedNames(_ terms: [Termination]) -> [String] {
    var seen: [String] = []
    for t in terms where !seen.contains(t.container) { seen.append(t.container) }
    return seen
  }

  /// The `Restarts` document of `restarts -o json|yaml`.
  public static func json(_ terms: [Termination], pod: ObjectRef, clock: Clock) -> JSONValue {
    .object([
      ("apiVersion", .string("podhist/v1")), ("kind", .string("Restarts")),
      ("namespace", .namespace(pod.namespace)), ("name", .string(pod.name)),
      ("items", .array(terms.map { t in
        .object([("container", .string(t.container)), ("containerKind", .string(t.containerKind.rawValue)),
                 ("run", .num(t.run)), ("startedAt", t.startedAt.map { .string(timeText($0, clock: clock)) } ?? .null),
                 ("finishedAt", t.finishedAt.map { .string(timeText($0, clock: clock)) } ?? .null),
                 ("ranSeconds", t.ran.map { .int(Int($0.micros / 1_000_000)) } ?? .null),
                 ("reason", .str(t.reason)), ("exitCode", .num(t.exitCode)), ("signal", .num(t.signal)),
                 ("killedBy", .string(t.killedBy.rawValue)), ("countOnly", .bool(t.countOnly)),
                 ("backOffSeconds", t.backOffBeforeNext.map { .int(Int($0.micros / 1_000_000)) } ?? .null),
                 ("sources", .array(t.evidence.map { .object([("name", .string($0.source)), ("line", .int($0.firstLine))]) }))])
      })),
    ])
  }
}
