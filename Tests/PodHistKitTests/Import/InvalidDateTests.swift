import Foundation
@testable import PodHistKit
import Testing

/// Dates no calendar has are not times: the parsers refuse them (no rolling over into March) and an
/// import that meets one warns, naming the line.
@Suite struct InvalidDateTests {
  @Test func parsersRefuseDaysPastTheEndOfTheMonth() {
    #expect(Instant.parse("2020-02-30T00:00:00Z") == nil)
    #expect(Instant.parse("2019-02-29T00:00:00Z") == nil)
    #expect(Instant.parse("2021-04-31T10:00:00Z") == nil)
    #expect(Instant.parse("2020-02-29T00:00:00Z") != nil)
    #expect(Instant.parse("2000-02-29T00:00:00Z") != nil)
    #expect(Instant.parse("1900-02-29T00:00:00Z") == nil)
    #expect(Instant.parse("Sun, 30 Feb 2020 10:00:00 +0000") == nil)
    #expect(Instant.parse("Sat, 29 Feb 2020 10:00:00 +0000") != nil)
    #expect(StructuredValue.fastUTCInstant("2020-02-30T00:00:00Z") == nil)
    #expect(StructuredValue.fastUTCInstant("2020-02-29T00:00:00.5Z") != nil)
  }

  static func importing(_ text: String, format: InputFormat) throws -> ImportReport {
    struct Bytes: ByteReader {
      var b: [UInt8]
      mutating func read(maxCount: Int) throws -> [UInt8] { defer { b.removeFirst(min(maxCount, b.count)) }; return Array(b.prefix(maxCount)) }
    }
    return try Importer.run(reader: Bytes(b: Array(text.utf8)), options: ImportOptions(format: format, sourceName: "in.txt")) { _ in }
  }

  @Test func anEventsJSONTimeThatIsNoDateIsAWarningNamingTheLine() throws {
    let json = """
    {"kind": "List", "items": [
    {"kind": "Event", "reason": "BackOff", "message": "m", "count": 1,
     "firstTimestamp": "2020-02-30T10:00:00Z", "lastTimestamp": "2020-03-01T10:00:00Z",
     "involvedObject": {"kind": "Pod", "name": "web", "namespace": "default"}, "metadata": {"name": "e"}}]}
    """
    for format in [InputFormat.eventsJSON, .auto] {
      let report = try InvalidDateTests.importing(json, format: format)
      #expect(report.warnings.contains { $0.line == 2 && $0.message.contains("\"2020-02-30T10:00:00Z\" is not a valid time") },
              "\(format): \(report.warnings)")
    }
  }

  @Test func aTableLineWithNoSuchDateIsAWarningNamingTheLine() throws {
    let table = """
    LAST SEEN              TYPE      REASON    OBJECT      MESSAGE
    2020-02-30T10:00:00Z   Warning   BackOff   pod/web-1   Back-off restarting failed container
    2020-02-28T10:00:00Z   Warning   BackOff   pod/web-1   Back-off restarting failed container
    """
    let report = try InvalidDateTests.importing(table, format: .eventsTable)
    #expect(report.warnings.map(\.line) == [2], "\(report.warnings)")
    #expect(report.warnings.first?.message.contains("2020-02-30 is not a calendar date") == true)
    #expect(CalendarDateCheck.invalidDate(in: "v1.2020-13-01x") == "2020-13-01")
    #expect(CalendarDateCheck.invalidDate(in: "id 12020-02-30") == nil)
  }
}
