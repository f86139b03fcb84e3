import Foundation
import PropertyBased
import Testing
@testable import PodHistKit

/// Properties of TIME flags (`--at`, `--since`, `--until`): an absolute time is itself whatever
/// the store holds, an offset moves the store's latest instant by its age, and any text is an
/// instant of the years 0001 to 9999 or a usage error (exit 2), never a trap.
@Suite struct TimeArgumentPropertyTests {
  /// What parsing a flag came to.
  enum Outcome: Equatable { case instant(Instant), outOfRange, bad }

  static func outcome(_ text: String, latest: Instant?) -> Outcome {
    do { return .instant(try TimeArgument.parse(text, flag: "--at", latest: latest)) }
    catch QueryError.timeOutOfRange(flag: "--at", text: text) { return .outOfRange }
    catch QueryError.badTime(flag: "--at", text: text) { return .bad }
    catch { Issue.record("\(text): unexpected \(error)"); return .bad }
  }

  /// Latest instants a store may hold (or none).
  static let latest = zip(Gen.bool(0.9), Gen.int64(in: Instant.readable.lowerBound.micros...Instant.readable.upperBound.micros))
    .map { has, micros in has ? Instant(micros: micros) : nil }

  @Test func anOffsetMovesTheLatestInstantByItsAgeOrIsOutOfRange() async {
    // `-N<unit>` / `+N<unit>` with N of any length: the latest instant moved by N units when the
    // age is readable and the result lies in 0001-9999, else out of range; never unreadable.
    let input = zip(TimeArgumentPropertyTests.latest, Gen.bool, Draw.digits(maxDigits: 24), Gen.int(in: 0...4))
    await propertyCheck(count: 2000, input: input) { latest, back, digits, u in
      let (unit, seconds) = AgePropertyTests.units[u]
      let text = (back ? "-" : "+") + digits + String(unit)
      let base = Int128((latest ?? Instant(micros: 0)).micros)
      let span = (Int128(digits) ?? 0) * Int128(seconds)
      let target = back ? base - span * 1_000_000 : base + span * 1_000_000
      let readable = Int128(Instant.readable.lowerBound.micros)...Int128(Instant.readable.upperBound.micros)
      let expected: Outcome = span <= Int128(Age.maximumSeconds) && readable.contains(target) ? .instant(Instant(micros: Int64(target))) : .outOfRange
      #expect(TimeArgumentPropertyTests.outcome(text, latest: latest) == expected, "\(text) from \(String(describing: latest))")
    }
  }

  @Test func anAbsoluteTimeIsItselfWhateverTheStoreHolds() async {
    await propertyCheck(count: 1000, input: InstantPropertyTests.instants, TimeArgumentPropertyTests.latest) { instant, latest in
      #expect(TimeArgumentPropertyTests.outcome(instant.rfc3339, latest: latest) == .instant(instant))
    }
  }

  @Test func aDateOfAnotherMillenniumIsOutOfRange() async {
    // A year of five or more digits, or 0000: out of range (exit 2 naming the flag), not a trap.
    await propertyCheck(count: 500, input: Draw.digits(maxDigits: 25), TimeArgumentPropertyTests.latest) { digits, latest in
      let year = digits.count >= 5 ? digits : digits + "00000"
      #expect(TimeArgumentPropertyTests.outcome("\(year)-01-01T00:00:00Z", latest: latest) == .outOfRange, "\(year)")
      #expect(TimeArgumentPropertyTests.outcome("0000-01-01T00:00:00Z", latest: latest) == .outOfRange)
    }
  }

  @Test func anyTextIsAReadableInstantOrAUsageError() async {
    // Half the texts are shaped like an offset (a sign, digits, units), then anything may follow.
    let texts = zip(Gen.int(in: 0...3), Draw.text("0123456789", length: 0...14), Draw.text("smhdy", length: 0...2),
                    Draw.mostly("0123456789-+smhdy:TZ. nowlatest", length: 0...30), Gen.bool)
      .map { shape, digits, units, rest, tail in
        shape == 0 ? rest : ["-", "+", ""][shape - 1] + digits + units + (tail ? rest : "")
      }
    await propertyCheck(count: 3000, input: texts, TimeArgumentPropertyTests.latest) { text, latest in
      if case let .instant(i) = TimeArgumentPropertyTests.outcome(text, latest: latest) {
        #expect(Instant.readable.contains(i) || (latest == nil && i == Instant(micros: 0)), "\(text) read as \(i.micros)")
      }
    }
  }
}
