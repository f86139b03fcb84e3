import Foundation
import TestSupport
import Testing
@testable import PodHistKit

/// Lines as the paste cleaner hands them over: CR and trailing spaces removed, the common
/// indentation removed, numbers from `firstNumber`.
func cleanedLines(_ text: String, firstNumber: Int = 1) -> [SourceLine] {
  let raw = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
    var l = String(line)
    while l.hasSuffix("\r") || l.hasSuffix(" ") { l.removeLast() }
    return l
  }
  let indent = raw.filter { !$0.isEmpty }.map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
  var out: [SourceLine] = []
  for (k, l) in raw.enumerated() {
    if k == raw.count - 1, l.isEmpty { break }
    out.append(SourceLine(number: firstNumber + k, text: Substring(l.isEmpty ? l : String(l.dropFirst(indent)))))
  }
  return out
}

/// The text of `fixtures/corpus/<case prefix>*/input.txt`.
func corpusInput(_ prefix: String) throws -> String {
  let corpus = repositoryRoot.appending(path: "fixtures/corpus")
  let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
  let dir = try #require(names.first { $0.hasPrefix(prefix + "-") })
  return try String(contentsOf: corpus.appending(path: dir).appending(path: "input.txt"), encoding: .utf8)
}

/// The text of `fixtures/tables/<name>`.
func tablesFixture(_ name: String) throws -> String {
  return try String(contentsOf: repositoryRoot.appending(path: "fixtures/tables").appending(path: name), encoding: .utf8)
}

/// Walks the lines as the splitter would: at each line, asks `parser` whether a segment
/// begins; collects the segments.
func segments(_ parser: some TextSegmentParser, _ lines: [SourceLine],
              warnings: inout [ImportWarning]) -> [any TextSegment] {
  var out: [any TextSegment] = []
  var i = 0
  while i < lines.count {
    if parser.begins(lines, at: i), let (seg, next) = parser.parse(lines, at: i, source: "t.txt", warnings: &warnings) {
      out.append(seg)
      i = max(next, i + 1)
    } else {
      i += 1
    }
  }
  return out
}

/// The one events segment of `text` (asserts there is exactly one).
func eventsSegment(_ text: String, firstNumber: Int = 1) throws -> (EventsTableSegment, [ImportWarning]) {
  var warnings: [ImportWarning] = []
  let segs = segments(EventsTableParser(), cleanedLines(text, firstNumber: firstNumber), warnings: &warnings)
  try #require(segs.count == 1, "expected one events segment, got \(segs.count)")
  return (try #require(segs[0] as? EventsTableSegment), warnings)
}

/// `Instant` from RFC 3339 text, for expectations.
func at(_ text: String) -> Instant { Instant.parseRFC3339(text) ?? Instant(micros: -1) }

/// A relative instant `age` seconds before the dump's own "now".
func ago(_ seconds: Int64) -> Instant { Instant(micros: 0) - .seconds(seconds) }
