import Foundation

/// `podhist why -o json|yaml`: the `ExplanationList` document of cli.md.
public enum ExplanationJSON {
  public static func document(_ list: [Explanation], at: Instant?, clock: Clock) -> JSONValue {
    .object([
      ("apiVersion", .string("podhist/v1")), ("kind", .string("ExplanationList")),
      ("at", at.map { .string(timeText($0, clock: clock)) } ?? .null),
      ("items", .array(list.map { item($0, clock: $0.clock ?? .absolute) })),
    ])
  }

  static func item(_ e: Explanation, clock: Clock) -> JSONValue {
    .object([
      ("namespace", .string(e.object.namespace)), ("name", .string(e.object.name)), ("status", .string(e.status)),
      ("at", .string(timeText(e.at, clock: clock))),
      ("causes", .array(e.causes.map { c in
        .object([("code", .string(c.code)), ("container", .str(c.container)), ("containerKind", .str(c.containerKind?.rawValue)),
                 ("confidence", .string(c.confidence)), ("summary", .string(c.summary)),
                 ("chain", .array(c.chain.map { .string($0) })),
                 ("evidence", .array(c.evidence.map { ev in
                   .object([("time", ev.time.map { .string(timeText($0, clock: clock)) } ?? .null), ("reason", .string(ev.reason)),
                            ("message", .string(ev.message)), ("count", .num(ev.count)),
                            ("source", .object([("name", .string(ev.source)), ("line", .int(ev.line))]))])
                 })),
                 ("hints", .array(c.hints.map { .string($0) }))])
      })),
      ("gaps", .array(e.gaps.map { .string($0) })),
    ])
  }
}
