import Foundation
import Testing
@testable import PodHistKit

@Suite("Structured streaming") struct StructuredStreamingTests {
  /// A List written as kubectl prints it (4-space indentation), one Event per item.
  static func bigList(_ n: Int) -> (bytes: [UInt8], starts: [Int]) {
    var text = "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n"
    var line = 4
    var starts: [Int] = []
    for i in 0..<n {
      starts.append(line)
      let item = """
              {
                  "apiVersion": "v1",
                  "count": \(i % 7),
                  "firstTimestamp": "2026-03-10T10:00:00Z",
                  "involvedObject": {
                      "kind": "Pod",
                      "name": "web-\(i)",
                      "namespace": "ns-\(i % 3)"
                  },
                  "kind": "Event",
                  "lastTimestamp": "2026-03-10T10:\(String(format: "%02d", i % 60)):00Z",
                  "message": "Back-off restarting failed container \\"web\\" {\(i)} [x]",
                  "metadata": {
                      "name": "web-\(i).18ab3c2f9e1d7a40"
                  },
                  "reason": "BackOff"
              }
      """
      text += item + (i + 1 < n ? ",\n" : "\n")
      line += item.split(separator: "\n", omittingEmptySubsequences: false).count
    }
    text += "    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n"
    return (Array(text.utf8), starts)
  }

  @Test(arguments: [1, 13, 4096])
  func everyItemArrivesWithItsLines(piece: Int) throws {
    let n = piece == 1 ? 200 : 3000
    let (bytes, starts) = Self.bigList(n)
    #expect(bytes.count > 65536 || piece == 1)
    let (facts, report) = try importBytes(bytes, name: "big.json", piece: piece)
    #expect(facts.count == n)
    #expect(report.formats == ["events-json"])
    #expect(facts.map(\.provenance.firstLine) == starts)
    #expect(facts.map(\.provenance.lastLine) == starts.map { $0 + 16 })
    #expect(facts.map(\.object.name) == (0..<n).map { "web-\($0)" })
    #expect(facts[5].event?.message == "Back-off restarting failed container \"web\" {5} [x]")
    #expect(facts[7].event?.count == 1)  // 0 counts as 1
    #expect(facts[8].event?.count == 1)
    #expect(facts[9].event?.count == 2)
  }
}
