import Foundation

/// One Kubernetes Event record as seen in a dump (core/v1 or events.k8s.io/v1, JSON, YAML or a
/// table row). Times are normalised: `first`/`last`/`count` hold what kubectl would show
/// (series data when present, else the deprecated/legacy fields), and the raw API fields are
/// kept beside them.
public struct EventRecord: Sendable, Hashable, Codable {
  /// The Event's reason (`BackOff`, `Killing`, `FailedScheduling`...), as recorded.
  public var reason: String
  /// The Event's message as recorded (note), possibly truncated by kubectl's table width.
  public var message: String
  /// `Normal` or `Warning`; nil in tables that predate the TYPE column.
  public var type: String?
  /// The container the Event is about, from `fieldPath` (`spec.containers{app}`).
  public var container: String?
  /// Which spec list `container` is in, from the fieldPath prefix.
  public var containerKind: ContainerKind?
  /// involvedObject.fieldPath (`spec.containers{app}`); nil for pod-level events.
  public var fieldPath: String?
  /// `source.component`, else `reportingController` (`kubelet`, `default-scheduler`).
  public var component: String?
  /// `source.host`, else `reportingInstance` (the node for kubelet events).
  public var host: String?
  /// First occurrence (firstTimestamp, else eventTime).
  public var first: Instant?
  /// Last occurrence (series.lastObservedTime, else lastTimestamp, else first).
  public var last: Instant?
  /// Occurrences (series.count, else count; 0 counts as 1). A lower bound: the spam filter
  /// drops writes.
  public var count: Int
  /// events.k8s.io `eventTime` (MicroTime), when set.
  public var eventTime: Instant?
  /// events.k8s.io series.count (also core/v1 series), when the Event is a series.
  public var seriesCount: Int?
  /// series.lastObservedTime (MicroTime), when the Event is a series.
  public var seriesLast: Instant?
  /// `metadata.name` (`<object>.<hex nanos>`) and `metadata.uid`, when the dump has them.
  public var name: String?
  /// metadata.uid of the Event object, when the dump has it.
  public var uid: String?
  /// The Event's action (events.k8s.io: `Binding`, `Pulling`...), when set.
  public var action: String?
  /// reportingController (events.k8s.io: `kubelet`, `default-scheduler`), kept verbatim.
  public var reportingController: String?
  /// reportingInstance (the node name for kubelet events), kept verbatim.
  public var reportingInstance: String?
  /// `core/v1` or `events.k8s.io/v1`; nil for text tables.
  public var apiVersion: String?
  /// Other fields of the object, kept verbatim as JSON text so nothing imported is lost
  /// (metadata.resourceVersion, creationTimestamp, related, ...). Nil when there are none.
  public var extra: String?

  /// An Event with the normalised fields; the raw API fields start nil.
  public init(reason: String, message: String, type: String? = nil, container: String? = nil,
              containerKind: ContainerKind? = nil, fieldPath: String? = nil, component: String? = nil,
              host: String? = nil, first: Instant? = nil, last: Instant? = nil, count: Int = 1) {
    self.reason = reason; self.message = message; self.type = type; self.container = container
    self.containerKind = containerKind; self.fieldPath = fieldPath; self.component = component
    self.host = host; self.first = first; self.last = last; self.count = count
  }

  /// Parses a fieldPath such as `spec.containers{app}`, `spec.initContainers{init}`,
  /// `spec.ephemeralContainers{dbg}` into a container name and kind.
  public static func container(fromFieldPath path: String?) -> (name: String, kind: ContainerKind)? {
    guard let path, let open = path.firstIndex(of: "{"), let close = path.lastIndex(of: "}"), open < close else { return nil }
    let name = String(path[path.index(after: open)..<close])
    let head = path[..<open]
    let kind: ContainerKind = head.hasSuffix("initContainers") ? ContainerKind.`init`
      : head.hasSuffix("ephemeralContainers") ? .ephemeral : .regular
    return name.isEmpty ? nil : (name, kind)
  }

  /// A key that stays the same when the same Event object is seen again with a higher count:
  /// the object name when known, else reason + fieldPath + message.
  public var identityKey: String {
    if let name { return "n:" + name }
    if let uid { return "u:" + uid }
    return "r:\(reason)|\(fieldPath ?? container ?? "")|\(message)"
  }
}
