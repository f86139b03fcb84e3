import Foundation
import Testing
@testable import PodHistKit

@Suite struct HorizonTests {
  @Test func aPodIsDescribedWhenItsDumpWasTaken() throws {
    let store = try scratchStore()
    // One `get events -o json`: web-1's last Event is at 14:05, the dump's newest at 16:00.
    try store.importing { s in
      _ = try s.begin(source: "events.json")
      try s.append(eventFact(pod: "web-1", reason: "Unhealthy", message: "Readiness probe failed: HTTP probe failed with statuscode: 503",
                             count: 2, first: "2026-03-10T14:04:50Z", last: "2026-03-10T14:05:00Z", container: "web"))
      try s.append(eventFact(pod: "db-0", reason: "Pulled", message: "Container image \"postgres:16\" already present on machine",
                             first: "2026-03-10T16:00:00Z", container: "db"))
      _ = try s.finish(formats: [], notes: [])
    }
    // A later, separate dump about another pod does not move web-1.
    try store.importing { s in
      _ = try s.begin(source: "later.json")
      try s.append(eventFact(pod: "cache-0", reason: "Pulled", message: "m", first: "2026-03-11T09:00:00Z"))
      _ = try s.finish(formats: [], notes: [])
    }
    let query = try PodQuery(store: store)
    let web = try query.resolve("web-1", namespace: nil)
    let at = try query.defaultInstant(for: try query.facts(of: web))
    #expect(at == Instant.parseRFC3339("2026-03-10T16:00:00Z"))
    #expect(try store.importHorizon(2) == Instant.parseRFC3339("2026-03-11T09:00:00Z"))
    #expect(try store.verify().isEmpty)
  }
}
