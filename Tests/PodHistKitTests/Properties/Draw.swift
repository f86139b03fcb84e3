import Foundation
import PropertyBased

/// The generators the property tests share: texts from an alphabet or from all of Unicode, and
/// numbers spread over every magnitude (a uniform Int64 is nearly always 19 digits long).
enum Draw {
  /// Strings of `length` characters drawn from `alphabet`.
  static func text(_ alphabet: String, length: ClosedRange<Int>) -> Generator<String, some SendableSequenceType> {
    Gen<Character?>.element(of: Array(alphabet)).map { $0 ?? " " }.string(of: length)
  }

  /// Strings of `length` characters of any Unicode scalar: controls, marks, digits of other
  /// scripts (`٣`, `５`), private use and unassigned code points included.
  static func anyText(length: ClosedRange<Int>) -> Generator<String, some SendableSequenceType> {
    Gen<UInt32>.value(in: 0...0x10FFFF).map { Character(Unicode.Scalar($0) ?? "\u{FFFD}") }.string(of: length)
  }

  /// Text mostly from `alphabet` with a few arbitrary scalars somewhere in it.
  static func mostly(_ alphabet: String, length: ClosedRange<Int>) -> Generator<String, some SendableSequenceType> {
    zip(text(alphabet, length: length), anyText(length: 0...2), text(alphabet, length: 0...length.upperBound))
      .map { t in t.0 + t.1 + t.2 }
  }

  /// Non-negative numbers of 0 to `maxDigits` digits, each length about as likely.
  static func number(maxDigits: Int = 18) -> Generator<Int64, some SendableSequenceType> {
    zip(Gen.int(in: 0...min(maxDigits, 18)), Gen.int64(in: 0...Int64.max)).map { digits, x in
      digits == 0 ? 0 : x % Int64(pow(10, Double(digits)))
    }
  }

  /// Decimal digit strings of 1 to `maxDigits` digits (past what `Int64` holds), leading zeros allowed.
  static func digits(maxDigits: Int = 30) -> Generator<String, some SendableSequenceType> {
    Gen.number.string(of: 1...maxDigits)
  }
}
