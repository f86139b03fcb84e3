import Foundation

/// The pod as one observation showed it: a describe block, a Pod object (`-o json|yaml`), or a
/// row of `kubectl get pods`. Fields the observation did not show are nil or empty.
public struct PodSnapshot: Sendable, Hashable, Codable {
  /// What kind of observation this is; a table row carries only `row` (plus node/ip for -o wide).
  public var origin: Origin
  /// status.phase as printed (`Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`); nil when not shown.
  public var phase: String?
  /// status.reason (`Evicted`, `DeadlineExceeded`, `NodeLost`, `OutOfcpu`...).
  public var reason: String?
  /// status.message: the human sentence beside `reason` (an eviction's "The node was low on...").
  public var message: String?
  /// spec.nodeName (describe's `Node:` before the `/`, the NODE column of `-o wide`).
  public var node: String?
  /// status.hostIP: the node's address (describe's `Node: name/IP`).
  public var hostIP: String?
  /// status.podIP (describe's `IP:`, the IP column of `-o wide`).
  public var podIP: String?
  /// status.nominatedNodeName: where preemption means to place the pod (NOMINATED NODE column).
  public var nominatedNode: String?
  /// status.startTime: when the kubelet acknowledged the pod.
  public var startTime: Instant?
  /// metadata.creationTimestamp (describe's `Start Time` is `startTime`, not this), UTC.
  public var creationTime: Instant?
  /// metadata.deletionTimestamp: when the pod is due to be gone (request time + grace period), UTC.
  public var deletionTime: Instant?
  /// metadata.deletionGracePeriodSeconds, in seconds; set together with `deletionTime`.
  public var deletionGracePeriodSeconds: Int?
  /// metadata.finalizers still pending (`foregroundDeletion`, a controller's own); nil when none.
  public var finalizers: [String]?
  /// status.conditions (PodScheduled, Initialized, ContainersReady, Ready...), in printed order.
  public var conditions: [PodCondition]
  /// Every container the observation showed, init and sidecar ones included; see `containers(_:)`.
  public var containers: [ContainerSnapshot]
  /// Pod-level spec facts; empty for table rows.
  public var spec: PodSpecFacts
  /// What a `kubectl get pods` row printed, for table observations.
  public var row: PodRow?
  /// Line (1-based, in the fact's source) of each field the observation printed, for evidence:
  /// keys `status`, `reason`, `message`, `node`, `startTime`, `conditions`, `events`.
  public var fieldLines: [String: Int]

  /// The kind of observation.
  public enum Origin: String, Sendable, Hashable, Codable {
    /// A Pod object from `-o json` / `-o yaml`: the complete status, times absolute.
    case object
    /// A `kubectl describe pod` block: status, spec facts and ages resolved against an anchor.
    case describe
    /// A `kubectl get pods` row: only `row`, plus node and IP for `-o wide`.
    case table
  }

  /// An observation of the given origin with no field known yet.
  public init(origin: Origin) {
    self.origin = origin; conditions = []; containers = []; spec = PodSpecFacts(); fieldLines = [:]
  }

  /// The containers of one kind, in spec order.
  public func containers(_ kind: ContainerKind) -> [ContainerSnapshot] { containers.filter { $0.kind == kind } }
}

/// What a `kubectl get pods` row printed.
public struct PodRow: Sendable, Hashable, Codable {
  /// The STATUS column as printed.
  public var status: String
  /// READY, e.g. `1/2`.
  public var ready: String?
  /// RESTARTS: the number (`4` in `4 (2m ago)`).
  public var restarts: Int?
  /// `(2m ago)` in new-style RESTARTS, as an age.
  public var lastRestartAge: Duration?
  /// AGE: time since creation.
  public var age: Duration?

  /// A row with the columns a `get pods` table printed; absent columns stay nil.
  public init(status: String, ready: String? = nil, restarts: Int? = nil, lastRestartAge: Duration? = nil, age: Duration? = nil) {
    self.status = status; self.ready = ready; self.restarts = restarts
    self.lastRestartAge = lastRestartAge; self.age = age
  }
}

/// A pod condition. Describe prints only type and status; `-o json|yaml` adds the rest.
public struct PodCondition: Sendable, Hashable, Codable {
  /// The condition type: `PodScheduled`, `Initialized`, `ContainersReady`, `Ready`, or a readiness gate.
  public var type: String
  /// `True`, `False` or `Unknown`, as printed (a string, not a Bool, to keep `Unknown`).
  public var status: String
  /// The condition's machine reason (`Unschedulable`, `ContainersNotReady`); `-o json|yaml` only.
  public var reason: String?
  /// The condition's human message (the scheduler's refusal for PodScheduled); `-o json|yaml` only.
  public var message: String?
  /// lastTransitionTime: when `status` last changed, UTC, second resolution.
  public var lastTransition: Instant?

  /// A condition with what the dump printed; the optional parts default to unknown.
  public init(type: String, status: String, reason: String? = nil, message: String? = nil, lastTransition: Instant? = nil) {
    self.type = type; self.status = status; self.reason = reason; self.message = message; self.lastTransition = lastTransition
  }
}

/// One container's status and the spec facts that explain failures.
public struct ContainerSnapshot: Sendable, Hashable, Codable {
  /// The container's name, unique within the pod across all kinds.
  public var name: String
  /// Which list of the spec it is in (containers, initContainers, ephemeralContainers), or sidecar.
  public var kind: ContainerKind
  /// spec image reference as written (`nginx:1.25`); not the resolved digest.
  public var image: String?
  /// status imageID: the image actually run, usually with a digest (`docker-pullable://...@sha256:`).
  public var imageID: String?
  /// status containerID of the current instance (`containerd://<hex>`); changes on every restart.
  public var containerID: String?
  /// The current state (describe's `State:`); nil when not shown.
  public var state: ContainerState?
  /// Printed only when the previous instance terminated (lastState.terminated).
  public var lastState: ContainerState?
  /// status ready: whether the readiness probe (or its absence) passes; nil when not shown.
  public var ready: Bool?
  /// status started: whether the startup probe has passed (Kubernetes ≥ 1.16); nil when not shown.
  public var started: Bool?
  /// status restartCount: the kubelet's count of restarts of this container in this pod uid.
  public var restartCount: Int?
  /// The container's spec facts (probes, resources, references); empty when only status was shown.
  public var spec: ContainerSpecFacts
  /// Line of each printed field, for evidence: `state`, `lastState`, `ready`, `restartCount`,
  /// `image`, `ports`, `liveness`, `readiness`, `startup`, `limits`, `requests`.
  public var fieldLines: [String: Int]

  /// A container known so far only by name and kind.
  public init(name: String, kind: ContainerKind = .regular) {
    self.name = name; self.kind = kind; spec = ContainerSpecFacts(); fieldLines = [:]
  }
}

/// A container state: waiting, running or terminated, with what each carries.
public struct ContainerState: Sendable, Hashable, Codable {
  /// Which of the three exclusive states of a container status (`state.waiting|running|terminated`).
  public enum Kind: String, Sendable, Hashable, Codable { case waiting, running, terminated }
  /// Which state this is; determines which of the other fields can be set.
  public var kind: Kind
  /// waiting/terminated reason (`CrashLoopBackOff`, `ImagePullBackOff`, `OOMKilled`, `Error`, `Completed`).
  public var reason: String?
  /// waiting/terminated message (a pull error, a termination message); nil for running.
  public var message: String?
  /// terminated exitCode (128+N for signal N by convention); nil unless terminated.
  public var exitCode: Int?
  /// terminated signal number, when the runtime reported one (rarely set).
  public var signal: Int?
  /// running/terminated startedAt: when this instance started, UTC, second resolution.
  public var startedAt: Instant?
  /// terminated finishedAt: when this instance ended, UTC, second resolution.
  public var finishedAt: Instant?
  /// terminated containerID: the instance that ended (`containerd://<hex>`).
  public var containerID: String?

  /// A state of the given kind; fields the kind does not carry stay nil.
  public init(kind: Kind, reason: String? = nil, message: String? = nil, exitCode: Int? = nil, signal: Int? = nil,
              startedAt: Instant? = nil, finishedAt: Instant? = nil, containerID: String? = nil) {
    self.kind = kind; self.reason = reason; self.message = message; self.exitCode = exitCode
    self.signal = signal; self.startedAt = startedAt; self.finishedAt = finishedAt; self.containerID = containerID
  }
}

/// Pod-level spec facts that explain failures.
public struct PodSpecFacts: Sendable, Hashable, Codable {
  /// `Always` (the default), `OnFailure`, `Never`.
  public var restartPolicy: String?
  /// spec.nodeSelector: labels a node must carry (`disktype: ssd`).
  public var nodeSelector: [String: String]?
  /// Tolerations as describe prints them: `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`.
  public var tolerations: [String]?
  /// metadata.labels of the pod.
  public var labels: [String: String]?
  /// Owner `Kind/name` (describe's `Controlled By`, ownerReferences[controller]).
  public var owner: String?
  /// spec.volumes that refer to something that may be missing (ConfigMap, Secret, claim...).
  public var volumes: [VolumeRef]?
  /// spec.priority: the integer the scheduler preempts by (resolved from the priority class).
  public var priority: Int?
  /// spec.priorityClassName (`system-node-critical`...).
  public var priorityClassName: String?
  /// status.qosClass: `Guaranteed`, `Burstable` or `BestEffort`; decides eviction order.
  public var qosClass: String?
  /// spec.serviceAccountName (describe's `Service Account:`).
  public var serviceAccount: String?
  /// spec.activeDeadlineSeconds: seconds after startTime when the pod is failed (`DeadlineExceeded`).
  public var activeDeadlineSeconds: Int?
  /// spec.terminationGracePeriodSeconds: seconds between SIGTERM and SIGKILL (default 30).
  public var terminationGracePeriodSeconds: Int?
  /// spec.schedulerName when not `default-scheduler`.
  public var schedulerName: String?
  /// spec.affinity.nodeAffinity, summarised as text (the required terms).
  public var nodeAffinity: String?
  /// The required terms of spec.affinity.nodeAffinity
  /// (requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms), ORed; nil when none.
  /// Preferred terms never keep a pod off a node and are not kept here.
  public var requiredNodeAffinity: [NodeSelectorTerm]?

  /// No spec fact known yet.
  public init() {}
}

/// A volume and what it refers to.
public struct VolumeRef: Sendable, Hashable, Codable {
  /// The volume's name, as container mounts refer to it.
  public var name: String
  /// `configMap`, `secret`, `persistentVolumeClaim`, `emptyDir`, `hostPath`, `nfs`, `projected`...
  public var type: String
  /// The ConfigMap, Secret or claim name, NFS server:path, host path.
  public var source: String?
  /// The `optional` flag of a ConfigMap/Secret volume: when true, a missing source does not block start.
  public var optional: Bool?

  /// A volume with what the dump printed of it.
  public init(name: String, type: String, source: String? = nil, optional: Bool? = nil) {
    self.name = name; self.type = type; self.source = source; self.optional = optional
  }
}

/// Container spec facts: ports, probes, resources, what it references.
public struct ContainerSpecFacts: Sendable, Hashable, Codable {
  /// Declared container ports (informational: Kubernetes does not require them for traffic).
  public var ports: [ContainerPort]?
  /// livenessProbe: failing it makes the kubelet kill and restart the container.
  public var liveness: Probe?
  /// readinessProbe: failing it takes the pod out of Service endpoints; no restart.
  public var readiness: Probe?
  /// startupProbe: holds off liveness/readiness until it passes; failing it kills the container.
  public var startup: Probe?
  /// Resource quantities as written (`500m`, `128Mi`).
  public var requests: [String: String]?
  /// Resource limits as written (`cpu: 500m`, `memory: 128Mi`); exceeding memory gets the container OOMKilled.
  public var limits: [String: String]?
  /// The container's command (entrypoint override) as written, one element per argument.
  public var command: [String]?
  /// The container's args as written, one element per argument.
  public var args: [String]?
  /// ConfigMaps and Secrets referenced by env / envFrom.
  public var configMapRefs: [String]?
  /// Secrets referenced by env / envFrom (a missing one gives `CreateContainerConfigError`).
  public var secretRefs: [String]?
  /// Mount paths with their volume names: `/etc/config from config (ro)`.
  public var mounts: [String]?
  /// For init containers: `Always` makes it a sidecar.
  public var restartPolicy: String?
  /// imagePullPolicy: `Always`, `IfNotPresent` or `Never`.
  public var imagePullPolicy: String?
  /// lifecycle.postStart handler, summarised as text; a failure kills the container.
  public var postStart: String?
  /// lifecycle.preStop handler, summarised as text; it runs within the termination grace period.
  public var preStop: String?

  /// No container spec fact known yet.
  public init() {}
}

/// A declared container port.
public struct ContainerPort: Sendable, Hashable, Codable {
  /// The port number inside the container (1–65535 in a valid spec; not checked here).
  public var containerPort: Int
  /// `TCP` (the default when omitted), `UDP` or `SCTP`.
  public var `protocol`: String?
  /// The port's name, which probes and Services may refer to instead of the number.
  public var name: String?
  /// hostPort: the node port it is bound to; two pods with the same one cannot share a node.
  public var hostPort: Int?

  /// A port as declared; omitted parts stay nil.
  public init(containerPort: Int, protocol: String? = nil, name: String? = nil, hostPort: Int? = nil) {
    self.containerPort = containerPort; self.protocol = `protocol`; self.name = name; self.hostPort = hostPort
  }
}

/// A liveness, readiness or startup probe with its parameters (Kubernetes defaults apply where
/// the dump omits them: delay 0, timeout 1, period 10, success 1, failure 3).
public struct Probe: Sendable, Hashable, Codable {
  /// `http-get`, `tcp-socket`, `exec`, `grpc`.
  public var type: String
  /// `HTTP` or `HTTPS` for http-get probes; nil means HTTP.
  public var scheme: String?
  /// http-get host; nil means the pod IP.
  public var host: String?
  /// Port number or name, as written.
  public var port: String?
  /// http-get path (`/healthz`).
  public var path: String?
  /// exec probe command, one element per argument.
  public var command: [String]?
  /// Seconds after the container starts before the first probe (describe's `delay=`).
  public var initialDelaySeconds: Int
  /// Seconds a probe may take before it counts as failed (describe's `timeout=`).
  public var timeoutSeconds: Int
  /// Seconds between probes (describe's `period=`).
  public var periodSeconds: Int
  /// Consecutive successes that make a failed probe pass again (describe's `#success=`).
  public var successThreshold: Int
  /// Consecutive failures that make the probe fail (describe's `#failure=`): liveness then kills.
  public var failureThreshold: Int

  /// A probe with Kubernetes' defaults for every parameter the dump omitted.
  public init(type: String, scheme: String? = nil, host: String? = nil, port: String? = nil, path: String? = nil,
              command: [String]? = nil, initialDelaySeconds: Int = 0, timeoutSeconds: Int = 1,
              periodSeconds: Int = 10, successThreshold: Int = 1, failureThreshold: Int = 3) {
    self.type = type; self.scheme = scheme; self.host = host; self.port = port; self.path = path
    self.command = command; self.initialDelaySeconds = initialDelaySeconds; self.timeoutSeconds = timeoutSeconds
    self.periodSeconds = periodSeconds; self.successThreshold = successThreshold; self.failureThreshold = failureThreshold
  }

  /// The port as a number, when it is one.
  public var portNumber: Int? { port.flatMap { Int($0) } }
}
