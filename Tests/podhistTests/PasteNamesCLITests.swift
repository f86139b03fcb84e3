import Foundation
import Testing

/// A pod or container the paste leaves unnamed where its facts are, but names in a message
/// elsewhere (the kubelet's `Container "X" in Pod "Y_ns(uid)"`, the scheduler's `Successfully
/// assigned ns/Y`, kubectl's `pod "Y" created`): listed under that name, not `(unnamed)`/`unknown`.
@Suite struct PasteNamesCLITests {
  static func pods(_ corpusCase: String) throws -> (table: String, json: String) {
    let cli = try CLI()
    let dir = CLI.root.appending(path: "fixtures/corpus/\(corpusCase)")
    let inputs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("input") }.sorted()
    let r = try cli.run(["import"] + inputs.map { dir.appending(path: $0).path })
    #expect(r.status == 0, "\(r.err)")
    return (try cli.run(["get", "pods", "-A"]).out, try cli.run(["get", "pods", "-A", "-o", "json"]).out)
  }

  static func rows(_ table: String) -> [[String]] {
    table.split(separator: "\n").dropFirst().map { $0.split(separator: " ").map(String.init) }
  }

  /// 231: a container status fragment whose waiting message names the container and the pod.
  @Test func theKubeletMessageNamesThePodAndTheContainer() throws {
    let (table, json) = try PasteNamesCLITests.pods("231-poststart-script-exit124-waiting-reason-yaml-hand-edited-2019")
    #expect(PasteNamesCLITests.rows(table).map { Array($0.prefix(2)) } == [["daily", "test-78f7dcbf75-47f28"]], "\(table)")
    #expect(json.contains("\"name\": \"retail-stock-scm\""), "\(json)")
    #expect(!json.contains("\"name\": \"unknown\""))
  }

  /// 182: wrapped event rows without their object column; the scheduler's message and the CNI's
  /// error name one pod in kube-system.
  @Test func theSchedulersMessageNamesThePodOfUnnamedEvents() throws {
    let (table, _) = try PasteNamesCLITests.pods("182-coredns-sandbox-stale-cilium-cni-wrapped-rows-placeholders-2020")
    #expect(PasteNamesCLITests.rows(table).map { Array($0.prefix(2)) } == [["kube-system", "coredns-6955765f44-clbhk"]], "\(table)")
  }

  /// 268: an events row cut from a watch, after kubectl's `pod "liveness-exec" created`.
  @Test func kubectlsCreatedLineNamesThePod() throws {
    let (table, _) = try PasteNamesCLITests.pods("268-liveness-exec-gke-empty-output-heredoc-watch-grep-row-2016")
    #expect(PasteNamesCLITests.rows(table).map { $0[1] } == ["liveness-exec"], "\(table)")
    #expect(!table.contains("unnamed"))
  }
}
