import Testing
@testable import PodHistKit

@Test func aggregatedEventGapsCollapseToOneLine() {
  let started = Gap.aggregated(reason: "Started", count: 4, first: Instant.parse("2020-07-03T07:56:45Z") ?? Instant(micros: 0),
                               last: Instant.parse("2020-07-03T07:57:43Z") ?? Instant(micros: 0))
  let gaps: [Gap] = [
    .noSnapshot(),
    started,
    .aggregated(reason: "Unhealthy", count: 10, first: Instant.parse("2020-07-03T07:56:51Z") ?? Instant(micros: 0),
                last: Instant.parse("2020-07-03T07:57:51Z") ?? Instant(micros: 0)),
    started,
  ]
  #expect(FindingText.sentence(started, clock: .absolute)
          == "Started x4 between 2020-07-03T07:56:45Z and 2020-07-03T07:57:43Z: the individual instants are unknown")
  #expect(FindingText.collapsed(gaps, clock: .absolute) == [
    "aggregated events (Started x4, Unhealthy x10): when each occurrence happened is unknown, only the first and last",
    "no status snapshot of the pod: its state is derived from events only",
  ])
}
