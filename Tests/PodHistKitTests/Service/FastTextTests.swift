import Foundation
import Testing
@testable import PodHistKit

/// The text paths rewritten for speed against the Foundation formatting they replace.
@Suite struct FastTextTests {
  /// The former `rfc3339`: `String(format:)` over `gmtime_r`.
  static func reference(_ t: Instant) -> String {
    let secs = t.micros.floorDiv(1_000_000)
    let frac = t.micros - secs * 1_000_000
    var tt = time_t(secs)
    var tmv = tm()
    gmtime_r(&tt, &tmv)
    let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(tmv.tm_year) + 1900, Int(tmv.tm_mon) + 1,
                      Int(tmv.tm_mday), Int(tmv.tm_hour), Int(tmv.tm_min), Int(tmv.tm_sec))
    return frac == 0 ? base + "Z" : base + String(format: ".%06d", Int(frac)) + "Z"
  }

  static let samples: [Int64] = [0, 1, -1, 999_999, -1_000_000, 1_583_830_800_000_000, 1_583_830_800_000_001,
                                  1_583_830_859_999_999, 951_782_400_000_000, 4_102_444_799_000_000, 253_402_300_799_999_999,
                                  -62_135_596_800_000_000, -2_592_000_000_000, -85_000_000]

  @Test(arguments: samples)
  func rfc3339IsTheFormattedOne(_ micros: Int64) {
    let t = Instant(micros: micros)
    #expect(t.rfc3339 == Self.reference(t))
  }

  @Test func rfc3339RoundTripsAcrossAYear() {
    var t = Instant.parseRFC3339("2024-01-01T00:00:00Z") ?? Instant(micros: 0)
    for step in 0..<400 {
      t = t + Duration(micros: 86_400_000_000 + Int64(step) * 1_234_567)
      #expect(t.rfc3339 == Self.reference(t))
      #expect(Instant.parseRFC3339(t.rfc3339) == t)
    }
  }

  /// The former `renderTable`: NSString padding and a trailing-space regex.
  static func referenceTable(headers: [String], rows: [[String]]) -> String {
    var widths = headers.map(\.count)
    for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
    func line(_ cells: [String]) -> String {
      var s = ""
      for (i, c) in cells.enumerated() {
        if i == cells.count - 1 { s += c } else { s += c.padding(toLength: widths[i] + 3, withPad: " ", startingAt: 0) }
      }
      return s.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
  }

  @Test func tableIsTheFormerTable() {
    let headers = ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    let rows = [["default", "web-1", "1/1", "Running", "0", "5m"],
                ["kube-system", "coredns-5d78c9869d-abcde", "0/1", "CrashLoopBackOff", "4-7", ""],
                ["x", "naïve-pod", "1/1", "Running", "0", "  "],
                ["ns", "emoji-👍🏽-pod", "1/2", "NotReady", "12", "3d4h"],
                ["", "", "", "", "", ""]]
    #expect(renderTable(headers: headers, rows: rows) == Self.referenceTable(headers: headers, rows: rows))
    let wide = rows.map { $0 + ["10.0.0.1", "<none>"] }
    let wideHeaders = headers + ["IP", "NODE"]
    #expect(renderTable(headers: wideHeaders, rows: wide) == Self.referenceTable(headers: wideHeaders, rows: wide))
    #expect(renderTable(headers: headers, rows: []) == Self.referenceTable(headers: headers, rows: []))
  }
}
