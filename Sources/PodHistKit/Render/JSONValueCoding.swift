import Foundation

/// A compact binary form of a `JSONValue` (key order kept), for documents the store keeps
/// (`pod_summaries.item`): a tag byte per value, LEB128 lengths and zigzag integers.
public enum JSONValueCoding {
  /// The bytes of `value`.
  public static func encode(_ value: JSONValue) -> [UInt8] {
    var out: [UInt8] = []
    write(value, into: &out)
    return out
  }

  /// The value `encode` made of `bytes`; nil when they are not such bytes.
  public static func decode(_ bytes: [UInt8]) -> JSONValue? {
    var i = 0
    guard let v = read(bytes, &i), i == bytes.count else { return nil }
    return v
  }

  private static func varint(_ x: UInt64, into out: inout [UInt8]) {
    var x = x
    while x >= 0x80 { out.append(UInt8(x & 0x7f) | 0x80); x >>= 7 }
    out.append(UInt8(x))
  }

  private static func string(_ s: String, into out: inout [UInt8]) {
    let u = Array(s.utf8)
    varint(UInt64(u.count), into: &out)
    out += u
  }

  private static func write(_ v: JSONValue, into out: inout [UInt8]) {
    switch v {
    case .null: out.append(0)
    case let .bool(b): out.append(b ? 2 : 1)
    case let .int(n):
      out.append(3)
      let z = Int64(n)
      varint(UInt64(bitPattern: (z << 1) ^ (z >> 63)), into: &out)
    case let .string(s): out.append(4); string(s, into: &out)
    case let .array(items):
      out.append(5); varint(UInt64(items.count), into: &out)
      for x in items { write(x, into: &out) }
    case let .object(pairs):
      out.append(6); varint(UInt64(pairs.count), into: &out)
      for (k, x) in pairs { string(k, into: &out); write(x, into: &out) }
    }
  }

  private static func readVarint(_ b: [UInt8], _ i: inout Int) -> UInt64? {
    var x: UInt64 = 0
    var shift: UInt64 = 0
    while i < b.count, shift < 64 {
      let byte = b[i]; i += 1
      x |= UInt64(byte & 0x7f) << shift
      if byte < 0x80 { return x }
      shift += 7
    }
    return nil
  }

  private static func readString(_ b: [UInt8], _ i: inout Int) -> String? {
    guard let n = readVarint(b, &i), n <= UInt64(b.count - i) else { return nil }
    let end = i + Int(n)
    defer { i = end }
    return String(decoding: b[i..<end], as: UTF8.self)
  }

  private static func read(_ b: [UInt8], _ i: inout Int) -> JSONValue? {
    guard i < b.count else { return nil }
    let tag = b[i]; i += 1
    switch tag {
    case 0: return .null
    case 1: return .bool(false)
    case 2: return .bool(true)
    case 3:
      guard let z = readVarint(b, &i) else { return nil }
      let n = Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1)
      return .int(Int(n))
    case 4: return readString(b, &i).map(JSONValue.string)
    case 5:
      guard let n = readVarint(b, &i), n <= UInt64(b.count - i) else { return nil }
      var items: [JSONValue] = []
      for _ in 0..<n { guard let x = read(b, &i) else { return nil }; items.append(x) }
      return .array(items)
    case 6:
      guard let n = readVarint(b, &i), n <= UInt64(b.count - i) else { return nil }
      var pairs: [(String, JSONValue)] = []
      for _ in 0..<n {
        guard let k = readString(b, &i), let x = read(b, &i) else { return nil }
        pairs.append((k, x))
      }
      return .object(pairs)
    default: return nil
    }
  }
}
