import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// The recorder reads a watch line's type and resourceVersion without building its object: the
/// same answers as a full JSON parse on every line of the recording scenario, and nil (the slow
/// path) whenever the walk is not sure.
@Suite struct WatchLineTests {
  /// type and metadata.resourceVersion as JSONSerialization reads them.
  static func parsed(_ line: [UInt8]) -> WatchLine? {
    guard let event = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
          let type = event["type"] as? String, let object = event["object"] as? [String: Any] else { return nil }
    return WatchLine(type: type, resourceVersion: (object["metadata"] as? [String: Any])?["resourceVersion"] as? String)
  }

  @Test func everyLineOfTheScenarioReadsAsAFullParseReadsIt() throws {
    let path = FileManager.default.temporaryDirectory.appending(path: "podhist-watchline-\(UUID().uuidString).jsonl").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try FakeAPIServer.emitStream(to: path)
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { Array($0.utf8) }
    #expect(lines.count > 300)
    var types = Set<String>()
    for line in lines {
      let fast = try #require(WatchLine.read(line), "\(String(decoding: line.prefix(120), as: UTF8.self))")
      #expect(fast == Self.parsed(line))
      #expect(fast.resourceVersion != nil)
      types.insert(fast.type)
    }
    #expect(types == ["ADDED", "MODIFIED", "DELETED"])
  }

  @Test func membersInAnyOrderAndEscapedValuesElsewhere() {
    let line = #"{"object":{"kind":"Pod","status":{"phase":"Running","x":[1,-2,{"a":null}],"ok":true},"metadata":{"name":"w\"eb\u00e9","labels":{"app":"a"},"resourceVersion":"1042"}},"type":"MODIFIED"}"#
    #expect(WatchLine.read(Array(line.utf8)) == WatchLine(type: "MODIFIED", resourceVersion: "1042"))
    #expect(WatchLine.read(Array(line.utf8)) == Self.parsed(Array(line.utf8)))
    // No resourceVersion: the type alone, as the full parse reads it.
    let bare = #"{"type":"ADDED","object":{"metadata":{"name":"a"}}}"# + "\n"
    #expect(WatchLine.read(Array(bare.utf8)) == WatchLine(type: "ADDED", resourceVersion: nil))
  }

  @Test func anythingUnsureIsLeftToTheFullParse() {
    for line in [
      #"{"type":"ADDED","object":{"metadata":{"resourceVersion":"1"},"x":1.5}}"#,  // a fraction
      #"{"type":"ADDED","object":{"metadata":{"resourceVersion":"1"}}} trailing"#,  // bytes after the event
      #"{"type":"ADDED","object":"text"}"#,  // an object that is none
      #"{"type":"ADDED"}"#,  // no object
      #"{"object":{"metadata":{}}}"#,  // no type
      #"{"t\u0079pe":"ADDED","object":{}}"#,  // an escaped name
      #"{"type":"ADDED","object":{"metadata":{"resourceVersion":"1"}"#,  // cut short
      "", "[]", "null",
    ] {
      #expect(WatchLine.read(Array(line.utf8)) == nil, "\(line)")
    }
  }
}
