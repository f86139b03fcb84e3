import Foundation

/// The Event reasons Kubernetes components emit (kubelet, scheduler, controllers, volume
/// plugins), in every era's spelling, and the reason a bare message implies.
///
/// A paste often keeps only part of a row: the message alone (`Back-off restarting failed
/// container`), `Reason  Message` (2016 describe), or a reason with a lowercase first letter
/// (2015 kubelets wrote `killing`, `created`). The message wording comes from the Kubernetes
/// sources of each era (`pkg/kubelet/events/event.go`, `pkg/kubelet/kuberuntime/`,
/// `pkg/kubelet/images/`, `pkg/kubelet/prober/`, `pkg/scheduler/`, `pkg/controller/`) and the
/// runtimes' errors that the kubelet wraps; `schema/causes.md` lists them by cause.
enum EventMessageCatalogue {
  /// Event reasons, as the components spell them (the canonical form).
  static let reasons: Set<String> = [
    "Scheduled", "FailedScheduling", "Pulling", "Pulled", "Failed", "BackOff", "Created", "Started", "Killing",
    "Unhealthy", "ProbeWarning", "SandboxChanged", "FailedCreatePodSandBox", "FailedPodSandBoxStatus",
    "FailedMount", "FailedAttachVolume", "FailedMapVolume", "FailedUnMount", "SuccessfulMountVolume",
    "SuccessfulAttachVolume", "FailedPostStartHook", "FailedPreStopHook", "Evicted", "DeadlineExceeded",
    "Preempting", "Preempted", "OutOfcpu", "OutOfmemory", "OutOfpods", "OutOfDisk", "NodeAffinity",
    "UnexpectedAdmissionError", "FailedSync", "InspectFailed", "ErrImageNeverPull", "ErrImagePull",
    "FailedKillPod", "NodeNotReady", "TaintManagerEviction", "ExceededGracePeriod", "FailedCreatePodContainer",
    "FailedValidation", "HostPortConflict", "NetworkNotReady", "FailedCreate", "SuccessfulCreate",
    "SuccessfulDelete", "FailedDelete", "OOMKilling", "SystemOOM", "ContainerGCFailed", "ImageGCFailed",
    "FailedBinding", "ProvisioningFailed", "ExternalProvisioning", "WaitForFirstConsumer", "FailedPrecondition",
    "NodeNotSchedulable", "NodeHasDiskPressure", "NodeHasInsufficientMemory", "EvictionThresholdMet",
    "FailedNodeAllocatableEnforcement", "MissingClusterDNS", "PolicyViolation", "FailedPreemption",
    "NotTriggerScaleUp", "TriggeredScaleUp", "ContainerStatusUnknown", "Completed", "BackoffLimitExceeded",
    "FailedAdmission", "AppArmor", "Rejected", "FailedStart", "FailedCreateContainer", "Unschedulable",
    "FailedToRetrieveImagePullSecret", "ImagePullBackOff", "CrashLoopBackOff", "Pending", "ScalingReplicaSet", "SuccessfulRescale", "FailedGetScale", "Sync", "Updated", "Provisioning",
    "ProvisioningSucceeded", "FailedToUpdateEndpoint", "Rebooted", "NodeReady", "RegisteredNode",
    "RemovingNode", "Starting", "FailedStartHook", "SawCompletedJob",
  ]

  /// Lower-cased reason → canonical spelling (`killing` → `Killing`, `failedScheduling` →
  /// `FailedScheduling`, `FailedSync` as is).
  static let canonical: [String: String] = {
    var m: [String: String] = [:]
    for r in reasons { m[r.lowercased()] = r }
    return m
  }()

  /// Reasons that also read as ordinary words in prose or as pod STATUS values; a line that
  /// starts with one of them is a row only when other cells (a type, an age, a source) say so.
  static let ambiguous: Set<String> = ["Failed", "Pending", "Completed", "Created", "Started", "Killing", "Pulled",
                                       "Pulling", "Scheduled", "Evicted", "Preempted", "Rejected",
                                       "CrashLoopBackOff", "ImagePullBackOff", "Unschedulable"]

  /// The canonical reason for a cell; nil when the cell is not an Event reason.
  static func reason(_ cell: some StringProtocol) -> String? {
    guard cell.count >= 4, cell.count <= 48, cell.allSatisfy({ $0.isLetter }) else { return nil }
    return canonical[cell.lowercased()]
  }

  /// What a bare message says about its Event: the reason and type that emit it. Nil when the
  /// text is not a message Kubernetes components are known to write.
  static func infer(message: some StringProtocol) -> (reason: String, type: String)? {
    var m = message.trimmingCharacters(in: .whitespaces).lowercased()
    // The event recorder's aggregation prefix says nothing of the reason; what follows does.
    let combined = "(combined from similar events): "
    if m.hasPrefix(combined) { m = String(m.dropFirst(combined.count)) }
    guard m.count >= 8 else { return nil }
    func starts(_ prefixes: String...) -> Bool { prefixes.contains { m.hasPrefix($0) } }
    func has(_ parts: String...) -> Bool { parts.contains { m.contains($0) } }
    // Scheduler.
    if starts("successfully assigned ") { return ("Scheduled", "Normal") }
    if m.range(of: #"^0/\d+ nodes (are|is) available"#, options: .regularExpression) != nil
      || starts("no nodes are available", "failed to fit in any node", "pod (", "node didn't have enough",
                "pod has unbound", "running \"volumebinding\" filter plugin", "skip schedule deleting pod",
                "binding rejected", "persistentvolumeclaim \"")
      || (has("failed to fit in any node") || has("fit failure on node") || has("fit failure summary")) {
      return ("FailedScheduling", "Warning")
    }
    // Image pulls.
    if starts("pulling image", "pulling image \"") { return ("Pulling", "Normal") }
    if starts("successfully pulled image", "container image \"") && has("already present", "successfully pulled") {
      return ("Pulled", "Normal")
    }
    if starts("back-off pulling image") { return ("BackOff", "Normal") }
    if starts("failed to pull image", "image pull failed", "error: errimagepull", "error: imagepullbackoff",
              "failed to pull and unpack image", "error response from daemon: pull access denied",
              "error response from daemon: manifest for") {
      return ("Failed", "Warning")
    }
    // Docker's own words for a reference it cannot parse (the ≤1.5 kubelet passed them on bare).
    if starts("failed to apply default image tag", "failed to inspect image", "couldn't parse image reference")
      || (starts("api error (500): ", "error response from daemon: ", "invalid reference format")
          && has("repository name component must match", "invalid reference format", "repository name must be lowercase")) {
      return ("InspectFailed", "Warning")
    }
    if has("is not present with pull policy of never") { return ("ErrImageNeverPull", "Warning") }
    // Container lifecycle.
    if starts("back-off restarting failed container", "back-off ") && has("restarting failed container") {
      return ("BackOff", "Warning")
    }
    if starts("error syncing pod") || has("failed to \"startcontainer\" for", "failed to \"setupnetwork\" for",
                                          "failed to \"killpod\" for", "failed to \"createpodsandbox\" for") {
      return has("failed to \"killpod\"", "failed to \"killcontainer\"") ? ("FailedKillPod", "Warning") : ("FailedSync", "Warning")
    }
    if starts("created container", "container created", "created with docker id", "created with rkt id") {
      return ("Created", "Normal")
    }
    if starts("started container", "container started", "started with docker id", "started with rkt id") {
      return ("Started", "Normal")
    }
    if starts("stopping container ", "killing container with id", "killing container with docker id")
      || (starts("container ") && has("will be restarted", "definition changed")) {
      return ("Killing", "Normal")
    }
    if starts("liveness probe failed", "readiness probe failed", "startup probe failed", "liveness probe errored",
              "readiness probe errored", "startup probe errored") {
      return ("Unhealthy", "Warning")
    }
    if starts("liveness probe warning", "readiness probe warning", "startup probe warning") {
      return ("ProbeWarning", "Warning")
    }
    if starts("exec lifecycle hook", "http lifecycle hook", "poststarthook failed") && !has("prestop") {
      return ("FailedPostStartHook", "Warning")
    }
    if starts("prestophook failed") || (starts("exec lifecycle hook") && has("prestop")) {
      return ("FailedPreStopHook", "Warning")
    }
    if starts("error: invalidimagename") { return ("Failed", "Warning") }
    if starts("error: errimageneverpull") { return ("Failed", "Warning") }
    if starts("created pod: ") { return ("SuccessfulCreate", "Normal") }
    if starts("deleted pod: ") { return ("SuccessfulDelete", "Normal") }
    if starts("error creating: ") { return ("FailedCreate", "Warning") }
    if starts("scaled up replica set", "scaled down replica set") { return ("ScalingReplicaSet", "Normal") }
    if starts("pod didn't trigger scale-up") { return ("NotTriggerScaleUp", "Normal") }
    if starts("pod triggered scale-up") { return ("TriggeredScaleUp", "Normal") }
    if starts("no nodes are available that match all of", "error scheduling: ") { return ("FailedScheduling", "Warning") }
    if starts("cannot enforce apparmor", "apparmor is not enabled on the host") { return ("Failed", "Warning") }
    if starts("error: configmap", "error: secret", "error: couldn't find key", "error: container has runasnonroot",
              "error: failed to create containerd container", "error: failed to start container",
              "error: failed to create container", "error: cannot find volume", "error: failed to generate container",
              "error: container create failed", "error: context deadline exceeded", "error: services have not yet been read",
              "error: createcontainererror", "error: runcontainererror", "error: failed to reserve container name",
              "error: stat ", "error: error response from daemon", "error: failed to prepare subpath") {
      return ("Failed", "Warning")
    }
    if starts("failed to start container", "failed to create containerd task", "cannot start container",
              "oci runtime create failed", "error response from daemon: oci runtime", "failed to create shim") {
      return ("Failed", "Warning")
    }
    // Sandbox and network.
    if starts("failed to create pod sandbox", "failed create pod sandbox", "failed to set up sandbox container",
              "failed to setup network for sandbox", "failed to start sandbox container") {
      return ("FailedCreatePodSandBox", "Warning")
    }
    if starts("pod sandbox changed") { return ("SandboxChanged", "Normal") }
    if starts("network is not ready", "networkplugin cni failed") { return ("NetworkNotReady", "Warning") }
    // Volumes.
    if starts("mountvolume.setup succeeded", "mapvolume.mapdevice succeeded") { return ("SuccessfulMountVolume", "Normal") }
    if starts("attachvolume.attach succeeded") { return ("SuccessfulAttachVolume", "Normal") }
    if starts("mountvolume.", "unable to attach or mount volumes", "unable to mount volumes for pod",
              "mapvolume.", "couldn't propagate object cache", "mount failed", "unable to mount volumes") {
      return ("FailedMount", "Warning")
    }
    if starts("attachvolume.attach failed", "multi-attach error for volume", "attachvolume.") {
      return ("FailedAttachVolume", "Warning")
    }
    // Node pressure, deadlines, preemption, node loss, termination.
    if starts("the node was low on resource", "the node had condition") { return ("Evicted", "Warning") }
    if starts("pod was active on the node longer than") { return ("DeadlineExceeded", "Normal") }
    if starts("preempted by", "preempted in order to admit critical pod") { return ("Preempted", "Normal") }
    if starts("node is not ready") { return ("NodeNotReady", "Warning") }
    if starts("marking for deletion pod", "cancelling deletion of pod") { return ("TaintManagerEviction", "Normal") }
    if starts("error killing pod", "failed to kill pod") || has("failed to \"killcontainer\"", "killpodsandboxerror") {
      return ("FailedKillPod", "Warning")
    }
    if starts("container runtime did not kill the pod within specified grace period") {
      return ("ExceededGracePeriod", "Warning")
    }
    if starts("node didn't have enough resource") { return ("OutOfcpu", "Warning") }
    if starts("predicate nodeaffinity failed", "pod predicate nodeaffinity failed") { return ("NodeAffinity", "Warning") }
    // Admission and security.
    if has("is forbidden: violates podsecurity", "unable to validate against any security context constraint",
           "unable to validate against any pod security policy", "forbidden: pod security policy")
      || (starts("error creating: pods ") && has("forbidden")) {
      return ("FailedCreate", "Warning")
    }
    if starts("cannot enforce apparmor", "apparmor ") || has("apparmor profile", "seccomp profile") && has("not found", "failed") {
      return ("Failed", "Warning")
    }
    if starts("memory cgroup out of memory", "system oom encountered", "oom killer") { return ("OOMKilling", "Warning") }
    return nil
  }
}
