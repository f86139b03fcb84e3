import Foundation

/// Imports text pastes (describe, event tables, pod tables, mixed). STUB: replaced by the text work.
public enum TextImporter {
  /// Splits `text` into segments, resolves their ages and emits their facts.
  public static func run(text: String, options: ImportOptions, emit: (Fact) throws -> Void) throws -> ImportReport {
    throw ImportError.unknownFormat(source: options.sourceName, reason: "text dumps are not supported yet")
  }
}
