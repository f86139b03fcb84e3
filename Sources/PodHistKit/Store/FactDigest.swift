import Foundation

/// The stored identity of a fact: the first 64 bits of its fingerprint (`FactCodec.fingerprint`).
/// The index keeps the digests of every object's facts, per chunk (`chunk_digests`), so that an
/// import learns what the store already holds about an object without decoding a chunk
/// (schema/deduplication.md).
enum FactDigest {
  /// The digest of one fact.
  static func of(_ fact: Fact) throws -> UInt64 { try FactCodec.fingerprint(fact).a }

  /// The digests of facts, in their order.
  static func of(_ facts: [Fact]) throws -> [UInt64] { try facts.map(of) }

  /// Digests as a `chunk_digests.digest` blob: 8 bytes each, little-endian.
  static func blob(_ digests: [UInt64]) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(digests.count * 8)
    for d in digests { withUnsafeBytes(of: d.littleEndian) { out.append(contentsOf: $0) } }
    return out
  }

  /// The digests a blob holds; nil when its length is not a multiple of 8 (damaged).
  static func values(_ blob: [UInt8]) -> [UInt64]? {
    guard blob.count % 8 == 0 else { return nil }
    var out = [UInt64]()
    out.reserveCapacity(blob.count / 8)
    blob.withUnsafeBytes { raw in
      for i in stride(from: 0, to: raw.count, by: 8) {
        out.append(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
      }
    }
    return out
  }
}
