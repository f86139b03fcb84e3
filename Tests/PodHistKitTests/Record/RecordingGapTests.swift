import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// Gaps as facts: a hole in a recording is stored like any fact, survives `reindex` and
/// `verify`, and `why` mentions it when it overlaps the pod's trouble.
@Suite struct RecordingGapTests {
  /// A store holding the recording scenario (`fixtures/record`) imported as a file.
  static func scenarioStore() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-gaps-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let stream = dir.appending(path: "stream.jsonl").path
    try FakeAPIServer.emitStream(to: stream)
    let path = dir.appending(path: "podhist.db").path
    _ = try PodHistService.importFiles([stream], intoStoreAt: path)
    return path
  }

  static func add(_ gaps: [RecordingGap], to path: String) throws {
    let stream = StreamingImport(store: try Store(path: path, create: true), source: "record -A")
    for g in gaps {
      try stream.append(Fact(object: RecordingGap.object(namespace: g.namespace), observed: g.to, body: .recordingGap(g),
                             provenance: Provenance(source: "record \(g.resource)", firstLine: 1, format: "record")))
    }
    try stream.commit()
  }

  @Test func whyMentionsAGapThatOverlapsThePodsTroubleAndNoOther() throws {
    let path = try Self.scenarioStore()
    let before = try PodHistService.open(path: path)
    let explained = try before.explainAll(namespace: nil, at: nil) { $0 }
    let e = try #require(explained.first { !($0.causes.first?.evidence.compactMap(\.time).isEmpty ?? true) })
    let trouble = try #require(e.causes.first?.evidence.compactMap(\.time).min())
    let ns = e.object.namespace
    let during = RecordingGap(namespace: nil, resource: "pods", from: trouble + Duration(micros: 1_000_000),
                              to: trouble + Duration(micros: 61_000_000), cause: .recorderDown)
    // The events watch's hole of the same outage ends a moment later: told as one.
    var eventsSide = during
    eventsSide.resource = "events"
    eventsSide.to = during.to + Duration(micros: 500_000)
    let longBefore = RecordingGap(namespace: nil, resource: "pods", from: trouble - Duration(micros: 7_200_000_000),
                                  to: trouble - Duration(micros: 7_100_000_000), cause: .historyGone)
    let otherNamespace = RecordingGap(namespace: ns + "-other", resource: "pods", from: during.from, to: during.to, cause: .watchFailed)
    try Self.add([during, eventsSide, longBefore, otherNamespace], to: path)

    let service = try PodHistService.open(path: path)
    let pod = try service.resolve(e.object.name, namespace: ns)
    let after = try #require(try service.explain(pod, at: nil))
    let recording = after.gaps.filter { if case .recording = $0 { true } else { false } }
    #expect(recording == [.recording(from: during.from, to: eventsSide.to, cause: .recorderDown)], "\(after.gaps)")
    #expect(after.causes == e.causes)
    let sentence = FindingText.sentence(recording[0], clock: .absolute)
    #expect(sentence.hasPrefix("no recorder was running from \(during.from.rfc3339) to \(eventsSide.to.rfc3339)"), "\(sentence)")
    #expect(ExplanationJSON.document([after], at: nil, clock: .absolute).json().contains("no recorder was running"))
    // why -A says it too.
    let listed = try service.explainAll(namespace: nil, at: nil) { $0 }.first { $0.object == e.object }
    #expect(listed?.gaps.contains(recording[0]) == true)
    // A pod whose trouble is over before the gap hears nothing of it.
    let unrelated = explained.filter { x in
      guard let last = x.causes.first?.evidence.compactMap(\.time).max() else { return false }
      return x.at < during.from && last < during.from
    }
    for x in unrelated.prefix(3) {
      let p = try service.resolve(x.object.name, namespace: x.object.namespace)
      #expect(!(try service.explain(p, at: nil)?.gaps.contains { if case .recording = $0 { true } else { false } } ?? false))
    }
  }

  @Test func gapFactsSurviveReindexAndVerify() throws {
    let path = try Self.scenarioStore()
    let g = RecordingGap(namespace: "shop", resource: "events", from: Instant(micros: 1_700_000_000_000_000),
                         to: Instant(micros: 1_700_000_090_000_000), cause: .historyGone)
    let latest = try PodHistService.open(path: path).store.latestInstant()
    try Self.add([g], to: path)
    // The recorder's clock does not move the instant pods are shown at by default.
    #expect(try PodHistService.open(path: path).store.latestInstant() == latest)
    let service = try PodHistService.openForWriting(path: path)
    #expect(try service.verify().exitStatus == 0)
    _ = try service.reindex()
    #expect(try service.verify().exitStatus == 0)
    #expect(try service.verify().recordingGaps == 1)
    #expect(try service.store.latestInstant() == latest)
    let stored = try service.store.objects(kind: RecordingGap.objectKind, namespace: nil).flatMap { try service.store.facts(of: $0) }
    #expect(stored.compactMap(\.recordingGap) == [g])
    // Adding it again adds nothing.
    try Self.add([g], to: path)
    #expect(try service.store.objects(kind: RecordingGap.objectKind, namespace: nil).flatMap { try service.store.facts(of: $0) }.count == 1)
  }
}
