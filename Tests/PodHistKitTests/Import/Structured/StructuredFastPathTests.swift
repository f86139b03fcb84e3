import Foundation
import Testing
@testable import PodHistKit

/// The import hot path's shortcuts give the same answers as the general code they bypass.
@Suite struct StructuredFastPathTests {
  @Test func mappedKeySwitchMatchesTheSet() {
    for k in EventObject.mappedKeys { #expect(EventObject.isMapped(k), "\(k)") }
    for k in ["metadata", "involvedObject", "regarding", "related", "Kind", "reasons", ""] { #expect(!EventObject.isMapped(k), "\(k)") }
  }

  @Test func fieldPathParsingMatchesTheModel() {
    for p in [nil, "", "spec.containers{web}", "spec.initContainers{init-db}", "spec.ephemeralContainers{debugger}",
              "spec.containers{}", "{x}", "spec.containers{a}b}", "}{", "spec.containers{wéb}", "status.containerStatuses"] {
      let fast = EventObject.container(fromFieldPath: p)
      let model = EventRecord.container(fromFieldPath: p)
      #expect(fast?.name == model?.name && fast?.kind == model?.kind, "\(p ?? "nil")")
    }
  }

  @Test func compactJSONSortsOnlyWhenNeededAndEscapes() {
    var sorted = StructuredObject()
    sorted.append("a", .string("x\"y\\z\n\u{1}"), line: 1)
    sorted.append("b", .int(-5), line: 2)
    #expect(sorted.isSortedASCII)
    #expect(StructuredValue.object(sorted).compactJSON == #"{"a":"x\"y\\z\n\u0001","b":-5}"#)
    var unsorted = StructuredObject()
    unsorted.append("b", .bool(true), line: 1)
    unsorted.append("a", .null, line: 2)
    unsorted.append("b", .string("last"), line: 3)
    #expect(!unsorted.isSortedASCII)
    #expect(StructuredValue.object(unsorted).compactJSON == #"{"a":null,"b":"last"}"#)
  }
}
