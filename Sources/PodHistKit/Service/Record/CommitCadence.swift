import Foundation

/// When a recording commits: every `interval` seconds while facts wait, or at once when `facts`
/// wait, whichever comes first. Asked after every appended object, so that a backlog (a loaded
/// machine, a List of many pages, a pipe that never pauses) is still committed every second.
struct CommitCadence {
  /// Seconds between commits while facts wait.
  var interval: Double
  /// Facts that make a commit due at once.
  var facts: Int
  /// When the last commit was made (or the recording started).
  private(set) var last: Date

  init(interval: Double, facts: Int, now: Date = Date()) {
    self.interval = interval; self.facts = facts; last = now
  }

  /// Whether `uncommitted` facts waiting at `now` are due a commit.
  func due(uncommitted: Int, now: Date = Date()) -> Bool {
    uncommitted >= facts || (uncommitted > 0 && now.timeIntervalSince(last) >= interval)
  }

  /// When the next commit falls due if facts wait (for a take that waits for more).
  var deadline: Date { last.addingTimeInterval(interval) }

  /// Notes a commit made at `now`.
  mutating func committed(now: Date = Date()) { last = now }
}
