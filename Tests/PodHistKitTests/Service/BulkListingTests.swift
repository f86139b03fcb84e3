import Foundation
import Testing
@testable import PodHistKit

/// The whole-store paths (`get pods -A`, `why -A`) against the per-pod paths they replace, on
/// the real dumps of fixtures/corpus and fixtures/demo: the same facts, instants, states and
/// restart histories, in the same order.
@Suite struct BulkListingTests {
  /// Every corpus input and every demo dump, each its own import, in one store: many pods, many
  /// imports with different horizons, both clocks, several incarnations of a name.
  static let path: Result<String, any Error> = Result {
    let store = try scratchStore()
    var inputs: [URL] = []
    let corpus = fixture("corpus")
    for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted() {
      let dir = corpus.appending(path: name)
      let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      inputs += files.filter { $0.hasPrefix("input") }.sorted().map { dir.appending(path: $0) }
    }
    let demo = fixture("demo")
    inputs += try FileManager.default.contentsOfDirectory(atPath: demo.path).filter { $0.hasSuffix(".txt") }.sorted()
      .map { demo.appending(path: $0) }
    try store.importing { session in
      for url in inputs {
        let source = url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
        _ = try session.begin(source: source)
        let reader = try Importer.open(url.path)
        let report = try Importer.run(reader: reader, options: ImportOptions(sourceName: source)) { try session.append($0) }
        _ = try session.finish(formats: report.formats, notes: report.notes)
      }
    }
    return store.path
  }

  /// A connection of its own to the shared store (tests run in parallel).
  static func open() throws -> Store { try Store(path: try path.get(), create: false) }

  @Test func theStoreHoldsManyPodsAndImports() throws {
    let store = try Self.open()
    #expect(try store.objects(kind: "Pod").count > 40)
    #expect(try store.imports().count > 40)
  }

  @Test func importHorizonsAreEachImportsHorizon() throws {
    let store = try Self.open()
    let all = try store.importHorizons()
    for record in try store.imports() {
      #expect(all[record.id] == (try store.importHorizon(record.id)), "import \(record.id) \(record.source)")
    }
    #expect(!all.isEmpty)
  }

  @Test func factsOfEachAreEachObjectsFacts() throws {
    let store = try Self.open()
    let objects = try store.objects(kind: nil)
    let bulk = try store.facts(ofEach: objects)
    #expect(bulk.count == objects.count)
    for (object, facts) in zip(objects, bulk) {
      #expect(facts == (try store.facts(of: object)), "\(object.kind) \(object.namespace)/\(object.name)")
    }
    #expect(try store.facts(ofEach: []).isEmpty)
  }

  @Test func defaultInstantWithHorizonsIsThePerPodOne() throws {
    let store = try Self.open()
    let query = try PodQuery(store: store)
    let horizons = try store.importHorizons()
    var checked = 0
    for pod in try query.pods(namespace: nil) {
      let facts = try query.facts(of: pod)
      #expect(PodQuery.defaultInstant(for: facts, horizons: horizons) == (try query.defaultInstant(for: facts)), "\(pod.name)")
      checked += 1
    }
    #expect(checked > 40)
  }

  @Test(arguments: [1, 7, 512])
  func mapPodsGivesThePerPodStatesInOrder(batch: Int) throws {
    let store = try Self.open()
    let query = try PodQuery(store: store)
    let horizons = try store.importHorizons()
    var expected: [PodState] = []
    for pod in try query.pods(namespace: nil) {
      let facts = try query.facts(of: pod)
      let state = project(facts, at: try query.defaultInstant(for: facts))
      if state.exists { expected.append(state) }
    }
    let got: [PodState] = try query.mapPods(namespace: nil, batch: batch) { _, facts in
      let state = project(facts, at: PodQuery.defaultInstant(for: facts, horizons: horizons))
      return state.exists ? state : nil
    }
    #expect(got == expected)
    #expect(got.count > 40)
  }

  @Test func mapPodsHandsEachPodItsFactsInEventTimeOrder() throws {
    let store = try Self.open()
    let query = try PodQuery(store: store)
    let pods = try query.pods(namespace: "default")
    let got: [[Fact]] = try query.mapPods(namespace: "default", batch: 5) { _, facts in facts }
    #expect(got == (try pods.map { try query.facts(of: $0) }))
    let names: [String] = try query.mapPods(namespace: "default") { pod, _ in pod.name }
    #expect(names == pods.map(\.name))
  }

  /// `why -A`'s shared path, at each pod's default instant (the shared model) and at earlier
  /// instants (facts after them: the separate path), against project + filter + restartHistory.
  @Test func projectWithHistoryIsProjectAndRestartHistory() throws {
    let store = try Self.open()
    let query = try PodQuery(store: store)
    var shared = 0
    for pod in try query.pods(namespace: nil) {
      let facts = try query.facts(of: pod)
      let instants = [try query.defaultInstant(for: facts), nil] + Array(Set(facts.map(\.observed))).sorted().prefix(4).map(Optional.some)
      for at in instants {
        let state = project(facts, at: at)
        let upTo = facts.filter { $0.observed <= state.at }
        let got = projectWithHistory(facts, at: at)
        #expect(got.state == state, "\(pod.name) at \(at?.rfc3339 ?? "latest")")
        #expect(got.upTo == upTo, "\(pod.name) at \(at?.rfc3339 ?? "latest")")
        #expect(got.history == restartHistory(upTo), "\(pod.name) at \(at?.rfc3339 ?? "latest")")
        if upTo.count == facts.count { shared += 1 }
      }
    }
    #expect(shared > 40)
  }

  /// A picture's projector (the facts indexed once) against the per-call functions it replaces,
  /// on every pod of the corpus and the demo: the state at the default instant, at `nil`, at
  /// the facts' own instants (several at once) and the restart history.
  @Test func projectorIsProjectAndRestartHistory() throws {
    let store = try Self.open()
    let query = try PodQuery(store: store)
    var pods = 0
    for pod in try query.pods(namespace: nil) {
      let facts = try query.facts(of: pod)
      let projector = PodProjector(facts)
      for at in [try query.defaultInstant(for: facts), nil] {
        #expect(projector.state(at: at) == project(facts, at: at), "\(pod.name) at \(at?.rfc3339 ?? "latest")")
      }
      let instants = Array(Set(facts.map(\.observed))).sorted().prefix(6) + [Instant(micros: 0)]
      #expect(projector.states(at: Array(instants)) == project(facts, at: Array(instants)), "\(pod.name)")
      #expect(projector.terminations == restartHistory(facts), "\(pod.name)")
      pods += 1
    }
    #expect(pods > 200)
    // Two lives of one name, and no facts at all.
    let twoLives = Self.twoLives()
    for at in [nil, Instant.parseRFC3339("2026-03-10T10:05:00Z"), Instant.parseRFC3339("2026-03-10T12:02:30Z")] {
      #expect(PodProjector(twoLives).state(at: at) == project(twoLives, at: at))
    }
    #expect(PodProjector(twoLives).terminations == restartHistory(twoLives))
    #expect(PodProjector([]).state(at: nil) == project([], at: nil))
  }

  /// A StatefulSet pod recreated under a new uid, restarting in both lives.
  static func twoLives() -> [Fact] {
    var facts: [Fact] = []
    for (i, uid) in ["uid-a", "uid-b"].enumerated() {
      let hour = 10 + 2 * i
      for (j, reason) in ["Started", "Killing", "Started", "BackOff"].enumerated() {
        var f = eventFact(pod: "db-0", reason: reason, message: reason == "Killing" ? "Container db failed liveness probe, will be restarted"
                            : reason == "BackOff" ? "Back-off restarting failed container db" : "Started container db",
                          first: "2026-03-10T\(hour):0\(j):00Z", container: "db", line: 10 * i + j + 1)
        f.object.uid = uid
        facts.append(f)
      }
    }
    return facts
  }

  @Test func projectWithHistoryKeepsIncarnationsApart() throws {
    // A StatefulSet pod recreated under a new uid, restarting in both lives.
    var facts: [Fact] = []
    for (i, uid) in ["uid-a", "uid-b"].enumerated() {
      let hour = 10 + 2 * i
      for (j, reason) in ["Started", "Killing", "Started", "BackOff"].enumerated() {
        var f = eventFact(pod: "db-0", reason: reason, message: reason == "Killing" ? "Container db failed liveness probe, will be restarted"
                            : reason == "BackOff" ? "Back-off restarting failed container db" : "Started container db",
                          first: "2026-03-10T\(hour):0\(j):00Z", container: "db", line: 10 * i + j + 1)
        f.object.uid = uid
        facts.append(f)
      }
    }
    for at in [nil, Instant.parseRFC3339("2026-03-10T10:05:00Z"), Instant.parseRFC3339("2026-03-10T12:02:30Z")] {
      let state = project(facts, at: at)
      let got = projectWithHistory(facts, at: at)
      #expect(got.state == state)
      #expect(got.history == restartHistory(facts.filter { $0.observed <= state.at }))
    }
    #expect(projectWithHistory(facts, at: nil).state.uncertaintySentences.contains { $0.hasPrefix("2 pods named db-0") })
  }

  @Test func parallelMapKeepsTheOrder() {
    let items = Array(0..<5000)
    #expect(parallelMap(items) { $0 * 3 } == items.map { $0 * 3 })
    #expect(parallelMap([Int]()) { $0 }.isEmpty)
    #expect(parallelMap([42]) { "\($0)" } == ["42"])
  }
}
