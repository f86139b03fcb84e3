import Foundation

/// Runs the rules over a pod's projected state and history. STUB: replaced by the why work.
public enum Explainer {
  /// The ranked causes for `state`, given all of the pod's facts up to `state.at`.
  public static func explain(_ state: PodState, facts: [Fact]) -> Explanation {
    Explanation(object: state.object, at: state.at, status: state.status,
                causes: [Cause(code: "Unknown", confidence: "low", summary: "not implemented")], gaps: state.gaps)
  }
}
