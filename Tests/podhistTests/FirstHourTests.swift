import Foundation
import TestSupport
import Testing

/// What a new user meets in the first hour: the small details the issue "The first hour" found wrong.
@Suite struct FirstHourTests {
  @Test func negativeRelativeTimeAfterASpace() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("corpus/000-seed-springboot-liveness-probe-port/input.txt")]).status == 0)
    let spaced = try cli.run(["get", "pods", "-A", "--at", "-10m", "-o", "json"])
    let joined = try cli.run(["get", "pods", "-A", "--at=-10m", "-o", "json"])
    #expect(spaced.status == 0, "\(spaced.err)")
    #expect(spaced.out == joined.out)
    #expect(try cli.run(["timeline", "9wfxl", "--since", "-1m"]).status == 0)
  }

  @Test func aMistypedVerbIsNamed() throws {
    let cli = try CLI()
    let r = try cli.run(["wy", "web"])
    #expect(r.status == 2)
    #expect(r.err.contains("unknown command \"wy\"; did you mean why?"))
    let far = try cli.run(["zzzzzz"])
    #expect(far.status == 2)
    #expect(!far.err.contains("did you mean"))
    // A control character typed (or pasted) as a verb is not echoed raw.
    let hostile = try cli.run(["\u{1b}[2Jx"])
    #expect(!hostile.err.contains("\u{1b}"))
  }

  @Test func asAKubectlPluginItSaysKubectlPodhist() throws {
    let cli = try CLI()
    let dir = URL(filePath: cli.store).deletingLastPathComponent()
    let plugin = dir.appending(path: "kubectl-podhist")
    try FileManager.default.createSymbolicLink(at: plugin, withDestinationURL: CLI.binary)
    let p = Process()
    p.executableURL = plugin
    p.arguments = ["--help"]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let help = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(help.contains("USAGE: kubectl podhist <subcommand>"))
    // Its errors say so too: a mistyped verb, a bad option.
    for (args, said) in [(["wy", "x"], "kubectl podhist: unknown command \"wy\"; did you mean why?\nSee 'kubectl podhist --help'"),
                         (["get", "pods", "--bogus"], "See 'kubectl podhist get pods --help'")] {
      let e = Process()
      e.executableURL = plugin
      e.arguments = args
      let err = Pipe()
      e.standardError = err
      e.standardOutput = Pipe()
      try e.run()
      let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      e.waitUntilExit()
      #expect(e.terminationStatus == 2 && text.contains(said), "\(args): \(text)")
    }
    // A store that is not there: the command to run is named as the user runs podhist.
    let absent = try cli.run([plugin.path, "get", "pods", "--store", dir.appending(path: "absent.db").path], direct: true)
    let text = absent.err
    #expect(absent.status != 0 && text.contains("run `kubectl podhist import FILE` first"), "\(text)")
    #expect(!text.contains("`podhist import"), "\(text)")
  }

  @Test func importNamesItsStoreFirst() throws {
    let cli = try CLI()
    let first = try cli.run(["import", cli.fixture("cli/events.json")])
    #expect(first.out.hasPrefix("store: \(cli.store) (new)\n"))
    let second = try cli.run(["import", cli.fixture("cli/events.json")])
    #expect(second.out.hasPrefix("store: \(cli.store)\n"))
  }

  /// 019: an absolute Start Time in a dump whose own now is unknown; a pod known from no time at all.
  @Test func ageIsUnknownRatherThanMadeUp() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("corpus/019-evicted-two-pods-mid-paste/input.txt")]).status == 0)
    let table = try cli.run(["get", "pods", "-A"]).out
    let ages = table.split(separator: "\n").dropFirst().map { $0.split(separator: " ").last.map(String.init) ?? "" }
    #expect(!ages.isEmpty)
    for age in ages {
      #expect(age != "0s" && age != "<invalid>", "\(table)")
    }
    #expect(table.contains("<unknown>"))
  }

  /// 045: a Job's pod whose only container completed; the describe printed absolute Started/Finished.
  @Test func aCompletedPodIsNotRunningAndItsTimesStayAbsolute() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("corpus/045-job-pod-completed-getpods-describe-1.9/input.txt")]).status == 0)
    let status = try cli.run(["status", "single-ee7f20b3bcb047f893481e1999decba9-single-0"]).out
    #expect(status.contains("Phase:          Succeeded"), "\(status)")
    #expect(status.contains("started 2018-04-26T11:44:35Z, finished 2018-04-26T11:49:32Z"), "\(status)")
    let restarts = try cli.run(["restarts", "single-ee7f20b3bcb047f893481e1999decba9-single-0"]).out
    #expect(!restarts.contains("now+"), "\(restarts)")
    #expect(restarts.contains("started 2018-04-26T11:44:35Z"))
  }

  /// A hello-world container under a Deployment, seen in a watch of `get pods`: Running at the end,
  /// but it loops on exit 0.
  @Test func aPodLoopingOnExitZeroIsListedAndExplained() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("tables/helloworld-exit0-get-pods-watch.txt")]).status == 0)
    let all = try cli.run(["why", "-A", "-o", "json"])
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(all.out.utf8)) as? [String: Any])
    let items = try #require(doc["items"] as? [[String: Any]])
    #expect(items.count == 1, "\(all.out)")
    // Its row counts the restarts the watch saw (not `Running 1/1 0`).
    let row = try cli.run(["get", "pods", "-A"]).out.split(separator: "\n").dropFirst().first.map { $0.split(separator: " ").map(String.init) }
    #expect(row.map { Array($0.suffix(4)) } == ["1/1", "Running", "3", "62s"], "\(String(describing: row))")
    let causes = try #require(items.first?["causes"] as? [[String: Any]])
    #expect(causes.first?["code"] as? String == "CrashLoop.Completed")
    #expect(causes.first?["confidence"] as? String == "medium")
    // No alternative is stated more surely than the top cause.
    let rank = ["low": 0, "medium": 1, "high": 2]
    let top = rank[causes.first?["confidence"] as? String ?? ""] ?? 0
    for c in causes.dropFirst() { #expect((rank[c["confidence"] as? String ?? ""] ?? 0) <= top) }
  }

  /// 008: a `get pods` row `node-admin 0/1 Pending` and a describe fragment (Tolerations and Events
  /// only, no container): READY is the row's 0/1, never 0/0.
  @Test func readyIsAsThePastedRowSaid() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("corpus/008-node-admin-selector-master-taint/input.txt")]).status == 0)
    let table = try cli.run(["get", "pods", "-A"]).out
    let row = try #require(table.split(separator: "\n").first { $0.contains("node-admin") })
    #expect(row.split(separator: " ").map(String.init) == ["<unknown>", "node-admin", "0/1", "Pending", "0", "87s"], "\(table)")
    #expect(try cli.run(["status", "node-admin"]).out.contains("Ready:          0/1\n"))
  }

  /// The krew manifest (docs/krew/podhist.yaml) has the fields krew's plugin manifest requires,
  /// and installs the `kubectl-podhist` name the binary answers to.
  @Test func theKrewManifestHasWhatKrewRequires() throws {
    let text = try String(contentsOf: repositoryRoot.appending(path: "docs/krew/podhist.yaml"), encoding: .utf8)
    let lines = text.components(separatedBy: "\n")
    for required in ["apiVersion: krew.googlecontainertools.github.com/v1alpha2", "kind: Plugin", "metadata:",
                     "  name: podhist", "spec:", "  shortDescription: ", "  platforms:", "    bin: kubectl-podhist"] {
      #expect(lines.contains { $0.hasPrefix(required) }, "docs/krew/podhist.yaml lacks `\(required)`")
    }
    #expect(lines.contains { $0.range(of: #"^  version: v\d+\.\d+\.\d+$"#, options: .regularExpression) != nil })
    for key in ["  - selector:", "    uri: https://", "    sha256: \""] {
      #expect(lines.contains { $0.hasPrefix(key) }, "each platform needs \(key)")
    }
  }

  /// A tool whose generator lives beside the checkout, not in it, says so and skips, exit 0, in a
  /// clone that lacks it.
  @Test func aToolNeedingSharedSkipsCleanlyWithoutIt() throws {
    let absent = FileManager.default.temporaryDirectory.appending(path: "absent-\(UUID().uuidString)/gen_events.py").path
    let (status, text) = try LayerTests.runTool("check_synthetic.py", ["--gen", absent, CLI.binary.path])
    #expect(status == 0, "\(text)")
    #expect(text.hasPrefix("check_synthetic: skipped: the generator ") && text.contains("pass --gen PATH"), "\(text)")
    #expect(!text.contains("Traceback"))
    // The benchmark likewise: nothing to measure is not a failure (and nothing is built first).
    let bench = try CLI().run(["/usr/bin/env", "python3", repositoryRoot.appending(path: "tools/bench/bench.py").path, "--sizes", "123",
                               "--gen", absent],
                              direct: true)
    let btext = bench.out + bench.err
    #expect(bench.status == 0 && btext.hasPrefix("bench: skipped: the generator "), "\(btext)")
  }

  /// Package.resolved is not checked in: Package.swift names minimum versions (`from:`) and the
  /// README names the versions built and tested, which must be at least those minimums.
  @Test func dependencyVersionsAreMinimumsWithTheTestedOnesNamed() throws {
    let manifest = try String(contentsOf: repositoryRoot.appending(path: "Package.swift"), encoding: .utf8)
    let readme = try String(contentsOf: repositoryRoot.appending(path: "README.md"), encoding: .utf8)
    let ignore = try String(contentsOf: repositoryRoot.appending(path: ".gitignore"), encoding: .utf8)
    #expect(ignore.components(separatedBy: "\n").contains("Package.resolved"))
    for (package, name) in [("swift-argument-parser", "swift-argument-parser"), ("Yams", "Yams")] {
      let from = try #require(manifest.firstMatch(of: try Regex("\(package)\", from: \"([0-9.]+)\"")), "\(package) by from:")
      let tested = try #require(readme.firstMatch(of: try Regex("\(name) ([0-9.]+)")), "README names \(name)'s tested version")
      let (f, t) = (String(from.output[1].substring ?? ""), String(tested.output[1].substring ?? ""))
      #expect(f.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes(t.split(separator: ".").compactMap { Int($0) }) || f == t,
              "\(package): from \(f), tested \(t)")
    }
  }
}
