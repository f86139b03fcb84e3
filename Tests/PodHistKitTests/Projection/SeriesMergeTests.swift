import Foundation
import Testing
@testable import PodHistKit

/// The merge of one Event seen through different dumps (`buildEventSeries`) finds the series
/// to merge into by binary search; it must pick what a scan from the first would.
@Suite struct SeriesMergeTests {
  /// The scan: each series, in order of first occurrence, joins the earliest kept one within
  /// 2 s plus the larger uncertainty, else is kept. Returns the kept firsts and their sizes.
  static func reference(_ items: [(first: Int64, uncertainty: Int64)]) -> [(Int64, Int)] {
    var kept: [(first: Int64, unc: Int64, n: Int)] = []
    for it in items.sorted(by: { $0.first < $1.first }) {
      if let j = kept.firstIndex(where: { abs(it.first - $0.first) <= 2_000_000 + max(it.uncertainty, $0.unc) }) {
        kept[j].unc = max(kept[j].unc, it.uncertainty)
        kept[j].n += 1
      } else {
        kept.append((it.first, it.uncertainty, 1))
      }
    }
    return kept.map { ($0.first, $0.n) }
  }

  @Test(arguments: [1, 2, 3])
  func mergesAsTheScanDoes(seed: UInt64) {
    var rng = SplitMix(seed: seed)
    let base = Instant.parseRFC3339("2026-03-10T10:00:00Z")?.micros ?? 0
    var items: [(first: Int64, uncertainty: Int64)] = []
    var facts: [Fact] = []
    for i in 0..<600 {
      // Events of one message, some a second or two apart (the same Event in two dumps), with
      // uncertainties of up to a minute now and then (ages read off a table).
      let first = base + Int64(rng.next() % 3_000) * 1_000_000 + Int64(rng.next() % 1_000_000)
      let unc = rng.next() % 10 == 0 ? Int64(rng.next() % 60) * 1_000_000 : 0
      items.append((first, unc))
      var f = eventFact(pod: "web-1", reason: "BackOff", message: "Back-off restarting failed container web",
                        first: Instant(micros: first).rfc3339, container: "web", line: i + 1)
      if var e = f.event {
        e.first = Instant(micros: first); e.last = Instant(micros: first); e.name = "web-1.\(i)"
        f.body = .event(e)
      }
      f.observed = Instant(micros: first)
      f.uncertainty = Duration(micros: unc)
      facts.append(f)
    }
    let series = buildEventSeries(facts, containerNames: ["web"], images: [:])
    let got = series.map { ($0.first.micros, $0.points.count) }.sorted { $0.0 < $1.0 }
    let want = Self.reference(items)
    #expect(got.map(\.0) == want.map(\.0))
    #expect(got.map(\.1) == want.map(\.1))
    #expect(series.count < 600 && series.count > 100)
  }
}

/// The Scheduled message's node, read in place, against splitting the message into words.
@Suite struct ScheduledNodeTests {
  static func reference(_ message: String) -> String? {
    let words = message.split(separator: " ")
    if let i = words.lastIndex(of: "to"), i + 1 < words.count { return String(words[i + 1]) }
    return nil
  }

  @Test(arguments: ["Successfully assigned default/web-1 to worker-1",
                    "Successfully assigned search/opensearch-2 to ip-10-0-59-29.eu-west-1.compute.internal",
                    "Successfully assigned default/to to to", "assigned to  node-a  ", "to", "to ", " to x", "",
                    "Successfully assigned a/b to", "go to to the node", "Successfully assigned ns/naïve to nœud-1"])
  func nodeIsTheWordAfterTheLastTo(_ message: String) {
    #expect(EventReading.scheduledNode(message) == Self.reference(message))
  }
}
