import Foundation
import Testing
@testable import PodHistKit

@Test func zzDumpCorpusSegments() throws {
  let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appending(path: "fixtures/corpus")
  var out = ""
  for dir in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
    let files = try FileManager.default.contentsOfDirectory(atPath: root.appending(path: dir).path).filter { $0.hasPrefix("input") }.sorted()
    for f in files {
      guard let text = try? String(contentsOf: root.appending(path: dir).appending(path: f), encoding: .utf8) else { continue }
      var w: [ImportWarning] = []
      let lines = cleanedLines(text)
      for p in [EventsTableParser() as any TextSegmentParser, PodsTableParser()] {
        for s in segments(p, lines, warnings: &w) {
          out += "\(dir)/\(f) \(s.format) \(s.lines)\n"
          for fact in s.facts(now: nil, nowError: .zero, source: f) {
            if let e = fact.event { out += "   E L\(fact.provenance.firstLine)-\(fact.provenance.lastLine) \(fact.object.kind) \(fact.object) \(e.reason) c=\(e.count) last=\(e.last.map { String($0.micros / 1_000_000) } ?? "-") first=\(e.first.map { String($0.micros / 1_000_000) } ?? "-") ctr=\(e.container ?? "-") \(e.type ?? "-") | \(e.message.prefix(70))\n" }
            if let sn = fact.snapshot { out += "   P L\(fact.provenance.firstLine) \(fact.object) \(sn.row!)\n" }
          }
        }
      }
      for x in w { out += "   W \(x)\n" }
    }
  }
  try out.write(toFile: "/tmp/tabdbg/out.txt", atomically: true, encoding: .utf8)
}
