import Foundation

/// Something observed about a Kubernetes object (almost always a pod) at an instant, and where
/// it was observed. Facts are the only thing the store's log holds.
public struct Fact: Sendable, Hashable, Codable {
  /// The object the fact is about: the pod, or the involved object of a non-pod Event.
  public var object: ObjectRef
  /// When the fact was observed: an Event's last occurrence, or a snapshot's instant.
  public var observed: Instant
  /// Whether instants in this fact are absolute (UTC) or offsets from the dump's own "now"
  /// (a text dump with no anchor for its ages: see `Clock.relative`).
  public var clock: Clock
  /// How far the instants in this fact may be off: the age resolution plus the anchor's error.
  /// Zero for times printed absolutely.
  public var uncertainty: Duration
  /// What was observed: an Event record or a pod status snapshot.
  public var body: Body
  /// Where the fact came from. Not part of the fact's identity: the same content seen again in
  /// another file is the same fact.
  public var provenance: Provenance

  /// The kinds of observation a fact holds.
  public enum Body: Sendable, Hashable, Codable {
    /// One Event record as seen: reason, message, count, first/last occurrence.
    case event(EventRecord)
    /// The pod as a describe, `-o json|yaml` or `get pods` row showed it at `observed`.
    case status(PodSnapshot)
    /// What a manifest declares of a pod (a Pod manifest, or a workload's pod template):
    /// never an observation. See `PodDeclaration`.
    case declared(PodDeclaration)
    /// A node as `get nodes`, `describe node` or a Node object showed it at `observed`.
    case node(NodeSnapshot)
    /// Every pod of a scope at `observed` (filed under `PodListing.object(namespace:)`).
    case listing(PodListing)
    /// The pod no longer exists at `observed`.
    case deletion(PodDeletion)
    /// A recording of a scope may have missed changes between two instants (filed under
    /// `RecordingGap.object(namespace:)`, observed at the gap's end).
    case recordingGap(RecordingGap)
  }

  /// A fact with absolute, exact instants unless `clock` and `uncertainty` say otherwise.
  public init(object: ObjectRef, observed: Instant, clock: Clock = .absolute, uncertainty: Duration = .zero,
              body: Body, provenance: Provenance) {
    self.object = object; self.observed = observed; self.clock = clock
    self.uncertainty = uncertainty; self.body = body; self.provenance = provenance
  }

  /// The Event, when this is an event fact.
  public var event: EventRecord? {
    if case let .event(e) = body { return e }
    return nil
  }
  /// The declaration, when this is a declared fact.
  public var declaration: PodDeclaration? {
    if case let .declared(d) = body { return d }
    return nil
  }
  /// The node observation, when this is a node fact.
  public var nodeSnapshot: NodeSnapshot? {
    if case let .node(n) = body { return n }
    return nil
  }
  /// Whether the fact observes a pod (an Event, a status snapshot, its deletion), as the
  /// projection reads; declarations, node facts and listings are not observations of a pod.
  public var isPodObservation: Bool {
    switch body {
    case .event, .status, .deletion: true
    case .declared, .node, .listing, .recordingGap: false
    }
  }
  /// The snapshot, when this is a status fact.
  public var snapshot: PodSnapshot? {
    if case let .status(s) = body { return s }
    return nil
  }
  /// The listing, when this is a listing fact.
  public var listing: PodListing? {
    if case let .listing(l) = body { return l }
    return nil
  }
  /// The recording gap, when this is a gap fact.
  public var recordingGap: RecordingGap? {
    if case let .recordingGap(g) = body { return g }
    return nil
  }
  /// The deletion, when this is a deletion fact.
  public var deletion: PodDeletion? {
    if case let .deletion(d) = body { return d }
    return nil
  }
}

/// How a fact's instants relate to real time.
public enum Clock: String, Sendable, Hashable, Codable {
  /// Real UTC instants (printed absolutely, or ages resolved against an anchor).
  case absolute
  /// Ages kept relative: instants are offsets from the dump's own "now", stored as
  /// `Instant(micros: 0) - age`. podhist never invents an absolute time for them.
  case relative
}

/// A Kubernetes object: kind, namespace, name and uid when known.
///
/// A pod's identity is (namespace, name, uid); dumps often lack the uid, and text dumps without
/// `-A` lack the namespace (then it is `unknownNamespace`, schema/namespace-unknown.md).
public struct ObjectRef: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The object's kind (`Pod`, or an Event's involvedObject kind: `Node`, `ReplicaSet`...).
  public var kind: String
  /// metadata.namespace; `unknownNamespace` ("") when a text paste did not print it (stores
  /// written before 2026-12 filed such pods under `default`).
  public var namespace: String
  /// metadata.name; a pod's name, unique in its namespace at any one time but reused by recreations.
  public var name: String
  /// metadata.uid: tells apart two pods with the same name over time; nil when the dump lacks it.
  public var uid: String?

  /// A reference; `kind` defaults to `Pod`.
  public init(kind: String = "Pod", namespace: String, name: String, uid: String? = nil) {
    self.kind = kind; self.namespace = namespace; self.name = name; self.uid = uid
  }

  /// The namespace of a pod whose paste did not name it (a `get pods` table without `-A`, a
  /// describe cut above `Namespace:`): not a namespace any object can have (schema/namespace-unknown.md).
  public static let unknownNamespace = ""
  /// Whether the paste did not name the namespace.
  public var isNamespaceUnknown: Bool { namespace == ObjectRef.unknownNamespace }

  /// `namespace/name` as podhist prints a pod, `name (namespace unknown)` when the paste did not name it.
  public static func shown(namespace: String, name: String) -> String {
    namespace == unknownNamespace ? "\(name) (namespace unknown)" : "\(namespace)/\(name)"
  }
  /// The pod's namespace in a sentence: `namespace NS`, `the pod's namespace` when the paste did
  /// not name it.
  public var namespaceInWords: String { isNamespaceUnknown ? "the pod's namespace" : "namespace \(namespace)" }
  /// A namespace as a table cell prints it: `<unknown>` when the paste did not name it.
  public static func cell(namespace: String) -> String { namespace == unknownNamespace ? "<unknown>" : namespace }

  /// Whether the object is a pod (not a node, controller or other involved object).
  public var isPod: Bool { knownKind == .pod }
  /// Orders by namespace, name, kind, then uid (nil uid first), the order listings print.
  public static func < (a: ObjectRef, b: ObjectRef) -> Bool {
    (a.namespace, a.name, a.kind, a.uid ?? "") < (b.namespace, b.name, b.kind, b.uid ?? "")
  }
  /// `namespace/name` (`/name` when the paste did not name it): a key for tests and logs; output
  /// prints a pod with `shown(namespace:name:)`.
  public var description: String { "\(namespace)/\(name)" }
}

/// Where a fact was observed: which import, which source (file name or `-`), which lines.
public struct Provenance: Sendable, Hashable, Codable {
  /// The store's import id; 0 before the store has assigned one.
  public var importID: Int64
  /// The source name: the file name as given on the command line, `--source NAME`, or `-`.
  public var source: String
  /// First and last line (1-based) of the text the fact came from; for JSON streams the line
  /// where the object starts.
  public var firstLine: Int
  /// Last line (1-based, inclusive) of the text the fact came from; equal to `firstLine` for one line.
  public var lastLine: Int
  /// The format the importer read (`describe`, `events-json`, ...).
  public var format: String

  /// A provenance; `lastLine` defaults to `firstLine`, `importID` to 0 (unassigned).
  public init(importID: Int64 = 0, source: String, firstLine: Int, lastLine: Int? = nil, format: String) {
    self.importID = importID; self.source = source; self.firstLine = firstLine
    self.lastLine = lastLine ?? firstLine; self.format = format
  }
}

/// The kind of a container in the pod spec.
public enum ContainerKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// Which spec list a container is in; `sidecar` is an init container with restartPolicy Always.
  case regular, `init`, sidecar, ephemeral
}
