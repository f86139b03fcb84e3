import Foundation

/// What the store keeps of one pod for the whole-store listings (`get pods -A`, `why -A`): the
/// pod projected at its default instant, as those views print it. Derived from the log (which
/// stays the only truth) for the pods an import marked, rebuilt by `reindex`, checked by `verify`
/// (schema/pod-summaries.sql).
public struct PodSummary: Sendable, Equatable {
  /// The pod's object id in the index (`objects.id`), and its namespace and name.
  public var id: Int64, namespace: String, name: String
  /// The instant described (µs; the pod's default instant) and its clock (`absolute`, `relative`).
  public var at: Int64, clock: String
  /// The newest import among the pod's absolute facts: when its horizon moves past `at` (a stream
  /// still importing), the row is stale (the pod is projected afresh).
  public var lastImport: Int64?
  /// The pod's earliest fact (µs) when all its facts are on the absolute clock: before it, the
  /// pod did not exist (`--at` listings skip it).
  public var firstAt: Int64?
  /// Whether the pod exists at `at`, and whether it is deleted by then.
  public var exists: Bool, deleted: Bool
  /// kubectl's cells: READY, STATUS, RESTARTS, AGE, IP, NODE, and podhist's DELETED.
  public var ready: String, status: String, restarts: String, age: String, ip: String, node: String, deletedText: String
  /// The cluster view's line when `why -A` lists the pod (nil: it does not).
  public var line: Line?

  /// `why -A`'s line of one pod, without the cause's sentence (`-o wide` and the JSON forms
  /// project the listed pods).
  public struct Line: Sendable, Equatable {
    /// The explanation's STATUS, and RESTARTS (low, high).
    public var status: String, restartsLow: Int64, restartsHigh: Int64
    /// The top cause code, its container and confidence.
    public var code: String?, container: String?, confidence: String?
    /// The owning workload (`Deployment/web`).
    public var owner: String?
    /// Since when, before `at` (µs).
    public var since: Int64?
    /// The explanation's instant (µs) and clock (nil when it has none).
    public var at: Int64, clock: String?

    /// A line of these cells.
    public init(status: String, restartsLow: Int64, restartsHigh: Int64, code: String?, container: String?, confidence: String?,
                owner: String?, since: Int64?, at: Int64, clock: String?) {
      self.status = status; self.restartsLow = restartsLow; self.restartsHigh = restartsHigh; self.code = code
      self.container = container; self.confidence = confidence; self.owner = owner
      self.since = since; self.at = at; self.clock = clock
    }
  }

  /// A summary of these cells.
  public init(id: Int64, namespace: String, name: String, at: Int64, clock: String, lastImport: Int64?, firstAt: Int64?,
              exists: Bool, deleted: Bool, ready: String, status: String, restarts: String, age: String,
              ip: String, node: String, deletedText: String, line: Line?) {
    self.id = id; self.namespace = namespace; self.name = name; self.at = at; self.clock = clock; self.lastImport = lastImport
    self.firstAt = firstAt; self.exists = exists; self.deleted = deleted
    self.ready = ready; self.status = status; self.restarts = restarts; self.age = age; self.ip = ip; self.node = node
    self.deletedText = deletedText; self.line = line
  }

  /// Whether the row no longer describes the pod's default instant: the horizon of its newest
  /// import, per `horizons` (import → µs), moved past `at` (a stream that is still importing).
  public func isStale(horizons: [Int64: Int64]) -> Bool {
    guard let lastImport else { return false }
    guard let horizon = horizons[lastImport] else { return true }
    return horizon > at
  }

  /// The pod's key in the index.
  var key: ObjectKey { ObjectKey(kind: "Pod", namespace: namespace, name: name) }
}
