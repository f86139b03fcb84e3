import Foundation

/// A condition's `status`, pod's or node's: the three values the API defines.
public enum ConditionStatus: String, Sendable, Hashable, CaseIterable {
  /// The condition holds.
  case `true` = "True"
  /// The condition does not hold.
  case `false` = "False"
  /// The node controller or kubelet cannot tell (a node that stopped reporting).
  case unknown = "Unknown"
}

/// The node condition types the API defines; the raw value is the API's spelling.
public enum NodeConditionType: String, Sendable, Hashable, CaseIterable {
  /// The kubelet is healthy and ready to run pods.
  case ready = "Ready"
  /// Pressures the kubelet reports (True is bad), and a node whose network is not set up.
  case memoryPressure = "MemoryPressure", diskPressure = "DiskPressure", pidPressure = "PIDPressure"
  /// The node's network is not configured (True is bad); OutOfDisk before 1.13.
  case networkUnavailable = "NetworkUnavailable", outOfDisk = "OutOfDisk"
}

extension NodeCondition {
  /// The condition's type, when the API defines it.
  public var knownType: NodeConditionType? { NodeConditionType(rawValue: type) }
  /// The condition's status, when it is one the API defines.
  public var knownStatus: ConditionStatus? { ConditionStatus(rawValue: status) }
}
