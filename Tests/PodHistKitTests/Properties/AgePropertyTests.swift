import Foundation
import PropertyBased
import Testing
@testable import PodHistKit

/// Properties of the age parsers (`Age.parse`, `AggregatedAge.parse` for `27s (x4 over 84s)`):
/// what kubectl's printing of a span reads back as, the bound of `Age.maximumSeconds`, and no
/// trap on any text.
@Suite struct AgePropertyTests {
  /// The units kubectl prints, largest first, with their seconds.
  static let units: [(Character, Int64)] = [("y", 365 * 86400), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)]

  /// Texts shaped like ages half the time (one to three numbers of any length, each with a
  /// unit, maybe something after), anything from an age's alphabet the other half.
  static func ageLikeTexts() -> Generator<String, some SendableSequenceType> {
    zip(Gen.bool, Draw.digits(maxDigits: 16).array(of: 1...3), Gen.int(in: 0...4).array(of: 3),
        Draw.mostly("0123456789smhdy <>unknowinvald-+.", length: 0...30), Gen.bool)
      .map { shaped, numbers, units, rest, tail in
        guard shaped else { return rest }
        return numbers.enumerated().map { k, n in n + String(Array("ydhms")[units[k]]) }.joined() + (tail ? rest : "")
      }
  }

  @Test func unitsWrittenLargestFirstReadAsTheirSum() async {
    // Any non-empty choice of units, each with a number of any length (zero-padded at times):
    // the sum when it is at most maximumSeconds (resolution: the last unit), else no age.
    let pick = zip(Gen.int(in: 1...31), Draw.number().array(of: 5), Gen.int(in: 0...2).array(of: 5))
    await propertyCheck(count: 1000, input: pick) { mask, numbers, pads in
      var text = "", total: Int128 = 0, smallest: Int64 = 0
      for (k, (unit, seconds)) in AgePropertyTests.units.enumerated() where mask & (1 << k) != 0 {
        text += String(repeating: "0", count: pads[k]) + "\(numbers[k])" + String(unit)
        total += Int128(numbers[k]) * Int128(seconds)
        smallest = seconds
      }
      let age = Age.parse(text)
      if total <= Int128(Age.maximumSeconds) {
        #expect(age == .known(value: .seconds(Int64(total)), resolution: .seconds(smallest)), "\(text)")
      } else {
        #expect(age == nil, "\(text) is longer than any age")
      }
    }
  }

  @Test func aSpanPrintedAsAnAgeReadsBackTruncatedToItsResolution() async {
    // kubectl truncates: the span printed lies in [value, value + resolution).
    await propertyCheck(count: 1000, input: Gen.int64(in: 0...(Age.maximumSeconds * 1_000_000))) { micros in
      let span = Duration(micros: micros)
      guard case let .known(value, resolution) = Age.parse(span.description) else {
        Issue.record("\(span.description) (\(micros) µs) does not read back"); return
      }
      #expect(value <= span && span < value + resolution, "\(micros) µs printed \(span.description)")
    }
  }

  @Test func longerSpansNeverReadShorter() async {
    // Monotone: printed and read back, a longer span is never a shorter age; and the numbers
    // of one unit read in order.
    let pair = zip(Gen.int64(in: 0...Age.maximumSeconds), Gen.int64(in: 0...Age.maximumSeconds))
    await propertyCheck(count: 1000, input: pair) { a, b in
      let (lo, hi) = (min(a, b), max(a, b))
      let readLo = Age.parse(Duration.seconds(lo).description)?.value
      let readHi = Age.parse(Duration.seconds(hi).description)?.value
      #expect(readLo != nil && readHi != nil)
      if let readLo, let readHi { #expect(readLo <= readHi, "\(lo)s read \(readLo), \(hi)s read \(readHi)") }
      for (unit, _) in AgePropertyTests.units {
        let l = Age.parse("\(lo)\(unit)"), h = Age.parse("\(hi)\(unit)")
        if h != nil { #expect(l != nil, "\(hi)\(unit) is an age, so is \(lo)\(unit)") }
        if let lv = l?.value, let hv = h?.value { #expect(lv <= hv) }
      }
    }
  }

  @Test func anyTextIsAnAgeWithinTheBoundOrNone() async {
    // No text traps; whatever reads as an age is one of 0 up to maximumSeconds, whole seconds,
    // with the resolution of a unit.
    await propertyCheck(count: 2000, input: AgePropertyTests.ageLikeTexts()) { text in
      guard let age = Age.parse(text) else { return }
      switch age {
      case .unknown, .invalid:
        #expect(["<unknown>", "<invalid>"].contains(text.trimmingCharacters(in: .whitespaces)))
      case let .known(value, resolution):
        #expect(value >= .zero && value <= .seconds(Age.maximumSeconds) && value.micros % 1_000_000 == 0, "\(text)")
        #expect(AgePropertyTests.units.contains { .seconds($0.1) == resolution }, "\(text)")
      }
    }
  }

  @Test func anAggregatedAgeReadsItsCountWithinInt32AndItsTwoAges() async {
    // `LAST (xN over FIRST)`: the count is read when it is an int32 Event count, else nothing is.
    let input = zip(Gen.int64(in: 0...Age.maximumSeconds), Draw.digits(maxDigits: 22), Gen.int64(in: 0...Age.maximumSeconds))
    await propertyCheck(count: 1000, input: input) { last, count, first in
      let lastText = Duration.seconds(last).description, firstText = Duration.seconds(first).description
      let parsed = AggregatedAge.parse("\(lastText) (x\(count) over \(firstText))")
      let n = Int128(count).map { $0 <= Int128(Int32.max) ? Int($0) : nil } ?? nil
      if let n {
        #expect(parsed == AggregatedAge(last: Age.parse(lastText) ?? .unknown, count: n, first: Age.parse(firstText)))
      } else {
        #expect(parsed == nil, "x\(count) is no Event count")
      }
    }
  }

  @Test func anyTextIsAnAggregatedAgeWithinTheBoundsOrNone() async {
    // Half shaped as `AGE (xN over AGE)` with N of any length, the rest anything of its alphabet.
    let age = Gen.int64(in: 0...Age.maximumSeconds).map { Duration.seconds($0).description }
    let texts = zip(Gen.bool, age, Draw.digits(maxDigits: 22), age,
                    Draw.mostly("0123456789smhdy x over()<unknown>", length: 0...40))
      .map { shaped, last, count, first, rest in shaped ? "\(last) (x\(count) over \(first))" : rest }
    await propertyCheck(count: 2000, input: texts) { text in
      guard let a = AggregatedAge.parse(text) else { return }
      if let n = a.count { #expect(InputBounds.eventCount.contains(n), "\(text)") }
      for age in [a.last, a.first].compactMap({ $0 }) {
        if let v = age.value { #expect(v >= .zero && v <= .seconds(Age.maximumSeconds), "\(text)") }
      }
    }
  }
}
