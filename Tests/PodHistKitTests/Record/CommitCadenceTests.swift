import Foundation
import Testing
@testable import PodHistKit

/// When `podhist record` and `import -` commit: every second while facts wait, or at once at a
/// few thousand facts, also in the middle of a backlog that never lets the recorder wait.
@Suite struct CommitCadenceTests {
  let start = Date(timeIntervalSince1970: 1_800_000_000)

  @Test func aBacklogIsCommittedEverySecondNotOnlyAtTheFactCount() {
    var cadence = CommitCadence(interval: 1, facts: 4_096, now: start)
    // A backlog read at 900 facts a second (a loaded machine): the count alone would commit
    // after 4.5 s; the interval commits after each second.
    var commits: [Double] = []
    var uncommitted = 0
    for tick in 1...5_000 {
      let now = start.addingTimeInterval(Double(tick) / 900)
      uncommitted += 1
      if cadence.due(uncommitted: uncommitted, now: now) {
        commits.append(now.timeIntervalSince(start)); uncommitted = 0; cadence.committed(now: now)
      }
    }
    #expect(commits.count == 5)
    for (a, b) in zip([0] + commits, commits) { #expect(b - a >= 1 && b - a < 1.01, "\(commits)") }
  }

  @Test func aBurstIsCommittedAtTheFactCountBeforeTheSecond() {
    var cadence = CommitCadence(interval: 1, facts: 4_096, now: start)
    let soon = start.addingTimeInterval(0.1)
    #expect(!cadence.due(uncommitted: 4_095, now: soon))
    #expect(cadence.due(uncommitted: 4_096, now: soon))
    cadence.committed(now: soon)
    #expect(cadence.deadline == soon.addingTimeInterval(1))
  }

  @Test func nothingWaitingIsNeverDue() {
    let cadence = CommitCadence(interval: 1, facts: 4_096, now: start)
    #expect(!cadence.due(uncommitted: 0, now: start.addingTimeInterval(3600)))
    #expect(cadence.due(uncommitted: 1, now: start.addingTimeInterval(1)))
    #expect(!cadence.due(uncommitted: 1, now: start.addingTimeInterval(0.999)))
  }
}
