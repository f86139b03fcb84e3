import Foundation

/// A TIME given on the command line: RFC 3339 (`2020-07-03T07:58:09Z`), an RFC 1123 time, or
/// relative to the latest instant the store knows (`-5m`, `-1h30m`, `+10s`, `now`).
public enum TimeArgument {
  /// Reads `text`, given as `flag` (named in the error). A time or an offset outside the years
  /// 0001 to 9999 (`Instant.readable`, `Age.maximumSeconds`) is `QueryError.timeOutOfRange`,
  /// anything else unreadable `QueryError.badTime`: both exit 2, never an overflow.
  public static func parse(_ text: String, flag: String = "--at", latest: Instant?) throws -> Instant {
    let t = text.trimmingCharacters(in: .whitespaces)
    if let abs = Instant.parse(t) { return abs }
    let base = latest ?? Instant(micros: 0)
    if t == "now" || t == "latest" { return base }
    if let sign = t.first, sign == "-" || sign == "+" {
      let offset = t.dropFirst()
      if let age = Age.parse(offset), let v = age.value {
        let instant = sign == "-" ? base - v : base + v
        guard Instant.readable.contains(instant) else { throw QueryError.timeOutOfRange(flag: flag, text: text) }
        return instant
      }
      // Digits and units that `Age.parse` refused are an offset too long to be one.
      if !offset.isEmpty, offset.allSatisfy({ $0.isASCII && ($0.isNumber || "smhdy".contains($0)) }),
         offset.first?.isNumber == true, offset.last?.isNumber == false {
        throw QueryError.timeOutOfRange(flag: flag, text: text)
      }
    }
    if looksLikeOutOfRangeDate(t) { throw QueryError.timeOutOfRange(flag: flag, text: text) }
    throw QueryError.badTime(flag: flag, text: text)
  }

  /// A date whose year has more than four digits (`999999-01-01T00:00:00Z`) or is 0000.
  static func looksLikeOutOfRangeDate(_ t: String) -> Bool {
    let digits = t.prefix { $0.isASCII && $0.isNumber }
    guard digits.count >= 4, t.dropFirst(digits.count).first == "-" else { return false }
    return digits.count > 4 || digits == "0000"
  }
}
