import Foundation
import Testing

/// The root of the podhist checkout, found from this file's path
/// (`Tests/TestSupport/Repository.swift`): every test finds fixtures, schemas and the binary from it.
public let repositoryRoot: URL = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// Whether this run re-records golden files: `RECORD_GOLDEN` set to anything but empty or `0`.
public var recordingGolden: Bool {
  let v = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] ?? ""
  return !v.isEmpty && v != "0"
}

/// Compares `actual` with the golden file at `path` (relative to the repository root). When
/// re-recording it rewrites the file and records an issue, so the run that recorded never passes
/// and a changed golden is always looked at before it is committed.
public func expectGolden(_ actual: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let file = repositoryRoot.appending(path: path)
  if recordingGolden {
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try actual.write(to: file, atomically: true, encoding: .utf8)
    Issue.record("recorded \(path): RECORD_GOLDEN runs fail; look at the diff, then run the tests without it", sourceLocation: sourceLocation)
  } else {
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(actual == expected, "differs from \(path)", sourceLocation: sourceLocation)
  }
}

/// The folders of `fixtures/corpus` that hold an `expected.json`, sorted; empty when the folder is
/// missing (`corpusIsThere` then fails: a missing corpus never passes as zero cases).
public func corpusCases() -> [String] {
  let dir = repositoryRoot.appending(path: "fixtures/corpus")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
  return names.filter { FileManager.default.fileExists(atPath: dir.appending(path: "\($0)/expected.json").path) }.sorted()
}

/// Records an issue unless `fixtures/corpus` holds at least `minimum` cases.
public func expectCorpusIsThere(minimum: Int = 30, sourceLocation: SourceLocation = #_sourceLocation) {
  let n = corpusCases().count
  #expect(n >= minimum, "fixtures/corpus under \(repositoryRoot.path) holds \(n) cases with expected.json; at least \(minimum) expected",
          sourceLocation: sourceLocation)
}
