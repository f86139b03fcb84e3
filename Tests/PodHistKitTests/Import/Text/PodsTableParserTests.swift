import Foundation
import Testing
@testable import PodHistKit

/// `kubectl get pods` tables: fixtures/tables and the table parts of corpus cases.
@Suite struct PodsTableParserTests {
  let now = at("2026-03-10T14:20:00Z")

  func podsSegments(_ text: String) -> ([PodsTableSegment], [ImportWarning]) {
    var warnings: [ImportWarning] = []
    let segs = segments(PodsTableParser(), cleanedLines(text), warnings: &warnings)
    return (segs.compactMap { $0 as? PodsTableSegment }, warnings)
  }

  @Test func plainTableWithNewStyleRestarts() throws {
    let (segs, _) = podsSegments(try tablesFixture("get-pods.txt"))
    let seg = try #require(segs.first)
    #expect(segs.count == 1)
    #expect(seg.lines == 1...6)
    let facts = seg.facts(now: now, nowError: .seconds(2), source: "t.txt")
    #expect(facts.map(\.object) == ["web-0", "web-1", "migrate-8x2kq", "cache-6d4b9-2kq8w"].map { ObjectRef(namespace: "shop", name: $0) })
    #expect(facts.allSatisfy { $0.observed == now && $0.clock == .absolute && $0.provenance.format == "pods-table" })
    let web1 = try #require(facts[1].snapshot)
    #expect(web1.origin == .table)
    #expect(web1.row == PodRow(status: "CrashLoopBackOff", ready: "0/1", restarts: 7, lastRestartAge: .seconds(134),
                               age: .seconds(1500)))
    #expect(web1.creationTime == now - .seconds(1500))
    #expect(web1.fieldLines["status"] == 4)
    #expect(facts[1].provenance.firstLine == 4)
    #expect(facts[0].snapshot?.row?.age == .seconds(3 * 86400 + 4 * 3600))
    #expect(facts[0].uncertainty == .seconds(3602))  // 3d4h: to the hour, plus the now error
    #expect(facts[3].snapshot?.row?.status == "Init:0/2")
    #expect(seg.anchors.contains(AgeAnchor(subject: .podCreated(pod: "web-1"),
                                           age: .known(value: .seconds(1500), resolution: .seconds(60)))))
    #expect(seg.anchors.contains(AgeAnchor(subject: .containerFinished(pod: "web-1", container: nil),
                                           age: .known(value: .seconds(134), resolution: .seconds(1)))))
  }

  @Test func allNamespacesWide() throws {
    let (segs, _) = podsSegments(try tablesFixture("get-pods-A-wide.txt"))
    let seg = try #require(segs.first)
    let facts = seg.facts(now: nil, nowError: .seconds(9), source: "t.txt")
    #expect(facts.map(\.object.namespace) == ["kube-system", "shop", "shop"])
    #expect(facts.allSatisfy { $0.clock == .relative && $0.observed == ago(0) })
    let web0 = try #require(facts[1].snapshot)
    #expect(web0.podIP == "10.244.1.7")
    #expect(web0.node == "worker-1")
    #expect(web0.nominatedNode == nil)
    #expect(web0.row?.restarts == 3)
    #expect(web0.row?.lastRestartAge == .seconds(47 * 3600))
    #expect(web0.creationTime == ago(6 * 86400))
    let coredns = try #require(facts[0].snapshot)
    #expect(coredns.node == nil && coredns.podIP == nil)
    #expect(coredns.row?.status == "Pending")
    #expect(facts[2].snapshot?.row?.status == "Terminating")
  }

  @Test func corpus000TwoTables() throws {
    let (segs, _) = podsSegments(try corpusInput("000"))
    #expect(segs.map(\.lines) == [1...3, 63...66])
    let first = segs[0].facts(now: now, nowError: .zero, source: "000")
    #expect(first.count == 1)
    #expect(first[0].object == ObjectRef(namespace: ObjectRef.unknownNamespace, name: "springboot-mybatis-deployment-dcd7f8bbf-9wfxl"))
    #expect(first[0].snapshot?.row == PodRow(status: "Running", ready: "1/1", restarts: 3, age: .seconds(77)))
    let second = segs[1].facts(now: now, nowError: .zero, source: "000")
    #expect(second.map(\.object.name) == ["springboot-mybatis-deployment-dcd7f8bbf-9wfxl", "springboot-mybatis-deployment-dcd7f8bbf-q7nhp"])
    #expect(second.allSatisfy { $0.snapshot?.row?.restarts == 4 && $0.snapshot?.row?.age == .seconds(426) })
    #expect(second.map(\.provenance.firstLine) == [65, 66])
    #expect(segs[1].anchors.first == AgeAnchor(subject: .podCreated(pod: "springboot-mybatis-deployment-dcd7f8bbf-9wfxl"),
                                               age: .known(value: .seconds(426), resolution: .seconds(1))))
  }

  @Test func corpus008StopsAtCodeFence() throws {
    let (segs, _) = podsSegments(try corpusInput("008"))
    #expect(segs.map(\.lines) == [1...3])
    let fact = try #require(segs.first?.facts(now: now, nowError: .zero, source: "008").first)
    #expect(fact.object == ObjectRef(namespace: ObjectRef.unknownNamespace, name: "node-admin"))
    #expect(fact.snapshot?.row == PodRow(status: "Pending", ready: "0/1", restarts: 0, age: .seconds(87)))
    #expect(fact.snapshot?.creationTime == now - .seconds(87))
  }

  @Test func corpus040Wide() throws {
    let (segs, _) = podsSegments(try corpusInput("040"))
    #expect(segs.map(\.lines) == [1...8])
    let facts = try #require(segs.first).facts(now: now, nowError: .zero, source: "040")
    #expect(facts.count == 6)
    #expect(facts.map { $0.snapshot?.row?.status } == ["Running", "Running", "Running", "Running", "Pending", "Pending"])
    #expect(facts[0].snapshot?.podIP == "172.17.0.6")
    #expect(facts[0].snapshot?.node == "minikube")
    #expect(facts[4].object.name == "ticktock1-log-v1-67468fc4cf-7sjhq")
    #expect(facts[4].snapshot?.node == nil)
    #expect(facts[4].snapshot?.creationTime == now - .seconds(62 * 60))
    #expect(facts[0].uncertainty == .seconds(60))
  }

  @Test func corpus045HeaderlessRowTakesPromptNamespace() throws {
    let (segs, _) = podsSegments(try corpusInput("045"))
    #expect(segs.map(\.lines) == [1...2])
    let fact = try #require(segs.first?.facts(now: now, nowError: .zero, source: "045").first)
    #expect(fact.object == ObjectRef(namespace: "cv", name: "single-ee7f20b3bcb047f893481e1999decba9-single-0"))
    #expect(fact.snapshot?.row == PodRow(status: "Completed", ready: "0/1", restarts: 0, age: .seconds(33 * 60)))
    #expect(fact.provenance.firstLine == 2)
  }

  @Test func malformedRowWarnsAndTableGoesOn() throws {
    let text = """
      NAME    READY   STATUS    RESTARTS   AGE
      web-0   1/1     Running   0          5m
      web-1   1/1     Running   many       5m
      web-2   0/1     Pending   0          5m
      """
    let (segs, warnings) = podsSegments(text)
    let seg = try #require(segs.first)
    #expect(seg.rows.map(\.name) == ["web-0", "web-2"])
    #expect(warnings.map(\.line) == [3])
  }

  @Test func eventsTablesAreNotPodsTables() throws {
    var warnings: [ImportWarning] = []
    #expect(segments(PodsTableParser(), cleanedLines(try tablesFixture("get-events-1.9.txt")), warnings: &warnings).isEmpty)
    #expect(segments(PodsTableParser(), cleanedLines(try corpusInput("058")), warnings: &warnings).isEmpty)
  }
}

/// `kubectl get pods -w`: the same pod printed as it changes.
@Suite struct PodsTableWatchTests {
  @Test func watchRowsAreOrderedByTheirAge() throws {
    let text = """
      $ kubectl get pods -w
      NAME    READY   STATUS              RESTARTS   AGE
      web-0   0/1     Pending             0          0s
      web-0   0/1     ContainerCreating   0          0s
      web-0   1/1     Running             0          4s
      web-0   0/1     Error               0          31s
      web-0   1/1     Running             1 (2s ago)   33s
      pod/db-0   1/1   Running   0   2d
      """
    var warnings: [ImportWarning] = []
    let segs = segments(PodsTableParser(), cleanedLines(text), warnings: &warnings)
    let seg = try #require(segs.first as? PodsTableSegment)
    #expect(segs.count == 1)
    #expect(seg.lines == 1...8)
    let now = at("2026-03-10T14:20:00Z")
    let facts = seg.facts(now: now, nowError: .zero, source: "w")
    #expect(facts.map { $0.snapshot?.row?.status } == ["Pending", "ContainerCreating", "Running", "Error", "Running", "Running"])
    #expect(facts.prefix(5).map(\.observed) == [33, 33, 29, 2, 0].map { now - .seconds($0) })
    #expect(facts.prefix(5).allSatisfy { $0.snapshot?.creationTime == now - .seconds(33) })
    #expect(facts[4].snapshot?.row?.restarts == 1)
    #expect(facts[5].object.name == "db-0")
    #expect(facts[5].observed == now)
    #expect(seg.anchors.filter { if case .podCreated("web-0") = $0.subject { true } else { false } }
      == [AgeAnchor(subject: .podCreated(pod: "web-0"), age: .known(value: .seconds(33), resolution: .seconds(1)))])
  }
}

/// A pods table pasted onto one line.
@Suite struct PodsTableFlattenedTests {
  @Test func rowsAreRecoveredWordByWord() throws {
    let text = "user@box:~$ kubectl get pods -n shop NAME READY STATUS RESTARTS AGE web-0 1/1 Running 0 12m web-1 0/1 CrashLoopBackOff 5 (40s ago) 12m db-0 1/1 Running 0 3d"
    var warnings: [ImportWarning] = []
    let segs = segments(PodsTableParser(), cleanedLines(text), warnings: &warnings)
    let seg = try #require(segs.first as? PodsTableSegment)
    #expect(seg.rows.map(\.name) == ["web-0", "web-1", "db-0"])
    #expect(seg.rows.allSatisfy { $0.namespace == "shop" && $0.line == 1 })
    #expect(seg.rows[1].status == "CrashLoopBackOff")
    #expect(seg.rows[1].restarts == 5)
    #expect(seg.rows[1].lastRestartAge == .known(value: .seconds(40), resolution: .seconds(1)))
    #expect(seg.rows[2].age == .known(value: .seconds(3 * 86400), resolution: .seconds(86400)))
    #expect(warnings.map(\.line) == [1])
  }
}
