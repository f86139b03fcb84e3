import Foundation

/// Keeps the store's pod summaries (`pod_summaries`, schema/pod-summaries.sql): each pod
/// projected at its default instant as `get pods -A` and `why -A` print it, made by the same
/// code those views run when they project, so that reading a row prints the same bytes.
enum PodSummaries {
  /// Rebuilds every summary (`reindex`, after the index, in its transaction): nothing is left marked.
  static func rebuild(_ store: Store) throws {
    try store.createPodSummaries()
    let service = try PodHistService(store: store)
    try store.writePodSummaries(try service.summaries(of: try service.pods(namespace: nil)))
    try store.markSummariesMadeHere()
  }

  /// What the views print of one pod, from its facts: what `get pods` (at the pod's default
  /// instant, deleted pods too) and `why -A` would.
  static func summary(of pod: StoredObject, facts: [Fact], own: [Fact], context: Context) -> PodSummary {
    let at = PodQuery.defaultInstant(for: facts, horizons: context.horizons)
    let (state, upTo, history) = projectWithHistory(facts, at: at)
    let cells = PodListRender.row(state, wide: true, showDeleted: true)
    var line: PodSummary.Line?
    let declared = PodQuery.applicable(own: own, owners: context.owners, pod: pod, observed: facts)
    let nodes = context.nodeFacts.isEmpty ? NodeFacts() : NodeFacts(context.nodeFacts, at: state.at, clock: state.clock)
    if let listed = PodQuery.listedExplanation(state, history: history, facts: upTo, declared: declared, nodes: nodes) {
      let e = context.gaps.adding(to: listed, facts: upTo)
      let r = ClusterView.Row(e, state: state)
      line = PodSummary.Line(status: r.status, restartsLow: Int64(r.restarts.lowerBound), restartsHigh: Int64(r.restarts.upperBound),
                             code: r.code?.rawValue, container: r.container, confidence: r.confidence?.rawValue,
                             owner: r.owner, since: r.since?.micros, at: e.at.micros, clock: e.clock?.rawValue)
    }
    var lastImport: Int64?
    var first: Int64?
    var allAbsolute = true
    for f in facts {
      if f.clock == .absolute {
        lastImport = max(lastImport ?? f.provenance.importID, f.provenance.importID)
        let earliest = earliestInstant(f).micros
        first = min(first ?? earliest, earliest)
      } else {
        allAbsolute = false
      }
    }
    return PodSummary(id: pod.id, namespace: pod.namespace, name: pod.name, at: state.at.micros, clock: state.clock.rawValue,
                      lastImport: lastImport, firstAt: allAbsolute ? first : nil, exists: state.exists, deleted: state.deletion != nil,
                      ready: cells[2], status: cells[3], restarts: cells[4], age: cells[5], ip: cells[6], node: cells[7],
                      deletedText: cells[8], line: line)
  }

  /// What every pod's summary reads besides its own facts.
  struct Context: Sendable {
    var horizons: [Int64: Instant]
    var owners: PodQuery.Owners
    var nodeFacts: [Fact]
    var gaps: RecordedGaps
  }

  /// The `get pods` cells of a summary (NAMESPACE first), as `PodListRender.row` makes them.
  static func cells(_ s: PodSummary, wide: Bool, showDeleted: Bool) -> [String] {
    var r = [ObjectRef.cell(namespace: s.namespace), s.name, s.ready, s.status, s.restarts, s.age]
    if wide { r += [s.ip, s.node] }
    if showDeleted { r.append(s.deletedText) }
    return r
  }

  /// The cluster view's line of a summary's `why -A` line (without the cause's sentence).
  static func line(_ s: PodSummary, _ l: PodSummary.Line) -> ClusterLine {
    let row = ClusterView.Row(namespace: s.namespace, name: s.name, status: l.status, restarts: Int(l.restartsLow)...Int(max(l.restartsLow, l.restartsHigh)),
                              code: l.code.flatMap(CauseCode.init(rawValue:)), container: l.container,
                              confidence: l.confidence.flatMap(Confidence.init(rawValue:)), sentence: nil, owner: l.owner,
                              since: l.since.map(Duration.init(micros:)))
    return ClusterLine(row: row, item: nil, clock: l.clock.flatMap(Clock.init(rawValue:)), at: Instant(micros: l.at))
  }
}

/// What `why -A` prints of one pod: its line, and (json, yaml) its explanation's item.
public struct ClusterLine: Sendable {
  /// The pod's line of the cluster view.
  public var row: ClusterView.Row
  /// The `why -o json` item of its explanation, when asked for.
  public var item: JSONValue?
  /// The explanation's clock and instant.
  public var clock: Clock?, at: Instant
}

extension PodSummaries {
  /// The names of the columns in which `a` and `b` differ, for `verify`'s message.
  static func differences(_ a: PodSummary, _ b: PodSummary) -> [String] {
    var out: [String] = []
    func check<T: Equatable>(_ name: String, _ k: (PodSummary) -> T) { if k(a) != k(b) { out.append(name) } }
    check("at") { $0.at }; check("clock") { $0.clock }; check("first_at") { $0.firstAt }
    check("exists_at") { $0.exists }; check("deleted") { $0.deleted }; check("ready") { $0.ready }
    check("status") { $0.status }; check("restarts") { $0.restarts }; check("age") { $0.age }; check("ip") { $0.ip }
    check("node") { $0.node }; check("deleted_text") { $0.deletedText }
    check("last_import") { $0.lastImport }
    check("listed") { $0.line == nil }
    if let x = a.line, let y = b.line {
      if x.status != y.status { out.append("why_status") }
      if (x.restartsLow, x.restartsHigh) != (y.restartsLow, y.restartsHigh) { out.append("why_restarts") }
      if x.code != y.code || x.container != y.container { out.append("cause") }
      if x.confidence != y.confidence { out.append("confidence") }
      if x.owner != y.owner { out.append("owner") }
      if x.since != y.since { out.append("since") }
      if x.at != y.at || x.clock != y.clock { out.append("why_at") }
    }
    return out.isEmpty ? ["?"] : out
  }
}
