import Foundation

extension Store {
  /// The newest instant of any fact an import holds: that dump was taken then or later.
  /// (Relative-clock facts are offsets from their dump's own "now" and are at most 0.)
  /// One row of `import_horizons`.
  public func importHorizon(_ importID: Int64) throws -> Instant? {
    try mapping {
      let s = try db.prepare("SELECT last_observed FROM import_horizons WHERE import_id = ?")
      try s.bind(.int(importID))
      guard try s.step(), !s.isNull(0) else { return nil }
      return Instant(micros: s.int(0))
    }
  }
}
