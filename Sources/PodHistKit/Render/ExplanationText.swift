import Foundation

/// The text form of an explanation. STUB: replaced by the why work.
public func renderExplanationText(_ e: Explanation, color: Bool) -> String {
  var out = "\(e.object) — \(e.status) at \(e.at.rfc3339)\n"
  for c in e.causes { out += "  \(c.code) (\(c.confidence)): \(c.summary)\n" }
  return out
}
