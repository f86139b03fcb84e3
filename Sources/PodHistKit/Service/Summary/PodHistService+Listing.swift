import Foundation

extension PodHistService {
  /// The pod summaries read lean (`Store.summaryListing`), or nil when they cannot be read so:
  /// the store keeps none, an import marked pods, a row is stale, or a pod's namespace is unknown
  /// (which pod such a pod joins is decided at query time, `UnknownNamespaceJoin`).
  /// When an import marked pods, their rows are made and written back first (`writeMarkedSummaries`).
  func summaryListing(lines: Bool) throws -> SummaryListing? {
    let join = query.unknownNamespaces
    guard join.target.isEmpty, join.apart.isEmpty else { return nil }
    let horizons = try store.importHorizons().mapValues(\.micros)
    if let listing = try store.summaryListing(horizons: horizons, lines: lines) { return listing }
    guard try writeMarkedSummaries() else { return nil }
    return try store.summaryListing(horizons: horizons, lines: lines)
  }

  /// Makes afresh the rows of the pods an import marked and writes them back
  /// (`Store.writeBackSummaries`), keeping none in memory: the lean reading then reads them as
  /// any other (after an import of 10^6 Events, the rows of 181,470 pods). True when written;
  /// false when nothing is marked, or the store would not take them now (read-only, locked,
  /// changed since): the listing then summarises in memory (`refreshSummaries`).
  func writeMarkedSummaries() throws -> Bool {
    guard try store.hasPodSummaries() else { return false }
    let token = try store.summaryToken()
    let dirty = try store.dirtySummaryPods()
    guard dirty.all || !dirty.pods.isEmpty else { return false }
    // In id order: the rows are written block by block of ids.
    let pods = (dirty.all ? try query.pods(namespace: nil) : dirty.pods).sorted { $0.id < $1.id }
    return store.writeBackSummaries(try summaries(of: pods), clearing: dirty.pods, all: dirty.all, token: token)
  }

  /// A whole `get pods` table (`names`: `-o name`) of the pods of `namespace` (nil: all) that
  /// exist (deleted ones too with `showDeleted`), in kubectl's order (namespace, then name), written
  /// as bytes already neutralised for a terminal without colour: the same bytes as
  /// `TableLayout.line` of `PodListRender`'s cells, neutralised (`TerminalText.neutralised`).
  /// `allNamespaces(several)` says whether the NAMESPACE column is shown, told whether the rows
  /// span several namespaces. `write` gets the first 64 lines one by one, then about 64 KiB at a
  /// time, until it returns false. When the same listing was printed since the store last changed,
  /// its first screen is written at once (`Store.listingHead`) and `readerStays` asked before the
  /// rest is read (false: the reader went away, as `| head` does). Returns how many pods were
  /// listed; nil, with nothing written, when the summaries cannot be read lean (`summaryListing`):
  /// the caller lists otherwise.
  public func writePodTable(namespace: String?, wide: Bool, showDeleted: Bool, names: Bool,
                            allNamespaces: (Bool) -> Bool, readerStays: () -> Bool = { true },
                            write: ([UInt8]) -> Bool) throws -> Int? {
    let join = query.unknownNamespaces
    guard join.target.isEmpty, join.apart.isEmpty else { return nil }
    let form = "get pods \(namespace.map { "-n " + $0 } ?? "all")\(wide ? " wide" : "")\(showDeleted ? " deleted" : "")"
      + "\(names ? " name" : "") namespaces \(allNamespaces(false)) \(allNamespaces(true))"
    let token = try store.listingHeadToken()
    var skip = 0
    let head = try store.listingHead(form: form, token: token)
    if let head {
      guard write(head.bytes), readerStays() else { return head.pods }
      skip = head.bytes.count
    }
    // What is written after the head; the first 64 writes are kept as the next listing's head.
    var kept: [UInt8] = []
    var writes = 0
    func sink(_ bytes: [UInt8]) -> Bool {
      if writes < 64 && kept.count < 1 << 18 { kept += bytes }
      writes += 1
      guard skip > 0 else { return write(bytes) }
      if skip >= bytes.count { skip -= bytes.count; return true }
      defer { skip = 0 }
      return write(Array(bytes[skip...]))
    }
    guard let listing = try summaryListing(lines: false) else {
      // A head is only kept while nothing is marked or stale: the rows it came from are still there.
      if head != nil { throw StoreError.internalFailure("the pod summaries changed under a listing whose head was printed") }
      return nil
    }
    let (count, complete) = try writePodTable(listing, namespace: namespace, wide: wide, showDeleted: showDeleted, names: names,
                                              allNamespaces: allNamespaces, write: sink)
    // Kept once whole: the listing was written to the end, or its first 64 writes went out (a
    // reader such as `| head` leaves after them).
    if head == nil && count > 0 && (complete || writes >= 64) { store.keepListingHead(form: form, token: token, pods: count, bytes: kept) }
    return count
  }

  /// `writePodTable` of `listing`: how many pods it lists, and whether all were written (`write` did not stop it).
  private func writePodTable(_ listing: SummaryListing, namespace: String?, wide: Bool, showDeleted: Bool, names: Bool,
                             allNamespaces: (Bool) -> Bool, write: ([UInt8]) -> Bool) throws -> (pods: Int, complete: Bool) {
    // Which pods, in which order: by namespace (its bytes, as SQLite's BINARY order), then by
    // name, which is the index's own order within a namespace.
    let wanted: Int32? = namespace.map { ns in Int32(listing.namespaces.firstIndex { $0.elementsEqual(ns.utf8) } ?? -1) }
    let order = listing.namespaces.indices.sorted { listing.namespaces[$0].lexicographicallyPrecedes(listing.namespaces[$1]) }
    var rank = [Int](repeating: 0, count: listing.namespaces.count)
    for (r, i) in order.enumerated() { rank[i] = r }
    var buckets = [[Int32]](repeating: [], count: listing.namespaces.count)
    for i in listing.order {
      let p = listing.pods[Int(i)]
      guard p.exists && (showDeleted || !p.deleted) && (wanted == nil || p.namespace == wanted) else { continue }
      buckets[rank[Int(p.namespace)]].append(i)
    }
    let count = buckets.reduce(0) { $0 + $1.count }
    guard count > 0 else { return (0, true) }
    let nsCells = listing.namespaces.map { Array(ObjectRef.cell(namespace: String(decoding: $0, as: UTF8.self)).utf8) }
    return listing.bytes.withUnsafeBufferPointer { buffer in listing.names.withUnsafeBufferPointer { nameBuffer in
      var out = TableBytes()
      func cell(_ c: SummaryListing.Cell) -> Bytes { Bytes(rebasing: buffer[Int(c.start)..<Int(c.start + c.count)]) }
      func name(_ c: SummaryListing.Cell) -> Bytes { Bytes(rebasing: nameBuffer[Int(c.start)..<Int(c.start + c.count)]) }
      if names {
        for bucket in buckets {
          for i in bucket {
            out.appendName(name(listing.pods[Int(i)].name))
            if !out.flush(to: write) { return (count, false) }
          }
        }
        _ = out.flush(to: write, force: true)
        return (count, true)
      }
      // The row's cells, NAMESPACE first, into `row` (kept between rows: no array per row).
      var row: [Bytes] = []
      func fill(_ p: SummaryListing.Pod, namespace: Bytes) {
        row.removeAll(keepingCapacity: true)
        row.append(namespace)
        row.append(name(p.name))
        row.append(cell(p.ready))
        row.append(cell(p.status))
        row.append(cell(p.restarts))
        row.append(cell(p.age))
        if wide { row.append(cell(p.ip)); row.append(cell(p.node)) }
        if showDeleted { row.append(cell(p.deletedText)) }
      }
      // The widths, in characters, of every column (NAMESPACE first).
      var widths = [Int](repeating: 0, count: 6 + (wide ? 2 : 0) + (showDeleted ? 1 : 0))
      var namespacesListed = 0
      for (r, bucket) in buckets.enumerated() where !bucket.isEmpty {
        namespacesListed += 1
        nsCells[order[r]].withUnsafeBufferPointer { ns in
          for i in bucket {
            fill(listing.pods[Int(i)], namespace: Bytes(rebasing: ns[...]))
            for (k, c) in row.enumerated() { widths[k] = max(widths[k], out.measure(c).characters) }
          }
        }
      }
      let all = allNamespaces(namespacesListed > 1)
      let headers = PodListRender.headers(allNamespaces: all, wide: wide, showDeleted: showDeleted)
      let layout = TableLayout(headers: headers, widths: all ? widths : Array(widths.dropFirst()))
      out.appendLine(headers, layout: layout)
      for (r, bucket) in buckets.enumerated() {
        let stopped = nsCells[order[r]].withUnsafeBufferPointer { ns in
          for i in bucket {
            fill(listing.pods[Int(i)], namespace: Bytes(rebasing: ns[...]))
            out.appendLine(all ? row[...] : row.dropFirst(), layout: layout)
            if !out.flush(to: write) { return true }
          }
          return false
        }
        if stopped { return (count, false) }
      }
      _ = out.flush(to: write, force: true)
      return (count, true)
    } }
  }

  /// `why -A --summary` of the pods of `namespace` (nil: all) read lean from the summaries, or nil
  /// when they cannot be (`summaryListing`).
  public func clusterSummary(namespace: String?) throws -> ClusterView.Summary? {
    guard let listing = try summaryListing(lines: true) else { return nil }
    let names = listing.namespaces.map { String(decoding: $0, as: UTF8.self) }
    var words: [SummaryListing.Cell: String] = [:]
    func word(_ c: SummaryListing.Cell) -> String? {
      guard c.count > 0 else { return nil }
      if let w = words[c] { return w }
      let w = listing.text(c)
      words[c] = w
      return w
    }
    var rows: [ClusterView.Row] = []
    for p in listing.pods where p.listed && (namespace == nil || names[Int(p.namespace)] == namespace) {
      rows.append(ClusterView.Row(namespace: names[Int(p.namespace)], name: "", status: "", restarts: 0...0,
                                  code: word(p.code).flatMap(CauseCode.init(rawValue:)), container: nil,
                                  confidence: word(p.confidence).flatMap(Confidence.init(rawValue:)), sentence: nil,
                                  owner: word(p.owner), since: nil))
    }
    return ClusterView.Summary(rows)
  }
}

/// A cell's bytes (borrowed from the buffer they are read from while a table is written).
typealias Bytes = UnsafeBufferPointer<UInt8>

/// Lines of a table as bytes: `TableLayout.line`'s, neutralised (`TerminalText.neutralised`),
/// made without a string for the cells that need no neutralising and count one character per
/// UTF-16 unit (the others make their line through `TableLayout.line`).
struct TableBytes {
  var bytes: [UInt8] = []
  var lines = 0

  /// A cell as `TableLayout` sees it: its characters and UTF-16 units, and whether its bytes go
  /// out as they are (valid UTF-8 without a control character or white space but the space).
  struct Measure {
    var characters: Int, units: Int, plain: Bool
  }

  /// The measures of the short cells that are not ASCII, by their bytes (a few distinct, such as `≥14h`).
  private var measured: [ShortKey: Measure] = [:]

  /// Up to 15 bytes and their count, exactly.
  private struct ShortKey: Hashable {
    var a: UInt64 = 0, b: UInt64 = 0
    init?(_ c: Bytes) {
      guard c.count <= 15 else { return nil }
      b = UInt64(c.count)
      for (i, x) in c.enumerated() {
        if i < 8 { a = a << 8 | UInt64(x) } else { b = b << 8 | UInt64(x) }
      }
    }
  }

  /// The measure of `c`.
  mutating func measure(_ c: Bytes) -> Measure {
    if c.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return Measure(characters: c.count, units: c.count, plain: true) }
    let key = ShortKey(c)
    if let key, let m = measured[key] { return m }
    let s = String(decoding: c, as: UTF8.self)
    let plain = s.utf8.elementsEqual(c) && !s.unicodeScalars.contains {
      TerminalText.isControl($0) || ($0.value != 0x20 && $0.properties.isWhitespace)
    }
    let m = Measure(characters: s.count, units: s.utf16.count, plain: plain)
    if let key { measured[key] = m }
    return m
  }

  /// Appends the line of `cells` in `layout`.
  mutating func appendLine(_ cells: ArraySlice<Bytes>, layout: TableLayout) {
    lines += 1
    let start = bytes.count
    var k = 0
    for c in cells {
      let m = measure(c)
      let last = k == cells.count - 1 || k >= layout.widths.count
      // A cell wider than its column is left to `TableLayout` (Foundation's padding truncates).
      guard m.plain, last || m.units <= layout.widths[k] + 3 else {
        bytes.removeSubrange(start...)
        bytes += TerminalText.neutralised(layout.line(cells.map { String(decoding: $0, as: UTF8.self) })).utf8
        return
      }
      bytes += c
      if !last { bytes += repeatElement(0x20, count: layout.widths[k] + 3 - m.units) }
      k += 1
    }
    while bytes.count > start, bytes.last == 0x20 { bytes.removeLast() }
    bytes.append(0x0A)
  }

  /// Appends the line of `cells` (strings) in `layout`.
  mutating func appendLine(_ cells: [String], layout: TableLayout) {
    lines += 1
    bytes += TerminalText.neutralised(layout.line(cells)).utf8
  }

  /// Appends `pod/NAME` and a newline.
  mutating func appendName(_ name: Bytes) {
    lines += 1
    guard measure(name).plain else {
      bytes += TerminalText.neutralised("pod/" + String(decoding: name, as: UTF8.self) + "\n").utf8
      return
    }
    bytes += "pod/".utf8
    bytes += name
    bytes.append(0x0A)
  }

  /// Hands the bytes to `write` for each of the first 64 lines, then once they reach 64 KiB (or
  /// with `force`); `write`'s answer (false: stop).
  mutating func flush(to write: ([UInt8]) -> Bool, force: Bool = false) -> Bool {
    guard !bytes.isEmpty, force || lines <= 64 || bytes.count >= 1 << 16 else { return true }
    defer { bytes.removeAll(keepingCapacity: true) }
    return write(bytes)
  }
}
