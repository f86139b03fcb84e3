import Testing
@testable import PodHistKit

@Test func aggregatedEventGapsCollapseToOneLine() {
  let gaps = [
    "no status snapshot of the pod: its state is derived from events only",
    "Started x4 between 2020-07-03T07:56:45Z and 2020-07-03T07:57:43Z: the individual instants are unknown",
    "Unhealthy x10 between 2020-07-03T07:56:51Z and 2020-07-03T07:57:51Z: the individual instants are unknown",
    "Started x4 between 2020-07-03T07:56:45Z and 2020-07-03T07:57:43Z: the individual instants are unknown",
  ]
  #expect(collapsedGaps(gaps) == [
    "aggregated events (Started x4, Unhealthy x10): when each occurrence happened is unknown, only the first and last",
    "no status snapshot of the pod: its state is derived from events only",
  ])
}
