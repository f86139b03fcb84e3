import Foundation

/// A node as one observation showed it: a row of `kubectl get nodes` (any era, `-o wide`,
/// `--show-labels`), a `kubectl describe node` block, or a Node object (`-o json|yaml`). Fields
/// the observation did not show are nil. Node facts are stored under `ObjectRef(kind: "Node",
/// namespace: "", name:)`: nodes are cluster-scoped.
public struct NodeSnapshot: Sendable, Hashable, Codable {
  /// What kind of observation this is.
  public var origin: Origin
  /// The STATUS column as printed (`Ready`, `NotReady`, `Ready,SchedulingDisabled`, `Unknown`).
  public var status: String?
  /// ROLES as printed (`control-plane,master`, `<none>`).
  public var roles: String?
  /// AGE: time since creation.
  public var age: Duration?
  /// The kubelet version (VERSION, `Kubelet Version:`, status.nodeInfo.kubeletVersion).
  public var version: String?
  /// INTERNAL-IP (`-o wide`, describe's `InternalIP:`).
  public var internalIP: String?
  /// EXTERNAL-IP (`-o wide`).
  public var externalIP: String?
  /// OS-IMAGE (`-o wide`, status.nodeInfo.osImage).
  public var osImage: String?
  /// KERNEL-VERSION (`-o wide`).
  public var kernelVersion: String?
  /// CONTAINER-RUNTIME (`-o wide`, `docker://19.3.8`).
  public var containerRuntime: String?
  /// metadata.labels (LABELS of `--show-labels`, describe's `Labels:`).
  public var labels: [String: String]?
  /// spec.taints; an empty array when the observation said `<none>`.
  public var taints: [NodeTaint]?
  /// spec.unschedulable (cordoned): `Unschedulable: true`, or STATUS `SchedulingDisabled`.
  public var unschedulable: Bool?
  /// status.conditions (Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable...).
  public var conditions: [NodeCondition]
  /// status.capacity as written (`cpu: 2`, `memory: 3861292Ki`, `pods: 110`).
  public var capacity: [String: String]?
  /// status.allocatable as written: what the scheduler may hand out.
  public var allocatable: [String: String]?
  /// describe's `Allocated resources:` requests per resource (`cpu: 750m`), as written.
  public var allocatedRequests: [String: String]?
  /// describe's `Allocated resources:` limits per resource, as written.
  public var allocatedLimits: [String: String]?
  /// describe's `Non-terminated Pods:`: the pods bound to the node with their requests.
  public var pods: [NodePod]?
  /// metadata.creationTimestamp (describe's `CreationTimestamp:`), UTC.
  public var creationTime: Instant?
  /// Line (1-based, in the fact's source) of each field printed: `status`, `labels`, `taints`,
  /// `conditions`, `capacity`, `allocatable`, `allocated`, `pods`.
  public var fieldLines: [String: Int]

  /// The kind of observation.
  public enum Origin: String, Sendable, Hashable, Codable {
    /// A Node object from `-o json|yaml`.
    case object
    /// A `kubectl describe node` block.
    case describe
    /// A `kubectl get nodes` row.
    case table
  }

  /// An observation of the given origin with nothing known yet.
  public init(origin: Origin) {
    self.origin = origin; conditions = []; fieldLines = [:]
  }

  /// The Ready condition's status (`True`, `False`, `Unknown`), else what STATUS printed.
  public var readyStatus: String? {
    if let c = conditions.first(where: { $0.knownType == .ready }) { return c.status }
    guard let s = status else { return nil }
    let words = s.split(separator: ",").map(String.init)
    if words.contains("Ready") { return "True" }
    if words.contains("NotReady") { return "False" }
    if words.contains("Unknown") { return "Unknown" }
    return nil
  }

  /// Whether the observation shows the node down: its Ready condition not True, or (without
  /// conditions) STATUS `NotReady` / `Unknown` (`NotReady,agent`, `NotReady,SchedulingDisabled`).
  public var isDown: Bool {
    if let ready = conditions.first(where: { $0.knownType == .ready }) { return ready.knownStatus != .true }
    guard let first = status?.split(separator: ",").first else { return false }
    return first == "NotReady" || first == "Unknown"
  }
}

/// A node taint: `key[=value]:effect`.
public struct NodeTaint: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The taint's key (`node-role.kubernetes.io/master`).
  public var key: String
  /// The taint's value; nil when it has none.
  public var value: String?
  /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
  public var effect: String

  /// A taint as written.
  public init(key: String, value: String? = nil, effect: String) {
    self.key = key; self.value = value; self.effect = effect
  }

  /// Reads `key[=value]:effect` (describe's and kubectl's form); nil when there is no effect.
  public init?(parsing text: String) {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard let colon = t.lastIndex(of: ":") else { return nil }
    let effect = String(t[t.index(after: colon)...])
    guard TaintEffect(rawValue: effect) != nil else { return nil }
    let kv = t[..<colon]
    if let eq = kv.firstIndex(of: "=") {
      key = String(kv[..<eq]); value = String(kv[kv.index(after: eq)...])
    } else {
      key = String(kv); value = nil
    }
    guard !key.isEmpty else { return nil }
    self.effect = effect
  }

  /// `key[=value]:effect`.
  public var description: String { key + (value.map { "=" + $0 } ?? "") + ":" + effect }
}

/// A node condition, as describe or the object shows it.
public struct NodeCondition: Sendable, Hashable, Codable {
  /// `Ready`, `MemoryPressure`, `DiskPressure`, `PIDPressure`, `NetworkUnavailable`, `OutOfDisk`...
  public var type: String
  /// `True`, `False` or `Unknown`.
  public var status: String
  /// The kubelet's reason (`KubeletHasDiskPressure`, `NodeStatusUnknown`).
  public var reason: String?
  /// The human message.
  public var message: String?
  /// lastTransitionTime, UTC.
  public var lastTransition: Instant?

  /// A condition with what was printed.
  public init(type: String, status: String, reason: String? = nil, message: String? = nil, lastTransition: Instant? = nil) {
    self.type = type; self.status = status; self.reason = reason; self.message = message; self.lastTransition = lastTransition
  }

  /// Whether the condition reports a problem: Ready not True, or a pressure/unavailable condition True.
  public var isAdverse: Bool { knownType == .ready ? knownStatus != .true : knownStatus == .true }
}

/// One pod of describe node's `Non-terminated Pods:` table.
public struct NodePod: Sendable, Hashable, Codable {
  /// The pod's namespace.
  public var namespace: String
  /// The pod's name.
  public var name: String
  /// CPU requests as written (`100m`), `0` when none.
  public var cpuRequests: String?
  /// Memory requests as written (`70Mi`), `0` when none.
  public var memoryRequests: String?

  /// A row of the table.
  public init(namespace: String, name: String, cpuRequests: String? = nil, memoryRequests: String? = nil) {
    self.namespace = namespace; self.name = name; self.cpuRequests = cpuRequests; self.memoryRequests = memoryRequests
  }
}
