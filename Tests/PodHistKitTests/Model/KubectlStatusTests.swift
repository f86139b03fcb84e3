import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// The STATUS column as a typed value: each shape printPod prints is read into its case, every
/// text prints back byte for byte, and the readers that used to take the text apart
/// (PodState.statusIsInit/statusWord, StatusTone) answer from the value.
@Suite struct KubectlStatusTests {
  @Test func eachShapeIsItsCase() {
    #expect(KubectlStatus("CrashLoopBackOff") == .reason(.crashLoopBackOff))
    #expect(KubectlStatus("ExitCode:137") == .exitCode(137))
    #expect(KubectlStatus("Signal:9") == .signal(9))
    #expect(KubectlStatus("Init:0/2") == .initProgress(done: 0, of: 2))
    #expect(KubectlStatus("Init:CrashLoopBackOff") == .initContainer(.reason(.crashLoopBackOff)))
    #expect(KubectlStatus("Init:ExitCode:1") == .initContainer(.exitCode(1)))
    #expect(KubectlStatus("Init:Signal:15").word == .signal(15))
    #expect(KubectlStatus("OutOfnvidia.com/gpu") == .other("OutOfnvidia.com/gpu"))
    // Shapes that would not print back as written stay text.
    #expect(KubectlStatus("ExitCode:01") == .other("ExitCode:01"))
    #expect(KubectlStatus("Init:") == .other("Init:"))
    #expect(KubectlStatus("Init:1/x") == .initContainer(.other("1/x")))
  }

  /// Every STATUS of the corpus's pods tables, every known reason with and without `Init:`, and
  /// odd texts: read then printed, the same text.
  @Test func everyTextPrintsBack() throws {
    var texts = StatusReason.allCases.flatMap { [$0.rawValue, "Init:" + $0.rawValue] }
    texts += ["ExitCode:0", "ExitCode:-1", "Signal:9", "Init:Signal:9", "Init:0/1", "Init:12/13", "Init:1/2/3", "Init:Init:0/1",
              "ExitCode:", "Signal:+9", "ExitCode:99999999999999999999", "", "Running ", "Ready:1/1", "Init:-1/2"]
    let corpus = repositoryRoot.appending(path: "fixtures/corpus")
    for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path()).sorted() {
      let path = corpus.appending(path: "\(name)/input.txt")
      guard let text = try? String(contentsOf: path, encoding: .utf8) else { continue }
      let r = try importText(text, source: name)
      texts += r.statuses.compactMap { $0.snapshot?.row?.status }
    }
    #expect(texts.count > 300)
    for t in texts { #expect(KubectlStatus(t).description == t) }
  }

  @Test func podStateReadsItsStatusAsAValue() {
    var s = PodState(object: ObjectRef(kind: "Pod", namespace: "default", name: "web"), at: Instant(micros: 0))
    s.status = "Init:CrashLoopBackOff"
    #expect(s.statusIsInit && s.statusWord == "CrashLoopBackOff" && s.statusValue.word.reason == .crashLoopBackOff)
    s.status = "Init:0/1"
    #expect(s.statusIsInit && s.statusWord == "Init:0/1")
    s.status = "ExitCode:2"
    #expect(!s.statusIsInit && s.statusValue.isBareTermination)
  }

  @Test(arguments: [("Running", StatusTone.ok), ("Completed", .done), ("ContainerCreating", .pending), ("Terminating", .pending),
                    ("CrashLoopBackOff", .failing), ("Evicted", .failing), ("ExitCode:1", .failing), ("Signal:9", .failing),
                    ("Init:0/1", .pending), ("Init:Error", .failing), ("Init:PodInitializing", .pending), ("Init:ExitCode:2", .failing),
                    ("SomethingNew", .ok), ("Init:SomethingNew", .pending)])
  func toneOfEachStatus(_ text: String, _ tone: StatusTone) {
    #expect(StatusTone(statusWord: text) == tone)
    #expect(StatusTone(status: KubectlStatus(text)) == tone)
  }
}
