/// A value handed to another thread, which alone uses it from then on.
final class UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// A value one thread sets and another reads after it is done (`concurrentPerform` orders the two).
final class UncheckedSlot<T>: @unchecked Sendable {
  var value: T
  init(_ value: T) { self.value = value }
}

/// One batch's results, written by the task that transforms it and read after it is done
/// (its `DispatchGroup` orders the two).
final class BatchResults<R>: @unchecked Sendable {
  var values: [R?] = []
}
