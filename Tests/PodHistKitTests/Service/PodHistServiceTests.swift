import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// The rules the service owns for every front end: where the store is, what a failed first import
/// leaves, which instant a query describes, what a TIME flag may be, and what `verify` means.
@Suite struct PodHistServiceTests {
  /// A path in a fresh folder where no store exists yet.
  func freshPath() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-service-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appending(path: "podhist.db").path
  }

  @Test func storePathFollowsTheContract() throws {
    let dir = try freshPath().replacingOccurrences(of: "/podhist.db", with: "")
    let nested = dir + "/a/b"
    try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
    #expect(PodHistService.storePath(explicit: "/x.db", environment: ["PODHIST_STORE": "/y.db"], currentDirectory: nested) == "/x.db")
    #expect(PodHistService.storePath(explicit: nil, environment: ["PODHIST_STORE": "/y.db"], currentDirectory: nested) == "/y.db")
    #expect(PodHistService.storePath(explicit: nil, environment: [:], currentDirectory: nested) == nested + "/podhist.db")
    FileManager.default.createFile(atPath: dir + "/a/podhist.db", contents: Data())
    #expect(PodHistService.storePath(explicit: nil, environment: [:], currentDirectory: nested) == dir + "/a/podhist.db")
  }

  @Test func aFailedFirstImportLeavesNoStore() throws {
    let path = try freshPath()
    let bad = fixture("cli/not-a-dump.txt").path
    #expect(throws: ImportError.self) {
      try PodHistService.importFiles([fixture("cli/events.json").path, bad], intoStoreAt: path)
    }
    for suffix in ["", "-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: path + suffix), "\(suffix)") }
    #expect(throws: QueryError.self) { try PodHistService.open(path: path) }
  }

  @Test func importThenAskEveryView() throws {
    let path = try freshPath()
    var warnings: [ImportWarning] = []
    let files = try PodHistService.importFiles([fixture("corpus/000-seed-springboot-liveness-probe-port/input.txt").path],
                                               intoStoreAt: path, source: "seed.txt") { warnings.append($0) }
    #expect(files.map(\.source) == ["seed.txt"])
    #expect(files[0].added > 0 && files[0].known == 0)
    let service = try PodHistService.open(path: path)
    let pod = try service.resolve("springboot-mybatis-deployment-dcd7f8bbf-9w", namespace: nil)
    // Else a unique suffix (docs/cli.md): the random tail people quote.
    #expect(try service.resolve("9wfxl", namespace: nil).name == pod.name)
    #expect(throws: QueryError.self) { try service.resolve("no-such-tail", namespace: nil) }
    let state = try service.state(of: pod, at: nil)
    #expect(state.status == "Running")
    #expect(try service.listPods(namespace: nil, at: nil) { $0.object.name }.contains(pod.name))
    #expect(try service.explain(pod, at: nil)?.causes.first?.code == .crashLoopLivenessProbe)
    #expect(try service.explainAll(namespace: nil, at: nil) { $0.object.name }.contains(pod.name))
    #expect(!(try service.timeline(of: pod, since: nil, until: nil)).isEmpty)
    #expect((try service.restarts(of: pod)).terminations.count >= 3)
    #expect(try service.verify().exitStatus == 0)
    // Re-importing adds nothing.
    let again = try PodHistService.importFiles([fixture("corpus/000-seed-springboot-liveness-probe-port/input.txt").path],
                                               intoStoreAt: path, source: "seed.txt")
    #expect(again[0].added == 0)
  }

  @Test func timeFlagsAreNamedInTheirErrors() throws {
    let path = try freshPath()
    _ = try PodHistService.importFiles([fixture("cli/events.json").path], intoStoreAt: path)
    let service = try PodHistService.open(path: path)
    #expect(try service.instant(nil, flag: "--at") == nil)
    #expect(try service.instant("-5m", flag: "--at") != nil)
    for (value, flag) in [("-99999999999999d", "--until"), ("999999-01-01T00:00:00Z", "--since"), ("yesterday", "--at")] {
      do {
        _ = try service.instant(value, flag: flag)
        Issue.record("\(flag)=\(value) accepted")
      } catch let e as QueryError {
        #expect(e.exitStatus == 2)
        #expect(e.description.hasPrefix("\(flag): "), "\(e)")
      }
    }
  }
}
