import Foundation

/// How an offset from a dump's own now is spelled: `now-85s` (tables, status, sentences about
/// the state) or `-85s` (the steps and evidence of `why`, where the column is all times).
public enum OffsetStyle: Sendable {
  /// `now-85s`, `now+3s`, `now`.
  case fromNow
  /// `-85s`, `+3s`, `now`.
  case signed
}

/// The one formatter of instants in podhist's output: RFC 3339 UTC for absolute clocks; on a
/// relative clock (facts whose ages had no anchor) an offset from the dump's own "now", never an
/// invented date. An instant that is not a dump offset (`Instant.isDumpOffset`: an absolute time
/// printed in the same dump, describe's Started and Finished, or the facts of another dump that
/// had absolute times) stays RFC 3339 on any clock. A missing instant reads `missing`.
public func timeText(_ t: Instant?, clock: Clock, style: OffsetStyle = .fromNow, missing: String = "-") -> String {
  guard let t else { return missing }
  guard clock == .relative && t.isDumpOffset else { return t.rfc3339 }
  if t.micros == 0 { return "now" }
  let offset = "\(t.micros < 0 ? "-" : "+")\(Duration(micros: t.micros == .min ? .max : abs(t.micros)))"
  switch style {
  case .fromNow: return "now" + offset
  case .signed: return offset
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
