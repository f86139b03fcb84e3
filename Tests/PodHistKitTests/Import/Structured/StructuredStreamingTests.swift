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

@Suite("Structured YAML streaming") struct StructuredYAMLStreamingTests {
  /// A kubectl-style YAML List (`- ` items at column 0) is split item by item, with their lines.
  @Test(arguments: [5, 4096])
  func yamlListItemsKeepTheirLines(piece: Int) throws {
    var text = "apiVersion: v1\nitems:\n"
    var starts: [Int] = []
    var line = 3
    for i in 0..<500 {
      starts.append(line)
      text += """
      - apiVersion: v1
        count: \(i + 1)
        involvedObject:
          kind: Pod
          name: web-\(i)
          namespace: shop
        kind: Event
        lastTimestamp: "2026-03-10T10:00:00Z"
        message: |-
          line one
          - not an item
        reason: BackOff

      """
      line += 12
    }
    text += "kind: List\nmetadata:\n  resourceVersion: \"\"\n"
    let (facts, _) = try importBytes(Array(text.utf8), name: "big.yaml", piece: piece)
    #expect(facts.count == 500)
    #expect(facts.map(\.provenance.firstLine) == starts)
    #expect(facts.map(\.provenance.lastLine) == starts.map { $0 + 11 })
    #expect(facts[499].event?.count == 500)
    #expect(facts[3].event?.message == "line one\n- not an item")
  }

  @Test func indentedItemsAreReadWhole() throws {
    let text = "apiVersion: v1\nitems:\n  - kind: Event\n    involvedObject: {kind: Pod, name: a}\n    reason: X\n    lastTimestamp: \"2026-03-10T10:00:00Z\"\n  - kind: Event\n    involvedObject: {kind: Pod, name: b}\n    reason: Y\n    lastTimestamp: \"2026-03-10T10:00:00Z\"\nkind: List\n"
    let (facts, _) = try importBytes(Array(text.utf8), name: "i.yaml")
    #expect(facts.map(\.object.name) == ["a", "b"])
    #expect(facts.map(\.provenance.firstLine) == [3, 7])
    #expect(facts.map(\.provenance.lastLine) == [6, 10])
  }

  @Test func invalidYAMLInsideAListItemNamesTheInputLine() {
    let text = "apiVersion: v1\nitems:\n- kind: Event\n  reason: X\n- kind: Event\n  reason: Y\n    message: bad\nkind: List\n"
    let message = importFailure(Array(text.utf8), name: "l.yaml")
    #expect(message?.hasPrefix("l.yaml:7: not valid YAML") == true, "\(message ?? "")")
  }
}
