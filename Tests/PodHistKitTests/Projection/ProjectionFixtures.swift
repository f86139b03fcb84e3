import Foundation
@testable import PodHistKit

/// Builders for hand-made facts that look like what the importers produce from real dumps.
enum F {
  static func t(_ s: String) -> Instant {
    guard let i = Instant.parseRFC3339(s) else { fatalError("bad time \(s)") }
    return i
  }

  static func pod(_ name: String, ns: String = "default", uid: String? = nil) -> ObjectRef {
    ObjectRef(namespace: ns, name: name, uid: uid)
  }

  static func prov(_ source: String, _ line: Int, _ format: String) -> Provenance {
    Provenance(source: source, firstLine: line, format: format)
  }

  /// An aggregated event as describe / get events shows it.
  static func event(_ pod: ObjectRef, _ reason: String, _ message: String, type: String = "Normal",
                    container: String? = nil, initContainer: Bool = false, first: Instant, last: Instant? = nil,
                    count: Int = 1, observed: Instant? = nil, uncertainty: Duration = .seconds(1),
                    component: String = "kubelet", name: String? = nil, source: String = "input.txt", line: Int = 1) -> Fact {
    var e = EventRecord(reason: reason, message: message, type: type, container: container,
                        containerKind: container == nil ? nil : (initContainer ? .`init` : .regular),
                        fieldPath: container.map { initContainer ? "spec.initContainers{\($0)}" : "spec.containers{\($0)}" },
                        component: component, first: first, last: last ?? first, count: count)
    e.name = name
    return Fact(object: pod, observed: observed ?? last ?? first, uncertainty: uncertainty, body: .event(e),
                provenance: prov(source, line, "describe"))
  }

  static func running(_ started: Instant, id: String? = nil) -> ContainerState {
    ContainerState(kind: .running, startedAt: started, containerID: id)
  }
  static func waiting(_ reason: String, _ message: String? = nil) -> ContainerState {
    ContainerState(kind: .waiting, reason: reason, message: message)
  }
  static func terminated(_ reason: String, _ code: Int, _ started: Instant?, _ finished: Instant?, id: String? = nil) -> ContainerState {
    ContainerState(kind: .terminated, reason: reason, exitCode: code, startedAt: started, finishedAt: finished, containerID: id)
  }

  static func container(_ name: String, kind: ContainerKind = .regular, image: String = "registry.example/app:1",
                        state: ContainerState?, last: ContainerState? = nil, ready: Bool, restarts: Int,
                        started: Bool? = nil, spec: ContainerSpecFacts = ContainerSpecFacts()) -> ContainerSnapshot {
    var c = ContainerSnapshot(name: name, kind: kind)
    c.image = image; c.state = state; c.lastState = last; c.ready = ready; c.restartCount = restarts
    c.started = started; c.spec = spec
    return c
  }

  static func snapshot(_ pod: ObjectRef, at: Instant, origin: PodSnapshot.Origin = .object, phase: String?,
                       containers: [ContainerSnapshot], conditions: [PodCondition] = [], node: String? = "node-1",
                       reason: String? = nil, deletion: Instant? = nil, restartPolicy: String? = nil,
                       startTime: Instant? = nil, source: String = "pods.json", line: Int = 1) -> Fact {
    var s = PodSnapshot(origin: origin)
    s.phase = phase; s.containers = containers; s.conditions = conditions; s.node = node; s.reason = reason
    s.deletionTime = deletion; s.startTime = startTime
    s.spec.restartPolicy = restartPolicy
    return Fact(object: pod, observed: at, body: .status(s),
                provenance: prov(source, line, origin == .describe ? "describe" : origin == .table ? "pods-table" : "pods-json"))
  }

  static func row(_ pod: ObjectRef, at: Instant, status: String, ready: String, restarts: Int, age: Duration? = nil,
                  source: String = "input.txt", line: Int = 1) -> Fact {
    var s = PodSnapshot(origin: .table)
    s.row = PodRow(status: status, ready: ready, restarts: restarts, age: age)
    return Fact(object: pod, observed: at, uncertainty: .seconds(1), body: .status(s), provenance: prov(source, line, "pods-table"))
  }

  static func conds(ready: Bool, initialized: Bool = true) -> [PodCondition] {
    [PodCondition(type: "Initialized", status: initialized ? "True" : "False"),
     PodCondition(type: "Ready", status: ready ? "True" : "False"),
     PodCondition(type: "ContainersReady", status: ready ? "True" : "False"),
     PodCondition(type: "PodScheduled", status: "True")]
  }
}
