import Foundation

/// How far the import of one input has got: what the progress line of a long import shows.
public struct ImportProgress: Sendable, Equatable {
  /// The source being imported, as facts cite it.
  public var source: String
  /// Bytes of the input read so far (before gunzip for a `.gz`).
  public var bytesRead: Int
  /// The input's size when known (not for standard input).
  public var totalBytes: Int?
  /// Facts parsed so far (added and already known).
  public var facts: Int
  /// Pods touched so far.
  public var pods: Int

  /// A progress report.
  public init(source: String, bytesRead: Int, totalBytes: Int?, facts: Int, pods: Int) {
    self.source = source; self.bytesRead = bytesRead; self.totalBytes = totalBytes; self.facts = facts; self.pods = pods
  }
}

/// The count of bytes read through a `CountingByteReader`, read from another thread.
public final class ReadCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var total = 0
  /// A counter at zero.
  public init() {}
  /// The bytes read so far.
  public var bytes: Int { lock.withLock { total } }
  func add(_ n: Int) { lock.withLock { total += n } }
}

/// Reads another reader and counts the bytes it returns.
public struct CountingByteReader: ByteReader {
  var inner: any ByteReader
  let counter: ReadCounter
  /// A reader of `inner` that adds what it reads to `counter`.
  public init(_ inner: any ByteReader, counter: ReadCounter) { self.inner = inner; self.counter = counter }
  /// Up to `maxCount` bytes of `inner`, counted.
  public mutating func read(maxCount: Int) throws -> [UInt8] {
    let piece = try inner.read(maxCount: maxCount)
    counter.add(piece.count)
    return piece
  }
}
