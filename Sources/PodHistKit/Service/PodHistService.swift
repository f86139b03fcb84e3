import Foundation

/// podhist as a library: one store and the questions podhist answers about it (import, list,
/// state at an instant, timeline, restarts, explain, verify). The CLI, the tests, the recorder and
/// the HTML view call it, so the rules every front end shares live here: where the store is,
/// which instant a query describes, a pod's clock, what a failed first import leaves behind, and
/// which exit status an outcome means.
public struct PodHistService {
  /// The open store.
  public let store: Store
  /// Reads and projects the store's pods.
  public let query: PodQuery

  /// A service over an open store.
  public init(store: Store) throws {
    self.store = store
    self.query = try PodQuery(store: store)
  }

  // MARK: Opening

  /// Where the store is (docs/cli.md): `explicit` (`--store`); else `PODHIST_STORE`; else the nearest
  /// `podhist.db` in the current directory or its parents; else `./podhist.db`.
  public static func storePath(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
    StoreLocation.resolve(explicit: explicit, environment: environment, currentDirectory: currentDirectory)
  }

  /// Whether a file (a store, or an empty or foreign file `open` would refuse) is at `path`.
  public static func storeExists(at path: String) -> Bool { StoreFile.inspect(path) != .missing }

  /// Opens the store at `path` for queries, writing nothing (a store in a read-only folder can be
  /// read); none there is `QueryError.noStore` (exit 1), a 0-byte file `QueryError.emptyStore`.
  public static func open(path: String) throws -> PodHistService {
    try PodHistService(store: try Store(path: path, access: .read))
  }

  /// Opens the existing store at `path` to write it (`reindex`).
  public static func openForWriting(path: String) throws -> PodHistService {
    try PodHistService(store: try Store(path: path, access: .write))
  }

  /// Runs `body` with the path of a store that does not exist yet, in a new temporary folder
  /// that is removed afterwards with everything in it (the demo's scratch store).
  public static func withScratchStore<T>(_ body: (String) throws -> T) throws -> T {
    let scratch = FileManager.default.temporaryDirectory.appending(path: "podhist-scratch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    return try body(scratch.appending(path: "podhist.db").path)
  }

  /// The bundled example dumps: `fixtures/demo` below the current directory, else in the checkout
  /// this library was built from; nil when neither exists.
  public static func demoFolder(currentDirectory: String = FileManager.default.currentDirectoryPath) -> String? {
    let candidates = [currentDirectory + "/fixtures/demo",
                      URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                        .deletingLastPathComponent().appending(path: "fixtures/demo").path]
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
  }

  /// The dumps in the folder `dir` (no hidden files, no notes), sorted, each cited by a path relative
  /// to the current directory when below it (evidence lines stay short).
  public static func demoDumps(in dir: String, currentDirectory: String = FileManager.default.currentDirectoryPath) throws -> [String] {
    let cwd = currentDirectory + "/"
    let shown = dir.hasPrefix(cwd) ? String(dir.dropFirst(cwd.count)) : dir
    return try FileManager.default.contentsOfDirectory(atPath: dir)
      .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted().map { "\(shown)/\($0)" }
  }

  // MARK: Import

  /// What one input of an import added.
  public struct ImportedFile: Sendable {
    /// The source name its facts cite.
    public var source: String
    /// Facts new to the store.
    public var added: Int
    /// Facts the store already held.
    public var known: Int
    /// Objects (pods) the input touched.
    public var objects: Int
    /// What the importer said besides its facts: formats found, notes, warnings.
    public var report: ImportReport
  }

  /// Imports `files` (`-` is standard input) into the store at `path`, creating it when absent,
  /// in one transaction: all of them land or none. `source` replaces each file's name as the
  /// source facts cite. Warnings go to `warn` as each file is read. A first import that fails
  /// leaves no store behind: the file and its `-wal`/`-shm` companions are removed.
  public static func importFiles(_ files: [String], intoStoreAt path: String, format: InputFormat = .auto,
                                 observedAt: Instant? = nil, source: String? = nil,
                                 warn: (ImportWarning) -> Void = { _ in },
                                 progress: ((ImportProgress) -> Void)? = nil) throws -> [ImportedFile] {
    var out: [ImportedFile] = []
    try writing(storeAt: path) { store in
      try importing(files, into: store, format: format, observedAt: observedAt, source: source, warn: warn, progress: progress, out: &out)
    }
    return out
  }

  /// Opens the store at `path` for writing (creating it when absent) and runs `body` on it. A store
  /// this call created is removed again when `body` fails before anything was committed, or when it
  /// could not even be made (a full disk): a failed first import leaves no file behind.
  static func writing<T>(storeAt path: String, _ body: (Store) throws -> T) throws -> T {
    let existed = StoreFile.inspect(path) != .missing
    let store: Store
    do {
      store = try Store(path: path, access: .create)
      // PODHIST_NO_SUMMARIES=1 imports as podhist did before the summaries (tools/bench compares the two).
      if ProcessInfo.processInfo.environment["PODHIST_NO_SUMMARIES"] != "1" { store.keepsSummaries = true }
    } catch {
      if !existed, StoreFile.inspect(path) == .empty { try? FileManager.default.removeItem(atPath: path) }
      throw error
    }
    do {
      return try body(store)
    } catch {
      if !existed { store.removeIfEmpty() }
      throw error
    }
  }

  private static func importing(_ files: [String], into store: Store, format: InputFormat, observedAt: Instant?, source: String?,
                                warn: (ImportWarning) -> Void, progress: ((ImportProgress) -> Void)?,
                                out: inout [ImportedFile]) throws {
    try store.importing { session in
      for file in files {
        let name = source ?? file
        _ = try session.begin(source: name)
        let counter = ReadCounter()
        let reader = try Importer.open(file, counting: counter)
        let total = file == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue
        let afterBatch = progress.map { progress in {
          let (facts, pods) = session.progress
          progress(ImportProgress(source: name, bytesRead: counter.bytes, totalBytes: total, facts: facts, pods: pods))
        } }
        let report = try Importer.run(reader: reader, options: ImportOptions(format: format, observedAt: observedAt, sourceName: name),
                                      into: session, afterBatch: afterBatch)
        let r = try session.finish(formats: report.formats, notes: report.notes)
        out.append(ImportedFile(source: name, added: r.added, known: r.known, objects: r.objects, report: report))
        for w in report.warnings { warn(w) }
      }
    }
  }

  // MARK: Instants

  /// A TIME flag's value (`--at`, `--since`, `--until`, named by `flag` in errors): RFC 3339, or
  /// relative to the latest instant the store knows; nil when the flag was not given. Exit 2 when
  /// it is not a time or lies outside the years 0001-9999.
  public func instant(_ value: String?, flag: String) throws -> Instant? {
    guard let value else { return nil }
    return try TimeArgument.parse(value, flag: flag, latest: try store.latestInstant())
  }

  /// The pods in scope (one namespace, or all with nil), by namespace and name.
  public func pods(namespace: String?) throws -> [StoredObject] {
    try query.pods(namespace: namespace)
  }

  /// Resolves POD: an exact name, else a unique prefix (exit 1 when none, 2 when ambiguous).
  public func resolve(_ pod: String, namespace: String?) throws -> StoredObject {
    try query.resolve(pod, namespace: namespace)
  }

  // MARK: Views

  /// Every pod in scope that exists at `instant` (nil: each pod at its own default instant, when
  /// its newest dump was taken), as `transform` keeps it (nil results left out): `get pods`.
  /// `transform` runs on the available cores and must be pure; the pods' order is kept.
  /// A pod deleted by then is left out (as kubectl would), unless `showDeleted`.
  public func listPods<R: Sendable>(namespace: String?, at instant: Instant?, showDeleted: Bool = false,
                                    _ transform: @escaping @Sendable (PodState) -> R?) throws -> [R] {
    let horizons = instant == nil ? try store.importHorizons() : [:]
    return try query.mapPods(namespace: namespace) { _, facts in
      let state = project(facts, at: instant ?? PodQuery.defaultInstant(for: facts, horizons: horizons))
      guard state.exists, showDeleted || state.deletion == nil else { return nil }
      return transform(state)
    }
  }

  /// The pod as it stood at `instant` (nil: when its newest dump was taken): `status`.
  public func state(of pod: StoredObject, at instant: Instant?) throws -> PodState {
    let facts = try query.facts(of: pod)
    return project(facts, at: try instant ?? query.defaultInstant(for: facts))
  }

  /// The pod's facts between `since` and `until`, each with the state change it caused: `timeline`.
  public func timeline(of pod: StoredObject, since: Instant?, until: Instant?) throws -> [TimelineRender.Entry] {
    TimelineRender.entries(try query.facts(of: pod), since: since, until: until)
  }

  /// Every termination and restart known of the pod, and the clock its times are told in: `restarts`.
  public func restarts(of pod: StoredObject) throws -> (terminations: [Termination], clock: Clock) {
    let facts = try query.facts(of: pod)
    return (restartHistory(facts), PodHistService.clock(of: facts))
  }

  /// A pod's clock: that of its newest fact (relative when the dumps printed only ages).
  public static func clock(of facts: [Fact]) -> Clock { facts.last?.clock ?? .absolute }

  /// Why the pod is in its state at `instant` (nil: when its newest dump was taken); nil when
  /// it did not exist then: `why POD`.
  public func explain(_ pod: StoredObject, at instant: Instant?) throws -> Explanation? {
    let facts = try query.facts(of: pod)
    return try explain(pod, facts: facts, state: project(facts, at: try instant ?? query.defaultInstant(for: facts)))
  }

  /// `explain(_:at:)` of `pod` whose facts are `facts`, projected to `state` already.
  func explain(_ pod: StoredObject, facts: [Fact], state: PodState) throws -> Explanation? {
    guard state.exists else { return nil }
    let upTo = facts.filter { $0.observed <= state.at }
    let e = Explainer.explain(state, facts: upTo, declared: try query.declarations(of: pod, observed: facts),
                              nodes: NodeFacts(try nodeFacts(), at: state.at, clock: state.clock))
    return try RecordedGaps(store: store).adding(to: e, facts: upTo)
  }

  /// Every fact about a node (node snapshots and Events whose object is a Node).
  public func nodeFacts() throws -> [Fact] {
    try store.objects(kind: "Node", namespace: nil).flatMap { try store.facts(of: $0) }
  }

  /// The nodes as they stood at `instant` (nil: their newest observations): `get nodes`.
  public func nodes(at instant: Instant?) throws -> NodeFacts {
    let facts = try nodeFacts()
    let clock: Clock = instant == nil ? .absolute : (facts.contains { $0.clock == .absolute } ? .absolute : .relative)
    return NodeFacts(facts, at: instant, clock: clock)
  }

  /// The declared facts of a pod known only from manifests; nil when it was observed (then
  /// `status` and `why` describe the observation).
  public func declaredOnly(_ pod: StoredObject) throws -> [Fact]? {
    try query.declaredOnly(pod)
  }

  /// The explanation of every pod in scope that needs one at `instant` (`PodQuery.needsExplaining`:
  /// not Running-and-Ready or Completed, or restarted in the hour before), as `transform` keeps
  /// it: `why` without POD. `transform` runs on the available cores and must be pure.
  public func explainAll<R: Sendable>(namespace: String?, at instant: Instant?,
                                      _ transform: @escaping @Sendable (Explanation) -> R) throws -> [R] {
    try explainAll(namespace: namespace, at: instant, slice: nil) { e, _ in transform(e) }
  }

  /// `explainAll` of the pods that pass `slice` (nil: all), `transform` given each explanation
  /// and the state it explains (`why -A`'s cluster view).
  public func explainAll<R: Sendable>(namespace: String?, at instant: Instant?, slice: PodSlice?,
                                      _ transform: @escaping @Sendable (Explanation, PodState) -> R) throws -> [R] {
    try mapPods(namespace: namespace, at: instant, try explainer(at: instant, slice: slice, namespace: namespace, transform))
  }

  /// What `explainAll` does with each pod and its facts: project, explain, and `transform` the
  /// explanation when the cluster view lists the pod and it passes `slice`.
  func explainer<R: Sendable>(at instant: Instant?, slice: PodSlice?, namespace: String?,
                              _ transform: @escaping @Sendable (Explanation, PodState) -> R) throws
    -> @Sendable (StoredObject, [Fact], [Fact]) -> R? {
    let horizons = instant == nil ? try store.importHorizons() : [:]
    let owners = try query.owners(namespace: namespace)
    let nodeFacts = try self.nodeFacts()
    let recordedGaps = try RecordedGaps(store: store)
    return { pod, facts, own in
      let (state, upTo, history) = projectWithHistory(facts, at: instant ?? PodQuery.defaultInstant(for: facts, horizons: horizons))
      if let slice, !slice.admits(state) { return nil }
      let declared = PodQuery.applicable(own: own, owners: owners, pod: pod, observed: facts)
      let nodes = nodeFacts.isEmpty ? NodeFacts() : NodeFacts(nodeFacts, at: state.at, clock: state.clock)
      guard let e = PodQuery.listedExplanation(state, history: history, facts: upTo, declared: declared, nodes: nodes),
            slice?.admits(cause: e.causes.first?.code) ?? true else { return nil }
      return transform(recordedGaps.adding(to: e, facts: upTo), state)
    }
  }

  /// `query.mapPods` of the pods in scope; at an `instant`, only those that may exist then
  /// (`podsMaybeExisting`: the pod summaries tell which pods began later).
  func mapPods<R: Sendable>(namespace: String?, at instant: Instant?,
                            _ transform: @escaping @Sendable (StoredObject, [Fact], [Fact]) -> R?) throws -> [R] {
    guard let instant else { return try query.mapPods(namespace: namespace, transform) }
    let all = try query.pods(namespace: namespace)
    let pods = try podsMaybeExisting(all, namespace: namespace, at: instant)
    return try query.mapPods(pods, listing: IndexedPodScope(all, namespace: namespace), transform)
  }

  /// How text output names the store's sources, seen from the working directory (`SourceNames`).
  public func sourceNames() throws -> SourceNames {
    SourceNames(sources: try store.imports().map(\.source), workingDirectory: FileManager.default.currentDirectoryPath)
  }

  /// The clock a document about several explanations is told in: relative when any of them is.
  public static func clock(of clocks: [Clock?]) -> Clock { clocks.contains { $0 == .relative } ? .relative : .absolute }

  // MARK: Integrity

  /// What `verify` found, and the exit status it means (0, or 3 for a damaged store).
  public struct Verification: Sendable {
    /// One sentence per problem; empty when the store is sound.
    public var problems: [String]
    /// The store's size.
    public var chunks: Int, facts: Int, objects: Int
    /// Facts that record a hole in a recording (`RecordingGap`), among `facts`.
    public var recordingGaps = 0
    /// docs/cli.md: 0 when sound, 3 when damaged.
    public var exitStatus: Int32 { problems.isEmpty ? 0 : 3 }
  }

  /// Checks every chunk's checksum and that the index matches the log.
  public func verify() throws -> Verification {
    let problems = try store.verify() + (try verifySummaries())
    let c = try store.counts()
    var v = Verification(problems: problems, chunks: c.chunks, facts: c.facts, objects: c.objects)
    v.recordingGaps = try RecordedGaps(store: store).gaps.count
    return v
  }

  /// Rebuilds the index from the log alone; returns the store's size.
  public func reindex() throws -> (chunks: Int, facts: Int, objects: Int) {
    try store.reindex(rebuilding: PodSummaries.rebuild)
    return try store.counts()
  }
}
