import Foundation

/// The front door of import: opens an input (file, `-`, `.gz`), decides its format, and hands it
/// to the structured (JSON/YAML) or text importer. Facts go to `emit` as they are parsed.
public enum Importer {
  /// Opens `path` (`-` is standard input); gzip is recognised by its magic bytes. The bytes read
  /// from the file (compressed, for gzip) are added to `counter` when given.
  public static func open(_ path: String, counting counter: ReadCounter? = nil) throws -> any ByteReader {
    var reader: any ByteReader
    if path == "-" {
      reader = FileByteReader(handle: FileHandle.standardInput, name: "-")
    } else {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
        throw ImportError.unreadable(source: path, reason: "no such file")
      }
      guard !isDir.boolValue else { throw ImportError.unreadable(source: path, reason: "is a directory") }
      guard let h = FileHandle(forReadingAtPath: path) else {
        throw ImportError.unreadable(source: path, reason: "cannot open for reading")
      }
      reader = FileByteReader(handle: h, name: path)
    }
    if let counter { reader = CountingByteReader(reader, counter: counter) }
    let head = try reader.read(maxCount: 2)
    reader = PrefixedByteReader(prefix: head, rest: reader)
    if head == [0x1f, 0x8b] { reader = try GzipByteReader(reader, name: path) }
    return reader
  }

  /// Imports one input. Throws `ImportError` for input that cannot be read as any format.
  public static func run(reader input: any ByteReader, options: ImportOptions,
                         emit: (Fact) throws -> Void) throws -> ImportReport {
    var reader = input
    // Sniff the first 64 KiB; the reader gives them back.
    var prefix: [UInt8] = []
    var ended = false
    let live = reader as? StreamByteReader
    while prefix.count < 65536 {
      // A stream that pauses after a structured start is read as it comes, not 64 KiB first.
      if let live, prefix.contains(10), !live.hasMoreNow(), StructuredImporter.sniff(prefix) != nil { break }
      let piece = try reader.read(maxCount: 65536 - prefix.count)
      if piece.isEmpty { ended = true; break }
      prefix += piece
    }
    var rest: any ByteReader = PrefixedByteReader(prefix: prefix, rest: reader)
    if prefix.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) {
      throw ImportError.malformed(source: options.sourceName, line: 1, reason: "the input is empty")
    }
    if looksBinary(prefix) {
      throw ImportError.malformedAt(source: options.sourceName, byteOffset: firstBinaryOffset(prefix),
                                    reason: "binary data, not a kubectl dump (supported: describe text, event and pod tables, events and pods as JSON or YAML)")
    }
    let format: InputFormat
    switch options.format {
    case .auto: format = StructuredImporter.sniff(prefix) ?? .describe
    default: format = options.format
    }
    switch format {
    case .eventsJSON, .eventsYAML, .podsJSON, .podsYAML:
      guard options.format == .auto, ended else {
        return try StructuredImporter.run(reader: &rest, format: format, options: options, emit: emit)
      }
      // A whole small input: read it first, and when it does not parse as one document (cut in
      // the middle, a fragment), let the text importer find what does.
      var facts: [Fact] = []
      do {
        let report = try StructuredImporter.run(reader: &rest, format: format, options: options) { facts.append($0) }
        for f in facts { try emit(f) }
        return report
      } catch let structured as ImportError {
        var textFacts: [Fact] = []
        guard let text = String(validating: prefix, as: UTF8.self),
              let report = try? TextImporter.run(text: text, options: options, emit: { textFacts.append($0) }),
              !textFacts.isEmpty
        else { throw structured }
        for f in textFacts { try emit(f) }
        var lenient = report
        if case let .malformed(_, line, reason) = structured {
          lenient.warnings.insert(ImportWarning(source: options.sourceName, line: line,
            message: "not one complete JSON/YAML input (\(reason)); the parts that parse were imported"), at: 0)
        }
        return lenient
      }
    case .auto, .describe, .eventsTable, .podsTable:
      let bytes = try rest.readAll()
      guard let text = String(validating: bytes, as: UTF8.self) ?? String(bytes: bytes, encoding: .isoLatin1) else {
        throw ImportError.unreadable(source: options.sourceName, reason: "not UTF-8 text")
      }
      return try TextImporter.run(text: text, options: options, emit: emit)
    }
  }

  /// NUL bytes or a high share of control characters mean binary, not a paste.
  static func looksBinary(_ bytes: [UInt8]) -> Bool {
    if bytes.contains(0) { return true }
    let control = bytes.lazy.filter { $0 < 32 && $0 != 9 && $0 != 10 && $0 != 13 && $0 != 12 && $0 != 27 }.count
    return control * 20 > bytes.count
  }
  static func firstBinaryOffset(_ bytes: [UInt8]) -> Int {
    bytes.firstIndex { $0 < 32 && $0 != 9 && $0 != 10 && $0 != 13 } ?? 0
  }
}
