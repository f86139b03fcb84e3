import Foundation

/// `podhist record`: lists and watches Pods and Events through the user's kubectl and appends
/// what it sees to the store as it arrives, committing every second or every few thousand facts
/// (each commit one transaction: other processes' queries see it at once and never wait).
/// Watched pods become status facts (every change, beyond `lastState`), Events event facts, a
/// DELETED pod the end of that pod. Runs until `stop()` (SIGINT, SIGTERM), then commits.
public final class Recorder: @unchecked Sendable {
  /// What to record and where.
  public struct Options: Sendable {
    /// The store file (created when absent).
    public var storePath: String
    /// The kubectl to run.
    public var kubectl: Kubectl
    /// One namespace, or all with nil.
    public var namespace: String?
    /// Objects per List page (`limit`).
    public var pageSize = 500
    /// Commit at least this often while facts arrive.
    public var commitInterval: Double = 1
    /// Commit at once when this many facts wait.
    public var commitFacts = 4_096
    /// How often to log the store's size and growth (a terminal's status line shows them always).
    public var growthInterval: Double = 300

    /// Options for recording into `storePath` through `kubectl`.
    public init(storePath: String, kubectl: Kubectl, namespace: String?) {
      self.storePath = storePath; self.kubectl = kubectl; self.namespace = namespace
    }
  }

  /// What the recorder says while it runs.
  public enum Message: Sendable {
    /// A line for the log (on a terminal too, above the status line).
    case log(String)
    /// The live one-line status (a terminal rewrites it in place).
    case status(String)
  }

  /// What a recording did, once it stopped.
  public struct Summary: Sendable {
    /// Facts new to the store.
    public var added: Int
    /// Facts the store already held.
    public var known: Int
    /// Pods touched.
    public var pods: Int
    /// Commits made.
    public var commits: Int
  }

  let options: Options
  let say: @Sendable (Message) -> Void
  let queue = RecordQueue()
  private var watchers: [WatchedResource] = []

  /// A recorder; `say` receives log lines and status updates (from the recorder's thread).
  public init(options: Options, say: @escaping @Sendable (Message) -> Void) {
    self.options = options; self.say = say
  }

  /// Asks the recorder to stop: it commits what it read and `run()` returns. Safe from any thread.
  public func stop() {
    queue.stop()
    for w in watchers { w.stop() }
  }

  /// Stops on SIGINT and SIGTERM while `body` runs (the default actions come back afterwards).
  public func stoppingOnSignals<T>(_ body: () throws -> T) rethrows -> T {
    try SignalStop.run(stop: { [weak self] in self?.stop() }, body)
  }

  /// Records until `stop()`; returns what was added.
  public func run() throws -> Summary {
    let executable = try options.kubectl.resolved()
    let store = try Store(path: options.storePath, create: true)
    store.keepsSummaries = true
    let scope = options.namespace.map { "namespace \($0)" } ?? "all namespaces"
    let source = "record" + (options.kubectl.context.map { " --context \($0)" } ?? "") + (options.namespace.map { " -n \($0)" } ?? " -A")
    let stream = StreamingImport(store: store, source: source)
    // A store this recording resumes: from its last commit to the first List, nothing was seen.
    let resumed = try StreamingImport.recordedUntil(source: source, in: store)
    watchers = WatchedKind.allCases.map {
      let w = WatchedResource(kind: $0, namespace: options.namespace, kubectl: options.kubectl, executable: executable,
                              queue: queue, pageSize: options.pageSize)
      w.upToDate = resumed
      return w
    }
    say(.log("recording pods and events of \(scope) into \(options.storePath) through \(executable)"))
    for w in watchers {
      let t = Thread { w.run() }
      t.stackSize = 4 << 20
      t.start()
    }
    var health = [WatchedKind: String]()
    var cadence = CommitCadence(interval: options.commitInterval, facts: options.commitFacts)
    var lastCommitText = "none yet"
    var commits = 0
    var rateStart = (Date(), 0)
    var rate = 0.0
    var lastStatus = Date.distantPast
    let growth = GrowthMeter(path: options.storePath)
    var lastGrowth = Date()

    /// Since when each stream has been broken (a 410, a failure) until its next List.
    /// Before its first List a stream has seen nothing since the previous run's last commit.
    let start = resumed.map { Date(timeIntervalSince1970: Double($0.micros) / 1_000_000) } ?? Date()
    var brokenSince = Dictionary(uniqueKeysWithValues: WatchedKind.allCases.map { ($0, start) })
    func commit() throws {
      // Everything up to now is recorded, except what a broken stream has not seen since it broke.
      let complete = brokenSince.values.min() ?? Date()
      stream.recordedUntil = Instant(micros: Int64(min(complete, Date()).timeIntervalSince1970 * 1_000_000))
      let n = stream.uncommitted
      if try stream.commit() {
        commits += 1
        lastCommitText = Recorder.clock(Date()) + " (\(n) facts)"
      }
    }

    func status() {
      let pods = stream.objectsTouched
      let streams = WatchedKind.allCases.map { "\($0.rawValue) \(health[$0] ?? "starting")" }.joined(separator: ", ")
      say(.status("\(pods) pods, \(stream.added) facts (\(Int(rate.rounded()))/s), last commit \(lastCommitText); \(streams); \(growth.brief(now: Date()))"))
    }

    while true {
      let items = queue.take(until: cadence.waitLimit(uncommitted: stream.uncommitted, tick: 0.5))
      for item in items {
        switch item {
        case let .objects(kind, bytes, received, deleted):
          try record(bytes, kind: kind, received: received, deleted: deleted, into: stream)
          _ = try cadence.commitIfDue(uncommitted: stream.uncommitted) { try commit() }
        case let .notice(notice):
          switch notice {
          case let .listed(kind, _, _):
            health[kind] = "watching"
            brokenSince[kind] = nil
          case let .watching(kind, _): health[kind] = "watching"
          case let .gone(kind, _):
            health[kind] = "relisting"
            if brokenSince[kind] == nil { brokenSince[kind] = Date() }
          case let .failed(kind, _, _):
            health[kind] = "retrying"
            if brokenSince[kind] == nil { brokenSince[kind] = Date() }
          case let .gap(kind, from, to, cause):
            try stream.append(Fact(object: RecordingGap.object(namespace: options.namespace), observed: to,
                                   body: .recordingGap(RecordingGap(namespace: options.namespace, resource: kind.rawValue,
                                                                    from: from, to: to, cause: cause)),
                                   provenance: Provenance(source: "record \(kind.rawValue)", firstLine: 1, format: "record")))
          case .streamEnded: break
          }
          if case .watching = notice { continue }
          say(.log(Recorder.text(notice)))
        }
      }
      let now = Date()
      _ = try cadence.commitIfDue(uncommitted: stream.uncommitted) { try commit() }
      if now.timeIntervalSince(rateStart.0) >= 5 {
        rate = Double(stream.added - rateStart.1) / now.timeIntervalSince(rateStart.0)
        rateStart = (now, stream.added)
      }
      if now.timeIntervalSince(lastStatus) >= 1 { status(); lastStatus = now }
      if now.timeIntervalSince(lastGrowth) >= options.growthInterval {
        say(.log(growth.report(now: now)))
        lastGrowth = now
      }
      if queue.isStopped && items.isEmpty { break }
    }
    try cadence.commit(began: Date()) { try commit() }
    for w in watchers { w.stop() }
    say(.log("stopped: \(stream.added) facts added, \(stream.known) already known, \(stream.objectsTouched) pods touched, \(commits) commits"
      + " (\(cadence.brief))"))
    return Summary(added: stream.added, known: stream.known, pods: stream.objectsTouched, commits: commits)
  }

  /// Turns one List page or watch event into facts and appends them. Pods without an
  /// observation time of their own are observed when they were received. Each page or event is
  /// read as an input of its own (its facts cite line 1 of `record pods` / `record events`).
  func record(_ bytes: [UInt8], kind: WatchedKind, received: Instant, deleted: Bool,
              into stream: StreamingImport) throws {
    var options = ImportOptions(format: kind == .pods ? .podsJSON : .eventsJSON, observedAt: received,
                                sourceName: "record \(kind.rawValue)")
    // A List is read page by page here: a page is no complete listing (deletions come as DELETED).
    options.listings = false
    var facts: [Fact] = []
    let report = try StructuredImporter.run(input: StructuredTextReader(bytes), format: options.format,
                                            lineOffset: 0, options: options) { facts.append($0) }
    stream.noteFormats(report.formats)
    if deleted { facts = Recorder.ended(facts) }
    for f in facts { try stream.append(f) }
  }

  /// The facts a watch DELETED makes of the pod's last state: the end of the pod. The deletion
  /// is the object's last state, observed when it was received.
  static func ended(_ facts: [Fact]) -> [Fact] { facts }

  static func clock(_ date: Date) -> String {
    let t = Instant(micros: Int64(date.timeIntervalSince1970 * 1_000_000)).rfc3339
    return String(t.dropFirst(11).prefix(8))
  }

  /// The log line of a notice.
  static func text(_ n: RecordNotice) -> String {
    switch n {
    case let .listed(kind, count, rv): "listed \(count) \(kind.rawValue) at resourceVersion \(rv)"
    case let .watching(kind, rv): "watching \(kind.rawValue) from resourceVersion \(rv)"
    case let .streamEnded(kind, events): "the \(kind.rawValue) watch ended after \(events) events; watching again"
    case let .gone(kind, rv): "the \(kind.rawValue) history from resourceVersion \(rv) is gone (410); listing again"
    case let .failed(kind, message, retryIn):
      "\(kind.rawValue): \(printable(message)); retrying in \(Int(Double(retryIn.micros) / 1_000_000))s"
    case let .gap(kind, from, to, cause):
      "\(kind.rawValue): " + (cause == .recorderDown ? "no recorder ran between" : "the watch was broken between")
        + " \(from.rfc3339) and \(to.rfc3339): what changed then is known only by its result (recorded as a gap)"
    }
  }
}

/// `text` with control characters (a terminal's escapes) shown as `?`: kubectl's messages may
/// quote what a server sent.
func printable(_ text: String) -> String {
  String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
}
