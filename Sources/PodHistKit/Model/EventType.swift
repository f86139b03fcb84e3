import Foundation

/// An Event's `type`: the two values the API defines. `EventRecord.type` keeps the text as
/// recorded (tables print it back); `knownType` reads it once per question.
public enum EventType: String, Sendable, Hashable, CaseIterable {
  /// Routine progress (`Scheduled`, `Pulled`, `Started`).
  case normal = "Normal"
  /// Something went wrong or may have (`BackOff`, `FailedScheduling`, `Unhealthy`).
  case warning = "Warning"
}

extension EventRecord {
  /// The Event's type, when it is one the API defines; nil for a table without a TYPE column.
  public var knownType: EventType? { type.flatMap(EventType.init(rawValue:)) }
  /// Whether the Event is a `Warning`.
  public var isWarning: Bool { knownType == .warning }
}
