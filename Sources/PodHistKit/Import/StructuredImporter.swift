import Foundation

/// Imports JSON and YAML (Events, Pods, Lists, watch streams). STUB: replaced by the structured work.
public enum StructuredImporter {
  /// Whether the start of an input looks like JSON or YAML objects this importer reads.
  public static func sniff(_ prefix: [UInt8]) -> InputFormat? { nil }
  /// Streams `reader` (already positioned at the start; `prefix` are its first bytes, which
  /// the reader will return again) and emits a fact per Event / Pod.
  public static func run(reader: inout any ByteReader, format: InputFormat, options: ImportOptions,
                         emit: (Fact) throws -> Void) throws -> ImportReport {
    throw ImportError.unknownFormat(source: options.sourceName, reason: "structured input is not supported yet")
  }
}
