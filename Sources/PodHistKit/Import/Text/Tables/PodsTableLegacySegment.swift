import Foundation

/// A `kubectl get pods` table of 2014–2015 (`PodsTableLegacy`): each pod row, with its container
/// sub-rows, is a status observation like a small describe — phase, node, IPs, labels and each
/// container's state.
public struct PodsTableLegacySegment: TextSegment {
  /// One pod row and its sub-rows.
  public struct Pod: Sendable, Hashable {
    /// The source line of the pod row.
    public var line: Int = 0
    /// From a `namespace/name` POD cell (`--all-namespaces`), else the prompt's `-n`.
    public var namespace: String?
    /// The pod's name.
    public var name: String
    /// STATUS as printed (the phase; 2014's `Waiting`/`Terminated`).
    public var status: String
    /// IP.
    public var podIP: String?
    /// HOST before the `/`.
    public var node: String?
    /// HOST after the `/`.
    public var hostIP: String?
    /// LABELS (`k=v,k2=v2`); nil for `<none>`.
    public var labels: [String: String]?
    /// CREATED.
    public var age: Age?
    /// MESSAGE (status.message).
    public var message: String?
    /// The container on the pod row and those of the sub-rows.
    public var containers: [Container] = []
    /// 2014 tables list images without container names.
    public var images: [String] = []

    /// A pod row as printed.
    public init(name: String, status: String) { self.name = name; self.status = status }
  }

  /// One container sub-row (or the container printed on the pod row).
  public struct Container: Sendable, Hashable {
    /// CONTAINER(S); empty in 2014's image-only sub-rows.
    public var name: String
    /// IMAGE(S).
    public var image: String?
    /// `Waiting`, `Running`, `Terminated`; nil when not printed.
    public var state: String?
    /// `Running *not ready*`.
    public var notReady = false
    /// CREATED of the sub-row: when the current state started.
    public var age: Age?
    /// MESSAGE: the waiting reason, `last termination: ...`, `exit code N`.
    public var message: String?
    /// Source lines of `state` and `image`.
    public var fieldLines: [String: Int] = [:]

    /// A container sub-row as printed.
    public init(name: String) { self.name = name }
  }

  /// `pods-table`, like the tables of later eras.
  public var format: String { "pods-table" }
  /// The source lines of the table (with its prompt).
  public var lines: ClosedRange<Int>
  /// The pod rows in printed order.
  public var pods: [Pod]

  /// A segment of the given pods.
  public init(lines: ClosedRange<Int>, pods: [Pod]) { self.lines = lines; self.pods = pods }

  /// CREATED → `.podCreated(pod:)`; a running container's CREATED → `.containerStarted`.
  public var anchors: [AgeAnchor] {
    pods.flatMap { p -> [AgeAnchor] in
      var out: [AgeAnchor] = []
      if let a = p.age, a.value != nil { out.append(AgeAnchor(subject: .podCreated(pod: p.name), age: a)) }
      for c in p.containers where c.state == "Running" && !c.name.isEmpty {
        if let a = c.age, a.value != nil {
          out.append(AgeAnchor(subject: .containerStarted(pod: p.name, container: c.name), age: a))
        }
      }
      return out
    }
  }

  /// One status fact per pod row, observed at `now`.
  public func facts(now: Instant?, nowError: Duration, source: String) -> [Fact] {
    let clock: Clock = now == nil ? .relative : .absolute
    let origin = now ?? Instant(micros: 0)
    let error = now == nil ? Duration.zero : nowError
    return pods.map { p in
      var s = PodSnapshot(origin: .describe)
      s.phase = p.status == "Waiting" ? "Pending" : p.status
      s.message = p.message
      s.node = p.node
      s.hostIP = p.hostIP
      s.podIP = p.podIP
      s.spec.labels = p.labels
      s.creationTime = p.age?.value.map { origin - $0 }
      s.fieldLines["status"] = p.line
      if p.node != nil { s.fieldLines["node"] = p.line }
      if p.message != nil { s.fieldLines["message"] = p.line }
      var named = p.containers.filter { !$0.name.isEmpty }.map { snapshot($0, origin: origin) }
      for (k, c) in p.containers.enumerated() where c.name.isEmpty {
        // 2014 image-only sub-rows: the container's name is not printed.
        var x = ContainerSnapshot(name: "container-\(k + 2)")
        x.image = c.image
        named.append(x)
      }
      for (k, image) in p.images.enumerated() {
        var x = ContainerSnapshot(name: "container-\(k + 1)")
        x.image = image
        x.fieldLines["image"] = p.line
        named.insert(x, at: min(k, named.count))
      }
      s.containers = named
      return Fact(object: ObjectRef(namespace: p.namespace ?? ObjectRef.unknownNamespace, name: p.name), observed: origin,
                  clock: clock, uncertainty: (p.age?.resolution ?? .zero) + error, body: .status(s),
                  provenance: Provenance(source: source, firstLine: p.line, format: "pods-table"))
    }
  }

  /// A sub-row's state: `Waiting` with its reason or message, `Running` with the last
  /// termination, `Terminated` with its exit code.
  func snapshot(_ c: Container, origin: Instant) -> ContainerSnapshot {
    var x = ContainerSnapshot(name: c.name)
    x.image = c.image
    x.fieldLines = c.fieldLines
    let started = c.age?.value.map { origin - $0 }
    switch c.state {
    case "Waiting"?:
      // v1.0's reasons are words (`PullImageError`); before, the reason was a sentence.
      let word = c.message.map { m in !m.contains(" ") && m.first?.isUppercase == true && m.allSatisfy(\.isLetter) } ?? false
      x.state = ContainerState(kind: .waiting, reason: word ? c.message : nil, message: word ? nil : c.message)
      x.ready = false
    case "Running"?:
      x.state = ContainerState(kind: .running, startedAt: started)
      x.ready = !c.notReady
      if let m = c.message, m.hasPrefix("last termination: ") {
        let t = termination(String(m.dropFirst("last termination: ".count)))
        x.lastState = ContainerState(kind: .terminated, reason: t.reason, message: t.exitCode == nil ? m : nil,
                                     exitCode: t.exitCode)
        x.fieldLines["lastState"] = c.fieldLines["state"]
      }
    case "Terminated"?:
      let t = termination(c.message ?? "")
      x.state = ContainerState(kind: .terminated, reason: t.reason,
                               message: t.exitCode == nil ? c.message : nil, exitCode: t.exitCode, startedAt: started)
      x.ready = false
    default:
      break
    }
    return x
  }

  /// `exit code 137, reason: OOM Killed` → (137, `OOM Killed`).
  func termination(_ m: String) -> (exitCode: Int?, reason: String?) {
    guard m.hasPrefix("exit code ") else { return (nil, nil) }
    let rest = m.dropFirst("exit code ".count)
    let parts = rest.split(separator: ",", maxSplits: 1)
    let code = parts.first.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    var reason: String?
    if parts.count > 1 {
      let r = parts[1].trimmingCharacters(in: .whitespaces)
      if r.hasPrefix("reason: ") { reason = String(r.dropFirst("reason: ".count)) }
    }
    return (code, reason)
  }
}
