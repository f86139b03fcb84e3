import Foundation

/// `podhist get pods`: kubectl's table (and `-o wide`), and the versioned JSON/YAML (docs/cli.md).
public enum PodListRender {
  /// NAME READY STATUS RESTARTS AGE (NAMESPACE first with `allNamespaces`; wide adds IP NODE).
  public static func table(_ states: [PodState], allNamespaces: Bool, wide: Bool) -> String {
    table(rows: states.map { row($0, wide: wide) }, allNamespaces: allNamespaces, wide: wide)
  }

  /// One pod's cells, NAMESPACE first: what `table` prints of it, kept instead of the whole state
  /// by views over many pods.
  /// With `showDeleted`, a last DELETED cell: when the pod was gone (`likely` when inferred), or `-`.
  public static func row(_ s: PodState, wide: Bool, showDeleted: Bool = false) -> [String] {
    var r = [ObjectRef.cell(namespace: s.object.namespace), s.object.name, s.ready, s.status, restartsText(s), age(s)]
    if wide { r += [s.podIP ?? "<none>", s.node ?? "<none>"] }
    if showDeleted { r.append(deletedText(s)) }
    return r
  }

  /// The DELETED cell: the instant the pod was known gone by, `likely` when inferred; `-` while it exists.
  static func deletedText(_ s: PodState) -> String {
    guard let d = s.deletion else { return "-" }
    return timeText(d.at, clock: s.clock) + (d.isObserved ? "" : " (likely)")
  }

  /// The table of rows made by `row(_:wide:)` (their NAMESPACE cell dropped without `allNamespaces`).
  /// With an `escape`, STATUS is coloured by its `StatusTone` (codes started by `escape`).
  public static func table(rows: [[String]], allNamespaces: Bool, wide: Bool, showDeleted: Bool = false,
                           escape: String? = nil) -> String {
    renderTable(headers: headers(allNamespaces: allNamespaces, wide: wide, showDeleted: showDeleted),
                rows: allNamespaces ? rows : rows.map { Array($0.dropFirst()) }, paint: paint(allNamespaces: allNamespaces, escape: escape))
  }

  /// The table's header cells: NAME READY STATUS RESTARTS AGE, NAMESPACE first with
  /// `allNamespaces`, IP NODE with `wide`, DELETED last with `showDeleted`.
  public static func headers(allNamespaces: Bool, wide: Bool, showDeleted: Bool) -> [String] {
    var headers = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    if allNamespaces { headers.insert("NAMESPACE", at: 0) }
    if wide { headers += ["IP", "NODE"] }
    if showDeleted { headers.append("DELETED") }
    return headers
  }

  /// What colours the STATUS cell by its `StatusTone` (codes started by `escape`); nil without one.
  public static func paint(allNamespaces: Bool, escape: String?) -> ((Int, String) -> String)? {
    let statusColumn = allNamespaces ? 3 : 2
    return escape.map { escape in
      { column, cell in column == statusColumn ? StatusTone(statusWord: cell).paint(cell, escape: escape) : cell }
    }
  }

  static func restartsText(_ s: PodState) -> String { restartsText(s.restarts) }

  /// RESTARTS as the table prints it: `4`, or `3-5` when aggregation hides the count.
  static func restartsText(_ r: ClosedRange<Int>) -> String {
    r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)-\(r.upperBound)"
  }

  /// AGE: from the creation (else start) time; `<unknown>`, kubectl's word, when neither is known on
  /// the clock of `at` (an absolute Start Time in a dump whose now is unknown gives no age), never `0s`
  /// or `<invalid>` made up from a missing time.
  static func age(_ s: PodState) -> String {
    let sameClock = { (t: Instant) in t.isDumpOffset == s.at.isDumpOffset }
    guard let born = [s.creationTime, s.startTime].compactMap({ $0 }).first(where: sameClock) else {
      // Only the first fact: the pod is at least that old, a bound and not an age.
      if let first = s.firstFactAt, sameClock(first), s.at - first >= .seconds(1) { return "≥" + humanDuration(s.at - first) }
      return "<unknown>"
    }
    return humanDuration(s.at - born)
  }

  /// The `PodList` document.
  public static func document(_ states: [PodState], at: Instant?) -> JSONValue {
    document(items: states.map(item), clock: states.first?.clock ?? .absolute, at: at)
  }

  /// The `PodList` document of items made by `item(_:)`; `clock` is the first pod's.
  public static func document(items: [JSONValue], clock: Clock, at: Instant?) -> JSONValue {
    .object([
      ("apiVersion", .string("podhist/v1")), ("kind", .string("PodList")),
      ("at", at.map { .string(timeText($0, clock: clock)) } ?? .null),
      ("items", .array(items)),
    ])
  }

  /// One pod as docs/cli.md's `get pods -o json` item.
  /// A deleted pod (`--show-deleted`) also has `deleted`: `{at, basis, observed}`.
  public static func item(_ s: PodState) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("namespace", .namespace(s.object.namespace)), ("name", .string(s.object.name)), ("uid", .str(s.object.uid)),
      ("node", .str(s.node)), ("phase", .str(s.phase?.text)), ("status", .string(s.status)), ("ready", .string(s.ready)),
      ("restarts", .int(s.restarts.lowerBound)),
      ("restartsRange", .array([.int(s.restarts.lowerBound), .int(s.restarts.upperBound)])),
      ("at", .string(timeText(s.at, clock: s.clock))),
      ("containers", .array(s.containers.map(container))),
      ("uncertain", .array(s.uncertaintySentences.map { .string($0) })),
    ]
    if let d = s.deletion {
      pairs.append(("deleted", .object([("at", .string(timeText(d.at, clock: s.clock))), ("basis", .string(d.basis.rawValue)),
                                        ("observed", .bool(d.isObserved))])))
    }
    return .object(pairs)
  }

  static func container(_ c: ContainerStatus) -> JSONValue {
    let exit = c.state?.kind == .terminated ? c.state?.exitCode : c.lastState?.exitCode
    return .object([
      ("name", .string(c.name)), ("kind", .string(c.kind.rawValue)),
      ("state", .str(c.state?.kind.rawValue)), ("reason", .str(c.state?.reason)),
      ("exitCode", .num(exit)), ("ready", .bool(c.ready)), ("restarts", .int(c.restarts.lowerBound)),
      ("restartsRange", .array([.int(c.restarts.lowerBound), .int(c.restarts.upperBound)])),
      ("image", .str(c.image)),
    ])
  }
}
