import Foundation

/// The pod as one observation showed it: a describe block, a Pod object (`-o json|yaml`), or a
/// row of `kubectl get pods`. Fields the observation did not show are nil or empty.
public struct PodSnapshot: Sendable, Hashable, Codable {
  /// What kind of observation this is; a table row carries only `row` (plus node/ip for -o wide).
  public var origin: Origin
  public var phase: String?
  /// status.reason (`Evicted`, `DeadlineExceeded`, `NodeLost`, `OutOfcpu`...).
  public var reason: String?
  public var message: String?
  public var node: String?
  public var hostIP: String?
  public var podIP: String?
  public var nominatedNode: String?
  /// status.startTime: when the kubelet acknowledged the pod.
  public var startTime: Instant?
  public var creationTime: Instant?
  public var deletionTime: Instant?
  public var deletionGracePeriodSeconds: Int?
  public var conditions: [PodCondition]
  public var containers: [ContainerSnapshot]
  public var spec: PodSpecFacts
  /// What a `kubectl get pods` row printed, for table observations.
  public var row: PodRow?
  /// Line (1-based, in the fact's source) of each field the observation printed, for evidence:
  /// keys `status`, `reason`, `message`, `node`, `startTime`, `conditions`, `events`.
  public var fieldLines: [String: Int]

  /// The kind of observation.
  public enum Origin: String, Sendable, Hashable, Codable {
    case object    // a Pod from -o json / -o yaml: complete status
    case describe  // kubectl describe pod
    case table     // a kubectl get pods row
  }

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

  public init(status: String, ready: String? = nil, restarts: Int? = nil, lastRestartAge: Duration? = nil, age: Duration? = nil) {
    self.status = status; self.ready = ready; self.restarts = restarts
    self.lastRestartAge = lastRestartAge; self.age = age
  }
}

/// A pod condition. Describe prints only type and status; `-o json|yaml` adds the rest.
public struct PodCondition: Sendable, Hashable, Codable {
  public var type: String
  public var status: String
  public var reason: String?
  public var message: String?
  public var lastTransition: Instant?

  public init(type: String, status: String, reason: String? = nil, message: String? = nil, lastTransition: Instant? = nil) {
    self.type = type; self.status = status; self.reason = reason; self.message = message; self.lastTransition = lastTransition
  }
}

/// One container's status and the spec facts that explain failures.
public struct ContainerSnapshot: Sendable, Hashable, Codable {
  public var name: String
  public var kind: ContainerKind
  public var image: String?
  public var imageID: String?
  public var containerID: String?
  public var state: ContainerState?
  /// Printed only when the previous instance terminated (lastState.terminated).
  public var lastState: ContainerState?
  public var ready: Bool?
  public var started: Bool?
  public var restartCount: Int?
  public var spec: ContainerSpecFacts
  /// Line of each printed field, for evidence: `state`, `lastState`, `ready`, `restartCount`,
  /// `image`, `ports`, `liveness`, `readiness`, `startup`, `limits`, `requests`.
  public var fieldLines: [String: Int]

  public init(name: String, kind: ContainerKind = .regular) {
    self.name = name; self.kind = kind; spec = ContainerSpecFacts(); fieldLines = [:]
  }
}

/// A container state: waiting, running or terminated, with what each carries.
public struct ContainerState: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable { case waiting, running, terminated }
  public var kind: Kind
  public var reason: String?
  public var message: String?
  public var exitCode: Int?
  public var signal: Int?
  public var startedAt: Instant?
  public var finishedAt: Instant?
  public var containerID: String?

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
  public var nodeSelector: [String: String]?
  /// Tolerations as describe prints them: `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`.
  public var tolerations: [String]?
  public var labels: [String: String]?
  /// Owner `Kind/name` (describe's `Controlled By`, ownerReferences[controller]).
  public var owner: String?
  public var volumes: [VolumeRef]?
  public var priority: Int?
  public var priorityClassName: String?
  public var qosClass: String?
  public var serviceAccount: String?
  public var activeDeadlineSeconds: Int?
  public var terminationGracePeriodSeconds: Int?
  public var schedulerName: String?
  public var nodeAffinity: String?

  public init() {}
}

/// A volume and what it refers to.
public struct VolumeRef: Sendable, Hashable, Codable {
  public var name: String
  /// `configMap`, `secret`, `persistentVolumeClaim`, `emptyDir`, `hostPath`, `nfs`, `projected`...
  public var type: String
  /// The ConfigMap, Secret or claim name, NFS server:path, host path.
  public var source: String?
  public var optional: Bool?

  public init(name: String, type: String, source: String? = nil, optional: Bool? = nil) {
    self.name = name; self.type = type; self.source = source; self.optional = optional
  }
}

/// Container spec facts: ports, probes, resources, what it references.
public struct ContainerSpecFacts: Sendable, Hashable, Codable {
  public var ports: [ContainerPort]?
  public var liveness: Probe?
  public var readiness: Probe?
  public var startup: Probe?
  /// Resource quantities as written (`500m`, `128Mi`).
  public var requests: [String: String]?
  public var limits: [String: String]?
  public var command: [String]?
  public var args: [String]?
  /// ConfigMaps and Secrets referenced by env / envFrom.
  public var configMapRefs: [String]?
  public var secretRefs: [String]?
  /// Mount paths with their volume names: `/etc/config from config (ro)`.
  public var mounts: [String]?
  /// For init containers: `Always` makes it a sidecar.
  public var restartPolicy: String?
  public var imagePullPolicy: String?
  public var postStart: String?
  public var preStop: String?

  public init() {}
}

/// A declared container port.
public struct ContainerPort: Sendable, Hashable, Codable {
  public var containerPort: Int
  public var `protocol`: String?
  public var name: String?
  public var hostPort: Int?

  public init(containerPort: Int, protocol: String? = nil, name: String? = nil, hostPort: Int? = nil) {
    self.containerPort = containerPort; self.protocol = `protocol`; self.name = name; self.hostPort = hostPort
  }
}

/// A liveness, readiness or startup probe with its parameters (Kubernetes defaults apply where
/// the dump omits them: delay 0, timeout 1, period 10, success 1, failure 3).
public struct Probe: Sendable, Hashable, Codable {
  /// `http-get`, `tcp-socket`, `exec`, `grpc`.
  public var type: String
  public var scheme: String?
  public var host: String?
  /// Port number or name, as written.
  public var port: String?
  public var path: String?
  public var command: [String]?
  public var initialDelaySeconds: Int
  public var timeoutSeconds: Int
  public var periodSeconds: Int
  public var successThreshold: Int
  public var failureThreshold: Int

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
