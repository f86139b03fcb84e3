import Foundation
import Testing
@testable import PodHistKit

/// `kubectl get events` / `kubectl events` tables of each era, from fixtures/tables.
@Suite struct EventsTableParserTests {
  let now = at("2026-03-10T14:20:00Z")
  let pod = "shop-api-7d9c6b5f4-x2kqp"

  func events(_ seg: EventsTableSegment, now: Instant? = nil, nowError: Duration = .zero) -> [Fact] {
    seg.facts(now: now, nowError: nowError, source: "t.txt")
  }

  @Test func newLayoutResolvesAgesAgainstNow() throws {
    let (seg, _) = try eventsSegment(try tablesFixture("get-events-1.14.txt"))
    #expect(seg.lines == 1...12)
    #expect(seg.humanDuration)
    let facts = events(seg, now: now, nowError: .seconds(2))
    #expect(facts.count == 10)
    let scheduled = try #require(facts.first { $0.event?.reason == "Scheduled" })
    #expect(scheduled.object == ObjectRef(kind: "Pod", namespace: "shop", name: pod))
    #expect(scheduled.event?.last == now - .seconds(252))
    #expect(scheduled.observed == now - .seconds(252))
    #expect(scheduled.event?.first == nil)  // get events does not print the first time
    #expect(scheduled.event?.count == 1)
    #expect(scheduled.event?.type == "Normal")
    #expect(scheduled.clock == .absolute)
    #expect(scheduled.uncertainty == .seconds(3))  // 1 s resolution + 2 s now error
    #expect(scheduled.provenance == Provenance(source: "t.txt", firstLine: 4, lastLine: 4, format: "events-table"))

    let rs = try #require(facts.first { $0.event?.reason == "SuccessfulCreate" })
    #expect(rs.object == ObjectRef(kind: "ReplicaSet", namespace: "shop", name: "shop-api-7d9c6b5f4"))
    let dep = try #require(facts.first { $0.event?.reason == "ScalingReplicaSet" })
    #expect(dep.object.kind == "Deployment")
    #expect(dep.event?.last == now - .seconds(254))

    func container(_ reason: String) -> String? { facts.first { $0.event?.reason == reason }?.event?.container }
    #expect(container("Created") == "api")
    #expect(container("Started") == "api")
    #expect(container("Killing") == "api")
    #expect(container("BackOff") == "api")
    #expect(container("Unhealthy") == nil)
    #expect(container("Pulling") == nil)
    let unhealthy = try #require(facts.first { $0.event?.reason == "Unhealthy" })
    #expect(unhealthy.event?.message == "Liveness probe failed: HTTP probe failed with statuscode: 503")
    #expect(unhealthy.event?.type == "Warning")
    #expect(unhealthy.event?.last == now - .seconds(61))
  }

  @Test func newLayoutAnchors() throws {
    let (seg, _) = try eventsSegment(try tablesFixture("get-events-1.14.txt"))
    #expect(seg.anchors == [
      AgeAnchor(subject: .scheduled(pod: pod), age: .known(value: .seconds(252), resolution: .seconds(1))),
      AgeAnchor(subject: .containerStarted(pod: pod, container: "api"),
                age: .known(value: .seconds(182), resolution: .seconds(1))),
    ])
  }

  @Test func relativeWithoutNow() throws {
    let (seg, _) = try eventsSegment(try tablesFixture("get-events-1.14.txt"))
    let facts = events(seg, now: nil, nowError: .seconds(30))
    #expect(facts.allSatisfy { $0.clock == .relative })
    let unhealthy = try #require(facts.first { $0.event?.reason == "Unhealthy" })
    #expect(unhealthy.event?.last == ago(61))
    #expect(unhealthy.observed == ago(61))
    #expect(unhealthy.uncertainty == .seconds(1))  // no now, so no now error
  }

  @Test func allNamespacesWide() throws {
    let (seg, _) = try eventsSegment(try tablesFixture("get-events-A-wide.txt"))
    let facts = events(seg, now: now)
    #expect(facts.count == 4)
    let pulled = try #require(facts.first { $0.event?.reason == "Pulled" }?.event)
    #expect(pulled.container == "migrate")
    #expect(pulled.containerKind == .`init`)
    #expect(pulled.fieldPath == "spec.initContainers{migrate}")
    #expect(pulled.component == "kubelet")
    #expect(pulled.host == "worker-2")
    #expect(pulled.name == "ledger-0.17c8a1e2c0000001")
    let backoff = try #require(facts.first { $0.event?.reason == "BackOff" })
    #expect(backoff.object == ObjectRef(namespace: "payments", name: "ledger-0"))
    #expect(backoff.event?.count == 6)
    #expect(backoff.event?.first == now - .seconds(95))
    #expect(backoff.event?.last == now - .seconds(19))
    #expect(backoff.event?.container == "ledger")
    #expect(backoff.event?.containerKind == .regular)
    let lease = try #require(facts.first { $0.event?.reason == "LeaderElection" })
    #expect(lease.object == ObjectRef(kind: "Lease", namespace: "kube-system", name: "kube-scheduler"))
    #expect(lease.event?.component == "default-scheduler")
    #expect(lease.event?.host == nil)
    let scheduled = try #require(facts.first { $0.event?.reason == "Scheduled" }?.event)
    #expect(scheduled.first == now - .seconds(150))
    #expect(scheduled.component == "default-scheduler")
    // The Scheduled event's name carries its creation time: an absolute anchor.
    #expect(seg.anchors.first == AgeAnchor(subject: .scheduled(pod: "ledger-0"),
                                           age: .known(value: .seconds(150), resolution: .seconds(1)),
                                           absolute: Instant(micros: 1_713_797_653_266_232)))
  }

  @Test func kindColumnEra() throws {
    let (seg, _) = try eventsSegment(try tablesFixture("get-events-1.12.txt"))
    let facts = events(seg, now: now)
    #expect(facts.count == 4)
    let pulling = try #require(facts.first { $0.event?.reason == "Pulling" })
    // KIND only: the pod's name and namespace come from the Scheduled message.
    #expect(pulling.object == ObjectRef(namespace: "default", name: "nginx-5c7588df-zt8k4"))
    #expect(pulling.event?.last == now - .seconds(298))
    let scheduled = try #require(facts.first { $0.event?.reason == "Scheduled" })
    #expect(scheduled.event?.last == now - .seconds(300))
    #expect(scheduled.uncertainty == .seconds(1))  // HumanDuration: "5m" below 10 min is 300–301 s
    let rs = try #require(facts.first { $0.event?.reason == "SuccessfulCreate" })
    #expect(rs.object.kind == "ReplicaSet")
    #expect(facts.first { $0.event?.reason == "Started" }?.event?.container == nil)
  }

  @Test func lastSeenFirstSeenEra() throws {
    let (seg, _) = try eventsSegment(try tablesFixture("get-events-1.9.txt"))
    #expect(!seg.humanDuration)
    #expect(seg.lines == 1...8)
    let facts = events(seg, now: now)
    #expect(facts.count == 6)
    let backoff = try #require(facts.first { $0.event?.reason == "BackOff" })
    #expect(backoff.object == ObjectRef(namespace: ObjectRef.unknownNamespace, name: "web-1"))
    #expect(backoff.event?.count == 7)
    #expect(backoff.event?.last == now - .seconds(120))
    #expect(backoff.event?.first == now - .seconds(840))
    #expect(backoff.uncertainty == .seconds(60))  // ShortHumanDuration: minutes
    #expect(backoff.event?.fieldPath == "spec.containers{web}")
    #expect(backoff.event?.container == "web")
    #expect(backoff.event?.component == "kubelet")
    #expect(backoff.event?.host == "node-3")
    #expect(backoff.event?.type == "Warning")
    #expect(backoff.provenance.firstLine == 7)
    let sync = try #require(facts.first { $0.event?.reason == "FailedSync" })
    #expect(sync.event?.count == 40)
    #expect(sync.event?.fieldPath == nil)
    let scheduled = try #require(facts.first { $0.event?.reason == "Scheduled" })
    #expect(scheduled.event?.first == scheduled.event?.last)
    #expect(seg.anchors.contains(AgeAnchor(subject: .containerStarted(pod: "web-1", container: "web"),
                                           age: .known(value: .seconds(540), resolution: .seconds(60)))))
  }

  @Test func firstSeenLastSeenEraWithBraceSources() throws {
    let (seg, _) = try eventsSegment(try tablesFixture("get-events-1.3.txt"))
    let facts = events(seg, now: now)
    #expect(facts.count == 3)
    let pulling = try #require(facts.first { $0.event?.reason == "Pulling" }?.event)
    #expect(pulling.first == now - .seconds(3600))
    #expect(pulling.last == now - .seconds(51 * 60))
    #expect(pulling.count == 14)
    #expect(pulling.component == "kubelet")
    #expect(pulling.host == "gke-c1-node-9k1x")
    #expect(pulling.container == "mysql")
    let scheduled = try #require(facts.first { $0.event?.reason == "Scheduled" }?.event)
    #expect(scheduled.component == "default-scheduler")
    #expect(scheduled.host == nil)
    let sync = try #require(facts.first { $0.event?.reason == "FailedSync" }?.event)
    #expect(sync.container == "mysql")  // from `failed to "StartContainer" for "mysql"`
    #expect(sync.count == 290)
  }

  @Test func serverSideOldLayoutPrintsEventNames() throws {
    let (seg, _) = try eventsSegment(try tablesFixture("get-events-1.10.txt"))
    let facts = events(seg, now: now)
    #expect(facts.count == 2)
    let unhealthy = try #require(facts.first { $0.event?.reason == "Unhealthy" })
    #expect(unhealthy.object.name == "cache-6d4b9-2kq8w")
    #expect(unhealthy.event?.name == "cache-6d4b9-2kq8w.1532b0f5a0c1d2e3")
    #expect(unhealthy.event?.count == 4)
    #expect(unhealthy.event?.first == now - .seconds(180))
    #expect(unhealthy.event?.container == "redis")
  }

  @Test func tableWithoutTypeColumn() throws {
    let (seg, _) = try eventsSegment(try tablesFixture("get-events-1.1-notype.txt"))
    let facts = events(seg, now: now)
    #expect(facts.count == 2)
    let failed = try #require(facts.first { $0.event?.reason == "Failed" }?.event)
    #expect(failed.type == nil)
    #expect(failed.count == 6)
    #expect(failed.first == now - .seconds(120))
    #expect(failed.last == now - .seconds(30))
    #expect(failed.container == "php-redis")
    #expect(failed.host == "10.240.0.4")
  }

  @Test func kubectlEventsAggregatedAges() throws {
    let (seg, _) = try eventsSegment(try tablesFixture("kubectl-events.txt"))
    let facts = events(seg, now: now)
    #expect(facts.count == 5)
    #expect(facts.allSatisfy { $0.object == ObjectRef(namespace: "shop", name: "web-0") })
    let pulled = try #require(facts.first { $0.event?.reason == "Pulled" }?.event)
    #expect(pulled.count == 4)
    #expect(pulled.last == now - .seconds(180))
    #expect(pulled.first == now - .seconds(600))
    let backoff = try #require(facts.first { $0.event?.reason == "BackOff" }?.event)
    #expect(backoff.count == 18)
    #expect(backoff.last == now - .seconds(130))
    #expect(backoff.first == now - .seconds(590))
    #expect(backoff.container == "web")
    let killing = try #require(facts.first { $0.event?.reason == "Killing" }?.event)
    #expect(killing.container == "web")
    #expect(killing.count == 1)
    #expect(killing.first == killing.last)  // kubectl events prints a single age only for one occurrence
    #expect(seg.anchors.contains(AgeAnchor(subject: .containerStarted(pod: "web-0", container: "web"),
                                           age: .known(value: .seconds(180), resolution: .seconds(1)))))
  }

  @Test func watchRowsPrintedOutOfAlignment() throws {
    let (seg, warnings) = try eventsSegment(try tablesFixture("get-events-watch.txt"))
    #expect(seg.rows.count == 7)
    #expect(seg.rows.map(\.firstLine) == [3, 4, 5, 6, 7, 8, 9])
    #expect(seg.rows.map(\.reason) == ["Scheduled", "Pulling", "Pulled", "Created", "Started", "BackOff", "BackOff"])
    #expect(seg.rows.allSatisfy { $0.object == ObjectRef(namespace: "batch", name: "job-7-abcde") })
    let facts = events(seg, now: now)
    // The repeated aggregate is the same Event seen twice: same identity, same content.
    #expect(facts[5].event?.identityKey == facts[6].event?.identityKey)
    #expect(facts[5].event == facts[6].event)
    #expect(facts[4].event?.container == "main")
    #expect(warnings.contains { $0.message.contains("watch") })
  }

  @Test func malformedRowIsSkippedWithWarning() throws {
    let text = """
      LAST SEEN   TYPE      REASON      OBJECT      MESSAGE
      4m          Normal    Scheduled   pod/web-0   Successfully assigned default/web-0 to node-1
      3m          Sideways  Pulled      pod/web-0   Container image "web:1" already present on machine
      2m          Normal    Started     pod/web-0   Started container web
      """
    let (seg, warnings) = try eventsSegment(text, firstNumber: 20)
    #expect(seg.rows.map(\.reason) == ["Scheduled", "Started"])
    #expect(seg.lines == 20...23)
    #expect(warnings == [ImportWarning(source: "t.txt", line: 22,
                                       message: "skipped an events-table row that does not fit the table's columns")])
  }

  @Test func tableStopsAtDescribeAndPrompt() throws {
    let text = """
      $ kubectl get events
      LAST SEEN   TYPE     REASON    OBJECT      MESSAGE
      2m          Normal   Pulled    pod/web-0   Container image "web:1" already present on machine

      Name:         web-0
      Namespace:    default
      $ kubectl get events
      LAST SEEN   TYPE     REASON    OBJECT      MESSAGE
      1m          Normal   Started   pod/web-0   Started container web
      $ echo done
      """
    var warnings: [ImportWarning] = []
    let segs = segments(EventsTableParser(), cleanedLines(text), warnings: &warnings)
    #expect(segs.map(\.lines) == [1...3, 7...9])
    #expect(EventsTableParser().begins(cleanedLines(text), at: 4) == false)
  }

  @Test func headerlessRowsAreRecognised() throws {
    let lines = cleanedLines("""
      17s         Warning   FailedMount   pod/api-0   MountVolume.SetUp failed for volume "config" : configmap "api-config" not found
      """)
    #expect(EventsTableParser().begins(lines, at: 0))
    #expect(!PodsTableParser().begins(lines, at: 0))
    #expect(!EventsTableParser().begins(cleanedLines("Type     Reason     Age   From     Message"), at: 0))
    #expect(!EventsTableParser().begins(cleanedLines("  Normal   Scheduled  85s   default-scheduler  Successfully assigned"), at: 0))
  }
}

/// Where an events table begins and ends among other lines.
@Suite struct EventsTableBoundaryTests {
  @Test func promptLineBeginsTheSegmentAndGivesTheNamespace() throws {
    let text = """
      $ kubectl get events -n shop

      LAST SEEN   TYPE     REASON    OBJECT      MESSAGE
      2m          Normal   Pulled    pod/web-0   Container image "web:1" already present on machine
      """
    let lines = cleanedLines(text)
    #expect(!EventsTableParser().begins(lines, at: 0))  // the blank line between: the header begins it
    #expect(EventsTableParser().begins(lines, at: 2))
    let (seg, _) = try eventsSegment(text)
    #expect(seg.lines == 3...4)
    #expect(seg.rows.first?.object == ObjectRef(namespace: "shop", name: "web-0"))
    #expect(EventsTableParser().begins(cleanedLines("$ kubectl get ev\n" + text.split(separator: "\n")[2...].joined(separator: "\n")), at: 0))
    #expect(!EventsTableParser().begins(cleanedLines("$ kubectl get pods\nNAME   READY   STATUS    RESTARTS   AGE"), at: 0))
  }

  @Test func longRowIsNotContinuedByAPodsRow() throws {
    let long = String(repeating: "x", count: 90)
    let text = """
      LAST SEEN   TYPE      REASON    OBJECT      MESSAGE
      5m          Warning   Failed    pod/web-0   Error: \(long)
      web-0   0/1     ErrImagePull   0          5m
      """
    let (seg, _) = try eventsSegment(text)
    #expect(seg.lines == 1...2)
    #expect(seg.rows.first?.message == "Error: " + long)
  }

  @Test func unknownAndInvalidAges() throws {
    let text = """
      LAST SEEN   TYPE     REASON      OBJECT      MESSAGE
      <unknown>   Normal   Scheduled   pod/web-0   Successfully assigned default/web-0 to node-1
      <invalid>   Normal   Pulled      pod/web-0   Container image "web:1" already present on machine
      """
    let (seg, _) = try eventsSegment(text)
    let now = at("2026-03-10T14:20:00Z")
    let facts = seg.facts(now: now, nowError: .zero, source: "t")
    #expect(facts.count == 2)
    #expect(facts[0].event?.last == nil)
    #expect(facts[1].event?.last == now)  // a future timestamp (clock skew) reads as "now"
    #expect(seg.anchors.isEmpty)
  }
}

/// Old `kubectl describe` Events rows (FirstSeen LastSeen Count From ...) belong to the describe
/// parser, not to this one.
@Test func oldDescribeEventRowsAreNotTaken() {
  let text = """
    55s\t\t55s\t\t1\t{default-scheduler }\t\t\tNormal\t\tScheduled\tSuccessfully assigned redis-srv-2k3iv to k8node-01
    51s\t\t30s\t\t4\t{kubelet k8node-01}\t\t\tWarning\t\tFailedSync\tError syncing pod, skipping
    """
  let lines = cleanedLines(text)
  #expect(!EventsTableParser().begins(lines, at: 0))
  #expect(!EventsTableParser().begins(lines, at: 1))
}

/// A MESSAGE with its own newline continues on the next line, up to the next row.
@Test func messageWithNewlineContinuesToTheNextRow() throws {
  let text = """
    LAST SEEN   TYPE      REASON      OBJECT      MESSAGE
    40s         Warning   Failed      pod/web-0   Error: failed to start container "web":
    exec: "/app/run": permission denied
    30s         Warning   BackOff     pod/web-0   Back-off restarting failed container web in pod web-0_default(1a2b)
    something else entirely
    """
  let (seg, _) = try eventsSegment(text)
  #expect(seg.rows.map(\.reason) == ["Failed", "BackOff"])
  #expect(seg.rows[0].message == "Error: failed to start container \"web\":\nexec: \"/app/run\": permission denied")
  #expect(seg.rows[0].lastLine == 3)
  #expect(seg.rows[1].firstLine == 4)
  #expect(seg.lines == 1...4)
}

/// A row the terminal wrapped mid-word, followed by another row.
@Test func wrappedRowBeforeAnotherRow() throws {
  let first = "12s         Warning   FailedCreatePodSandBox   pod/api-7f9c-2xk4p   Failed to create pod sandbox: rpc error: code = Unknown desc = failed to set"
  let text = first + "\nup network for sandbox \"ab12\": plugin type=\"calico\" failed (add): connection is unauthorized\n"
    + "3s          Normal    SandboxChanged           pod/api-7f9c-2xk4p   Pod sandbox changed, it will be killed and re-created."
  let (seg, _) = try eventsSegment(text)
  #expect(seg.rows.count == 2)
  #expect(seg.rows[0].message == "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"ab12\": plugin type=\"calico\" failed (add): connection is unauthorized")
  #expect(seg.rows[0].lastLine == 2)
  #expect(seg.rows[1].reason == "SandboxChanged")
  #expect(seg.rows[1].firstLine == 3)
}
