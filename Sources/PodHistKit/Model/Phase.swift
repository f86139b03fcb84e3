import Foundation

/// A pod's phase (`status.phase`); `text` is what the output prints.
public enum Phase: Sendable, Hashable, Codable {
  /// The five phases the API defines.
  case pending, running, succeeded, failed, unknown
  /// A phase podhist does not know, kept as the dump printed it.
  case other(String)

  /// The phase a dump prints as `text`.
  public init(_ text: String) {
    switch text {
    case "Pending": self = .pending
    case "Running": self = .running
    case "Succeeded": self = .succeeded
    case "Failed": self = .failed
    case "Unknown": self = .unknown
    default: self = .other(text)
    }
  }

  /// The phase as kubectl prints it.
  public var text: String {
    switch self {
    case .pending: "Pending"
    case .running: "Running"
    case .succeeded: "Succeeded"
    case .failed: "Failed"
    case .unknown: "Unknown"
    case let .other(t): t
    }
  }

  /// Whether the pod is done for good (Succeeded or Failed).
  public var isTerminal: Bool { self == .succeeded || self == .failed }
}

extension PodSnapshot {
  /// The phase the snapshot printed, read as a `Phase`; nil when it printed none.
  public var knownPhase: Phase? { phase.map(Phase.init) }
}
