import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// The text of fixtures/<path>.
func fixtureText(_ path: String) throws -> String {
  let url = repositoryRoot.appending(path: "fixtures/\(path)")
  let data = try Data(contentsOf: url)
  return String(decoding: data, as: UTF8.self)
}

/// The input file of a corpus case (`000` → fixtures/corpus/000-.../input.txt).
func corpusInput(_ prefix: String) throws -> (name: String, text: String) {
  let dir = repositoryRoot.appending(path: "fixtures/corpus")
  let names = try FileManager.default.contentsOfDirectory(atPath: dir.path()).sorted()
  let name = try #require(names.first { $0.hasPrefix(prefix + "-") })
  return (name, try fixtureText("corpus/\(name)/input.txt"))
}

/// What an import gave: facts and report.
struct TextImportResult {
  var facts: [Fact]
  var report: ImportReport
  var statuses: [Fact] { facts.filter { $0.snapshot != nil } }
  var events: [EventRecord] { facts.compactMap(\.event) }
  func event(_ reason: String) -> EventRecord? { events.first { $0.reason == reason } }
  func eventFact(_ reason: String) -> Fact? { facts.first { $0.event?.reason == reason } }
}

/// Imports `text` through TextImporter.
func importText(_ text: String, source: String = "paste.txt", observedAt: Instant? = nil,
                format: InputFormat = .auto) throws -> TextImportResult {
  var facts: [Fact] = []
  let report = try TextImporter.run(text: text, options: ImportOptions(format: format, observedAt: observedAt, sourceName: source)) {
    facts.append($0)
  }
  return TextImportResult(facts: facts, report: report)
}

/// A UTC instant from RFC 3339, for expectations.
func utc(_ s: String) throws -> Instant { try #require(Instant.parseRFC3339(s)) }
