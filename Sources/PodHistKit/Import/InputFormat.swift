import Foundation

/// The input formats `podhist import --format` names (docs/cli.md).
public enum InputFormat: String, Sendable, CaseIterable {
  /// Sniff the input: structured (JSON/YAML) or text, and within text every kind a paste mixes.
  case auto
  /// `kubectl describe pod` text only.
  case describe
  /// `kubectl get events` / `kubectl events` tables only.
  case eventsTable = "events-table"
  /// Event objects as JSON (`get events -o json`, a List, a stream or single objects).
  case eventsJSON = "events-json"
  /// Event objects as YAML (`get events -o yaml`).
  case eventsYAML = "events-yaml"
  /// Pod objects as JSON (`get pods -o json`).
  case podsJSON = "pods-json"
  /// Pod objects as YAML (`get pods -o yaml`).
  case podsYAML = "pods-yaml"
  /// `kubectl get pods` tables only.
  case podsTable = "pods-table"
}

/// What `podhist import` is told about one input.
public struct ImportOptions: Sendable {
  /// `--format`: the format to read, or `auto` to sniff.
  public var format: InputFormat
  /// The reference instant for relative ages (`--observed-at`); inferred when nil.
  public var observedAt: Instant?
  /// The name facts cite as their source (the file name as given, `-`, or `--source`).
  public var sourceName: String
  /// Whether a pods List read whole is recorded as a complete listing of its scope (false for
  /// one page of a paged List, as `podhist record` reads them: a page shows only some pods).
  public var listings = true
  /// Whether the input is a stream read as it arrives (`import -` from a pipe): a pod object
  /// outside a List that carries no observation time is taken as observed at its own newest
  /// timestamp at once, instead of being held for the newest timestamp of the whole input.
  public var streaming = false

  /// Options for one input; `format` defaults to sniffing and `observedAt` to inference.
  public init(format: InputFormat = .auto, observedAt: Instant? = nil, sourceName: String) {
    self.format = format; self.observedAt = observedAt; self.sourceName = sourceName
  }
}

/// What an importer says about one input besides its facts.
public struct ImportReport: Sendable {
  /// The formats found (a mixed paste has several).
  public var formats: [String] = []
  /// Lines skipped or doubted, in input order; the import still succeeds.
  public var warnings: [ImportWarning] = []
  /// Notes for the user: which anchor resolved relative ages and its error bound, or that ages
  /// were kept relative.
  public var notes: [String] = []
  /// Objects that were not pods (Events about ReplicaSets, Nodes...), kept but not projected.
  public var nonPodFacts = 0
  /// An empty report.
  public init() {}
}
