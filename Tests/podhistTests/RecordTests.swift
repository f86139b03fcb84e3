import Foundation
import TestSupport
import Testing

/// `podhist record` end to end: the built binary, the real kubectl, and the fake API server
/// replaying `fixtures/record` (Tests/TestSupport/fakeapi).
@Suite(.enabled(if: FakeAPIServer.unavailable == nil, "recording tests skipped: \(FakeAPIServer.unavailable ?? "")"))
struct RecordTests {
  /// The scenario imported from the file of its watch events: the answers a recording must give.
  static let reference: (facts: Int, pods: String, why: String) = {
    do {
      let cli = try CLI()
      let stream = URL(filePath: cli.store).deletingLastPathComponent().appending(path: "stream.jsonl").path
      try FakeAPIServer.emitStream(to: stream)
      let r = try cli.run(["import", stream])
      precondition(r.status == 0, r.err)
      return (try RecordTests.facts(cli), try cli.run(["get", "pods", "-A", "-o", "json"]).out,
              RecordTests.withoutSources(try cli.run(["why", "-A", "-o", "json"]).out))
    } catch {
      return (-1, "\(error)", "")
    }
  }()

  /// The stream file of the scenario, made once.
  static let streamFile: String = {
    let path = FileManager.default.temporaryDirectory.appending(path: "podhist-record-stream-\(UUID().uuidString).jsonl").path
    try? FakeAPIServer.emitStream(to: path)
    return path
  }()

  /// Facts in the store, as `verify` counts them, but the recording gaps.
  static func facts(_ cli: CLI) throws -> Int {
    let out = try cli.run(["verify"]).out
    guard let r = out.range(of: #"\d+ facts"#, options: .regularExpression) else { return -1 }
    return (Int(out[r].split(separator: " ")[0]) ?? -1) - (try gaps(cli))
  }

  /// Recording gaps in the store, as `verify` counts them.
  static func gaps(_ cli: CLI) throws -> Int {
    let out = try cli.run(["verify"]).out
    guard let r = out.range(of: #"\d+ recording gaps?"#, options: .regularExpression) else { return 0 }
    return Int(out[r].split(separator: " ")[0]) ?? -1
  }

  /// A JSON document with every `source` member removed: a recording cites `record events` and
  /// the object's place in its stream where a file import cites the file and its line.
  static func withoutSources(_ json: String) -> String {
    func strip(_ v: Any) -> Any {
      if let o = v as? [String: Any] { return o.filter { $0.key != "source" }.mapValues(strip) }
      if let a = v as? [Any] { return a.map(strip) }
      return v
    }
    guard let v = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
          let d = try? JSONSerialization.data(withJSONObject: strip(v), options: [.sortedKeys, .prettyPrinted]) else { return json }
    return String(decoding: d, as: UTF8.self)
  }

  /// A `podhist record` running in the background against `server`.
  final class Recording {
    let process = Process()
    let log: URL
    init(_ cli: CLI, _ server: FakeAPIServer, _ arguments: [String] = ["-A"], environment: [String: String] = [:]) throws {
      log = URL(filePath: cli.store).deletingLastPathComponent().appending(path: "record-\(UUID().uuidString).log")
      FileManager.default.createFile(atPath: log.path, contents: nil)
      process.executableURL = CLI.binary
      process.arguments = ["record"] + arguments + ["--kubeconfig", server.kubeconfig, "--kubectl", server.kubectl]
      var env = server.environment()
      env["PODHIST_STORE"] = cli.store
      env["PODHIST_TTY"] = nil
      env.merge(environment) { $1 }
      process.environment = env
      process.standardOutput = FileHandle.nullDevice
      process.standardError = try FileHandle(forWritingTo: log)
      process.standardInput = FileHandle.nullDevice
      try process.run()
    }
    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
    var stderr: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
    /// Sends `signal` and waits for the exit status.
    func stop(_ signal: Int32) -> Int32 {
      kill(process.processIdentifier, signal)
      process.waitUntilExit()
      return process.terminationStatus
    }
  }

  /// Waits until `condition` holds, polling; false after `timeout` seconds.
  static func eventually(_ timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    repeat {
      if try condition() { return true }
      Thread.sleep(forTimeInterval: 0.1)
    } while Date() < deadline
    return try condition()
  }

  @Test func aRecordingThroughClosedStreamsAnswersAsTheScenarioImportedFromAFile() throws {
    #expect(Self.reference.facts > 300, "\(Self.reference.pods)")
    // The replay starts once the recorder watches both kinds, so it sees every write.
    let server = try FakeAPIServer(["--rate", "150", "--start-after-watches", "2", "--close-every", "40"])
    let cli = try CLI()
    let recording = try Recording(cli, server)
    try server.wait(timeout: 30) { ($0["released"] as? Int) == ($0["total"] as? Int) }
    let caughtUp = try Self.eventually(10) { try Self.facts(cli) == Self.reference.facts }
    let recorded = try Self.facts(cli)
    #expect(caughtUp, "\(recorded) facts recorded, \(Self.reference.facts) in the scenario")
    #expect(recording.stop(SIGINT) == 0, "\(recording.stderr)")
    #expect(recording.stderr.contains("watch ended after 40 events; watching again"), "\(recording.stderr)")
    // The last line says how long the commits took.
    #expect(recording.stderr.range(of: #"pods touched, [1-9][0-9]* commits \(each took [0-9]+\.[0-9]{2} s on average, at most [0-9]+\.[0-9]{2} s\)"#,
                                   options: .regularExpression) != nil, "\(recording.stderr)")
    let watchRequests = try server.control("status")["watchRequests"] as? Int ?? 0
    #expect(watchRequests > 4)
    #expect(try Self.facts(cli) == Self.reference.facts)
    #expect(try cli.run(["verify"]).status == 0)
    #expect(try cli.run(["get", "pods", "-A", "-o", "json"]).out == Self.reference.pods)
    #expect(Self.withoutSources(try cli.run(["why", "-A", "-o", "json"]).out) == Self.reference.why)
  }

  @Test func a410RelistsAndLosesNothingAndQueriesSeeCommitsWithinSeconds() throws {
    let server = try FakeAPIServer([])
    let cli = try CLI()
    let recording = try Recording(cli, server)
    try server.wait { ($0["watches"] as? Int) == 2 }
    try server.control("release?n=150")
    // A pod whose first write is among the next ones released: how soon a query sees it.
    let lines = try String(contentsOfFile: Self.streamFile, encoding: .utf8).split(separator: "\n")
    let early = Set(lines.prefix(150).compactMap { Self.podName($0) })
    let fresh = try #require(lines.dropFirst(150).prefix(100).compactMap { Self.podName($0) }.first { !early.contains($0) })
    #expect(try Self.eventually(4) { try Self.facts(cli) > 0 })
    #expect(!(try cli.run(["get", "pods", "-A"]).out.contains(fresh)))
    try server.control("release?n=100")
    let released = Date()
    let seen = try Self.eventually(4) { try cli.run(["get", "pods", "-A"]).out.contains(fresh) }
    let lag = Date().timeIntervalSince(released)
    #expect(seen, "\(fresh) not visible 4 s after it was served")
    #expect(lag < 4, "visible after \(lag) s")
    // Compacted while both watches are current: each gets a 410, lists again, watches on.
    let before = try server.control("status")["watchRequests"] as? Int ?? 0
    try server.control("gone")
    try server.wait { ($0["watches"] as? Int) == 2 && ($0["watchRequests"] as? Int ?? 0) >= before + 2 }
    try server.control("release?n=1000")
    let caughtUp = try Self.eventually(10) { try Self.facts(cli) == Self.reference.facts }
    let recorded = try Self.facts(cli)
    #expect(caughtUp, "\(recorded) facts recorded, \(Self.reference.facts) in the scenario")
    #expect(recording.stop(SIGTERM) == 0, "\(recording.stderr)")
    #expect(recording.stderr.contains("is gone (410); listing again"), "\(recording.stderr)")
    // Each watch's hole, from its last event to the new List, is a gap fact.
    #expect(try Self.gaps(cli) == 2, "\(recording.stderr)")
    #expect(recording.stderr.contains("the watch was broken between"), "\(recording.stderr)")
    #expect(recording.stderr.contains("is known only by its result (recorded as a gap)"), "\(recording.stderr)")
    #expect(try Self.facts(cli) == Self.reference.facts)
    #expect(try cli.run(["get", "pods", "-A", "-o", "json"]).out == Self.reference.pods)
    #expect(Self.withoutSources(try cli.run(["why", "-A", "-o", "json"]).out) == Self.reference.why)
  }

  @Test func killedWithSignal9ThenRestartedTheStoreVerifiesAndHoldsNoDuplicate() throws {
    let server = try FakeAPIServer(["--preload", "100", "--rate", "60"])
    let cli = try CLI()
    let first = try Recording(cli, server)
    #expect(try Self.eventually(15) { try Self.facts(cli) > 100 })
    #expect(first.stop(SIGKILL) == SIGKILL)
    let verified = try cli.run(["verify"])
    #expect(verified.status == 0, "\(verified.out)\(verified.err)")
    let second = try Recording(cli, server)
    try server.wait(timeout: 30) { ($0["released"] as? Int) == ($0["total"] as? Int) }
    Thread.sleep(forTimeInterval: 2.5)
    #expect(second.stop(SIGINT) == 0, "\(second.stderr)")
    #expect(try cli.run(["verify"]).status == 0)
    // The time no recorder ran, from the first one's last commit to the second one's Lists, is a
    // gap of each watch.
    #expect(second.stderr.contains("no recorder ran between"), "\(second.stderr)")
    #expect(try Self.gaps(cli) == 2)
    // Every recorded fact is one of the scenario's, once: importing the whole scenario on top
    // leaves exactly the scenario's facts.
    let kept = try Self.facts(cli)
    #expect(kept <= Self.reference.facts)
    let r = try cli.run(["import", Self.streamFile])
    #expect(r.status == 0, "\(r.err)")
    #expect(try Self.facts(cli) == Self.reference.facts, "\(r.out)")
  }

  @Test func aServerThatDropsIsRetriedWithBackOffAndTheWatchResumesLosingNothing() throws {
    // The first 150 writes come through the watches (a List would show only their result).
    let first = try FakeAPIServer([])
    let cli = try CLI()
    let recording = try Recording(cli, first)
    try first.wait { ($0["watches"] as? Int) == 2 }
    try first.control("release?n=150")
    #expect(try Self.eventually(10) { try Self.facts(cli) > 0 })
    // The network drops: the server is gone, kubectl cannot connect; the recorder says so and
    // waits longer each time (1 s, 2 s, 4 s...).
    first.stop()
    #expect(Self.eventually(20) { recording.stderr.contains("retrying in 2s") }, "\(recording.stderr)")
    #expect(recording.stderr.contains("retrying in 1s"), "\(recording.stderr)")
    #expect(recording.process.isRunning)
    // The server comes back on the same address with the rest of the scenario: each watch resumes
    // from its last resourceVersion, so nothing is missing and nothing was lost in between.
    let second = try FakeAPIServer(["--port", "\(first.port)", "--preload", "1000000"])
    let caughtUp = try Self.eventually(40) { try Self.facts(cli) == Self.reference.facts }
    let recorded = try Self.facts(cli)
    #expect(caughtUp, "\(recorded) facts recorded, \(Self.reference.facts) in the scenario\n\(recording.stderr)")
    #expect(recording.stop(SIGINT) == 0, "\(recording.stderr)")
    #expect(try second.control("status")["watchRequests"] as? Int ?? 0 >= 2)
    #expect(try Self.gaps(cli) == 0, "\(recording.stderr)")
    #expect(try cli.run(["verify"]).status == 0)
    #expect(try cli.run(["get", "pods", "-A", "-o", "json"]).out == Self.reference.pods)
    // Not a terminal: plain log lines, no status line.
    #expect(!recording.stderr.contains("\u{1b}") && !recording.stderr.contains("\r"), "\(recording.stderr)")
  }

  @Test func oneNamespaceThroughAContextQuietly() throws {
    // The namespace with the most pods of the scenario (it has others too).
    let lines = try String(contentsOfFile: Self.streamFile, encoding: .utf8).split(separator: "\n")
    var pods: [String: Set<String>] = [:]
    for line in lines {
      guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let obj = o["object"] as? [String: Any], obj["kind"] as? String == "Pod",
            let md = obj["metadata"] as? [String: Any], let ns = md["namespace"] as? String, let name = md["name"] as? String else { continue }
      pods[ns, default: []].insert(name)
    }
    #expect(pods.count > 1)
    let (namespace, names) = try #require(pods.max { $0.value.count < $1.value.count })
    let server = try FakeAPIServer(["--preload", "1000000"])
    let cli = try CLI()
    let recording = try Recording(cli, server, ["-n", namespace, "--context", "fake", "--quiet"])
    try server.wait { ($0["watches"] as? Int) == 2 }
    var last = -1
    #expect(try Self.eventually(20) { let n = try Self.facts(cli); defer { last = n }; return n > 0 && n == last })
    #expect(recording.stop(SIGINT) == 0)
    #expect(recording.stderr == "")
    let rows = try cli.run(["get", "pods", "-A", "--show-deleted"]).out.split(separator: "\n").dropFirst()
    #expect(Set(rows.map { String($0.split(separator: " ")[0]) }) == [namespace])
    #expect(Set(rows.map { String($0.split(separator: " ", omittingEmptySubsequences: true)[1]) }) == names)
    // Another context than the kubeconfig has: kubectl's complaint, retried, on stderr.
    let other = try Recording(cli, server, ["-n", namespace, "--context", "nowhere"])
    #expect(Self.eventually(10) { other.stderr.contains("retrying in") }, "\(other.stderr)")
    #expect(other.stderr.contains("nowhere"), "\(other.stderr)")
    #expect(other.stop(SIGTERM) == 0)
  }

  @Test func aTerminalGetsALiveStatusLine() throws {
    let server = try FakeAPIServer(["--preload", "150"])
    let cli = try CLI()
    let recording = try Recording(cli, server, ["-A"], environment: ["PODHIST_TTY": "1"])
    try server.wait { ($0["watches"] as? Int) == 2 }
    #expect(try Self.eventually(10) { try Self.facts(cli) > 0 })
    let status = #/\r\x1b\[K\d+ pods, \d+ facts \(\d+/s\), last commit \d\d:\d\d:\d\d \(\d+ facts\); pods watching, events watching; store [\d.]+ MB \+[\d.]+ MB/h/#
    #expect(Self.eventually(5) { recording.stderr.contains(status) }, "\(recording.stderr.debugDescription)")
    #expect(recording.stop(SIGINT) == 0)
    // Log lines erase the status line first.
    #expect(recording.stderr.contains("\r\u{1b}[Kstopped: "), "\(recording.stderr.debugDescription)")
  }

  /// The live (not zombie) processes whose parent is `pid`, with their command names.
  static func children(of pid: Int32) -> [(pid: Int32, name: String)] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { e -> (Int32, String)? in
      guard let p = Int32(e), let stat = try? String(contentsOfFile: "/proc/\(e)/stat", encoding: .utf8),
            let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return nil }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      guard fields.count > 2, fields[0] != "Z", Int32(fields[1]) == pid else { return nil }
      return (p, String(stat[stat.index(after: open)..<close]))
    }
  }

  /// Whether `pid` is still a live process (a zombie is not).
  static func alive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
    return !stat[stat.index(after: close)...].hasPrefix(" Z")
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "no setpriv"))
  func kubectlChildrenDieWithARecorderKilledWithSignal9() throws {
    let server = try FakeAPIServer([])
    let cli = try CLI()
    let recording = try Recording(cli, server)
    try server.wait { ($0["watches"] as? Int) == 2 }
    // kubectl runs under a guarding shell: the recorder's grandchildren.
    let guards = Self.children(of: recording.process.processIdentifier)
    let kubectls = (guards + guards.flatMap { Self.children(of: $0.pid) }).filter { $0.name.hasPrefix("kubectl") }
    #expect(kubectls.count == 2, "\(guards)")
    #expect(recording.stop(SIGKILL) == SIGKILL)
    let gone = Self.eventually(2) { (guards + kubectls).allSatisfy { !Self.alive($0.pid) } }
    #expect(gone, "still running: \((guards + kubectls).filter { Self.alive($0.pid) })")
  }

  /// The pod a watch event line is about: a Pod's name, or an Event's involved pod.
  static func podName(_ line: Substring) -> String? {
    guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
          let obj = o["object"] as? [String: Any] else { return nil }
    if obj["kind"] as? String == "Pod" { return (obj["metadata"] as? [String: Any])?["name"] as? String }
    guard let involved = obj["involvedObject"] as? [String: Any], involved["kind"] as? String == "Pod" else { return nil }
    return involved["name"] as? String
  }
}

/// The systemd unit's command line is one `podhist record` accepts (run here with a kubectl that
/// is not there: exit 2 naming it, not a usage error).
@Suite struct RecordUnitCommandLineTests {
  @Test func theShippedUnitsCommandLineParses() throws {
    let unit = try String(contentsOf: repositoryRoot.appending(path: "docs/deploy/podhist-record.service"), encoding: .utf8)
    let line = try #require(unit.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
    let cli = try CLI()
    var args = Array(line.dropFirst("ExecStart=".count).split(separator: " ").map(String.init).dropFirst())
    // The store and the kubeconfig of this test, the unit's flags as they are.
    if let i = args.firstIndex(of: "--store") { args[i + 1] = cli.store }
    let r = try cli.run(args + ["--kubectl", "/nonexistent/kubectl"])
    #expect(r.status == 2, "\(r.err)")
    #expect(r.err.contains("/nonexistent/kubectl") && !r.err.contains("Usage"), "\(r.err)")
    #expect(!FileManager.default.fileExists(atPath: cli.store))
  }
}
