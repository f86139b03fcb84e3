// libFuzzer target for podhist's input families, built by tools/fuzz/run.sh (not part of the
// package: it links the PodHistKit objects built with -sanitize=fuzzer). The family is chosen by
// PODHIST_FUZZ_TARGET: describe, events-table, pods-table, events-json, yaml, gzip. Any input may
// be refused (ImportError, exit 2 in the CLI); a trap, a crash or a hang is a finding.
import Foundation
import PodHistKit

/// The bytes of one fuzz input, read as a file would be.
final class DataReader: ByteReader {
  var bytes: [UInt8]
  var at = 0
  init(_ bytes: [UInt8]) { self.bytes = bytes }
  func read(maxCount: Int) throws -> [UInt8] {
    let n = min(maxCount, bytes.count - at)
    defer { at += n }
    return Array(bytes[at..<(at + n)])
  }
}

let family = ProcessInfo.processInfo.environment["PODHIST_FUZZ_TARGET"] ?? "describe"

/// Imports `bytes` as `family` and projects and explains every pod it touched.
func runOne(_ bytes: [UInt8]) {
  let format: InputFormat = switch family {
  case "describe": .describe
  case "events-table": .eventsTable
  case "pods-table": .podsTable
  case "events-json": .eventsJSON
  case "yaml": .auto
  default: .auto
  }
  var reader: any ByteReader = DataReader(bytes)
  if family == "gzip" {
    guard let gz = try? GzipByteReader(reader, name: "fuzz") else { return }
    reader = gz
  }
  var facts: [Fact] = []
  _ = try? Importer.run(reader: reader, options: ImportOptions(format: format, observedAt: nil, sourceName: "fuzz")) { facts.append($0) }
  for pod in Set(facts.map(\.object)) {
    let own = facts.filter { $0.object == pod }
    let state = project(own, at: own.map(\.observed).max() ?? Instant(micros: 0))
    _ = renderExplanationText(Explainer.explain(state, facts: own), color: false)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  runOne(Array(UnsafeBufferPointer(start: data, count: size)))
  return 0
}
