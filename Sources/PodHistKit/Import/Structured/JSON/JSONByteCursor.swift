import Foundation

/// The JSON bytes the scanner looks for.
enum JSONByte {
  /// The byte a one-character JSON escape stands for (`\n` is 0x0A, `\/` is `/`); nil for `u`
  /// and for anything that is not an escape.
  static func unescaped(_ e: UInt8) -> UInt8? {
    switch e {
    case UInt8(ascii: "n"): 0x0A
    case UInt8(ascii: "t"): 0x09
    case UInt8(ascii: "r"): 0x0D
    case UInt8(ascii: "b"): 0x08
    case UInt8(ascii: "f"): 0x0C
    case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""): e
    default: nil
    }
  }

  static let quote = UInt8(ascii: "\"")
  static let backslash = UInt8(ascii: "\\")
  static let open = UInt8(ascii: "{")
  static let close = UInt8(ascii: "}")
  static let comma = UInt8(ascii: ",")
  static let colon = UInt8(ascii: ":")
}

/// A position in a buffer of JSON bytes, with the line breaks it has passed, for
/// `EventJSONScanner`. Each reader checks what it passes and throws `Stop.needMore` when the
/// bytes end first, `Stop.unsure` on anything the tree path might read differently (or reject).
struct JSONByteCursor {
  typealias Stop = EventJSONScanner.Stop
  let p: UnsafePointer<UInt8>
  let n: Int
  var i: Int
  var newlines = 0

  /// The next non-blank byte, not consumed.
  @inline(__always)
  mutating func peek() throws -> UInt8 {
    while i < n {
      let b = p[i]
      if b > 0x20 { return b }
      switch b {
      case 0x20:
        i += 1
        // Indentation: eight spaces at a time.
        while i + 8 <= n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 { i += 8 }
      case 0x09, 0x0D: i += 1
      case 0x0A: i += 1; newlines += 1
      default: throw Stop.unsure
      }
    }
    throw Stop.needMore
  }

  /// Consumes `,` (false: more follow) or `close` (true: the end).
  @inline(__always)
  mutating func separator(close: UInt8) throws -> Bool {
    let b = try peek()
    i += 1
    if b == JSONByte.comma { return false }
    if b == close { return true }
    throw Stop.unsure
  }

  @inline(__always)
  mutating func colon() throws {
    guard try peek() == JSONByte.colon else { throw Stop.unsure }
    i += 1
  }

  /// A member name: plain ASCII without escapes (others are left to the tree path).
  @inline(__always)
  mutating func key() throws -> (Int, Int) {
    guard try peek() == JSONByte.quote else { throw Stop.unsure }
    let s = try string()
    guard !s.escaped, !s.high else { throw Stop.unsure }
    return (s.start, s.end)
  }

  @inline(__always)
  func matches(_ start: Int, _ end: Int, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    return end - start == n && memcmp(p + start, word.utf8Start, n) == 0
  }

  /// A string at its opening quote; its escapes are checked, not decoded.
  mutating func string() throws -> EventJSONScanner.Str {
    i += 1
    let start = i
    var acc: UInt64 = 0
    var escaped = false
    let ones: UInt64 = 0x0101_0101_0101_0101
    while i < n {
      if i + 8 <= n {
        // Eight bytes at once while none is a quote, a backslash or a control byte (the
        // classic "has a byte less than / equal to" bit tricks; exact when the answer is no).
        let v = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
        let xq = v ^ (ones &* 0x22), xb = v ^ (ones &* 0x5C)
        let hits = (((v &- ones &* 0x20) & ~v) | ((xq &- ones) & ~xq) | ((xb &- ones) & ~xb)) & (ones &* 0x80)
        if hits == 0 {
          acc |= v
          i += 8
          continue
        }
        // The lowest flagged byte is a real one (false flags only sit above a real one):
        // take the plain bytes before it and look at it below.
        let plain = hits.trailingZeroBitCount >> 3
        if plain > 0 {
          acc |= v & (UInt64.max >> (64 - plain * 8))
          i += plain
        }
      }
      let b = p[i]
      if b == JSONByte.quote {
        let s = EventJSONScanner.Str(start: start, end: i, escaped: escaped, high: acc & (ones &* 0x80) != 0)
        i += 1
        return s
      }
      if b == JSONByte.backslash {
        escaped = true
        guard i + 1 < n else { throw Stop.needMore }
        switch p[i + 1] {
        case JSONByte.quote, JSONByte.backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
             UInt8(ascii: "r"), UInt8(ascii: "t"):
          i += 2
        case UInt8(ascii: "u"):
          guard i + 5 < n else { throw Stop.needMore }
          for k in 2...5 where Self.hexDigit(p[i + k]) == nil { throw Stop.unsure }
          i += 6
        default:
          throw Stop.unsure
        }
        continue
      }
      if b < 0x20 { throw Stop.unsure }
      acc |= UInt64(b)
      i += 1
    }
    throw Stop.needMore
  }

  static func hexDigit(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: UInt32(b - 0x30)
    case 0x41...0x46: UInt32(b - 0x41 + 10)
    case 0x61...0x66: UInt32(b - 0x61 + 10)
    default: nil
    }
  }

  /// Four hex digits already checked by `string()`.
  static func hex4(_ q: UnsafePointer<UInt8>) -> UInt32 {
    var v: UInt32 = 0
    for k in 0..<4 { v = v * 16 + (hexDigit(q[k]) ?? 0) }
    return v
  }

  /// A string or null (nil); other values are left to the tree path.
  @inline(__always)
  mutating func text() throws -> EventJSONScanner.Str? {
    let b = try peek()
    if b == JSONByte.quote { return try string() }
    if b == UInt8(ascii: "n") { try literal(); return nil }
    throw Stop.unsure
  }

  /// An integer or null (nil).
  mutating func integerOrNull() throws -> Int64? {
    let b = try peek()
    if b == UInt8(ascii: "n") { try literal(); return nil }
    return try integer()
  }

  /// `-?[0-9]{1,18}` as the tree path reads it (`Int64(text)`); fractions, exponents and longer
  /// numbers are left to the tree path.
  mutating func integer() throws -> Int64 {
    guard try peek() != JSONByte.quote else { throw Stop.unsure }
    var negative = false
    if p[i] == UInt8(ascii: "-") { negative = true; i += 1 }
    let start = i
    var v: Int64 = 0
    while i < n, p[i] >= 0x30 && p[i] <= 0x39 {
      // At most 18 digits (< 10^18 < Int64.max): a 19th is left to the tree path before it is added.
      if i - start == 18 { throw Stop.unsure }
      v = v * 10 + Int64(p[i] - 0x30)
      i += 1
    }
    guard i < n else { throw Stop.needMore }
    guard i > start else { throw Stop.unsure }
    switch p[i] {
    case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): throw Stop.unsure
    default: return negative ? -v : v
    }
  }

  /// `true`, `false` or `null`.
  mutating func literal() throws {
    let word: StaticString
    switch p[i] {
    case UInt8(ascii: "t"): word = "true"
    case UInt8(ascii: "f"): word = "false"
    case UInt8(ascii: "n"): word = "null"
    default: throw Stop.unsure
    }
    let len = word.utf8CodeUnitCount
    guard i + len <= n else { throw Stop.needMore }
    guard memcmp(p + i, word.utf8Start, len) == 0 else { throw Stop.unsure }
    i += len
  }

  /// A member's value (after its name and colon), checked and passed, with where it lies.
  mutating func member(_ keyStart: Int, _ keyEnd: Int, depth: Int) throws -> EventJSONScanner.Member {
    let b = try peek()
    let start = i
    var plain = false
    switch b {
    case JSONByte.quote:
      let s = try string()
      plain = !s.escaped && !s.high
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
      try literal()
      plain = true
    default:
      try skipValue(depth: depth)
    }
    return EventJSONScanner.Member(keyStart: keyStart, keyEnd: keyEnd, valueStart: start, nested: .no,
                                   valueEnd: i, plain: plain)
  }

  /// Checks and passes one value.
  mutating func skipValue(depth: Int) throws {
    guard depth < EventJSONScanner.maxDepth else { throw Stop.unsure }
    let b = try peek()
    switch b {
    case JSONByte.quote: _ = try string()
    case JSONByte.open:
      i += 1
      if try peek() == JSONByte.close { i += 1; return }
      while true {
        _ = try key()
        try colon()
        try skipValue(depth: depth + 1)
        if try separator(close: JSONByte.close) { return }
      }
    case UInt8(ascii: "["):
      i += 1
      if try peek() == UInt8(ascii: "]") { i += 1; return }
      while true {
        try skipValue(depth: depth + 1)
        if try separator(close: UInt8(ascii: "]")) { return }
      }
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): try literal()
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try integer()
    default: throw Stop.unsure
    }
  }
}
