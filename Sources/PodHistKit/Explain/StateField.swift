import Foundation

/// Which of a container's states a piece of evidence cites: `state` (now) or `lastState` (the run
/// before). The raw value is the field's name in the API and in `why -o json`'s evidence.
enum StateField: String, Sendable {
  /// The container's current state.
  case state
  /// The container's previous run, as the kubelet last recorded it.
  case lastState

  /// How describe labels the field (`State:`, `Last State:`), the evidence's reason.
  var label: String { self == .state ? "State" : "Last State" }
}
