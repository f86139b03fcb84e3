import Foundation

extension Importer {
  /// Imports one input into a session on two threads: a parsing thread reads and parses the
  /// input and computes each fact's fingerprint, while the calling thread deduplicates, encodes,
  /// compresses and writes (SQLite stays on the calling thread). Facts reach the session in
  /// exactly the order a single-threaded import gives them, so the result is the same; an error
  /// on either side stops both and is thrown here. `afterBatch` is called on the calling thread
  /// after each batch of facts reached the session (for a progress line).
  public static func run(reader: any ByteReader, options: ImportOptions, into session: ImportSession,
                         afterBatch: (() -> Void)? = nil) throws -> ImportReport {
    let pipe = FactPipe()
    let input = UncheckedBox(reader)
    let thread = Thread {
      do {
        var batch: [FactPipe.Item] = []
        batch.reserveCapacity(FactPipe.batchSize)
        let report = try Importer.run(reader: input.value, options: options) { fact in
          batch.append(FactPipe.Item(fact: fact, fingerprint: try FactCodec.fingerprint(fact),
                                     object: Store.objectFingerprint(fact.object)))
          if batch.count == FactPipe.batchSize {
            guard pipe.put(batch) else { throw FactPipe.Stopped() }
            batch.removeAll(keepingCapacity: true)
          }
        }
        if pipe.put(batch) { pipe.finish(.success(report)) } else { pipe.finish(.failure(FactPipe.Stopped())) }
      } catch {
        pipe.finish(.failure(error))
      }
    }
    thread.stackSize = 16 << 20
    thread.start()
    do {
      while let batch = pipe.take() {
        for item in batch { try session.append(item.fact, fingerprint: item.fingerprint, object: item.object) }
        afterBatch?()
      }
    } catch {
      pipe.stop()
      _ = pipe.result()
      throw error
    }
    return try pipe.result().get()
  }
}

/// The bounded hand-off between the parsing thread and the store's thread: batches of facts,
/// then the parser's result. Bounded, so a fast parser never holds more than a few batches.
final class FactPipe: @unchecked Sendable {
  struct Item: Sendable {
    var fact: Fact
    var fingerprint: Fingerprint
    var object: Fingerprint
  }
  struct Stopped: Error {}

  static let batchSize = 512
  static let capacity = 8

  private let condition = NSCondition()
  private var queue: [[Item]] = []
  private var outcome: Result<ImportReport, any Error>?
  private var stopped = false

  /// Hands a batch over, waiting while the queue is full; false once the reader stopped.
  func put(_ batch: [Item]) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while queue.count >= FactPipe.capacity && !stopped { condition.wait() }
    if stopped { return false }
    if !batch.isEmpty { queue.append(batch) }
    condition.broadcast()
    return true
  }

  /// The parser's last word.
  func finish(_ result: Result<ImportReport, any Error>) {
    condition.lock()
    outcome = result
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch; nil when the parser has finished and everything was taken.
  func take() -> [Item]? {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty && outcome == nil { condition.wait() }
    if queue.isEmpty { return nil }
    let batch = queue.removeFirst()
    condition.broadcast()
    return batch
  }

  /// What `take(until:)` found.
  enum Taken {
    /// A batch of facts.
    case batch([Item])
    /// Nothing by the deadline; the parser goes on.
    case idle
    /// The parser has finished and everything was taken.
    case finished
  }

  /// The next batch, waiting no later than `deadline`.
  func take(until deadline: Date) -> Taken {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty && outcome == nil {
      if !condition.wait(until: deadline) { break }
    }
    if queue.isEmpty { return outcome == nil ? .idle : .finished }
    let batch = queue.removeFirst()
    condition.broadcast()
    return .batch(batch)
  }

  /// Tells the parser to stop (the store side failed).
  func stop() {
    condition.lock()
    stopped = true
    queue.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  /// Waits for the parser's result.
  func result() -> Result<ImportReport, any Error> {
    condition.lock()
    defer { condition.unlock() }
    while outcome == nil { condition.wait() }
    return outcome ?? .failure(Stopped())
  }
}
