import Foundation
import Testing
@testable import PodHistKit

@Suite("Structured bad input") struct StructuredBadInputTests {
  @Test func malformedJSONNamesTheLine() throws {
    let bytes = try structuredFixture("structured/bad-malformed.json")
    #expect(importFailure(bytes, name: "events.json") == "events.json:17: expected ',' or '}' after an object member")
  }

  @Test func truncatedJSON() throws {
    let bytes = try structuredFixture("structured/bad-truncated.json")
    #expect(importFailure(bytes, name: "events.json") == "events.json:40: input ends inside an object (truncated?)")
  }

  @Test func truncatedInsideAString() throws {
    let bytes = Array("{\"kind\": \"Event\",\n\"message\": \"abc".utf8)
    #expect(importFailure(bytes, name: "e.json") == "e.json:2: input ends inside a string (truncated?)")
  }

  @Test func invalidYAMLNamesTheLine() throws {
    let bytes = try structuredFixture("structured/bad-invalid.yaml")
    let message = try #require(importFailure(bytes, name: "ev.yaml"))
    #expect(message.hasPrefix("ev.yaml:8: not valid YAML: mapping values are not allowed in this context"))
  }

  @Test func invalidYAMLInALaterDocumentCountsLinesFromTheStart() throws {
    let text = "kind: Event\ninvolvedObject: {kind: Pod, name: a}\nreason: X\nlastTimestamp: \"2026-03-10T10:00:00Z\"\n---\nkind: Event\nreason: BackOff\n  message: bad\n"
    let message = try #require(importFailure(Array(text.utf8), name: "w.yaml"))
    #expect(message.hasPrefix("w.yaml:8: not valid YAML"))
  }

  @Test func aServiceIsNotAnEventOrPod() throws {
    let bytes = try structuredFixture("structured/bad-service.json")
    #expect(importFailure(bytes, name: "x.json") == "x.json:1: a Service, not an Event or Pod")
    let yaml = "apiVersion: v1\nkind: Ingress\nmetadata:\n  name: web\n"
    #expect(importFailure(Array(yaml.utf8), name: "i.yaml", format: .eventsYAML) == "i.yaml:1: an Ingress, not an Event or Pod")
  }

  @Test func garbageAfterAValue() throws {
    let text = "{\"kind\":\"Event\",\"reason\":\"x\",\"involvedObject\":{\"name\":\"a\"},\"lastTimestamp\":\"2026-03-10T10:00:00Z\"}\nnot json\n"
    #expect(importFailure(Array(text.utf8), name: "s.json") == "s.json:2: expected '{' or '[' to start a JSON value, found 'n'")
  }

  @Test func errorsInsideAnItemArrayElement() throws {
    let text = "{\"items\": [\n{\"kind\": \"Event\"}\n{\"kind\": \"Event\"}]}"
    #expect(importFailure(Array(text.utf8), name: "l.json") == "l.json:3: expected ',' or ']' after an array element")
  }
}
