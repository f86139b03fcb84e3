import Foundation
import TestSupport
import Testing

/// Runs the built `podhist` binary and checks stdout, stderr and the exit status.
struct CLI {
  static var root: URL { repositoryRoot }
  static var binary: URL {
    let beside = Bundle.main.bundleURL.appending(path: "podhist")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return root.appending(path: ".build/debug/podhist")
  }
  let store: String

  init() throws {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    store = dir.appending(path: "podhist.db").path
  }

  /// A runner on the store at `store`.
  init(store: String) { self.store = store }

  struct Result { var status: Int32; var out: String; var err: String }

  @discardableResult
  /// `environment` is added to (and wins over) the runner's own: `["NO_COLOR": ""]` lifts its NO_COLOR.
  func run(_ args: [String], stdin: Data? = nil, direct: Bool = false, environment: [String: String] = [:]) throws -> Result {
    let p = Process()
    // `direct`: args[0] is the program to run (a shell that sets a limit, then runs podhist).
    p.executableURL = direct ? URL(filePath: args[0]) : CLI.binary
    p.arguments = direct ? Array(args.dropFirst()) : args
    var env = ProcessInfo.processInfo.environment
    env["PODHIST_STORE"] = store
    env["NO_COLOR"] = "1"
    env["PODHIST_TTY"] = nil
    env["COLUMNS"] = nil
    env.merge(environment) { $1 }
    p.environment = env
    p.currentDirectoryURL = CLI.root
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out; p.standardError = err; p.standardInput = inp
    try p.run()
    if let stdin { inp.fileHandleForWriting.write(stdin) }
    try inp.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
  }

  func fixture(_ p: String) -> String { CLI.root.appending(path: "fixtures/\(p)").path }

  /// `text` with its line breaks and runs of spaces as single spaces (help text wraps).
  static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
  }
}

@Suite struct CLITests {
  @Test func queryWithoutAStoreIsExitOne() throws {
    let cli = try CLI()
    let r = try cli.run(["get", "pods"])
    #expect(r.status == 1)
    #expect(r.err.contains("no podhist store"))
  }

  @Test func importThenBadImportLeavesTheStoreAsItWas() throws {
    let cli = try CLI()
    let good = try cli.run(["import", cli.fixture("cli/events.json")])
    #expect(good.status == 0)
    #expect(good.out.contains("2 facts added, 0 already known, 1 pods touched"))
    let before = try cli.run(["timeline", "web-7d9c", "-n", "shop", "-o", "json"]).out
    let verifyBefore = try cli.run(["verify"]).out

    for bad in ["cli/not-a-dump.txt"] {
      let r = try cli.run(["import", cli.fixture("cli/events.json"), cli.fixture(bad)])
      #expect(r.status == 2, "\(bad)")
      #expect(r.err.contains(cli.fixture(bad) + ":"), "\(bad): \(r.err)")
      #expect(r.err.split(separator: "\n").count == 1, "one-line error: \(r.err)")
    }
    let binary = try cli.run(["import", "-"], stdin: Data([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]))
    #expect(binary.status == 2)
    #expect(binary.err.contains("-: byte"))

    #expect(try cli.run(["timeline", "web-7d9c", "-n", "shop", "-o", "json"]).out == before)
    let verifyAfter = try cli.run(["verify"])
    #expect(verifyAfter.status == 0)
    #expect(verifyAfter.out == verifyBefore)

    // A cut document is not refused (issue 10): what parses is imported, the cut is reported.
    let cut = try cli.run(["import", cli.fixture("cli/bad-truncated.json")])
    #expect(cut.status == 0)
    #expect(cut.err.contains(cli.fixture("cli/bad-truncated.json") + ":15: warning: not one complete JSON/YAML input (input ends inside an object (truncated?))"), "\(cut.err)")
    #expect(cut.err.contains("cut after line 15"), "\(cut.err)")
  }

  @Test func reimportAddsNothing() throws {
    let cli = try CLI()
    try cli.run(["import", cli.fixture("cli/events.json")])
    let again = try cli.run(["import", cli.fixture("cli/events.json")])
    #expect(again.status == 0)
    #expect(again.out.contains("0 facts added, 2 already known"))
  }

  @Test func gzipAndStdinImport() throws {
    let cli = try CLI()
    let json = try Data(contentsOf: URL(filePath: cli.fixture("cli/events.json")))
    let r = try cli.run(["import", "-"], stdin: json)
    #expect(r.status == 0)
    #expect(r.out.contains("\n-: 2 facts added"))
    #expect(r.out.hasPrefix("store: \(cli.store) (new)\n"))
    // The same events gzipped (as `kubectl get events -o json | gzip` leaves them): already known.
    let gz = URL(filePath: cli.store).deletingLastPathComponent().appending(path: "events.json.gz")
    let p = Process()
    p.executableURL = URL(filePath: "/usr/bin/env")
    p.arguments = ["sh", "-c", "gzip -c '\(cli.fixture("cli/events.json"))' > '\(gz.path)'"]
    try p.run(); p.waitUntilExit()
    let z = try cli.run(["import", gz.path])
    #expect(z.status == 0, "\(z.err)")
    #expect(z.out.contains("0 facts added, 2 already known"))
    // A gzip stream cut short is bad input, named.
    let cut = URL(filePath: cli.store).deletingLastPathComponent().appending(path: "cut.json.gz")
    let bytes = try Data(contentsOf: gz)
    try bytes.prefix(bytes.count / 2).write(to: cut)
    let bad = try cli.run(["import", cut.path])
    #expect(bad.status == 2)
    #expect(bad.err.contains("cut.json.gz"))
  }

  @Test func emptyFileIsBadInput() throws {
    let cli = try CLI()
    let empty = URL(filePath: cli.store).deletingLastPathComponent().appending(path: "empty.txt")
    try Data().write(to: empty)
    let r = try cli.run(["import", empty.path])
    #expect(r.status == 2)
    #expect(r.err.contains("empty.txt:1: the input is empty"))
    // No store was left behind by the failed first import.
    #expect(!FileManager.default.fileExists(atPath: cli.store))
    #expect(try cli.run(["get", "pods"]).status == 1)
  }

  @Test func podPrefixesAndUsageErrors() throws {
    let cli = try CLI()
    try cli.run(["import", cli.fixture("cli/events.json")])
    let t = try cli.run(["timeline", "web", "-n", "shop"])
    #expect(t.status == 0)
    #expect(t.out.contains("BackOff x5"))
    #expect(t.out.contains("events.json:"))
    #expect(try cli.run(["timeline", "nothing-like-it"]).status == 1)
    #expect(try cli.run(["get", "pods", "-o", "xml"]).status == 2)
    #expect(try cli.run(["get", "pods", "--at", "yesterday-ish"]).status == 2)
    #expect(try cli.run(["import", "--format", "csv", cli.fixture("cli/events.json")]).status == 2)
  }

  /// `-o` and `--format` are closed sets: `--help` lists them, the parser refuses anything else.
  @Test(arguments: [(["get", "pods"], "table, wide, json, yaml, name, jsonpath=TEMPLATE, custom-columns=SPEC"), (["status", "p"], "text, json, yaml"),
                    (["why"], "text, wide, json, yaml, html"), (["timeline", "p"], "text, json, html"), (["restarts", "p"], "text, json")])
  func outputFormatsAreAClosedSet(_ verb: [String], _ values: String) throws {
    let cli = try CLI()
    let help = try cli.run(verb.filter { $0 != "p" } + ["--help"])
    #expect(CLI.oneLine(help.out).contains("(values: \(values);"), "\(help.out)")
    let typo = try cli.run(verb + ["-o", "jsno"])
    #expect(typo.status == 2)
    #expect(typo.err.contains("'jsno' is invalid for '-o <output>'"), "\(typo.err)")
  }

  @Test func inputFormatIsAClosedSet() throws {
    let cli = try CLI()
    let help = try cli.run(["import", "--help"])
    #expect(CLI.oneLine(help.out).contains("(values: auto, describe, events-table, events-json, events-yaml, pods-json, pods-yaml, pods-table;"),
            "\(help.out)")
    let typo = try cli.run(["import", "--format", "event-json", cli.fixture("cli/events.json")])
    #expect(typo.status == 2)
    #expect(typo.err.contains("'event-json' is invalid for '--format <format>'"), "\(typo.err)")
    #expect(try cli.run(["import", "--format", "events-json", cli.fixture("cli/events.json")]).status == 0)
  }

  @Test func verifyExitsThreeOnDamage() throws {
    let cli = try CLI()
    try cli.run(["import", cli.fixture("cli/events.json")])
    // Flip a byte inside the stored chunk with the sqlite3 C API through podhist's own module is not
    // reachable from here; use SQL on the file instead (the triggers are dropped first, as damage would).
    let sql = "DROP TRIGGER log_is_append_only_update; UPDATE log SET crc32 = crc32 + 1 WHERE id = 1;"
    let p = Process()
    p.executableURL = URL(filePath: "/usr/bin/env")
    p.arguments = ["sqlite3", cli.store, sql]
    try p.run(); p.waitUntilExit()
    try #require(p.terminationStatus == 0, "sqlite3 shell needed for this test")
    let r = try cli.run(["verify"])
    #expect(r.status == 3)
    #expect(r.err.contains("chunk 1"))
  }
}

/// TIME flags past every bound, and dumps with extreme numbers, given to the built binary: exit 2
/// with a sentence naming the flag, or an import that goes on; never a signal (132 is SIGILL, the
/// trap of an arithmetic overflow).
@Suite struct ExtremeNumberCLITests {
  static let flags = ["-99999999999999d", "+99999999999999d", "-9223372036854775807s", "+9223372036854775807s",
                      "-9223372036854775808", "99999999999999999999", "999999-01-01T00:00:00Z", "1e400", "-1e400",
                      "-10001y", "+10001y", "0000-01-01T00:00:00Z", "Fri, 03 Jul 999999 03:56:44 -0400"]

  @Test(arguments: ["--at", "--since", "--until"])
  func extremeTimeFlagsAreExitTwo(_ flag: String) throws {
    let cli = try CLI()
    try #require(try cli.run(["import", cli.fixture("cli/events.json")]).status == 0)
    for value in ExtremeNumberCLITests.flags {
      let args = flag == "--at" ? ["get", "pods", "-A", "\(flag)=\(value)"] : ["timeline", "web", "-n", "shop", "\(flag)=\(value)"]
      let r = try cli.run(args)
      #expect(r.status == 2, "\(flag)=\(value): exit \(r.status) \(r.err)")
      #expect(r.err.hasPrefix("podhist: \(flag): "), "\(flag)=\(value): \(r.err)")
    }
    // In range, the same flags still work.
    let ok = flag == "--at" ? ["get", "pods", "-A", "--at=-5m"] : ["timeline", "web", "-n", "shop", "\(flag)=-5m"]
    #expect(try cli.run(ok).status == 0)
  }

  @Test func extremeNumbersInADumpAreNotATrap() throws {
    let cli = try CLI()
    var text = try String(contentsOfFile: cli.fixture("demo/springboot-liveness.txt"), encoding: .utf8)
    for (from, to) in [("Restart Count:  3", "Restart Count:  9223372036854775807"), ("Exit Code:    143", "Exit Code:    99999999999999999999"),
                       ("85s", "99999999999999d"), ("(x4 over 84s)", "(x2147483647 over 84s)"), ("delay=5s", "delay=99999999999999d")] {
      text = text.replacingOccurrences(of: from, with: to)
    }
    let r = try cli.run(["import", "-"], stdin: Data(text.utf8))
    #expect(r.status == 0, "\(r.err)")
    let pod = "springboot-mybatis-deployment-dcd7f8bbf-9wfxl"
    for args in [["get", "pods", "-A"], ["why", "-A"], ["restarts", pod], ["timeline", pod], ["status", pod], ["why", pod]] {
      let q = try cli.run(args)
      #expect(q.status == 0, "\(args): exit \(q.status) \(q.err)")
    }
  }
}

/// A version-1 store (fixtures/store/v1.db) answers after its migration exactly as the
/// version-1 binary answered (fixtures/store/v1-expected.json: `get pods -A -o json`, then
/// `timeline -o json` of every pod, recorded with that release).
@Suite struct MigrationCLITests {
  @Test func aVersion1StoreAnswersAsBefore() throws {
    let cli = try CLI()
    try FileManager.default.copyItem(atPath: cli.fixture("store/v1.db"), toPath: cli.store)
    var out = try cli.run(["get", "pods", "-A", "-o", "json"]).out
    let pods = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
    let items = (pods?["items"] as? [[String: Any]]) ?? []
    #expect(items.count > 30)
    let names = items.compactMap { i in (i["namespace"] as? String).flatMap { ns in (i["name"] as? String).map { (ns, $0) } } }
      .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    for (ns, name) in names.sorted(by: { "\($0.0)/\($0.1)" < "\($1.0)/\($1.1)" }) {
      out += try cli.run(["timeline", "-n", ns, name, "-o", "json"]).out
    }
    let expected = try String(contentsOfFile: cli.fixture("store/v1-expected.json"), encoding: .utf8)
    #expect(out == expected)
    #expect(try cli.run(["verify"]).status == 0)
  }
}
