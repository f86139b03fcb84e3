import Foundation

/// A Kubernetes resource quantity (`500m`, `1.5`, `128Mi`, `1G`, `2e3`) as a number of base
/// units: cores for cpu, bytes for memory.
public struct Quantity: Sendable, Equatable, Comparable, CustomStringConvertible {
  /// The amount in base units: cores for cpu (`500m` = 0.5), bytes for memory (`1Ki` = 1024).
  public var value: Double
  /// The text as written.
  public var text: String

  /// The largest amount podhist reads, in base units: Kubernetes holds no quantity beyond
  /// 2^63-1 (so sums of a pod's requests stay finite).
  public static let maximum = Double(Int64.max)

  /// Parses a quantity (decimal digits, a point, an exponent, a suffix); nil when the text is
  /// not one or its amount lies beyond `maximum`.
  public init?(_ raw: String) {
    let s = raw.trimmingCharacters(in: .whitespaces)
    guard !s.isEmpty else { return nil }
    let suffixes: [(String, Double)] = [
      ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776), ("Pi", 1_125_899_906_842_624),
      ("Ei", 1_152_921_504_606_846_976),
      ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
    ]
    var number = s
    var factor = 1.0
    for (suffix, f) in suffixes where s.hasSuffix(suffix) {
      number = String(s.dropLast(suffix.count)); factor = f; break
    }
    // Double() alone would take hex (`0x1p4`), `inf` and `nan`.
    guard number.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 43 || $0 == 45 || $0 == 101 || $0 == 69 }),
          let v = Double(number), abs(v * factor) <= Quantity.maximum else { return nil }
    value = v * factor; text = s
  }

  /// Compares the amounts in base units, not the texts.
  public static func < (a: Quantity, b: Quantity) -> Bool { a.value < b.value }
  /// The text as written.
  public var description: String { text }

  /// A cpu amount as kubectl would write it: `1500m`, `2`.
  /// Any amount prints: one too large for whole millicores (or not finite) prints as a Double does.
  public static func formatCPU(_ cores: Double) -> String {
    let milli = (cores * 1000).rounded()
    guard let m = Int(exactly: milli) else { return "\(cores)" }
    return m % 1000 == 0 ? String(m / 1000) : "\(m)m"
  }

  /// A memory amount in binary units: `640Mi`, `1.5Gi`. Any amount prints: one too large for
  /// whole units (or not finite) prints as a Double does.
  public static func formatBytes(_ bytes: Double) -> String {
    let units: [(String, Double)] = [("Ti", 1_099_511_627_776), ("Gi", 1_073_741_824), ("Mi", 1_048_576), ("Ki", 1024)]
    for (u, f) in units where bytes >= f {
      let v = bytes / f
      let r = (v * 10).rounded() / 10
      if let whole = Int(exactly: r) { return "\(whole)\(u)" }
      return "\(r)\(u)"
    }
    return Int(exactly: bytes.rounded(.towardZero)).map { "\($0)" } ?? "\(bytes)"
  }
}
