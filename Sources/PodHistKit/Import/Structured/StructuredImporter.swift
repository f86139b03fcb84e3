import Foundation

/// Imports JSON and YAML: Events (core/v1 and events.k8s.io/v1), Pods, Lists of either (mixed),
/// watch streams (concatenated objects, `--output-watch-events` wrappers, JSON Lines, `---`
/// documents) and the fragments people paste (a `status:` block, a bare `containerStatuses:`).
///
/// JSON is read as a stream, item by item, so a List of a million Events keeps memory flat.
/// Whether an object is an Event or a Pod is decided per object, not per file.
public enum StructuredImporter {
  /// Whether the start of an input looks like JSON or YAML objects this importer reads; nil for
  /// describe text, tables and prose (the text importer takes those).
  public static func sniff(_ prefix: [UInt8]) -> InputFormat? {
    StructuredSniffer.sniff(prefix)
  }

  /// Streams `reader` (already positioned at the start; `prefix` are its first bytes, which
  /// the reader will return again) and emits a fact per Event / Pod.
  public static func run(reader: inout any ByteReader, format: InputFormat, options: ImportOptions,
                         emit: (Fact) throws -> Void) throws -> ImportReport {
    try run(input: reader, format: format, lineOffset: 0, options: options, emit: emit)
  }

  /// Imports JSON or YAML that is one part of a larger paste (a `status:` block after a
  /// `kubectl get pods` table): `firstLine` is the line of the paste `text` starts on, so facts
  /// and errors cite lines of the whole input. JSON when `text` starts with `{` or `[`, else YAML.
  public static func importSegment(_ text: String, firstLine: Int, options: ImportOptions,
                                   emit: (Fact) throws -> Void) throws -> ImportReport {
    let trimmed = text.drop { $0.isWhitespace }
    let isJSON = trimmed.first == "{" || trimmed.first == "["
    let format: InputFormat = isJSON
      ? (StructuredSniffer.isPodFirst(text, json: true) ? .podsJSON : .eventsJSON)
      : (StructuredSniffer.isPodFirst(text, json: false) ? .podsYAML : .eventsYAML)
    return try run(input: StructuredTextReader(Array(text.utf8)), format: format, lineOffset: max(0, firstLine - 1),
                   options: options, emit: emit)
  }

  /// `fastEvents`: JSON Events are read by `EventJSONScanner` where it is sure (false reads every
  /// object through the tree; the tests compare the two).
  static func run(input: any ByteReader, format: InputFormat, lineOffset: Int, options: ImportOptions,
                  fastEvents: Bool = true, emit: (Fact) throws -> Void) throws -> ImportReport {
    return try withoutActuallyEscaping(emit) { emit in
      var session = StructuredSession(options: options, emit: emit)
      switch format {
      case .eventsYAML, .podsYAML:
        var docs = YAMLDocumentReader(reader: input, source: options.sourceName, lineOffset: lineOffset)
        // Top-level `- ` items that are container statuses (`yq .status.containerStatuses`) are
        // one pod's: held until the sequence ends.
        var statuses: [StructuredValue] = []
        var statusLines = (first: 0, last: 0)
        func flush(_ session: inout StructuredSession) throws {
          guard !statuses.isEmpty else { return }
          try session.handle(.object(LegacyPodObject.podStatus(containerStatuses: statuses, line: statusLines.first)),
                             firstLine: statusLines.first, lastLine: statusLines.last, placement: .topLevel, syntax: .yaml)
          statuses = []
        }
        while let unit = try docs.nextUnit() {
          switch unit {
          case let .document(doc):
            try flush(&session)
            // The List's own members come after its items: the items are all read.
            try session.endList()
            let (value, itemLines) = try docs.decodeWithItemLines(doc)
            try session.handleYAMLDocument(value, itemLines: itemLines, doc: doc)
          case let .item(doc):
            let (value, _) = try docs.decodeWithItemLines(doc)
            let elements = value.array ?? [value]
            if StructuredSession.areContainerStatuses(elements) {
              if statuses.isEmpty { statusLines.first = doc.firstLine }
              statusLines.last = doc.lastLine
              statuses += elements
              continue
            }
            try flush(&session)
            if !session.inList { session.beginList() }
            for element in elements {
              try session.handle(element, firstLine: doc.firstLine, lastLine: doc.lastLine, placement: .listItem, syntax: .yaml)
            }
          }
        }
        try flush(&session)
        try session.endList()
      default:
        var parser = JSONStreamParser(reader: input, source: options.sourceName, lineOffset: lineOffset,
                                      fastEvents: fastEvents)
        try parser.run { item, first, last, placement in
          switch item {
          case let .value(value):
            if placement == .listItem && !session.inList { session.beginList() }
            if placement == .topLevel { try session.endList() }
            try session.handle(value, firstLine: first, lastLine: last, placement: placement, syntax: .json)
          case let .event(event):
            if placement == .listItem && !session.inList { session.beginList() }
            if placement == .topLevel { try session.endList() }
            try session.event(event, firstLine: first, lastLine: last)
          }
        } listEnded: {
          try session.endList()
        }
      }
      try session.endList()
      return try session.finish()
    }
  }
}

/// The bytes of a text held in memory, as a `ByteReader`.
struct StructuredTextReader: ByteReader {
  let bytes: [UInt8]
  var offset = 0
  init(_ bytes: [UInt8]) { self.bytes = bytes }
  mutating func read(maxCount: Int) throws -> [UInt8] {
    let n = min(maxCount, bytes.count - offset)
    guard n > 0 else { return [] }
    defer { offset += n }
    return Array(bytes[offset..<(offset + n)])
  }
}

/// One structured import: classifies each object and turns it into facts.
struct StructuredSession {
  enum Syntax: String { case json, yaml }

  let options: ImportOptions
  let emit: (Fact) throws -> Void
  var report = ImportReport()
  private var guessedObservation = false
  /// Pods whose observation time is guessed, held until the whole dump has been read.
  private var heldPods: [Fact] = []
  /// Whether a streamed pod was taken as observed at its own newest timestamp (noted once).
  private var streamedGuess = false
  private var untimedPods = false
  private var untimedEvents = 0
  private var firstUntimedLine = 1
  private var objects = 0
  /// The List being read, when its items are: the pods it showed and where it started; nil
  /// once something other than a pod is among its items (then it proves nothing).
  private(set) var listing: (refs: [ObjectRef], line: Int, lastLine: Int, format: String, observed: Instant?, clock: Clock, guessed: Bool)?
  private var listingSpoilt = false
  /// Whether the object being read came in a watch's DELETED notice.
  private var deletedNotice = false

  init(options: ImportOptions, emit: @escaping (Fact) throws -> Void) {
    self.options = options; self.emit = emit
  }

  /// Whether the items of a List are being read.
  var inList: Bool { listing != nil || listingSpoilt }

  /// A List's items start: collect the pods among them.
  mutating func beginList() {
    listing = ([], 0, 0, "", nil, .absolute, false)
    listingSpoilt = false
  }

  /// A List ended: when its items were pods only (a complete `kubectl get pods` List), the
  /// listing fact of their scope at their instant.
  mutating func endList() throws {
    let wasList = inList
    try endListing()
    if options.streaming && wasList { try releaseHeld() }
  }

  private mutating func endListing() throws {
    defer { listing = nil; listingSpoilt = false }
    guard options.listings, !listingSpoilt, let l = listing, let observed = l.observed, let body = PodListing.of(l.refs) else { return }
    let fact = Fact(object: PodListing.object(namespace: body.namespace), observed: observed, clock: l.clock,
                    body: .listing(body), provenance: Provenance(source: options.sourceName, firstLine: l.line,
                                                                 lastLine: l.lastLine, format: l.format))
    if l.guessed { heldPods.append(fact) } else { try emit(fact) }
  }

  /// A stream does not end: the pods held for the newest timestamp of a List are given that
  /// of the List as soon as it ends.
  private mutating func releaseHeld() throws {
    guard guessedObservation, let newest = heldPods.map(\.observed).max() else { return }
    for var f in heldPods {
      f.observed = newest
      try emit(f)
    }
    heldPods = []
    if !streamedGuess {
      streamedGuess = true
      report.notes.append("\(options.sourceName): the observation time of the pod objects is unknown; the pods of each List were taken as observed at its newest timestamp (--observed-at sets it)")
    }
  }

  mutating func finish() throws -> ImportReport {
    if guessedObservation, let newest = heldPods.map(\.observed).max() {
      // One `kubectl get pods -o json|yaml` is one observation: every pod in it was seen at the
      // same instant, at or after the newest timestamp anywhere in the dump.
      for var f in heldPods {
        f.observed = newest
        try emit(f)
      }
      heldPods = []
      report.notes.append("\(options.sourceName): the observation time of the pod objects is unknown; it was taken as the newest timestamp in the dump, \(newest.rfc3339) (--observed-at sets it)")
    }
    if untimedPods {
      report.notes.append("\(options.sourceName): a pod object carries no timestamp at all; it was kept at the dump's own \"now\" with a relative clock (--observed-at sets it)")
    }
    if untimedEvents > 0 {
      report.warnings.append(ImportWarning(source: options.sourceName, line: firstUntimedLine,
        message: "\(untimedEvents) Event(s), the first here, carry no time at all (no firstTimestamp, lastTimestamp, eventTime or creationTimestamp) and were skipped; --observed-at gives them one"))
    }
    return report
  }

  /// A YAML document: a mapping (one object, a List, a fragment) or a bare sequence of objects.
  mutating func handleYAMLDocument(_ value: StructuredValue, itemLines: [Int], doc: YAMLDocumentReader.Document) throws {
    switch value {
    case let .array(items) where Self.areContainerStatuses(items):
      // `kubectl get pod x -o yaml | yq .status.containerStatuses`: one pod's statuses.
      try handle(.object(LegacyPodObject.podStatus(containerStatuses: items, line: doc.firstLine)),
                 firstLine: doc.firstLine, lastLine: doc.lastLine, placement: .topLevel, syntax: .yaml)
    case let .array(items):
      for (i, item) in items.enumerated() {
        let first = i < itemLines.count ? itemLines[i] : doc.firstLine
        let last = i + 1 < itemLines.count ? max(first, itemLines[i + 1] - 1) : doc.lastLine
        try handle(item, firstLine: first, lastLine: last, placement: .listItem, syntax: .yaml)
      }
    case let .object(obj) where isList(obj):
      beginList()
      defer { listing = nil }
      let items = obj.array("items") ?? []
      // The last item ends before the List's next member (`kind: List`), if one follows.
      let lastStart = itemLines.last ?? doc.firstLine
      let listEnd = (obj.members.map(\.line).filter { $0 > lastStart }.min()).map { $0 - 1 } ?? doc.lastLine
      for (i, item) in items.enumerated() {
        let first = i < itemLines.count ? itemLines[i] : doc.firstLine
        let last = i + 1 < itemLines.count ? max(first, itemLines[i + 1] - 1) : listEnd
        try handle(item, firstLine: first, lastLine: last, placement: .listItem, syntax: .yaml)
      }
      try endList()
    case .null:
      return
    default:
      try handle(value, firstLine: doc.firstLine, lastLine: doc.lastLine, placement: .topLevel, syntax: .yaml)
    }
  }

  /// Whether a list holds container statuses only (a jq/yq cut of `.status.containerStatuses`).
  static func areContainerStatuses(_ items: [StructuredValue]) -> Bool {
    !items.isEmpty && items.allSatisfy { $0.object.map(LegacyPodObject.isContainerStatus) ?? false }
  }

  func isList(_ obj: StructuredObject) -> Bool {
    guard obj.array("items") != nil else { return false }
    guard let kind = obj.text("kind") else { return true }
    return kind == "List" || kind.hasSuffix("List")
  }

  /// One object found in the input.
  mutating func handle(_ value: StructuredValue, firstLine: Int, lastLine: Int,
                       placement: JSONStreamParser.Placement, syntax: Syntax) throws {
    guard case let .object(obj) = value else {
      if case let .array(items) = value, syntax == .yaml {
        for item in items {
          try handle(item, firstLine: firstLine, lastLine: lastLine, placement: .listItem, syntax: syntax)
        }
        return
      }
      let what = Self.describeValue(value)
      try reject(Self.article(what) + " " + what, line: firstLine, placement: placement)
      return
    }
    // A watch event: {"type": "ADDED", "object": {...}}.
    if obj.text("kind") == nil, let type = obj.text("type"), let inner = obj.object("object") {
      switch type {
      case "ADDED", "MODIFIED", "DELETED":
        deletedNotice = type == "DELETED"
        defer { deletedNotice = false }
        try handle(.object(inner), firstLine: firstLine, lastLine: lastLine, placement: placement, syntax: syntax)
      case "BOOKMARK":
        return
      default:
        let what = inner.text("message").map { ": \($0)" } ?? ""
        report.warnings.append(ImportWarning(source: options.sourceName, line: firstLine,
                                             message: "skipped a watch \(type) notice\(what)"))
      }
      return
    }
    if isList(obj) {
      // A List nested in a stream (YAML, or a List whose items were not streamed).
      let outer = listing
      beginList()
      for item in obj.array("items") ?? [] {
        try handle(item, firstLine: firstLine, lastLine: lastLine, placement: .listItem, syntax: syntax)
      }
      try endList()
      listing = outer
      return
    }
    let kind = obj.text("kind")
    // Old API versions and container statuses pasted alone, in the v1 shape.
    let shaped = kind == nil || kind == "Pod" ? LegacyPodObject.modernised(obj) : obj
    if kind == "Event" || (kind == nil && EventObject.looksLikeEvent(shaped)) {
      try event(shaped, firstLine: firstLine, lastLine: lastLine, syntax: syntax)
    } else if ManifestObject.isWorkload(kind) || ((kind == "Pod" || kind == nil) && ManifestObject.isPodManifest(obj)) {
      try manifest(obj, firstLine: firstLine, lastLine: lastLine, placement: placement, syntax: syntax)
    } else if kind == "Node" {
      try node(obj, firstLine: firstLine, lastLine: lastLine, syntax: syntax)
    } else if kind == "Pod" || (kind == nil && PodObject.looksLikePod(shaped)) {
      try pod(shaped, firstLine: firstLine, lastLine: lastLine, syntax: syntax)
    } else if let kind {
      try reject(Self.article(kind) + " " + kind, line: firstLine, placement: placement)
    } else {
      try reject("an object with no kind that is neither an Event (involvedObject, reason) nor a pod status (phase, conditions, containerStatuses)",
                 line: firstLine, placement: placement)
    }
  }

  private mutating func reject(_ what: String, line: Int, placement: JSONStreamParser.Placement) throws {
    if listing != nil { listingSpoilt = true }
    switch placement {
    case .topLevel:
      throw ImportError.malformed(source: options.sourceName, line: line, reason: "\(what), not an Event or Pod")
    case .listItem:
      report.warnings.append(ImportWarning(source: options.sourceName, line: line,
                                           message: "skipped \(what): only Events and Pods are imported"))
    }
  }

  private mutating func noteFormat(_ f: String) {
    if !report.formats.contains(f) { report.formats.append(f) }
  }

  private mutating func event(_ obj: StructuredObject, firstLine: Int, lastLine: Int, syntax: Syntax) throws {
    let format = "events-" + syntax.rawValue
    noteFormat(format)
    if listing != nil { listingSpoilt = true }
    let prov = Provenance(source: options.sourceName, firstLine: firstLine, lastLine: lastLine, format: format)
    // The times in the order the Event's reading uses them (EventJSONScanner.build, EventObject.fact),
    // so that both paths warn about the same field: the first one read that is not a time.
    var bad: String?
    func time(_ v: StructuredValue?) -> Instant? {
      guard case let .string(t)? = v, !t.isEmpty else { return nil }
      let i = StructuredValue.string(t).instant
      if i == nil && bad == nil && CalendarDateCheck.looksLikeDate(t) { bad = t }
      return i
    }
    let eventTime = time(obj["eventTime"])
    let first = time(obj["firstTimestamp"]) ?? time(obj["deprecatedFirstTimestamp"]) ?? eventTime
    let seriesLast = obj.object("series").flatMap { time($0["lastObservedTime"]) }
    let last = seriesLast ?? time(obj["lastTimestamp"]) ?? time(obj["deprecatedLastTimestamp"]) ?? first
    if last == nil && first == nil && eventTime == nil { _ = time(obj.object("metadata")?["creationTimestamp"]) }
    if let bad { unreadableTime(bad, line: firstLine) }
    guard let fact = EventObject.fact(from: obj, provenance: prov, fallback: options.observedAt) else {
      if untimedEvents == 0 { firstUntimedLine = firstLine }
      untimedEvents += 1
      return
    }
    if !fact.object.isPod { report.nonPodFacts += 1 }
    try emit(fact)
  }

  /// An Event the byte scanner read: the fact `event(_:firstLine:lastLine:syntax:)` makes of
  /// the same object.
  mutating func event(_ scanned: EventJSONScanner.Event, firstLine: Int, lastLine: Int) throws {
    let format = "events-json"
    noteFormat(format)
    if let bad = scanned.unreadableTime { unreadableTime(bad, line: firstLine) }
    guard let observed = scanned.observed ?? options.observedAt else {
      if untimedEvents == 0 { firstUntimedLine = firstLine }
      untimedEvents += 1
      return
    }
    if listing != nil { listingSpoilt = true }
    let prov = Provenance(source: options.sourceName, firstLine: firstLine, lastLine: lastLine, format: format)
    let fact = Fact(object: scanned.ref, observed: observed, body: .event(scanned.record), provenance: prov)
    if !fact.object.isPod { report.nonPodFacts += 1 }
    try emit(fact)
  }

  /// Warns that the Event at `line` carries `text` where a time belongs and it is none (a 30
  /// February, a month 13): the field is ignored, the Event's other times are used.
  private mutating func unreadableTime(_ text: String, line: Int) {
    report.warnings.append(ImportWarning(source: options.sourceName, line: line,
                                         message: "\"\(text.prefix(64))\" is not a valid time (no such calendar date or clock time); the field was ignored"))
  }

  /// A Pod manifest or a workload: a declared fact about the object it names, never a status.
  private mutating func manifest(_ obj: StructuredObject, firstLine: Int, lastLine: Int,
                                 placement: JSONStreamParser.Placement, syntax: Syntax) throws {
    guard let (ref, declaration) = ManifestObject.declaration(obj) else {
      try reject("\(Self.article(obj.text("kind") ?? "object")) \(obj.text("kind") ?? "object") without a pod template", line: firstLine, placement: placement)
      return
    }
    let format = "manifest-" + syntax.rawValue
    noteFormat(format)
    let prov = Provenance(source: options.sourceName, firstLine: firstLine, lastLine: lastLine, format: format)
    // A field written where its schema has none is dropped by the reading: said, with its line.
    for m in ManifestObject.misplacedKeys(obj) {
      report.warnings.append(ImportWarning(source: options.sourceName, line: m.line > 0 ? m.line : firstLine, message: m.message))
    }
    if !ref.isPod { report.nonPodFacts += 1 }
    try emit(Fact(object: ref, observed: Instant(micros: 0), clock: .relative, body: .declared(declaration), provenance: prov))
  }

  /// A Node object: a node fact at the newest timestamp it carries (its conditions' heartbeats).
  private mutating func node(_ obj: StructuredObject, firstLine: Int, lastLine: Int, syntax: Syntax) throws {
    let format = "nodes-" + syntax.rawValue
    noteFormat(format)
    let prov = Provenance(source: options.sourceName, firstLine: firstLine, lastLine: lastLine, format: format)
    let (ref, snapshot) = NodeObject.snapshot(obj)
    let observed = options.observedAt ?? PodObject.newestTimestamp(.object(obj))
    report.nonPodFacts += 1
    try emit(Fact(object: ref, observed: observed ?? Instant(micros: 0), clock: observed == nil ? .relative : .absolute,
                  body: .node(snapshot), provenance: prov))
  }

  private mutating func pod(_ obj: StructuredObject, firstLine: Int, lastLine: Int, syntax: Syntax) throws {
    let format = "pods-" + syntax.rawValue
    noteFormat(format)
    let parts = PodObject.Parts(obj)
    var observed = PodObject.annotatedObservation(obj) ?? options.observedAt
    var clock = Clock.absolute
    var guessed = false
    if observed == nil {
      observed = PodObject.newestTimestamp(.object(obj))
      guessed = observed != nil
      if guessed { guessedObservation = true }
    }
    if observed == nil {
      untimedPods = true
      clock = .relative
    }
    let prov = Provenance(source: options.sourceName, firstLine: firstLine, lastLine: lastLine, format: format)
    let fact = Fact(object: PodObject.ref(parts), observed: observed ?? Instant(micros: 0), clock: clock,
                    body: .status(PodObject.snapshot(parts)), provenance: prov)
    var gone = fact
    gone.body = .deletion(PodDeletion(basis: .watch))
    let facts = deletedNotice ? [fact, gone] : [fact]
    if guessed && options.streaming && listing == nil && !listingSpoilt {
      if !streamedGuess {
        streamedGuess = true
        report.notes.append("\(options.sourceName): a pod object carries no observation time; read as a stream, each was taken as observed at its own newest timestamp (--observed-at sets it)")
      }
      for f in facts { try emit(f) }
    } else if guessed {
      heldPods += facts
    } else {
      for f in facts { try emit(f) }
    }
    if var l = listing {
      if l.refs.isEmpty { l.line = firstLine; l.format = format; l.clock = clock }
      l.refs.append(fact.object)
      l.lastLine = lastLine
      l.observed = max(l.observed ?? fact.observed, fact.observed)
      l.guessed = l.guessed || guessed
      if l.clock != clock { listingSpoilt = true }
      listing = l
    }
  }

  static func article(_ word: String) -> String {
    guard let c = word.lowercased().first else { return "a" }
    return "aeiou".contains(c) ? "an" : "a"
  }

  static func describeValue(_ v: StructuredValue) -> String {
    switch v {
    case .null: "null"
    case .bool: "Boolean"
    case .int, .double: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}
