import Foundation
import Testing
@testable import PodHistKit

@Suite struct FieldTemplatesTests {
  let usualExtra = #"{"involvedObject":{"apiVersion":"v1","resourceVersion":"1043414"},"metadata":{"creationTimestamp":"2025-03-10T06:00:43Z","namespace":"search","resourceVersion":"1043767457"}}"#

  @Test func theUsualExtraSplitsIntoNumbersAndJoinsBackExactly() throws {
    let e = try #require(FieldTemplates.split(usualExtra))
    #expect(e.apiVersion == "v1" && e.objectVersion == 1_043_414 && e.eventVersion == 1_043_767_457 && e.namespace == "search")
    #expect(e.created == 1_741_586_443)
    #expect(FieldTemplates.join(e) == usualExtra)
  }

  @Test func anythingElseStaysText() {
    // A leading zero, a fractional timestamp, an impossible date, another member: not the template.
    for odd in [usualExtra.replacingOccurrences(of: #""1043414""#, with: #""01043414""#),
                usualExtra.replacingOccurrences(of: "06:00:43Z", with: "06:00:43.5Z"),
                usualExtra.replacingOccurrences(of: "2025-03-10", with: "2025-02-31"),
                usualExtra.replacingOccurrences(of: #"},"metadata""#, with: #"},"note":"x","metadata""#),
                #"{"metadata":{"resourceVersion":"3372594974"}}"#] {
      #expect(FieldTemplates.split(odd) == nil, "\(odd)")
    }
  }

  @Test func eventNamesWithTheTimeSuffixAreNumbers() {
    #expect(FieldTemplates.eventNameSuffix("opensearch-2.182b5ba4ae652897", objectName: "opensearch-2") == 0x182b5ba4ae652897)
    #expect(FieldTemplates.eventName(objectName: "opensearch-2", suffix: 0x182b5ba4ae652897) == "opensearch-2.182b5ba4ae652897")
    #expect(FieldTemplates.eventName(objectName: "a", suffix: 0xff) == "a.00000000000000ff")
    #expect(FieldTemplates.eventNameSuffix("opensearch-2.182B5BA4AE652897", objectName: "opensearch-2") == nil)
    #expect(FieldTemplates.eventNameSuffix("other-2.182b5ba4ae652897", objectName: "opensearch-2") == nil)
    #expect(FieldTemplates.eventNameSuffix("opensearch-2.182b5ba4ae65289", objectName: "opensearch-2") == nil)
  }

  @Test func datesFormatLikeKubernetes() {
    for s in ["1970-01-01T00:00:00Z", "2025-03-10T06:00:43Z", "2024-02-29T23:59:59Z", "1969-12-31T23:59:59Z", "0001-01-01T00:00:00Z"] {
      let t = FieldTemplates.parseSeconds(Substring(s))
      #expect(t.map(FieldTemplates.formatSeconds) == s)
    }
  }

  @Test func templatedFieldsRoundTripThroughAChunkAndShrinkIt() throws {
    func fact(_ i: Int, extra: String?, name: String?) -> Fact {
      var ev = EventRecord(reason: "Pulling", message: "Pulling image \"opensearch:2.11.\(i)\"", type: "Normal",
                           first: Instant(micros: 1_741_586_443_000_000 + Int64(i) * 1_000_000))
      ev.name = name; ev.extra = extra
      return Fact(object: ObjectRef(namespace: "search", name: "opensearch-2"),
                  observed: Instant(micros: 1_741_586_443_000_000 + Int64(i) * 1_000_000), body: .event(ev),
                  provenance: Provenance(importID: 1, source: "e.json", firstLine: i, format: "events-json"))
    }
    let facts = [fact(0, extra: usualExtra, name: "opensearch-2.182b5ba4ae652897"),
                 fact(1, extra: #"{"kind":"Event"}"#, name: "opensearch-2.other"),
                 fact(2, extra: nil, name: nil),
                 fact(3, extra: usualExtra.replacingOccurrences(of: "v1", with: "v2"), name: "opensearch-2.0000000000000001")]
    let chunk = try Chunk.encode([ChunkGroup(facts: facts)])
    #expect(try Chunk.decode(chunk.data, rawSize: chunk.rawSize) == [ChunkGroup(facts: facts)])
    // The canonical (hashed) form is unchanged by templates: it writes the text.
    #expect(try FactCodec.canonical(facts[0]).count > usualExtra.utf8.count)
    // Written as numbers, the usual extra costs far less than its text does.
    var asText = facts[0]
    if case var .event(ev) = asText.body { ev.extra = usualExtra + " "; asText.body = .event(ev) }
    let templated = try ChunkCodec.encode([ChunkGroup(facts: [facts[0]])]).count
    let text = try ChunkCodec.encode([ChunkGroup(facts: [asText])]).count
    #expect(templated + usualExtra.utf8.count / 2 < text, "\(templated) vs \(text) bytes")
  }
}
