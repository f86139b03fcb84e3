import Foundation

extension Store {
  /// For each import, the newest instant of any fact it holds: the dump was taken then or later.
  /// (Relative-clock facts are offsets from their dump's own "now" and are at most 0.)
  public func importHorizons() throws -> [Int64: Instant] {
    try mapping {
      let s = try db.prepare("SELECT l.import_id, max(c.last_observed) FROM chunks c JOIN log l ON l.id = c.chunk_id GROUP BY l.import_id")
      var out: [Int64: Instant] = [:]
      while try s.step() { out[s.int(0)] = Instant(micros: s.int(1)) }
      return out
    }
  }
}
