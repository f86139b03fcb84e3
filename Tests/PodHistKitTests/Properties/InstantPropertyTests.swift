import Foundation
import PropertyBased
import Testing
@testable import PodHistKit

/// Properties of the instant parsers (RFC 3339 and the RFC 1123 forms describe prints): what
/// podhist prints reads back, dates and times read in order, only real calendar dates of the
/// years 0001 to 9999 are read, and no text traps. The C library's `timegm` (proleptic
/// Gregorian) is the independent reference for where a date lies.
@Suite struct InstantPropertyTests {
  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
  static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

  /// Seconds since the epoch of a UTC date and time, by the C library.
  static func timegmSeconds(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Int64 {
    var t = tm()
    t.tm_year = Int32(y - 1900); t.tm_mon = Int32(mo - 1); t.tm_mday = Int32(d)
    t.tm_hour = Int32(h); t.tm_min = Int32(mi); t.tm_sec = Int32(s)
    return Int64(timegm(&t))
  }

  /// The UTC calendar fields of `seconds` since the epoch, by the C library.
  static func fields(_ seconds: Int64) -> tm {
    var t = time_t(seconds)
    var out = tm()
    gmtime_r(&t, &out)
    return out
  }

  /// Whether day `d` exists in month `mo` of year `y` (Gregorian leap years).
  static func isRealDate(_ y: Int, _ mo: Int, _ d: Int) -> Bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return (1...12).contains(mo) && d >= 1 && d <= days[mo - 1]
  }

  /// Instants of the readable years, the first and last century drawn as often as the rest.
  static let instants = zip(Gen.int(in: 0...3), Gen.int64(in: Instant.readable.lowerBound.micros...Instant.readable.upperBound.micros),
                            Gen.int64(in: 0...(200 * 365 * 86400 * 1_000_000)))
    .map { edge, any, near -> Instant in
      switch edge {
      case 0: Instant(micros: Instant.readable.lowerBound.micros + near)
      case 1: Instant(micros: Instant.readable.upperBound.micros - near)
      default: Instant(micros: any)
      }
    }

  @Test func anInstantPrintedAsRFC3339ReadsBack() async {
    await propertyCheck(count: 2000, input: InstantPropertyTests.instants) { instant in
      #expect(Instant.parseRFC3339(instant.rfc3339) == instant, "\(instant.micros) printed \(instant.rfc3339)")
      #expect(Instant.parse(instant.rfc3339) == instant)
    }
  }

  @Test func anInstantPrintedAsDescribeDoesReadsBackToTheSecond() async {
    // `Fri, 03 Jul 2020 03:56:44 -0400` with any zone offset kubectl may print (-14:00 to +14:00).
    let input = zip(InstantPropertyTests.instants, Gen.int(in: -14 * 4...14 * 4), Gen.bool)
    await propertyCheck(count: 2000, input: input) { instant, quarters, withWeekday in
      let seconds = instant.micros.floorDiv(1_000_000)
      let offset = quarters * 15 * 60
      let local = InstantPropertyTests.fields(seconds + Int64(offset))
      let sign = offset < 0 ? "-" : "+"
      let zone = sign + String(format: "%02d%02d", abs(offset) / 3600, abs(offset) % 3600 / 60)
      var text = String(format: "%02d ", Int(local.tm_mday)) + InstantPropertyTests.months[Int(local.tm_mon)]
        + String(format: " %04d %02d:%02d:%02d ", Int(local.tm_year) + 1900, Int(local.tm_hour), Int(local.tm_min), Int(local.tm_sec)) + zone
      if withWeekday { text = InstantPropertyTests.weekdays[Int(local.tm_wday)] + ", " + text }
      let expected = Instant(seconds: seconds)
      let read = Instant.parseRFC1123(text)
      let localYear = Int(local.tm_year) + 1900
      // A year under 100 reads as 20yy, as two-digit years do (and Go's zero time, `01 Jan 0001`,
      // which describe prints for a missing start, has always read so: the corpus keeps it).
      guard localYear >= 100 else { return }
      if localYear <= 9999 {
        #expect(read == expected, "\(text) for \(expected)")
      } else {
        #expect(read == nil, "\(text): a year outside 0001-9999")
      }
    }
  }

  @Test func datesAndTimesReadInTheirOrder() async {
    let fields = zip(Gen.int(in: 1...9999), Gen.int(in: 1...12), Gen.int(in: 1...28), Gen.int(in: 0...23),
                     Gen.int(in: 0...59), Gen.int(in: 0...59), Gen.int(in: 0...999_999))
    // The second time shares the first's fields up to one, drawn anew from there on.
    await propertyCheck(count: 1000, input: fields, fields, Gen.int(in: 0...6)) { a, other, k in
      let v = [a.0, a.1, a.2, a.3, a.4, a.5, a.6]
      var w = [other.0, other.1, other.2, other.3, other.4, other.5, other.6]
      for i in 0..<k { w[i] = v[i] }
      let b = (w[0], w[1], w[2], w[3], w[4], w[5], w[6])
      func text(_ f: (Int, Int, Int, Int, Int, Int, Int)) -> String {
        String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", f.0, f.1, f.2, f.3, f.4, f.5, f.6)
      }
      guard let x = Instant.parseRFC3339(text(a)), let y = Instant.parseRFC3339(text(b)) else {
        Issue.record("\(text(a)) or \(text(b)) does not read"); return
      }
      #expect((x < y) == v.lexicographicallyPrecedes(w) && (x == y) == (v == w), "\(text(a)) vs \(text(b))")
    }
  }

  @Test func onlyRealDatesAndTimesAreRead() async {
    // Any fields, valid or not: a time reads when the date is real and the time of day is
    // (second 60 for a leap second), at the instant timegm gives, within 0001 to 9999.
    let fields = zip(Gen.int(in: 0...9999), Gen.int(in: 0...13), Gen.int(in: 0...32), Gen.int(in: 0...25),
                     Gen.int(in: 0...61), Gen.int(in: 0...62))
    await propertyCheck(count: 3000, input: fields, Gen.int(in: -14 * 60...14 * 60)) { f, offsetMinutes in
      let (y, mo, d, h, mi, s) = f
      let zone = offsetMinutes == 0 ? "Z" : (offsetMinutes < 0 ? "-" : "+") + String(format: "%02d:%02d", abs(offsetMinutes) / 60, abs(offsetMinutes) % 60)
      let text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s) + zone
      let read = Instant.parseRFC3339(text)
      let real = InstantPropertyTests.isRealDate(y, mo, d) && h < 24 && mi < 60 && s <= 60
      guard real else { #expect(read == nil, "\(text) is no real time"); return }
      let at = Instant(seconds: InstantPropertyTests.timegmSeconds(y, mo, d, h, mi, s) - Int64(offsetMinutes * 60))
      #expect(read == (Instant.readable.contains(at) ? at : nil), "\(text)")
    }
  }

  @Test func anyTextIsAReadableInstantOrNone() async {
    // A third shaped as RFC 3339, a third as describe prints, each with fields of any value
    // (month 13, minute 61, an offset of 99 hours; years 0000 and 9999 a third of the time each);
    // the rest anything of their alphabet.
    let year = zip(Gen.int(in: 0...2), Gen.int(in: 0...9999)).map { edge, any in [0, 9999, any][edge] }
    let fields = zip(year, Gen.int(in: 0...13), Gen.int(in: 0...32), Gen.int(in: 0...25),
                     Gen.int(in: 0...61), Gen.int(in: 0...62), Gen.int(in: -99 * 60...99 * 60))
    let texts = zip(Gen.int(in: 0...2), fields, Draw.mostly("0123456789-:TtZz.+ ,FriJulDecUTCGMTEDT", length: 0...40))
      .map { shape, f, rest -> String in
        let zone = (f.6 < 0 ? "-" : "+") + String(format: "%02d%02d", abs(f.6) / 60, abs(f.6) % 60)
        switch shape {
        case 1: return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", f.0, f.1, f.2, f.3, f.4, f.5) + zone
        case 2: return String(format: "%02d ", f.2) + InstantPropertyTests.months[max(0, min(11, f.1 - 1))]
            + String(format: " %04d %02d:%02d:%02d ", f.0, f.3, f.4, f.5) + zone
        default: return rest
        }
      }
    await propertyCheck(count: 3000, input: texts) { text in
      for read in [Instant.parseRFC3339(text), Instant.parseRFC1123(text), Instant.parse(text)] {
        if let read { #expect(Instant.readable.contains(read), "\(text) read as \(read.micros)") }
      }
    }
  }
}
