import Foundation

/// A pod that no longer exists, as of the fact's instant, and how that is known.
public struct PodDeletion: Sendable, Hashable, Codable {
  /// How the deletion is known.
  public enum Basis: String, Sendable, Hashable, Codable, CaseIterable {
    /// A watch's `DELETED` notice for the pod (`kubectl get pods -w`, `podhist record`).
    case watch
    /// A complete listing of its namespace (or of all) taken then did not show it.
    case absentFromListing = "absent-from-listing"
    /// Its containers were stopped for a deletion (`Killing`) and nothing about it followed past
    /// the grace period: deleted, most likely (an inference, not an observation).
    case killedThenSilent = "killed-then-silent"
    /// Known from events alone: a failure the kubelet retries every few minutes while it lasts
    /// stopped being reported, and no start followed, for 15 min: gone, most likely.
    case retriesStopped = "retries-stopped"
  }

  /// How the deletion is known.
  public var basis: Basis

  /// A deletion known by `basis`.
  public init(basis: Basis) { self.basis = basis }

  /// Whether the deletion was observed (a watch, a listing) rather than inferred.
  public var isObserved: Bool { basis == .watch || basis == .absentFromListing }
}
