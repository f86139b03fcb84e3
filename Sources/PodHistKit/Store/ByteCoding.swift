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
    let u = Array(s.utf8)
    varint(u.count)
    bytes.append(contentsOf: u)
  }
}

/// Reads what `ByteWriter` wrote; every read checks bounds and throws on damage.
struct ByteReaderCursor {
  let bytes: [UInt8]
  var at = 0
  /// Where this cursor's bytes end (a column of a chunk ends before the array does).
  let end: Int

  init(_ bytes: [UInt8]) { self.bytes = bytes; end = bytes.count }
  init(_ bytes: [UInt8], range: Range<Int>) { self.bytes = bytes; at = range.lowerBound; end = range.upperBound }

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
    guard n >= 0, at + n <= end else { throw StoreError.damaged("chunk ends early") }
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

/// A fact's identity for deduplication: two independent 64-bit hashes of its canonical bytes
/// (everything but provenance). Never stored: an import computes it for the facts it reads and
/// for the stored facts of the objects it touches. Two different facts of one object share a
/// fingerprint with probability about n²/2^129 for n facts, far below any disk's error rate.
struct Fingerprint: Hashable, Sendable {
  var a: UInt64
  var b: UInt64

  init(_ bytes: [UInt8]) {
    var fnv = FNV1a64()
    fnv.add(bytes)
    a = fnv.value
    // A multiply-rotate hash over 8-byte words, seeded with the length.
    var h: UInt64 = 0x9e3779b97f4a7c15 ^ UInt64(bytes.count)
    bytes.withUnsafeBytes { raw in
      var i = 0
      let n = raw.count
      while i + 8 <= n {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        h = (h ^ (w &* 0xff51afd7ed558ccd)) &* 0xc4ceb9fe1a85ec53
        h = (h << 31) | (h >> 33)
        i += 8
      }
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while i < n { tail |= UInt64(raw[i]) << shift; shift += 8; i += 1 }
      h = (h ^ (tail &* 0xff51afd7ed558ccd)) &* 0xc4ceb9fe1a85ec53
    }
    h ^= h >> 33
    h = h &* 0xff51afd7ed558ccd
    h ^= h >> 33
    b = h
  }
}
