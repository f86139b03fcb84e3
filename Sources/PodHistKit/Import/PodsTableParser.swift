import Foundation

/// Parses `kubectl get pods` tables. STUB: replaced by the tables work.
public struct PodsTableParser: TextSegmentParser {
  public init() {}
  public func begins(_ lines: [SourceLine], at index: Int) -> Bool { false }
  public func parse(_ lines: [SourceLine], at index: Int, source: String,
                    warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)? { nil }
}
