import Foundation
import Testing
@testable import PodHistKit

/// What a corpus case's truth.md / expected.json says the describe part shows.
struct DescribeCase: Sendable, CustomStringConvertible {
  struct Container: Sendable {
    var name: String
    var kind: ContainerKind = .regular
    var state: ContainerState.Kind?
    var reason: String?
    /// Exit code of the current terminated state, else of Last State.
    var exitCode: Int?
    var restarts: Int?
  }
  var id: String
  /// Pods with a status fact, in order: namespace/name.
  var pods: [String]
  var phase: String?
  var podReason: String?
  var containers: [Container] = []
  /// Event reason → summed count, for the first pod.
  var events: [String: Int] = [:]
  /// Whether the ages were anchored to real time.
  var anchored = false
  var description: String { id }
}

/// `/NAME`: a paste that names no namespace files its pod under "" (namespace unknown,
/// schema/namespace-unknown.md); `default/` where the paste says default (005, 012: in a message).
let describeCases: [DescribeCase] = [
  DescribeCase(id: "000", pods: ["default/springboot-mybatis-deployment-dcd7f8bbf-9wfxl"], phase: "Running",
               containers: [.init(name: "spingboot-mybatis", state: .waiting, reason: "CrashLoopBackOff", exitCode: 143, restarts: 3)],
               events: ["Scheduled": 1, "Killing": 3, "Pulled": 4, "Created": 4, "Started": 4, "Unhealthy": 10], anchored: true),
  DescribeCase(id: "005", pods: [], events: ["FailedMount": 2, "FailedSync": 2]),
  DescribeCase(id: "006", pods: ["/(unnamed)"],
               containers: [.init(name: "(unnamed)", state: .waiting, reason: "CrashLoopBackOff", exitCode: 1, restarts: 3)]),
  DescribeCase(id: "008", pods: ["/node-admin"], events: ["FailedScheduling": 3]),
  DescribeCase(id: "012", pods: [], events: ["Scheduled": 1, "FailedSync": 4]),
  DescribeCase(id: "014", pods: [], events: ["killing": 2, "created": 1, "started": 1]),
  DescribeCase(id: "019", pods: ["/(unnamed)", "ebaogi/ebaogi-report-app-5dbc89ff58-zqsn2"], phase: "Failed", podReason: "Evicted",
               containers: [.init(name: "ebaogi-bff-app")]),
  DescribeCase(id: "020", pods: [], events: ["FailedScheduling": 5]),
  DescribeCase(id: "022", pods: [], events: ["Unhealthy": 25710]),
  DescribeCase(id: "025", pods: ["/(unnamed)"],
               containers: [.init(name: "nginx", state: .waiting, reason: "CrashLoopBackOff", exitCode: 137, restarts: 1),
                            .init(name: "web", state: .running)]),
  DescribeCase(id: "031", pods: [], events: ["Scheduled": 1, "SuccessfulMountVolume": 1, "Pulled": 1, "Created": 1, "Started": 1, "Unhealthy": 1]),
  DescribeCase(id: "045", pods: ["cv/single-ee7f20b3bcb047f893481e1999decba9-single-0"],
               containers: [.init(name: "(unnamed)", state: .terminated, reason: "Completed", exitCode: 0)]),
  DescribeCase(id: "051", pods: [], events: ["Scheduled": 1, "FailedMount": 12, "FailedSync": 12, "Pulled": 1, "Created": 1]),
  DescribeCase(id: "066", pods: ["plang/fabrikamfiber.web-789699744-rqv6p"], phase: "Running",
               containers: [.init(name: "fabrikamfiberweb", state: .waiting, reason: "CrashLoopBackOff", exitCode: 128, restarts: 10)],
               events: ["Scheduled": 1, "SuccessfulMountVolume": 1, "Failed": 12, "Pulling": 12, "Pulled": 11, "Created": 11,
                        "FailedSync": 151, "BackOff": 139], anchored: true),
  DescribeCase(id: "067", pods: ["default/analytics-exporter-fast-76897854c-cw5wh"], phase: "Running",
               containers: [.init(name: "memory-eater", state: .waiting, reason: "CrashLoopBackOff", exitCode: 137, restarts: 6)],
               events: ["Scheduled": 1, "Pulled": 5, "Started": 4, "Pulling": 5, "Created": 5, "BackOff": 23], anchored: true),
  DescribeCase(id: "068", pods: ["default/logging-agent"], phase: "Pending",
               containers: [.init(name: "downloader", kind: .`init`, state: .waiting, reason: "CrashLoopBackOff", exitCode: 128, restarts: 6),
                            .init(name: "exporter", state: .waiting, reason: "PodInitializing", restarts: 0)],
               events: ["Scheduled": 1, "Pulling": 1, "Pulled": 5, "Created": 5, "Failed": 5, "BackOff": 26], anchored: true),
  DescribeCase(id: "069", pods: ["default/customer-relations-webapp-5d98ffcfd-tz4nc"], phase: "Pending",
               containers: [.init(name: "crw-main-container", state: .waiting, reason: "ErrImagePull", restarts: 0)],
               events: ["Scheduled": 1, "Pulling": 3, "Failed": 9, "BackOff": 3], anchored: true),
  DescribeCase(id: "072", pods: ["default/product-data-scraper-2s4j2"], phase: "Failed",
               containers: [.init(name: "run-forever", state: .terminated, reason: "Error", exitCode: 2, restarts: 0)]),
  DescribeCase(id: "078", pods: ["kube-system/coredns-5dd5756b68-2zrhr"], phase: "Pending",
               containers: [.init(name: "coredns")], events: ["FailedScheduling": 23]),
  DescribeCase(id: "084", pods: ["default/mc1"], phase: "Running",
               containers: [.init(name: "1st", state: .running, restarts: 0), .init(name: "2nd", state: .running, restarts: 0)],
               events: ["Scheduled": 1, "Pulling": 2, "Pulled": 2, "Created": 2, "Started": 2], anchored: true),
]

/// Pod names of the events-only cases, taken from the rows' messages or the prompt.
let describeEventPods: [String: String] = [
  "005": "default/spartakus-collector-3999054429-atph7", "008": "/node-admin", "012": "default/redis-srv-2k3iv",
  "014": "/(unnamed)", "020": "/(unnamed)", "022": "/(unnamed)",
  "031": "/myapp-5798dd798c-t7dqs", "051": "dev/g-pj3pl",
]

@Test("describe corpus case imports with its key facts", arguments: describeCases)
func describeCorpusCase(_ c: DescribeCase) throws {
  let (name, text) = try corpusInput(c.id)
  let r = try importText(text, source: name)
  // The describe snapshots (mixed pastes also hold get-pods rows, tested with the tables).
  let statuses = r.statuses.filter { $0.provenance.format == "describe" }
  #expect(statuses.map { $0.object.description } == c.pods, "pods of \(name)")
  if let first = statuses.first, let snap = first.snapshot {
    #expect(first.provenance.format == "describe")
    if let phase = c.phase { #expect(snap.phase == phase) }
    if let reason = c.podReason { #expect(snap.reason == reason) }
    #expect(snap.containers.map(\.name) == c.containers.map(\.name))
    for (want, got) in zip(c.containers, snap.containers) {
      #expect(got.kind == want.kind, "\(want.name) kind")
      #expect(got.state?.kind == want.state, "\(want.name) state")
      if let reason = want.reason { #expect(got.state?.reason == reason, "\(want.name) reason") }
      if let code = want.exitCode {
        #expect((got.state?.kind == .terminated ? got.state?.exitCode : got.lastState?.exitCode) == code, "\(want.name) exit code")
      }
      #expect(got.restartCount == want.restarts, "\(want.name) restart count")
    }
    #expect(first.clock == (c.anchored ? .absolute : .relative))
  }
  var counts: [String: Int] = [:]
  for e in r.events { counts[e.reason, default: 0] += e.count }
  #expect(counts == c.events, "events of \(name)")
  if let pod = describeEventPods[c.id] {
    #expect(Set(r.facts.map { $0.object.description }) == [pod])
  }
  // Every fact cites lines inside the file.
  let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
  for f in r.facts {
    #expect(f.provenance.firstLine >= 1 && f.provenance.lastLine <= lineCount && f.provenance.firstLine <= f.provenance.lastLine)
    #expect(f.provenance.source == name)
  }
}

@Test func describeAllPasteKeepsOnlyPods() throws {
  let (name, text) = try corpusInput("080")
  let r = try importText(text, source: name)
  let pods = r.statuses.map { $0.object.description }
  #expect(pods.count == 10)
  #expect(pods.contains("kubernetes-dashboard/dashboard-metrics-scraper-8c47d4b5d-tl9k8"))
  #expect(pods.contains("kubernetes-dashboard/kubernetes-dashboard-5676d8b865-n4zwv"))
  #expect(pods.contains("kube-system/etcd-devbox"))
  #expect(pods.first == "kube-flannel/kube-flannel-ds-ztwt8")
  let dashboard = try #require(r.statuses.first { $0.object.name == "kubernetes-dashboard-5676d8b865-n4zwv" }?.snapshot)
  #expect(dashboard.phase == "Pending")
  #expect(dashboard.node == nil)
  #expect(dashboard.conditions == [PodCondition(type: "PodScheduled", status: "False")])
  #expect(dashboard.spec.tolerations?.contains("node-role.kubernetes.io/master:NoSchedule") == true)
  let scheduling = r.facts.filter { $0.object.name == "kubernetes-dashboard-5676d8b865-n4zwv" && $0.event?.reason == "FailedScheduling" }
  #expect(scheduling.count == 1)
  #expect(scheduling.first?.event?.count == 6)
  #expect(scheduling.first?.event?.message.contains("untolerated taint {node-role.kubernetes.io/control-plane: }") == true)
  // Services, DaemonSets, Deployments and ReplicaSets are named in notes, not imported.
  #expect(r.report.notes.filter { $0.contains("which is not a pod") }.count == 12)
  let flannel = try #require(r.statuses.first?.snapshot)
  #expect(flannel.containers(.`init`).map(\.name) == ["install-cni-plugin", "install-cni"])
  #expect(flannel.containers(.`init`).allSatisfy { $0.state?.kind == .terminated && $0.state?.reason == "Completed" })
}

@Test func describeEventObject() throws {
  let (name, text) = try corpusInput("038")
  let r = try importText(text, source: name)
  #expect(r.statuses.isEmpty)
  let fact = try #require(r.facts.first)
  #expect(r.facts.count == 1)
  #expect(fact.object == ObjectRef(namespace: "default", name: "resource-test-bdfcd9f5-g8jq5", uid: "10dafd77-230b-11e9-8472-22d09ddc4668"))
  let e = try #require(fact.event)
  #expect(e.reason == "FailedScheduling")
  #expect(e.count == 12)
  #expect(e.first == Instant.parseRFC3339("2019-01-28T14:43:24Z"))
  #expect(e.last == Instant.parseRFC3339("2019-01-28T14:45:34Z"))
  #expect(e.name == "resource-test-bdfcd9f5-g8jq5.157e0a42f7ead471")
  #expect(e.message.hasPrefix("No nodes are available that match all of the predicates: Insufficient cpu (19)"))
  #expect(fact.clock == .absolute)
  #expect(fact.observed == e.last)
  #expect(r.report.notes.contains { $0.contains("Reason line is missing") })
}

/// Every describe case cut short at every line, and mid-line: the import never traps, and it
/// either gives facts or says no kubectl output was found.
@Test(arguments: describeCases.map(\.id) + ["080"])
func truncatedCorpusCase(_ id: String) throws {
  let (name, text) = try corpusInput(id)
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  for n in 1...min(lines.count, 200) {
    for cut in [lines[n - 1].count, lines[n - 1].count / 2] {
      let head = (lines[0..<(n - 1)] + [lines[n - 1].prefix(cut)]).joined(separator: "\n")
      do {
        let r = try importText(head, source: name)
        #expect(!r.facts.isEmpty || !r.report.notes.isEmpty)
        #expect(r.facts.allSatisfy { $0.provenance.lastLine <= n })
      } catch let error as ImportError {
        if case let .malformed(source, line, _) = error {
          #expect(source == name && line == 1)
        } else {
          Issue.record("unexpected \(error)")
        }
      }
    }
  }
}
