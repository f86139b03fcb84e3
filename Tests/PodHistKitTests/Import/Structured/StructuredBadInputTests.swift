import Foundation
import Testing
@testable import PodHistKit

@Suite("Structured bad input") struct StructuredBadInputTests {
  @Test func malformedJSONNamesTheLine() throws {
    let bytes = try structuredFixture("structured/bad-malformed.json")
    #expect(importFailure(bytes, name: "events.json") == "events.json:17: expected ',' or '}' after an object member")
  }

  /// A cut input keeps what parses (issue 10) and says where and why it stopped.
  @Test func truncatedJSON() throws {
    let bytes = try structuredFixture("structured/bad-truncated.json")
    let (facts, report) = try importBytes(bytes, name: "events.json")
    #expect(facts.count == 1)
    #expect(facts.first?.event?.reason == "Scheduled")
    #expect(report.warnings.first?.description
            == "events.json:40: warning: not one complete JSON/YAML input (input ends inside an object (truncated?)); the parts that parse were imported")
    #expect(report.warnings.contains { $0.message.contains("cut after line 40") })
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
    // The first document is imported; the invalid one is reported at its line (issue 10).
    let (facts, report) = try importBytes(Array(text.utf8), name: "w.yaml")
    #expect(facts.map { $0.event?.reason } == ["X"])
    #expect(report.warnings.first?.line == 8)
    #expect(report.warnings.first?.message.contains("not valid YAML") == true)
  }

  @Test func aServiceIsNotAnEventOrPod() throws {
    let bytes = try structuredFixture("structured/bad-service.json")
    #expect(importFailure(bytes, name: "x.json") == "x.json:1: a Service, not an Event or Pod")
    let yaml = "apiVersion: v1\nkind: Ingress\nmetadata:\n  name: web\n"
    #expect(importFailure(Array(yaml.utf8), name: "i.yaml", format: .eventsYAML) == "i.yaml:1: an Ingress, not an Event or Pod")
  }

  @Test func garbageAfterAValue() throws {
    let text = "{\"kind\":\"Event\",\"reason\":\"x\",\"involvedObject\":{\"name\":\"a\"},\"lastTimestamp\":\"2026-03-10T10:00:00Z\"}\nnot json\n"
    // Prose after a JSON value: the value is imported, the stop is reported (issue 10).
    let (facts, report) = try importBytes(Array(text.utf8), name: "s.json")
    #expect(facts.map { $0.event?.reason } == ["x"])
    #expect(report.warnings.first?.description
            == "s.json:2: warning: not one complete JSON/YAML input (expected '{' or '[' to start a JSON value, found 'n'); the parts that parse were imported")
  }

  @Test func errorsInsideAnItemArrayElement() throws {
    let text = "{\"items\": [\n{\"kind\": \"Event\"}\n{\"kind\": \"Event\"}]}"
    #expect(importFailure(Array(text.utf8), name: "l.json") == "l.json:3: expected ',' or ']' after an array element")
  }
}
