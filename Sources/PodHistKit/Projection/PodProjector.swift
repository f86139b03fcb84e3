import Foundation

/// One pod's facts indexed once (each incarnation's model built once) for the many questions a
/// picture asks of them: the state at one instant, at many, and the restart history. The answers
/// are `project(_:at:)`'s, `project(_:at:)` over instants and `restartHistory(_:)`'s; a picture of
/// 10^4 Events built those indexes four times (reading every Event message each time).
public struct PodProjector {
  /// The facts given.
  let facts: [Fact]
  /// The facts of the one pod among them (`onePod`).
  let podFacts: [Fact]
  let incarnations: [Incarnation]
  /// The model of each incarnation, in `incarnations`' order.
  let models: [PodModel]

  /// Indexes `facts` (one pod's).
  public init(_ facts: [Fact]) {
    self.facts = facts
    podFacts = onePod(facts)
    incarnations = podFacts.isEmpty ? [] : splitIncarnations(podFacts)
    models = incarnations.map(PodModel.init)
  }

  /// The pod at `instant` (nil: the latest instant its facts know): `project(facts, at: instant)`.
  public func state(at instant: Instant?) -> PodState {
    guard !podFacts.isEmpty else { return project(facts, at: instant) }
    return state(atKnown: instant ?? defaultInstant(podFacts))
  }

  /// The pod at each of `instants`, in the order given: `project(facts, at: instants)`.
  public func states(at instants: [Instant]) -> [PodState] {
    guard !podFacts.isEmpty else { return instants.map { project(facts, at: $0) } }
    return instants.map(state(atKnown:))
  }

  /// Every termination per container that the facts show: `restartHistory(facts)`.
  public var terminations: [Termination] { models.flatMap { $0.terminations() } }

  /// The state at `at` from the incarnation current then (`incarnation(at:in:)`'s pick).
  private func state(atKnown at: Instant) -> PodState {
    guard var pick = incarnations.indices.first else { return project(facts, at: at) }
    for i in incarnations.indices where incarnations[i].firstAt <= at { pick = i }
    var state = models[pick].project(at: at)
    if incarnations.count > 1 {
      let inc = incarnations[pick]
      state.uncertainties.append(.incarnations(name: state.object.name, uids: incarnations.compactMap(\.uid),
                                               count: incarnations.count, uid: inc.uid, at: at))
    }
    return state
  }
}
