import Foundation
import Testing

/// Runs a tool (sqlite3, sh, mount) and returns its exit status; output is discarded.
@discardableResult
func tool(_ args: [String]) throws -> Int32 {
  let p = Process()
  p.executableURL = URL(filePath: "/usr/bin/env")
  p.arguments = args
  p.standardOutput = FileHandle.nullDevice
  p.standardError = FileHandle.nullDevice
  try p.run()
  p.waitUntilExit()
  return p.terminationStatus
}

/// An events JSON List of `count` Events about `pods` pods, each message distinct: an input big enough
/// that an import takes a while (for kill -9 and a file size limit) yet generated in milliseconds.
func generatedEvents(count: Int, pods: Int, seed: Int = 0) throws -> Data {
  let items: [[String: Any]] = (0..<count).map { i in
    let pod = "gen-\(seed)-\(i % pods)"
    return ["apiVersion": "v1", "kind": "Event", "count": 1 + i % 7, "type": i % 3 == 0 ? "Warning" : "Normal",
            "reason": ["Scheduled", "Pulled", "Created", "Started", "BackOff", "Unhealthy"][i % 6],
            "message": "event \(i) of \(pod): readiness probe failed with statuscode \(500 + i % 4) after \(i % 90)s",
            "firstTimestamp": String(format: "2026-03-10T%02d:%02d:%02dZ", 10 + i / 3600 % 10, i / 60 % 60, i % 60),
            "lastTimestamp": String(format: "2026-03-10T%02d:%02d:%02dZ", 10 + i / 3600 % 10, i / 60 % 60, i % 60),
            "involvedObject": ["kind": "Pod", "name": pod, "namespace": "ns\(i % 5)", "uid": "uid-\(seed)-\(i % pods)"],
            "metadata": ["name": "\(pod).\(i)", "namespace": "ns\(i % 5)"], "source": ["component": "kubelet"]]
  }
  return try JSONSerialization.data(withJSONObject: ["apiVersion": "v1", "kind": "List", "items": items])
}

/// A podhist process started in the background (for concurrent imports and kill -9).
func startPodhist(_ args: [String], store: String) throws -> Process {
  let p = Process()
  p.executableURL = CLI.binary
  p.arguments = args
  var env = ProcessInfo.processInfo.environment
  env["PODHIST_STORE"] = store
  p.environment = env
  p.standardOutput = FileHandle.nullDevice
  p.standardError = FileHandle.nullDevice
  try p.run()
  return p
}

/// Whether this process may mount a small tmpfs (root in a container that allows it): the read-only
/// and full file system tests use one; without it the full-disk tests use a file size limit.
let canMountTmpfs: Bool = {
  guard geteuid() == 0 else { return false }
  let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-mount-probe-\(UUID().uuidString)").path
  guard (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)) != nil,
        (try? tool(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir])) == 0 else { return false }
  _ = try? tool(["umount", dir])
  return true
}()

/// Store files podhist must not take: refused with a sentence, never written to; an empty file.
@Suite struct StoreFileTests {
  static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  @Test func anEmptyFileHoldsNoStoreUntilAnImportMakesOne() throws {
    let cli = try CLI()
    FileManager.default.createFile(atPath: cli.store, contents: Data())
    for args in [["verify"], ["get", "pods", "-A"], ["why", "-A"], ["reindex"]] {
      let r = try cli.run(args)
      #expect(r.status == 1, "\(args): \(r.err)")
      #expect(r.err.contains("is an empty file: it holds no podhist store"), "\(args): \(r.err)")
      #expect(StoreFileTests.bytes(cli.store) == Data(), "\(args) wrote to the empty file")
    }
    #expect(try cli.run(["import", cli.fixture("cli/events.json")]).status == 0)
    #expect(try cli.run(["verify"]).status == 0)
  }

  @Test func filesThatAreNotStoresAreRefusedAndNeverWritten() throws {
    let cli = try CLI()
    let dir = URL(filePath: cli.store).deletingLastPathComponent()
    var files: [(String, Data)] = [("one-byte", Data([0x78])), ("text", Data("hello\n".utf8)),
                                   ("json", try Data(contentsOf: URL(filePath: cli.fixture("cli/events.json")))),
                                   ("zeros", Data(count: 8192))]
    for (name, data) in files { try data.write(to: dir.appending(path: name)) }
    // Foreign SQLite databases, with a table of their own and every kind of user_version (podhist's own 1 and 2 too).
    for v in [0, 1, 2, 3, 99] {
      let path = dir.appending(path: "foreign-\(v).db").path
      try #require(try tool(["sqlite3", path, "CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA user_version = \(v);"]) == 0,
                   "the sqlite3 shell is needed for this test")
      files.append(("foreign-\(v).db", try Data(contentsOf: URL(filePath: path))))
    }
    let empty = dir.appending(path: "empty-sqlite.db").path
    try #require(try tool(["sqlite3", empty, "VACUUM;"]) == 0)
    files.append(("empty-sqlite.db", try Data(contentsOf: URL(filePath: empty))))
    for (name, data) in files {
      let path = dir.appending(path: name).path
      for args in [["import", cli.fixture("cli/events.json")], ["get", "pods", "-A"], ["verify"], ["reindex"], ["why", "-A"]] {
        let r = try cli.run(args + ["--store", path])
        #expect(r.status == 2, "\(name) \(args): \(r.status) \(r.err)")
        #expect(r.err.contains("not a podhist store"), "\(name) \(args): \(r.err)")
        #expect(r.err.split(separator: "\n").count == 1 && !r.err.contains("SQLite error"), "\(name): \(r.err)")
        #expect(StoreFileTests.bytes(path) == data, "\(name) changed by \(args)")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal") && !FileManager.default.fileExists(atPath: path + "-journal"),
                "\(name): \(args) left a journal")
      }
    }
  }

  @Test func twoFirstImportsIntoANewPathBothLand() throws {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-race-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let a = dir.appending(path: "a.json"), b = dir.appending(path: "b.json")
    try generatedEvents(count: 300, pods: 30, seed: 1).write(to: a)
    try generatedEvents(count: 300, pods: 30, seed: 2).write(to: b)
    for round in 0..<4 {
      let store = dir.appending(path: "new-\(round).db").path
      let p = try startPodhist(["import", a.path], store: store)
      let q = try startPodhist(["import", b.path], store: store)
      p.waitUntilExit(); q.waitUntilExit()
      #expect(p.terminationStatus == 0 && q.terminationStatus == 0, "round \(round): \(p.terminationStatus) \(q.terminationStatus)")
      let cli = CLI(store: store)
      let v = try cli.run(["verify"])
      #expect(v.status == 0 && v.out.contains("600 facts, 60 objects"), "round \(round): \(v.out) \(v.err)")
    }
  }

  @Test func aFileSizeLimitIsAFullDiskAndLeavesTheStoreAsItWas() throws {
    let cli = try CLI()
    let dir = URL(filePath: cli.store).deletingLastPathComponent()
    let big = dir.appending(path: "big.json")
    try generatedEvents(count: 2000, pods: 200).write(to: big)
    #expect(try cli.run(["import", cli.fixture("cli/events.json")]).status == 0)
    let before = try cli.run(["get", "pods", "-A", "-o", "json"]).out
    // ulimit -f counts 512-byte blocks (POSIX sh): 40 blocks are far less than the import needs.
    func limited(_ store: String, _ blocks: Int) throws -> CLI.Result {
      try CLI(store: store).run(["/bin/sh", "-c", "ulimit -f \(blocks); exec \"$0\" \"$@\"", CLI.binary.path, "import", big.path], direct: true)
    }
    let r = try limited(cli.store, 40)
    #expect(r.status == 4, "\(r.status) \(r.err)")
    #expect(r.err.contains("the disk is full"), "\(r.err)")
    #expect(try cli.run(["verify"]).status == 0)
    #expect(try cli.run(["get", "pods", "-A", "-o", "json"]).out == before)
    // A first import that fails so leaves no file behind.
    let fresh = dir.appending(path: "fresh.db").path
    let f = try limited(fresh, 8)
    #expect(f.status == 4, "\(f.err)")
    #expect(!FileManager.default.fileExists(atPath: fresh), "a failed first import left a file")
  }

  @Test(.enabled(if: canMountTmpfs, "needs to mount a tmpfs (root)"))
  func aReadOnlyOrFullFileSystem() throws {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-fs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let mnt = dir.appending(path: "mnt").path
    try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
    let big = dir.appending(path: "big.json")
    try generatedEvents(count: 3000, pods: 300).write(to: big)
    try #require(try tool(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt]) == 0)
    defer { _ = try? tool(["umount", "-l", mnt]) }
    let store = mnt + "/podhist.db"
    let cli = CLI(store: store)
    #expect(try cli.run(["import", cli.fixture("cli/events.json")]).status == 0)
    let before = try cli.run(["get", "pods", "-A", "-o", "json"]).out
    // Full: a filler takes every free block.
    try #require(try tool(["sh", "-c", "dd if=/dev/zero of=\(mnt)/fill bs=64k 2>/dev/null; true"]) == 0)
    let full = try cli.run(["import", big.path])
    #expect(full.status == 4 && full.err.contains("the disk is full"), "\(full.status) \(full.err)")
    #expect(try cli.run(["verify"]).status == 0)
    #expect(try cli.run(["get", "pods", "-A", "-o", "json"]).out == before)
    let fresh = try CLI(store: mnt + "/new.db").run(["import", big.path])
    #expect(fresh.status == 4)
    #expect(!FileManager.default.fileExists(atPath: mnt + "/new.db"))
    // Read-only: queries answer; writers say why they cannot.
    try FileManager.default.removeItem(atPath: mnt + "/fill")
    try #require(try tool(["mount", "-o", "remount,ro", mnt]) == 0)
    #expect(try cli.run(["get", "pods", "-A", "-o", "json"]).out == before)
    #expect(try cli.run(["why", "-A"]).status == 0)
    #expect(try cli.run(["verify"]).status == 0)
    for args in [["import", cli.fixture("cli/events.json")], ["reindex"]] {
      let r = try cli.run(args)
      #expect(r.status == 4 && r.err.contains("cannot be written"), "\(args): \(r.status) \(r.err)")
    }
  }
}

/// A damaged index (rows changed as a flipped byte would change them) makes the whole-store
/// queries that read it fail with exit 3 and a sentence, never answer with pods missing (`why -A`'s
/// text reads the pod summaries, not the chunk index: it answers as before such damage); `reindex` repairs it.
@Suite struct IndexDamageTests {
  @Test(arguments: [
    "UPDATE objects SET name = name || 'x' WHERE name = (SELECT min(name) FROM objects WHERE kind = 'Pod')",
    "UPDATE objects SET kind = 'Pof' WHERE name = (SELECT min(name) FROM objects WHERE kind = 'Pod')",
    "DELETE FROM chunk_objects WHERE object_id = (SELECT min(id) FROM objects WHERE kind = 'Pod')",
    "UPDATE chunk_objects SET fact_count = fact_count + 1 WHERE object_id = (SELECT max(id) FROM objects WHERE kind = 'Pod')",
    "UPDATE chunk_objects SET object_id = object_id + 1000 WHERE object_id = (SELECT min(id) FROM objects WHERE kind = 'Pod')",
  ])
  func wholeStoreQueriesNoticeIt(_ damage: String) throws {
    let cli = try CLI()
    let dir = URL(filePath: cli.store).deletingLastPathComponent()
    let input = dir.appending(path: "events.json")
    try generatedEvents(count: 120, pods: 12).write(to: input)
    try #require(try cli.run(["import", input.path]).status == 0)
    let queries = [["get", "pods", "-A", "-o", "json"], ["why", "-A", "-o", "json"], ["get", "pods", "-n", "ns0"], ["why", "-A"]]
    let answers = try queries.map { try cli.run($0).out }
    let clean = answers[0]
    try #require(try tool(["sqlite3", cli.store, damage]) == 0, "the sqlite3 shell is needed for this test")
    for (args, answer) in zip(queries, answers) {
      let r = try cli.run(args)
      // Exit 3, or (a damaged row outside the namespace asked for) the right answer.
      #expect(r.status == 3 || (r.status == 0 && r.out == answer), "\(damage) \(args): \(r.status)")
      // `why -A`'s text is read from the pod summaries, named by the objects index (checked against
      // the names the rows were made for): a damaged chunk index leaves it as it was. Its JSON
      // explains the listed pods, read through the chunk index.
      if args.contains("-A") && args != ["why", "-A"] { #expect(r.status == 3, "\(damage) \(args)") }
      if args == ["why", "-A"] {
        if damage.contains("UPDATE objects") { #expect(r.status == 3, "\(damage) \(args)") }
        else { #expect(r.status == 0 && r.out == answer, "\(damage) \(args)") }
      }
      if r.status == 3 { #expect(r.err.contains("store damaged") && r.err.contains("index"), "\(r.err)") }
    }
    #expect(try cli.run(["verify"]).status == 3)
    #expect(try cli.run(["reindex"]).status == 0)
    #expect(try cli.run(["get", "pods", "-A", "-o", "json"]).out == clean)
  }
}

/// kill -9 during an import, at random instants: `verify` is clean, the import is wholly there or
/// wholly absent, and importing again gives the store a clean import gives.
@Suite struct CrashTests {
  @Test func killNineDuringImportLosesNothingCommitted() throws {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-kill-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let big = dir.appending(path: "big.json")
    try generatedEvents(count: 1500, pods: 150, seed: 3).write(to: big)
    let base = CLI(store: dir.appending(path: "clean.db").path)
    try #require(try base.run(["import", base.fixture("cli/events.json")]).status == 0)
    let before = try base.run(["get", "pods", "-A", "-o", "json"]).out
    let started = Date()
    try #require(try base.run(["import", big.path]).status == 0)
    let importTime = Date().timeIntervalSince(started)
    let after = try base.run(["get", "pods", "-A", "-o", "json"]).out
    var rng = SystemRandomNumberGenerator()
    var landed = 0, absent = 0
    for round in 0..<5 {
      let cli = CLI(store: dir.appending(path: "killed-\(round).db").path)
      try #require(try cli.run(["import", cli.fixture("cli/events.json")]).status == 0)
      let p = try startPodhist(["import", big.path], store: cli.store)
      usleep(UInt32(Double.random(in: 0...1.1, using: &rng) * importTime * 1_000_000))
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
      let v = try cli.run(["verify"])
      #expect(v.status == 0, "round \(round): \(v.err)")
      let now = try cli.run(["get", "pods", "-A", "-o", "json"]).out
      #expect(now == before || now == after, "round \(round): the import is partly there")
      if now == after { landed += 1 } else { absent += 1 }
      #expect(try cli.run(["import", big.path]).status == 0)
      #expect(try cli.run(["get", "pods", "-A", "-o", "json"]).out == after, "round \(round): re-import differs from a clean store")
      #expect(try cli.run(["verify"]).out.contains("1502 facts"), "round \(round)")
    }
    #expect(landed + absent == 5)
  }
}
