import Foundation

/// A stretch of time in which a recording of a scope (one namespace, or all) may have missed
/// changes: the recorder was not running, or a watch broke and the server no longer had the
/// history since (410 Gone), so what changed in between is known only by its result (the List
/// taken afterwards). Filed under `RecordingGap.object(namespace:)`, observed at `to`.
public struct RecordingGap: Sendable, Hashable, Codable {
  /// Why the history has a hole.
  public enum Trouble: String, Sendable, Hashable, Codable {
    /// No recorder was running (between the last commit of one `podhist record` and the first
    /// List of the next).
    case recorderDown = "recorder-down"
    /// The watch's history was gone (410 Gone): a new List, and nothing of what came between.
    case historyGone = "history-gone"
    /// kubectl or the connection failed: a new List after retrying.
    case watchFailed = "watch-failed"
  }

  /// The namespace recorded; nil for all namespaces.
  public var namespace: String?
  /// The resource whose watch has the hole: `pods` or `events`.
  public var resource: String
  /// The last instant the recording was known complete.
  public var from: Instant
  /// When the recording was complete again (the new List).
  public var to: Instant
  /// Why.
  public var cause: Trouble

  /// A gap of `resource` in `namespace` (nil: all) from `from` to `to`.
  public init(namespace: String?, resource: String, from: Instant, to: Instant, cause: Trouble) {
    self.namespace = namespace; self.resource = resource; self.from = from; self.to = to; self.cause = cause
  }

  /// The kind of the object a gap fact is filed under (never a pod, so pod views skip it).
  public static let objectKind = "RecordingGap"

  /// The object the gaps of a recording of `namespace` (nil: all) are filed under.
  public static func object(namespace: String?) -> ObjectRef {
    ObjectRef(kind: objectKind, namespace: namespace ?? "", name: namespace == nil ? "all-namespaces" : "namespace")
  }

  /// Whether the recording's scope includes `namespace`.
  public func covers(namespace ns: String) -> Bool { namespace == nil || namespace == ns }

  /// Whether the gap overlaps the interval from `start` to `end`.
  public func overlaps(from start: Instant, to end: Instant) -> Bool { from <= end && to >= start }
}
