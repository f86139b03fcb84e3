import Foundation
import Testing

/// A pod whose paste named no namespace is "namespace unknown", not `default`; `-n default` still
/// finds it, and it is the same pod as the one pod of a known namespace with its name
/// (schema/namespace-unknown.md). Fixtures: fixtures/cli/namespace-unknown/.
@Suite struct NamespaceUnknownTests {
  static let pod = "springboot-mybatis-deployment-dcd7f8bbf-9wfxl"

  static func importing(_ cli: CLI, _ file: String, observedAt: String? = nil) throws {
    var args = ["import", cli.fixture("cli/namespace-unknown/\(file)")]
    if let observedAt { args += ["--observed-at", observedAt] }
    let r = try cli.run(args)
    #expect(r.status == 0, "\(file): \(r.err)")
  }

  @Test func aPodWithoutANamespaceIsShownSoAndFoundByDefault() throws {
    let cli = try CLI()
    try NamespaceUnknownTests.importing(cli, "get-pods.txt", observedAt: "2020-07-03T07:58:01Z")
    let table = try cli.run(["get", "pods", "-A"]).out
    let rows = table.split(separator: "\n").dropFirst()
    #expect(rows.count == 3, "\(table)")
    for row in rows { #expect(row.hasPrefix("<unknown>   "), "\(table)") }
    let json = try cli.run(["get", "pods", "-A", "-o", "json"]).out
    #expect(json.contains("\"namespace\": null"), "\(json)")
    #expect(!json.contains("\"namespace\": \"default\""))
    // -n default finds it (kubectl's default namespace); another namespace does not.
    let byDefault = try cli.run(["get", "pods", "-n", "default"])
    #expect(byDefault.out.contains("batch-7f9c6-zt2mn"), "\(byDefault.out) \(byDefault.err)")
    #expect(try cli.run(["status", "api-0", "-n", "default"]).status == 0)
    let other = try cli.run(["get", "pods", "-n", "shop"])
    #expect(other.out.isEmpty && other.err.contains("No pods found in shop namespace."))
    #expect(try cli.run(["status", "api-0", "-n", "shop"]).status == 1)
    // The headers say so.
    let status = try cli.run(["status", "batch-7f9c6-zt2mn"]).out
    #expect(status.contains("Namespace:      <unknown> (the paste did not name it)\n"), "\(status)")
    #expect(try cli.run(["why", "batch-7f9c6-zt2mn"]).out.hasPrefix("batch-7f9c6-zt2mn (namespace unknown) — Error"))
    #expect(try cli.run(["timeline", "batch"]).out.hasPrefix("Timeline of batch-7f9c6-zt2mn (namespace unknown)\n"))
    #expect(try cli.run(["why", "batch", "-o", "json"]).out.contains("\"namespace\": null"))
  }

  @Test func anotherPasteThatNamesTheNamespaceMakesItOnePod() throws {
    let cli = try CLI()
    try NamespaceUnknownTests.importing(cli, "get-pods.txt", observedAt: "2020-07-03T07:58:01Z")
    try NamespaceUnknownTests.importing(cli, "describe-shop.txt")
    let table = try cli.run(["get", "pods", "-A"]).out
    let lines = table.split(separator: "\n").filter { $0.contains(NamespaceUnknownTests.pod) }
    #expect(lines.count == 1, "\(table)")
    #expect(lines.first?.hasPrefix("shop ") == true, "\(table)")
    // The pods no paste placed stay unknown.
    #expect(table.contains("<unknown>   api-0 "), "\(table)")
    // One pod: its timeline holds both pastes, its header its namespace.
    let timeline = try cli.run(["timeline", "9wfxl"]).out
    #expect(timeline.hasPrefix("Timeline of shop/\(NamespaceUnknownTests.pod)\n"), "\(timeline)")
    #expect(timeline.contains("get-pods.txt:3") && timeline.contains("describe-shop.txt:"), "\(timeline)")
    #expect(try cli.run(["why", "9wfxl"]).out.hasPrefix("shop/\(NamespaceUnknownTests.pod) — "))
    // Found under its namespace, no longer under default.
    #expect(try cli.run(["status", "9wfxl", "-n", "shop"]).status == 0)
    #expect(try cli.run(["status", "9wfxl", "-n", "default"]).status == 1)
    #expect(!(try cli.run(["get", "pods", "-n", "default"]).out.contains("9wfxl")))
    // The same answer whichever paste came first.
    let other = try CLI()
    try NamespaceUnknownTests.importing(other, "describe-shop.txt")
    try NamespaceUnknownTests.importing(other, "get-pods.txt", observedAt: "2020-07-03T07:58:01Z")
    #expect(try other.run(["get", "pods", "-A"]).out == table)
  }

  @Test func aNameInSeveralNamespacesStaysApart() throws {
    let cli = try CLI()
    try NamespaceUnknownTests.importing(cli, "get-pods.txt", observedAt: "2020-07-03T07:58:01Z")
    try NamespaceUnknownTests.importing(cli, "all-namespaces.txt", observedAt: "2020-07-03T08:10:00Z")
    let table = try cli.run(["get", "pods", "-A"]).out
    let apis = table.split(separator: "\n").filter { $0.contains(" api-0 ") }.map { $0.split(separator: " ").first.map(String.init) ?? "" }
    #expect(apis == ["<unknown>", "shop", "staging"], "\(table)")
    let r = try cli.run(["why", "api-0"])
    #expect(r.status == 2)
    #expect(r.err.contains("\"api-0\" matches 3 pods: api-0 (namespace unknown), shop/api-0, staging/api-0"), "\(r.err)")
    #expect(try cli.run(["status", "api-0", "-n", "staging"]).out.contains("Namespace:      staging\n"))
  }

  /// Stores written before namespace-unknown filed the table's pods under `default`: importing the
  /// same pastes again adds nothing, lists no pod twice, and a second re-import (the digests now
  /// indexed) adds nothing either. pre-namespace-unknown.db is schema version 2 (no
  /// `chunk_digests`: the import builds them), -v3.db version 3 (main's binary at 942abc5, digests
  /// written with the chunks). fixtures/README.md says how each was made.
  @Test(arguments: ["store/pre-namespace-unknown.db", "store/pre-namespace-unknown-v3.db"])
  func reimportingIntoAStoreThatFiledThemUnderDefaultAddsNothing(_ fixture: String) throws {
    let cli = try CLI()
    try FileManager.default.copyItem(atPath: cli.fixture(fixture), toPath: cli.store)
    let before = try cli.run(["get", "pods", "-A"]).out
    #expect(before.split(separator: "\n").filter { $0.hasPrefix("default ") }.count == 3, "\(before)")
    for round in 1...2 {
      let r = try cli.run(["import", cli.fixture("cli/namespace-unknown/get-pods.txt"), cli.fixture("cli/namespace-unknown/describe-shop.txt")])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.out.contains("get-pods.txt: 0 facts added, 3 already known, 3 pods touched"), "round \(round): \(r.out)")
      #expect(r.out.contains("describe-shop.txt: 0 facts added, 7 already known"), "round \(round): \(r.out)")
    }
    #expect(try cli.run(["get", "pods", "-A"]).out == before)
    let timeline = try cli.run(["timeline", "api-0"]).out
    #expect(timeline.components(separatedBy: "STATUS Running, READY 1/1").count == 2, "\(timeline)")
    let verify = try cli.run(["verify"])
    #expect(verify.status == 0 && verify.out.contains("10 facts"), "\(verify.out) \(verify.err)")
  }

  /// Both ways: the table imported without a namespace, then the same table under `-n default`,
  /// is the same facts (and in the other order); under `-n shop` it is new.
  @Test func theSameRowsUnderDefaultAreKnownUnderAnotherNamespaceNew() throws {
    let cli = try CLI()
    let rows = try String(contentsOfFile: cli.fixture("cli/namespace-unknown/get-pods.txt"), encoding: .utf8)
      .components(separatedBy: "\n").dropFirst().joined(separator: "\n")
    let bare = try cli.run(["import", "-"], stdin: Data(("$ kubectl get pods\n" + rows).utf8))
    #expect(bare.out.contains("3 facts added, 0 already known"), "\(bare.out)")
    let named = try cli.run(["import", "-"], stdin: Data(("$ kubectl get pods -n default\n" + rows).utf8))
    #expect(named.out.contains("0 facts added, 3 already known"), "\(named.out)")
    let shop = try cli.run(["import", "-"], stdin: Data(("$ kubectl get pods -n shop\n" + rows).utf8))
    #expect(shop.out.contains("3 facts added, 0 already known"), "\(shop.out)")
    // The other way round: filed under default first, then the paste naming no namespace.
    let reverse = try CLI()
    let first = try reverse.run(["import", "-"], stdin: Data(("$ kubectl get pods -n default\n" + rows).utf8))
    #expect(first.out.contains("3 facts added, 0 already known"), "\(first.out)")
    let second = try reverse.run(["import", "-"], stdin: Data(("$ kubectl get pods\n" + rows).utf8))
    #expect(second.out.contains("0 facts added, 3 already known"), "\(second.out)")
    #expect(try reverse.run(["get", "pods", "-A"]).out.split(separator: "\n").count == 4)
  }

  static func importingCorpus(_ cli: CLI, _ corpusCase: String) throws {
    let dir = CLI.root.appending(path: "fixtures/corpus/\(corpusCase)")
    let inputs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("input") }.sorted()
    let r = try cli.run(["import"] + inputs.map { dir.appending(path: $0).path })
    #expect(r.status == 0, "\(r.err)")
  }

  /// A hint that names where to create a missing object says "the pod's namespace" when the paste
  /// did not name it (corpus 193: `kubectl get events` rows without a namespace), not an empty name.
  @Test func aHintDoesNotNameAnUnknownNamespace() throws {
    let cli = try CLI()
    try NamespaceUnknownTests.importingCorpus(cli, "193-kiali-secret-not-found-unindented-events-2019")
    let why = try cli.run(["why", "-A", "-o", "wide"]).out + (try cli.run(["why", "(unnamed)"]).out)
    #expect(why.contains("Create Secret kiali in the pod's namespace, or mark the reference optional."), "\(why)")
    #expect(!why.contains("in namespace ,") && !why.contains("in namespace  "), "\(why)")
  }

  /// A manifest without a namespace (filed under `default`, as `kubectl apply` would create it) and
  /// its pod in a `get pods` table without `-A` are one pod, observed: `status` shows the row's
  /// state, not "known only from a manifest" (corpus 368).
  @Test func aManifestsPodSeenInATableIsObserved() throws {
    let cli = try CLI()
    try NamespaceUnknownTests.importingCorpus(cli, "368-sleep-30s-pod-restartpolicy-always-crashloop-completed-manifest-getpods-kubelet-syslog-2022")
    for args in [["status", "test-pod-ubuntu"], ["status", "test-pod-ubuntu", "-n", "default"]] {
      let status = try cli.run(args).out
      #expect(status.contains("STATUS:         CrashLoopBackOff\n") && !status.contains("known only from a manifest"), "\(args): \(status)")
    }
    #expect(try cli.run(["why", "test-pod-ubuntu", "-o", "html"]).out.contains("<svg"))
  }
}
