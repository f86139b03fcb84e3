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

  /// Imports a case into a fresh store, each input citing its file name; returns the service over it.
  static func load(_ name: String) throws -> PodHistService {
    let dir = fixture("corpus/\(name)")
    let inputs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("input") }.sorted()
    let path = try scratchStore().path
    for input in inputs {
      _ = try PodHistService.importFiles([dir.appending(path: input).path], intoStoreAt: path, source: input)
    }
    return try PodHistService.open(path: path)
  }

  @Test(arguments: cases)
  func caseMatchesExpected(_ name: String) throws {
    let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: fixture("corpus/\(name)/expected.json")))
    // What `get pods -A`, `why POD` and `why -A` answer, asked of the service as the CLI asks it.
    let service = try CorpusTests.load(name)
    var states: [String: PodState] = [:]
    var explanations: [String: Explanation] = [:]
    for pod in try service.pods(namespace: nil) {
      states[pod.name] = try service.state(of: pod, at: nil)
      explanations[pod.name] = try service.explain(pod, at: nil)
    }
    let listed = Set(try service.explainAll(namespace: nil, at: nil) { $0.object.name })
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
