import Foundation

/// `podhist import -` on a stream that may never end (`kubectl get events -A -w -o json |
/// podhist import -`): a parsing thread reads the stream as it arrives and hands on what it parsed
/// whenever the stream pauses, while this thread appends the facts to a `StreamingImport` and
/// commits every second or every few thousand facts, as `podhist record` does. Another process
/// sees a fact about a second after it arrived. `stop()` (SIGINT, SIGTERM) ends the reading as if
/// the stream had ended and commits what was read.
public final class StreamFollower: @unchecked Sendable {
  /// How often to commit while facts arrive.
  public var commitInterval: Double = 1
  /// Commit at once when this many facts wait.
  public var commitFacts = 4_096
  let reader: StreamByteReader

  /// What a followed stream did.
  public struct Outcome: Sendable {
    /// What it added, as for any imported input.
    public var file: PodHistService.ImportedFile
    /// Commits made.
    public var commits: Int
    /// Whether it was stopped (SIGINT, SIGTERM) before the stream ended.
    public var stopped: Bool
  }

  /// A follower of the open descriptor `fd` (standard input by default), named `name` in errors.
  public init(fd: Int32 = 0, name: String = "-") {
    reader = StreamByteReader(fd: fd, name: name)
  }

  /// Ends the reading; `follow` commits what was read and returns. Safe from any thread.
  public func stop() { reader.stop() }

  /// Whether standard input is a stream to follow (a pipe, a terminal, a socket), not a file.
  public static func standardInputIsStream() -> Bool {
    var st = stat()
    guard fstat(0, &st) == 0 else { return false }
    return (st.st_mode & S_IFMT) != S_IFREG
  }

  /// Reads the stream into the store at `path` (created when absent) until it ends or `stop()`,
  /// stopping on SIGINT and SIGTERM meanwhile. Input that cannot be read throws the importer's
  /// error (naming the line); what was committed before stays, what was not is dropped.
  public func follow(intoStoreAt path: String, options: ImportOptions,
                     warn: (ImportWarning) -> Void = { _ in }) throws -> Outcome {
    try PodHistService.writing(storeAt: path) { store in
      try SignalStop.run(stop: { [weak self] in self?.stop() }) {
        try follow(into: store, options: options, warn: warn)
      }
    }
  }

  func follow(into store: Store, options base: ImportOptions, warn: (ImportWarning) -> Void) throws -> Outcome {
    let options = { var o = base; o.streaming = true; return o }()
    let stream = StreamingImport(store: store, source: options.sourceName)
    let pipe = FactPipe()
    let batch = BatchBox()
    let reader = self.reader
    // Facts parsed so far go on as soon as the stream pauses.
    reader.onWait = {
      guard !batch.items.isEmpty else { return }
      guard pipe.put(batch.items) else { throw FactPipe.Stopped() }
      batch.items.removeAll(keepingCapacity: true)
    }
    let thread = Thread {
      do {
        let head = try reader.read(maxCount: 2)
        var input: any ByteReader = reader
        if head == [0x1f, 0x8b] {
          input = try GzipByteReader(PrefixedByteReader(prefix: head, rest: reader), name: options.sourceName)
        } else {
          reader.unread(head)
        }
        let report = try Importer.run(reader: input, options: options) { fact in
          batch.items.append(FactPipe.Item(fact: fact, fingerprint: try FactCodec.fingerprint(fact),
                                           object: Store.objectFingerprint(fact.object)))
          if batch.items.count == FactPipe.batchSize {
            guard pipe.put(batch.items) else { throw FactPipe.Stopped() }
            batch.items.removeAll(keepingCapacity: true)
          }
        }
        if pipe.put(batch.items) { pipe.finish(.success(report)) } else { pipe.finish(.failure(FactPipe.Stopped())) }
      } catch {
        // Stopped in the middle of an object: the objects parsed before it still go in.
        if reader.isStopped { _ = pipe.put(batch.items) }
        pipe.finish(.failure(error))
      }
    }
    thread.stackSize = 16 << 20
    thread.start()

    var commits = 0
    var cadence = CommitCadence(interval: commitInterval, facts: commitFacts)
    func commit() throws {
      if try stream.commit() { commits += 1 }
    }
    do {
      loop: while true {
        switch pipe.take(until: cadence.waitLimit(uncommitted: stream.uncommitted, tick: cadence.interval)) {
        case let .batch(items):
          for item in items {
            try stream.append(item.fact, fingerprint: item.fingerprint, object: item.object)
            _ = try cadence.commitIfDue(uncommitted: stream.uncommitted) { try commit() }
          }
        case .idle: break
        case .finished: break loop
        }
        _ = try cadence.commitIfDue(uncommitted: stream.uncommitted) { try commit() }
      }
    } catch {
      pipe.stop()
      _ = pipe.result()
      stream.rollback()
      throw error
    }
    let report: ImportReport
    switch pipe.result() {
    case let .success(r):
      report = r
    case let .failure(error):
      // Stopped in the middle of an object: what came before it is kept.
      guard reader.isStopped, error is ImportError else {
        stream.rollback()
        throw error
      }
      var r = ImportReport()
      r.notes.append("\(options.sourceName): stopped in the middle of an object; the objects read before it were imported")
      report = r
    }
    stream.noteFormats(report.formats)
    for n in report.notes { stream.note(n) }
    if stream.importID == 0 && stream.added == 0 && stream.known == 0 {
      // Nothing arrived: an import row still says the stream was read.
      try stream.open()
    }
    try commit()
    for w in report.warnings { warn(w) }
    let file = PodHistService.ImportedFile(source: options.sourceName, added: stream.added, known: stream.known,
                                           objects: stream.objectsTouched, report: report)
    return Outcome(file: file, commits: commits, stopped: reader.isStopped)
  }
}

/// The parsing thread's batch of facts not yet handed on (only that thread touches it).
final class BatchBox: @unchecked Sendable {
  var items: [FactPipe.Item] = []
}
