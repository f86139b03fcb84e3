import Foundation
import Testing
@testable import PodHistKit

/// `kubectl get pods` tables of 2014–2015 (`PodsTableLegacy`), laid out as the printers of the
/// time did: cells padded by `tabwriter` to the widest cell plus three spaces.
@Suite struct PodsTableLegacyTests {
  let now = at("2015-06-02T10:00:00Z")

  /// Cells padded like `tabwriter.NewWriter(out, 10, 4, 3, ' ', 0)`: each column as wide as its
  /// widest cell plus 3; the last column unpadded.
  func tabwritten(_ rows: [[String]]) -> String {
    let n = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: n)
    for r in rows { for (k, c) in r.enumerated() { widths[k] = max(widths[k], c.count) } }
    return rows.map { r in
      r.enumerated().map { k, c in k == r.count - 1 ? c : c.padding(toLength: max(widths[k] + 3, 10), withPad: " ", startingAt: 0) }
        .joined()
    }.joined(separator: "\n")
  }

  func statuses(_ text: String) throws -> [Fact] {
    try importText(text, observedAt: now).statuses
  }

  @Test func podRowsWithContainerSubRows() throws {
    // resource_printer.go ≈v0.14–v0.16: the pod row leaves CONTAINER(S)/IMAGE(S) blank; one
    // sub-row per container status.
    let text = "$ kubectl get pods\n" + tabwritten([
      ["POD", "IP", "CONTAINER(S)", "IMAGE(S)", "HOST", "LABELS", "STATUS", "CREATED", "MESSAGE"],
      ["frontend-a1b2c", "10.244.1.5", "", "", "node-1/10.240.0.3", "name=frontend,tier=web", "Running", "2 hours", ""],
      ["", "", "php-redis", "kubernetes/example-guestbook-php-redis:v2", "", "", "Running", "About an hour",
       "last termination: exit code 137, reason: Error"],
      ["redis-slave-x9k2p", "", "", "", "<unassigned>", "name=redis-slave", "Pending", "40 minutes", ""],
      ["", "", "slave", "kubernetes/redis-slave:v2", "", "", "Waiting", "",
       "Image: kubernetes/redis-slave:v2 is not ready on the node"],
      ["migrate-q1w2e", "10.244.2.9", "", "", "node-2/10.240.0.4", "<none>", "Failed", "3 days", ""],
      ["", "", "migrate", "example/migrate:1.0", "", "", "Terminated", "5 minutes", "exit code 1"],
    ])
    let facts = try statuses(text)
    #expect(facts.map(\.object.name) == ["frontend-a1b2c", "redis-slave-x9k2p", "migrate-q1w2e"])
    #expect(facts.allSatisfy { $0.object.isNamespaceUnknown && $0.provenance.format == "pods-table" })
    let front = try #require(facts[0].snapshot)
    #expect(front.phase == "Running")
    #expect(front.node == "node-1" && front.hostIP == "10.240.0.3" && front.podIP == "10.244.1.5")
    #expect(front.spec.labels == ["name": "frontend", "tier": "web"])
    #expect(front.creationTime == now - .seconds(2 * 3600 - 1800))  // `2 hours` is rounded to the hour
    let php = try #require(front.containers.first)
    #expect(php.name == "php-redis" && php.image == "kubernetes/example-guestbook-php-redis:v2")
    #expect(php.state?.kind == .running && php.ready == true)
    #expect(php.lastState == ContainerState(kind: .terminated, reason: "Error", exitCode: 137))
    #expect(php.fieldLines["state"] == 4)
    let slave = try #require(facts[1].snapshot)
    #expect(slave.phase == "Pending" && slave.node == nil)
    #expect(slave.containers.first?.state == ContainerState(kind: .waiting,
                                                            message: "Image: kubernetes/redis-slave:v2 is not ready on the node"))
    let migrate = try #require(facts[2].snapshot)
    #expect(migrate.phase == "Failed" && migrate.spec.labels == nil)
    #expect(migrate.containers.first?.state?.kind == .terminated)
    #expect(migrate.containers.first?.state?.exitCode == 1)
    #expect(migrate.containers.first?.state?.startedAt == now - .seconds(300))
  }

  @Test func waitingReasonWordAndNotReady() throws {
    // v1.0-rc: waiting reasons became words; a running container not yet ready says so.
    let text = tabwritten([
      ["POD", "IP", "CONTAINER(S)", "IMAGE(S)", "HOST", "LABELS", "STATUS", "CREATED", "MESSAGE"],
      ["web-7", "10.1.0.4", "", "", "minion-1/10.0.0.5", "app=web", "Pending", "12 minutes", ""],
      ["", "", "web", "registry.local/web:bad", "", "", "Waiting", "", "PullImageError"],
      ["", "", "sidecar", "busybox", "", "", "Running *not ready*", "11 minutes", ""],
    ])
    let s = try #require(try statuses(text).first?.snapshot)
    #expect(s.containers.map(\.name) == ["web", "sidecar"])
    #expect(s.containers[0].state == ContainerState(kind: .waiting, reason: "PullImageError"))
    #expect(s.containers[1].state?.kind == .running)
    #expect(s.containers[1].ready == false)
  }

  @Test func firstContainerOnThePodRowAndNamespacedNames() throws {
    // ≈v0.5–v0.13: the first container on the pod row, the others below with name and image
    // only; `--all-namespaces` printed `namespace/name`.
    let text = tabwritten([
      ["POD", "IP", "CONTAINER(S)", "IMAGE(S)", "HOST", "LABELS", "STATUS", "CREATED"],
      ["kube-system/elasticsearch-logging-f34l1", "10.244.3.3", "elasticsearch-logging",
       "gcr.io/google_containers/elasticsearch:1.0", "kubernetes-minion-jgom/23.236.48.44",
       "kubernetes.io/cluster-service=true,name=elasticsearch-logging", "Running", "23 hours"],
      ["", "", "kibana", "gcr.io/google_containers/kibana:1.1", "", "", "", ""],
    ])
    let f = try #require(try statuses(text).first)
    #expect(f.object == ObjectRef(namespace: "kube-system", name: "elasticsearch-logging-f34l1"))
    let s = try #require(f.snapshot)
    #expect(s.phase == "Running" && s.node == "kubernetes-minion-jgom")
    #expect(s.containers.map(\.name) == ["elasticsearch-logging", "kibana"])
    #expect(s.containers.allSatisfy { $0.state == nil })
    #expect(s.containers[1].image == "gcr.io/google_containers/kibana:1.1")
  }

  @Test func imagesOnlyTablesOf2014() throws {
    // kubectl v0.4 (`NAME IMAGE(S) HOST LABELS STATUS`) and kubecfg (`Name Image(s) ...`,
    // 2014's `Waiting` status): images only, one per line.
    let kubectl = tabwritten([
      ["NAME", "IMAGE(S)", "HOST", "LABELS", "STATUS"],
      ["redis-master", "dockerfile/redis", "kubernetes-minion-3.c.proj.internal/104.154.40.12", "name=redis-master", "Running"],
      ["", "kubernetes/pause", "", "", ""],
    ])
    let s = try #require(try statuses(kubectl).first?.snapshot)
    #expect(s.phase == "Running" && s.hostIP == "104.154.40.12")
    #expect(s.containers.compactMap(\.image) == ["dockerfile/redis", "kubernetes/pause"])
    let kubecfg = tabwritten([
      ["Name", "Image(s)", "Host", "Labels", "Status"],
      ["php-5mhzq", "brendanburns/php-redis", "<unassigned>", "name=frontend", "Waiting"],
    ])
    let w = try #require(try statuses(kubecfg).first?.snapshot)
    #expect(w.phase == "Pending" && w.node == nil)
  }

  @Test func rowsOutOfLineWithTheHeader() throws {
    // Re-indented by the paste: cells placed by what they look like.
    let text = """
    POD        IP           CONTAINER(S)   IMAGE(S)                           HOST                             LABELS    STATUS    CREATED      MESSAGE
    router-1  172.17.0.7  ip-10-136-62-105/10.136.62.105  <none>  Pending  40 minutes
          deployment  openshift/origin-deployer:v0.5.2  Waiting  API error (404): Cannot start container 472ad7e8b6cb: exec: "/usr/bin/openshift-BORK": no such file or directory
    """
    let s = try #require(try statuses(text).first?.snapshot)
    #expect(s.phase == "Pending" && s.node == "ip-10-136-62-105" && s.podIP == "172.17.0.7")
    #expect(s.containers.first?.name == "deployment")
    #expect(s.containers.first?.state?.kind == .waiting)
    #expect(s.containers.first?.state?.message?.hasPrefix("API error (404): Cannot start container") == true)
  }

  @Test func dockerHumanDurations() {
    #expect(PodsTableLegacy.dockerAge("40 minutes") == .known(value: .seconds(2400), resolution: .seconds(60)))
    #expect(PodsTableLegacy.dockerAge("About a minute") == .known(value: .seconds(60), resolution: .seconds(60)))
    #expect(PodsTableLegacy.dockerAge("About an hour") == .known(value: .seconds(3600), resolution: .seconds(3600)))
    #expect(PodsTableLegacy.dockerAge("23 hours") == .known(value: .seconds(23 * 3600 - 1800), resolution: .seconds(5400)))
    #expect(PodsTableLegacy.dockerAge("1 second") == .known(value: .seconds(1), resolution: .seconds(1)))
    #expect(PodsTableLegacy.dockerAge("Less than a second")?.value == .zero)
    #expect(PodsTableLegacy.dockerAge("3 weeks")?.value == .seconds(21 * 86400))
    #expect(PodsTableLegacy.dockerAge("5m") == nil)
    #expect(PodsTableLegacy.dockerAge("forty minutes") == nil)
  }

  @Test func corpusCasesOfTheOldLayout() throws {
    let osc = try importText(try corpusInput("110").text)
    let router = try #require(osc.statuses.first?.snapshot)
    #expect(osc.statuses.map(\.object.name) == ["router-1"])
    #expect(router.phase == "Pending")
    #expect(router.containers.map(\.name) == ["deployment"])
    #expect(router.containers.first?.state?.kind == .waiting)
    let es = try importText(try corpusInput("178").text)
    #expect(es.statuses.map(\.object.name) == ["elasticsearch-logging-controller-f34l1"])
    #expect(es.statuses.first?.snapshot?.phase == "Running")
  }

  @Test func rowsPastedWithoutTheirHeader() throws {
    // A pod row and its sub-row copied without the header line.
    let text = """
    router-1   172.17.0.7                                                     ip-10-136-62-105/10.136.62.105   <none>    Pending   40 minutes
                            deployment     openshift/origin-deployer:v0.5.2                                              Waiting                API error (404): Cannot start container 472ad7e8b6cb
    """
    let s = try #require(try statuses(text).first?.snapshot)
    #expect(s.phase == "Pending" && s.hostIP == "10.136.62.105")
    #expect(s.containers.map(\.name) == ["deployment"])
    #expect(s.containers.first?.state?.kind == .waiting)
    let single = "elasticsearch-logging-controller-f34l1   10.244.3.3   elasticsearch-logging   gcr.io/google_containers/elasticsearch:1.0   kubernetes-minion-jgom/23.236.48.44   name=elasticsearch-logging   Running   23 hours"
    let e = try #require(try statuses(single).first?.snapshot)
    #expect(e.phase == "Running" && e.containers.map(\.name) == ["elasticsearch-logging"])
    // Modern rows, `-o wide` included, are not this shape.
    #expect(!PodsTableLegacy.isHeaderlessRow("web-0   1/1     Running   0          5m    10.0.1.4   node-1"))
    #expect(!PodsTableLegacy.isHeaderlessRow("the pod on node-1/10.0.0.1 is Running fine"))
  }
}
