import Foundation
import TestSupport
import Testing

/// Extreme numbers through the built binary: each numeric field of one fixture per input format
/// is replaced, everywhere it occurs in the file, by each extreme value; the copy is imported into
/// a fresh store and queried (`get pods -A -o json`, `why -A -o json`). Every run must end with
/// exit 0 or 2 (a refused input, a warning kept the rest): never a signal, never a crash status.
/// The TIME flags take the same values. (ExtremeNumberTests does this in process over templates;
/// this test starts from the real fixtures and checks the exit statuses.)
@Suite struct ExtremeFieldCLITests {
  /// A plain count, code or version: `0`, `-1`, Int64.max, past UInt64, a float past Double, 10^14.
  static let numbers = ["0", "-1", "9223372036854775807", "99999999999999999999", "1e400", "99999999999999"]
  /// An age as kubectl prints it.
  static let ages = ["0s", "-1s", "9223372036854775807s", "99999999999999999999s", "1e400s", "99999999999999d"]
  /// A timestamp's year.
  static let years = ["999999", "0000", "99999999999999999999"]
  /// A resource quantity's digits (the unit after them stays).
  static let quantities = ["0", "-1", "9223372036854775807", "99999999999999999999", "1e400"]

  /// One numeric field of one fixture: the first capture group of `pattern` is the number.
  struct Field: Sendable, CustomStringConvertible {
    var fixture: String
    var name: String
    var pattern: String
    var values: [String]
    var description: String { "\(fixture) \(name)" }
  }

  static let describe = "describe/two-pods-probes-wrapped.txt"
  static let fields: [Field] = [
    Field(fixture: describe, name: "Restart Count", pattern: #"Restart Count:\s+(\d+)"#, values: numbers),
    Field(fixture: describe, name: "Exit Code", pattern: #"Exit Code:\s+(\d+)"#, values: numbers),
    Field(fixture: describe, name: "probe seconds", pattern: #"(?:delay|timeout|period)=(\d+)s"#, values: numbers),
    Field(fixture: describe, name: "probe thresholds", pattern: #"#(?:success|failure)=(\d+)"#, values: numbers),
    Field(fixture: describe, name: "grace period", pattern: #"Termination Grace Period:\s+(\d+)s"#, values: numbers),
    Field(fixture: describe, name: "priority", pattern: #"Priority:\s+(\d+)"#, values: numbers),
    Field(fixture: describe, name: "event age", pattern: #"(?m)^  (?:Normal|Warning)\s+\S+\s+(\d+m\d+s|\d+[smhd])"#, values: ages),
    Field(fixture: describe, name: "xN", pattern: #"\(x(\d+) over"#, values: numbers),
    Field(fixture: describe, name: "over T", pattern: #"over (\d+m\d+s|\d+[smhd])\)"#, values: ages),
    Field(fixture: describe, name: "year", pattern: #"Mar (\d{4}) "#, values: years),
    Field(fixture: describe, name: "quantity", pattern: #"(?:cpu|memory):\s+(\d+)(?:m|Mi)"#, values: quantities),
    Field(fixture: "tables/get-events-1.14.txt", name: "LAST SEEN", pattern: #"(?m)^(\d+m\d+s|\d+[smhd])\s"#, values: ages),
    Field(fixture: "tables/get-events-1.3.txt", name: "FIRSTSEEN", pattern: #"(?m)^(\d+[smhd])\s"#, values: ages),
    Field(fixture: "tables/get-events-1.3.txt", name: "LASTSEEN", pattern: #"(?m)^\d+[smhd]\s+(\d+[smhd])\s"#, values: ages),
    Field(fixture: "tables/get-events-1.3.txt", name: "COUNT", pattern: #"(?m)^\d+[smhd]\s+\d+[smhd]\s+(\d+)\s"#, values: numbers),
    Field(fixture: "tables/kubectl-events.txt", name: "LAST SEEN", pattern: #"(?m)^(\d+[smhd])\s"#, values: ages),
    Field(fixture: "tables/kubectl-events.txt", name: "xN", pattern: #"\(x(\d+) over"#, values: numbers),
    Field(fixture: "tables/kubectl-events.txt", name: "over T", pattern: #"over (\d+[smhd])\)"#, values: ages),
    Field(fixture: "tables/get-pods.txt", name: "READY", pattern: #"(?m)^\S+\s+(\d+)/\d+\s"#, values: numbers),
    Field(fixture: "tables/get-pods.txt", name: "READY total", pattern: #"(?m)^\S+\s+\d+/(\d+)\s"#, values: numbers),
    Field(fixture: "tables/get-pods.txt", name: "RESTARTS", pattern: #"(?m)^\S+\s+\d+/\d+\s+\S+\s+(\d+)"#, values: numbers),
    Field(fixture: "tables/get-pods.txt", name: "AGE", pattern: #"(?m)\s(\d+[smhd](?:\d+[smh])?)$"#, values: ages),
    Field(fixture: "structured/events-list.json", name: "count", pattern: #""count": (\d+)"#, values: numbers),
    Field(fixture: "structured/events-list.json", name: "timestamps", pattern: #""(\d{4})-\d\d-\d\dT"#, values: years),
    Field(fixture: "structured/events-list.json", name: "resourceVersion", pattern: #""resourceVersion": "(\d+)""#, values: numbers),
    Field(fixture: "structured/events-list.yaml", name: "count", pattern: #"count: (\d+)"#, values: numbers),
    Field(fixture: "structured/events-list.yaml", name: "timestamps", pattern: #""(\d{4})-\d\d-\d\dT"#, values: years),
    Field(fixture: "structured/events-list.yaml", name: "resourceVersion", pattern: #"resourceVersion: "(\d+)""#, values: numbers),
    Field(fixture: "structured/pods-list.json", name: "restartCount", pattern: #""restartCount": (\d+)"#, values: numbers),
    Field(fixture: "structured/pods-list.json", name: "exitCode", pattern: #""exitCode": (\d+)"#, values: numbers),
    Field(fixture: "structured/pods-list.json", name: "timestamps", pattern: #""(\d{4})-\d\d-\d\dT"#, values: years),
    Field(fixture: "structured/pods-list.json", name: "resourceVersion", pattern: #""resourceVersion": "(\d+)""#, values: numbers),
    Field(fixture: "structured/pods-list.json", name: "quantity", pattern: #""(?:cpu|memory)": "(\d+)"#, values: quantities),
    Field(fixture: "structured/pod-sidecar.yaml", name: "restartCount", pattern: #"restartCount: (\d+)"#, values: numbers),
    Field(fixture: "structured/pod-sidecar.yaml", name: "exitCode", pattern: #"exitCode: (\d+)"#, values: numbers),
    Field(fixture: "structured/pod-sidecar.yaml", name: "timestamps", pattern: #""(\d{4})-\d\d-\d\dT"#, values: years),
    Field(fixture: "structured/pod-sidecar.yaml", name: "resourceVersion", pattern: #"resourceVersion: "(\d+)""#, values: numbers),
    Field(fixture: "structured/pod-sidecar.yaml", name: "quantity", pattern: #"(?:cpu|memory): "?(\d+)"#, values: quantities),
  ]

  /// `text` with every match's first capture group replaced by `value`, and how many were.
  static func substituted(_ text: String, pattern: String, value: String) throws -> (text: String, count: Int) {
    let regex = try Regex(pattern)
    var out = text
    let ranges = text.matches(of: regex).compactMap { $0.output[1].range }
    for r in ranges.reversed() { out.replaceSubrange(r, with: value) }
    return (out, ranges.count)
  }

  /// Whether a run ended as podhist may end on any input: exit 0 or 2, not by a signal.
  static func acceptable(_ r: CLI.Result) -> Bool {
    r.status == 0 || r.status == 2
  }

  @Test(arguments: fields)
  func extremeNumbersInAFieldNeverCrash(_ field: Field) throws {
    let original = try String(contentsOfFile: CLI.root.appending(path: "fixtures/\(field.fixture)").path, encoding: .utf8)
    let ext = (field.fixture as NSString).pathExtension
    for value in field.values {
      let (text, count) = try ExtremeFieldCLITests.substituted(original, pattern: field.pattern, value: value)
      // The pattern finds the field in the fixture: a test that replaced nothing would pass on nothing.
      #expect(count > 0, "\(field): the pattern matches nothing in fixtures/\(field.fixture)")
      let cli = try CLI()
      let dir = (cli.store as NSString).deletingLastPathComponent
      defer { try? FileManager.default.removeItem(atPath: dir) }
      let input = (dir as NSString).appendingPathComponent("input.\(ext)")
      try text.write(toFile: input, atomically: true, encoding: .utf8)
      let imported = try cli.run(["import", input])
      #expect(ExtremeFieldCLITests.acceptable(imported), "\(field) = \(value): import exit \(imported.status)\n\(imported.err)")
      guard imported.status == 0 else { continue }
      for args in [["get", "pods", "-A", "-o", "json"], ["why", "-A", "-o", "json"]] {
        let r = try cli.run(args)
        #expect(ExtremeFieldCLITests.acceptable(r), "\(field) = \(value): \(args.joined(separator: " ")) exit \(r.status)\n\(r.err)")
      }
    }
  }

  /// Every TIME flag with every extreme value, bare and as a relative time: exit 0 or 2.
  @Test func extremeTimeFlagsNeverCrash() throws {
    let cli = try CLI()
    defer { try? FileManager.default.removeItem(atPath: (cli.store as NSString).deletingLastPathComponent) }
    #expect(try cli.run(["import", cli.fixture(ExtremeFieldCLITests.describe)]).status == 0)
    let pod = ["shop-api-7d9c6b5f4-x2kqp", "-n", "shop"]
    let values = Set(ExtremeFieldCLITests.numbers + ExtremeFieldCLITests.ages.flatMap { [$0, "-" + $0, "+" + $0] }
                     + ExtremeFieldCLITests.years.map { "\($0)-03-10T14:02:11Z" })
    var refused = 0
    for value in values.sorted() {
      for args in [["get", "pods", "-A", "--at"], ["why", "-A", "--at"], ["status"] + pod + ["--at"], ["why"] + pod + ["--at"],
                   ["timeline"] + pod + ["--since"], ["timeline"] + pod + ["--until"]] {
        let r = try cli.run(args + [value])
        #expect(ExtremeFieldCLITests.acceptable(r), "\(args.joined(separator: " ")) \(value): exit \(r.status)\n\(r.err)")
        if r.status == 2 { refused += 1 }
      }
    }
    // Most of these values are no time podhist handles: they are refused with exit 2, not read as one.
    #expect(refused > values.count * 3)
  }
}
