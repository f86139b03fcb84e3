import Foundation

/// Why a pod is in its state: ranked causes with evidence, and what the data cannot tell.
public struct Explanation: Sendable, Equatable, Codable {
  public var object: ObjectRef
  public var at: Instant
  /// kubectl's STATUS at `at`.
  public var status: String
  /// Most likely first.
  public var causes: [Cause]
  /// What is missing from the history (no status snapshot, events before an instant expired).
  public var gaps: [Gap]
  /// `relative` when the instants are offsets from the dump's end (a text dump with no anchor);
  /// nil means absolute. Added by the why work for rendering.
  public var clock: Clock? = nil
  /// RESTARTS at `at` (a range when aggregation hides the count); nil when unknown.
  public var restarts: ClosedRange<Int>? = nil

  public init(object: ObjectRef, at: Instant, status: String, causes: [Cause] = [], gaps: [Gap] = []) {
    self.object = object; self.at = at; self.status = status; self.causes = causes; self.gaps = gaps
  }
}

/// One cause: a stable code from cli.md's catalogue, a sentence, the chain of facts that led
/// there, the evidence lines, and hints.
public struct Cause: Sendable, Equatable, Codable {
  public var code: CauseCode
  public var container: String?
  public var containerKind: ContainerKind?
  public var confidence: Confidence
  public var summary: String
  /// The facts that led there, in order, as words with instants.
  public var chain: [Narrative]
  public var evidence: [Evidence]
  /// Concrete advice where the data supports it.
  public var hints: [Narrative]

  public init(code: CauseCode, container: String? = nil, containerKind: ContainerKind? = nil, confidence: Confidence,
              summary: String, chain: [Narrative] = [], evidence: [Evidence] = [], hints: [Narrative] = []) {
    self.code = code; self.container = container; self.containerKind = containerKind; self.confidence = confidence
    self.summary = summary; self.chain = chain; self.evidence = evidence; self.hints = hints
  }
}

/// A fact cited as evidence: when, what, and the source line a user can check.
public struct Evidence: Sendable, Equatable, Codable {
  public var time: Instant?
  public var reason: String
  /// The event's message, or what the cited field shows (with instants as values).
  public var message: Narrative
  public var count: Int?
  public var source: String
  public var line: Int

  public init(time: Instant?, reason: String, message: Narrative, count: Int? = nil, source: String, line: Int) {
    self.time = time; self.reason = reason; self.message = message; self.count = count; self.source = source; self.line = line
  }
}
