import Foundation

/// The cluster's nodes as the store knows them at one instant: per node, its observations merged
/// newest first (a `get nodes --show-labels` row gives labels, a `describe node` the allocatable
/// and allocated resources), and its Events. Pure: built from facts, no I/O.
public struct NodeFacts: Sendable {
  /// One node at the instant.
  public struct Node: Sendable {
    /// The node's name.
    public var name: String
    /// Its observations merged, newest first: each field from the newest observation that showed it.
    public var snapshot: NodeSnapshot
    /// The observations merged, newest first (for evidence).
    public var observations: [Fact]
    /// Its Events up to the instant, oldest first (NodeNotReady, NodeHasDiskPressure, Rebooted...).
    public var events: [Fact]
  }

  /// The nodes, by name.
  public var nodes: [Node]

  /// No node known.
  public init() { nodes = [] }

  /// The nodes as `facts` (node snapshots and Events about Node objects) show them at `at`
  /// (nil: their newest observations). Facts told on another clock than `clock` (ages of a
  /// different dump) are used when nothing on the same clock is known.
  public init(_ facts: [Fact], at: Instant? = nil, clock: Clock = .absolute) {
    var byName: [String: (snaps: [Fact], events: [Fact])] = [:]
    for f in facts where f.object.isNode {
      if f.nodeSnapshot != nil { byName[f.object.name, default: ([], [])].snaps.append(f) }
      else if f.event != nil { byName[f.object.name, default: ([], [])].events.append(f) }
    }
    func inTime(_ f: Fact) -> Bool { at == nil || f.clock != clock || f.observed <= (at ?? f.observed) }
    nodes = byName.keys.sorted().compactMap { name in
      guard let entry = byName[name] else { return nil }
      let snaps = entry.snaps.filter(inTime).sorted { $0.observed > $1.observed }
      let events = entry.events.filter(inTime).sorted { $0.observed < $1.observed }
      guard !snaps.isEmpty || !events.isEmpty else { return nil }
      var merged = snaps.first?.nodeSnapshot ?? NodeSnapshot(origin: .table)
      for f in snaps.dropFirst() {
        guard let s = f.nodeSnapshot else { continue }
        merged.status = merged.status ?? s.status
        merged.roles = merged.roles ?? s.roles
        merged.age = merged.age ?? s.age
        merged.version = merged.version ?? s.version
        merged.internalIP = merged.internalIP ?? s.internalIP
        merged.externalIP = merged.externalIP ?? s.externalIP
        merged.osImage = merged.osImage ?? s.osImage
        merged.kernelVersion = merged.kernelVersion ?? s.kernelVersion
        merged.containerRuntime = merged.containerRuntime ?? s.containerRuntime
        merged.labels = merged.labels ?? s.labels
        merged.taints = merged.taints ?? s.taints
        merged.unschedulable = merged.unschedulable ?? s.unschedulable
        if merged.conditions.isEmpty { merged.conditions = s.conditions }
        merged.capacity = merged.capacity ?? s.capacity
        merged.allocatable = merged.allocatable ?? s.allocatable
        merged.allocatedRequests = merged.allocatedRequests ?? s.allocatedRequests
        merged.allocatedLimits = merged.allocatedLimits ?? s.allocatedLimits
        merged.pods = merged.pods ?? s.pods
        merged.creationTime = merged.creationTime ?? s.creationTime
      }
      return Node(name: name, snapshot: merged, observations: snaps, events: events)
    }
  }

  /// Whether anything is known of any node.
  public var isEmpty: Bool { nodes.isEmpty }

  /// The node named `name`.
  public func node(_ name: String) -> Node? { nodes.first { $0.name == name } }
}
