import CZlib
import Foundation

/// A source of bytes read in pieces, so imports stream instead of holding whole inputs.
public protocol ByteReader {
  /// Up to `maxCount` more bytes; empty at the end of the input.
  mutating func read(maxCount: Int) throws -> [UInt8]
}

extension ByteReader {
  /// Everything that is left (text pastes are small; JSON streams must not use this).
  public mutating func readAll() throws -> [UInt8] {
    var all: [UInt8] = []
    while true {
      let piece = try read(maxCount: 1 << 20)
      if piece.isEmpty { return all }
      all.append(contentsOf: piece)
    }
  }
}

/// Reads a file descriptor (a file, or standard input for `-`).
public struct FileByteReader: ByteReader {
  let handle: FileHandle
  let name: String
  /// A reader of `handle`; `name` (the file as given, or `-`) is what read errors cite.
  public init(handle: FileHandle, name: String) { self.handle = handle; self.name = name }

  /// Up to `maxCount` bytes from the descriptor; empty at end of file. A read error is `unreadable`.
  public mutating func read(maxCount: Int) throws -> [UInt8] {
    do {
      return [UInt8](try handle.read(upToCount: maxCount) ?? Data())
    } catch {
      throw ImportError.unreadable(source: name, reason: "cannot read: \(error.localizedDescription)")
    }
  }
}

/// Returns some bytes first (a sniffed prefix), then the rest of another reader.
public struct PrefixedByteReader: ByteReader {
  var prefix: [UInt8]
  var rest: any ByteReader
  /// A reader that returns `prefix` (bytes already consumed by sniffing) before `rest`.
  public init(prefix: [UInt8], rest: any ByteReader) { self.prefix = prefix; self.rest = rest }
  /// Up to `maxCount` bytes, from the prefix while any is left, then from `rest`.
  public mutating func read(maxCount: Int) throws -> [UInt8] {
    if !prefix.isEmpty {
      let n = min(maxCount, prefix.count)
      let out = Array(prefix[..<n])
      prefix.removeFirst(n)
      return out
    }
    return try rest.read(maxCount: maxCount)
  }
}

/// Inflates a gzip stream (zlib with windowBits 15+32) as it is read.
public final class GzipByteReader: ByteReader {
  var inner: any ByteReader
  let name: String
  var stream = z_stream()
  var input: [UInt8] = []
  var finished = false
  var consumed = 0

  /// A gzip (or zlib) inflater over `inner` (inflateInit2); throws `unreadable` when zlib cannot start.
  public init(_ inner: any ByteReader, name: String) throws {
    self.inner = inner; self.name = name
    let rc = podhist_inflateInit2(&stream, 15 + 32)
    guard rc == Z_OK else { throw ImportError.unreadable(source: name, reason: "zlib init failed (\(rc))") }
  }
  deinit { inflateEnd(&stream) }

  /// Up to `maxCount` inflated bytes; empty at the stream's end. Damaged data throws, citing `name`.
  public func read(maxCount: Int) throws -> [UInt8] {
    var out = [UInt8](repeating: 0, count: max(maxCount, 1))
    var produced = 0
    while produced == 0 && !finished {
      if stream.avail_in == 0 {
        input = try inner.read(maxCount: 1 << 16)
        if input.isEmpty {
          throw ImportError.malformedAt(source: name, byteOffset: consumed, reason: "gzip stream is truncated")
        }
      }
      let rc: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
        out.withUnsafeMutableBufferPointer { outBuf in
          if stream.avail_in == 0 {
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
          } else {
            // Resume where the previous call stopped within `input`.
            stream.next_in = inBuf.baseAddress! + (inBuf.count - Int(stream.avail_in))
          }
          stream.next_out = outBuf.baseAddress! + produced
          stream.avail_out = uInt(outBuf.count - produced)
          let before = stream.avail_in
          let r = inflate(&stream, Z_NO_FLUSH)
          consumed += Int(before - stream.avail_in)
          produced = outBuf.count - Int(stream.avail_out)
          return r
        }
      }
      switch rc {
      case Z_STREAM_END:
        // A concatenated gzip member may follow.
        if stream.avail_in > 0 {
          let left = Array(input[(input.count - Int(stream.avail_in))...])
          inflateReset(&stream)
          input = left
          stream.avail_in = 0
          if !left.isEmpty { inner = PrefixedByteReader(prefix: left, rest: inner) }
        } else {
          let next = try inner.read(maxCount: 1 << 16)
          if next.isEmpty { finished = true } else {
            inflateReset(&stream)
            inner = PrefixedByteReader(prefix: next, rest: inner)
          }
        }
      case Z_OK, Z_BUF_ERROR: continue
      default:
        throw ImportError.malformedAt(source: name, byteOffset: consumed, reason: "not valid gzip data (zlib error \(rc))")
      }
    }
    return Array(out[..<produced])
  }
}
