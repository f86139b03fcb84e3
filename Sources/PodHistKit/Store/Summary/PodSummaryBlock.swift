import Foundation

/// The pod summaries of one block of object ids (`pod_summary_blocks`, schema/pod-summaries.sql),
/// encoded column by column before compression: the rows of neighbouring pods share most of their
/// cells (the same instant, status, node), so each column compresses to a few bits per pod.
/// Repeated words (status, node, cause, container, confidence, owner) are ids into
/// `pod_summary_words` (0: none); names are not kept (the index has them, by object id).
enum PodSummaryBlock {
  /// Object ids per block: a block holds the pods whose id divided by this is the block's number.
  static let size: Int64 = 1024

  /// The columns of the encoding, in their order.
  static let columns = 21

  /// The encoded (uncompressed) rows of one block, in id order; `word` gives a word's id.
  static func encode(_ rows: [PodSummary], block: Int64, word: (String?) throws -> UInt64) throws -> [UInt8] {
    var c = [ByteWriter](repeating: ByteWriter(), count: columns)
    var previousID = block * size
    var previousAt: Int64 = 0
    for r in rows.sorted(by: { $0.id < $1.id }) {
      let l = r.line
      c[0].varint(UInt64(r.id - previousID))
      previousID = r.id
      var flags: UInt64 = r.clock == "relative" ? 1 : 0
      if r.exists { flags |= 2 }
      if r.deleted { flags |= 4 }
      if l != nil { flags |= 8 }
      if r.firstAt != nil { flags |= 16 }
      if r.lastImport != nil { flags |= 32 }
      if let clock = l?.clock { flags |= clock == "relative" ? 64 : 128 }
      c[1].varint(flags)
      c[2].zigzag(r.at &- previousAt)
      previousAt = r.at
      if let lastImport = r.lastImport { c[3].zigzag(lastImport) }
      if let first = r.firstAt { micros(r.at &- first, &c[4]) }
      c[5].string(r.ready)
      c[6].varint(try word(r.status))
      c[7].string(r.restarts)
      c[8].string(r.age)
      c[9].string(r.ip)
      c[10].varint(try word(r.node))
      c[11].string(r.deletedText)
      guard let l else { continue }
      c[12].varint(l.status == r.status ? 0 : try word(l.status))
      c[13].zigzag(l.restartsLow)
      c[14].zigzag(l.restartsHigh &- l.restartsLow)
      c[15].varint(try word(l.code))
      c[16].varint(try word(l.container))
      c[17].varint(try word(l.confidence))
      c[18].varint(try word(l.owner))
      if let since = l.since { c[19].byte(1); micros(since, &c[19]) } else { c[19].byte(0) }
      c[20].zigzag(l.at &- r.at)
    }
    var out = ByteWriter()
    out.varint(rows.count)
    for w in c { out.varint(w.bytes.count) }
    for w in c { out.raw(w.bytes) }
    return out.bytes
  }

  /// The rows of one block, decoded; each row's namespace and name are left empty (the caller
  /// takes them from the index by `PodSummary.id`). `words` maps word ids back to words.
  static func decode(_ bytes: [UInt8], block: Int64, words: [Int64: String]) throws -> [PodSummary] {
    var out: [PodSummary] = []
    try decode(bytes, block: block, words: words, into: &out)
    return out
  }

  /// `decode`, appending the rows to `out`.
  static func decode(_ bytes: [UInt8], block: Int64, words: [Int64: String], into out: inout [PodSummary]) throws {
    var head = ByteReaderCursor(bytes)
    let count = try head.int()
    guard count >= 0, count <= Int(size) else { throw StoreError.damaged("a pod summary block holds \(count) rows") }
    var lengths: [Int] = []
    for _ in 0..<columns { lengths.append(try head.int()) }
    var c: [ByteReaderCursor] = []
    for n in lengths { c.append(ByteReaderCursor(Array(try head.take(n)))) }
    func word(_ i: Int) throws -> String? {
      let id = try c[i].varint()
      guard id != 0 else { return nil }
      guard let w = words[Int64(truncatingIfNeeded: id)] else { throw StoreError.damaged("a pod summary names word \(id), which pod_summary_words lacks") }
      return w
    }
    // (No reserveCapacity: `out` grows over many blocks, geometrically.)
    var id = block * size
    var at: Int64 = 0
    for _ in 0..<count {
      id += Int64(try c[0].varint())
      let flags = try c[1].varint()
      at = at &+ (try c[2].zigzag())
      let lastImport = flags & 32 != 0 ? try c[3].zigzag() : nil
      let firstAt = flags & 16 != 0 ? at &- (try micros(&c[4])) : nil
      let ready = try c[5].string()
      let status = try word(6) ?? ""
      let restarts = try c[7].string(), age = try c[8].string(), ip = try c[9].string()
      let node = try word(10) ?? ""
      let deletedText = try c[11].string()
      var line: PodSummary.Line?
      if flags & 8 != 0 {
        let whyStatus = try word(12) ?? status
        let low = try c[13].zigzag()
        let high = low &+ (try c[14].zigzag())
        let code = try word(15), container = try word(16), confidence = try word(17), owner = try word(18)
        let since = try c[19].byte() == 1 ? try micros(&c[19]) : nil
        let whyAt = at &+ (try c[20].zigzag())
        let clock: String? = flags & 64 != 0 ? "relative" : flags & 128 != 0 ? "absolute" : nil
        line = PodSummary.Line(status: whyStatus, restartsLow: low, restartsHigh: high, code: code, container: container,
                               confidence: confidence, owner: owner, since: since, at: whyAt, clock: clock)
      }
      out.append(PodSummary(id: id, namespace: "", name: "", at: at, clock: flags & 1 != 0 ? "relative" : "absolute",
                            lastImport: lastImport, firstAt: firstAt, exists: flags & 2 != 0, deleted: flags & 4 != 0,
                            ready: ready, status: status, restarts: restarts, age: age, ip: ip, node: node,
                            deletedText: deletedText, line: line))
    }
  }

  /// What a block keeps of the names of its pods (they are the index's): the sum of this over its
  /// rows, so that a listing notices an index whose names or kinds changed since the rows were made.
  static func nameDigest(id: Int64, namespace: String, name: String) -> UInt64 {
    nameDigest(id: id, namespace: namespace.utf8, name: name.utf8)
  }

  /// `nameDigest` of names given as their UTF-8 bytes.
  static func nameDigest(id: Int64, namespace: some Sequence<UInt8>, name: some Sequence<UInt8>) -> UInt64 {
    // FNV-1a (`FNV1a64`) over the id's 8 bytes (little-endian), the namespace, a 0, the name.
    var h: UInt64 = 0xcbf29ce484222325
    for i in 0..<8 { h = (h ^ UInt64(UInt8(truncatingIfNeeded: id >> (8 * i)))) &* 0x100000001b3 }
    for b in namespace { h = (h ^ UInt64(b)) &* 0x100000001b3 }
    h = h &* 0x100000001b3
    for b in name { h = (h ^ UInt64(b)) &* 0x100000001b3 }
    return h
  }

  /// A span of µs, in whole seconds when it is (most instants come from second-precision timestamps).
  private static func micros(_ v: Int64, _ w: inout ByteWriter) {
    if v % 1_000_000 == 0 { w.varint(zigzag(v / 1_000_000) << 1 | 1) } else { w.varint(zigzag(v) << 1) }
  }

  private static func micros(_ r: inout ByteReaderCursor) throws -> Int64 {
    let u = try r.varint()
    let v = unzigzag(u >> 1)
    return u & 1 == 1 ? v &* 1_000_000 : v
  }

  private static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
  private static func unzigzag(_ u: UInt64) -> Int64 { Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))) }
}
