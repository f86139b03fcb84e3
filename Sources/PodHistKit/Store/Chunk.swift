import CZlib
import Foundation

/// The unit of the log: the facts of one import about one object, encoded and compressed.
///
/// Encoding 1 (see schema/chunk-format.md): the facts as a JSON array (keys as in the Codable
/// model, sorted), compressed with zlib (`compress2`, level 6). The row also holds the
/// uncompressed size and a CRC-32 of the compressed bytes, which `verify` checks.
struct Chunk {
  static let encodingJSONZlib: Int64 = 1

  var data: [UInt8]
  var rawSize: Int
  var crc: UInt32

  /// Encodes and compresses `facts`.
  static func encode(_ facts: [Fact]) throws -> Chunk {
    let raw = [UInt8](try FactCoding.encoder.encode(facts))
    var bound = compressBound(uLong(raw.count))
    var out = [UInt8](repeating: 0, count: Int(bound))
    let rc = compress2(&out, &bound, raw, uLong(raw.count), 6)
    guard rc == Z_OK else { throw StoreError.internalFailure("zlib compress failed (\(rc))") }
    out.removeSubrange(Int(bound)...)
    return Chunk(data: out, rawSize: raw.count, crc: Chunk.checksum(out))
  }

  /// CRC-32 (zlib's) of `bytes`.
  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    UInt32(bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
  }

  /// Decompresses and decodes stored bytes; throws when they are damaged.
  static func decode(_ data: [UInt8], rawSize: Int) throws -> [Fact] {
    var size = uLongf(rawSize)
    var raw = [UInt8](repeating: 0, count: max(rawSize, 1))
    let rc = uncompress(&raw, &size, data, uLong(data.count))
    guard rc == Z_OK, Int(size) == rawSize else { throw StoreError.damaged("chunk does not decompress (zlib \(rc))") }
    return try FactCoding.decoder.decode([Fact].self, from: Data(raw))
  }
}

/// The JSON coders the log and the dedup hash use (sorted keys: the same fact, the same bytes).
enum FactCoding {
  static let encoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
  }()
  static let decoder = JSONDecoder()

  /// A 128-bit content hash of a fact without its provenance: two observations of the same
  /// thing in different files hash the same, so re-imports add nothing.
  static func contentHash(_ fact: Fact) throws -> [UInt8] {
    var f = fact
    f.provenance = Provenance(source: "", firstLine: 0, format: "")
    let bytes = [UInt8](try encoder.encode(f))
    var h1: UInt64 = 0xcbf29ce484222325
    var h2: UInt64 = 0x84222325cbf29ce4
    for b in bytes {
      h1 = (h1 ^ UInt64(b)) &* 0x100000001b3
      h2 = (h2 &+ UInt64(b)) &* 0x9E3779B97F4A7C15
      h2 ^= h2 >> 29
    }
    var out: [UInt8] = []
    for h in [h1, h2] { for i in 0..<8 { out.append(UInt8((h >> (UInt64(i) * 8)) & 0xff)) } }
    return out
  }
}
