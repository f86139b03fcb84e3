import Foundation

/// The volume sources podhist reads something from (describe's `Type:` and the object's key).
public enum VolumeType: String, Sendable, Hashable, CaseIterable {
  /// A claim on a PersistentVolume; its name is the volume's `source`.
  case persistentVolumeClaim
  /// A ConfigMap or Secret mounted as files; its name is the volume's `source`.
  case configMap, secret
  /// Scratch space on the node, a path on the node, an NFS export, several sources in one.
  case emptyDir, hostPath, nfs, projected
}

extension VolumeRef {
  /// The volume's source type, when podhist knows it.
  public var knownType: VolumeType? { VolumeType(rawValue: type) }
}
