import Foundation

/// The input formats `podhist import --format` names (cli.md).
public enum InputFormat: String, Sendable, CaseIterable {
  case auto
  case describe
  case eventsTable = "events-table"
  case eventsJSON = "events-json"
  case eventsYAML = "events-yaml"
  case podsJSON = "pods-json"
  case podsYAML = "pods-yaml"
  case podsTable = "pods-table"
}

/// What `podhist import` is told about one input.
public struct ImportOptions: Sendable {
  public var format: InputFormat
  /// The reference instant for relative ages (`--observed-at`); inferred when nil.
  public var observedAt: Instant?
  /// The name facts cite as their source (the file name as given, `-`, or `--source`).
  public var sourceName: String

  public init(format: InputFormat = .auto, observedAt: Instant? = nil, sourceName: String) {
    self.format = format; self.observedAt = observedAt; self.sourceName = sourceName
  }
}

/// What an importer says about one input besides its facts.
public struct ImportReport: Sendable {
  /// The formats found (a mixed paste has several).
  public var formats: [String] = []
  public var warnings: [ImportWarning] = []
  /// Notes for the user: which anchor resolved relative ages and its error bound, or that ages
  /// were kept relative.
  public var notes: [String] = []
  /// Objects that were not pods (Events about ReplicaSets, Nodes...), kept but not projected.
  public var nonPodFacts = 0
  public init() {}
}
