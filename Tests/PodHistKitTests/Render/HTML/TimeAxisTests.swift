import Foundation
import Testing
@testable import PodHistKit

/// The axis picks ticks a reader can use at any zoom, aligned to UTC, labelled without noise.
@Suite struct TimeAxisTests {
  static let t0 = Instant.parseRFC3339("2020-07-03T07:58:09Z") ?? Instant(micros: 0)

  /// Five zoom levels: the span, the step expected, and a label expected among the ticks.
  @Test(arguments: [
    (20, 5, "07:58:10"),                    // 20 s: every 5 s, with seconds
    (5 * 60, 60, "07:59"),                  // 5 min: every minute
    (3 * 3600, 1800, "08:30"),              // 3 h: every half hour
    (2 * 86400, 43200, "2020-07-04 00:00"), // 2 days: every 12 h; a new day shows its date
    (60 * 86400, 14 * 86400, "2020-07-23"), // 60 days: dates only
  ])
  func ticksAtEachZoom(_ seconds: Int, _ step: Int, _ label: String) {
    let axis = TimeAxis(start: Self.t0, end: Self.t0 + .seconds(Int64(seconds)), left: 100, width: 1000, clock: .absolute)
    #expect(axis.step() == Int64(step))
    let ticks = axis.ticks
    #expect(ticks.count >= 2 && ticks.count <= 8, "\(ticks.map(\.label))")
    #expect(ticks.map(\.label).contains { $0 == label || $0.hasSuffix(" " + label) }, "\(ticks.map(\.label))")
    for t in ticks {
      #expect(t.instant.micros % (Int64(step) * 1_000_000) == 0)  // UTC-aligned multiples
      #expect(t.instant >= axis.start && t.instant <= axis.end)
      #expect(axis.x(t.instant) >= 100 && axis.x(t.instant) <= 1100)
    }
    // The first tick carries the date, later ones within the same day do not.
    if step < 86400, let first = ticks.first { #expect(first.label.hasPrefix("2020-07-0")) }
    if step < 3600 { #expect(ticks.dropFirst().allSatisfy { !$0.label.contains("2020") }) }
  }

  @Test func aSingleInstantStillHasASpan() {
    let axis = TimeAxis(covering: [Self.t0], left: 0, width: 100, clock: .absolute)
    #expect(axis.span >= .seconds(10))
    #expect(axis.x(Self.t0) > 0 && axis.x(Self.t0) < 100)
  }

  @Test func relativeClocksTickAsOffsetsFromTheDump() {
    let axis = TimeAxis(start: Instant(micros: -600_000_000), end: Instant(micros: 0), left: 0, width: 1000, clock: .relative)
    let labels = axis.ticks.map(\.label)
    #expect(labels.contains("-4m"), "\(labels)")
    #expect(labels.contains("now"), "\(labels)")
    #expect(!labels.contains { $0.contains("1970") })
  }

  @Test func extremeInstantsDoNotTrap() {
    let axis = TimeAxis(covering: [Instant.readable.lowerBound, Instant.readable.upperBound], left: 0, width: 1000, clock: .absolute)
    #expect(!axis.ticks.isEmpty)
    #expect(axis.x(Instant.readable.upperBound) <= 1000 * 1.02)
  }
}
