import Foundation

/// One line of a text dump after paste cleanup: its 1-based number in the source and its text
/// (CR, trailing spaces and the paste's common indentation removed; tabs kept).
public struct SourceLine: Sendable, Hashable {
  /// The 1-based line number in the user's file, unchanged by paste cleanup.
  public var number: Int
  /// The line's text after cleanup (CR, trailing spaces, common indentation and decoration removed).
  public var text: Substring
  /// A line with its source number.
  public init(number: Int, text: Substring) { self.number = number; self.text = text }
}

/// A run of lines one text parser understood (a describe block, an events table, a pods table),
/// before its relative ages are resolved to instants.
///
/// Text dumps print ages, not times. Each segment has its own "now" (the moment the command
/// ran); `TextImporter` finds it from anchors (absolute times printed in the same paste) and
/// then asks the segment for its facts.
public protocol TextSegment: Sendable {
  /// `describe`, `events-table`, `pods-table`.
  var format: String { get }
  /// The source lines the segment covers.
  var lines: ClosedRange<Int> { get }
  /// What this segment can tell about its own "now": pairs of an age printed here and, when
  /// printed here too, the absolute time of the same thing.
  var anchors: [AgeAnchor] { get }
  /// The segment's facts, ages resolved against `now` (± `nowError`). With `now == nil` the
  /// facts use `Clock.relative`: instants are `Instant(micros: 0) - age`.
  func facts(now: Instant?, nowError: Duration, source: String) -> [Fact]
}

/// Something a text segment printed that ties its ages to real time.
public struct AgeAnchor: Sendable, Hashable {
  /// What the age or time is of.
  public enum Subject: Sendable, Hashable {
    /// status.startTime (describe `Start Time:`), the kubelet's acknowledgement.
    case podStarted(pod: String)
    /// creationTimestamp (`kubectl get pods` AGE counts from it).
    case podCreated(pod: String)
    /// The pod's `Scheduled` event (normally within seconds before Start Time).
    case scheduled(pod: String)
    /// A container's current instance started (`Started:` / the latest `Started` event).
    case containerStarted(pod: String, container: String)
    /// A container's last instance finished (Last State `Finished:` / RESTARTS `(2m ago)`).
    case containerFinished(pod: String, container: String?)
  }
  /// What the age or time is of.
  public var subject: Subject
  /// The age printed in this segment, when it printed one.
  public var age: Age?
  /// The absolute time printed in this segment, when it printed one.
  public var absolute: Instant?
  /// An anchor; at least one of `age` and `absolute` should be set for it to be of use.
  public init(subject: Subject, age: Age? = nil, absolute: Instant? = nil) {
    self.subject = subject; self.age = age; self.absolute = absolute
  }
}
