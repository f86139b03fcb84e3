/// The ranges numbers read from a dump must lie in. A value outside its range is not taken (the
/// field reads as absent, or the row is skipped with a warning), so no later arithmetic on it can
/// overflow and no loop over it can run away. The ranges are Kubernetes' own field types where
/// those are narrow (`int32` counts and exit codes) and plausibility bounds where they are not.
public enum InputBounds {
  /// An Event's `count` (`x4 over 84s`, COUNT, `"count"`): Kubernetes' `int32`, at least 0.
  public static let eventCount: ClosedRange<Int> = 0...Int(Int32.max)
  /// A container's `restartCount` (describe's Restart Count, RESTARTS, `restartCount`), and the
  /// runs podhist counts from Started events. The kubelet's back-off (at most one restart per
  /// 5 minutes in a crash loop) makes 100,000 restarts about a year of crashing; `restarts` and
  /// `why` list every run, so the bound keeps that list (and its memory) small.
  public static let restartCount: ClosedRange<Int> = 0...100_000
  /// An exit code or signal number: Kubernetes' `int32`.
  public static let exitCode: ClosedRange<Int> = Int(Int32.min)...Int(Int32.max)
  /// Seconds in a spec (probe delays, periods and timeouts, grace periods): `int32`, at least 0.
  public static let seconds: ClosedRange<Int> = 0...Int(Int32.max)
  /// A count of anything else small (probe thresholds, priorities): `int32`.
  public static let int32: ClosedRange<Int> = Int(Int32.min)...Int(Int32.max)

  /// `text` as a decimal integer in `range`; nil when it is not one or lies outside.
  public static func int(_ text: some StringProtocol, in range: ClosedRange<Int>) -> Int? {
    guard let v = Int(text), range.contains(v) else { return nil }
    return v
  }

  /// `value` when it lies in `range`, else nil.
  public static func int(_ value: Int?, in range: ClosedRange<Int>) -> Int? {
    guard let value, range.contains(value) else { return nil }
    return value
  }

  /// `text` as an Event count (`eventCount`).
  public static func count(_ text: some StringProtocol) -> Int? { int(text, in: eventCount) }
}
