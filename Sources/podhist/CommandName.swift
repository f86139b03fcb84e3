import Foundation

/// How podhist was invoked: as itself, or as a kubectl plugin (`kubectl podhist`), and what a mistyped verb meant.
enum CommandName {
  /// `kubectl podhist` when run through kubectl's plugin mechanism (an executable named `kubectl-podhist`), else `podhist`.
  static var shown: String {
    let invoked = (CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent }) ?? "podhist"
    return invoked.hasPrefix("kubectl-") ? "kubectl podhist" : "podhist"
  }

  /// An error sentence when the first argument is a word that names no verb ("did you mean why?"), else nil.
  static func unknownSubcommand(in arguments: [String], known: [String]) -> String? {
    guard arguments.count > 1 else { return nil }
    let word = arguments[1]
    guard !word.hasPrefix("-"), !known.contains(word) else { return nil }
    let ranked = known.map { (name: $0, distance: editDistance(word.lowercased(), $0)) }
      .filter { $0.distance <= max(1, $0.name.count / 3) || $0.name.hasPrefix(word.lowercased()) }
      .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
    var message = "\(shown): unknown command \"\(TerminalSafe.word(word))\""
    if let best = ranked.first { message += "; did you mean \(best.name)?" }
    return message + "\nSee '\(shown) --help' for the commands."
  }

  /// Levenshtein distance between two short words.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}

/// Keeps a word typed on the command line from carrying control characters to the terminal.
enum TerminalSafe {
  /// The word with every control character shown as `\xNN`.
  static func word(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
      if u.value < 0x20 || (0x7f...0x9f).contains(u.value) { out += String(format: "\\x%02x", u.value) } else { out.unicodeScalars.append(u) }
    }
    return out
  }
}
