import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// A ≤1.6 kubelet's liveness kill (`Killing container with docker id …: pod "web-1_shop(…)"
/// container "web" is unhealthy, it will be killed and re-created.`, fixtures/describe/
/// old-1.5-events-table.txt) is a liveness kill for the projection and the rules alike: each
/// restart is by liveness (the projection read it as a stop, "by deletion", of a pod never
/// deleted) and the crash-loop cause cites the kills at high confidence (it was medium without them).
@Suite struct OldLivenessKillTests {
  @Test func theUnhealthyKillIsALivenessKill() throws {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-oldkill-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appending(path: "podhist.db").path
    _ = try PodHistService.importFiles([fixture("describe/old-1.5-events-table.txt").path], intoStoreAt: path, source: "old.txt")
    let service = try PodHistService.open(path: path)
    let pod = try service.resolve("web-1", namespace: "shop")
    let terminations = try service.restarts(of: pod).terminations
    #expect(terminations.count == 2)
    #expect(terminations.allSatisfy { $0.killedBy == .liveness })
    let cause = try #require(try service.explain(pod, at: nil)?.causes.first)
    #expect(cause.code == .crashLoopLivenessProbe && cause.confidence == .high)
    #expect(cause.evidence.contains { $0.line == 41 })
  }
}
