import Foundation
import Testing
@testable import PodHistKit

/// Pods rows as they turn up in real pastes: without a header (every era), under `oc get all`
/// / `kubectl get all` prefixes, typed by hand with filler cells, `-a`, `-o wide` of 1.11+.
@Suite struct PodsTableOddRowsTests {
  func rows(_ text: String) throws -> [(ObjectRef, PodRow?)] {
    try importText(text).statuses.map { ($0.object, $0.snapshot?.row) }
  }

  @Test func headerlessRowsOfEveryEra() throws {
    // 1.2–1.10 (`5m`), -A (namespace first), 1.22+ restarts `174 (12h ago)`, HumanDuration `6m46s`.
    let old = try rows("web-3800858182-hud7j   0/1       ContainerCreating   0          5m")
    #expect(old.first?.1 == PodRow(status: "ContainerCreating", ready: "0/1", restarts: 0, age: .seconds(300)))
    let a = try rows("kube-system           log-sender-4b46h                                        1/1       NodeLost                0          83d")
    #expect(a.first?.0 == ObjectRef(namespace: "kube-system", name: "log-sender-4b46h"))
    #expect(a.first?.1?.status == "NodeLost")
    let new = try rows("uptime-kuma     uptime-kuma-helm-8568db8bfd-7w6xl              1/1     Running     174 (12h ago)   30d")
    #expect(new.first?.1?.restarts == 174)
    #expect(new.first?.1?.lastRestartAge == .seconds(12 * 3600))
    let jobs = try rows("""
    default                idrepo-uin-encrypt-generator-96cpz                          0/1     Completed   0          6m46s
    default                idrepo-uin-hash-generator-629ht                             0/1     Completed   0          6m46s
    """)
    #expect(jobs.map(\.1?.status) == ["Completed", "Completed"])
    #expect(jobs.map(\.0.namespace) == ["default", "default"])
  }

  @Test func getAllPrefixes() throws {
    // `oc get all` of 2016 (`po/`), `kubectl get all` of 1.9+ (`pod/`), `oc get all` (`pods/`).
    let text = """
    # oc get all
    NAME                 REVISION        DESIRED       CURRENT   TRIGGERED BY
    dc/router            1               1             1         config
    NAME                 DESIRED         CURRENT       AGE
    rc/router-1          1               1             25s
    NAME                 READY           STATUS        RESTARTS                  AGE
    po/router-1-deploy   1/1             Running       0                         25s
    po/router-1-mgdlr    0/1             Pending       0                         21s
    """
    let r = try rows(text)
    #expect(r.map(\.0.name) == ["router-1-deploy", "router-1-mgdlr"])
    #expect(r.map(\.1?.status) == ["Running", "Pending"])
    let k = try rows("""
    NAME               READY   STATUS    RESTARTS   AGE
    pod/queue          1/1     Running   2          11d
    pods/webapp-lqkfp  1/1     Running   1          7d13h
    """)
    #expect(k.map(\.0.name) == ["queue", "webapp-lqkfp"])
    #expect(k.map(\.1?.restarts) == [2, 1])
  }

  @Test func handMadeRowWithFillerCells() throws {
    // `NAME --- READY ---- STATUS ---- RESTARTS`, the status in bold.
    let r = try rows("fadi-grafana-8566d6d76d-hvvhn ---   0/1  ----   **Pending**  ----   0")
    #expect(r.first?.0.name == "fadi-grafana-8566d6d76d-hvvhn")
    #expect(r.first?.1 == PodRow(status: "Pending", ready: "0/1", restarts: 0))
    #expect(PodsTableLayout.fillerTokens("web-0 --- 0/1 ---- Running ---- 3 ---- 5m") == ["web-0", "0/1", "Running", "3", "5m"])
    // No filler: not a hand-made row; filler in prose: no READY cell.
    #expect(PodsTableLayout.fillerTokens("web-0 0/1 Running 3") == nil)
    #expect(PodsTableLayout.fillerTokens("see below --- the pod is Pending --- 0") == nil)
  }

  @Test func showAllAndWideWithNominatedNode() throws {
    let a = try rows("""
    $ kubectl get pods -a -n batch
    NAME             READY     STATUS      RESTARTS   AGE
    pi-job-x7k2p     0/1       Completed   0          3m
    pi-job-q9w8e     0/1       Error       0          4m
    """)
    #expect(a.map(\.0.namespace) == ["batch", "batch"])
    #expect(a.map(\.1?.status) == ["Completed", "Error"])
    let wide = try importText("""
    NAME    READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES
    big-0   0/1     Pending   0          2m    <none>   <none>   node-2           <none>
    web-0   1/1     Running   0          9m    10.0.1.4 node-1   <none>           1/1
    """).statuses.compactMap(\.snapshot)
    #expect(wide.map(\.nominatedNode) == ["node-2", nil])
    #expect(wide.map(\.node) == [nil, "node-1"])
  }
}

/// The short-lived `NAME READY REASON RESTARTS AGE` of mid-2015 (kubectl v0.19–v0.21).
@Suite struct PodsTableReasonColumnTests {
  @Test func reasonColumnReadAsStatus() throws {
    let text = """
    $ kubectl get pods
    NAME                   READY     REASON                                   RESTARTS   AGE
    hog-cpu                0/1       ExitCode:127                             0          1h
    web-frontend-k2j4l     0/2       Pending                                  0          1h
    memhog                 0/1       OOM Killed                               0          5m
    private-image-test-7   0/1       Error: image acme/private:v3 not found   0          3d
    kube-dns-v3-hzdfg      3/3       Running                                  2          3d
    """
    let rows = try importText(text).statuses.compactMap { $0.snapshot?.row }
    #expect(rows.map(\.status) == ["ExitCode:127", "Pending", "OOM Killed", "Error: image acme/private:v3 not found", "Running"])
    #expect(rows.map(\.ready) == ["0/1", "0/2", "0/1", "0/1", "3/3"])
    #expect(rows.last?.restarts == 2)
  }
}
