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

  /// One case's answers against its expected.json: the top cause (nil when the case names
  /// none), each expected pod's status and restarts, and the confidence of the top cause.
  struct Score: Sendable {
    var name: String
    var causeRight: Bool?
    var confidence: String?
    var got: [String]
    var statusRight: [Bool]
    var statusMisses: [String]
  }

  /// Scores a case the way the shared corpus checker (check_corpus.py) does, through the library.
  static func score(_ name: String) throws -> Score {
    let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: fixture("corpus/\(name)/expected.json")))
    // What `get pods -A`, `why POD` and `why -A` answer, asked of the service as the CLI asks it.
    let service = try CorpusTests.load(name)
    var states: [String: PodState] = [:]
    var explanations: [String: Explanation] = [:]
    for pod in try service.pods(namespace: nil) {
      states[pod.name] = try service.state(of: pod, at: nil)
      explanations[pod.name] = try service.explain(pod, at: nil)
      // An alternative is never stated more surely than the cause ranked first.
      if let causes = explanations[pod.name]?.causes, let top = causes.first {
        let rank = { (c: Confidence) in Confidence.allCases.firstIndex(of: c) ?? 0 }
        for alt in causes.dropFirst() where rank(alt.confidence) < rank(top.confidence) {
          Issue.record("\(name) \(pod.name): alternative \(alt.code) (\(alt.confidence)) above the top \(top.code) (\(top.confidence))")
        }
      }
    }
    let listed = Set(try service.explainAll(namespace: nil, at: nil) { $0.object.name })
    var score = Score(name: name, causeRight: nil, confidence: nil, got: [], statusRight: [], statusMisses: [])
    for p in expected.pods {
      guard let n = p.name, p.status != nil || p.restarts != nil else { continue }
      let got = states[n]
      let ok = got != nil && (p.status == nil || got?.status == p.status) && (p.restarts == nil || got?.restarts.lowerBound == p.restarts)
      score.statusRight.append(ok)
      if !ok { score.statusMisses.append("\(n): want \(p.status ?? "-")/\(p.restarts.map(String.init) ?? "-") got \(got.map { "\($0.status)/\($0.restarts.lowerBound)" } ?? "no pod")") }
    }
    if let codes = expected.cause?.codes, !codes.isEmpty {
      let targets = expected.cause?.pod.map { [$0] } ?? Array(listed).sorted()
      let tops = targets.compactMap { explanations[$0]?.causes.first }
      score.got = tops.map(\.code.rawValue)
      let hit = tops.first { codes.contains($0.code.rawValue) }
      score.causeRight = hit != nil || (tops.isEmpty && !Set(codes).isDisjoint(with: ["Running.Healthy", "Completed"]))
      score.confidence = (hit ?? tops.first)?.confidence.rawValue
    }
    return score
  }

  /// Every case imports; across the corpus the top cause is right for at least 95% of the
  /// cases that name one and the expected status and restarts for at least 95% of the pods;
  /// a wrong top cause is never stated with high confidence (issue "every real paste").
  @Test func theCorpusIsAnsweredRight() async throws {
    #expect(CorpusTests.cases.count >= 100, "the corpus folder is missing or incomplete: \(CorpusTests.cases.count) cases")
    let scores = await withTaskGroup(of: (String, Result<Score, any Error>).self) { group in
      for name in CorpusTests.cases {
        group.addTask { (name, Result { try CorpusTests.score(name) }) }
      }
      var out: [(String, Result<Score, any Error>)] = []
      for await r in group { out.append(r) }
      return out.sorted { $0.0 < $1.0 }
    }
    var done: [Score] = []
    for (name, result) in scores {
      switch result {
      case let .success(s): done.append(s)
      case let .failure(e): Issue.record("\(name): import failed: \(e)")
      }
    }
    let withCause = done.filter { $0.causeRight != nil }
    let right = withCause.filter { $0.causeRight == true }.count
    let causeTotal = withCause.count + (scores.count - done.count)  // a failed import is a wrong answer
    let statuses = done.flatMap(\.statusRight)
    let misses = withCause.filter { $0.causeRight == false }.map { "\($0.name) got \($0.got) (\($0.confidence ?? "-"))" }
    #expect(Double(right) >= 0.95 * Double(causeTotal), "top cause right \(right)/\(causeTotal); misses: \(misses)")
    #expect(Double(statuses.filter { $0 }.count) >= 0.95 * Double(statuses.count),
            "status right \(statuses.filter { $0 }.count)/\(statuses.count): \(done.flatMap(\.statusMisses))")
    for s in withCause where s.causeRight == false && s.confidence == "high" {
      Issue.record("\(s.name): a wrong top cause \(s.got) stated with high confidence")
    }
  }
}
