import Foundation

/// What a manifest declares of a pod: a Pod manifest (spec, no status), or the pod template of a
/// Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or CronJob. A declaration is what the pod
/// was asked to be, never an observation of it: it sets no phase, no container state and no age,
/// and where an observation of the same pod disagrees, the observation wins.
///
/// A declared fact has no instant of its own: it is stored at the dump's own "now" (offset 0,
/// relative clock) and applies at every instant.
public struct PodDeclaration: Sendable, Hashable, Codable {
  /// The manifest's kind: `Pod`, `Deployment`, `ReplicaSet`, `StatefulSet`, `DaemonSet`, `Job`, `CronJob`.
  public var declaredBy: String
  /// The workload's `spec.selector.matchLabels`; nil for a Pod manifest or a workload without one.
  public var selector: [String: String]?
  /// `spec.replicas` of a Deployment, ReplicaSet or StatefulSet.
  public var replicas: Int?
  /// Pod-level declared spec: restartPolicy, nodeSelector, affinity, tolerations, volumes,
  /// activeDeadlineSeconds, the template's labels...
  public var spec: PodSpecFacts
  /// Every declared container, init containers and sidecars included, in spec order.
  public var containers: [DeclaredContainer]
  /// spec.securityContext, summarised as `key=value` pairs (`runAsNonRoot=true, runAsUser=1000`).
  public var securityContext: String?
  /// spec.hostNetwork.
  public var hostNetwork: Bool?

  /// A declaration by a manifest of kind `declaredBy`, with nothing declared yet.
  public init(declaredBy: String) {
    self.declaredBy = declaredBy; spec = PodSpecFacts(); containers = []
  }

  /// The declared containers of one kind, in spec order.
  public func containers(_ kind: ContainerKind) -> [DeclaredContainer] { containers.filter { $0.kind == kind } }

  /// Whether a workload with this declaration's selector could own a pod with `labels`: every
  /// selector label present with its value. True when either side is unknown.
  public func selects(_ labels: [String: String]?) -> Bool {
    guard let selector, !selector.isEmpty, let labels else { return true }
    return selector.allSatisfy { labels[$0.key] == $0.value }
  }
}

/// One container as a manifest declares it.
public struct DeclaredContainer: Sendable, Hashable, Codable {
  /// The container's name.
  public var name: String
  /// Which list it is in; an init container with restartPolicy Always is a sidecar.
  public var kind: ContainerKind
  /// The image reference as written.
  public var image: String?
  /// Ports, probes, resources, command, mounts, lifecycle hooks, as declared.
  public var spec: ContainerSpecFacts
  /// The container's securityContext, summarised as `key=value` pairs.
  public var securityContext: String?

  /// A declared container with the given name and kind.
  public init(name: String, kind: ContainerKind = .regular, image: String? = nil, spec: ContainerSpecFacts = ContainerSpecFacts()) {
    self.name = name; self.kind = kind; self.image = image; self.spec = spec
  }
}
