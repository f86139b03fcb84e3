import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// The lean reading of the pod summaries (`Store.summaryListing`): `get pods` written as bytes
/// (`PodHistService.writePodTable`) and `why -A --summary` (`clusterSummary`) print what the
/// listings built from `PodSummary` rows print, byte for byte, or step aside (nil).
@Suite struct SummaryListingTests {
  /// Events of pods whose names and namespaces are not plain ASCII: accents, a sign that is
  /// three bytes, a terminal escape and a bidirectional override (neutralised on output), an
  /// upper-case namespace (SQLite's byte order puts it before the lower-case ones).
  static let odd: String = {
    let pods: [(String, String, String)] = [
      ("shop", "café-7d9f-x2b", "Pulled"), ("shop", "web-\\u001b[31mred-1", "BackOff"), ("Zeta", "api-1", "Started"),
      ("ünï", "db-0", "Killing"), ("shop", "≥wide-name-\\u202eevil-0", "Failed"), ("kube-system", "a", "Scheduled"),
    ]
    return pods.enumerated().map { i, p in
      let reason = p.2
      let type = ["BackOff", "Failed"].contains(reason) ? "Warning" : "Normal"
      let message = reason == "BackOff" ? "Back-off restarting failed container app in pod x" : reason == "Failed" ? "Error: ErrImagePull" : "ok"
      return """
        {"apiVersion":"v1","kind":"Event","count":1,"firstTimestamp":"2025-03-10T12:0\(i):00Z","lastTimestamp":"2025-03-10T12:0\(i):00Z",\
        "involvedObject":{"kind":"Pod","name":"\(p.1)","namespace":"\(p.0)","fieldPath":"spec.containers{app}"},\
        "metadata":{"name":"e\(i)","namespace":"\(p.0)"},"reason":"\(reason)","message":"\(message)","type":"\(type)",\
        "source":{"component":"kubelet","host":"node-1"}}
        """
    }.joined(separator: "\n") + "\n"
  }()

  /// A store of the deletion fixture and the odd pods (after its final listing of pods, which
  /// would prove them gone otherwise), its summaries written by a first listing.
  static func store() throws -> String {
    let path = try PodSummaryTests.newPath()
    let odd = URL(fileURLWithPath: path).deletingLastPathComponent().appending(path: "odd.jsonl")
    try Self.odd.write(to: odd, atomically: true, encoding: .utf8)
    _ = try PodHistService.importFiles([PodSummaryTests.events, PodSummaryTests.pods, odd.path], intoStoreAt: path)
    _ = try PodHistService.open(path: path).podRows(namespace: nil, at: nil, wide: false, showDeleted: false)
    return path
  }

  /// What `get pods` prints from the rows (`podRows`): the table, neutralised, or the names.
  static func expected(_ s: PodHistService, namespace: String?, wide: Bool, showDeleted: Bool, names: Bool, allFlag: Bool) throws -> String {
    let rows = try s.podRows(namespace: namespace, at: nil, wide: wide, showDeleted: showDeleted)
    if names { return TerminalText.neutralised(rows.map { "pod/\($0[1])\n" }.joined()) }
    guard !rows.isEmpty else { return "" }
    let all = allFlag || namespace == nil && Set(rows.map { $0[0] }).count > 1
    return TerminalText.neutralised(PodListRender.table(rows: rows, allNamespaces: all, wide: wide, showDeleted: showDeleted))
  }

  static func written(_ s: PodHistService, namespace: String?, wide: Bool, showDeleted: Bool, names: Bool, allFlag: Bool,
                      stopAfter: Int = .max, readerStays: Bool = true) throws -> (String, Int?) {
    var bytes: [UInt8] = []
    var calls = 0
    let n = try s.writePodTable(namespace: namespace, wide: wide, showDeleted: showDeleted, names: names,
                                allNamespaces: { allFlag || namespace == nil && $0 }, readerStays: { readerStays }) {
      bytes += $0
      calls += 1
      return calls < stopAfter
    }
    return (String(decoding: bytes, as: UTF8.self), n)
  }

  @Test func theBytesAreThoseOfTheRowsInEveryForm() throws {
    let service = try PodHistService.open(path: try Self.store())
    var compared = 0
    for ns in [nil, "shop", "kube-system", "Zeta", "ünï", "absent"] as [String?] {
      for (wide, deleted) in [(false, false), (true, false), (false, true), (true, true)] {
        for names in [false, true] {
          for allFlag in [false, true] {
            let want = try Self.expected(service, namespace: ns, wide: wide, showDeleted: deleted, names: names, allFlag: allFlag)
            let (got, n) = try Self.written(service, namespace: ns, wide: wide, showDeleted: deleted, names: names, allFlag: allFlag)
            #expect(n != nil, "the summaries are read lean")
            #expect(got == want, "-n \(ns ?? "-") wide \(wide) deleted \(deleted) names \(names) -A \(allFlag)")
            compared += 1
          }
        }
      }
    }
    #expect(compared == 96)
    // The odd cells come out neutralised, the upper-case namespace first (SQLite's byte order).
    let (table, _) = try Self.written(service, namespace: nil, wide: false, showDeleted: false, names: false, allFlag: true)
    #expect(table.contains("web-\\x1b[31mred-1"))
    #expect(table.contains("\\u202eevil"))
    #expect(!table.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    #expect(table.contains("café-7d9f-x2b"))
    let namespaces = table.split(separator: "\n").dropFirst().map { $0.split(separator: " ")[0] }
    #expect(namespaces.first == "Zeta")
    #expect(namespaces.last == "ünï")
  }

  @Test func writingStopsWhenTheReaderGoesAway() throws {
    let service = try PodHistService.open(path: try Self.store())
    let (cut, _) = try Self.written(service, namespace: nil, wide: false, showDeleted: true, names: false, allFlag: true, stopAfter: 3)
    // The first 64 lines go out one by one (the header with the first pod): three calls, four lines.
    #expect(cut.split(separator: "\n").count == 4)
    // A listing cut short before its first screen keeps no head: the next one is written whole, line by line first.
    let (all, count) = try Self.written(service, namespace: nil, wide: false, showDeleted: true, names: false, allFlag: true)
    #expect(all.hasPrefix(cut))
    #expect((count ?? 0) > 3)
    // That one kept its head: the next writes it in one go (its 47 lines here), then the rest.
    let (head, _) = try Self.written(service, namespace: nil, wide: false, showDeleted: true, names: false, allFlag: true, stopAfter: 1)
    #expect(head.split(separator: "\n").count == min(64, all.split(separator: "\n").count))
    #expect(all.hasPrefix(head))
  }

  @Test func theSummaryIsThatOfTheListedLines() throws {
    let service = try PodHistService.open(path: try Self.store())
    for ns in [nil, "shop", "kube-system", "absent"] as [String?] {
      let rows = try service.clusterLines(namespace: ns, at: nil, slice: nil, keepItems: false).map(\.row)
      let lean = try #require(try service.clusterSummary(namespace: ns))
      #expect(lean == ClusterView.Summary(rows))
      #expect(lean.text(limit: .max) == ClusterView.Summary(rows).text(limit: .max))
    }
    #expect(try service.clusterSummary(namespace: nil)?.pods ?? 0 > 0)
  }

  @Test func markedRowsAreWrittenBackFirstAndALockedOrBareStoreIsListedOtherwise() throws {
    let path = try Self.store()
    let more = URL(fileURLWithPath: path).deletingLastPathComponent().appending(path: "more.jsonl")
    try Self.odd.replacingOccurrences(of: "api-1", with: "api-2").write(to: more, atomically: true, encoding: .utf8)
    _ = try PodHistService.importFiles([more.path], intoStoreAt: path)
    // Another writer holds the lock: the marked rows cannot be written, the lean reading steps aside.
    let blocker = try Store(path: path, access: .write)
    try blocker.db.execute("BEGIN IMMEDIATE")
    let locked = try PodHistService.open(path: path)
    #expect(try Self.written(locked, namespace: nil, wide: false, showDeleted: false, names: false, allFlag: false).1 == nil)
    #expect(try locked.clusterSummary(namespace: nil) == nil)
    #expect(try !Self.marked(locked).isEmpty)
    try blocker.db.execute("ROLLBACK")
    // Then the listing makes the marked rows, writes them back and reads them lean.
    let fresh = try PodHistService.open(path: path)
    #expect(try !Self.marked(fresh).isEmpty)
    let (got, n) = try Self.written(fresh, namespace: nil, wide: true, showDeleted: true, names: false, allFlag: true)
    #expect(n != nil)
    #expect(try Self.marked(fresh).isEmpty)
    #expect(got.contains("api-2"))
    // What it printed is what the projection of every pod prints.
    let projected = try PodSummaryTests.withoutSummaries(path)
    #expect(got == (try Self.expected(projected, namespace: nil, wide: true, showDeleted: true, names: false, allFlag: true)))
    // A store without summaries (made before them) is listed otherwise.
    let bare = try PodSummaryTests.withoutSummaries(path)
    #expect(try Self.written(bare, namespace: nil, wide: false, showDeleted: false, names: false, allFlag: false).1 == nil)
  }

  static func marked(_ s: PodHistService) throws -> [StoredObject] {
    let d = try s.store.dirtySummaryPods()
    return d.all ? try s.pods(namespace: nil) : d.pods
  }

  @Test func anIndexThatNoLongerMatchesTheRowsIsReportedDamaged() throws {
    let path = try Self.store()
    let writer = try Store(path: path, access: .write)
    try writer.db.execute("UPDATE objects SET name = 'renamed-0' WHERE name = 'api-1' AND kind = 'Pod'")
    let service = try PodHistService.open(path: path)
    #expect(throws: StoreError.self) {
      _ = try Self.written(service, namespace: nil, wide: false, showDeleted: false, names: false, allFlag: false)
    }
    try writer.db.execute("DELETE FROM objects WHERE name = 'café-7d9f-x2b' AND kind = 'Pod'")
    #expect(throws: StoreError.self) { _ = try PodHistService.open(path: path).clusterSummary(namespace: nil) }
  }

  @Test func theFirstScreenOfAListingPrintedBeforeIsWrittenAtOnce() throws {
    let path = try Self.store()
    let service = try PodHistService.open(path: path)
    let (whole, count) = try Self.written(service, namespace: nil, wide: true, showDeleted: false, names: false, allFlag: true)
    let head = try #require(try service.store.listingHead(form: "get pods all wide namespaces true true", token: try service.store.listingHeadToken()))
    #expect(head.pods == count)
    #expect(whole.utf8.starts(with: head.bytes))
    // The same listing: the head first, then the rest, the same bytes in all; a reader that went
    // away after the head gets the head alone.
    #expect(try Self.written(service, namespace: nil, wide: true, showDeleted: false, names: false, allFlag: true) == (whole, count))
    let (cut, n) = try Self.written(service, namespace: nil, wide: true, showDeleted: false, names: false, allFlag: true, readerStays: false)
    #expect(cut.utf8.elementsEqual(head.bytes))
    #expect(n == count)
    // Another form has a head of its own; the one kept is not used for it.
    let (narrow, _) = try Self.written(service, namespace: nil, wide: false, showDeleted: false, names: false, allFlag: true, readerStays: false)
    #expect(narrow == (try Self.expected(service, namespace: nil, wide: false, showDeleted: false, names: false, allFlag: true)))
    // An import changes the store: the head kept before is not printed.
    let more = URL(fileURLWithPath: path).deletingLastPathComponent().appending(path: "more.jsonl")
    try Self.odd.replacingOccurrences(of: "api-1", with: "api-0").write(to: more, atomically: true, encoding: .utf8)
    _ = try PodHistService.importFiles([more.path], intoStoreAt: path)
    let after = try PodHistService.open(path: path)
    let (fresh, _) = try Self.written(after, namespace: nil, wide: true, showDeleted: false, names: false, allFlag: true, readerStays: false)
    #expect(fresh.contains("api-0"))
    #expect(fresh == (try Self.expected(try PodSummaryTests.withoutSummaries(path), namespace: nil, wide: true, showDeleted: false, names: false, allFlag: true)))
  }

  @Test func rowsAnotherProgramMadeAreMadeAfreshByTheNextListing() throws {
    let path = try Self.store()
    let writer = try Store(path: path, access: .write)
    #expect(try !writer.dirtySummaryPods().all, "the first listing made every row here")
    // As if an earlier release had made the rows (it may explain otherwise).
    try writer.db.execute("UPDATE pod_summary_program SET identity = 'podhist of another build'")
    #expect(try writer.dirtySummaryPods().all)
    let service = try PodHistService.open(path: path)
    #expect(try service.clusterSummary(namespace: nil) != nil)
    #expect(try !service.store.dirtySummaryPods().all, "every row made again, by this program")
    let (got, n) = try Self.written(service, namespace: nil, wide: true, showDeleted: true, names: false, allFlag: true)
    #expect(n != nil)
    #expect(got == (try Self.expected(try PodSummaryTests.withoutSummaries(path), namespace: nil, wide: true, showDeleted: true, names: false, allFlag: true)))
    // A store made before the table holds rows of another program too.
    try writer.db.execute("DROP TABLE pod_summary_program")
    #expect(try writer.dirtySummaryPods().all)
  }
}
