import CSQLite
import Foundation

/// The pod summaries as a whole-store listing reads them when none needs making afresh: every
/// pod of the index with the cells of its row, as byte ranges of one buffer. No string or struct
/// per cell: at 10^6 Events (181,470 pods) the listings then cost about what reading the index
/// costs (tools/bench/RESULTS.md).
struct SummaryListing: Sendable {
  /// A cell: `count` bytes of `bytes` from `start`.
  struct Cell: Sendable, Hashable {
    var start: Int32, count: Int32
    static let empty = Cell(start: 0, count: 0)
  }

  /// A pod of the index that has a row: its names and the cells `get pods` and `why -A --summary` read.
  struct Pod: Sendable {
    var id: Int64
    /// Its namespace, as an index into `namespaces`; its name.
    var namespace: Int32, name: Cell
    /// `PodSummary`'s flags: 2 exists, 4 deleted, 8 listed by `why -A`.
    var flags: UInt8 = 0
    var ready = Cell.empty, status = Cell.empty, restarts = Cell.empty, age = Cell.empty, ip = Cell.empty
    var node = Cell.empty, deletedText = Cell.empty
    /// `why -A`'s top cause code, confidence and owner (empty when it has none).
    var code = Cell.empty, confidence = Cell.empty, owner = Cell.empty

    var exists: Bool { flags & 2 != 0 }
    var deleted: Bool { flags & 4 != 0 }
    var listed: Bool { flags & 8 != 0 }
  }

  /// The buffer the cells of the rows point into (the words, the blocks), and the one the
  /// pods' names point into.
  var bytes: [UInt8] = [], names: [UInt8] = []
  /// The distinct namespaces, as their bytes.
  var namespaces: [[UInt8]] = []
  /// The pods that have a row, by object id.
  var pods: [Pod] = []
  /// The same pods in the index's order (by name, then namespace): positions in `pods`.
  var order: [Int32] = []
  /// While reading: each object id's position in `pods` (-1: none).
  var position: [Int32] = []

  /// The text of `c` (a cell of `bytes`).
  func text(_ c: Cell) -> String { String(decoding: bytes[Int(c.start)..<Int(c.start + c.count)], as: UTF8.self) }
}

extension Store {
  /// The pod summaries for a whole-store listing, or nil when some must be made afresh first: an
  /// import marked pods, or a row is stale (its import's horizon, per `horizons`, moved past its
  /// instant: a stream still importing). With `lines`, the `why -A` columns are read too. Throws
  /// when the index and the rows disagree (as `StoredPodSummaries.named`).
  func summaryListing(horizons: [Int64: Int64], lines: Bool) throws -> SummaryListing? {
    try mapping {
      guard try Store.hasPodSummaries(db) else { return nil }
      guard try db.scalar("SELECT EXISTS (SELECT 1 FROM pod_summary_dirty)") == 0, try Store.summariesMadeHere(db) else { return nil }
      var out = SummaryListing()
      var words: [Int64: SummaryListing.Cell] = [:]
      let w = try db.prepare("SELECT id, word FROM pod_summary_words")
      while try w.step() { words[w.int(0)] = try out.append(w.textBytes(1)) }
      var blocks: [(block: Int64, digest: UInt64, rawSize: Int, rows: [UInt8])] = []
      let b = try db.prepare("SELECT block, names, raw_size, rows FROM pod_summary_blocks ORDER BY block")
      while try b.step() { blocks.append((b.int(0), UInt64(bitPattern: b.int(1)), Int(b.int(2)), b.blob(3))) }
      // The blocks are decoded on one core while the index is read on the other.
      let decoded = UncheckedSlot<Result<Bool, Error>>(.success(false))
      let read = UncheckedSlot<Result<IndexedPods, Error>>(.success(IndexedPods()))
      let listing = UncheckedSlot(out)
      let database = UncheckedBox(db)
      let compressed = blocks, wordCells = words
      DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 {
          decoded.value = Result {
            var fresh = listing.value
            fresh.bytes.reserveCapacity(fresh.bytes.count + compressed.reduce(0) { $0 + max(0, min($1.rawSize, 1 << 24)) })
            // At most a block's size of rows each; ids up to the last block's end.
            fresh.pods.reserveCapacity(compressed.count * Int(PodSummaryBlock.size))
            if let last = compressed.last?.block, last >= 0, last < Int64(Int32.max) / PodSummaryBlock.size {
              fresh.position.reserveCapacity(Int((last + 1) * PodSummaryBlock.size))
            }
            for block in compressed {
              let raw = try Chunk.inflate(block.rows, rawSize: block.rawSize)
              guard try fresh.decode(raw, block: block.block, words: wordCells, horizons: horizons, lines: lines) else { return false }
            }
            listing.value = fresh
            return true
          }
        } else {
          read.value = Result { try IndexedPods(database.value) }
        }
      }
      guard try decoded.value.get() else { return nil }
      out = listing.value
      let index = try read.value.get()
      out.names = index.names
      out.namespaces = index.namespaces
      // Each pod of the index that has a row gets its names; the rows' digests of them are checked.
      var found = [UInt64](repeating: 0, count: blocks.count)
      let blockAt = Dictionary(blocks.enumerated().map { ($1.block, $0) }, uniquingKeysWith: { a, _ in a })
      out.order.reserveCapacity(out.pods.count)
      for k in index.ids.indices {
        let id = index.ids[k]
        guard id >= 0, id < out.position.count else { continue }
        let p = out.position[Int(id)]
        guard p >= 0 else { continue }
        out.pods[Int(p)].namespace = index.namespace[k]
        out.pods[Int(p)].name = index.name[k]
        out.order.append(p)
        if let at = blockAt[id / PodSummaryBlock.size] { found[at] &+= index.digest[k] }
      }
      if out.order.count < out.pods.count {
        let named = Set(out.order)
        let lost = out.pods.indices.first { !named.contains(Int32($0)) }.map { out.pods[$0].id } ?? 0
        throw StoreError.damaged("the index lacks the pod of object id \(lost), which the pod summaries hold; `podhist reindex` rebuilds the index")
      }
      for (at, block) in blocks.enumerated() where found[at] != block.digest {
        let first = block.block * PodSummaryBlock.size
        throw StoreError.damaged("the index names the pods of object ids \(first)–\(first + PodSummaryBlock.size - 1) otherwise than the pod summaries were made for; `podhist reindex` rebuilds the index")
      }
      out.position = []
      return out
    }
  }
}

extension SummaryListing {
  /// Appends `b`; its cell.
  mutating func append(_ b: UnsafeBufferPointer<UInt8>) throws -> Cell {
    try room(b.count)
    let c = Cell(start: Int32(bytes.count), count: Int32(b.count))
    bytes.append(contentsOf: b)
    return c
  }

  private func room(_ n: Int) throws {
    guard bytes.count + n < Int(Int32.max) else { throw StoreError.internalFailure("the pod summaries exceed 2 GiB") }
  }

  /// Reads one block's rows (`PodSummaryBlock`'s encoding) into `rows`, by object id; its bytes are
  /// appended so that the cells point into them. False when a row is stale.
  mutating func decode(_ raw: [UInt8], block: Int64, words: [Int64: Cell], horizons: [Int64: Int64], lines: Bool) throws -> Bool {
    try room(raw.count)
    let base = bytes.count
    bytes.append(contentsOf: raw)
    var head = ByteReaderCursor(raw)
    let count = try head.int()
    guard count >= 0, count <= Int(PodSummaryBlock.size) else { throw StoreError.damaged("a pod summary block holds \(count) rows") }
    var starts: [Int] = []
    var lengths: [Int] = []
    for _ in 0..<PodSummaryBlock.columns { lengths.append(try head.int()) }
    var at = head.at
    for n in lengths {
      guard n >= 0, n <= raw.count - at else { throw StoreError.damaged("a pod summary block ends early") }
      starts.append(at)
      at += n
    }
    var c = (0..<PodSummaryBlock.columns).map { ColumnCursor(raw: raw, at: starts[$0], end: starts[$0] + lengths[$0], base: base) }
    func word(_ i: Int) throws -> Cell {
      let id = try c[i].varint()
      guard id != 0 else { return .empty }
      guard let w = words[Int64(truncatingIfNeeded: id)] else { throw StoreError.damaged("a pod summary names word \(id), which pod_summary_words lacks") }
      return w
    }
    var id = block * PodSummaryBlock.size
    var instant: Int64 = 0
    var knownImport: Int64 = .min, horizon: Int64 = 0
    for _ in 0..<count {
      id += Int64(try c[0].varint())
      let flags = try c[1].varint()
      instant = instant &+ (try c[2].zigzag())
      if flags & 32 != 0 {
        let lastImport = try c[3].zigzag()
        if lastImport != knownImport {
          guard let h = horizons[lastImport] else { return false }
          knownImport = lastImport
          horizon = h
        }
        guard horizon <= instant else { return false }
      }
      var pod = Pod(id: id, namespace: 0, name: .empty, flags: UInt8(truncatingIfNeeded: flags & 14))
      pod.ready = try c[5].string()
      pod.status = try word(6)
      pod.restarts = try c[7].string()
      pod.age = try c[8].string()
      pod.ip = try c[9].string()
      pod.node = try word(10)
      pod.deletedText = try c[11].string()
      if lines && flags & 8 != 0 {
        pod.code = try word(15)
        pod.confidence = try word(17)
        pod.owner = try word(18)
      }
      // Ids grow within a block and from block to block; a damaged block could repeat one.
      guard id >= 0, id < Int64(Int32.max), Int(id) >= position.count else { throw StoreError.damaged("a pod summary block repeats object id \(id)") }
      position += repeatElement(-1, count: Int(id) - position.count + 1)
      position[Int(id)] = Int32(pods.count)
      pods.append(pod)
    }
    return true
  }

  /// A cursor over one column of a block, whose cells are its bytes' offsets plus `base`.
  private struct ColumnCursor {
    let raw: [UInt8]
    var at: Int
    let end: Int
    let base: Int

    mutating func varint() throws -> UInt64 {
      var v: UInt64 = 0
      var shift: UInt64 = 0
      while true {
        guard at < end else { throw StoreError.damaged("a pod summary block ends early") }
        let b = raw[at]
        at += 1
        v |= UInt64(b & 0x7f) << shift
        if b < 0x80 { return v }
        shift += 7
        guard shift < 64 else { throw StoreError.damaged("a pod summary block holds a bad number") }
      }
    }

    mutating func zigzag() throws -> Int64 {
      let u = try varint()
      return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    mutating func string() throws -> Cell {
      let n = Int(truncatingIfNeeded: try varint())
      guard n >= 0, n <= end - at else { throw StoreError.damaged("a pod summary block ends early") }
      defer { at += n }
      return Cell(start: Int32(base + at), count: Int32(n))
    }
  }
}

/// The pods of the index as a listing reads them: in the index's order (by name, then namespace),
/// each with its namespace (an index into `namespaces`), its name (a cell of `names`) and the
/// digest of both (`PodSummaryBlock.nameDigest`).
struct IndexedPods {
  var ids: [Int64] = [], namespace: [Int32] = [], name: [SummaryListing.Cell] = [], digest: [UInt64] = []
  var names: [UInt8] = []
  var namespaces: [[UInt8]] = []

  init() {}

  /// Every pod of the index of `db`.
  init(_ db: Database) throws {
    var lookup: [[UInt8]: Int32] = [:]
    var last: Int32 = -1
    let s = try db.prepare("SELECT id, namespace, name FROM objects WHERE kind = 'Pod'")
    while try s.step() {
      let id = s.int(0)
      let ns = s.textBytes(1), name = s.textBytes(2)
      // Namespaces repeat: the previous one, then the few known are compared before hashing.
      var index: Int32 = -1
      if last >= 0, namespaces[Int(last)].elementsEqual(ns) {
        index = last
      } else if namespaces.count <= 16 {
        index = namespaces.firstIndex { $0.elementsEqual(ns) }.map(Int32.init) ?? -1
      } else {
        index = lookup[Array(ns)] ?? -1
      }
      if index < 0 {
        index = Int32(namespaces.count)
        namespaces.append(Array(ns))
        lookup[Array(ns)] = index
      }
      last = index
      guard names.count + name.count < Int(Int32.max) else { throw StoreError.internalFailure("the pod names exceed 2 GiB") }
      ids.append(id)
      namespace.append(index)
      self.name.append(SummaryListing.Cell(start: Int32(names.count), count: Int32(name.count)))
      names.append(contentsOf: name)
      digest.append(PodSummaryBlock.nameDigest(id: id, namespace: ns, name: name))
    }
  }
}
