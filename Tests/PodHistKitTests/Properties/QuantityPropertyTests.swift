import Foundation
import PropertyBased
import Testing
@testable import PodHistKit

/// Properties of resource quantities (`500m`, `1.5Gi`, `2e3`): what the hints print reads back
/// as the amount, larger texts are larger amounts, and no text or amount traps.
@Suite struct QuantityPropertyTests {
  /// The suffixes by increasing factor, with "" (plain base units) among them.
  static let suffixes: [(String, Double)] = [
    ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("", 1), ("k", 1e3), ("Ki", 1024), ("M", 1e6), ("Mi", 1_048_576),
    ("G", 1e9), ("Gi", 1_073_741_824), ("T", 1e12), ("Ti", 1_099_511_627_776), ("P", 1e15), ("Pi", 1_125_899_906_842_624),
    ("E", 1e18), ("Ei", 1_152_921_504_606_846_976),
  ]

  @Test func aCPUAmountPrintedReadsBackToTheMillicore() async {
    await propertyCheck(count: 1000, input: Gen.int64(in: -1_000_000_000_000...1_000_000_000_000)) { milli in
      let text = Quantity.formatCPU(Double(milli) / 1000)
      let back = Quantity(text)
      #expect(back.map { ($0.value * 1000).rounded() } == Double(milli), "\(milli)m printed \(text)")
    }
  }

  @Test func aMemoryAmountPrintedReadsBackWithinItsRounding() async {
    // formatBytes keeps one decimal of the unit it picks: the text is within 0.05 of that unit.
    await propertyCheck(count: 1000, input: Draw.number(maxDigits: 15)) { bytes in
      let text = Quantity.formatBytes(Double(bytes))
      guard let back = Quantity(text) else { Issue.record("\(bytes) printed \(text), no quantity"); return }
      let unit = QuantityPropertyTests.suffixes.first { !$0.0.isEmpty && text.hasSuffix($0.0) }?.1 ?? 1
      #expect(abs(back.value - Double(bytes)) <= 0.05 * unit + 1e-6 * Double(bytes), "\(bytes) printed \(text)")
    }
  }

  @Test func largerNumbersAndLargerSuffixesAreLargerQuantities() async {
    let input = zip(Draw.number(maxDigits: 9), Draw.number(maxDigits: 9), Gen.int(in: 0...15), Gen.int(in: 0...15))
    await propertyCheck(count: 1000, input: input) { a, b, i, j in
      let (lo, hi) = (min(a, b), max(a, b))
      let s = QuantityPropertyTests.suffixes
      let (small, large) = (min(i, j), max(i, j))
      // The same suffix: ordered as the numbers are; the same number: as the suffixes' factors.
      // What is beyond the bound is no quantity, and neither is anything larger.
      for ((n, k), (m, l)) in [((lo, i), (hi, i)), ((lo, small), (lo, large))] {
        let (a, b) = ("\(n)\(s[k].0)", "\(m)\(s[l].0)")
        let (x, y) = (Quantity(a), Quantity(b))
        if let x, let y { #expect(x <= y, "\(a) ≤ \(b)") }
        if Double(n) * s[k].1 <= Quantity.maximum * 0.99 { #expect(x != nil, "\(a) is within the bound") }
        if Double(m) * s[l].1 <= Quantity.maximum * 0.99 { #expect(y != nil, "\(b) is within the bound") }
        if x == nil { #expect(y == nil, "\(a) is beyond the bound, so is \(b)") }
        if Double(m) * s[l].1 > Quantity.maximum * 1.01 { #expect(y == nil, "\(b) is beyond the bound") }
      }
    }
  }

  @Test func anyTextIsABoundedQuantityOrNone() async {
    // Kubernetes holds no quantity beyond 2^63-1 base units; podhist reads none (and no hex,
    // inf or nan), so sums of a pod's containers stay finite and print.
    // Half shaped as a quantity (digits of any length, a fraction, an exponent, a suffix), the
    // rest anything of a quantity's alphabet.
    let texts = zip(Gen.bool, Draw.digits(maxDigits: 25), Draw.text("0123456789", length: 0...3),
                    Gen.int(in: -2...400), Gen.int(in: 0...16), Draw.mostly("0123456789.eE+-mkMGTPEiunx infa ", length: 0...40))
      .map { shaped, whole, fraction, exponent, suffix, rest in
        guard shaped else { return rest }
        return whole + (fraction.isEmpty ? "" : "." + fraction) + (exponent < 0 ? "" : "e\(exponent)")
          + (suffix < 16 ? QuantityPropertyTests.suffixes[suffix].0 : "")
      }
    await propertyCheck(count: 2000, input: texts) { text in
      guard let q = Quantity(text) else { return }
      #expect(q.value.isFinite && abs(q.value) <= Quantity.maximum, "\(text) read as \(q.value)")
      #expect(!text.contains("x"), "\(text) (hex) read as \(q.value)")
    }
  }

  @Test func anyAmountPrintsWithoutATrap() async {
    // Hints print sums of requests and node amounts: any Double, infinities and nan included.
    let amounts = zip(Gen.double(in: -1e300...1e300), Gen.int(in: -20...20), Gen.int(in: 0...9))
      .map { v, e, special -> Double in
        switch special {
        case 0: .infinity
        case 1: -.infinity
        case 2: .nan
        case 3: Double(Int64.max)
        default: v / 1e280 * pow(10, Double(e * 15))
        }
      }
    await propertyCheck(count: 1000, input: amounts) { v in
      #expect(!Quantity.formatCPU(v).isEmpty)
      #expect(!Quantity.formatBytes(v).isEmpty)
      #expect(!NodeFit.amount(v, .cpu).isEmpty && !NodeFit.amount(v, .memory).isEmpty)
    }
  }
}
