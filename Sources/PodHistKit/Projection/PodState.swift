import Foundation

/// A pod as it stood at one instant, folded from its facts by `project(_:at:)`: what
/// `kubectl get pods` and `kubectl describe pod` would have shown then, plus what is uncertain.
public struct PodState: Sendable, Equatable, Codable {
  /// The pod projected (namespace, name, and uid when the facts tell one incarnation).
  public var object: ObjectRef
  /// The instant described.
  public var at: Instant
  /// Whether any fact about the pod is at or before `at`.
  public var exists: Bool = false
  /// Pending, Running, Succeeded, Failed, Unknown; nil when no fact tells it.
  public var phase: Phase?
  /// kubectl's STATUS column (printPod's algorithm).
  public var status: String = "Unknown"
  /// status.reason / status.message (Evicted, DeadlineExceeded...).
  public var reason: String?
  /// status.message from the newest snapshot at or before `at` (an eviction's sentence).
  public var message: String?
  /// spec.nodeName the pod was bound to, as last observed at or before `at`.
  public var node: String?
  /// status.podIP as last observed at or before `at`.
  public var podIP: String?
  /// status.startTime: when the kubelet acknowledged the pod (UTC, or relative under `clock`).
  public var startTime: Instant?
  /// metadata.creationTimestamp, from a snapshot or derived from a table's AGE.
  public var creationTime: Instant?
  /// metadata.deletionTimestamp when a deletion was requested at or before `at`.
  public var deletionTime: Instant?
  /// metadata.finalizers of the newest Pod object at or before `at`: what must be cleared before
  /// a deleted pod can go (`foregroundDeletion` means a deletion was requested).
  public var finalizers: [String] = []
  /// When the pod was gone at `at` (deleted, and how that is known); nil while it exists.
  public var deletion: Deletion?
  /// status.conditions from the newest snapshot that printed them.
  public var conditions: [PodCondition] = []
  /// Init (and sidecar) containers first, then regular ones, each in spec order.
  public var containers: [ContainerStatus] = []
  /// RESTARTS as kubectl sums it; a range when aggregation hides the exact count.
  public var restarts: ClosedRange<Int> = 0...0
  /// READY numerator and denominator.
  public var readyCount: Int = 0
  /// READY denominator: regular containers plus sidecars, as kubectl counts them.
  public var readyTotal: Int = 0
  /// Pod-level spec facts known from any snapshot.
  public var spec: PodSpecFacts = PodSpecFacts()
  /// The newest status observation at or before `at`, and where it came from.
  public var lastSnapshotAt: Instant?
  /// Provenance of `lastSnapshotAt`'s observation, for evidence.
  public var lastSnapshotSource: Provenance?
  /// The first and last fact instants known.
  public var firstFactAt: Instant?
  /// The newest fact's instant (any fact, after `at` too); with `firstFactAt` the span of history known.
  public var lastFactAt: Instant?
  /// Whether the instants are relative to the dump (no anchor).
  public var clock: Clock = .absolute
  /// What is uncertain in this state (restarts between 3 and 5, ...), with the facts behind it.
  public var uncertainties: [Uncertainty] = []
  /// Where history has gaps (no status snapshot, events before an instant not in the store).
  public var gaps: [Gap] = []

  /// A state for `object` at `at` with nothing known: `exists` false, STATUS `Unknown`.
  public init(object: ObjectRef, at: Instant) { self.object = object; self.at = at }

  /// READY as kubectl prints it, `1/2`.
  public var ready: String { "\(readyCount)/\(readyTotal)" }
  /// Whether the pod is Running with every counted container ready.
  public var isRunningAndReady: Bool { statusReason == .running && readyTotal > 0 && readyCount == readyTotal }
}

/// A pod's deletion as the projection knows it: by when it was gone, and how that is known.
public struct Deletion: Sendable, Equatable, Codable {
  /// The instant by which the pod no longer existed (a listing's, a watch notice's, or the end
  /// of the grace period after which nothing followed).
  public var at: Instant
  /// How it is known.
  public var basis: PodDeletion.Basis
  /// Whether it was observed (listing, watch) rather than inferred from silence.
  public var isObserved: Bool { PodDeletion(basis: basis).isObserved }
}

/// One container in a projected state.
public struct ContainerStatus: Sendable, Equatable, Codable {
  /// The container's name.
  public var name: String
  /// Regular, init, sidecar or ephemeral; decides how READY and RESTARTS count it.
  public var kind: ContainerKind
  /// The spec image reference as last observed.
  public var image: String?
  /// The state at `at` (waiting, running, terminated), from a snapshot or inferred from events.
  public var state: ContainerState?
  /// The previous instance's terminated state, as the last snapshot showed it.
  public var lastState: ContainerState?
  /// Whether the container counts as ready at `at` (false when unknown).
  public var ready: Bool = false
  /// Whether the startup probe has passed; nil when no snapshot told.
  public var started: Bool?
  /// restartCount; a range when events between snapshots leave it uncertain.
  public var restarts: ClosedRange<Int> = 0...0
  /// Spec facts (probes, resources, references) known from any snapshot.
  public var spec: ContainerSpecFacts = ContainerSpecFacts()

  /// A container known by name and kind with no state yet, 0 restarts and not ready.
  public init(name: String, kind: ContainerKind) { self.name = name; self.kind = kind }
}

/// One known run of a container that ended: from the snapshots' states and last states and the
/// events between them.
public struct Termination: Sendable, Equatable, Codable {
  /// The container's name.
  public var container: String
  /// Regular, init, sidecar or ephemeral.
  public var containerKind: ContainerKind
  /// 1-based run number when known (restartCount at that run + 1).
  public var run: Int?
  /// When the run started (state.running/terminated startedAt, or a Started event); nil when unknown.
  public var startedAt: Instant?
  /// When the run ended (terminated finishedAt, or a Killing/BackOff event); nil when unknown.
  public var finishedAt: Instant?
  /// terminated reason (`OOMKilled`, `Error`, `Completed`...) when a snapshot showed it.
  public var reason: String?
  /// terminated exitCode (137 = SIGKILL, 143 = SIGTERM by the 128+N convention) when shown.
  public var exitCode: Int?
  /// terminated signal, when the runtime reported one.
  public var signal: Int?
  /// terminated message (the container's termination message) when shown.
  public var message: String?
  /// What ended it.
  public var killedBy: KilledBy
  /// The back-off before the next start, when the next start is known.
  public var backOffBeforeNext: Duration?
  /// Where this termination was seen.
  public var evidence: [Provenance]
  /// The pod uid (incarnation) the run belonged to, when known.
  public var podUID: String? = nil
  /// Whether the termination is known only from a count (aggregated Killing/Started events, or
  /// a restart count that grew between snapshots): its end is then unknown, and its start too
  /// unless a snapshot showed the run running.
  public var countOnly: Bool = false

  /// A termination with no time, code or evidence yet; `killedBy` defaults to unknown.
  public init(container: String, containerKind: ContainerKind, killedBy: KilledBy = .unknown) {
    self.container = container; self.containerKind = containerKind; self.killedBy = killedBy; evidence = []
  }

  /// How long the run lasted, when both ends are known.
  public var ran: Duration? {
    guard let s = startedAt, let f = finishedAt else { return nil }
    return f - s
  }
}

/// What ended a container's run; the raw value is what `restarts` prints.
public enum KilledBy: String, Sendable, Hashable, Codable, CaseIterable {
  /// A failing liveness probe.
  case liveness
  /// A failing startup probe.
  case startup
  /// The kernel's OOM killer.
  case oom
  /// The process exited by itself.
  case exit
  /// A failing postStart hook.
  case postStartHook
  /// The pod's deletion.
  case deletion
  /// The kubelet's eviction of the pod.
  case eviction
  /// Nothing in the facts tells.
  case unknown
}

/// A pod's `restartPolicy` (Always when not given); a value podhist does not know is kept, and
/// the kubelet restarts under it as under Always.
public enum RestartPolicy: Sendable, Hashable {
  /// Restart every container that exits.
  case always
  /// Restart containers that exit non-zero.
  case onFailure
  /// Restart none.
  case never
  /// A value podhist does not know, as the dump printed it.
  case other(String)

  /// The policy a spec names (nil: the default, Always).
  public init(_ text: String?) {
    switch text {
    case nil, "Always"?: self = .always
    case "OnFailure"?: self = .onFailure
    case "Never"?: self = .never
    case let t?: self = .other(t)
    }
  }
}
