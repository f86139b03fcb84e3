import Foundation

/// Words about facts with their instants kept as values: a chain step, an evidence message or a
/// hint of `why`. Render reads each instant on the explanation's clock (`-28s` or RFC 3339);
/// Explain never formats an instant. Written as a string literal with `\(time: instant)`.
public struct Narrative: Sendable, Hashable, Codable, ExpressibleByStringInterpolation {
  /// A run of words, or an instant (nil: unknown) for Render to read.
  public enum Part: Sendable, Hashable, Codable {
    /// Words as they are printed.
    case text(String)
    /// An instant Render prints on the explanation's clock; nil prints as unknown.
    case time(Instant?)
  }

  /// The parts in reading order.
  public var parts: [Part]

  /// Words with no instant in them.
  public init(_ text: String) { parts = text.isEmpty ? [] : [.text(text)] }
  /// Words with no instant in them, as a literal.
  public init(stringLiteral value: String) { self.init(value) }
  /// A literal with `\(time:)` interpolations.
  public init(stringInterpolation: Interpolation) { parts = stringInterpolation.parts }

  /// Builds a `Narrative` from a string literal: text runs, instants and nested narratives.
  public struct Interpolation: StringInterpolationProtocol {
    var parts: [Part] = []
    /// Starts an empty narrative.
    public init(literalCapacity: Int, interpolationCount: Int) {}
    /// Appends words.
    public mutating func appendLiteral(_ literal: String) { append(text: literal) }
    /// Appends an instant, read by Render on the explanation's clock.
    public mutating func appendInterpolation(time: Instant?) { parts.append(.time(time)) }
    /// Appends another narrative's parts.
    public mutating func appendInterpolation(_ n: Narrative) { for p in n.parts { append(p) } }
    /// Appends any other value as the standard interpolation writes it.
    public mutating func appendInterpolation<T>(_ value: T) { append(text: String(describing: value)) }

    mutating func append(text: String) { append(.text(text)) }
    mutating func append(_ part: Part) {
      if case let .text(t) = part {
        if t.isEmpty { return }
        if case let .text(previous)? = parts.last { parts[parts.count - 1] = .text(previous + t); return }
      }
      parts.append(part)
    }
  }

  /// Two narratives one after the other.
  public static func + (a: Narrative, b: Narrative) -> Narrative {
    var i = Interpolation(literalCapacity: 0, interpolationCount: 0)
    for p in a.parts + b.parts { i.append(p) }
    return Narrative(stringInterpolation: i)
  }

  /// Appends `b`.
  public static func += (a: inout Narrative, b: Narrative) { a = a + b }

  /// Words after a narrative.
  public static func + (a: Narrative, b: String) -> Narrative { a + Narrative(b) }

  /// Appends words.
  public static func += (a: inout Narrative, b: String) { a = a + Narrative(b) }

  /// Whether there are no words and no instant.
  public var isEmpty: Bool { parts.isEmpty }

  /// The words without the instants, to order narratives that tell the same instant.
  public var words: String {
    parts.map { p in
      switch p {
      case let .text(t): t
      case .time: ""
      }
    }.joined()
  }
}
