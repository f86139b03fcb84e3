import Foundation

/// A TIME given on the command line: RFC 3339 (`2020-07-03T07:58:09Z`), an RFC 1123 time, or
/// relative to the latest instant the store knows (`-5m`, `-1h30m`, `+10s`, `now`).
public enum TimeArgument {
  public static func parse(_ text: String, latest: Instant?) throws -> Instant {
    let t = text.trimmingCharacters(in: .whitespaces)
    if let abs = Instant.parse(t) { return abs }
    let base = latest ?? Instant(micros: 0)
    if t == "now" || t == "latest" { return base }
    if let sign = t.first, sign == "-" || sign == "+", let age = Age.parse(t.dropFirst()), let v = age.value {
      return sign == "-" ? base - v : base + v
    }
    throw QueryError.badTime(text)
  }
}
