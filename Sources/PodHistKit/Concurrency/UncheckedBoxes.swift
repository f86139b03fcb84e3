/// A value handed to another thread, which alone uses it from then on.
final class UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// One batch's results, written by the task that transforms it and read after it is done
/// (its `DispatchGroup` orders the two).
final class BatchResults<R>: @unchecked Sendable {
  var values: [R?] = []
}
