import Foundation

/// Relative instants are offsets from their dump's own now (stored around the epoch); absolute
/// ones come from real clocks. Within this distance of the epoch an instant of a relative-clock
/// pod is such an offset (ten years; no Kubernetes dump has absolute times before 2014).
private let relativeSpan: Int64 = 10 * 365 * 86_400 * 1_000_000

/// How an instant reads in an uncertainty or gap sentence: RFC 3339 for absolute clocks,
/// `now-1m` for instants relative to their dump's own now (`timeText(_:clock:)`). A pod mixing
/// both clocks has each instant read by its own kind.
func sentenceTime(_ t: Instant, clock: Clock) -> String {
  if clock == .relative && abs(t.micros) < relativeSpan { return timeText(t, clock: .relative) }
  return t.rfc3339
}
