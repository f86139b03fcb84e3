import Foundation

/// The shapes two Event fields nearly always have, written as numbers instead of text inside
/// chunks (payload version 3, schema/chunk-format.md). A value is written in a template only
/// when rebuilding it from the parts gives back exactly the same string; anything else is kept as
/// text, so no field is ever changed.
enum FieldTemplates {
  /// An Event object name `<involved object name>.<16 lowercase hex digits>` (Kubernetes appends
  /// the creation time in nanoseconds): the number, or nil for any other name.
  static func eventNameSuffix(_ name: String, objectName: String) -> UInt64? {
    let u = name.utf8
    let o = objectName.utf8
    guard u.count == o.count + 17, u.starts(with: o) else { return nil }
    var i = u.index(u.startIndex, offsetBy: o.count)
    guard u[i] == UInt8(ascii: ".") else { return nil }
    i = u.index(after: i)
    var v: UInt64 = 0
    for c in u[i...] {
      switch c {
      case 0x30...0x39: v = v << 4 | UInt64(c - 0x30)
      case 0x61...0x66: v = v << 4 | UInt64(c - 0x61 + 10)
      default: return nil
      }
    }
    return v
  }

  /// The name `eventNameSuffix` read.
  static func eventName(objectName: String, suffix: UInt64) -> String {
    let hex = String(suffix, radix: 16)
    return objectName + "." + String(repeating: "0", count: max(0, 16 - hex.utf8.count)) + hex
  }

  /// The parts of the usual `extra` of a core/v1 Event from `kubectl get events -o json`.
  struct Extra: Equatable {
    var apiVersion: String
    var objectVersion: UInt64
    var created: Int64
    var namespace: String
    var eventVersion: UInt64
  }

  private static let p1 = Array(#"{"involvedObject":{"apiVersion":""#.utf8)
  private static let p2 = Array(#"","resourceVersion":""#.utf8)
  private static let p3 = Array(#""},"metadata":{"creationTimestamp":""#.utf8)
  private static let p4 = Array(#"","namespace":""#.utf8)
  private static let p5 = Array(#""}}"#.utf8)

  /// `extra` as the text `split` reads.
  static func join(_ e: Extra) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(160)
    write(e, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  static func write(_ e: Extra, into out: inout [UInt8]) {
    out += p1; out += e.apiVersion.utf8; out += p2; decimal(e.objectVersion, into: &out); out += p3
    formatSeconds(e.created, into: &out); out += p4; out += e.namespace.utf8; out += p2
    decimal(e.eventVersion, into: &out); out += p5
  }

  static func decimal(_ v: UInt64, into out: inout [UInt8]) {
    var digits: [UInt8] = []
    var v = v
    repeat { digits.append(UInt8(v % 10) + 0x30); v /= 10 } while v > 0
    out += digits.reversed()
  }

  /// The parts of `extra` when it has exactly the usual shape (checked by joining them again).
  static func split(_ extra: String) -> Extra? {
    var s = extra
    return s.withUTF8 { b -> Extra? in
      guard b.count > p1.count + p5.count, b.last == UInt8(ascii: "}") else { return nil }
      var at = 0
      func take(_ prefix: [UInt8]) -> Bool {
        guard at + prefix.count <= b.count else { return false }
        for (i, c) in prefix.enumerated() where b[at + i] != c { return false }
        at += prefix.count
        return true
      }
      func until() -> Range<Int>? {
        var i = at
        while i < b.count && b[i] != 0x22 { if b[i] == 0x5C { return nil }; i += 1 }
        guard i < b.count else { return nil }
        defer { at = i }
        return at..<i
      }
      func number(_ r: Range<Int>) -> UInt64? {
        guard !r.isEmpty, r.count <= 19, r.count == 1 || b[r.lowerBound] != 0x30 else { return nil }
        var v: UInt64 = 0
        for i in r {
          guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
          v = v * 10 + UInt64(b[i] - 0x30)
        }
        return v
      }
      guard take(p1), let api = until(), take(p2), let v1 = until(), take(p3), let created = until(),
            take(p4), let ns = until(), take(p2), let v2 = until(), take(p5), at == b.count,
            let n1 = number(v1), let n2 = number(v2),
            let secs = parseSeconds(UnsafeBufferPointer(rebasing: b[created])) else { return nil }
      let e = Extra(apiVersion: String(decoding: UnsafeBufferPointer(rebasing: b[api]), as: UTF8.self), objectVersion: n1,
                    created: secs, namespace: String(decoding: UnsafeBufferPointer(rebasing: b[ns]), as: UTF8.self),
                    eventVersion: n2)
      // The date must format back to the same text (no 31 February, no fraction).
      var date: [UInt8] = []
      formatSeconds(secs, into: &date)
      guard date.elementsEqual(UnsafeBufferPointer(rebasing: b[created])) else { return nil }
      return e
    }
  }

  static func parseSeconds(_ s: Substring) -> Int64? {
    var s = String(s)
    return s.withUTF8 { parseSeconds($0) }
  }

  /// `YYYY-MM-DDTHH:MM:SSZ` as seconds since the epoch.
  static func parseSeconds(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A else { return nil }
    func num(_ from: Int, _ len: Int) -> Int64? {
      var v: Int64 = 0
      for c in b[from..<(from + len)] {
        guard c >= 0x30 && c <= 0x39 else { return nil }
        v = v * 10 + Int64(c - 0x30)
      }
      return v
    }
    guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
          let sec = num(17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, sec < 60 else { return nil }
    return daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec
  }

  /// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
  static func formatSeconds(_ t: Int64) -> String {
    var out: [UInt8] = []
    formatSeconds(t, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Years outside 0...9999 give text `parseSeconds` refuses, so such a date is never templated.
  static func formatSeconds(_ t: Int64, into out: inout [UInt8]) {
    let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
    let rem = t - days * 86_400
    let (y, m, d) = civilFromDays(days)
    func two(_ v: Int64) { out.append(UInt8(v / 10) + 0x30); out.append(UInt8(v % 10) + 0x30) }
    if (0...9999).contains(y) {
      two(y / 100); two(y % 100)
    } else {
      out += String(y).utf8
    }
    out.append(0x2D); two(m); out.append(0x2D); two(d); out.append(0x54)
    two(rem / 3600); out.append(0x3A); two(rem % 3600 / 60); out.append(0x3A); two(rem % 60); out.append(0x5A)
  }

  // Howard Hinnant's civil-date algorithms (proleptic Gregorian).
  static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civilFromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }
}
