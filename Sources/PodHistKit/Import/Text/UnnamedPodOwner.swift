import Foundation

/// Finds the pod an unnamed Events block belongs to, from the pods tables of the same paste.
///
/// People paste `kubectl get pods` and then only the Events of one pod's describe ("and the
/// zookeeper pod's description below"): the block names no pod, but what its Events say
/// (FailedScheduling, back-off, image pulls, mounts) can only describe a pod in a matching state.
/// When exactly one pod of the paste's tables is in such a state, the block is that pod's; with
/// none or several, it stays unnamed.
enum UnnamedPodOwner {
  /// The pod (name and namespace as printed) whose last row agrees with `reasons`, when exactly one does.
  /// `owner` (`ReplicaSet/web-7d9c`, from `Controlled By:`) narrows to the pods named after it;
  /// `waitingReasons` (the containers' `State: Waiting` reasons) narrow like Events do.
  /// `oldestEvent` (the oldest age the block's Events print) breaks a tie between pods in the
  /// same state: a pod younger than the Events (minus a margin for the time between the two
  /// commands) cannot be theirs.
  static func owner(reasons: [String], messages: [String], owner: String? = nil, waitingReasons: [String] = [],
                    oldestEvent: Duration? = nil, tables: [PodsTableSegment]) -> PodsTableRow? {
    var last: [String: PodsTableRow] = [:]
    for table in tables { for row in table.rows { last[row.name] = row } }
    var candidates = Array(last.values)
    var narrowed = false
    // Pods of a ReplicaSet, StatefulSet, DaemonSet or Job are named `<owner>-<suffix>`.
    if let owner, let slash = owner.firstIndex(of: "/") {
      let prefix = owner[owner.index(after: slash)...] + "-"
      if prefix.count > 1 { candidates = candidates.filter { $0.name.hasPrefix(prefix) }; narrowed = true }
    }
    let wanted = states(reasons: reasons + waitingReasons, messages: messages + waitingReasons.map { _ in "" })
    if !wanted.isEmpty { candidates = candidates.filter { wanted.contains(kind(of: $0)) }; narrowed = true }
    if narrowed, candidates.count > 1, let oldest = oldestEvent {
      let older = candidates.filter { row in
        guard let age = row.age?.value else { return true }
        return age.seconds + 120 + oldest.seconds / 5 >= oldest.seconds
      }
      if !older.isEmpty { candidates = older }
    }
    return narrowed && candidates.count == 1 ? candidates.first : nil
  }

  /// What a pod's STATUS says of it, in the words `states` uses.
  enum State: Hashable { case pending, creating, crashLooping, pullFailing, notReady, evicted, other }

  /// The state of a pods-table row.
  static func kind(of row: PodsTableRow) -> State {
    let status = KubectlStatus(row.status)
    // `Init:0/1` waits on an init container: a mount, a sandbox or a pull may hold it.
    if case .initProgress = status { return .creating }
    switch status.word.reason {
    case .pending?: return .pending
    case .containerCreating?, .podInitializing?: return .creating
    case .crashLoopBackOff?, .error?, .oomKilled?, .runContainerError?, .startError?: return .crashLooping
    case .imagePullBackOff?, .errImagePull?, .invalidImageName?, .errImageNeverPull?: return .pullFailing
    case .evicted?: return .evicted
    case .running?:
      if let ready = row.ready, let slash = ready.firstIndex(of: "/"),
         ready[..<slash] != ready[ready.index(after: slash)...] { return .notReady }
      return .other
    default:
      return .other
    }
  }

  /// The pod states the Events can come from; empty when they say nothing that narrows it.
  static func states(reasons: [String], messages: [String]) -> Set<State> {
    var out: Set<State>? = nil
    func narrow(_ s: Set<State>) { out = out.map { $0.intersection(s) } ?? s }
    for (reason, message) in zip(reasons, messages) {
      switch reason {
      case "FailedScheduling":
        narrow([.pending])
      case "FailedMount", "FailedAttachVolume", "FailedCreatePodSandBox", "FailedCreatePodContainer":
        narrow([.creating, .pending])
      case "BackOff" where message.contains("restarting failed container"):
        narrow([.crashLooping, .notReady])
      case "BackOff" where message.contains("pulling image"), "ErrImagePull", "ErrImageNeverPull", "InvalidImageName":
        narrow([.pullFailing])
      case "Failed" where message.contains("ImagePullBackOff") || message.contains("ErrImagePull")
                         || message.contains("pull image") || message.contains("pulling image"):
        narrow([.pullFailing])
      case "Evicted":
        narrow([.evicted])
      // A container's `State: Waiting` reason, read like the Events that lead to it.
      case "CrashLoopBackOff", "RunContainerError":
        narrow([.crashLooping])
      case "ImagePullBackOff":
        narrow([.pullFailing])
      case "ContainerCreating":
        narrow([.creating, .pending])
      default:
        continue
      }
    }
    return out ?? []
  }
}
