import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// Returns a byte array in pieces of at most `piece` bytes, to exercise refills.
struct PiecewiseByteReader: ByteReader {
  var bytes: [UInt8]
  var offset = 0
  let piece: Int
  init(_ bytes: [UInt8], piece: Int = 1 << 16) { self.bytes = bytes; self.piece = piece }
  mutating func read(maxCount: Int) throws -> [UInt8] {
    let n = min(maxCount, piece, bytes.count - offset)
    guard n > 0 else { return [] }
    defer { offset += n }
    return Array(bytes[offset..<(offset + n)])
  }
}

func structuredFixture(_ path: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: repositoryRoot.appending(path: "fixtures/\(path)")))
}

/// Imports bytes through the front door (sniffing included) and collects the facts.
func importBytes(_ bytes: [UInt8], name: String, format: InputFormat = .auto, observedAt: Instant? = nil,
                 piece: Int = 1 << 16) throws -> (facts: [Fact], report: ImportReport) {
  var facts: [Fact] = []
  let options = ImportOptions(format: format, observedAt: observedAt, sourceName: name)
  let report = try Importer.run(reader: PiecewiseByteReader(bytes, piece: piece), options: options) { facts.append($0) }
  return (facts, report)
}

func importFixture(_ path: String, format: InputFormat = .auto, observedAt: Instant? = nil,
                   piece: Int = 1 << 16) throws -> (facts: [Fact], report: ImportReport) {
  let name = URL(filePath: path).lastPathComponent
  return try importBytes(try structuredFixture(path), name: name, format: format, observedAt: observedAt, piece: piece)
}

/// The error an import throws, as text; nil when it succeeds.
func importFailure(_ bytes: [UInt8], name: String, format: InputFormat = .auto) -> String? {
  do {
    _ = try importBytes(bytes, name: name, format: format)
    return nil
  } catch {
    return String(describing: error)
  }
}

func instant(_ s: String) -> Instant? { Instant.parseRFC3339(s) }
