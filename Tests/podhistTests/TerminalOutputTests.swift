import Foundation
import Testing

/// Output on a terminal (forced with PODHIST_TTY=1, as `less -R` users do) against output piped:
/// colour in `get pods` and `timeline`, wrapping with a hanging indent, the import progress line,
/// and the candidates of an ambiguous pod name.
@Suite struct TerminalOutputTests {
  static let esc = "\u{1B}"
  /// A terminal 80 columns wide that allows colour.
  static let tty = ["PODHIST_TTY": "1", "NO_COLOR": "", "COLUMNS": "80"]

  /// `s` without ANSI colour codes.
  static func stripped(_ s: String) -> String {
    s.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
  }

  static func seeded() throws -> CLI {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("corpus/000-seed-springboot-liveness-probe-port/input.txt"),
                         cli.fixture("corpus/019-evicted-two-pods-mid-paste/input.txt")]).status == 0)
    return cli
  }

  @Test func getPodsColoursStatusOnATerminalOnly() throws {
    let cli = try TerminalOutputTests.seeded()
    let piped = try cli.run(["get", "pods", "-A"])
    let coloured = try cli.run(["get", "pods", "-A"], environment: TerminalOutputTests.tty)
    #expect(!piped.out.contains(TerminalOutputTests.esc))
    // Evicted is a failure (red); Running has no colour.
    #expect(coloured.out.contains("\(TerminalOutputTests.esc)[31mEvicted\(TerminalOutputTests.esc)[0m"), "\(coloured.out)")
    #expect(!coloured.out.contains("[31mRunning") && !coloured.out.contains("[33mRunning"))
    // The colour codes take no column: without them the table is the piped one, byte for byte.
    #expect(TerminalOutputTests.stripped(coloured.out) == piped.out)
    // NO_COLOR wins over a terminal.
    var noColor = TerminalOutputTests.tty
    noColor["NO_COLOR"] = "1"
    #expect(try cli.run(["get", "pods", "-A"], environment: noColor).out == piped.out)
  }

  @Test func timelineColoursWarningsAndStatusChanges() throws {
    let cli = try TerminalOutputTests.seeded()
    let piped = try cli.run(["timeline", "9wfxl"])
    var wide = TerminalOutputTests.tty
    wide["COLUMNS"] = "1000"
    let coloured = try cli.run(["timeline", "9wfxl"], environment: wide)
    let e = TerminalOutputTests.esc
    #expect(!piped.out.contains(e))
    #expect(coloured.out.contains("\(e)[33mWarning  Unhealthy x10"), "\(coloured.out)")
    #expect(coloured.out.contains("→ \(e)[33mPending\(e)[0m (ready 0/1, restarts 0)"), "\(coloured.out)")
    #expect(!coloured.out.contains("[33mNormal"))
    #expect(TerminalOutputTests.stripped(coloured.out) == piped.out)
  }

  @Test func whyAndTimelineWrapOnATerminalWithAHangingIndent() throws {
    let cli = try TerminalOutputTests.seeded()
    var narrow = TerminalOutputTests.tty
    narrow["NO_COLOR"] = "1"
    narrow["COLUMNS"] = "60"
    for args in [["why", "9wfxl"], ["timeline", "9wfxl"]] {
      let piped = try cli.run(args).out
      let wrapped = try cli.run(args, environment: narrow).out
      #expect(piped.split(separator: "\n").contains { $0.count > 60 }, "piped output is never wrapped")
      #expect(wrapped != piped)
      for line in wrapped.split(separator: "\n") where line.count > 60 {
        // Only a single word too long for any line (a path) runs over.
        #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "\(args): \(line)")
      }
      // Nothing is lost or reordered: the same words in the same order.
      #expect(CLI.oneLine(wrapped) == CLI.oneLine(piped), "\(args)")
    }
    // A numbered step continues under its text, after "  1. ".
    let why = try cli.run(["why", "9wfxl"], environment: narrow).out.split(separator: "\n", omittingEmptySubsequences: false)
    let step = try #require(why.firstIndex { $0.hasPrefix("  1. ") })
    #expect(why[step].count <= 60)
    #expect(why[step + 1].hasPrefix("     ") && !why[step + 1].hasPrefix("      "), "\(why[step + 1])")
    // A timeline's Event line continues four columns in.
    let timeline = try cli.run(["timeline", "9wfxl"], environment: narrow).out.split(separator: "\n")
    let scheduled = try #require(timeline.firstIndex { $0.contains("Normal  Scheduled") })
    #expect(timeline[scheduled + 1].hasPrefix("    ") && !timeline[scheduled + 1].hasPrefix("     "), "\(timeline[scheduled + 1])")
  }

  @Test func importShowsProgressOnATerminalOnlyAndErasesIt() throws {
    let piped = try CLI()
    let input = piped.fixture("corpus/000-seed-springboot-liveness-probe-port/input.txt")
    let quiet = try piped.run(["import", input])
    #expect(quiet.status == 0)
    #expect(!quiet.err.contains("\r") && !quiet.err.contains("importing"), "\(quiet.err)")
    let forced = try CLI()
    let shown = try forced.run(["import", input], environment: TerminalOutputTests.tty)
    #expect(shown.status == 0)
    let e = TerminalOutputTests.esc
    #expect(shown.err.hasPrefix("\r\(e)[Kimporting input.txt: "), "\(shown.err.debugDescription)")
    // One batch: drawn once, when the whole file was read.
    let size = try #require(try FileManager.default.attributesOfItem(atPath: input)[.size] as? NSNumber).intValue
    let kB = (size + 999) / 1000
    #expect(shown.err.contains("input.txt: \(kB) kB of \(kB) kB (100%), 10 facts, 2 pods"), "\(shown.err.debugDescription)")
    // The line is erased at the end and never longer than the terminal.
    #expect(shown.err.hasSuffix("\r\(e)[K"))
    for drawn in shown.err.components(separatedBy: "\r\(e)[K") { #expect(drawn.count < 80) }
    // Its summary wraps to the terminal (the notes on how ages were resolved run to 190 columns),
    // each note continuing under itself; piped, it is not wrapped. The same words either way.
    let (wrapped, plain) = (shown.out.replacingOccurrences(of: forced.store, with: "S"), quiet.out.replacingOccurrences(of: piped.store, with: "S"))
    #expect(CLI.oneLine(wrapped) == CLI.oneLine(plain))
    #expect(plain.split(separator: "\n").contains { $0.count > 80 }, "\(plain)")
    let lines = wrapped.split(separator: "\n")
    for line in lines where line.count > 80 { #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "\(line)") }
    let note = try #require(lines.firstIndex { $0.hasPrefix("  lines 5–61 (describe): ") })
    #expect(lines[note + 1].hasPrefix("      ") && !lines[note + 1].hasPrefix("       "), "\(wrapped)")
  }

  @Test func podNamesExactThenPrefixThenSuffixAndAtMostTenCandidates() throws {
    let cli = try CLI()
    var table = "NAME                READY   STATUS             RESTARTS   AGE\n"
    for i in 1...12 { table += String(format: "web-7d9c-abc%02d      1/1     Running            0          5m\n", i) }
    table += "web-7d9c-abc1       0/1     CrashLoopBackOff   3          5m\n"
    #expect(try cli.run(["import", "-"], stdin: Data(table.utf8)).status == 0)
    // Exact first, though it is also a prefix of web-7d9c-abc10..12.
    #expect(try cli.run(["status", "web-7d9c-abc1"]).out.hasPrefix("Name:           web-7d9c-abc1\n"))
    // A unique prefix, a unique suffix.
    #expect(try cli.run(["status", "web-7d9c-abc11"]).out.hasPrefix("Name:           web-7d9c-abc11\n"))
    #expect(try cli.run(["status", "bc07"]).out.hasPrefix("Name:           web-7d9c-abc07\n"))
    // Ambiguous: ten candidates and the count of the rest, exit 2.
    let many = try cli.run(["why", "web"])
    #expect(many.status == 2)
    // The table named no namespace: each candidate says so (schema/namespace-unknown.md).
    #expect(many.err.contains("\"web\" matches 13 pods: web-7d9c-abc01 (namespace unknown), "), "\(many.err)")
    #expect(many.err.contains("web-7d9c-abc1 (namespace unknown) and 3 more"), "\(many.err)")
    #expect(!many.err.contains("abc12"))
    let few = try cli.run(["why", "web-7d9c-abc0"])
    #expect(few.status == 2)
    #expect(few.err.contains("matches 9 pods") && !few.err.contains("more"), "\(few.err)")
  }
}
