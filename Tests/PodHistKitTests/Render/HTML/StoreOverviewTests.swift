import Foundation
import Testing
@testable import PodHistKit

/// `why -A -o html` on a huge store: counts over every pod, the table and the timelines capped,
/// and the page says what it left out.
@Suite struct StoreOverviewTests {
  static func row(_ i: Int) -> StoreOverview.Row {
    let code: CauseCode = i % 3 == 0 ? .unschedulableInsufficientResources : .crashLoopLivenessProbe
    return StoreOverview.Row(object: ObjectRef(namespace: "ns-\(i % 7)", name: "pod-<\(i)>"), status: i % 3 == 0 ? "Pending" : "CrashLoopBackOff",
                             restarts: i % 3 == 0 ? 0...0 : 2...4, cause: Cause(code: code, confidence: .high, summary: "s"),
                             since: Instant(seconds: 1_700_000_000 + Int64(i)), at: Instant(seconds: 1_700_100_000), clock: .absolute)
  }

  @Test func capsAndCounts() {
    let n = StoreOverview.rowCap + 500
    let o = StoreOverview(rows: (0..<n).map(Self.row), pictures: [], at: nil)
    #expect(o.total == n && o.rows.count == StoreOverview.rowCap)
    #expect(o.causeCounts.map(\.code) == [.crashLoopLivenessProbe, .unschedulableInsufficientResources])
    #expect(o.causeCounts.reduce(0) { $0 + $1.count } == n)
    #expect(o.causeCounts.first?.count == (0..<n).filter { $0 % 3 != 0 }.count)
    let html = OverviewPage.html(o)
    #expect(html.contains("500 more pods needing attention are left out of this table"))
    #expect(html.contains("<td class=\"num\">2–4</td>"))
    #expect(html.contains("pod-&lt;7&gt;") && !html.contains("pod-<7>"))
    // No pictures: no links to sections that do not exist.
    #expect(!html.contains("href="))
  }

  @Test func nothingNeedsAttention() {
    let html = OverviewPage.html(StoreOverview(rows: [], pictures: [], at: nil))
    #expect(html.contains("Every pod in scope is Running and Ready or Completed"))
    #expect(!html.contains("<table"))
  }
}
