import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// End to end over every real dump in fixtures/corpus: import all of a case's inputs into a fresh
/// store, then compare `get pods` (status, restarts) and `why` (top cause) with its expected.json,
/// the way the public corpus check scores podhist.
@Suite struct CorpusTests {
  static let cases: [String] = corpusCases()

  /// A missing or empty corpus fails here rather than passing as zero cases below.
  @Test func corpusIsThere() { expectCorpusIsThere() }

  struct Expected: Decodable {
    struct Pod: Decodable { var namespace: String?; var name: String?; var status: String?; var restarts: Int? }
    struct CauseSpec: Decodable { var codes: [String]?; var pod: String?; var container: String? }
    var pods: [Pod]
    var cause: CauseSpec?
  }

  /// Imports a case; returns the store.
  static func load(_ name: String) throws -> Store {
    let dir = fixture("corpus/\(name)")
    let inputs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("input") }.sorted()
    let store = try scratchStore()
    try store.importing { session in
      for input in inputs {
        _ = try session.begin(source: input)
        let reader = try Importer.open(dir.appending(path: input).path)
        let report = try Importer.run(reader: reader, options: ImportOptions(sourceName: input)) { try session.append($0) }
        _ = try session.finish(formats: report.formats, notes: report.notes)
      }
    }
    return store
  }

  @Test(arguments: cases)
  func caseMatchesExpected(_ name: String) throws {
    let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: fixture("corpus/\(name)/expected.json")))
    let store = try CorpusTests.load(name)
    let query = try PodQuery(store: store)
    var states: [String: PodState] = [:]
    var explanations: [String: Explanation] = [:]
    var listed: Set<String> = []  // what `why -A` lists
    for pod in try query.pods(namespace: nil) {
      let facts = try query.facts(of: pod)
      let state = project(facts, at: try query.defaultInstant(for: facts))
      states[pod.name] = state
      let upTo = facts.filter { $0.observed <= state.at }
      explanations[pod.name] = Explainer.explain(state, facts: upTo)
      if PodQuery.needsExplaining(state, history: restartHistory(upTo)) { listed.insert(pod.name) }
    }
    for p in expected.pods {
      guard let n = p.name, p.status != nil || p.restarts != nil else { continue }
      let got = try #require(states[n], "\(name): pod \(n) not imported; have \(states.keys.sorted())")
      if let s = p.status { #expect(got.status == s, "\(name): \(n) status") }
      if let r = p.restarts { #expect(got.restarts.lowerBound == r, "\(name): \(n) restarts") }
    }
    if let codes = expected.cause?.codes, !codes.isEmpty {
      let targets = expected.cause?.pod.map { [$0] } ?? Array(listed)
      let tops = targets.compactMap { explanations[$0]?.causes.first?.code }
      let healthyOK = tops.isEmpty && !Set(codes).isDisjoint(with: ["Running.Healthy", "Completed"])
      #expect(healthyOK || tops.contains { codes.contains($0) }, "\(name): want \(codes) got \(tops)")
    }
  }
}
