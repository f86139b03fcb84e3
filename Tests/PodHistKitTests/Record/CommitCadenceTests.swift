import Foundation
import Testing
@testable import PodHistKit

/// When `podhist record` and `import -` commit: every second while facts wait, or at once at a
/// few thousand facts, also in the middle of a backlog that never lets the recorder wait, and
/// also when each commit takes a good part of the second. The clock is the test's own.
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
      if cadence.commitIfDue(uncommitted: uncommitted, clock: { now }, {}) {
        commits.append(now.timeIntervalSince(start)); uncommitted = 0
      }
    }
    #expect(commits.count == 5)
    for (a, b) in zip([0] + commits, commits) { #expect(b - a >= 1 && b - a < 1.01, "\(commits)") }
  }

  /// Facts arrive every 10 ms, steadily; each commit takes 0.6 s (the facts of the second
  /// encoded into chunks on a loaded machine), and what arrives meanwhile waits in the queue, as
  /// in the recorder's one thread. Commits still begin every second, and no fact waits more than
  /// the interval and one commit from its arrival to the end of the commit that holds it. Before,
  /// the interval ran from the end of a commit: commits 1.6 s apart, facts waiting 2.2 s.
  @Test func aSlowCommitDoesNotPushTheNextOneBack() {
    var cadence = CommitCadence(interval: 1, facts: 4_096, now: start)
    var now = start
    var waiting: [Date] = []  // arrivals of the facts appended and not yet committed
    var begins: [Double] = []
    var longestWait = 0.0
    for k in 1...3_000 {
      let arrival = start.addingTimeInterval(Double(k) / 100)
      now = max(now, arrival)
      waiting.append(arrival)
      let began = now
      if cadence.commitIfDue(uncommitted: waiting.count, clock: { now }, { now += 0.6 }) {
        begins.append(began.timeIntervalSince(start))
        longestWait = max(longestWait, now.timeIntervalSince(waiting[0]))
        waiting.removeAll()
      }
    }
    #expect(begins.count >= 29, "\(begins)")
    for (a, b) in zip(begins, begins.dropFirst()) { #expect(b - a <= 1.011, "\(begins)") }
    #expect(longestWait <= 1.6 + 0.011, "\(longestWait)")
    #expect(cadence.commits == begins.count)
    #expect(abs(cadence.longestCommit - 0.6) < 1e-6)
    #expect(cadence.brief == "each took 0.60 s on average, at most 0.60 s")
  }

  @Test func aBurstIsCommittedAtTheFactCountBeforeTheSecond() {
    var cadence = CommitCadence(interval: 1, facts: 4_096, now: start)
    let soon = start.addingTimeInterval(0.1)
    let early = cadence.commitIfDue(uncommitted: 4_095, clock: { soon }, {})
    #expect(!early)
    let atCount = cadence.commitIfDue(uncommitted: 4_096, clock: { soon }, {})
    #expect(atCount)
    #expect(cadence.deadline == soon.addingTimeInterval(1))
  }

  @Test func nothingWaitingIsNeverDue() {
    let cadence = CommitCadence(interval: 1, facts: 4_096, now: start)
    #expect(!cadence.due(uncommitted: 0, now: start.addingTimeInterval(3600)))
    #expect(cadence.due(uncommitted: 1, now: start.addingTimeInterval(1)))
    #expect(!cadence.due(uncommitted: 1, now: start.addingTimeInterval(0.999)))
  }

  /// A recorder with nothing to commit waits for the next status tick, also long after its
  /// last commit: a wait until the commit deadline, already past, returned at once and the
  /// recorder's loop spun on a core while the cluster was quiet.
  @Test func anIdleTakeWaitsForTheTickNotForAPastDeadline() {
    let cadence = CommitCadence(interval: 1, facts: 4_096, now: start)
    let later = start.addingTimeInterval(60)
    #expect(cadence.waitLimit(uncommitted: 0, now: later, tick: 0.5) == later.addingTimeInterval(0.5))
    // Facts waiting: no later than the commit's deadline.
    #expect(cadence.waitLimit(uncommitted: 3, now: start.addingTimeInterval(0.2), tick: 0.5) == start.addingTimeInterval(0.7))
    #expect(cadence.waitLimit(uncommitted: 3, now: start.addingTimeInterval(0.8), tick: 0.5) == start.addingTimeInterval(1))
  }
}
