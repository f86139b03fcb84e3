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

  /// The next document with content; nil at the end of the stream.
  mutating func nextDocument() throws -> Document? {
    var lines: [String] = []
    var first = lineNumber + 1
    var last = first
    var hasContent = false
    while let line = try nextLine() {
      let isStart = line == "---" || line.hasPrefix("--- ") || line.hasPrefix("---\t")
      let isEnd = line == "..." || line.hasPrefix("... ")
      if isStart || isEnd {
        if hasContent {
          if isStart { pushBack(line) }
          return Document(text: lines.joined(separator: "\n"), firstLine: first, lastLine: last)
        }
        // A separator before any content: the document starts here.
        lines = isStart ? [line] : []
        first = isStart ? lineNumber : lineNumber + 1
        continue
      }
      if lines.isEmpty && !hasContent { first = lineNumber }
      lines.append(line)
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if !trimmed.isEmpty && !trimmed.hasPrefix("#") { hasContent = true; last = lineNumber }
    }
    return hasContent ? Document(text: lines.joined(separator: "\n"), firstLine: first, lastLine: last) : nil
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
