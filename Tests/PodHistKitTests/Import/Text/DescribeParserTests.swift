import Foundation
import Testing
@testable import PodHistKit

@Suite struct DescribeParserTests {
  /// 2026-03-10T14:08:13Z: Start Time 14:02:11 + Scheduled 6m2s.
  let now = Instant(seconds: 1_773_151_693)

  func twoPods(observedAt: Instant? = nil) throws -> TextImportResult {
    try importText(try fixtureText("describe/two-pods-probes-wrapped.txt"), source: "two.txt", observedAt: observedAt)
  }

  @Test func severalPodsPerFile() throws {
    let r = try twoPods()
    #expect(r.statuses.map { $0.object.description } == ["shop/shop-api-7d9c6b5f4-x2kqp", "shop/shop-worker-0"])
    #expect(r.statuses.map { $0.provenance.firstLine } == [1, 132])
    let worker = try #require(r.statuses.last?.snapshot)
    #expect(worker.phase == "Pending")
    #expect(worker.node == nil)
    #expect(worker.spec.owner == "StatefulSet/shop-worker")
    #expect(worker.containers.map(\.name) == ["worker"])
    #expect(worker.containers.first?.state == nil)
    #expect(worker.containers.first?.spec.requests == ["cpu": "64"])
    #expect(worker.fieldLines["events"] == 158)
    #expect(r.facts.filter { $0.object.name == "shop-worker-0" }.count == 1)  // Events: <none>
    #expect(r.report.warnings.isEmpty)
  }

  @Test func headerFields() throws {
    let snap = try #require(try twoPods().statuses.first?.snapshot)
    #expect(snap.origin == .describe)
    #expect(snap.spec.priority == 1000)
    #expect(snap.spec.priorityClassName == "high")
    #expect(snap.spec.serviceAccount == "shop-api")
    #expect(snap.node == "node-b")
    #expect(snap.hostIP == "10.0.3.17")
    #expect(snap.podIP == "10.244.2.31")
    #expect(snap.startTime == Instant.parseRFC3339("2026-03-10T14:02:11Z"))
    #expect(snap.spec.labels == ["app": "shop-api", "pod-template-hash": "7d9c6b5f4"])
    #expect(snap.spec.owner == "ReplicaSet/shop-api-7d9c6b5f4")
    #expect(snap.spec.qosClass == "Burstable")
    #expect(snap.spec.nodeSelector == ["disktype": "ssd", "kubernetes.io/os": "linux"])
    #expect(snap.spec.tolerations?.count == 2)
    #expect(snap.spec.terminationGracePeriodSeconds == 30)
    #expect(snap.conditions.count == 5)
    #expect(snap.conditions.first == PodCondition(type: "PodReadyToStartContainers", status: "True"))
    #expect(snap.fieldLines["status"] == 11)
    #expect(snap.fieldLines["node"] == 6)
    #expect(snap.fieldLines["startTime"] == 7)
    #expect(snap.fieldLines["conditions"] == 89)
    #expect(snap.fieldLines["events"] == 119)
  }

  @Test func terminatingStatus() throws {
    let fact = try #require(try twoPods(observedAt: now).statuses.first)
    let snap = try #require(fact.snapshot)
    #expect(snap.phase == nil)
    #expect(snap.deletionTime == now - .seconds(40))
  }

  @Test func containersAndStates() throws {
    let snap = try #require(try twoPods().statuses.first?.snapshot)
    #expect(snap.containers.map(\.name) == ["migrate", "api", "metrics"])
    #expect(snap.containers.map(\.kind) == [.`init`, .regular, .regular])
    let migrate = snap.containers[0]
    #expect(migrate.state == ContainerState(kind: .terminated, reason: "Completed", exitCode: 0,
                                            startedAt: Instant.parseRFC3339("2026-03-10T14:02:15Z"),
                                            finishedAt: Instant.parseRFC3339("2026-03-10T14:02:19Z")))
    #expect(migrate.spec.command == ["/bin/migrate", "--all"])
    #expect(migrate.spec.ports == nil)
    let api = snap.containers[1]
    #expect(api.containerID == "containerd://a83d55e1")
    #expect(api.image == "registry.example/shop-api:5.1")
    #expect(api.imageID == "registry.example/shop-api@sha256:9f8e")
    #expect(api.state?.kind == .running)
    #expect(api.state?.startedAt == Instant.parseRFC3339("2026-03-10T14:06:41Z"))
    #expect(api.lastState?.kind == .terminated)
    #expect(api.lastState?.reason == "Error")
    #expect(api.lastState?.exitCode == 2)
    #expect(api.lastState?.message == "panic: cannot connect to db\ngoroutine 1 [running]")
    #expect(api.ready == true)
    #expect(api.restartCount == 4)
    #expect(api.spec.ports == [ContainerPort(containerPort: 80, protocol: "TCP"),
                               ContainerPort(containerPort: 443, protocol: "TCP", hostPort: 8443)])
    #expect(api.spec.args == ["--listen=:80", "--log-level: debug"])
    #expect(api.spec.limits == ["cpu": "500m", "memory": "256Mi"])
    #expect(api.spec.requests == ["cpu": "100m", "memory": "128Mi"])
    #expect(api.spec.configMapRefs == ["shop-config", "shop-flags"])
    #expect(api.spec.secretRefs == ["shop-creds", "db-secret"])
    #expect(api.spec.mounts == ["/data from data (rw)", "/etc/shop from config (ro)"])
    #expect(api.fieldLines["state"] == 46)
    #expect(api.fieldLines["lastState"] == 48)
    #expect(api.fieldLines["restartCount"] == 56)
    #expect(api.fieldLines["ports"] == 41)
    #expect(api.fieldLines["liveness"] == 63)
    #expect(api.fieldLines["readiness"] == 64)
    #expect(api.fieldLines["startup"] == 65)
    #expect(api.fieldLines["limits"] == 57)
    let metrics = snap.containers[2]
    #expect(metrics.spec.ports == [ContainerPort(containerPort: 9090, protocol: "TCP", name: "metrics")])
  }

  @Test func probesOfEachKind() throws {
    let snap = try #require(try twoPods().statuses.first?.snapshot)
    let api = snap.containers[1]
    #expect(api.spec.liveness == Probe(type: "http-get", scheme: "HTTPS", host: "10.0.0.5", port: "8443", path: "/healthz",
                                       initialDelaySeconds: 10, timeoutSeconds: 2, periodSeconds: 15, failureThreshold: 5))
    #expect(api.spec.readiness == Probe(type: "tcp-socket", port: "80", successThreshold: 2))
    #expect(api.spec.startup == Probe(type: "exec", command: ["cat", "/tmp/ready"], periodSeconds: 5, failureThreshold: 30))
    #expect(snap.containers[2].spec.liveness?.type == "grpc")
    #expect(snap.containers[2].spec.liveness?.portNumber == 9090)
  }

  @Test(arguments: [
    ("http-get http://:18082/actuator/info delay=5s timeout=1s period=5s #success=1 #failure=3",
     Probe(type: "http-get", scheme: "HTTP", port: "18082", path: "/actuator/info", initialDelaySeconds: 5, periodSeconds: 5)),
    ("http-get http://:http/ delay=15s timeout=1s", Probe(type: "http-get", scheme: "HTTP", port: "http", path: "/", initialDelaySeconds: 15)),
    ("tcp-socket :5432 delay=0s timeout=1s period=10s #success=1 #failure=3", Probe(type: "tcp-socket", port: "5432")),
    ("exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3",
     Probe(type: "exec", command: ["cat", "/tmp/healthy"], initialDelaySeconds: 5, periodSeconds: 5)),
    ("grpc <pod>:9090  delay=0s timeout=1s period=10s #success=1 #failure=3", Probe(type: "grpc", port: "9090")),
  ])
  func probeLine(_ text: String, _ expected: Probe) {
    #expect(DescribeProbe.parse(text) == expected)
  }

  @Test func unknownProbeKindIsNil() {
    #expect(DescribeProbe.parse("<none>") == nil)
    #expect(DescribeProbe.parse("magic :80") == nil)
  }

  @Test func volumes() throws {
    let snap = try #require(try twoPods().statuses.first?.snapshot)
    #expect(snap.spec.volumes == [
      VolumeRef(name: "data", type: "persistentVolumeClaim", source: "shop-data"),
      VolumeRef(name: "config", type: "configMap", source: "shop-config", optional: false),
      VolumeRef(name: "certs", type: "secret", source: "shop-certs", optional: true),
      VolumeRef(name: "archive", type: "nfs", source: "10.0.0.9:/exports/shop"),
    ])
  }

  @Test func modernEventsTable() throws {
    let r = try twoPods(observedAt: now)
    let pulled = try #require(r.eventFact("Pulled"))
    let e = try #require(pulled.event)
    #expect(e.count == 5)
    #expect(e.last == now - .seconds(94))
    #expect(e.first == now - .seconds(353))
    #expect(e.component == "kubelet")
    #expect(e.host == nil)
    #expect(e.container == "api")  // the image names the container
    #expect(e.fieldPath == "")  // inferred, so kept out of the identity
    #expect(pulled.observed == now - .seconds(94))
    #expect(pulled.uncertainty == .seconds(1))
    #expect(pulled.clock == .absolute)
    #expect(pulled.provenance.firstLine == 123)
    let scheduled = try #require(r.event("Scheduled"))
    #expect(scheduled.component == "default-scheduler")
    #expect(scheduled.container == nil)
    #expect(scheduled.first == scheduled.last)
    #expect(r.event("Killing")?.container == "metrics")
  }

  @Test func wrappedMessageAndFieldPathPrefix() throws {
    let r = try twoPods(observedAt: now)
    let fact = try #require(r.eventFact("Unhealthy"))
    let e = try #require(fact.event)
    #expect(e.message == "Liveness probe failed: Get \"https://10.0.0.5:8443/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
    #expect(e.fieldPath == "spec.containers{api}")
    #expect(e.container == "api")
    #expect(e.count == 15)
    #expect(fact.provenance.firstLine == 126)
    #expect(fact.provenance.lastLine == 127)
  }

  @Test func unknownAgeKeepsTheEventWithoutTimes() throws {
    let r = try twoPods(observedAt: now)
    let fact = try #require(r.eventFact("BackOff"))
    #expect(fact.event?.last == nil)
    #expect(fact.event?.first == nil)
    #expect(fact.observed == now)
    #expect(fact.event?.container == "api")
  }

  @Test func legacyEventsTableWithTabs() throws {
    let r = try importText(try fixtureText("describe/old-1.5-events-table.txt"), source: "old.txt")
    let snap = try #require(r.statuses.first?.snapshot)
    #expect(r.statuses.first?.object.description == "shop/web-1")
    #expect(snap.spec.owner == "ReplicaSet/web-1234")
    #expect(snap.containers.first?.spec.liveness?.port == "80")
    #expect(snap.containers.first?.spec.mounts?.count == 1)
    #expect(snap.containers.first?.lastState?.exitCode == 137)
    #expect(snap.conditions.map(\.type) == ["Initialized", "Ready", "PodScheduled"])
    let unhealthy = try #require(r.event("Unhealthy"))
    #expect(unhealthy.count == 6)
    #expect(unhealthy.type == "Warning")
    #expect(unhealthy.component == "kubelet")
    #expect(unhealthy.host == "node-3")
    #expect(unhealthy.fieldPath == "spec.containers{web}")
    #expect(unhealthy.container == "web")
    #expect(unhealthy.message.hasPrefix("Liveness probe failed: Get http://172.17.0.5:80/"))
    let scheduled = try #require(r.event("Scheduled"))
    #expect(scheduled.component == "default-scheduler")
    #expect(scheduled.host == nil)
    #expect(scheduled.fieldPath == nil)
    // Started 10:12:00 +0100 + the latest Started event's 3m (+1 s kubelet lag), known to a
    // minute (ShortHumanDuration), is tighter than Start Time + Scheduled 15m (± 1m3s).
    let fact = try #require(r.statuses.first)
    #expect(fact.clock == .absolute)
    #expect(fact.observed == Instant.parseRFC3339("2017-01-09T09:15:01Z"))
    #expect(fact.uncertainty == .seconds(61))
    #expect(r.report.notes.first?.contains("latest Started event") == true)
    #expect(r.report.warnings.isEmpty)
    let killing = try #require(r.eventFact("Killing"))
    #expect(killing.event?.first == Instant.parseRFC3339("2017-01-09T09:09:01Z"))
    #expect(killing.event?.last == Instant.parseRFC3339("2017-01-09T09:11:01Z"))
    #expect(killing.uncertainty == .seconds(121))
  }

  @Test func legacyRowsWithAbsoluteTimesAndNoType() throws {
    let text = """
      Tue, 07 Apr 2015 12:08:30 -0700\tTue, 07 Apr 2015 12:08:30 -0700\t1\t{kubelet 127.0.0.1}\tspec.containers{nginx}\t\t\tkilling\t\tKilling 0b77
      Thu, 09 Jul 2015 23:56:21 -0700\tFri, 10 Jul 2015 00:01:30 -0700\t21\t{scheduler }\t\t\tfailedScheduling\t\tFailed for reason PodFitsResources
    """
    let r = try importText(text)
    #expect(r.events.count == 2)
    let killing = try #require(r.eventFact("killing"))
    #expect(killing.clock == .absolute)
    #expect(killing.uncertainty == .zero)
    #expect(killing.event?.last == Instant.parseRFC3339("2015-04-07T19:08:30Z"))
    #expect(killing.event?.type == nil)
    #expect(killing.event?.container == "nginx")
    let sched = try #require(r.event("failedScheduling"))
    #expect(sched.first == Instant.parseRFC3339("2015-07-10T06:56:21Z"))
    #expect(sched.last == Instant.parseRFC3339("2015-07-10T07:01:30Z"))
    #expect(sched.count == 21)
    #expect(sched.component == "scheduler")
  }

  @Test func legacyHeaderlessAgeRowWithSpacesForTabs() throws {
    let r = try importText("  4m        2m      2   {kubelet gke-node-1}           Warning     FailedMount Unable to mount volumes for pod \"web-1_shop(95609653)\": timeout expired")
    let e = try #require(r.events.first)
    #expect(e.reason == "FailedMount")
    #expect(e.message == "Unable to mount volumes for pod \"web-1_shop(95609653)\": timeout expired")
    #expect(r.facts.first?.object.description == "shop/web-1")
    #expect(r.facts.first?.clock == .relative)
    #expect(e.last == Instant(micros: 0) - .seconds(120))
    #expect(e.first == Instant(micros: 0) - .seconds(240))
  }

  @Test func getEventsRowIsNotTakenForADescribeRow() {
    let lines = [SourceLine(number: 1, text: "2m         14m         7         web-1     Pod       spec.containers{web}   Warning   BackOff   {kubelet node-3}   Back-off")]
    #expect(!DescribeParser().begins(lines, at: 0))
    let controller = [SourceLine(number: 1, text: "2m   14m   7   kube-controller-manager-n1   Pod   spec.containers{c}   Warning   BackOff   {kubelet n1}   Back-off")]
    #expect(!DescribeParser().begins(controller, at: 0))
    let describeRow = [SourceLine(number: 1, text: "  51m\t\t37m\t\t50\t{default-scheduler }\t\t\tWarning\t\tFailedScheduling\tpod (x) failed to fit in any node")]
    #expect(DescribeParser().begins(describeRow, at: 0))
  }

  @Test func eventSameRowSameIdentityAcrossDumps() throws {
    let first = """
      Name:  web
      Containers:
        app:
          Image:  nginx
      Events:
        Type     Reason   Age                From     Message
        ----     ------   ----               ----     -------
        Warning  BackOff  10s (x2 over 40s)  kubelet  Back-off restarting failed container app in pod web_default(1)
      """
    let second = first.replacingOccurrences(of: "10s (x2 over 40s)", with: "5s (x9 over 5m)")
    let a = try #require(try importText(first).event("BackOff"))
    let b = try #require(try importText(second).event("BackOff"))
    #expect(a.identityKey == b.identityKey)
    #expect(a.count == 2 && b.count == 9)
    // The same row in an events-only fragment (no container list to infer from).
    let fragment = first.split(separator: "\n").dropFirst(4).joined(separator: "\n")
    let c = try #require(try importText(fragment).event("BackOff"))
    #expect(c.identityKey == a.identityKey)
    #expect(c.container == "app" && a.container == "app")
    // A row with no container named and one inferred from the only container.
    let pulledText = first.replacingOccurrences(of: "Warning  BackOff  10s (x2 over 40s)  kubelet  Back-off restarting failed container app in pod web_default(1)",
                                                with: "Normal   Pulled   10s                kubelet  Container image \"nginx\" already present on machine")
    let inferred = try #require(try importText(pulledText).event("Pulled"))
    let bare = try #require(try importText(pulledText.split(separator: "\n").dropFirst(4).joined(separator: "\n")).event("Pulled"))
    #expect(inferred.container == "app")
    #expect(bare.container == nil)
    #expect(inferred.identityKey == bare.identityKey)
  }

  @Test func fragmentStartingMidDescribe() throws {
    let text = """
      Annotations:    <none>
      Status:         Failed
      Reason:         Evicted
      Message:        The node was low on resource: ephemeral-storage. Container app was using 34260Ki, which exceeds its request of 0.
      IP:
      Controlled By:  ReplicaSet/app-955968dbb
      """
    let r = try importText(text)
    let snap = try #require(r.statuses.first?.snapshot)
    #expect(r.statuses.first?.object.name == DescribeSegment.unnamedPod)
    #expect(snap.phase == "Failed")
    #expect(snap.reason == "Evicted")
    #expect(snap.message?.hasPrefix("The node was low on resource") == true)
    #expect(snap.containers.map(\.name) == ["app"])
    #expect(snap.fieldLines["reason"] == 3)
    #expect(r.report.notes.contains { $0.contains("name is not in the paste") })
  }

  @Test func keyValueLines() {
    #expect(DescribeKeyValue.parse("  Restart Count:  3") == DescribeKeyValue(indent: 2, key: "Restart Count", value: "3"))
    #expect(DescribeKeyValue.parse("Liveness:  http-get http://:8080/") == DescribeKeyValue(indent: 0, key: "Liveness", value: "http-get http://:8080/"))
    #expect(DescribeKeyValue.parse("Name:\t\tweb-1") == DescribeKeyValue(indent: 0, key: "Name", value: "web-1"))
    #expect(DescribeKeyValue.parse("  1st:") == DescribeKeyValue(indent: 2, key: "1st", value: ""))
    #expect(DescribeKeyValue.parse("node.kubernetes.io/not-ready:NoExecute for 300s") == nil)
    #expect(DescribeKeyValue.parse("kubernetes.io/limit-ranger=LimitRanger plugin set: cpu") == nil)
    #expect(DescribeKeyValue.parse("shop-config  ConfigMap  Optional: false") == nil)
  }
}

@Suite struct DescribeFlattenedPasteTests {
  /// A paste that lost all its indentation (some chat and forum renderers strip it).
  @Test func seedWithoutIndentation() throws {
    let (_, text) = try corpusInput("000")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let flat = lines[3..<61].map { $0.drop { $0 == " " } }.joined(separator: "\n")
    let r = try importText(flat, source: "flat.txt")
    let snap = try #require(r.statuses.first?.snapshot)
    #expect(r.statuses.count == 1)
    #expect(snap.phase == "Running")
    #expect(snap.reason == nil)
    let c = try #require(snap.containers.first)
    #expect(snap.containers.count == 1)
    #expect(c.name == "spingboot-mybatis")
    #expect(c.state == ContainerState(kind: .waiting, reason: "CrashLoopBackOff"))
    #expect(c.lastState?.exitCode == 143)
    #expect(c.lastState?.reason == "Error")
    #expect(c.restartCount == 3)
    #expect(c.spec.liveness?.portNumber == 18082)
    #expect(c.spec.ports?.first?.containerPort == 8300)
    #expect(snap.conditions.count == 4)
    #expect(snap.spec.volumes == [VolumeRef(name: "default-token-qk5nc", type: "secret", source: "default-token-qk5nc", optional: false)])
    #expect(r.events.map(\.reason) == ["Scheduled", "Killing", "Pulled", "Created", "Started", "Unhealthy"])
    #expect(r.statuses.first?.observed == Instant.parseRFC3339("2020-07-03T07:58:09Z"))
  }
}

@Suite struct DescribeEventAgeTests {
  static let now = Instant(seconds: 1_773_151_693)

  @Test(arguments: [
    ("0s", 0, nil, 1, 1),
    ("59s", 59, nil, 1, 1),
    ("5m", 300, nil, 60, 1),
    ("3h2m (x12 over 3h)", 10_920, 10_800, 3600, 12),  // the coarser of the two ages
    ("2d", 172_800, nil, 86_400, 1),
    ("27s (x4 over 84s)", 27, 84, 1, 4),
  ] as [(String, Int64, Int64?, Int64, Int)])
  func ageColumn(_ age: String, _ last: Int64, _ first: Int64?, _ resolution: Int64, _ count: Int) throws {
    let text = "Events:\n  Type     Reason   Age   From     Message\n  Warning  BackOff  \(age)  kubelet  Back-off restarting failed container\n"
    let r = try importText(text, observedAt: Self.now)
    let fact = try #require(r.eventFact("BackOff"))
    let e = try #require(fact.event)
    #expect(e.last == Self.now - .seconds(last))
    #expect(e.first == (first.map { Self.now - .seconds($0) } ?? e.last))
    #expect(e.count == count)
    #expect(fact.uncertainty == .seconds(resolution))
  }

  @Test(arguments: ["<unknown>", "<invalid>", "<invalid> (x2 over 3m)"])
  func unprintableAges(_ age: String) throws {
    let text = "Events:\n  Type     Reason     Age   From               Message\n  Normal   Scheduled  \(age)  default-scheduler  Successfully assigned default/web to n1\n"
    let r = try importText(text, observedAt: Self.now)
    let fact = try #require(r.eventFact("Scheduled"))
    #expect(fact.event?.last == nil)
    #expect(fact.observed == Self.now)
    #expect(fact.object.name == "web")
  }
}

@Suite struct DescribeEventContainerTests {
  func container(_ message: String, reason: String = "Killing", containers: [String] = ["app", "sidecar"]) -> String? {
    var seg = DescribeSegment(lines: 1...1)
    seg.snapshot.containers = containers.map { ContainerSnapshot(name: $0) }
    let row = DescribeEventRow(type: "Normal", reason: reason, message: message, last: .age(.unknown), count: 1,
                               component: "kubelet", firstLine: 1, lastLine: 1, lastPhysicalLength: 0)
    return seg.container(of: row)
  }

  @Test func fromMessages() {
    #expect(container("Container app failed liveness probe, will be restarted") == "app")
    #expect(container("Stopping container sidecar") == "sidecar")
    #expect(container("Started container app", reason: "Started") == "app")
    #expect(container("Killing container with id docker://app:Container failed liveness probe.. Container will be killed and recreated.") == "app")
    #expect(container("Back-off restarting failed container sidecar in pod web_default(1)", reason: "BackOff") == "sidecar")
    #expect(container("Back-off restarting failed container", reason: "BackOff") == nil)
    #expect(container("Back-off restarting failed container", reason: "BackOff", containers: ["only"]) == "only")
    #expect(container("Successfully assigned default/web to n1", reason: "Scheduled", containers: ["only"]) == nil)
    #expect(container("Started container with docker id 39e3", reason: "started") == nil)
  }
}
