import Foundation

/// Appends facts during one import (one transaction). Facts are deduplicated by content against
/// the store and the import itself, buffered per object, and written as chunks that group a few
/// thousand facts of many objects (`ChunkWriter`).
public final class ImportSession {
  let store: Store
  let writer: ChunkWriter
  /// Facts waiting to be written, per object (by its key's fingerprint).
  var pending: [Fingerprint: [Fact]] = [:]
  var pendingCount = 0
  /// Per buffered object: the window its group started in, and the last window that added to it.
  var pendingWindows: [Fingerprint: (started: Int, last: Int)] = [:]
  /// How many times the buffer has filled in this session.
  var window = 0
  /// A group waits at most this many windows, and only while it has fewer facts than `carryFacts`.
  static let carryWindows = 16
  static let carryFacts = 256
  /// The fingerprints of every fact this session added (a fact's fingerprint covers its object,
  /// so one set serves all objects).
  var seen = Set<Fingerprint>()
  /// The digests of the stored facts of every object the session has met, read from the index
  /// (`chunk_digests`), never from the chunks (schema/deduplication.md).
  var stored = Set<UInt64>()
  /// The objects whose stored facts are in `stored` (or that the store does not have).
  var checked = Set<Fingerprint>()
  /// The objects the store holds or this session added to (of those in `checked`): where a
  /// fact's namespace twin (`namespaceTwin`) may already be.
  var present = Set<Fingerprint>()
  var currentImport: Int64 = 0
  var added = 0
  var known = 0
  var objectsTouched = Set<Fingerprint>()
  /// Names of the pods touched filed under no namespace, and under a known one: a name in both
  /// is one pod (it is joined at query time, `UnknownNamespaceJoin`), counted once.
  var unknownNamespaceNames = Set<String>()
  var knownNamespaceNames = Set<String>()
  /// The pods touched since `begin`, a pod filed under no namespace and under a known one once.
  var podsTouched: Int {
    objectsTouched.count - unknownNamespaceNames.intersection(knownNamespaceNames).count
  }

  /// Facts buffered before the buffer is written (`writeWindow`). A larger window puts more of
  /// one pod's facts into one chunk at the cost of memory while importing. Measured on 10^6
  /// Events (tools/bench workload): 24,000 with carried groups peaked at 175 MiB, stored 57.1
  /// bytes per Event and put the longest pod history (101 Events) in 6 chunks; 30,000 without
  /// carrying: 164 MiB, 57.0 bytes, 27 chunks.
  static let defaultWindow = 24_000
  var windowLimit = ImportSession.defaultWindow

  init(store: Store) {
    self.store = store
    writer = ChunkWriter(db: store.db)
  }

  /// Starts the record of one input file; facts added until the next `begin` belong to it.
  public func begin(source: String) throws -> Int64 {
    try flushAll()
    try store.mapping {
      let s = try store.db.prepare("INSERT INTO imports (imported_at, source) VALUES (?, ?)")
      let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
      try s.bind(.int(now), .text(source))
      try s.run()
    }
    currentImport = store.db.lastInsertRowID
    added = 0; known = 0; objectsTouched = []; unknownNamespaceNames = []; knownNamespaceNames = []
    return currentImport
  }

  /// Facts met since `begin` (added or already known) and the pods they touched.
  public var progress: (facts: Int, pods: Int) { (added + known, podsTouched) }

  /// Closes the current file's record with its counts and notes.
  public func finish(formats: [String], notes: [String]) throws -> (added: Int, known: Int, objects: Int) {
    try flushAll()
    try store.mapping {
      let s = try store.db.prepare("UPDATE imports SET formats = ?, facts_added = ?, facts_known = ?, notes = ? WHERE id = ?")
      try s.bind(.text(formats.joined(separator: ",")), .int(Int64(added)), .int(Int64(known)),
                 .text(notes.joined(separator: "\n")), .int(currentImport))
      try s.run()
    }
    return (added, known, podsTouched)
  }

  /// Adds one fact unless the store or this import already has the same content.
  public func append(_ fact: Fact) throws {
    try append(fact, fingerprint: try FactCodec.fingerprint(fact), object: Store.objectFingerprint(fact.object))
  }

  /// `append` with the fingerprints of the fact and of its object's key already computed (by
  /// the parsing thread).
  func append(_ fact: Fact, fingerprint: Fingerprint, object: Fingerprint) throws {
    var f = fact
    f.provenance.importID = currentImport
    if f.object.isPod, objectsTouched.insert(object).inserted {
      if f.object.isNamespaceUnknown { unknownNamespaceNames.insert(f.object.name) } else { knownNamespaceNames.insert(f.object.name) }
    }
    if checked.insert(object).inserted { try loadStoredDigests(of: f.object) }
    guard !stored.contains(fingerprint.a), !seen.contains(fingerprint) else { known += 1; return }
    if let twin = ImportSession.namespaceTwin(of: f.object) {
      let twinObject = Store.objectFingerprint(twin)
      if checked.insert(twinObject).inserted { try loadStoredDigests(of: twin) }
      // Only when the store or this import holds the twin pod: a fact's second fingerprint is
      // computed for the few pods filed both ways, never for every pod of `default`.
      if present.contains(twinObject) {
        var g = fact
        g.object = twin
        let twinPrint = try FactCodec.fingerprint(g)
        guard !stored.contains(twinPrint.a), !seen.contains(twinPrint) else { known += 1; return }
      }
    }
    seen.insert(fingerprint)
    present.insert(object)
    added += 1
    store.summaryChanges.note(f.object)
    pending[object, default: []].append(f)
    pendingWindows[object] = (pendingWindows[object]?.started ?? window, window)
    pendingCount += 1
    if pendingCount >= windowLimit { try writeWindow() }
  }

  /// Writes the buffer when it is full, except the groups of objects still receiving facts
  /// that are small and young: a pod that trickles Events all day then waits for more instead
  /// of leaving two or three facts in every window's chunks, so its history ends up in a few
  /// chunks (fewer to read, its strings stored fewer times). Waiting groups use at most half
  /// the window, and none waits more than `carryWindows` windows.
  func writeWindow() throws {
    var candidates: [(id: Fingerprint, key: ObjectKey, count: Int)] = []
    var written: [(id: Fingerprint, key: ObjectKey)] = []
    for (id, facts) in pending {
      guard let first = facts.first else { continue }
      let key = ObjectKey(first.object)
      if let w = pendingWindows[id], w.last == window, window - w.started < ImportSession.carryWindows,
         facts.count < ImportSession.carryFacts {
        candidates.append((id, key, facts.count))
      } else {
        written.append((id, key))
      }
    }
    candidates.sort { $0.key < $1.key }
    var kept = 0
    for c in candidates {
      if kept + c.count <= windowLimit / 2 { kept += c.count } else { written.append((c.id, c.key)) }
    }
    window += 1
    try write(written)
  }

  /// Hands the groups of these buffered objects to the writer, in key order (chunks may still be
  /// encoding when it returns).
  func write(_ objects: [(id: Fingerprint, key: ObjectKey)]) throws {
    var groups: [ChunkGroup] = []
    for o in objects.sorted(by: { $0.key < $1.key }) {
      guard let facts = pending.removeValue(forKey: o.id) else { continue }
      pendingWindows[o.id] = nil
      pendingCount -= facts.count
      groups.append(ChunkGroup(facts: facts))
    }
    try store.mapping { try writer.write(groups, importID: currentImport) }
  }

  /// The pod a fact filed under `ref` may already be stored under: a text paste that named no
  /// namespace files its pod under "" (schema/namespace-unknown.md); stores written before
  /// 2026-12 filed the same paste under `default`. The same content under the other of the two
  /// is the same fact (re-importing an old paste adds nothing), both ways. Nil for other objects.
  static func namespaceTwin(of ref: ObjectRef) -> ObjectRef? {
    guard ref.isPod else { return nil }
    var twin = ref
    switch ref.namespace {
    case ObjectRef.unknownNamespace: twin.namespace = "default"
    case "default": twin.namespace = ObjectRef.unknownNamespace
    default: return nil
    }
    return twin
  }

  /// Adds the digests of the facts the store already holds about an object to `stored` (none for
  /// an object it has never seen: one index lookup; else one range of `chunk_digests`), and the
  /// object to `present`.
  func loadStoredDigests(of ref: ObjectRef) throws {
    guard let id = try store.mapping({ try writer.existingObjectID(ref) }) else { return }
    present.insert(Store.objectFingerprint(ref))
    for d in try store.mapping({ try writer.storedDigests(objectID: id, ref: ref) }) { stored.insert(d) }
  }

  /// Forgets what the session knows of the store's facts (rebuilt from the index as objects come
  /// back): after another writer's commit, after a rollback, or to bound a long session's memory.
  func forgetStored() {
    seen.removeAll()
    stored.removeAll()
    checked.removeAll()
    present.removeAll()
    writer.objectIDs.removeAll()
    writer.lastObjectID = nil
  }

  /// Writes every buffered fact, objects in key order, and waits until it is in the log.
  func flushAll() throws {
    try write(pending.compactMap { e in e.value.first.map { (e.key, ObjectKey($0.object)) } })
    try store.mapping { try writer.drain() }
  }
}
