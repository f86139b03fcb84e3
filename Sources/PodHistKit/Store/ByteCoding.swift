import Foundation

/// Appends the primitives of the chunk encoding: LEB128 varints, zigzag integers, bytes.
struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func byte(_ b: UInt8) { bytes.append(b) }
  mutating func varint(_ v: UInt64) {
    var v = v
    while v >= 0x80 { bytes.append(UInt8(v & 0x7f) | 0x80); v >>= 7 }
    bytes.append(UInt8(v))
  }
  mutating func varint(_ v: Int) { varint(UInt64(max(v, 0))) }
  mutating func zigzag(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }
  mutating func raw(_ b: some Sequence<UInt8>) { bytes.append(contentsOf: b) }
  mutating func string(_ s: String) {
    let u = s.utf8
    varint(u.count)
    bytes.append(contentsOf: u)
  }
}

/// Reads what `ByteWriter` wrote; every read checks bounds and throws on damage.
struct ByteReaderCursor {
  let bytes: [UInt8]
  var at = 0
  var end: Int { bytes.count }

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func byte() throws -> UInt8 {
    guard at < end else { throw StoreError.damaged("chunk ends early") }
    defer { at += 1 }
    return bytes[at]
  }
  mutating func varint() throws -> UInt64 {
    var v: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let b = try byte()
      v |= UInt64(b & 0x7f) << shift
      if b < 0x80 { return v }
      shift += 7
      guard shift < 64 else { throw StoreError.damaged("bad varint in chunk") }
    }
  }
  mutating func int() throws -> Int { Int(truncatingIfNeeded: try varint()) }
  mutating func zigzag() throws -> Int64 {
    let u = try varint()
    return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
  }
  mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
    // `n <= end - at`, not `at + n <= end`: a damaged length near `Int.max` must not overflow.
    guard n >= 0, n <= end - at else { throw StoreError.damaged("chunk ends early") }
    defer { at += n }
    return bytes[at..<(at + n)]
  }
  mutating func string() throws -> String {
    let n = try int()
    return String(decoding: try take(n), as: UTF8.self)
  }
}

/// 64-bit FNV-1a.
struct FNV1a64 {
  var value: UInt64 = 0xcbf29ce484222325
  mutating func add(_ bytes: [UInt8]) {
    for b in bytes { value = (value ^ UInt64(b)) &* 0x100000001b3 }
  }
}

/// A fact's identity for deduplication: the 128-bit MurmurHash3 (x64, seed 0) of its canonical
/// bytes (everything but provenance). An import computes it for the facts it reads; the index
/// keeps the first 64 bits of each stored fact's (`FactDigest`, `chunk_digests`). Two different
/// facts share a fingerprint with probability about n²/2^129 for n facts.
struct Fingerprint: Hashable, Sendable {
  var a: UInt64
  var b: UInt64

  init(_ bytes: [UInt8]) {
    let c1: UInt64 = 0x87c37b91114253d5, c2: UInt64 = 0x4cf5ad432745937f
    var h1: UInt64 = 0, h2: UInt64 = 0
    func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
    func fmix(_ k: UInt64) -> UInt64 {
      var k = k
      k ^= k >> 33; k = k &* 0xff51afd7ed558ccd
      k ^= k >> 33; k = k &* 0xc4ceb9fe1a85ec53
      k ^= k >> 33
      return k
    }
    let n = bytes.count
    bytes.withUnsafeBytes { raw in
      var i = 0
      while i + 16 <= n {
        var k1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        var k2 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
        k1 = k1 &* c1; k1 = rotl(k1, 31); k1 = k1 &* c2; h1 ^= k1
        h1 = rotl(h1, 27); h1 = h1 &+ h2; h1 = h1 &* 5 &+ 0x52dce729
        k2 = k2 &* c2; k2 = rotl(k2, 33); k2 = k2 &* c1; h2 ^= k2
        h2 = rotl(h2, 31); h2 = h2 &+ h1; h2 = h2 &* 5 &+ 0x38495ab5
        i += 16
      }
      var k1: UInt64 = 0, k2: UInt64 = 0
      let tail = n - i
      if tail > 8 {
        for j in stride(from: tail - 1, through: 8, by: -1) { k2 ^= UInt64(raw[i + j]) << UInt64((j - 8) * 8) }
        k2 = k2 &* c2; k2 = rotl(k2, 33); k2 = k2 &* c1; h2 ^= k2
      }
      if tail > 0 {
        for j in stride(from: min(tail, 8) - 1, through: 0, by: -1) { k1 ^= UInt64(raw[i + j]) << UInt64(j * 8) }
        k1 = k1 &* c1; k1 = rotl(k1, 31); k1 = k1 &* c2; h1 ^= k1
      }
    }
    h1 ^= UInt64(n); h2 ^= UInt64(n)
    h1 = h1 &+ h2; h2 = h2 &+ h1
    h1 = fmix(h1); h2 = fmix(h2)
    h1 = h1 &+ h2; h2 = h2 &+ h1
    a = h1
    b = h2
  }
}
