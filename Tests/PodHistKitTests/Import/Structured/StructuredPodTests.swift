import Foundation
import Testing
@testable import PodHistKit

@Suite("Structured pods") struct StructuredPodTests {
  @Test func podsListJSON() throws {
    let (facts, report) = try importFixture("structured/pods-list.json", observedAt: instant("2025-03-11T06:00:00Z"))
    #expect(report.formats == ["pods-json"])
    #expect(report.notes.isEmpty)
    // The two pods, then the List as a listing of what it showed (a pods-only List is complete).
    #expect(facts.count == 3)
    #expect(facts.map(\.provenance.firstLine) == [4, 307, 4])
    #expect(facts.map(\.provenance.lastLine) == [306, 608, 608])
    #expect(facts.allSatisfy { $0.observed == instant("2025-03-11T06:00:00Z") && $0.provenance.format == "pods-json" })
    let listing = try #require(facts[2].listing)
    #expect(listing.pods.map { "\($0.namespace)/\($0.name)" } == facts[0...1].map { $0.object.description })
    #expect(listing.pods.map(\.uid) == facts[0...1].map(\.object.uid))
    #expect(facts[2].object == PodListing.object(namespace: listing.namespace))

    let redis = try #require(facts[0].snapshot)
    #expect(facts[0].object == ObjectRef(kind: "Pod", namespace: "data", name: "redis-2", uid: "2f0e3d54-2d23-4fac-850d-6916a4a39bfd"))
    #expect(redis.origin == .object)
    #expect(redis.phase == "Running")
    #expect(redis.node == "ip-10-0-18-24.eu-west-1.compute.internal")
    #expect(redis.spec.owner == "StatefulSet/redis")
    #expect(redis.spec.tolerations == ["node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
                                       "node.kubernetes.io/unreachable:NoExecute op=Exists for 300s"])
    #expect(redis.spec.volumes?.first == VolumeRef(name: "data", type: "persistentVolumeClaim", source: "data-redis-2"))
    #expect(redis.spec.volumes?.last?.type == "projected")
    #expect(redis.spec.volumes?.last?.source == "serviceAccountToken, configMap:kube-root-ca.crt, downwardAPI")
    #expect(redis.spec.terminationGracePeriodSeconds == 30)
    #expect(redis.spec.priority == 0)
    #expect(redis.spec.serviceAccount == "default")
    #expect(redis.conditions.map(\.type) == ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"])
    #expect(redis.containers.map(\.name) == ["migrate", "redis"])
    #expect(redis.containers.map(\.kind) == [.`init`, .regular])
    let r = redis.containers[1]
    #expect(r.state == ContainerState(kind: .running, startedAt: instant("2025-03-11T02:13:23Z")))
    #expect(r.ready == true)
    #expect(r.image == "docker.io/library/redis:7.2.4")
    #expect(r.spec.liveness == Probe(type: "exec", command: ["sh", "-c", "redis-cli -h localhost -p 6379 ping"],
                                     initialDelaySeconds: 30, timeoutSeconds: 5, periodSeconds: 10, failureThreshold: 6))
    #expect(r.spec.requests == ["cpu": "500m", "memory": "512Mi"])
    #expect(r.spec.limits == ["memory": "1Gi"])
    #expect(r.spec.mounts == ["/data from data (rw)", "/var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-2m4nz (ro)"])
    #expect(r.spec.ports == [ContainerPort(containerPort: 6379, protocol: "TCP", name: "redis")])
    #expect(redis.containers[0].state?.kind == .terminated)
    #expect(redis.containers[0].state?.reason == "Completed")
    #expect(redis.containers[0].state?.exitCode == 0)
    #expect(redis.containers[0].spec.command == ["sh", "-c", "/app/bin/migrate up"])

    let checkout = try #require(facts[1].snapshot)
    let app = try #require(checkout.containers.first { $0.name == "checkout" })
    #expect(app.state?.kind == .waiting)
    #expect(app.state?.reason == "CrashLoopBackOff")
    #expect(app.lastState == ContainerState(kind: .terminated, reason: "Error", exitCode: 1,
                                            startedAt: instant("2025-03-11T05:54:47Z"), finishedAt: instant("2025-03-11T05:54:57Z"),
                                            containerID: "containerd://6a126ce6938aab60269ce6f1c3824df012e91654c238f926cdf5b7216da82ed1"))
    #expect(app.restartCount == 171)
    #expect(app.started == false)
    #expect(checkout.conditions.first { $0.type == "Ready" } ==
            PodCondition(type: "Ready", status: "False", reason: "ContainersNotReady",
                         message: "containers with unready status: [checkout]", lastTransition: instant("2025-03-11T04:30:00Z")))
    #expect(checkout.spec.qosClass == "Burstable")
    #expect(checkout.hostIP == "10.0.14.112")
    #expect(checkout.podIP == "10.10.2.4")
  }

  @Test func observationTimeDefaultsToNewestTimestampOfTheDumpWithANote() throws {
    // One get pods -o json is one observation: both pods at the newest time anywhere in it
    // (the first pod's own newest is 02:13:28, the second's 05:54:57).
    let (facts, report) = try importFixture("structured/pods-list.json")
    #expect(facts.count == 3)
    #expect(facts.filter { $0.listing != nil }.count == 1)
    #expect(facts.allSatisfy { $0.observed == instant("2025-03-11T05:54:57Z") })
    #expect(report.notes.count == 1)
    #expect(report.notes.first?.contains("--observed-at") == true)
  }

  @Test func singlePodYAMLWithInitSidecarAndRegularContainers() throws {
    let (facts, report) = try importFixture("structured/pod-sidecar.yaml")
    #expect(report.formats == ["pods-yaml"])
    #expect(report.notes.isEmpty)  // the annotation gives the observation time
    let f = try #require(facts.first)
    #expect(facts.count == 1)
    #expect(f.observed == instant("2026-03-10T14:20:00Z"))
    #expect(f.provenance == Provenance(source: "pod-sidecar.yaml", firstLine: 1, lastLine: 244, format: "pods-yaml"))
    #expect(f.object == ObjectRef(kind: "Pod", namespace: "shop", name: "web-7d9c6b5f4-x2kqp", uid: "5c0e2f11-77aa-4b1e-9a0c-2d7e51f0a3b4"))
    let s = try #require(f.snapshot)
    #expect(s.phase == "Running")
    #expect(s.creationTime == instant("2026-03-10T14:02:11Z"))
    #expect(s.deletionTime == instant("2026-03-10T14:20:30Z"))
    #expect(s.deletionGracePeriodSeconds == 30)
    #expect(s.startTime == instant("2026-03-10T14:02:11Z"))
    #expect(s.fieldLines["status"] == 239)
    #expect(s.fieldLines["node"] == 136)
    #expect(s.fieldLines["conditions"] == 177)
    #expect(s.containers.map(\.name) == ["migrate", "istio-proxy", "web", "metrics"])
    #expect(s.containers.map(\.kind) == [.`init`, .sidecar, .regular, .regular])

    let migrate = s.containers[0]
    #expect(migrate.state?.kind == .terminated)
    #expect(migrate.state?.exitCode == 0)
    #expect(migrate.state?.reason == "Completed")
    #expect(migrate.lastState == nil)

    let sidecar = s.containers[1]
    #expect(sidecar.spec.restartPolicy == "Always")
    #expect(sidecar.started == true)
    #expect(sidecar.spec.startup == Probe(type: "http-get", scheme: "HTTP", port: "15021", path: "/healthz/ready",
                                          timeoutSeconds: 3, periodSeconds: 1, failureThreshold: 600))

    let web = s.containers[2]
    #expect(web.state?.reason == "CrashLoopBackOff")
    #expect(web.lastState?.reason == "OOMKilled")
    #expect(web.lastState?.exitCode == 137)
    #expect(web.restartCount == 4)
    #expect(web.fieldLines["restartCount"] == 205)
    #expect(web.fieldLines["liveness"] == 74)
    #expect(web.fieldLines["limits"] == 93)
    #expect(web.spec.liveness == Probe(type: "http-get", scheme: "HTTP", port: "http", path: "/healthz",
                                       initialDelaySeconds: 15, timeoutSeconds: 2, periodSeconds: 20))
    #expect(web.spec.readiness == Probe(type: "tcp-socket", port: "8080"))
    #expect(web.spec.command == ["/app/web"])
    #expect(web.spec.args == ["--port=8080", "--config=/etc/web/config.yaml"])
    #expect(web.spec.configMapRefs == ["web-env", "web-flags"])
    #expect(web.spec.secretRefs == ["web-api-keys", "web-db"])
    #expect(web.spec.mounts == ["/etc/web from config (ro)", "/var/cache/web from cache (rw)"])
    #expect(web.spec.limits == ["cpu": "1", "memory": "256Mi"])
    #expect(web.spec.requests == ["cpu": "250m", "memory": "128Mi"])
    #expect(web.spec.preStop == "exec [sh -c sleep 5]")
    #expect(web.spec.imagePullPolicy == "IfNotPresent")

    // A spec container with no status still has its spec facts.
    let metrics = s.containers[3]
    #expect(metrics.state == nil)
    #expect(metrics.image == "ghcr.io/acme/metrics-exporter:0.9.0")
    #expect(metrics.spec.liveness == Probe(type: "grpc", port: "9103"))
    #expect(metrics.spec.ports == [ContainerPort(containerPort: 9102, protocol: "TCP", name: "metrics")])

    #expect(s.spec.tolerations == ["dedicated=shop:NoSchedule", "node.kubernetes.io/not-ready:NoExecute op=Exists for 300s", "op=Exists"])
    #expect(s.spec.nodeSelector == ["kubernetes.io/os": "linux"])
    #expect(s.spec.labels == ["app": "web", "pod-template-hash": "7d9c6b5f4"])
    #expect(s.spec.owner == "ReplicaSet/web-7d9c6b5f4")
    #expect(s.spec.priority == 1000)
    #expect(s.spec.priorityClassName == "shop-critical")
    #expect(s.spec.activeDeadlineSeconds == 3600)
    #expect(s.spec.serviceAccount == "web")
    #expect(s.spec.schedulerName == "default-scheduler")
    #expect(s.spec.qosClass == "Burstable")
    #expect(s.spec.nodeAffinity == "required: (topology.kubernetes.io/zone In [eu-west-1a, eu-west-1b]); preferred 50: (node.kubernetes.io/instance-type Exists)")
    #expect(s.spec.volumes == [
      VolumeRef(name: "config", type: "configMap", source: "web-config"),
      VolumeRef(name: "cache", type: "emptyDir"),
      VolumeRef(name: "shared", type: "nfs", source: "10.0.0.40:/exports/shop"),
      VolumeRef(name: "varlog", type: "hostPath", source: "/var/log"),
      VolumeRef(name: "tls", type: "secret", source: "web-tls", optional: true),
    ])
  }

  @Test func listMixingKindsSkipsOthersWithAWarning() throws {
    let (facts, report) = try importFixture("structured/list-mixed.json")
    #expect(facts.count == 2)
    #expect(facts[0].event?.reason == "Unhealthy")
    #expect(facts[1].snapshot?.phase == "Pending")
    #expect(report.formats == ["events-json", "pods-json"])
    #expect(report.warnings.map(\.line) == [4])
    #expect(report.warnings.first?.description == "list-mixed.json:4: warning: skipped a Service: only Events and Pods are imported")
  }

  @Test func podWithNoTimeAtAllIsRelative() throws {
    let yaml = "status:\n  phase: Pending\n  conditions:\n  - type: PodScheduled\n    status: \"False\"\n"
    let (facts, report) = try importBytes(Array(yaml.utf8), name: "s.yaml")
    let f = try #require(facts.first)
    #expect(f.clock == .relative)
    #expect(f.object.name == "unknown")
    #expect(report.notes.count == 1)
  }
}
