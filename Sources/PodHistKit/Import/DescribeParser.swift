import Foundation

/// Parses `kubectl describe pod` text (every kubectl era). STUB: replaced by the describe work.
public struct DescribeParser: TextSegmentParser {
  public init() {}
  public func begins(_ lines: [SourceLine], at index: Int) -> Bool { false }
  public func parse(_ lines: [SourceLine], at index: Int, source: String,
                    warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)? { nil }
}
