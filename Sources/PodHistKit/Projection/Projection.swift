import Foundation

/// The pod as it stood at `instant` (nil: the latest instant its facts know), folded from its
/// facts in event-time order. Pure: no I/O, no clock. STUB: replaced by the projection work.
public func project(_ facts: [Fact], at instant: Instant?) -> PodState {
  let sorted = facts.sorted { $0.observed < $1.observed }
  let at = instant ?? sorted.last?.observed ?? Instant(micros: 0)
  var state = PodState(object: sorted.first?.object ?? ObjectRef(namespace: "default", name: "?"), at: at)
  state.exists = sorted.contains { $0.observed <= at }
  return state
}

/// Every termination per container that the facts show. STUB.
public func restartHistory(_ facts: [Fact]) -> [Termination] { [] }
