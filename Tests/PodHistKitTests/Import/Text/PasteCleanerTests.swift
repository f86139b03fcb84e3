import Foundation
import Testing
@testable import PodHistKit

@Suite struct PasteCleanerTests {
  @Test func crlfAndCommonIndentation() {
    let p = PasteCleaner.clean("    Name:  web\r\n    Status:  Running   \r\n      Labels:  a=b\r\n")
    #expect(p.lines.map(\.text) == ["Name:  web", "Status:  Running", "  Labels:  a=b"])
    #expect(p.lines.map(\.number) == [1, 2, 3])
  }

  @Test func loneCarriageReturnsAndNoFinalNewline() {
    let p = PasteCleaner.clean("a\rb\r\nc")
    #expect(p.lines.map(\.text) == ["a", "b", "c"])
  }

  @Test func tabsAreKeptTrailingWhitespaceGoes() {
    let p = PasteCleaner.clean("Name:\t\tweb\t \nIP:\t\t\n")
    #expect(p.lines.map(\.text) == ["Name:\t\tweb", "IP:"])
  }

  @Test func unicodeSpacesBomAndBoxDrawing() {
    let p = PasteCleaner.clean("\u{FEFF}Name:\u{00A0}\u{00A0}web\u{200B}\n  ─────────   ────\n")
    #expect(p.lines.map(\.text) == ["Name:  web", "  ---------   ----"])
  }

  @Test(arguments: [
    ("[root@master k8s]# kubectl get pod web", "kubectl get pod web"),
    ("$ kubectl describe pod web -n shop", "kubectl describe pod web -n shop"),
    ("sre@k8s-controller-01:~$ kubectl --namespace=kube-system describe pod coredns-1", "kubectl --namespace=kube-system describe pod coredns-1"),
    ("tim@laptop pods % kubectl describe pod cfg-reader-0", "kubectl describe pod cfg-reader-0"),
    ("PS C:\\> kubectl get pods -A", "kubectl get pods -A"),
    ("[Captains-Bay]🚩 >  kubectl describe po mc1", "kubectl describe po mc1"),
    ("# kubectl get pods -n cv --show-all  |  grep single", "kubectl get pods -n cv --show-all  |  grep single"),
    ("kubectl get pods node-admin", "kubectl get pods node-admin"),
    ("sre@k8s-controller-01:~$", ""),
  ])
  func promptsAreRecognised(_ line: String, _ command: String) {
    #expect(PasteCleaner.promptCommand(line) == command)
  }

  @Test(arguments: ["Name:  web", "  Message:  exec: \"wge\": executable file not found in $PATH: unknown",
                    "Events:", "I ran # this and it failed", "  Normal  Started  5s  kubelet  Started container app"])
  func dumpLinesAreNotPrompts(_ line: String) {
    #expect(PasteCleaner.promptCommand(line) == nil)
  }

  @Test func promptsAreBlankedAndHintsKept() {
    let p = PasteCleaner.clean("$ kubectl describe pod web -n shop\nName:  web\n```\n......\n$ kubectl get pods --all-namespaces\n")
    #expect(p.lines.map(\.text) == ["", "Name:  web", "", "", ""])
    #expect(p.blanked == [1, 3, 4, 5])
    #expect(p.commands.count == 2)
    #expect(p.commands[0].namespace == "shop")
    #expect(p.commands[0].podName == "web")
    #expect(p.commands[0].line == 1)
    #expect(p.commands[1].allNamespaces)
    #expect(p.commands[1].podName == nil)
  }

  @Test(arguments: [
    ("kubectl describe pod/web --namespace=shop", "web", "shop"),
    ("kubectl -n kube-system describe po coredns-1", "coredns-1", "kube-system"),
    ("kubectl get pods -o wide", nil, nil),
    ("kubectl get pod web -oyaml -nshop", "web", "shop"),
  ] as [(String, String?, String?)])
  func commandHints(_ command: String, _ pod: String?, _ namespace: String?) {
    let c = PasteCommand(line: 1, command: command)
    #expect(c.podName == pod)
    #expect(c.namespace == namespace)
  }

  @Test func quotedPasteIsUnquoted() {
    let p = PasteCleaner.clean("> Name:  web\n>\n> Events:\n>   Type  Reason\n")
    #expect(p.lines.map(\.text) == ["Name:  web", "", "Events:", "  Type  Reason"])
  }

  @Test func colourCodesAreRemoved() {
    let p = PasteCleaner.clean("\u{1B}[1mName:\u{1B}[0m  web\n  \u{1B}[33mWarning\u{1B}[0m  BackOff\n")
    #expect(p.lines.map(\.text) == ["Name:  web", "  Warning  BackOff"])
  }
}
