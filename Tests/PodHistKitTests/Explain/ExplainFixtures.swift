import Foundation
@testable import PodHistKit

/// Builders for hand-made states and facts that mirror real dumps (the projection is built
/// elsewhere, so these tests feed the explainer directly).
enum Dump {
  static let base = Instant.parseRFC3339("2020-07-03T07:58:09Z") ?? Instant(micros: 0)
  static func t(_ secondsFromBase: Int64) -> Instant { base + .seconds(secondsFromBase) }

  static func pod(_ name: String, ns: String = "default") -> ObjectRef { ObjectRef(namespace: ns, name: name) }

  /// An event fact; `last`/`first` are seconds relative to `base` (negative: before).
  static func event(_ pod: ObjectRef, _ reason: String, _ message: String, type: String? = "Normal",
                    container: String? = nil, kind: ContainerKind = .regular, first: Int64? = nil, last: Int64,
                    count: Int = 1, line: Int, source: String = "input.txt", component: String = "kubelet") -> Fact {
    var r = EventRecord(reason: reason, message: message, type: type, container: container,
                        containerKind: container == nil ? nil : kind,
                        fieldPath: container.map { kind == .`init` ? "spec.initContainers{\($0)}" : "spec.containers{\($0)}" },
                        component: component, first: t(first ?? last), last: t(last), count: count)
    r.name = "\(pod.name).\(line)"
    return Fact(object: pod, observed: t(last), body: .event(r),
                provenance: Provenance(source: source, firstLine: line, format: "describe"))
  }

  /// A describe/object snapshot fact with containers (fieldLines set by the caller).
  static func snapshot(_ pod: ObjectRef, at: Int64, line: Int, phase: String? = nil, reason: String? = nil, message: String? = nil,
                       containers: [ContainerSnapshot] = [], spec: PodSpecFacts = PodSpecFacts(), fieldLines: [String: Int] = [:],
                       source: String = "input.txt") -> Fact {
    var s = PodSnapshot(origin: .describe)
    s.phase = phase; s.reason = reason; s.message = message; s.containers = containers; s.spec = spec; s.fieldLines = fieldLines
    return Fact(object: pod, observed: t(at), body: .status(s), provenance: Provenance(source: source, firstLine: line, format: "describe"))
  }

  static func containerSnapshot(_ c: ContainerStatus, lines: [String: Int]) -> ContainerSnapshot {
    var s = ContainerSnapshot(name: c.name, kind: c.kind)
    s.image = c.image; s.state = c.state; s.lastState = c.lastState; s.ready = c.ready
    s.restartCount = c.restarts.upperBound; s.spec = c.spec; s.fieldLines = lines
    return s
  }

  static func container(_ name: String, kind: ContainerKind = .regular, image: String? = nil, state: ContainerState? = nil,
                        last: ContainerState? = nil, ready: Bool = false, restarts: Int = 0,
                        configure: (inout ContainerSpecFacts) -> Void = { _ in }) -> ContainerStatus {
    var c = ContainerStatus(name: name, kind: kind)
    c.image = image; c.state = state; c.lastState = last; c.ready = ready; c.restarts = restarts...restarts
    configure(&c.spec)
    return c
  }

  static func state(_ pod: ObjectRef, at: Int64 = 0, status: String, phase: String?, containers: [ContainerStatus] = [],
                    snapshotAt: Int64? = 0, node: String? = "worker1", configure: (inout PodState) -> Void = { _ in }) -> PodState {
    var s = PodState(object: pod, at: t(at))
    s.exists = true; s.status = status; s.phase = phase.map(Phase.init); s.containers = containers; s.node = node
    s.readyTotal = containers.filter { $0.kind != .`init` }.count
    s.readyCount = containers.filter { $0.kind != .`init` && $0.ready }.count
    let r = containers.reduce(0) { $0 + $1.restarts.upperBound }
    s.restarts = r...r
    if let snapshotAt {
      s.lastSnapshotAt = t(snapshotAt)
      s.lastSnapshotSource = Provenance(source: "input.txt", firstLine: 1, format: "describe")
    }
    configure(&s)
    return s
  }

  /// A state with only events known (no snapshot): what a projection of an events dump gives.
  static func eventsOnly(_ pod: ObjectRef, at: Int64 = 0, status: String = "Unknown") -> PodState {
    var s = PodState(object: pod, at: t(at))
    s.exists = true; s.status = status; s.node = nil
    s.gaps = [.noSnapshot(brief: true)]
    return s
  }

  static func terminated(_ reason: String?, exit: Int?, started: Int64? = nil, finished: Int64? = nil, message: String? = nil) -> ContainerState {
    ContainerState(kind: .terminated, reason: reason, message: message, exitCode: exit,
                   startedAt: started.map { t($0) }, finishedAt: finished.map { t($0) })
  }
  static func waiting(_ reason: String, _ message: String? = nil) -> ContainerState { ContainerState(kind: .waiting, reason: reason, message: message) }
  static func running(since: Int64 = -60) -> ContainerState { ContainerState(kind: .running, startedAt: t(since)) }

  /// The seed case (fixtures/corpus/000-seed-springboot-liveness-probe-port/input.txt), describe
  /// at 07:58:09Z; `final` gives the state at the last observation (get pods -A: 1/1 Running, 4 restarts).
  static func seed(final: Bool) -> (PodState, [Fact]) {
    let p = pod("springboot-mybatis-deployment-dcd7f8bbf-9wfxl")
    let lastState = terminated("Error", exit: 143, started: -27, finished: -7)
    var c = container("spingboot-mybatis", image: "zjj2006forever/springboot-mybatis:1.2", state: waiting("CrashLoopBackOff"),
                      last: lastState, restarts: 3) { spec in
      spec.ports = [ContainerPort(containerPort: 8300, protocol: "TCP")]
      spec.liveness = Probe(type: "http-get", scheme: "HTTP", port: "18082", path: "/actuator/info", initialDelaySeconds: 5,
                            timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3)
    }
    let snap = snapshot(p, at: 0, line: 5, phase: "Running", containers: [
      containerSnapshot(c, lines: ["state": 25, "lastState": 27, "ready": 32, "restartCount": 33, "liveness": 34, "ports": 23, "image": 21]),
    ], fieldLines: ["status": 13, "node": 8, "events": 53])
    var facts = [
      event(p, "Scheduled", "Successfully assigned default/springboot-mybatis-deployment-dcd7f8bbf-9wfxl to worker1", last: -85, line: 56, component: "default-scheduler"),
      event(p, "Killing", "Container spingboot-mybatis failed liveness probe, will be restarted", container: "spingboot-mybatis", first: -68, last: -28, count: 3, line: 57),
      event(p, "Pulled", "Container image \"zjj2006forever/springboot-mybatis:1.2\" already present on machine", container: "spingboot-mybatis", first: -84, last: -27, count: 4, line: 58),
      event(p, "Created", "Created container spingboot-mybatis", container: "spingboot-mybatis", first: -84, last: -27, count: 4, line: 59),
      event(p, "Started", "Started container spingboot-mybatis", container: "spingboot-mybatis", first: -84, last: -26, count: 4, line: 60),
      event(p, "Unhealthy", "Liveness probe failed: Get http://10.244.1.19:18082/actuator/info: dial tcp 10.244.1.19:18082: connect: connection refused",
            type: "Warning", container: "spingboot-mybatis", first: -78, last: -18, count: 10, line: 61),
      snap,
    ]
    if !final {
      let s = state(p, status: "CrashLoopBackOff", phase: "Running", containers: [c]) { st in
        st.spec.restartPolicy = "Always"; st.podIP = "10.244.1.19"
      }
      return (s, facts)
    }
    // The get pods -A row 7m6s after creation: Running 1/1, RESTARTS 4.
    let rowAt: Int64 = 6 * 60 + 6 - 85
    var row = PodSnapshot(origin: .table)
    row.row = PodRow(status: "Running", ready: "1/1", restarts: 4, age: .seconds(426))
    row.fieldLines = ["status": 65]
    facts.append(Fact(object: p, observed: t(rowAt), body: .status(row), provenance: Provenance(source: "input.txt", firstLine: 65, format: "pods-table")))
    c.state = running(since: rowAt - 30); c.ready = true; c.restarts = 4...4
    let s = state(p, at: rowAt, status: "Running", phase: "Running", containers: [c], snapshotAt: rowAt) { st in st.spec.restartPolicy = "Always" }
    return (s, facts)
  }
}
