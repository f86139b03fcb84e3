import Foundation

/// What the recorder needs of one watch event line before the importer reads its object: the
/// event's type and the object's resourceVersion, found by walking the bytes
/// (`{"type":…,"object":{…,"metadata":{…,"resourceVersion":…}}}`) without building a tree.
/// Anything the walk is not sure of (an escaped name, a number with a fraction, bytes after the
/// object) gives nil, and the caller reads the line the slow way.
struct WatchLine: Equatable {
  /// ADDED, MODIFIED, DELETED, BOOKMARK, ERROR.
  var type: String
  /// The object's `metadata.resourceVersion`, when it has one.
  var resourceVersion: String?

  /// The type and resourceVersion of `line`, or nil when the walk is not sure of them.
  static func read(_ line: [UInt8]) -> WatchLine? {
    line.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return nil }
      var cursor = JSONByteCursor(p: base, n: buffer.count, i: 0)
      return try? read(&cursor)
    }
  }

  private static func read(_ c: inout JSONByteCursor) throws -> WatchLine? {
    var type: String?
    var version: String??
    try members(&c) { c, key in
      if c.matches(key.0, key.1, "type") { type = try plainString(&c) }
      else if c.matches(key.0, key.1, "object") { version = .some(try objectVersion(&c)) }
      else { try c.skipValue(depth: 1) }
    }
    // Only blanks after the event.
    while c.i < c.n {
      guard [0x20, 0x09, 0x0A, 0x0D].contains(c.p[c.i]) else { return nil }
      c.i += 1
    }
    guard let type, let version else { return nil }
    return WatchLine(type: type, resourceVersion: version)
  }

  /// Walks the members of the object at the cursor, handing each name to `member`, which must
  /// consume its value.
  private static func members(_ c: inout JSONByteCursor,
                              _ member: (inout JSONByteCursor, (Int, Int)) throws -> Void) throws {
    guard try c.peek() == JSONByte.open else { throw JSONByteCursor.Stop.unsure }
    c.i += 1
    if try c.peek() == JSONByte.close { c.i += 1; return }
    repeat {
      let key = try c.key()
      try c.colon()
      try member(&c, key)
    } while !(try c.separator(close: JSONByte.close))
  }

  /// The object's `metadata.resourceVersion` (nil when it has none).
  private static func objectVersion(_ c: inout JSONByteCursor) throws -> String? {
    var version: String?
    try members(&c) { c, key in
      guard c.matches(key.0, key.1, "metadata") else { try c.skipValue(depth: 2); return }
      try members(&c) { c, key in
        if c.matches(key.0, key.1, "resourceVersion") { version = try plainString(&c) }
        else { try c.skipValue(depth: 3) }
      }
    }
    return version
  }

  /// A string without escapes or bytes above ASCII (else the walk is unsure).
  private static func plainString(_ c: inout JSONByteCursor) throws -> String {
    guard try c.peek() == JSONByte.quote else { throw JSONByteCursor.Stop.unsure }
    let s = try c.string()
    guard !s.escaped, !s.high else { throw JSONByteCursor.Stop.unsure }
    return String(decoding: UnsafeBufferPointer(start: c.p + s.start, count: s.end - s.start), as: UTF8.self)
  }
}
