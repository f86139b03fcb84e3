import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// A dump line an author quotes again in prose below the dump (seed 001 line 306 quotes line 275,
/// the container's `Liveness:` line, cut mid-word) is skipped with a note naming the line it
/// copies, not a warning; a damaged line that copies nothing read is still a warning.
@Suite struct CopiedLineTests {
  @Test func seed001QuotedLivenessLineIsANoteNamingLine275() throws {
    let r = try importText(try fixtureText("seeds/001_245269ccbda382b5.txt"), source: "001.txt")
    #expect(!r.report.warnings.contains { $0.line == 306 })
    #expect(r.report.notes.contains("line 306: skipped a cut-short copy of line 275, which was read with the describe it belongs to"))
    // Line 275 itself was read: the liveness probe on port 18082, period 5s.
    let probe = try #require(r.statuses.compactMap { $0.snapshot?.containers.first?.spec.liveness }.first ?? nil)
    #expect(probe.portNumber == 18082 && probe.periodSeconds == 5)
  }

  static func describeThen(_ tail: [String]) throws -> TextImportResult {
    let describe = try fixtureText("manifests/describe-9wfxl.txt")
    return try importText(describe + "\nAs the describe shows, the probe failed three times:\n\n" + tail.joined(separator: "\n") + "\n")
  }

  @Test func aWholeCopyIsANoteToo() throws {
    let r = try Self.describeThen(["  Restart Count:  3"])
    #expect(r.report.warnings.isEmpty)
    let note = try #require(r.report.notes.first { $0.contains("copy of line") })
    #expect(note.hasSuffix("skipped a copy of line 29, which was read with the describe it belongs to"))
  }

  @Test func aDamagedLineThatCopiesNothingReadIsStillAWarning() throws {
    // Same key, another probe: not in the describe above, so something may have been lost.
    let r = try Self.describeThen(["  Liveness:       http-get http://:8300/health delay=5s"])
    #expect(r.report.warnings.map(\.message) == ["skipped a line that is not part of any describe, events or pods output: Liveness:       http-get http://:8300/health delay=5s"])
    #expect(!r.report.notes.contains { $0.contains("copy of line") })
  }

  @Test func aShortFragmentIsNotTakenForACopy() throws {
    // `Restart Count:` begins line 29 of the describe, but is too short to tell a quote from a
    // line of another dump whose value was lost.
    let r = try Self.describeThen(["  Restart Count:"])
    #expect(!r.report.notes.contains { $0.contains("copy of line") })
    #expect(r.report.warnings.map(\.line) == [61])
  }
}
