import Foundation

/// The horizontal axis of a pod picture: the time span shown, where an instant falls in pixels,
/// and the ticks a reader needs at that zoom (seconds to days), labelled in UTC (or, on a
/// relative clock, as offsets from the dump's own now).
public struct TimeAxis: Sendable, Equatable {
  /// The first instant shown.
  public var start: Instant
  /// The last instant shown (after `start`).
  public var end: Instant
  /// The x of `start`, in pixels.
  public var left: Double
  /// The pixels from `start` to `end`.
  public var width: Double
  /// How the facts' instants relate to real time; decides the tick labels.
  public var clock: Clock

  /// One tick: its instant, its label, and whether it starts a new day (or is the first).
  public struct Tick: Sendable, Equatable {
    /// The tick's instant, a whole multiple of the step.
    public var instant: Instant
    /// What is printed under it.
    public var label: String
  }

  /// The tick steps tried, in seconds, smallest first.
  static let steps: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
                               86400, 2 * 86400, 7 * 86400, 14 * 86400, 30 * 86400, 91 * 86400, 365 * 86400]

  /// An axis over `start...end` (widened to at least 10 s) drawn from `left` over `width` pixels.
  public init(start: Instant, end: Instant, left: Double, width: Double, clock: Clock) {
    self.start = start
    self.end = end > start + .seconds(10) ? end : start + .seconds(10)
    self.left = left; self.width = width; self.clock = clock
  }

  /// The axis over the instants of `points` padded by 3% on each side.
  public init(covering points: [Instant], left: Double, width: Double, clock: Clock) {
    let lo = points.min() ?? Instant(micros: 0), hi = points.max() ?? Instant(micros: 0)
    let pad = Duration(micros: max(1_000_000, (hi - lo).micros / 33))
    self.init(start: lo - pad, end: hi + pad, left: left, width: width, clock: clock)
  }

  /// The span shown.
  public var span: Duration { end - start }

  /// The x of `t` in pixels (clamped a little outside the axis for instants beyond it).
  public func x(_ t: Instant) -> Double {
    let f = Double(t.micros - start.micros) / Double(max(1, span.micros))
    return left + width * min(1.02, max(-0.02, f))
  }

  /// The tick step in seconds: the smallest of `steps` giving at most `maxTicks` ticks.
  public func step(maxTicks: Int = 8) -> Int64 {
    let seconds = max(1, span.micros / 1_000_000)
    return Self.steps.first { seconds / $0 < Int64(maxTicks) } ?? (seconds / Int64(maxTicks) + 1)
  }

  /// The ticks: whole multiples of `step()` (UTC-aligned, so days start at midnight) inside the axis.
  public var ticks: [Tick] {
    let step = step()
    let stepMicros = step * 1_000_000
    var t = start.micros.floorDiv(stepMicros) * stepMicros
    if t < start.micros { t += stepMicros }
    var out: [Tick] = []
    var previousDay: Int64? = nil
    while t <= end.micros && out.count < 64 {
      let day = t.floorDiv(86_400_000_000)
      out.append(Tick(instant: Instant(micros: t), label: label(Instant(micros: t), step: step, newDay: previousDay != day)))
      previousDay = day
      t += stepMicros
    }
    return out
  }

  /// A tick's label: `HH:MM:SS` under a minute's step, `HH:MM` under a day's, the date above;
  /// the date is added at the first tick and where a day begins. Relative clocks print offsets.
  func label(_ t: Instant, step: Int64, newDay: Bool) -> String {
    if clock == .relative && t.isDumpOffset { return timeText(t, clock: .relative, style: .signed) }
    let full = t.rfc3339  // 2020-07-03T07:58:09Z
    let chars = Array(full)
    guard chars.count >= 20 else { return full }
    let date = String(chars[0..<10]), hm = String(chars[11..<16]), hms = String(chars[11..<19])
    if step >= 86_400 { return date }
    let time = step < 60 ? hms : hm
    return newDay ? "\(date) \(time)" : time
  }
}
