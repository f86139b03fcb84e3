import Foundation

/// A JSON reader that pulls bytes from a `ByteReader` 64 KiB at a time and hands over one
/// object at a time: the elements of a top-level object's `items` array (a `List`), the elements
/// of a top-level array, or each top-level value of a concatenated stream (`kubectl get -w -o json`,
/// JSON Lines, `--output-watch-events`). Memory stays bounded by the largest single item.
///
/// Lines are counted as bytes go by; errors are `ImportError.malformed` with the line.
///
/// Event objects (bare, watch-wrapped, or items of a List / array) are first offered to
/// `EventJSONScanner`, which reads them straight from the buffered bytes without building a tree;
/// whatever it is not sure about is parsed here as before, from the same byte and line.
struct JSONStreamParser {
  /// How an item was found: a whole top-level value, or an element of a List / array.
  enum Placement { case topLevel, listItem }

  /// One item: a decoded value, or an Event the byte scanner read.
  enum Item {
    case value(StructuredValue)
    case event(EventJSONScanner.Event)
  }

  private var reader: any ByteReader
  private let source: String
  private var buf: [UInt8] = []
  private var pos = 0
  private var atEnd = false
  /// The current line (1-based).
  private(set) var line = 1
  /// The line of the last non-blank byte consumed, for "input ends" errors.
  private var lastContentLine = 1
  private static let maxDepth = 512
  /// The byte scanner for Events; nil reads every object through the tree.
  private var scanner: EventJSONScanner?
  /// Objects longer than this are not offered to the scanner (the buffer grows to hold one).
  private static let maxScannedObject = 1 << 22

  /// `lineOffset`: lines before the first byte of `reader` (when the JSON is part of a paste).
  /// `fastEvents`: read Events with `EventJSONScanner` where it is sure (false only to compare).
  init(reader: any ByteReader, source: String, lineOffset: Int = 0, fastEvents: Bool = true) {
    self.reader = reader; self.source = source; line = 1 + lineOffset; lastContentLine = line
    scanner = fastEvents ? EventJSONScanner() : nil
  }

  // MARK: bytes

  private mutating func fill() throws -> Bool {
    if pos < buf.count { return true }
    if atEnd { return false }
    while true {
      let piece = try reader.read(maxCount: 65536)
      if piece.isEmpty { atEnd = true; buf = []; pos = 0; return false }
      buf = piece; pos = 0
      return true
    }
  }

  /// The next non-blank byte, not consumed; nil at the end of the input.
  private mutating func peekNonBlank() throws -> UInt8? {
    while try fill() {
      // Scan the buffered bytes directly; refill only when they run out.
      var i = pos
      let n = buf.count
      while i < n {
        let c = buf[i]
        switch c {
        case 0x20, 0x09, 0x0D: i += 1
        case 0x0A: i += 1; line += 1
        case 0xEF where line == 1 && i + 2 < n && buf[i + 1] == 0xBB && buf[i + 2] == 0xBF:
          i += 3  // a UTF-8 byte order mark
        default:
          pos = i
          return c
        }
      }
      pos = i
    }
    return nil
  }

  /// At a `{` (peeked, not consumed): the Event the byte scanner reads there, consumed with the
  /// lines it spans; nil, with nothing consumed, when the scanner is not sure. The buffer is grown
  /// (keeping the unread bytes) when the object continues past it.
  private mutating func scannedEvent() throws -> EventJSONScanner.Event? {
    // Held outside `self` while it reads `buf`, so its scratch space stays uniquely referenced.
    guard var held = scanner else { return nil }
    scanner = nil
    defer { scanner = held }
    while true {
      let start = pos
      let outcome = buf.withUnsafeBufferPointer { held.scan($0, at: start) }
      switch outcome {
      case let .event(event, end, newlines):
        pos = end
        line += newlines
        lastContentLine = line
        return event
      case .unsure:
        return nil
      case .needMore:
        let unread = buf.count - pos
        guard !atEnd, unread < Self.maxScannedObject else { return nil }
        // One read: a file gives all it was asked for, a live stream what has arrived (the
        // scan says again when that is not enough).
        let more = try reader.read(maxCount: max(65536, unread))
        if more.isEmpty { atEnd = true; return nil }
        if pos > 0 { buf.removeSubrange(0..<pos); pos = 0 }
        buf += more
      }
    }
  }

  private mutating func consume() {
    pos += 1
    lastContentLine = line
  }

  private func fail(_ reason: String, line l: Int? = nil) -> ImportError {
    .malformed(source: source, line: l ?? line, reason: reason)
  }
  private func truncated(_ what: String) -> ImportError {
    .malformed(source: source, line: lastContentLine, reason: "input ends inside \(what) (truncated?)")
  }
  private static func show(_ c: UInt8) -> String {
    if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
    return String(format: "byte 0x%02x", c)
  }

  // MARK: the stream

  /// Reads every item, calling `onItem(value, firstLine, lastLine, placement)` as each ends.
  /// `listEnded` is called after the last item of each List (or top-level array) streamed.
  mutating func run(_ onItem: (Item, Int, Int, Placement) throws -> Void, listEnded: () throws -> Void = {}) throws {
    while let c = try peekNonBlank() {
      let start = line
      switch c {
      case UInt8(ascii: "{"):
        if let event = try scannedEvent() {
          try onItem(.event(event), start, line, .topLevel)
          continue
        }
        var hadItems = false
        let value = try parseObject(depth: 0, streamItems: true) { item, first, last in
          hadItems = true
          try onItem(item, first, last, .listItem)
        }
        if !hadItems { try onItem(.value(value), start, line, .topLevel) } else { try listEnded() }
      case UInt8(ascii: "["):
        consume()
        try parseArrayElements(depth: 0, what: "an array", scan: true) { item, first, last in
          try onItem(item, first, last, .listItem)
        }
        try listEnded()
      default:
        throw fail("expected '{' or '[' to start a JSON value, found \(Self.show(c))")
      }
    }
  }

  // MARK: values

  private mutating func parseValue(depth: Int) throws -> StructuredValue {
    guard depth < Self.maxDepth else { throw fail("JSON nested more than \(Self.maxDepth) levels deep") }
    guard let c = try peekNonBlank() else { throw truncated("a value") }
    switch c {
    case UInt8(ascii: "{"): return try parseObject(depth: depth, streamItems: false) { _, _, _ in }
    case UInt8(ascii: "["):
      consume()
      var items: [StructuredValue] = []
      try parseArrayElements(depth: depth, what: "an array", scan: false) { item, _, _ in
        if case let .value(v) = item { items.append(v) }
      }
      return .array(items)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return try parseLiteral()
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw fail("expected a value, found \(Self.show(c))")
    }
  }

  /// Parses `{...}`. At depth 0 with `streamItems`, the elements of an `items` array are handed
  /// over one by one instead of being kept (the member becomes an empty array).
  private mutating func parseObject(depth: Int, streamItems: Bool,
                                    onListItem: (Item, Int, Int) throws -> Void) throws -> StructuredValue {
    consume()  // {
    var obj = StructuredObject()
    guard let first = try peekNonBlank() else { throw truncated("an object") }
    if first == UInt8(ascii: "}") { consume(); return .object(obj) }
    while true {
      guard let k = try peekNonBlank() else { throw truncated("an object") }
      guard k == UInt8(ascii: "\"") else {
        throw fail("expected a member name in double quotes, found \(Self.show(k))")
      }
      let keyLine = line
      let key = try parseString()
      guard let colon = try peekNonBlank() else { throw truncated("an object") }
      guard colon == UInt8(ascii: ":") else { throw fail("expected ':' after the member name \"\(key)\"") }
      consume()
      if depth == 0, key == "items", streamItems, try peekNonBlank() == UInt8(ascii: "[") {
        consume()
        try parseArrayElements(depth: depth + 1, what: "the items array", scan: true, onElement: onListItem)
        obj.append(key, .array([]), line: keyLine)
      } else {
        guard try peekNonBlank() != nil else { throw truncated("an object") }
        obj.append(key, try parseValue(depth: depth + 1), line: keyLine)
      }
      guard let sep = try peekNonBlank() else { throw truncated("an object") }
      if sep == UInt8(ascii: ",") { consume(); continue }
      if sep == UInt8(ascii: "}") { consume(); return .object(obj) }
      throw fail("expected ',' or '}' after an object member")
    }
  }

  /// Parses the elements after `[` up to and including `]`; with `scan`, objects are offered to
  /// the Event scanner first.
  private mutating func parseArrayElements(depth: Int, what: String, scan: Bool,
                                           onElement: (Item, Int, Int) throws -> Void) throws {
    guard let first = try peekNonBlank() else { throw truncated(what) }
    if first == UInt8(ascii: "]") { consume(); return }
    while true {
      guard let c = try peekNonBlank() else { throw truncated(what) }
      let start = line
      if scan, c == UInt8(ascii: "{"), let event = try scannedEvent() {
        try onElement(.event(event), start, lastContentLine)
      } else {
        let v = try parseValue(depth: depth + 1)
        try onElement(.value(v), start, lastContentLine)
      }
      guard let sep = try peekNonBlank() else { throw truncated(what) }
      if sep == UInt8(ascii: ",") { consume(); continue }
      if sep == UInt8(ascii: "]") { consume(); return }
      throw fail("expected ',' or ']' after an array element")
    }
  }

  private mutating func parseString() throws -> String {
    consume()  // opening quote
    // Fast path: a string with no escapes that ends within the buffered bytes.
    if try fill() {
      var i = pos
      let n = buf.count
      while i < n {
        let c = buf[i]
        if c == 0x22 {
          let s = String(decoding: buf[pos..<i], as: UTF8.self)
          pos = i + 1
          return s
        }
        if c == 0x5C || c == 0x0A { break }
        i += 1
      }
    }
    var bytes: [UInt8] = []
    while true {
      guard try fill() else { throw truncated("a string") }
      // Copy a run of plain bytes at once.
      var i = pos
      let n = buf.count
      while i < n {
        let c = buf[i]
        if c == 0x22 || c == 0x5C || c == 0x0A { break }
        i += 1
      }
      if i > pos { bytes.append(contentsOf: buf[pos..<i]); pos = i }
      guard pos < n else { continue }
      let c = buf[pos]
      pos += 1
      lastContentLine = line
      switch c {
      case 0x22:
        return String(decoding: bytes, as: UTF8.self)
      case 0x0A:
        line += 1; lastContentLine = line
        bytes.append(c)
      default:  // backslash
        guard try fill() else { throw truncated("a string") }
        let e = buf[pos]
        pos += 1
        switch (e, JSONByte.unescaped(e)) {
        case (_, let plain?): bytes.append(plain)
        case (UInt8(ascii: "u"), nil):
          var scalar = try parseHex4()
          if (0xD800..<0xDC00).contains(scalar) {
            // A surrogate pair: \uD83D\uDE00.
            if try fill(), buf[pos] == 0x5C {
              pos += 1
              guard try fill(), buf[pos] == UInt8(ascii: "u") else { throw fail("invalid escape in a string") }
              pos += 1
              let low = try parseHex4()
              if low < 0xDC00 {
                // Not a low surrogate: the high one alone is U+FFFD, the second escape stands.
                bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
                scalar = low
              } else {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
              }
            }
          }
          let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
          bytes.append(contentsOf: Array(String(u).utf8))
        default:
          throw fail("invalid escape \\\(Character(Unicode.Scalar(e))) in a string")
        }
      }
    }
  }

  private mutating func parseHex4() throws -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard try fill() else { throw truncated("a string") }
      let c = buf[pos]
      pos += 1
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: throw fail("invalid \\u escape in a string")
      }
      v = v * 16 + d
    }
    return v
  }

  private mutating func parseLiteral() throws -> StructuredValue {
    var word: [UInt8] = []
    while try fill(), word.count < 6 {
      let c = buf[pos]
      guard c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") else { break }
      word.append(c)
      consume()
    }
    switch String(decoding: word, as: UTF8.self) {
    case "true": return .bool(true)
    case "false": return .bool(false)
    case "null": return .null
    case let w: throw fail("expected a value, found \"\(w)\"")
    }
  }

  private mutating func parseNumber() throws -> StructuredValue {
    var text: [UInt8] = []
    var integral = true
    while try fill() {
      let c = buf[pos]
      switch c {
      case 0x30...0x39, UInt8(ascii: "-"): break
      case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"): integral = false
      default:
        return try number(text, integral)
      }
      text.append(c)
      consume()
    }
    return try number(text, integral)
  }

  private func number(_ bytes: [UInt8], _ integral: Bool) throws -> StructuredValue {
    let s = String(decoding: bytes, as: UTF8.self)
    if integral, let i = Int64(s) { return .int(i) }
    guard let d = Double(s) else { throw fail("\"\(s)\" is not a number") }
    return .double(d)
  }
}
