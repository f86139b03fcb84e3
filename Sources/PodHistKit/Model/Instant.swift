import Foundation

/// A point in time: integer microseconds since the Unix epoch, UTC.
///
/// Every time podhist stores is an `Instant`; dumps print seconds (RFC 3339, RFC 1123Z) or
/// microseconds (`MicroTime`), and relative ages are resolved to instants on import.
///
/// Times read from input lie in the years 0001 to 9999 (`Instant.readable`: the parsers return
/// nil outside it). Arithmetic on instants and durations saturates at the ends of `Int64`
/// instead of trapping, so no value from a dump or a flag can stop the program.
public struct Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// Microseconds since 1970-01-01T00:00:00Z.
  public var micros: Int64

  /// The instant `micros` microseconds after the epoch.
  public init(micros: Int64) { self.micros = micros }
  /// The instant `seconds` seconds after the epoch, clamped to what `Int64` microseconds hold.
  public init(seconds: Int64) { self.micros = Int64.saturating(seconds, times: 1_000_000) }

  /// The instants a dump or a flag may name: 0001-01-01T00:00:00Z up to 9999-12-31T23:59:59.999999Z.
  public static let readable = Instant(micros: -62_135_596_800_000_000)...Instant(micros: 253_402_300_799_999_999)

  /// Earlier instants first.
  public static func < (a: Instant, b: Instant) -> Bool { a.micros < b.micros }
  /// `a` moved by `d`, saturating at the ends of `Int64`.
  public static func + (a: Instant, d: Duration) -> Instant { Instant(micros: Int64.saturating(a.micros, plus: d.micros)) }
  /// `a` moved back by `d`, saturating at the ends of `Int64`.
  public static func - (a: Instant, d: Duration) -> Instant { Instant(micros: Int64.saturating(a.micros, minus: d.micros)) }
  /// The span from `b` to `a`, saturating at the ends of `Int64`.
  public static func - (a: Instant, b: Instant) -> Duration { Duration(micros: Int64.saturating(a.micros, minus: b.micros)) }

  /// Decodes integer microseconds since the epoch (the Codable form stored in chunks; output prints RFC 3339).
  public init(from decoder: any Decoder) throws {
    micros = try decoder.singleValueContainer().decode(Int64.self)
  }
  /// Encodes as integer microseconds since the epoch.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(micros)
  }

  /// RFC 3339 in UTC, with fractional seconds only when the instant has them.
  public var rfc3339: String {
    let secs = micros.floorDiv(1_000_000)
    let frac = micros - secs * 1_000_000
    var t = time_t(secs)
    var tmv = tm()
    gmtime_r(&t, &tmv)
    let year = Int(tmv.tm_year) + 1900
    if (0...9999).contains(year) {
      // Digits written directly: `String(format:)` is slow, and the whole-store views print
      // (and write into sentences) an instant per pod.
      let fields = [(year, 4), (Int(tmv.tm_mon) + 1, 2), (Int(tmv.tm_mday), 2), (Int(tmv.tm_hour), 2),
                    (Int(tmv.tm_min), 2), (Int(tmv.tm_sec), 2), (Int(frac), 6)]
      let separators: [UInt8] = [45, 45, 84, 58, 58, 46, 90]  // - - T : : . Z
      return String(unsafeUninitializedCapacity: 27) { buf in
        var n = 0
        for (i, (value, width)) in fields.enumerated() where i < 6 || frac != 0 {
          var v = value
          for k in stride(from: width - 1, through: 0, by: -1) {
            buf[n + k] = UInt8(48 + v % 10)
            v /= 10
          }
          n += width
          buf[n] = i == 5 && frac == 0 ? 90 : separators[i]
          n += 1
        }
        return n
      }
    }
    let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(tmv.tm_year) + 1900, Int(tmv.tm_mon) + 1,
                      Int(tmv.tm_mday), Int(tmv.tm_hour), Int(tmv.tm_min), Int(tmv.tm_sec))
    return frac == 0 ? base + "Z" : base + String(format: ".%06d", Int(frac)) + "Z"
  }

  /// The RFC 3339 form in UTC.
  public var description: String { rfc3339 }

  /// Parses RFC 3339 / ISO 8601 (`2020-07-03T07:58:09Z`, `...09.482913Z`, `...09+02:00`,
  /// also with a space instead of `T`). Returns nil when the text is not such a time.
  public static func parseRFC3339(_ text: String) -> Instant? {
    let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
    guard s.count >= 19 else { return nil }
    func num(_ from: Int, _ len: Int) -> Int? {
      guard from + len <= s.count else { return nil }
      var v = 0
      for i in from..<(from + len) {
        let c = s[i]
        guard c >= 48 && c <= 57 else { return nil }
        v = v * 10 + Int(c - 48)
      }
      return v
    }
    guard let y = num(0, 4), s[4] == 45, let mo = num(5, 2), s[7] == 45, let d = num(8, 2),
          s[10] == 84 || s[10] == 116 || s[10] == 32,
          let h = num(11, 2), s[13] == 58, let mi = num(14, 2), s[16] == 58, let se = num(17, 2)
    else { return nil }
    var i = 19
    var frac: Int64 = 0
    if i < s.count, s[i] == 46 {
      i += 1
      var digits = 0
      while i < s.count, s[i] >= 48, s[i] <= 57 {
        if digits < 6 { frac = frac * 10 + Int64(s[i] - 48) }
        digits += 1
        i += 1
      }
      guard digits > 0 else { return nil }
      if digits < 6 { for _ in digits..<6 { frac *= 10 } }
    }
    var offset = 0
    if i < s.count {
      switch s[i] {
      case 90, 122: i += 1
      case 43, 45:
        let sign = s[i] == 45 ? -1 : 1
        guard let oh = num(i + 1, 2) else { return nil }
        var om = 0
        if let m = num(i + 4, 2), s[i + 3] == 58 { om = m; i += 6 }
        else if let m = num(i + 3, 2) { om = m; i += 5 }
        else { i += 3 }
        offset = sign * (oh * 3600 + om * 60)
      default: return nil
      }
    }
    guard i == s.count, (1...12).contains(mo), (1...daysInMonth(y, mo)).contains(d), h < 24, mi < 60, se < 61 else { return nil }
    let days = daysFromCivil(y, mo, d)
    let secs = Int64(days) * 86400 + Int64(h * 3600 + mi * 60 + se) - Int64(offset)
    let instant = Instant(micros: secs * 1_000_000 + frac)
    return readable.contains(instant) ? instant : nil
  }

  /// Parses the RFC 1123 forms kubectl describe prints: `Fri, 03 Jul 2020 03:56:44 -0400`
  /// (RFC1123Z), `Fri, 03 Jul 2020 03:56:44 UTC` / `GMT` / `+0000`, and Go's `time.String()`
  /// form `2020-07-03 03:56:44 -0400 EDT`. The zone offset is applied; the result is UTC.
  public static func parseRFC1123(_ text: String) -> Instant? {
    var t = text.trimmingCharacters(in: .whitespaces)
    if let comma = t.firstIndex(of: ","), t.distance(from: t.startIndex, to: comma) <= 9 {
      t = String(t[t.index(after: comma)...]).trimmingCharacters(in: .whitespaces)
    }
    let parts = t.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    if parts.count >= 4, let d = Int(parts[0]), let mo = monthNumber(parts[1]), let y = Int(parts[2]) {
      let hms = parts[3].split(separator: ":").compactMap { Int($0) }
      // Bounded before any arithmetic: a day, a year of 1...9999 (two digits are 20yy), a time of day.
      guard hms.count == 3, (1...31).contains(d), (0...9999).contains(y), (0...23).contains(hms[0]),
            (0...59).contains(hms[1]), (0...60).contains(hms[2]) else { return nil }
      let offset = parts.count >= 5 ? zoneOffset(parts[4]) : 0
      guard let offset else { return nil }
      let yy = y < 100 ? 2000 + y : y
      guard d <= daysInMonth(yy, mo) else { return nil }  // no 30 February
      let secs = Int64(daysFromCivil(yy, mo, d)) * 86400 + Int64(hms[0] * 3600 + hms[1] * 60 + hms[2]) - Int64(offset)
      let instant = Instant(seconds: secs)
      return readable.contains(instant) ? instant : nil
    }
    // Go's default layout: 2006-01-02 15:04:05 -0700 MST
    if parts.count >= 2, let base = parseRFC3339(parts[0] + "T" + parts[1] + "Z") {
      let offset = parts.count >= 3 ? (zoneOffset(parts[2]) ?? 0) : 0
      let instant = Instant(micros: base.micros - Int64(offset) * 1_000_000)
      return readable.contains(instant) ? instant : nil
    }
    return nil
  }

  /// Any absolute time podhist accepts from a user or a dump.
  public static func parse(_ text: String) -> Instant? {
    parseRFC3339(text) ?? parseRFC1123(text)
  }
}

/// A signed span of time in microseconds; arithmetic saturates at the ends of `Int64`.
public struct Duration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The span in microseconds.
  public var micros: Int64
  /// A span of `micros` microseconds.
  public init(micros: Int64) { self.micros = micros }
  /// A span of `s` seconds, clamped to what `Int64` microseconds hold.
  public static func seconds(_ s: Int64) -> Duration { Duration(micros: Int64.saturating(s, times: 1_000_000)) }
  /// Shorter (or more negative) spans first.
  public static func < (a: Duration, b: Duration) -> Bool { a.micros < b.micros }
  /// The sum, saturating at the ends of `Int64`.
  public static func + (a: Duration, b: Duration) -> Duration { Duration(micros: Int64.saturating(a.micros, plus: b.micros)) }
  /// The difference, saturating at the ends of `Int64`.
  public static func - (a: Duration, b: Duration) -> Duration { Duration(micros: Int64.saturating(a.micros, minus: b.micros)) }
  /// The empty span.
  public static let zero = Duration(micros: 0)
  /// The span in seconds, as a Double (exact up to about 285 years).
  public var seconds: Double { Double(micros) / 1_000_000 }

  /// Decodes integer microseconds.
  public init(from decoder: any Decoder) throws {
    micros = try decoder.singleValueContainer().decode(Int64.self)
  }
  /// Encodes as integer microseconds.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(micros)
  }

  /// Human form in the style kubectl prints ages: `45s`, `3m20s`, `2h5m`, `3d4h`.
  public var description: String {
    let neg = micros < 0
    var s = micros.magnitude / 1_000_000
    let d = s / 86400; s %= 86400
    let h = s / 3600; s %= 3600
    let m = s / 60; s %= 60
    var out = ""
    if d > 0 { out += "\(d)d" }
    if h > 0 { out += "\(h)h" }
    if m > 0 && d == 0 { out += "\(m)m" }
    if (s > 0 && d == 0 && h == 0) || out.isEmpty { out += "\(s)s" }
    return (neg ? "-" : "") + out
  }
}

/// The days of month `m` (1-12) of year `y` in the proleptic Gregorian calendar (February 29 in leap years).
func daysInMonth(_ y: Int, _ m: Int) -> Int {
  switch m {
  case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
  case 4, 6, 9, 11: 30
  default: 31
  }
}

func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
  let y = m <= 2 ? y0 - 1 : y0
  let era = (y >= 0 ? y : y - 399) / 400
  let yoe = y - era * 400
  let mp = (m + 9) % 12
  let doy = (153 * mp + 2) / 5 + d - 1
  let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
  return era * 146097 + doe - 719468
}

private func monthNumber(_ s: String) -> Int? {
  let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
  guard let i = names.firstIndex(of: String(s.lowercased().prefix(3))) else { return nil }
  return i + 1
}

/// Seconds east of UTC for `-0400`, `+05:30`, `UTC`, `GMT`, `Z`; nil for anything else.
private func zoneOffset(_ z: String) -> Int? {
  let u = z.uppercased()
  if u == "UTC" || u == "GMT" || u == "Z" { return 0 }
  let c = Array(u.utf8)
  guard c.count >= 5, c[0] == 43 || c[0] == 45 else { return nil }
  let digits = c.dropFirst().filter { $0 != 58 }
  guard digits.count == 4, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
  let v = digits.map { Int($0 - 48) }
  let off = (v[0] * 10 + v[1]) * 3600 + (v[2] * 10 + v[3]) * 60
  return c[0] == 45 ? -off : off
}

extension Int64 {
  /// `a + b`, or the nearest end of `Int64` when that overflows.
  static func saturating(_ a: Int64, plus b: Int64) -> Int64 {
    let (v, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b < 0 ? .min : .max) : v
  }
  /// `a - b`, or the nearest end of `Int64` when that overflows.
  static func saturating(_ a: Int64, minus b: Int64) -> Int64 {
    let (v, overflow) = a.subtractingReportingOverflow(b)
    return overflow ? (b < 0 ? .max : .min) : v
  }
  /// `a * b`, or the nearest end of `Int64` when that overflows.
  static func saturating(_ a: Int64, times b: Int64) -> Int64 {
    let (v, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? ((a < 0) == (b < 0) ? .max : .min) : v
  }

  func floorDiv(_ d: Int64) -> Int64 {
    let q = self / d
    return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
  }
}
