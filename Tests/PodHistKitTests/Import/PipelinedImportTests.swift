import Foundation
import Testing
@testable import PodHistKit

/// The two-thread import gives exactly what the one-thread import gives, and fails the same way.
@Suite struct PipelinedImportTests {
  func load(_ path: String, pipelined: Bool) throws -> (Store, ImportReport) {
    let store = try scratchStore()
    let report = try store.importing { session in
      _ = try session.begin(source: "in")
      let reader = try Importer.open(path)
      let options = ImportOptions(sourceName: "in")
      let r = pipelined ? try Importer.run(reader: reader, options: options, into: session)
        : try Importer.run(reader: reader, options: options) { try session.append($0) }
      _ = try session.finish(formats: r.formats, notes: r.notes)
      return r
    }
    return (store, report)
  }

  func everything(_ store: Store) throws -> [Fact] {
    try store.objects(kind: nil).flatMap { try store.facts(of: $0) }
  }

  @Test(arguments: ["structured/events.jsonl", "structured/events-watch-wrapped.json", "structured/pods-list.json",
                    "structured/events-multidoc.yaml", "demo/springboot-liveness.txt"])
  func sameFactsAsOneThread(_ name: String) throws {
    let (a, ra) = try load(fixture(name).path, pipelined: true)
    let (b, rb) = try load(fixture(name).path, pipelined: false)
    let facts = try everything(a)
    #expect(!facts.isEmpty)
    #expect(facts == (try everything(b)))
    #expect(ra.formats == rb.formats && ra.notes == rb.notes)
  }

  @Test func aParseErrorIsThrownAndNothingIsKept() throws {
    let store = try scratchStore()
    #expect(throws: ImportError.self) {
      try store.importing { session in
        _ = try session.begin(source: "bad")
        let reader = try Importer.open(fixture("structured/bad-malformed.json").path)
        _ = try Importer.run(reader: reader, options: ImportOptions(sourceName: "bad"), into: session)
      }
    }
    #expect(try store.counts().facts == 0 && store.imports().isEmpty)
  }
}
