import Foundation
import Testing
@testable import PodHistKit

/// The store's growth as `podhist record` reports it: size of the store and its WAL, growth since
/// the recorder started per hour and per day.
@Suite struct GrowthMeterTests {
  @Test func growthIsMeasuredFromTheStoreAndItsWAL() throws {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-growth-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appending(path: "podhist.db").path
    try Data(count: 1_000_000).write(to: URL(filePath: path))
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let meter = GrowthMeter(path: path, now: start)
    // 1.5 MB more in half an hour: 0.5 MB in the store, 1 MB in its WAL.
    try Data(count: 1_500_000).write(to: URL(filePath: path))
    try Data(count: 1_000_000).write(to: URL(filePath: path + "-wal"))
    let later = start.addingTimeInterval(1800)
    let m = meter.measure(now: later)
    #expect(m.size == 2_500_000)
    #expect(abs(m.perHour - 3_000_000) < 1 && abs(m.perDay - 72_000_000) < 1)
    #expect(meter.report(now: later) == "store 2.5 MB, growing 3.0 MB/hour (72 MB/day)")
    #expect(meter.brief(now: later) == "store 2.5 MB +3.0 MB/h")
  }
}
