import Foundation

/// A relative age as kubectl prints it (`85s`, `3m20s`, `7m6s`, `3h2m`, `2d`, `<unknown>`),
/// with the resolution the printer had: the true age lies in `[value, value + resolution)`
/// because `HumanDuration` and `ShortHumanDuration` truncate.
public enum Age: Sendable, Hashable, Codable {
  /// A known age: `value` as printed, `resolution` of its smallest printed unit.
  case known(value: Duration, resolution: Duration)
  /// `<unknown>`: the timestamp was zero (an events.k8s.io event shown by an old kubectl).
  case unknown
  /// `<invalid>`: the timestamp is in the future (clock skew).
  case invalid

  /// The longest age podhist reads, in seconds: 10,000 years (kubectl prints years past two;
  /// no dump is older). Longer ages are not ages, so no later arithmetic on them can overflow.
  public static let maximumSeconds: Int64 = 10_000 * 365 * 86400

  /// Parses `0s`, `59s`, `5m`, `3m20s`, `3h2m`, `2d`, `2d3h`, `1y`, `<unknown>`, `<invalid>`.
  /// Returns nil when the text is not an age, or is one longer than `maximumSeconds`.
  public static func parse(_ text: some StringProtocol) -> Age? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t == "<unknown>" { return .unknown }
    if t == "<invalid>" { return .invalid }
    guard !t.isEmpty else { return nil }
    var total: Int64 = 0
    var smallest: Int64 = 0
    var number: Int64? = nil
    var seenUnits = 0
    for c in t {
      if let d = c.wholeNumberValue, c.isASCII {
        let n = (number ?? 0) * 10 + Int64(d)
        // Bounded digit by digit, then against its unit: no step can overflow.
        guard n <= maximumSeconds else { return nil }
        number = n
        continue
      }
      guard let n = number else { return nil }
      let unit: Int64
      switch c {
      case "s": unit = 1
      case "m": unit = 60
      case "h": unit = 3600
      case "d": unit = 86400
      case "y": unit = 365 * 86400
      default: return nil
      }
      guard n <= maximumSeconds / unit else { return nil }
      total += n * unit
      guard total <= maximumSeconds else { return nil }
      smallest = unit
      number = nil
      seenUnits += 1
    }
    guard number == nil, seenUnits > 0 else { return nil }
    return .known(value: .seconds(total), resolution: .seconds(smallest))
  }

  /// The printed value, when known.
  public var value: Duration? {
    if case let .known(v, _) = self { return v }
    return nil
  }
  /// The resolution, when known.
  public var resolution: Duration? {
    if case let .known(_, r) = self { return r }
    return nil
  }
}

/// The Age column of describe's Events table or `kubectl events`' LAST SEEN:
/// `27s`, or `27s (x4 over 84s)` = last occurrence 27 s ago, 4 times, first 84 s ago.
public struct AggregatedAge: Sendable, Hashable {
  /// The last occurrence's age (`27s`), counted back from the dump's "now".
  public var last: Age
  /// The `x4` occurrence count; nil when the column shows a single age.
  public var count: Int?
  /// The first occurrence's age (`over 84s`), counted back from the dump's "now"; nil when absent.
  public var first: Age?

  /// An aggregated age; count and first default to absent.
  public init(last: Age, count: Int? = nil, first: Age? = nil) {
    self.last = last; self.count = count; self.first = first
  }

  /// Parses `27s`, `27s (x4 over 84s)`, `<unknown>`, `<invalid> (x2 over 3m)`.
  public static func parse(_ text: some StringProtocol) -> AggregatedAge? {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard let open = t.firstIndex(of: "(") else {
      return Age.parse(t).map { AggregatedAge(last: $0) }
    }
    guard let last = Age.parse(t[..<open]) else { return nil }
    var inner = t[t.index(after: open)...]
    guard inner.hasSuffix(")"), inner.hasPrefix("x") else { return nil }
    inner = inner.dropFirst().dropLast()
    let parts = inner.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 3, parts[1] == "over", let n = InputBounds.count(parts[0]), let first = Age.parse(parts[2]) else { return nil }
    return AggregatedAge(last: last, count: n, first: first)
  }
}
