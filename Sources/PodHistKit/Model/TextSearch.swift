import Foundation

/// Substring search without Foundation's detour: on Linux, Foundation's `contains(_:)` (what
/// `"…".contains("…")` resolves to wherever Foundation is imported) bridges both strings to
/// `NSString` and searches UTF-16 through `CFStringFind`, for every call. The rules and the
/// projection ask dozens of such questions of every Event message, so a pod with 10^4 Events
/// spent much of its `why` there.
///
/// When the text is ASCII and the word ASCII without CR or LF, each character is one byte and one
/// grapheme, so a byte search (`memmem`) gives exactly Foundation's answer; any other text is
/// left to Foundation, so the answers never differ.
enum TextSearch {
  /// Whether `word` occurs in `text` (Foundation's `contains(_:)`, faster on ASCII).
  static func contains<S: StringProtocol>(_ text: S, _ word: String) -> Bool {
    if let found = asciiContains(text.utf8, word.utf8) { return found }
    return text.range(of: word) != nil
  }

  /// The byte search's answer when both are ASCII (the word non-empty, without CR or LF); nil
  /// when Foundation must answer.
  static func asciiContains<T: Collection, W: Collection>(_ text: T, _ word: W) -> Bool?
  where T.Element == UInt8, W.Element == UInt8 {
    let answer: Bool?? = word.withContiguousStorageIfAvailable { w -> Bool? in
      guard !w.isEmpty, w.allSatisfy({ $0 < 0x80 && $0 != 0x0A && $0 != 0x0D }) else { return nil }
      return text.withContiguousStorageIfAvailable { t -> Bool? in
        guard isASCII(t) else { return nil }
        guard t.count >= w.count, let tb = t.baseAddress, let wb = w.baseAddress else { return false }
        return find(wb, count: w.count, in: tb, count: t.count)
      } ?? nil
    }
    return answer ?? nil
  }

  /// Whether the `m` bytes at `w` occur in the `n` bytes at `t` (`m` ≥ 1, `m` ≤ `n`): the first
  /// byte found by `memchr`, the rest compared by `memcmp`.
  static func find(_ w: UnsafePointer<UInt8>, count m: Int, in t: UnsafePointer<UInt8>, count n: Int) -> Bool {
    var i = 0
    while i <= n - m {
      guard let p = memchr(t + i, Int32(w[0]), n - m - i + 1) else { return false }
      let j = UnsafeRawPointer(t).distance(to: UnsafeRawPointer(p))
      if memcmp(t + j, w, m) == 0 { return true }
      i = j + 1
    }
    return false
  }

  /// Whether every byte is below 0x80 (eight at a time).
  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let n = bytes.count
    var i = 0
    while i + 8 <= n {
      if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
      i += 8
    }
    while i < n {
      if base[i] >= 0x80 { return false }
      i += 1
    }
    return true
  }
}

extension String {
  /// Whether `other` occurs in the string: Foundation's answer, found without bridging when
  /// both are ASCII (`TextSearch`).
  func contains(_ other: String) -> Bool { TextSearch.contains(self, other) }
}

extension Substring {
  /// Whether `other` occurs in the substring: Foundation's answer, found without bridging when
  /// both are ASCII (`TextSearch`).
  func contains(_ other: String) -> Bool { TextSearch.contains(self, other) }
}
