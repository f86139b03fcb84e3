import Testing
@testable import PodHistKit

@Test func parsesRFC1123WithOffset() throws {
  let t = try #require(Instant.parseRFC1123("Fri, 03 Jul 2020 03:56:44 -0400"))
  #expect(t.rfc3339 == "2020-07-03T07:56:44Z")
}

@Test func parsesRFC3339Micro() throws {
  let t = try #require(Instant.parseRFC3339("2026-03-10T14:02:11.482913Z"))
  #expect(t.micros % 1_000_000 == 482913)
  #expect(t.rfc3339 == "2026-03-10T14:02:11.482913Z")
  #expect(Instant.parseRFC3339("2020-07-03T03:58:09-04:00")?.rfc3339 == "2020-07-03T07:58:09Z")
  #expect(Instant.parseRFC3339("not a time") == nil)
  #expect(Instant.parseRFC3339("2026-03-10T14:02:11.123456789Z")?.micros == Instant.parseRFC3339("2026-03-10T14:02:11.123456Z")?.micros)
}

@Test(arguments: [
  ("0s", 0, 1), ("59s", 59, 1), ("5m", 300, 60), ("3m20s", 200, 1), ("3h2m", 10920, 60), ("2d", 172800, 86400),
  ("7m6s", 426, 1), ("2d3h", 183600, 3600),
])
func parsesAges(text: String, seconds: Int64, resolution: Int64) throws {
  let age = try #require(Age.parse(text))
  #expect(age == .known(value: .seconds(seconds), resolution: .seconds(resolution)))
}

@Test func parsesSpecialAges() {
  #expect(Age.parse("<unknown>") == .unknown)
  #expect(Age.parse("<invalid>") == .invalid)
  #expect(Age.parse("Running") == nil)
  #expect(Age.parse("") == nil)
}

@Test func parsesAggregatedAges() throws {
  let a = try #require(AggregatedAge.parse("27s (x4 over 84s)"))
  #expect(a.count == 4)
  #expect(a.last.value == .seconds(27))
  #expect(a.first?.value == .seconds(84))
  let b = try #require(AggregatedAge.parse("18s (x12 over 3h)"))
  #expect(b.first == .known(value: .seconds(10800), resolution: .seconds(3600)))
  #expect(AggregatedAge.parse("85s")?.count == nil)
}
