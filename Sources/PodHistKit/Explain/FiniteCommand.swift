import Foundation

/// Whether a container's command (command + args, as declared or observed) ends by itself: a
/// program that does its work and exits (`sleep 30s`, `echo hello`, `date`, `sh -c "echo a; sleep
/// 5"`), as opposed to a server or a loop. Under restartPolicy Always such a container is
/// restarted after every exit and backs off — CrashLoopBackOff with nothing failing.
enum FiniteCommand {
  /// The hint of a cause read from a command that ends by itself.
  static let hint: Narrative = "This container finishes; a Job or restartPolicy OnFailure/Never may be meant, or a command that keeps running (a Deployment's pods must keep running)."

  /// Programs that print or compute something and exit.
  static let oneShot: Set<String> = [
    "echo", "printf", "true", "date", "hostname", "uname", "whoami", "id", "env", "printenv", "pwd", "ls", "cat",
    "nslookup", "dig", "wget", "curl", "touch", "mkdir", "cp", "mv", "rm", "ln", "chmod", "chown", "df",
    "du", "free", "uptime", "ps", "nproc", "exit",
  ]

  /// The part of the command that ends (`sleep 30s`), or nil when some part may run on: an
  /// unknown program, a loop, `sleep infinity`, `tail -f`, a pipeline into a server.
  static func ending(_ argv: [String]) -> String? {
    guard !argv.isEmpty, argv.joined().count <= 400 else { return nil }
    let program = basename(argv[0])
    if ["sh", "bash", "ash", "dash", "zsh"].contains(program) {
      guard let c = argv.firstIndex(of: "-c"), c + 1 < argv.count, c + 2 >= argv.count else { return nil }
      return script(argv[c + 1])
    }
    return simple(argv)
  }

  /// A `sh -c` script whose every command ends.
  static func script(_ text: String) -> String? {
    let lowered = text.lowercased()
    if ["while", "until", "for ", "tail -f", "exec ", "infinity"].contains(where: lowered.contains) { return nil }
    if lowered.replacingOccurrences(of: "&&", with: "").contains("&") || lowered.contains("|") && !lowered.contains("||") { return nil }
    let parts = text.replacingOccurrences(of: "&&", with: ";").replacingOccurrences(of: "||", with: ";")
      .replacingOccurrences(of: "\n", with: ";").split(separator: ";")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    guard !parts.isEmpty else { return nil }
    for p in parts {
      let words = p.split(separator: " ").map(String.init)
      guard simple(words) != nil else { return nil }
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// One command with its arguments: a one-shot program, or `sleep` for a finite time.
  static func simple(_ words: [String]) -> String? {
    guard let first = words.first else { return nil }
    let program = basename(first)
    if program == "sleep" {
      guard words.count >= 2, words.dropFirst().allSatisfy(isFiniteDuration) else { return nil }
      return words.joined(separator: " ")
    }
    guard oneShot.contains(program), !words.contains("-f"), !words.contains("-t"), !words.contains("|") else { return nil }
    return words.joined(separator: " ")
  }

  /// `30`, `30s`, `5m`, `1.5h`, `2d` (GNU sleep's forms); not `infinity`.
  static func isFiniteDuration(_ s: String) -> Bool {
    var t = Substring(s)
    if let last = t.last, "smhd".contains(last) { t = t.dropLast() }
    guard !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "." }), let v = Double(t) else { return false }
    return v.isFinite && v < 1e9
  }

  static func basename(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
