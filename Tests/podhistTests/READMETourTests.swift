import Foundation
import TestSupport
import Testing

/// The README's tour, run verbatim: its commands as written, in a scratch folder beside the fixtures.
@Suite struct READMETourTests {
  /// The first `sh` block under `heading` in README.md, comments and all.
  static func block(under heading: String) throws -> [String] {
    let readme = try String(contentsOf: repositoryRoot.appending(path: "README.md"), encoding: .utf8)
    let lines = readme.components(separatedBy: "\n")
    guard let heading = lines.firstIndex(of: heading),
          let open = lines[heading...].firstIndex(of: "```sh"),
          let close = lines[(open + 1)...].firstIndex(of: "```") else { return [] }
    return Array(lines[(open + 1)..<close])
  }

  /// The `sh` block under `## A tour`.
  static func tourBlock() throws -> [String] { try block(under: "## A tour") }

  @Test func theTourBlockIsThereAndUsesOnlyPodhist() throws {
    let block = try Self.tourBlock()
    #expect(block.count >= 10, "README.md has no tour block under ## A tour")
    for line in block where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      #expect(line.hasPrefix("podhist "), "a tour line that is not a podhist command: \(line)")
    }
  }

  /// Runs `lines` in one `sh` in a fresh scratch folder (holding `fixtures`, a link to the
  /// repository's, and `files`), as a reader would type them: it stops at the first command that
  /// fails and says which. Returns the scratch folder (removed by the caller), stdout, the status.
  static func run(_ lines: [String], files: [String: URL] = [:], quiet: Bool = true) throws -> (scratch: URL, out: String, status: Int32) {
    let scratch = FileManager.default.temporaryDirectory.appending(path: "podhist-tour-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: scratch.appending(path: "fixtures"),
                                               withDestinationURL: repositoryRoot.appending(path: "fixtures"))
    for (name, source) in files { try FileManager.default.copyItem(at: source, to: scratch.appending(path: name)) }
    var script = "set -u\n"
    for (i, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      script += "\(line) \(quiet ? ">/dev/null " : "")2>\"$TOUR_ERR\" || { echo \"line \(i + 1) exit $?: $(cat \"$TOUR_ERR\")\"; exit 1; }\n"
    }
    let p = Process()
    p.executableURL = URL(filePath: "/bin/sh")
    p.arguments = ["-c", script]
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["PODHIST_STORE"] = nil
    env["TOUR_ERR"] = scratch.appending(path: "stderr.txt").path
    env["NO_COLOR"] = "1"
    p.environment = env
    p.currentDirectoryURL = scratch
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (scratch, String(decoding: o, as: UTF8.self), p.terminationStatus)
  }

  @Test func everyTourCommandExitsZeroAsWritten() throws {
    let r = try Self.run(try Self.tourBlock())
    defer { try? FileManager.default.removeItem(at: r.scratch) }
    #expect(r.status == 0, "\(r.out)")
    // The tour's store is the demo's, kept where the reader stands.
    #expect(FileManager.default.fileExists(atPath: r.scratch.appending(path: "podhist.db").path))
  }

  /// "Getting data from a cluster": every file its kubectl lines save is one its podhist lines
  /// import, and those lines, run verbatim on what the kubectl lines would have saved
  /// (fixtures/cli/cluster-recipe: a synthetic cluster's Events List, Pods List and a later watch,
  /// a real describe), import every file and leave a store `why -A` reads.
  @Test func theClusterRecipeImportsWhatItSaves() throws {
    let block = try Self.block(under: "## Getting data from a cluster")
    let kubectl = block.filter { $0.hasPrefix("kubectl ") }
    let podhist = block.filter { $0.hasPrefix("podhist ") }
    #expect(kubectl.count >= 3 && podhist.count >= 1, "\(block)")
    #expect(block.allSatisfy { $0.isEmpty || $0.hasPrefix("kubectl ") || $0.hasPrefix("podhist ") }, "\(block)")
    // What each kubectl line saves: the word after its `>`.
    let saved = kubectl.compactMap { line -> String? in
      let words = line.split(separator: "#", maxSplits: 1)[0].split(separator: " ").map(String.init)
      guard let gt = words.firstIndex(of: ">"), gt + 1 < words.count else { return nil }
      return words[gt + 1]
    }
    #expect(saved.count == kubectl.count, "a kubectl line that saves nothing: \(kubectl)")
    #expect(kubectl.contains { $0.contains("get events -A -o json") } && kubectl.contains { $0.contains("get pods -A -o json") }
            && kubectl.contains { $0.contains("describe pod") }, "\(kubectl)")
    let imported = Set(podhist.flatMap { $0.split(separator: "#", maxSplits: 1)[0].split(separator: " ").map(String.init) })
    for file in saved { #expect(imported.contains(file), "\(file) is saved but never imported") }
    let bundled = repositoryRoot.appending(path: "fixtures/cli/cluster-recipe")
    let files = Dictionary(uniqueKeysWithValues: saved.map { ($0, bundled.appending(path: $0)) })
    let r = try Self.run(podhist + ["podhist why -A --summary"], files: files, quiet: false)
    defer { try? FileManager.default.removeItem(at: r.scratch) }
    #expect(r.status == 0, "\(r.out)")
    for file in saved {
      let said = r.out.split(separator: "\n").first { $0.hasPrefix("\(file): ") }.map(String.init) ?? ""
      #expect(said.range(of: #"^\S+: [1-9][0-9]* facts added"#, options: .regularExpression) != nil, "\(file): \(r.out)")
    }
    #expect(r.out.contains("events.json: 49 facts added") && r.out.contains("(events-json)"), "\(r.out)")
    #expect(r.out.contains("pods.json: 7 facts added") && r.out.contains("(pods-json)"), "\(r.out)")
    #expect(r.out.contains("describe.txt: 7 facts added") && r.out.contains("(describe)"), "\(r.out)")
    // coredns-wlrpgfzj96-xrspq: Unhealthy x6, Killing x2, BackOff (the watch: x114): a liveness crash loop.
    #expect(r.out.contains("CrashLoop.LivenessProbe 1"), "\(r.out)")
  }
}
