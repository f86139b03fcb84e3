import Foundation

/// A taint's effect (`key[=value]:effect`), the three the API defines.
public enum TaintEffect: String, Sendable, Hashable, CaseIterable {
  /// No new pod without a toleration is scheduled to the node.
  case noSchedule = "NoSchedule"
  /// The scheduler avoids the node for such pods when it can.
  case preferNoSchedule = "PreferNoSchedule"
  /// As NoSchedule, and running pods without a toleration are evicted.
  case noExecute = "NoExecute"

  /// Whether a pod that does not tolerate the taint cannot be placed on the node.
  public var keepsPodsOff: Bool { self == .noSchedule || self == .noExecute }
}

extension NodeTaint {
  /// The taint's effect, when it is one the API defines.
  public var knownEffect: TaintEffect? { TaintEffect(rawValue: effect) }
}
