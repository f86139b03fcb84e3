import Foundation
import Testing
@testable import PodHistKit

/// Text from a cluster or a paste cannot become markup, script, style, a link or a reordering.
@Suite struct HTMLEscapingTests {
  @Test(arguments: [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("</svg><svg onload=alert(1)>", "&lt;/svg&gt;&lt;svg onload=alert(1)&gt;"),
    ("\" onload=\"alert(1)", "&quot; onload=&quot;alert(1)"),
    ("' onmouseover='x", "&#39; onmouseover=&#39;x"),
    ("a & b", "a &amp; b"),
    ("bell\u{07}nul\u{00}esc\u{1B}[31m", "bell\u{FFFD}nul\u{FFFD}esc\u{FFFD}[31m"),
    ("c1\u{85}del\u{7F}", "c1\u{FFFD}del\u{FFFD}"),
    ("abc\u{202E}gpj.exe", "abc\u{FFFD}gpj.exe"),
    ("\u{2066}iso\u{2069}\u{200F}", "\u{FFFD}iso\u{FFFD}\u{FFFD}"),
    ("tab\tand\nnewline", "tab\tand\nnewline"),
    ("ünïcødé 漢字 ✓", "ünïcødé 漢字 ✓"),
  ])
  func escapes(_ input: String, _ expected: String) {
    #expect(HTMLEscaping.escape(input) == expected)
  }

  /// A whole page built from hostile names, reasons and messages: none of it is live.
  @Test func aHostilePodMakesAnInertPage() throws {
    let hostile = "<script>alert(1)</script></svg></style><style>*{display:none}</style>\"onload=alert(1) "
      + "<a href=\"javascript:alert(1)\">x</a><img src=x onerror=alert(1)>\u{202E}\u{07}"
    let pod = "web-\u{202E}evil"
    var facts: [Fact] = []
    for i in 0..<5 {
      var f = eventFact(pod: pod, reason: i == 0 ? "Unhealthy" : "<b>Reason\(i)</b>", message: hostile,
                        first: "2024-01-01T00:0\(i):00Z", container: "c<script>", line: i + 1, source: "evil\"<src>.json")
      f.object = ObjectRef(namespace: "ns\"><script>", name: pod)
      facts.append(f)
    }
    let state = project(facts, at: nil)
    let explanation = Explainer.explain(state, facts: facts)
    let picture = PodPicture.build(facts: facts, state: state, explanation: explanation, cursor: nil)
    let html = PodPage.html(picture)
    for bad in ["<script", "</style><style>", "<img", "<a href=\"javascript:", "\"onload", "\u{202E}", "\u{07}", "<b>Reason"] {
      #expect(!html.contains(bad), "page holds \(bad.debugDescription)")
    }
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    // Ours only: one svg, one style, no script element, no link but the policy's own words.
    #expect(html.components(separatedBy: "<svg").count == 2)
    #expect(html.components(separatedBy: "</svg>").count == 2)
    #expect(html.components(separatedBy: "<style>").count == 2)
    #expect(!html.contains("href=\""))
    #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"))
  }
}
