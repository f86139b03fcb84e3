import Foundation

/// How the picture draws a container state: its CSS class (`st-…`, styled by the page's style
/// sheet) and the height of its bar.
enum StateClass: String, Sendable, CaseIterable {
  /// Running; terminated with exit 0 or Completed; terminated otherwise; not observed.
  case running = "st-running", done = "st-done", failed = "st-failed", unknown = "st-unknown"
  /// Waiting in CrashLoopBackOff; waiting for an image; being created; waiting on an error.
  case backoff = "st-backoff", pull = "st-pull", creating = "st-creating", waitError = "st-waiterror"

  /// The class a lane state is drawn with.
  init(_ s: LaneState) {
    switch s {
    case .unknown: self = .unknown
    case .running: self = .running
    case let .waiting(reason):
      guard let reason else { self = .creating; return }
      switch StatusReason(reason) {
      case .crashLoopBackOff?: self = .backoff
      case .imagePullBackOff?, .errImagePull?, .errImageNeverPull?, .invalidImageName?: self = .pull
      case .containerCreating?, .podInitializing?: self = .creating
      default: self = .waitError
      }
    case let .terminated(reason, code):
      self = StatusReason(reason) == .completed || code == 0 ? .done : .failed
    }
  }

  /// The bar's height: thin while waiting (thinnest in back-off), full otherwise.
  var barHeight: Double {
    switch self {
    case .backoff: 3
    case .pull, .creating, .waitError: 7
    case .running, .done, .failed, .unknown: PodPictureSVG.barHeight
    }
  }
}
