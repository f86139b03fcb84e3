import Foundation

/// Why a pod is in its state: ranked causes with evidence, and what the data cannot tell.
public struct Explanation: Sendable, Equatable, Codable {
  /// The pod explained.
  public var object: ObjectRef
  /// The instant explained: the projected state's `at`, in the time base `clock` names.
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
  /// The manifests that declare the pod (apart from the observations), with where the
  /// observation differs from what they declare.
  public var declarations: [DeclarationNote] = []

  /// An explanation with the given causes and gaps; `clock` and `restarts` start nil.
  public init(object: ObjectRef, at: Instant, status: String, causes: [Cause] = [], gaps: [Gap] = []) {
    self.object = object; self.at = at; self.status = status; self.causes = causes; self.gaps = gaps
  }
}

/// One cause: a stable code from docs/cli.md's catalogue, a sentence, the chain of facts that led
/// there, the evidence lines, and hints.
public struct Cause: Sendable, Equatable, Codable {
  /// The stable cause code (schema/causes.md), what JSON output and scripts match on.
  public var code: CauseCode
  /// The container the cause is about; nil for pod-level causes (scheduling, eviction).
  public var container: String?
  /// Which spec list `container` is in; nil with `container`.
  public var containerKind: ContainerKind?
  /// How sure the rule is, a named tier; causes are ranked by it.
  public var confidence: Confidence
  /// One sentence naming the cause, for people; scripts match `code`.
  public var summary: String
  /// The facts that led there, in order, as words with instants.
  public var chain: [Narrative]
  /// The facts cited, each with its source line, in time order.
  public var evidence: [Evidence]
  /// Concrete advice where the data supports it.
  public var hints: [Narrative]

  /// A cause; chain, evidence and hints default to empty.
  public init(code: CauseCode, container: String? = nil, containerKind: ContainerKind? = nil, confidence: Confidence,
              summary: String, chain: [Narrative] = [], evidence: [Evidence] = [], hints: [Narrative] = []) {
    self.code = code; self.container = container; self.containerKind = containerKind; self.confidence = confidence
    self.summary = summary; self.chain = chain; self.evidence = evidence; self.hints = hints
  }
}

/// A fact cited as evidence: when, what, and the source line a user can check.
public struct Evidence: Sendable, Equatable, Codable {
  /// When the cited fact was observed (an Event's last occurrence); nil for undated fields.
  public var time: Instant?
  /// The Event reason, or a label for a cited status field (`State`, `Limits`, `Evicted`, `Terminating`).
  public var reason: String
  /// The event's message, or what the cited field shows (with instants as values).
  public var message: Narrative
  /// The Event's occurrence count (a lower bound); nil for fields.
  public var count: Int?
  /// The source name the fact came from (file as given, `--source NAME`, or `-`).
  public var source: String
  /// The 1-based line in `source` a user can open to check.
  public var line: Int

  /// Evidence citing `source:line`; `count` defaults to absent.
  public init(time: Instant?, reason: String, message: Narrative, count: Int? = nil, source: String, line: Int) {
    self.time = time; self.reason = reason; self.message = message; self.count = count; self.source = source; self.line = line
  }
}
