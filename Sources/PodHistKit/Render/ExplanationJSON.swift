import Foundation

/// `podhist why -o json|yaml`: the `ExplanationList` document of docs/cli.md.
public enum ExplanationJSON {
  /// The `ExplanationList` document; `at` is printed in `clock`'s form (absolute or relative).
  /// With `summary` (`why -A`), a last `summary` field: the counts of `ClusterView.Summary`.
  public static func document(_ list: [Explanation], at: Instant?, clock: Clock, summary: JSONValue? = nil) -> JSONValue {
    document(items: list.map(item), at: at, clock: clock, summary: summary)
  }

  /// The `ExplanationList` document of items made by `item(_:)`.
  public static func document(items: [JSONValue], at: Instant?, clock: Clock, summary: JSONValue? = nil) -> JSONValue {
    .object([
      ("apiVersion", .string("podhist/v1")), ("kind", .string("ExplanationList")),
      ("at", at.map { .string(timeText($0, clock: clock)) } ?? .null),
      ("items", .array(items)),
    ] + (summary.map { [("summary", $0)] } ?? []))
  }

  /// One explanation as an item of the document, told on its own clock.
  public static func item(_ e: Explanation) -> JSONValue { item(e, clock: e.clock ?? .absolute) }

  static func item(_ e: Explanation, clock: Clock) -> JSONValue {
    .object([
      ("namespace", .namespace(e.object.namespace)), ("name", .string(e.object.name)), ("status", .string(e.status)),
      ("at", .string(timeText(e.at, clock: clock))),
      ("causes", .array(e.causes.map { cause($0, clock: clock) })),
      ("gaps", .array(e.gapSentences.map { .string($0) })),
    ] + (e.declarations.isEmpty ? [] : [("declared", .array(e.declarations.map(declaration)))]))
  }

  /// A manifest that declares the pod, apart from the observed causes.
  static func declaration(_ d: DeclarationNote) -> JSONValue {
    .object([("declaredBy", .string(d.declaredBy)), ("name", .string(d.name)),
             ("source", .object([("name", .string(d.source)), ("line", .int(d.line))])),
             ("differences", .array(d.differences.map { x in
               .object([("container", .str(x.container)), ("field", .string(x.field)),
                        ("declared", .string(x.declared)), ("observed", .string(x.observed))])
             }))])
  }

  /// One cause: its narratives read on the explanation's clock.
  static func cause(_ c: Cause, clock: Clock) -> JSONValue {
    let words = { (n: Narrative) -> JSONValue in .string(FindingText.text(n, clock: clock)) }
    let evidence = c.evidence.map { ev -> JSONValue in
      .object([("time", ev.time.map { .string(timeText($0, clock: clock)) } ?? .null), ("reason", .string(ev.reason)),
               ("message", words(ev.message)), ("count", .num(ev.count)),
               ("source", .object([("name", .string(ev.source)), ("line", .int(ev.line))]))])
    }
    return .object([("code", .string(c.code.rawValue)), ("container", .str(c.container)), ("containerKind", .str(c.containerKind?.rawValue)),
                    ("confidence", .string(c.confidence.rawValue)), ("summary", .string(c.summary)),
                    ("chain", .array(c.chain.map(words))), ("evidence", .array(evidence)),
                    ("hints", .array(c.hints.map(words)))])
  }
}
