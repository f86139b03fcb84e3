import Foundation
import TestSupport
import Testing

/// What the paste-shape suites (one per round of unseen pastes) do with a paste: import a corpus
/// input or a text into a fresh store, and read the top cause `why -A -o json` gives.
enum PasteCase {
  /// One pod's top cause as `why -A -o json` lists it, with the names of every pod listed.
  struct Top {
    var code: String?
    var confidence: String?
    var summary: String?
    var status: String?
    var pods: [String]
  }

  /// The top cause of `pod` (or of the first pod `why -A` lists).
  static func top(_ cli: CLI, pod: String? = nil) throws -> Top {
    let out = try cli.run(["why", "-A", "-o", "json"]).out
    let doc = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
    let items = (doc?["items"] as? [[String: Any]]) ?? []
    let item = items.first { pod == nil || $0["name"] as? String == pod }
    let cause = (item?["causes"] as? [[String: Any]])?.first
    return Top(code: cause?["code"] as? String, confidence: cause?["confidence"] as? String,
               summary: cause?["summary"] as? String, status: item?["status"] as? String,
               pods: items.compactMap { $0["name"] as? String })
  }

  /// A fresh store holding `fixtures/corpus/<corpusInput>`; the import must succeed.
  static func imported(_ corpusInput: String) throws -> CLI {
    let cli = try CLI()
    let r = try cli.run(["import", cli.fixture("corpus/\(corpusInput)")])
    #expect(r.status == 0, "\(r.err)")
    return cli
  }

  /// A fresh store and the result of importing `text` from a file called `name` (`-` reads it
  /// from standard input), with `options` before the file.
  static func imported(text: String, name: String = "paste.txt", options: [String] = []) throws -> (CLI, CLI.Result) {
    let cli = try CLI()
    if name == "-" { return (cli, try cli.run(["import"] + options + ["-"], stdin: Data(text.utf8))) }
    let url = URL(fileURLWithPath: cli.store).deletingLastPathComponent().appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return (cli, try cli.run(["import"] + options + [url.path]))
  }
}
