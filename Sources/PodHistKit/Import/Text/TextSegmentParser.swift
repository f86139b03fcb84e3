import Foundation

/// A parser for one kind of text paste. `TextImporter` walks the cleaned lines of a file and,
/// at each line, asks the parsers in `TextSegmentParsers.all` whether a segment begins there.
public protocol TextSegmentParser: Sendable {
  /// Whether a segment of this parser's format begins at `lines[index]`.
  func begins(_ lines: [SourceLine], at index: Int) -> Bool
  /// Parses the segment that begins at `index`; returns it and the index just past it, or nil
  /// when the lines turn out not to be this format. Odd lines inside become warnings.
  func parse(_ lines: [SourceLine], at index: Int, source: String,
             warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)?
}

/// The text parsers, in the order they are asked.
public enum TextSegmentParsers {
  /// Every text parser: the structured ones first, then the line-by-line Event reader as last resort.
  public static let all: [any TextSegmentParser] = structured + [EventLineParser()]
  /// The parsers that need a document's structure (a describe's keys, a table's columns).
  public static let structured: [any TextSegmentParser] = [NodeDescribeParser(), DescribeParser(), EventsTableParser(), NodesTableParser(), PodsTableParser(), KubeletLogParser()]
}
