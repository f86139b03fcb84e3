import Foundation

/// The regular expressions of the Event reading and the explain rules, each compiled once per
/// thread: Swift parses a regex literal again every time it is evaluated, and `why -A` evaluates
/// them for every pod. A `Regex` is not Sendable, so every thread (`why -A` explains pods on
/// several) keeps its own.
enum Patterns {
  /// The regex `make` builds, made once on this thread under `key`.
  static func cached<Match>(_ key: String, _ make: () -> Regex<Match>) -> Regex<Match> {
    let store = Thread.current.threadDictionary
    let slot = "podhist.regex." + key
    if let box = store[slot] as? Box<Match> { return box.regex }
    let regex = make()
    store[slot] = Box(regex)
    return regex
  }

  private final class Box<Match> {
    let regex: Regex<Match>
    init(_ regex: Regex<Match>) { self.regex = regex }
  }
}
