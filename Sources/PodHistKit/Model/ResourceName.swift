import Foundation

/// The compute resources podhist reads requests, limits, allocatable and eviction signals of;
/// the raw value is the API's name (the key of `requests`, `limits`, `allocatable`).
public enum ResourceName: String, Sendable, Hashable, CaseIterable {
  /// CPU, in cores (`500m`, `2`).
  case cpu
  /// Memory, in bytes (`512Mi`, `1G`).
  case memory
  /// Local ephemeral storage: the writable layer, logs and emptyDir volumes.
  case ephemeralStorage = "ephemeral-storage"

  /// The two resources the scheduler sums requests of for every pod.
  public static let scheduled: [ResourceName] = [.cpu, .memory]
}
