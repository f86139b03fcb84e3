import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// The derived per-pod summary (`pod_summaries`, schema/pod-summaries.sql): kept by each import
/// for the pods it touched, rebuilt by `reindex`, checked by `verify`, and read by the
/// whole-store listings with the same bytes as projecting every pod.
@Suite struct PodSummaryTests {
  /// A path for a new store in its own folder.
  static func newPath() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-summary-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appending(path: "podhist.db").path
  }

  /// A copy of the store at `path` without its summaries: what a store made before them holds.
  static func withoutSummaries(_ path: String) throws -> PodHistService {
    let copy = try newPath()
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    // What is committed but not yet checkpointed is in the -wal.
    if FileManager.default.fileExists(atPath: path + "-wal") { try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal") }
    let store = try Store(path: copy, access: .write)
    try store.dropPodSummaries()
    return try PodHistService(store: store)
  }

  /// Everything the whole-store listings print, in every form the summaries serve.
  static func listings(_ s: PodHistService, at instant: Instant? = nil, namespaces: [String?] = [nil, "shop", "kube-system"]) throws -> [String] {
    var out: [String] = []
    for ns in namespaces {
      for (wide, deleted) in [(false, false), (true, false), (false, true), (true, true)] {
        out.append(try s.podRows(namespace: ns, at: instant, wide: wide, showDeleted: deleted).map { $0.joined(separator: "|") }
          .joined(separator: "\n"))
      }
      let rows = try s.clusterLines(namespace: ns, at: instant, slice: nil, keepItems: false).map(\.row)
      out.append(ClusterView.text(rows, wide: false))
      out.append(ClusterView.Summary(rows).text(limit: .max))
      let lines = try s.clusterLines(namespace: ns, at: instant, slice: nil, keepItems: true, sentences: true)
      out.append(ClusterView.text(lines.map(\.row), wide: true))
      out.append(ExplanationJSON.document(items: lines.compactMap(\.item), at: instant ?? lines.map(\.at).max(),
                                          clock: PodHistService.clock(of: lines.map(\.clock))).json(pretty: true))
    }
    return out
  }

  static let events = fixture("deletion/events.jsonl").path
  static let pods = fixture("deletion/pods.json").path

  /// The rows the store keeps, by `namespace/name`.
  static func rows(_ service: PodHistService) throws -> [String: PodSummary] {
    var rows: [String: PodSummary] = [:]
    try service.store.podSummaries(namespace: nil) { rows[$0.namespace + "/" + $0.name] = $0; return true }
    return rows
  }

  /// The `namespace/name` of the pods marked for summarising.
  static func marked(_ store: Store) throws -> Set<String> {
    Set(try store.dirtySummaryPods().pods.map { $0.namespace + "/" + $0.name })
  }

  @Test func eachImportMarksThePodsItTouchedAndAListingSummarisesThem() throws {
    let path = try Self.newPath()
    _ = try PodHistService.importFiles([Self.events], intoStoreAt: path)
    var service = try PodHistService.open(path: path)
    // The first import makes the tables and marks every pod; it summarises none itself.
    #expect(try service.store.hasPodSummaries())
    #expect(try service.store.dirtySummaryPods().all)
    #expect(try Self.rows(service).isEmpty)
    #expect(try service.verify().problems.isEmpty)
    // The first whole-store listing summarises them and writes them back (the store is writable).
    #expect(try Self.listings(service) == (try Self.listings(try Self.withoutSummaries(path))))
    let rows = try Self.rows(service)
    #expect(rows.count == (try service.pods(namespace: nil)).count)
    #expect(rows.values.contains { $0.line != nil } && rows.values.contains { $0.line == nil })
    #expect(try !service.store.dirtySummaryPods().all && Self.marked(service.store).isEmpty)
    #expect(try service.verify().problems.isEmpty)

    // An import that adds a fact about one pod marks that pod only (on a copy of the store).
    let copy = try Self.newPath()
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    if FileManager.default.fileExists(atPath: path + "-wal") { try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal") }
    let pod = try #require(rows.values.filter { $0.line != nil }.min { $0.name < $1.name })
    let raw = try Store(path: copy, access: .write)
    raw.keepsSummaries = true
    try raw.importing { session in
      _ = try session.begin(source: "one pod")
      try session.append(eventFact(pod: pod.name, ns: pod.namespace, reason: "BackOff", message: "Back-off restarting failed container",
                                   first: "2025-03-10T23:59:00Z"))
    }
    #expect(try Self.marked(raw) == [pod.namespace + "/" + pod.name])
    #expect(try !raw.dirtySummaryPods().all)

    // A second import: the final `get pods -A -o json`, a complete listing; the pods it lacks are deleted now.
    _ = try PodHistService.importFiles([Self.pods], intoStoreAt: path)
    service = try PodHistService.open(path: path)
    #expect(try service.store.dirtySummaryPods().all || !Self.marked(service.store).isEmpty)
    #expect(try Self.listings(service) == (try Self.listings(try Self.withoutSummaries(path))))
    let after = try Self.rows(service)
    // Pods the listing does not name (so the import did not touch them) are known gone at its instant now.
    let listed = try String(contentsOfFile: Self.pods, encoding: .utf8)
    let changed = after.filter { $0.value.deletedText != rows[$0.key]?.deletedText && !listed.contains("\"\($0.value.name)\"") }
    #expect(!changed.isEmpty, "the listing proves some untouched pods gone")
    #expect(changed.values.allSatisfy { $0.deleted })
    #expect(try service.verify().problems.isEmpty)
  }

  @Test func aListingThatCannotWriteSummarisesInMemoryWithoutWaiting() throws {
    let path = try Self.newPath()
    _ = try PodHistService.importFiles([Self.events, Self.pods], intoStoreAt: path)
    let expected = try Self.listings(try Self.withoutSummaries(path))
    // Another writer holds the lock: the listing neither waits (busy_timeout would be 5 s) nor fails.
    let blocker = try Store(path: path, access: .write)
    try blocker.db.execute("BEGIN IMMEDIATE")
    let service = try PodHistService.open(path: path)
    // (The store's busy timeout is 5 s: one listing that waited for the lock would take longer.)
    let started = ContinuousClock.now
    _ = try service.podRows(namespace: nil, at: nil, wide: false, showDeleted: false)
    #expect(ContinuousClock.now - started < .seconds(5))
    #expect(try Self.listings(service) == expected)
    #expect(try service.store.dirtySummaryPods().all, "nothing was written")
    #expect(try Self.rows(service).isEmpty)
    // The streamed table is written from the rows made afresh then.
    var streamed: [String] = []
    #expect(try service.streamPodRows(namespace: nil, wide: false, showDeleted: false, begin: { _ in }, row: { streamed.append($0.joined(separator: "|")); return true }))
    #expect(streamed.joined(separator: "\n") == expected[0])
    try blocker.db.execute("ROLLBACK")
    // Once the lock is free, the next listing writes them back.
    #expect(try Self.listings(service) == expected)
    #expect(try !service.store.dirtySummaryPods().all)
    #expect(try Self.rows(service).count == (try service.pods(namespace: nil)).count)
  }

  @Test func manyImportsOfBothClocksAgreeWithTheProjection() throws {
    // Every corpus input its own import: many horizons, relative and absolute clocks, incarnations.
    let path = try Self.newPath()
    let corpus = fixture("corpus")
    for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted().prefix(60) {
      let dir = corpus.appending(path: name)
      let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasPrefix("input") }.sorted()
      _ = try PodHistService.importFiles(files.map { dir.appending(path: $0).path }, intoStoreAt: path, source: name)
    }
    let service = try PodHistService.open(path: path)
    #expect(try service.pods(namespace: nil).count > 50)
    #expect(try service.verify().problems.isEmpty)
    let old = try Self.withoutSummaries(path)
    #expect(try Self.listings(service) == (try Self.listings(old)))
  }

  @Test func reindexRebuildsThemAndVerifyFindsATamperedRow() throws {
    let path = try Self.newPath()
    _ = try PodHistService.importFiles([Self.events, Self.pods], intoStoreAt: path)
    let writer = try PodHistService.openForWriting(path: path)
    let expected = try Self.listings(writer)
    #expect(try Self.rows(writer).count == (try writer.pods(namespace: nil)).count)

    // A row that says something else than the log: verify names the pod and the column, exit 3.
    var kept = try writer.store.podSummaryRows().rows
    let pods = Dictionary(uniqueKeysWithValues: try writer.pods(namespace: nil).map { ($0.id, $0) })
    let listed = try #require(kept.values.filter { $0.line != nil && $0.status != "Running" }.min {
      ((pods[$0.id]?.namespace ?? ""), (pods[$0.id]?.name ?? "")) < ((pods[$1.id]?.namespace ?? ""), (pods[$1.id]?.name ?? ""))
    })
    var tampered = listed
    tampered.status = "Running"
    tampered.line?.status = "Running"
    tampered.line?.code = "RunningHealthy"
    try writer.store.writePodSummaries([tampered])
    let v = try writer.verify()
    #expect(v.exitStatus == 3)
    #expect(v.problems.count == 1)
    #expect(v.problems.first?.contains("summary row differs from its projection (status, why_status, cause)") == true, "\(v.problems)")

    // A missing row and a row for no pod (the id of a ReplicaSet).
    let gone = try #require(kept.values.first { $0.line == nil && !$0.deleted })
    kept[gone.id] = nil
    var stray = gone
    let replicaSet = try #require(try writer.store.objects(kind: "ReplicaSet").first)
    (stray.id, stray.namespace, stray.name) = (replicaSet.id, replicaSet.namespace, replicaSet.name)
    kept[stray.id] = stray
    // (Named as the index names them, as a listing would write them.)
    try writer.store.writePodSummaries(kept.values.map { r in
      var r = r
      if let pod = pods[r.id] { (r.namespace, r.name) = (pod.namespace, pod.name) }
      return r
    }, replacingAll: true)
    let problems = try writer.verify().problems
    #expect(problems.contains { $0.contains("\(pods[gone.id]?.name ?? "?") has no summary row") })
    #expect(problems.contains { $0.contains("summary row for object id \(stray.id), which the index does not list as a pod") })

    _ = try writer.reindex()
    #expect(try !writer.store.dirtySummaryPods().all && Self.marked(writer.store).isEmpty)
    #expect(try writer.verify().problems.isEmpty)
    #expect(try Self.listings(try PodHistService.open(path: path)) == expected)
  }

  @Test func aStoreWithoutThemIsReadByProjectingAndGetsThemOnItsNextImport() throws {
    let path = try Self.newPath()
    // Written by a writer that cannot keep summaries (`keepsSummaries` false): the import drops them.
    let store = try Store(path: path, access: .create)
    try store.importing { session in
      _ = try session.begin(source: Self.events)
      let report = try Importer.run(reader: try Importer.open(Self.events), options: ImportOptions(sourceName: Self.events)) {
        try session.append($0)
      }
      _ = try session.finish(formats: report.formats, notes: report.notes)
    }
    #expect(try !store.hasPodSummaries())
    let old = try PodHistService.open(path: path)
    let projected = try Self.listings(old)
    #expect(projected[0].split(separator: "\n").count > 20)
    #expect(try old.verify().problems.isEmpty)

    // The next import through the service marks every pod, not only those it touched; a listing summarises them.
    _ = try PodHistService.importFiles([fixture("cli/events.json").path], intoStoreAt: path)
    let now = try PodHistService.open(path: path)
    #expect(try now.store.hasPodSummaries())
    #expect(try now.store.dirtySummaryPods().all)
    _ = try Self.listings(now)
    var count = 0
    try now.store.podSummaries(namespace: nil) { _ in count += 1; return true }
    #expect(count == (try now.pods(namespace: nil)).count)
    #expect(try now.verify().problems.isEmpty)

    // And a writer that cannot keep them drops them again rather than leave them stale.
    let raw = try Store(path: path, access: .write)
    try raw.importing { session in
      _ = try session.begin(source: "x")
      try session.append(eventFact(pod: "late", ns: "shop", reason: "Scheduled", message: "assigned", first: "2025-03-11T00:00:00Z"))
    }
    #expect(try !raw.hasPodSummaries())
  }

  @Test func aStaleRowIsProjectedAfresh() throws {
    let path = try Self.newPath()
    _ = try PodHistService.importFiles([Self.events], intoStoreAt: path)
    _ = try Self.listings(try PodHistService.open(path: path))
    // A stream still importing moves its import's horizon after the rows were made.
    let writer = try PodHistService.openForWriting(path: path)
    try writer.store.db.execute("UPDATE import_horizons SET last_observed = last_observed + 7200000000")
    let old = try Self.withoutSummaries(path)
    let service = try PodHistService.open(path: path)
    #expect(try Self.rows(service).values.contains { $0.isStale(horizons: try service.store.importHorizons().mapValues(\.micros)) })
    #expect(try Self.listings(service) == (try Self.listings(old)))
    // verify names the moved horizon (the index's own check), not the stale rows.
    #expect(try service.verify().problems.allSatisfy { $0.contains("horizon") })
  }

  @Test func anInstantListingProjectsOnlyThePodsThatBeganByThen() throws {
    let path = try Self.newPath()
    _ = try PodHistService.importFiles([Self.events], intoStoreAt: path)
    let service = try PodHistService.open(path: path)
    let all = try service.pods(namespace: nil)
    let old = try Self.withoutSummaries(path)
    for t in ["2025-03-10T06:10:00Z", "2025-03-10T09:00:00Z", "2025-03-10T12:00:00Z"] {
      let at = try #require(Instant.parseRFC3339(t))
      let kept = try service.podsMaybeExisting(all, namespace: nil, at: at)
      let left = Set(all.map(\.id)).subtracting(kept.map(\.id))
      // Those left out did not exist then; those kept are all that might have.
      for pod in all where left.contains(pod.id) {
        #expect(!(try service.state(of: pod, at: at)).exists, "\(pod.name) at \(t)")
      }
      if t == "2025-03-10T06:10:00Z" { #expect(kept.count < all.count / 2) }
      #expect(try Self.listings(service, at: at) == (try Self.listings(old, at: at)))
    }
  }

  @Test func podsOfANamespacelessPasteAreSummarisedAsTheProjectionListsThem() throws {
    let path = try Self.newPath()
    let pastes = fixture("cli/namespace-unknown")
    _ = try PodHistService.importFiles([Self.events], intoStoreAt: path)
    _ = try PodHistService.importFiles([pastes.appending(path: "get-pods.txt").path], intoStoreAt: path,
                                       observedAt: Instant.parseRFC3339("2020-07-03T07:58:01Z"))
    let namespaces: [String?] = [nil, "default", "shop"]
    var service = try PodHistService.open(path: path)
    #expect(!service.query.unknownNamespaces.apart.isEmpty)
    #expect(try Self.listings(service, namespaces: namespaces) == (try Self.listings(try Self.withoutSummaries(path), namespaces: namespaces)))
    // Read from the summaries (a streamed table is written only from them), namespace-less pods included.
    var streamed: [String] = []
    #expect(try service.streamPodRows(namespace: nil, wide: false, showDeleted: false, begin: { _ in }) { streamed.append($0[0]); return true })
    #expect(streamed.contains("<unknown>") && streamed.contains("shop"))
    // A paste that names the namespace of one of them joins it to that pod: the listings follow.
    _ = try PodHistService.importFiles([pastes.appending(path: "describe-shop.txt").path], intoStoreAt: path)
    service = try PodHistService.open(path: path)
    #expect(!service.query.unknownNamespaces.target.isEmpty)
    #expect(try Self.listings(service, namespaces: namespaces) == (try Self.listings(try Self.withoutSummaries(path), namespaces: namespaces)))
    #expect(try service.verify().problems.isEmpty)
  }

  @Test func schemaFileMatchesTheEmbeddedTable() throws {
    let file = try String(contentsOf: repositoryRoot.appending(path: "schema/pod-summaries.sql"), encoding: .utf8)
    #expect(file.trimmingCharacters(in: .whitespacesAndNewlines) == StoreSchema.podSummaries.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
