import Foundation

/// When a recording commits: every `interval` seconds while facts wait, or at once when `facts`
/// wait, whichever comes first. Asked after every appended object, so that a backlog (a loaded
/// machine, a List of many pages, a pipe that never pauses) is still committed every second.
/// The interval runs from the start of the previous commit, not its end: a commit that takes
/// half a second (a few thousand facts encoded, a WAL checkpoint, a loaded machine) does not push
/// the next one back, so a fact appended after a commit is committed within `interval` of it.
struct CommitCadence {
  /// Seconds between commits while facts wait.
  var interval: Double
  /// Facts that make a commit due at once.
  var facts: Int
  /// When the last commit began (or the recording started).
  private(set) var last: Date
  /// Commits made through `commitIfDue` or `commit`.
  private(set) var commits = 0
  /// The longest a commit took, in seconds.
  private(set) var longestCommit = 0.0
  /// The seconds all commits took.
  private(set) var commitSeconds = 0.0

  init(interval: Double, facts: Int, now: Date = Date()) {
    self.interval = interval; self.facts = facts; last = now
  }

  /// Whether `uncommitted` facts waiting at `now` are due a commit.
  func due(uncommitted: Int, now: Date = Date()) -> Bool {
    uncommitted >= facts || (uncommitted > 0 && now.timeIntervalSince(last) >= interval)
  }

  /// When the next commit falls due if facts wait.
  var deadline: Date { last.addingTimeInterval(interval) }

  /// Until when a take may wait for more at `now`: the commit's deadline while facts wait, else
  /// `tick` from now (never a time already past, which would make the take return at once and
  /// the loop spin while nothing arrives).
  func waitLimit(uncommitted: Int, now: Date = Date(), tick: Double) -> Date {
    let next = now.addingTimeInterval(tick)
    return uncommitted > 0 ? min(deadline, next) : next
  }

  /// Runs `commit` when `uncommitted` facts are due one at `clock()`; true when it ran.
  mutating func commitIfDue(uncommitted: Int, clock: () -> Date = Date.init, _ commit: () throws -> Void) rethrows -> Bool {
    let now = clock()
    guard due(uncommitted: uncommitted, now: now) else { return false }
    try self.commit(began: now, clock: clock, commit)
    return true
  }

  /// Runs `commit`, begun at `began`, and notes it: the next is due `interval` after `began`.
  mutating func commit(began: Date, clock: () -> Date = Date.init, _ commit: () throws -> Void) rethrows {
    try commit()
    let took = max(0, clock().timeIntervalSince(began))
    last = began
    commits += 1
    commitSeconds += took
    longestCommit = max(longestCommit, took)
  }

  /// How long the commits took, for a log line: `each took 0.05 s on average, at most 0.40 s`.
  var brief: String {
    let mean = commits > 0 ? commitSeconds / Double(commits) : 0
    return "each took \(String(format: "%.2f", mean)) s on average, at most \(String(format: "%.2f", longestCommit)) s"
  }
}
