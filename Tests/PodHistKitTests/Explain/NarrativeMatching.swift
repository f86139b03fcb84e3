@testable import PodHistKit

extension Narrative {
  /// Whether the words, as `why` prints them on an absolute clock, contain `fragment`.
  func contains(_ fragment: String) -> Bool { FindingText.text(self, clock: .absolute).contains(fragment) }
}
