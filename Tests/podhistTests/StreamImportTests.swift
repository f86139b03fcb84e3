import Foundation
import TestSupport
import Testing

/// `podhist import -` on a stream that does not end when the test looks: the built binary reads a
/// pipe the test writes to slowly, commits as it goes, and keeps what it read on SIGINT.
struct StreamImportTests {
  /// A `podhist import -` running with its standard input a pipe the test writes to.
  final class Follow {
    let process = Process()
    let input = Pipe()
    let out: URL, err: URL
    init(_ cli: CLI, _ args: [String] = []) throws {
      let dir = URL(filePath: cli.store).deletingLastPathComponent()
      out = dir.appending(path: "follow-\(UUID().uuidString).out")
      err = dir.appending(path: "follow-\(UUID().uuidString).err")
      FileManager.default.createFile(atPath: out.path, contents: nil)
      FileManager.default.createFile(atPath: err.path, contents: nil)
      process.executableURL = CLI.binary
      process.arguments = ["import"] + args + ["-"]
      var env = ProcessInfo.processInfo.environment
      env["PODHIST_STORE"] = cli.store
      process.environment = env
      process.standardInput = input
      process.standardOutput = try FileHandle(forWritingTo: out)
      process.standardError = try FileHandle(forWritingTo: err)
      try process.run()
    }
    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
    func write(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }
    /// Closes the pipe (the stream ends) and waits for the exit status.
    func end() throws -> Int32 {
      try input.fileHandleForWriting.close()
      process.waitUntilExit()
      return process.terminationStatus
    }
    /// Sends `signal` with the pipe still open and waits for the exit status.
    func stop(_ signal: Int32) -> Int32 {
      kill(process.processIdentifier, signal)
      process.waitUntilExit()
      return process.terminationStatus
    }
    var stdout: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }
  }

  /// The watch events of the recording scenario, one per line (`--output-watch-events` JSON).
  static let lines: [String] = {
    (try? String(contentsOfFile: RecordTests.streamFile, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
  }()

  /// What importing `lines` as a file (after `before`, another file) gives: facts, and `get pods -A -o json`.
  static func fileImport(_ lines: [String], after before: [String]? = nil) throws -> (facts: Int, pods: String) {
    let cli = try CLI()
    for (i, part) in [before, lines].compactMap({ $0 }).enumerated() {
      let file = URL(filePath: cli.store).deletingLastPathComponent().appending(path: "part\(i).jsonl").path
      try (part.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
      let r = try cli.run(["import", file])
      #expect(r.status == 0, "\(r.err)")
    }
    return (try RecordTests.facts(cli), try cli.run(["get", "pods", "-A", "-o", "json"]).out)
  }

  @Test func aSlowWatchStreamIsCommittedAsItComesAndEndsAsTheFileImportDoes() throws {
    #expect(Self.lines.count > 300)
    let whole = try Self.fileImport(Self.lines)
    let cli = try CLI()
    let follow = try Follow(cli)
    // A first part, then the stream pauses: another process sees it within two seconds.
    for line in Self.lines.prefix(120) { follow.write(line + "\n") }
    let firstPart = try Self.fileImport(Array(Self.lines.prefix(120))).facts
    let seen = try RecordTests.eventually(2) { try RecordTests.facts(cli) == firstPart }
    let visible = try RecordTests.facts(cli)
    #expect(seen, "\(visible) facts visible, \(firstPart) written")
    #expect(follow.process.isRunning)
    // The rest trickles in.
    for (i, line) in Self.lines.dropFirst(120).enumerated() {
      follow.write(line + "\n")
      if i % 60 == 59 { Thread.sleep(forTimeInterval: 0.3) }
    }
    #expect(try follow.end() == 0, "\(follow.stderr)")
    #expect(follow.stdout.contains("-: \(whole.facts) facts added, 0 already known"), "\(follow.stdout)")
    #expect(try RecordTests.facts(cli) == whole.facts)
    #expect(try cli.run(["verify"]).status == 0)
    #expect(try cli.run(["get", "pods", "-A", "-o", "json"]).out == whole.pods)
  }

  @Test func sigintKeepsWhatWasReadAndTheRestComesWithoutDuplicates() throws {
    let cli = try CLI()
    let follow = try Follow(cli)
    let part = Array(Self.lines.prefix(200))
    for line in part { follow.write(line + "\n") }
    // Half an object, then SIGINT: what came before it is kept, the half is not.
    let half = Self.lines[200]
    follow.write(String(half.prefix(half.count / 2)))
    let expected = try Self.fileImport(part).facts
    _ = try RecordTests.eventually(3) { try RecordTests.facts(cli) == expected }
    #expect(follow.stop(SIGINT) == 0, "\(follow.stderr)")
    #expect(try RecordTests.facts(cli) == expected)
    #expect(follow.stdout.contains("stopped in the middle of an object"), "\(follow.stdout)")
    #expect(try cli.run(["verify"]).status == 0)
    // The whole stream again: only what was missing is added (each import is a dump of its own,
    // so the answer is that of the two files imported one after the other).
    let whole = try Self.fileImport(Self.lines, after: part)
    let again = try cli.run(["import", "-"], stdin: Data((Self.lines.joined(separator: "\n") + "\n").utf8))
    #expect(again.status == 0, "\(again.err)")
    #expect(again.out.contains("\(whole.facts - expected) facts added, \(expected) already known"), "\(again.out)")
    #expect(try cli.run(["get", "pods", "-A", "-o", "json"]).out == whole.pods)
  }

  @Test func commitEveryCommitsAtEachPauseOfTheStream() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", "-", "--commit-every", "0"], stdin: Data()).status == 2)
    let whole = try Self.fileImport(Self.lines)
    let follow = try Follow(cli, ["--commit-every", "0.05"])
    // Eight parts with a pause after each: eight commits at least, each its own chunk or more.
    let parts = stride(from: 0, to: Self.lines.count, by: Self.lines.count / 8 + 1).map { Array(Self.lines[$0..<min($0 + Self.lines.count / 8 + 1, Self.lines.count)]) }
    for part in parts {
      follow.write(part.joined(separator: "\n") + "\n")
      Thread.sleep(forTimeInterval: 0.4)
    }
    #expect(try follow.end() == 0, "\(follow.stderr)")
    let verify = try cli.run(["verify"]).out
    let chunks = verify.range(of: #"\d+ chunks"#, options: .regularExpression).flatMap { Int(verify[$0].split(separator: " ")[0]) } ?? 0
    #expect(chunks >= parts.count, "\(verify)")
    #expect(try RecordTests.facts(cli) == whole.facts)
    #expect(try cli.run(["get", "pods", "-A", "-o", "json"]).out == whole.pods)
  }

  @Test func sigtermBeforeAnythingArrivedExitsCleanly() throws {
    let cli = try CLI()
    let follow = try Follow(cli)
    Thread.sleep(forTimeInterval: 0.3)
    #expect(follow.stop(SIGTERM) == 0, "\(follow.stderr)")
  }

  @Test func prettyPrintedAndYAMLWatchesAreFollowedObjectByObject() throws {
    // `kubectl get events -w -o json`: indented objects one after another.
    let events = Self.lines.filter { $0.contains(#""kind": "Event""#) }.prefix(40).compactMap { line -> String? in
      guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let obj = o["object"],
            let d = try? JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted, .sortedKeys]) else { return nil }
      return String(decoding: d, as: UTF8.self) + "\n"
    }
    #expect(events.count == 40)
    let cli = try CLI()
    let follow = try Follow(cli)
    for e in events.prefix(20) { follow.write(e) }
    let early = try RecordTests.eventually(2.5) { try RecordTests.facts(cli) >= 19 }
    let earlyCount = try RecordTests.facts(cli)
    #expect(early, "\(earlyCount) facts visible")
    for e in events.dropFirst(20) { follow.write(e) }
    #expect(try follow.end() == 0, "\(follow.stderr)")
    #expect(follow.stdout.contains("(events-json)"), "\(follow.stdout)")

    // `kubectl get events -w -o yaml`: documents between `---` lines.
    let yaml = try String(contentsOf: repositoryRoot.appending(path: "fixtures/structured/events-multidoc.yaml"), encoding: .utf8)
    let docs = yaml.components(separatedBy: "---\n")
    #expect(docs.count == 3)
    let cli2 = try CLI()
    let follow2 = try Follow(cli2)
    follow2.write(docs[0] + "---\n")
    #expect(try RecordTests.eventually(2.5) { try RecordTests.facts(cli2) == 1 })
    #expect(follow2.process.isRunning)
    follow2.write(docs[1] + "---\n" + docs[2])
    #expect(try follow2.end() == 0, "\(follow2.stderr)")
    #expect(follow2.stdout.contains("-: 3 facts added"), "\(follow2.stdout)")
  }

  @Test func badInputInAStreamNamesItsLineAndKeepsOnlyEarlierCommits() throws {
    let cli = try CLI()
    let follow = try Follow(cli)
    for line in Self.lines.prefix(50) { follow.write(line + "\n") }
    let expected = try Self.fileImport(Array(Self.lines.prefix(50))).facts
    #expect(try RecordTests.eventually(3) { try RecordTests.facts(cli) == expected })
    follow.write("{\"type\": \"ADDED\", \"object\": {\"kind\": \"Event\",, }}\n")
    let status = try follow.end()
    #expect(status != 0)
    #expect(follow.stderr.contains("-:51:"), "\(follow.stderr)")
    #expect(try RecordTests.facts(cli) == expected)
    #expect(try cli.run(["verify"]).status == 0)
  }
}
