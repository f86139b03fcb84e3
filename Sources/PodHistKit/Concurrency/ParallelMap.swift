import Dispatch
import Foundation

/// `items.map(transform)`, run on the available cores: the results come back in the order of
/// `items`, whatever order the work finishes in. For pure per-pod work (decoding a pod's chunks,
/// projecting it, explaining it) in the whole-store views.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
  let workers = ProcessInfo.processInfo.activeProcessorCount
  guard items.count > 1, workers > 1 else { return items.map(transform) }
  let slots = ResultSlots<R>(count: items.count)
  // A few pods per iteration keeps the hand-off cost small against the work.
  let stride = max(1, min(16, items.count / (workers * 8)))
  let iterations = (items.count + stride - 1) / stride
  DispatchQueue.concurrentPerform(iterations: iterations) { k in
    for i in (k * stride)..<min(items.count, (k + 1) * stride) { slots.set(i, transform(items[i])) }
  }
  return slots.values()
}

/// One slot per result, each written by exactly one iteration of `concurrentPerform` (distinct
/// indices), and read only after all of them have finished.
private final class ResultSlots<R>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<R?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  deinit {
    buffer.deinitialize()
    buffer.deallocate()
  }

  func set(_ i: Int, _ value: R) { buffer[i] = value }

  func values() -> [R] { buffer.compactMap { $0 } }
}
