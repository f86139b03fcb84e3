import Foundation
import Testing
@testable import PodHistKit

/// The decoration pass: what people wrap around kubectl output in tickets and chats comes off,
/// line numbers stay, and the import report says what was removed.
@Suite struct PasteDecorationTests {
  static let row = "  Warning  BackOff  2m  kubelet  Back-off restarting failed container"

  @Test(arguments: [
    ("**" + row + "**", PasteDecoration.emphasis),
    ("__Warning  BackOff  2m  kubelet  Back-off restarting failed container__", .emphasis),
    ("`" + row + "`", .backticks),
    ("> " + row, .blockquote),
    ("> > " + row, .blockquote),
    ("*Warning  BackOff  2m  kubelet  Back-off restarting failed container*", .emphasis),
  ])
  func wrappersComeOff(_ line: String, _ kind: PasteDecoration) {
    let p = PasteCleaner.clean(line)
    #expect(p.lines.map { $0.text.trimmingCharacters(in: .whitespaces) } == [PasteDecorationTests.row.trimmingCharacters(in: .whitespaces)])
    #expect(p.decorations[1]?.contains(kind) == true)
  }

  @Test func nestedDecorationsComeOffInAnyOrder() {
    for line in ["**> " + PasteDecorationTests.row + "**", "> `" + PasteDecorationTests.row + "`", "`**Warning  BackOff  2m  kubelet  x**`"] {
      let t = PasteCleaner.clean(line).lines.first?.text ?? ""
      #expect(t.hasPrefix("Warning  BackOff"), "\(line) → \(t)")
    }
  }

  /// A closing fence glued to the last row of a block (corpus 297), with or without a wrapper.
  @Test func aFenceGluedToARowComesOff() {
    for line in [PasteDecorationTests.row + "```", "`" + PasteDecorationTests.row + "````"] {
      #expect(PasteCleaner.clean(line).lines.first?.text == "Warning  BackOff  2m  kubelet  Back-off restarting failed container", "\(line)")
    }
  }

  @Test func inlineEmphasisOnAWord() {
    let t = PasteCleaner.clean("**Warning**: FailedSync Error syncing pod").lines.first?.text
    #expect(t == "Warning: FailedSync Error syncing pod")
  }

  @Test func placeholdersWithStarsAreNotEmphasis() {
    let t = PasteCleaner.clean("  Normal  Scheduled  1m  default-scheduler  Successfully assigned default/my-app-*** to node-1").lines.first?.text
    #expect(t?.hasSuffix("my-app-*** to node-1") == true)
  }

  @Test func bulletsComeOffARunButNotYAML() {
    let bulleted = PasteCleaner.clean("- Warning  BackOff  2m  kubelet  Back-off\n- Normal  Pulled  3m  kubelet  Container image \"x\" already present on machine")
    #expect(bulleted.lines.map(\.text) == ["Warning  BackOff  2m  kubelet  Back-off", "Normal  Pulled  3m  kubelet  Container image \"x\" already present on machine"])
    let yaml = PasteCleaner.clean("- name: web\n- name: db")
    #expect(yaml.lines.map(\.text) == ["- name: web", "- name: db"])
  }

  @Test func aTableKeepsItsColumnsAligned() {
    let p = PasteCleaner.clean("> NAME    READY   STATUS             RESTARTS   AGE\n> web-0   0/1     CrashLoopBackOff   4          2m")
    let lines = p.lines.map(\.text)
    #expect(lines[0].range(of: "STATUS")?.lowerBound.utf16Offset(in: lines[0]) == lines[1].range(of: "CrashLoopBackOff")?.lowerBound.utf16Offset(in: lines[1]))
  }

  @Test func markdownTablesAndHandMadeSeparatorsAreRealigned() throws {
    let md = """
    | Type | Reason | Age | From | Message |
    |------|--------|-----|------|---------|
    | Warning | BackOff | 2m | kubelet | Back-off restarting failed container |
    """
    let r = try importText(md)
    let e = try #require(r.event("BackOff"))
    #expect(e.type == "Warning")
    #expect(e.message == "Back-off restarting failed container")
    let dashed = try importText("Warning - BackOff - 2m - kubelet - Back-off restarting failed container web-1 - retrying")
    #expect(dashed.event("BackOff")?.message == "Back-off restarting failed container web-1 - retrying")
    #expect(dashed.report.notes.contains { $0.contains("hand-made column separators") })
  }

  @Test func describeFieldsWithBarsAreNotTables() {
    let line = "Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable"
    let p = PasteCleaner.clean("Name:  web\n" + line + "\nStrategyType:  RollingUpdate")
    #expect(p.lines[1].text == Substring(line))
    #expect(p.decorations.isEmpty)
  }

  @Test func aTableRightUnderItsCommand() {
    let p = PasteCleaner.clean("kubectl get pods -n kube-system\n| NAME | READY | STATUS |\n|--|--|--|\n| web-0 | 0/1 | Error |")
    #expect(p.commands.count == 1)
    #expect(p.lines[3].text.hasPrefix("web-0"))
  }

  @Test(arguments: ["❯ kubectl describe pod web-0", "➜  ~ kubectl describe pod web-0", "» kubectl describe pod web-0",
                    "λ kubectl describe pod web-0"])
  func promptGlyphs(_ line: String) {
    #expect(PasteCleaner.promptCommand(line) == "kubectl describe pod web-0")
  }

  @Test(arguments: ["[...]", "(...)", "<snip>", "-- snip --", "# ...", "(truncated)", "<output omitted>", "......", "…"])
  func elisionMarksAreBlanked(_ line: String) {
    #expect(PasteCleaner.isNonDumpMarker(line))
  }

  @Test func separatorsUnderAHeaderAreNotElisions() {
    #expect(!PasteCleaner.isNonDumpMarker("----     ------     ----"))
  }

  @Test func lineNumbersStayTheUsersAndTheReportSaysWhatWasRemoved() throws {
    let text = "Here is what I see:\n\n> **Events:**\n>   Type     Reason   Age   From     Message\n>   ----     ------   ----  ----     -------\n>   Warning  BackOff  2m    kubelet  Back-off restarting failed container\n"
    let r = try importText(text)
    let f = try #require(r.eventFact("BackOff"))
    #expect(f.provenance.firstLine == 6)
    #expect(r.report.notes.contains { $0.hasPrefix("lines 3–6: removed blockquote marks") })
  }

  @Test func aQuoteMarkAloneIsNotAPrompt() {
    let p = PasteCleaner.clean("$ kubectl get pods web-0\n>\n> NAME    READY   STATUS    RESTARTS   AGE\n")
    #expect(p.commands.count == 1)
    #expect(p.commands[0].podName == "web-0")
  }
}
