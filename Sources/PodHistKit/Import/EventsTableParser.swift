import Foundation

/// Parses `kubectl get events` / `kubectl events` tables. STUB: replaced by the tables work.
public struct EventsTableParser: TextSegmentParser {
  public init() {}
  public func begins(_ lines: [SourceLine], at index: Int) -> Bool { false }
  public func parse(_ lines: [SourceLine], at index: Int, source: String,
                    warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)? { nil }
}
