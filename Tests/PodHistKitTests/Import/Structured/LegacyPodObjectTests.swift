import Foundation
import Testing
@testable import PodHistKit

/// Pods and Events of the old API versions read into the facts of today's v1 objects.
@Suite("Legacy API objects") struct LegacyPodObjectTests {
  func run(_ text: String, name: String = "dump.json") throws -> (facts: [Fact], report: ImportReport) {
    try importBytes(Array(text.utf8), name: name)
  }

  /// A v1beta1 pod as `kubecfg -json get pods/NAME` printed it in late 2014.
  static let v1beta1Pod = """
    {
      "kind": "Pod",
      "id": "redis-master-2",
      "uid": "3c2a7b8e-8e9b-11e4-9f0a-42010af0e2f5",
      "creationTimestamp": "2015-01-13T08:40:12Z",
      "selfLink": "/api/v1beta1/pods/redis-master-2?namespace=default",
      "resourceVersion": 1412,
      "apiVersion": "v1beta1",
      "namespace": "default",
      "labels": {"name": "redis-master"},
      "desiredState": {
        "manifest": {
          "version": "v1beta1",
          "id": "",
          "volumes": null,
          "containers": [
            {"name": "master", "image": "dockerfile/redis", "ports": [{"containerPort": 6379, "protocol": "TCP"}],
             "imagePullPolicy": "PullIfNotPresent"}
          ],
          "restartPolicy": {"always": {}}
        }
      },
      "currentState": {
        "manifest": {"version": "", "id": "", "volumes": null, "containers": null, "restartPolicy": {}},
        "status": "Waiting",
        "host": "minion-1.c.project.internal",
        "hostIP": "10.240.20.3",
        "info": {
          "master": {
            "state": {"waiting": {"reason": "Image: dockerfile/redis is not ready on the node"}},
            "restartCount": 0,
            "image": ""
          },
          "net": {
            "state": {"termination": {"exitCode": 2, "startedAt": "2015-01-13T08:47:55Z", "finishedAt": "2015-01-13T10:06:29Z"}},
            "restartCount": 0,
            "image": "kubernetes/pause:latest"
          }
        }
      }
    }
    """

  @Test func v1beta1Pod() throws {
    let (facts, report) = try run(Self.v1beta1Pod)
    #expect(report.formats == ["pods-json"])
    let fact = try #require(facts.first)
    #expect(facts.count == 1)
    #expect(fact.object == ObjectRef(kind: "Pod", namespace: "default", name: "redis-master-2",
                                     uid: "3c2a7b8e-8e9b-11e4-9f0a-42010af0e2f5"))
    let s = try #require(fact.snapshot)
    #expect(s.phase == "Pending")
    #expect(s.node == "minion-1.c.project.internal")
    #expect(s.hostIP == "10.240.20.3")
    #expect(s.creationTime == instant("2015-01-13T08:40:12Z"))
    #expect(s.spec.labels == ["name": "redis-master"])
    #expect(s.spec.restartPolicy == "Always")
    // The network (infrastructure) container is not one of the pod's containers.
    #expect(s.containers.map(\.name) == ["master"])
    let c = s.containers[0]
    #expect(c.state == ContainerState(kind: .waiting, reason: "Image: dockerfile/redis is not ready on the node"))
    #expect(c.restartCount == 0)
    #expect(c.spec.ports == [ContainerPort(containerPort: 6379, protocol: "TCP")])
  }

  @Test func v1beta1TerminatedPodAndTermination() throws {
    let text = """
      {"kind": "Pod", "apiVersion": "v1beta2", "id": "job-1", "namespace": "batch",
       "creationTimestamp": "2015-03-02T10:00:00Z",
       "desiredState": {"manifest": {"containers": [{"name": "work", "image": "busybox"}], "restartPolicy": {"never": {}}}},
       "currentState": {"status": "Terminated", "host": "node-2", "podIP": "10.244.1.5",
         "info": {"work": {"state": {"termination": {"exitCode": 3, "reason": "", "startedAt": "2015-03-02T10:00:05Z",
                                                    "finishedAt": "2015-03-02T10:01:00Z"}},
                           "restartCount": 0, "podIP": "10.244.1.5", "image": "busybox"},
                  "POD": {"state": {"running": {"startedAt": "2015-03-02T10:00:01Z"}}, "restartCount": 0}}}}
      """
    let (facts, _) = try run(text)
    let s = try #require(facts.first?.snapshot)
    #expect(facts.first?.object.name == "job-1")
    #expect(facts.first?.object.namespace == "batch")
    #expect(s.phase == "Failed")
    #expect(s.podIP == "10.244.1.5")
    #expect(s.spec.restartPolicy == "Never")
    #expect(s.containers.map(\.name) == ["work"])
    #expect(s.containers[0].state?.kind == .terminated)
    #expect(s.containers[0].state?.exitCode == 3)
    #expect(s.containers[0].state?.finishedAt == instant("2015-03-02T10:01:00Z"))
  }

  @Test func v1beta3StatusInfoAndHost() throws {
    let text = """
      apiVersion: v1beta3
      kind: Pod
      metadata:
        name: frontend-x1z
        namespace: web
        creationTimestamp: 2015-04-20T12:00:00Z
      spec:
        host: node-3
        containers:
        - name: php
          image: php-redis:v2
      status:
        phase: Running
        Condition:
        - kind: Ready
          status: Full
        info:
          php:
            state:
              running:
                startedAt: 2015-04-20T12:01:00Z
            lastState:
              termination:
                exitCode: 137
                reason: ""
                finishedAt: 2015-04-20T12:00:58Z
            restartCount: 5
            ready: true
          POD:
            state:
              running:
                startedAt: 2015-04-20T12:00:10Z
      """
    let (facts, _) = try run(text, name: "pod.yaml")
    let s = try #require(facts.first?.snapshot)
    #expect(facts.first?.object.name == "frontend-x1z")
    #expect(s.node == "node-3")
    #expect(s.containers.map(\.name) == ["php"])
    #expect(s.containers[0].state?.kind == .running)
    #expect(s.containers[0].lastState?.kind == .terminated)
    #expect(s.containers[0].lastState?.exitCode == 137)
    #expect(s.containers[0].restartCount == 5)
  }

  @Test func v1beta3ContainerStatusesWithTermination() throws {
    let text = """
      {"kind": "Pod", "apiVersion": "v1beta3",
       "metadata": {"name": "db-1", "namespace": "default", "creationTimestamp": "2015-06-01T09:00:00Z"},
       "spec": {"containers": [{"name": "mysql", "image": "mysql:5.6"}], "restartPolicy": "Always", "host": "node-1"},
       "status": {"phase": "Running", "containerStatuses": [
         {"name": "mysql", "state": {"waiting": {"reason": "CrashLoopBackOff"}},
          "lastState": {"termination": {"exitCode": 1, "startedAt": "2015-06-01T09:10:00Z", "finishedAt": "2015-06-01T09:10:02Z"}},
          "ready": false, "restartCount": 9, "image": "mysql:5.6"}]}}
      """
    let (facts, _) = try run(text)
    let c = try #require(facts.first?.snapshot?.containers.first)
    #expect(c.state?.reason == "CrashLoopBackOff")
    #expect(c.lastState == ContainerState(kind: .terminated, exitCode: 1, startedAt: instant("2015-06-01T09:10:00Z"),
                                          finishedAt: instant("2015-06-01T09:10:02Z")))
    #expect(c.restartCount == 9)
  }

  @Test func v1beta1CurrentStateFragmentCut() throws {
    // The corpus shape: `"currentState": {` pasted alone, cut inside the info map.
    let text = """
          "currentState":{
              "status":"Waiting",
              "host":"127.0.0.1",
              "info":{
                  "master":{
                      "state":{ "waiting":{ "reason":"Image: dockerfile/redis is not ready on the node" } },
                      "restartCount":0,
                      "image":""
                  },
                  "net":{
                      "state":{ "termination":{ "exitCode":2 } },
                      "restartCount":0,
                      "image":"kubernetes/pause:latest",
      """
    let (facts, report) = try run(text)
    let s = try #require(facts.first?.snapshot)
    #expect(s.containers.map(\.name) == ["master"])
    #expect(s.node == "127.0.0.1")
    #expect(report.warnings.contains { $0.message.contains("cut after line 13") })
  }

  @Test func eventsV1beta1JSONAndYAMLMatchV1() throws {
    let v1beta1 = """
      {"apiVersion": "events.k8s.io/v1beta1", "kind": "Event",
       "metadata": {"name": "web-1.15f2a", "namespace": "shop", "uid": "e1"},
       "eventTime": null, "reportingController": "", "reportingInstance": "",
       "regarding": {"kind": "Pod", "namespace": "shop", "name": "web-1", "uid": "p1", "fieldPath": "spec.containers{web}"},
       "reason": "BackOff", "note": "Back-off restarting failed container", "type": "Warning",
       "deprecatedSource": {"component": "kubelet", "host": "node-1"},
       "deprecatedFirstTimestamp": "2019-08-01T10:00:00Z", "deprecatedLastTimestamp": "2019-08-01T10:20:00Z",
       "deprecatedCount": 42}
      """
    let (facts, _) = try run(v1beta1)
    let e = try #require(facts.first?.event)
    #expect(facts.first?.object == ObjectRef(kind: "Pod", namespace: "shop", name: "web-1", uid: "p1"))
    #expect(e.reason == "BackOff")
    #expect(e.message == "Back-off restarting failed container")
    #expect(e.container == "web")
    #expect(e.component == "kubelet")
    #expect(e.host == "node-1")
    #expect(e.first == instant("2019-08-01T10:00:00Z"))
    #expect(e.last == instant("2019-08-01T10:20:00Z"))
    #expect(e.count == 42)
    #expect(e.apiVersion == "events.k8s.io/v1beta1")

    let yaml = """
      apiVersion: events.k8s.io/v1beta1
      kind: Event
      metadata:
        name: web-1.15f2a
        namespace: shop
        uid: e1
      regarding:
        kind: Pod
        namespace: shop
        name: web-1
        uid: p1
        fieldPath: spec.containers{web}
      reason: BackOff
      note: Back-off restarting failed container
      type: Warning
      deprecatedSource:
        component: kubelet
        host: node-1
      deprecatedFirstTimestamp: "2019-08-01T10:00:00Z"
      deprecatedLastTimestamp: "2019-08-01T10:20:00Z"
      deprecatedCount: 42
      """
    let (yfacts, _) = try run(yaml, name: "event.yaml")
    let y = try #require(yfacts.first?.event)
    #expect(y.reason == e.reason && y.message == e.message && y.first == e.first && y.last == e.last)
    #expect(y.count == e.count && y.component == e.component && y.host == e.host && y.container == e.container)
  }

  @Test func coreV1beta1EventOf2014() throws {
    let text = """
      {"kind": "EventList", "apiVersion": "v1beta1", "items": [
        {"kind": "Event", "id": "web-1.13a2", "creationTimestamp": "2014-11-20T10:00:03Z", "apiVersion": "v1beta1",
         "namespace": "default",
         "involvedObject": {"kind": "BoundPod", "namespace": "default", "name": "web-1", "uid": "u1",
                            "apiVersion": "v1beta1", "fieldPath": "spec.containers{web}"},
         "status": "waiting", "reason": "failed",
         "message": "Failed to pull image \\"example/web:1\\"", "source": "kubelet", "host": "minion-2",
         "timestamp": "2014-11-20T10:00:02Z"}]}
      """
    for fast in [true, false] {
      var facts: [Fact] = []
      let options = ImportOptions(format: .eventsJSON, observedAt: nil, sourceName: "events.json")
      _ = try StructuredImporter.run(input: StructuredTextReader(Array(text.utf8)), format: .eventsJSON, lineOffset: 0,
                                     options: options, fastEvents: fast) { facts.append($0) }
      let e = try #require(facts.first?.event)
      #expect(facts.count == 1)
      #expect(facts.first?.object.name == "web-1")
      #expect(e.reason == "failed")
      #expect(e.component == "kubelet")
      #expect(e.host == "minion-2")
      #expect(e.first == instant("2014-11-20T10:00:02Z"))
      #expect(e.container == "web")
      #expect(facts.first?.observed == instant("2014-11-20T10:00:02Z"))
    }
  }

  @Test func containerStatusShapes() {
    func obj(_ pairs: [(String, StructuredValue)]) -> StructuredObject {
      StructuredObject(members: pairs.map { .init(key: $0.0, value: $0.1, line: 1) })
    }
    let waiting = StructuredValue.object(obj([("waiting", .object(obj([("reason", .string("X"))])))]))
    #expect(LegacyPodObject.isContainerStatus(obj([("lastState", .object(StructuredObject()))])))
    #expect(LegacyPodObject.isContainerStatus(obj([("name", .string("a")), ("state", waiting)])))
    #expect(!LegacyPodObject.isContainerStatus(obj([("phase", .string("Running")), ("state", waiting)])))
    #expect(!LegacyPodObject.isContainerStatus(obj([("kind", .string("Service")), ("restartCount", .int(1))])))
    #expect(!LegacyPodObject.isContainerStatus(obj([("state", .string("open"))])))
  }
}
