import Foundation
import Testing
@testable import PodHistKit

/// The byte search behind `contains(_:)` gives Foundation's answer on every text: searched
/// bytewise on ASCII, left to Foundation where a byte match could differ from a character match.
@Suite struct TextSearchTests {
  /// Foundation's own answer (what `contains(_:)` resolved to before).
  static func foundation<S: StringProtocol>(_ text: S, _ word: String) -> Bool { text.range(of: word) != nil }

  @Test func agreesWithFoundationOnManyASCIITexts() {
    // Every text of up to 6 characters over a small alphabet against words of up to 4: matches at
    // the start, the end, overlapping (`aab` in `aaab`), repeated first bytes, none.
    let alphabet: [Character] = ["a", "b", " ", ":"]
    var texts = [""]
    var layer = [""]
    for _ in 1...6 {
      layer = layer.flatMap { t in alphabet.map { t + String($0) } }
      texts += layer.enumerated().filter { $0.element.count < 5 || $0.offset % 7 == 0 }.map(\.element)
    }
    let words = ["a", "b", "ab", "ba", "aab", "a:", " b", ": a", "abc", "aaaa"]
    var checked = 0
    for t in texts {
      for w in words {
        #expect(t.contains(w) == Self.foundation(t, w), "\(t.debugDescription) ∋ \(w.debugDescription)")
        #expect(t[...].contains(w) == Self.foundation(t[...], w))
        #expect(TextSearch.asciiContains(t.utf8, w.utf8) != nil)
        checked += 1
      }
    }
    #expect(checked > 1000)
  }

  @Test func realMessages() {
    let m = "liveness probe failed: http probe failed with statuscode: 503 (request 42)"
    #expect(m.contains("liveness probe"))
    #expect(m.contains("(request 42)"))
    #expect(!m.contains("readiness"))
    #expect(!m.contains("probe errored"))
    #expect(String(m.prefix(20)).contains("liveness"))
    #expect(!m.prefix(8).contains("liveness probe"))
  }

  /// Where bytes and characters disagree, Foundation decides: an empty word is never contained,
  /// a letter followed by a combining accent is another character, a CR LF is one character.
  @Test func nonASCIIAndEdgeCasesAreFoundations() {
    let cases: [(String, String)] = [
      ("abc", ""), ("", ""), ("", "a"), ("e\u{301}x", "e"), ("cafe\u{301}", "cafe"), ("Kelvin \u{212A}", "K"),
      ("a\r\nb", "\n"), ("a\r\nb", "\r"), ("ünïcödé probe failed", "probe"), ("ünïcödé", "c"), ("ABC", "abc"),
      ("x\u{1F600}y", "y"), ("back-off 10s", "back-off 10s restarting"),
    ]
    for (t, w) in cases {
      #expect(t.contains(w) == Self.foundation(t, w), "\(t.debugDescription) ∋ \(w.debugDescription)")
    }
    #expect(TextSearch.asciiContains("e\u{301}x".utf8, "e".utf8) == nil)
    #expect(TextSearch.asciiContains("abc".utf8, "".utf8) == nil)
    #expect(TextSearch.asciiContains("a\r\nb".utf8, "\n".utf8) == nil)
    #expect(TextSearch.asciiContains("abc".utf8, "bc".utf8) == true)
    #expect(!"e\u{301}x".contains("e"))
    #expect(!"abc".contains(""))
  }
}
