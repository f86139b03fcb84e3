import Foundation

/// How instants read in podhist's output: RFC 3339 UTC for absolute clocks; for facts whose ages
/// had no anchor, an offset from the dump's own "now" (`now-85s`), never an invented date.
public func timeText(_ t: Instant?, clock: Clock) -> String {
  guard let t else { return "-" }
  switch clock {
  case .absolute: return t.rfc3339
  case .relative:
    let d = Duration(micros: t.micros)
    return d.micros == 0 ? "now" : (d.micros < 0 ? "now-\(Duration(micros: -d.micros))" : "now+\(d)")
  }
}

/// kubectl's HumanDuration (the AGE column): `45s`, `3m20s`, `15m`, `2h5m`, `5h`, `3d4h`, `40d`.
public func humanDuration(_ d: Duration) -> String {
  let s = d.micros / 1_000_000
  if s < -1 { return "<invalid>" }
  if s < 0 { return "0s" }
  if s < 120 { return "\(s)s" }
  let m = s / 60
  if m < 10 { return s % 60 == 0 ? "\(m)m" : "\(m)m\(s % 60)s" }
  if m < 180 { return "\(m)m" }
  let h = s / 3600
  if h < 8 { return m % 60 == 0 ? "\(h)h" : "\(h)h\(m % 60)m" }
  if h < 48 { return "\(h)h" }
  let d = h / 24
  if h < 192 { return h % 24 == 0 ? "\(d)d" : "\(d)d\(h % 24)h" }
  if d < 730 { return "\(d)d" }
  let y = d / 365
  return d % 365 == 0 ? "\(y)y" : "\(y)y\(d % 365)d"
}
