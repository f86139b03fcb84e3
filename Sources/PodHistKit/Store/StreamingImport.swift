import Foundation

/// An import that commits as it goes: one `imports` row for the whole stream, facts appended as
/// they arrive, and each `commit()` one SQLite transaction (WAL: readers never wait on it). What
/// was committed stays when the process dies; what was not is gone whole, so the store always
/// verifies clean. Deduplication spans the commits (the session remembers what it added); when
/// another process writes to the store between two commits, the memory is dropped and rebuilt
/// from the store, so two writers never make a duplicate either.
public final class StreamingImport {
  /// The store written to.
  public let store: Store
  /// The source name the import row and the facts cite.
  public let source: String
  let session: ImportSession
  var inTransaction = false
  /// Whether the `imports` row has been committed (a rollback before that drops it too).
  var rowCommitted = false
  /// `PRAGMA data_version` after our last commit: another connection's commit changes it.
  var dataVersion: Int64?
  var formats: [String] = []
  var notes: [String] = []
  /// Until when the stream is known complete (a recording: its last commit, unless a watch was
  /// broken then); kept in the import row's notes as `recorded until TIME` at each commit, so
  /// that the next recording of the same source knows where its hole starts.
  public var recordedUntil: Instant?
  static let recordedUntilNote = "recorded until "
  /// Facts appended since the last commit (new or already known).
  public private(set) var uncommitted = 0
  /// Above this many remembered fingerprints the memory is dropped (and rebuilt from the store
  /// as objects come back), so a recording that runs for weeks keeps its memory bounded.
  static let rememberLimit = 1_000_000

  /// A streaming import of `source` into `store`; nothing is written before the first fact.
  public init(store: Store, source: String) {
    self.store = store
    self.source = source
    session = ImportSession(store: store)
  }

  /// The import's row id; 0 before its first transaction.
  public var importID: Int64 { session.currentImport }
  /// Facts this import added to the store (committed or not).
  public var added: Int { session.added }
  /// Facts this import found already stored.
  public var known: Int { session.known }
  /// Objects (pods) this import touched.
  public var objectsTouched: Int { session.podsTouched }

  /// Adds one fact unless the store or this import already holds the same content.
  public func append(_ fact: Fact) throws {
    try open()
    try session.append(fact)
    uncommitted += 1
  }

  /// `append` with the fingerprints of the fact and of its object already computed.
  func append(_ fact: Fact, fingerprint: Fingerprint, object: Fingerprint) throws {
    try open()
    try session.append(fact, fingerprint: fingerprint, object: object)
    uncommitted += 1
  }

  /// Notes a format found, for the import row.
  public func noteFormats(_ found: [String]) {
    for f in found where !formats.contains(f) { formats.append(f) }
  }

  /// Adds a note to the import row (written at the next commit).
  public func note(_ text: String) { notes.append(text) }

  /// Starts a transaction unless one is open.
  func open() throws {
    guard !inTransaction else { return }
    try store.mapping { try store.db.execute("BEGIN IMMEDIATE") }
    inTransaction = true
    let version = try store.mapping { try store.db.scalar("PRAGMA data_version") }
    if (dataVersion != nil && version != dataVersion) || session.seen.count + session.stored.count > StreamingImport.rememberLimit {
      // Another writer may have added objects and facts: ids and digests are read again from the store.
      session.forgetStored()
    }
    if session.currentImport == 0 { _ = try session.begin(source: source) }
  }

  /// Writes what was appended since the last commit and commits it; false when there was nothing.
  @discardableResult
  public func commit() throws -> Bool {
    guard inTransaction else { return false }
    do {
      _ = try session.finish(formats: formats, notes: notes + (recordedUntil.map { [StreamingImport.recordedUntilNote + $0.rfc3339] } ?? []))
      try store.commitSummaries()
      try store.mapping { try store.db.execute("COMMIT") }
    } catch {
      rollback()
      throw error
    }
    inTransaction = false
    rowCommitted = true
    uncommitted = 0
    dataVersion = try store.mapping { try store.db.scalar("PRAGMA data_version") }
    return true
  }

  /// Until when the newest import of `source` was known complete (its `recorded until` note);
  /// nil when no import of that source left one.
  public static func recordedUntil(source: String, in store: Store) throws -> Instant? {
    try store.mapping {
      let s = try store.db.prepare("SELECT notes FROM imports WHERE source = ? AND notes LIKE ? ORDER BY id DESC LIMIT 1")
      try s.bind(.text(source), .text("%" + recordedUntilNote + "%"))
      guard try s.step() else { return nil }
      let notes = s.text(0)
      for line in notes.split(separator: "\n") where line.hasPrefix(recordedUntilNote) {
        return Instant.parse(String(line.dropFirst(recordedUntilNote.count)))
      }
      return nil
    }
  }

  /// Drops what was appended since the last commit.
  public func rollback() {
    guard inTransaction else { return }
    try? store.db.execute("ROLLBACK")
    store.summaryChanges = SummaryChanges()
    inTransaction = false
    uncommitted = 0
    // What the session remembers of the dropped facts is wrong now: rebuild it from the store.
    session.forgetStored()
    session.pending.removeAll()
    session.pendingWindows.removeAll()
    session.pendingCount = 0
    session.writer.inflight.removeAll()
    session.writer.inflightFacts = 0
    if !rowCommitted { session.currentImport = 0 }
  }
}
