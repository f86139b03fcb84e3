import Foundation
import TestSupport
import Testing

/// The README's tour, run verbatim: its commands as written, in a scratch folder beside the fixtures.
@Suite struct READMETourTests {
  /// The `sh` block under `## A tour` in README.md, comments and all.
  static func tourBlock() throws -> [String] {
    let readme = try String(contentsOf: repositoryRoot.appending(path: "README.md"), encoding: .utf8)
    let lines = readme.components(separatedBy: "\n")
    guard let heading = lines.firstIndex(of: "## A tour"),
          let open = lines[heading...].firstIndex(of: "```sh"),
          let close = lines[(open + 1)...].firstIndex(of: "```") else { return [] }
    return Array(lines[(open + 1)..<close])
  }

  @Test func theTourBlockIsThereAndUsesOnlyPodhist() throws {
    let block = try Self.tourBlock()
    #expect(block.count >= 10, "README.md has no tour block under ## A tour")
    for line in block where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      #expect(line.hasPrefix("podhist "), "a tour line that is not a podhist command: \(line)")
    }
  }

  @Test func everyTourCommandExitsZeroAsWritten() throws {
    let block = try Self.tourBlock()
    let scratch = FileManager.default.temporaryDirectory.appending(path: "podhist-tour-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    try FileManager.default.createSymbolicLink(at: scratch.appending(path: "fixtures"),
                                               withDestinationURL: repositoryRoot.appending(path: "fixtures"))
    // One shell, as a reader would type it: stop at the first command that fails and say which.
    var script = "set -u\n"
    for (i, line) in block.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      script += "\(line) >/dev/null 2>\"$TOUR_ERR\" || { echo \"line \(i + 1) exit $?: $(cat \"$TOUR_ERR\")\"; exit 1; }\n"
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
    #expect(p.terminationStatus == 0, "\(String(decoding: o, as: UTF8.self))")
    // The tour's store is the demo's, kept where the reader stands.
    #expect(FileManager.default.fileExists(atPath: scratch.appending(path: "podhist.db").path))
  }
}
