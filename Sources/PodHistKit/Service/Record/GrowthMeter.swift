import Foundation

/// The store's size over time, for the growth report.
struct GrowthMeter {
  let path: String
  var start: (Date, Int64)

  init(path: String, now: Date = Date()) {
    self.path = path
    start = (now, GrowthMeter.size(path))
  }

  static func size(_ path: String) -> Int64 {
    ["", "-wal"].reduce(Int64(0)) { sum, suffix in
      let attrs = try? FileManager.default.attributesOfItem(atPath: path + suffix)
      return sum + ((attrs?[.size] as? NSNumber)?.int64Value ?? 0)
    }
  }

  /// The store's size now and its growth per hour since the recorder started.
  func measure(now: Date) -> (size: Int64, perHour: Double, perDay: Double) {
    let size = GrowthMeter.size(path)
    let hours = max(now.timeIntervalSince(start.0) / 3600, 1e-9)
    let perHour = Double(size - start.1) / hours
    return (size, perHour, perHour * 24)
  }

  /// The log line: "store 12 MB, growing 1.2 MB/hour (29 MB/day)".
  func report(now: Date) -> String {
    let m = measure(now: now)
    return "store \(GrowthMeter.mb(Double(m.size))), growing \(GrowthMeter.mb(m.perHour))/hour (\(GrowthMeter.mb(m.perDay))/day)"
  }

  /// The status line's part: "store 12 MB +1.2 MB/h".
  func brief(now: Date) -> String {
    let m = measure(now: now)
    return "store \(GrowthMeter.mb(Double(m.size))) +\(GrowthMeter.mb(m.perHour))/h"
  }

  static func mb(_ bytes: Double) -> String {
    let v = bytes / 1_000_000
    return v < 10 ? "\((v * 10).rounded() / 10) MB" : "\(Int(v.rounded())) MB"
  }
}
