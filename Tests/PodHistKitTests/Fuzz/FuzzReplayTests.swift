import Foundation
@testable import PodHistKit
import TestSupport
import Testing

/// Replays every input the fuzzers of tools/fuzz/ ever found (fixtures/fuzz/TARGET/, written by
/// libFuzzer as crash-, timeout- or oom- files) the way the harness runs it: import as the
/// target's family, then project, explain and render each pod. A trap would end the test run.
@Suite struct FuzzReplayTests {
  static let root = repositoryRoot.appending(path: "fixtures/fuzz")

  static func inputs() -> [String] {
    let fm = FileManager.default
    let targets = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
    return targets.sorted().flatMap { t -> [String] in
      let files = (try? fm.contentsOfDirectory(atPath: root.appending(path: t).path)) ?? []
      return files.filter { !$0.hasPrefix(".") }.sorted().map { "\(t)/\($0)" }
    }
  }

  /// The harness's run of one input (tools/fuzz/Harness.swift), in process.
  static func replay(_ bytes: [UInt8], family: String) throws -> Int {
    struct DataReader: ByteReader {
      var bytes: [UInt8]
      var at = 0
      mutating func read(maxCount: Int) throws -> [UInt8] {
        let n = min(maxCount, bytes.count - at)
        defer { at += n }
        return Array(bytes[at..<(at + n)])
      }
    }
    let format: InputFormat = switch family {
    case "describe": .describe
    case "events-table": .eventsTable
    case "pods-table": .podsTable
    case "events-json": .eventsJSON
    default: .auto
    }
    var reader: any ByteReader = DataReader(bytes: bytes)
    if family == "gzip" { reader = try GzipByteReader(reader, name: "fuzz") }
    var facts: [Fact] = []
    _ = try? Importer.run(reader: reader, options: ImportOptions(format: format, sourceName: "fuzz")) { facts.append($0) }
    for pod in Set(facts.map(\.object)) {
      let own = facts.filter { $0.object == pod }
      let state = project(own, at: own.map(\.observed).max() ?? Instant(micros: 0))
      _ = renderExplanationText(Explainer.explain(state, facts: own), color: false)
    }
    return facts.count
  }

  @Test func everyFoundInputImportsOrIsRefusedWithoutATrap() throws {
    let found = FuzzReplayTests.inputs()
    #expect(FileManager.default.fileExists(atPath: FuzzReplayTests.root.path), "fixtures/fuzz is missing")
    for name in found {
      let bytes = try [UInt8](Data(contentsOf: FuzzReplayTests.root.appending(path: name)))
      _ = try? FuzzReplayTests.replay(bytes, family: String(name.split(separator: "/")[0]))
    }
  }

  @Test func theHarnessReadsEachFamily() throws {
    // The replay must exercise the importers, not refuse everything: a seed of each family yields facts.
    let seeds = ["describe": "fixtures/describe/two-pods-probes-wrapped.txt", "events-table": "fixtures/tables/get-events-1.14.txt",
                 "pods-table": "fixtures/tables/get-pods.txt", "events-json": "fixtures/cli/events.json",
                 "yaml": "fixtures/structured/events-list.yaml"]
    for (family, path) in seeds {
      let bytes = try [UInt8](Data(contentsOf: repositoryRoot.appending(path: path)))
      #expect(try FuzzReplayTests.replay(bytes, family: family) > 0, "\(family)")
    }
  }
}
