import Foundation
import Yams

/// Splits a YAML stream into its `---` documents as they are read (so a long `-o yaml -w`
/// stream is held one document at a time) and decodes each with Yams, keeping input lines.
struct YAMLDocumentReader {
  /// One document's text and the input line its first line is on.
  struct Document {
    var text: String
    var firstLine: Int
    /// The last non-blank line of the document.
    var lastLine: Int
  }

  private var reader: any ByteReader
  private let source: String
  private var pending: [UInt8] = []
  private var pendingPos = 0
  private var atEnd = false
  private var lineNumber = 0

  /// `lineOffset`: lines before the first byte of `reader` (when the YAML is part of a paste).
  init(reader: any ByteReader, source: String, lineOffset: Int = 0) {
    self.reader = reader; self.source = source; lineNumber = lineOffset
  }

  /// The next input line without its newline; nil at the end.
  private mutating func nextLine() throws -> String? {
    while true {
      if let nl = pending[pendingPos...].firstIndex(of: 0x0A) {
        var end = nl
        if end > pendingPos, pending[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: pending[pendingPos..<end], as: UTF8.self)
        pendingPos = nl + 1
        lineNumber += 1
        return line
      }
      if atEnd {
        guard pendingPos < pending.count else { return nil }
        let line = String(decoding: pending[pendingPos...], as: UTF8.self)
        pendingPos = pending.count
        lineNumber += 1
        return line
      }
      let piece = try reader.read(maxCount: 65536)
      if piece.isEmpty { atEnd = true; continue }
      pending.removeFirst(pendingPos)
      pendingPos = 0
      pending.append(contentsOf: piece)
    }
  }

  /// What the reader hands over: a whole document, or one element of a List's `items:` (or of
  /// a bare top-level sequence) written the way kubectl writes them, `- ` at column 0. Splitting
  /// those out keeps memory flat for `kubectl get events -o yaml` of any size.
  enum Unit {
    case document(Document)
    /// The text of a one-element sequence (`- apiVersion: v1 ...`).
    case item(Document)
  }

  // The document being read.
  private var docLines: [String] = []
  private var docFirst = 0
  private var docLast = 0
  private var docHasContent = false
  // Items being split out of it.
  private var inItems = false
  private var itemsLineIndex: Int?
  private var itemLines: [String] = []
  private var itemFirst = 0
  private var itemLast = 0

  private mutating func flushItem() -> Document? {
    guard !itemLines.isEmpty else { return nil }
    defer { itemLines = [] }
    return Document(text: itemLines.joined(separator: "\n"), firstLine: itemFirst, lastLine: itemLast)
  }

  private mutating func flushDocument() -> Document? {
    defer { docLines = []; docHasContent = false; inItems = false; itemsLineIndex = nil }
    guard docHasContent else { return nil }
    return Document(text: docLines.joined(separator: "\n"), firstLine: docFirst, lastLine: docLast)
  }

  private mutating func appendToDocument(_ line: String, blank: Bool) {
    if docLines.isEmpty {
      if blank { return }  // so the document starts on its first meaningful line
      docFirst = lineNumber
    }
    docLines.append(line)
    if !blank { docHasContent = true; docLast = lineNumber }
  }

  private static func isItemStart(_ line: String) -> Bool { line.hasPrefix("- ") || line == "-" }

  /// The next document or List item; nil at the end of the stream.
  mutating func nextUnit() throws -> Unit? {
    while true {
      guard let line = try nextLine() else {
        if let item = flushItem() { return .item(item) }
        if let doc = flushDocument() { return .document(doc) }
        return nil
      }
      let isStart = line == "---" || line.hasPrefix("--- ") || line.hasPrefix("---\t")
      let isEnd = line == "..." || line.hasPrefix("... ")
      if isStart || isEnd {
        if let item = flushItem() { pushBack(line); return .item(item) }
        let doc = flushDocument()
        if isStart, line != "---" { appendToDocument(line, blank: false) }  // `--- {...}`: content on the marker line
        if let doc { return .document(doc) }
        continue
      }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      let blank = trimmed.isEmpty || trimmed.hasPrefix("#")
      if inItems {
        if Self.isItemStart(line) {
          let done = flushItem()
          itemLines = [line]; itemFirst = lineNumber; itemLast = lineNumber
          if let done { return .item(done) }
          continue
        }
        if blank || line.hasPrefix(" ") || line.hasPrefix("\t") {
          if !itemLines.isEmpty {
            itemLines.append(line)
            if !blank { itemLast = lineNumber }
            continue
          }
          if blank { continue }
          // `items:` followed by an indented list: not kubectl's layout; read the document whole.
          if let i = itemsLineIndex { docLines[i] = "items:" }
          inItems = false
          appendToDocument(line, blank: false)
          continue
        }
        // A line at column 0 that is not an item: the List's next member.
        let done = flushItem()
        inItems = false
        appendToDocument(line, blank: blank)
        if let done { return .item(done) }
        continue
      }
      if !docHasContent, !blank, Self.isItemStart(line) {
        // A bare sequence of objects (`- apiVersion: v1` ...).
        inItems = true
        itemLines = [line]; itemFirst = lineNumber; itemLast = lineNumber
        continue
      }
      if line == "items:" {
        // The elements are handed over one by one; the List keeps an empty array.
        appendToDocument("items: []", blank: false)
        itemsLineIndex = docLines.count - 1
        inItems = true
        continue
      }
      appendToDocument(line, blank: blank)
    }
  }

  /// Returns a separator line to the input, so the next document starts with it.
  private mutating func pushBack(_ line: String) {
    pending.removeFirst(pendingPos)
    pending.insert(contentsOf: Array((line + "\n").utf8), at: 0)
    pendingPos = 0
    lineNumber -= 1
  }

  /// The input line (1-based) each element of a top-level sequence starts on.
  static func startLine(_ node: Node, offset: Int) -> Int? { node.mark.map { $0.line + offset } }

  static func importError(_ error: YamlError, doc: Document, source: String) -> ImportError {
    switch error {
    case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
         let .composer(context, problem, mark, _):
      var reason = "not valid YAML: \(problem)"
      if let context { reason += " (\(context.text) at line \(context.mark.line + doc.firstLine - 1))" }
      return .malformed(source: source, line: mark.line + doc.firstLine - 1, reason: reason)
    case let .duplicatedKeysInMapping(duplicates, context):
      return .malformed(source: source, line: context.mark.line + doc.firstLine - 1,
                        reason: "not valid YAML: duplicated keys \(duplicates.joined(separator: ", "))")
    default:
      return .malformed(source: source, line: doc.firstLine, reason: "not valid YAML: \(error)")
    }
  }

  /// A Yams node as a `StructuredValue`; `offset` turns document lines into input lines.
  static func convert(_ node: Node, offset: Int) -> StructuredValue {
    switch node {
    case let .scalar(s):
      if s.style != .plain { return .string(s.string) }
      switch s.tag.rawValue {
      case Tag.Name.null.rawValue: return .null
      case Tag.Name.bool.rawValue: return node.bool.map(StructuredValue.bool) ?? .string(s.string)
      case Tag.Name.int.rawValue:
        if let i = Int64(s.string) { return .int(i) }
        return node.int.map { .int(Int64($0)) } ?? .string(s.string)
      case Tag.Name.float.rawValue: return node.float.map(StructuredValue.double) ?? .string(s.string)
      default: return .string(s.string)
      }
    case let .mapping(m):
      var obj = StructuredObject()
      for (k, v) in m {
        let key = k.string ?? String(describing: k)
        obj.append(key, convert(v, offset: offset), line: k.mark.map { $0.line + offset } ?? 0)
      }
      return .object(obj)
    case let .sequence(seq):
      return .array(seq.map { convert($0, offset: offset) })
    case .alias:
      return .null
    }
  }

  /// Decodes a document and also gives the start line of each top-level sequence item (for a
  /// bare list of Events, `- apiVersion: v1 ...`) and of the `items:` elements of a List.
  func decodeWithItemLines(_ doc: Document) throws -> (StructuredValue, [Int]) {
    let node: Node?
    do {
      node = try Yams.compose(yaml: doc.text)
    } catch let error as YamlError {
      throw Self.importError(error, doc: doc, source: source)
    } catch {
      throw ImportError.malformed(source: source, line: doc.firstLine, reason: "not valid YAML: \(error)")
    }
    guard let node else { return (.null, []) }
    let offset = doc.firstLine - 1
    var lines: [Int] = []
    switch node {
    case let .sequence(seq): lines = seq.map { Self.startLine($0, offset: offset) ?? doc.firstLine }
    case .mapping:
      if let items = node["items"], case let .sequence(seq) = items {
        lines = seq.map { Self.startLine($0, offset: offset) ?? doc.firstLine }
      }
    default: break
    }
    return (Self.convert(node, offset: offset), lines)
  }
}
