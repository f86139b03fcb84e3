import Foundation
@testable import PodHistKit

/// One hand-built case per cause code, with messages copied from the corpus and
/// docs/kubernetes-semantics.md: the expected top code, container and a key evidence / hint fragment.
struct Scenario: CustomStringConvertible, Sendable {
  var name: String
  var code: String
  var container: String? = nil
  var kind: ContainerKind? = nil
  var state: PodState
  var facts: [Fact]
  /// A fragment the top cause's evidence messages must contain.
  var evidence: String? = nil
  /// A fragment one of the top cause's hints (or its summary) must contain.
  var hint: String? = nil
  var confidence: String? = nil
  var description: String { name }
}

enum Scenarios {
  typealias D = Dump

  static var all: [Scenario] {
    [insufficient, nodeSelector, taints, taintsControlPlane, volumeBinding, schedulerOther, failedToFit2015,
     sandboxCNI, sandbox2016, mountConfigMap, mountNFSCleared, pullDenied, pullManifestUnknownEventsOnly, pullRateLimited,
     invalidName, neverPull, configError, createFailedInit, createFailedWindows, runContainerError,
     liveness, startup, oom, oomExit1, appError, completedUnderAlways, postStart, failedAppError, failedOOM,
     readiness, readinessStale, evicted, nodeLost, preempted, security, terminating, deadline, completed, healthy,
     unknownNoFacts, sigkillNoMemory, eventsOnlyBackOff, bareKills2015, healthyEventsOnly, clearedPull, helloWorldEventsOnly]
  }

  // MARK: scheduling

  static var insufficient: Scenario {
    let p = D.pod("resource-test-bdfcd9f5-g8jq5")
    let c = D.container("app", state: D.waiting("ContainerCreating")) { $0.requests = ["cpu": "1500m", "memory": "2Gi"] }
    let side = D.container("sidecar") { $0.requests = ["cpu": "500m"] }
    return Scenario(name: "insufficient", code: "Unschedulable.InsufficientResources",
      state: D.state(p, status: "Pending", phase: "Pending", containers: [c, side], node: nil),
      facts: [D.event(p, "FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
                      type: "Warning", first: -600, last: -10, count: 12, line: 40, component: "default-scheduler")],
      evidence: "Insufficient cpu", hint: "2 cpu in total")
  }

  static var nodeSelector: Scenario {
    let p = D.pod("web-1")
    return Scenario(name: "nodeSelector", code: "Unschedulable.NodeSelector",
      state: D.state(p, status: "Pending", phase: "Pending", node: nil) { $0.spec.nodeSelector = ["disktype": "ssd"] },
      facts: [D.event(p, "FailedScheduling", "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
                      type: "Warning", last: -5, count: 3, line: 12, component: "default-scheduler")],
      hint: "disktype=ssd")
  }

  static var taints: Scenario {
    let p = D.pod("node-admin")
    return Scenario(name: "taints", code: "Unschedulable.Taints",
      state: D.state(p, status: "Pending", phase: "Pending", node: nil),
      facts: [D.event(p, "FailedScheduling", "0/23 nodes are available: 1 node(s) had taints that the pod didn't tolerate, 22 node(s) didn't match node selector.",
                      type: "Warning", first: -94, last: -11, count: 3, line: 11, component: "default-scheduler")],
      hint: "tainted")
  }

  static var taintsControlPlane: Scenario {
    let p = D.pod("kubernetes-dashboard-5676d8b865-n4zwv", ns: "kubernetes-dashboard")
    return Scenario(name: "taints-control-plane", code: "Unschedulable.Taints",
      state: D.eventsOnly(p, status: "Pending"),
      facts: [D.event(p, "FailedScheduling", "0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
                      type: "Warning", first: -1740, last: -255, count: 6, line: 1201, component: "default-scheduler")],
      hint: "node-role.kubernetes.io/control-plane")
  }

  static var volumeBinding: Scenario {
    let p = D.pod("mysql-0")
    return Scenario(name: "volumeBinding", code: "Unschedulable.VolumeBinding",
      state: D.state(p, status: "Pending", phase: "Pending", node: nil) { $0.spec.volumes = [VolumeRef(name: "data", type: "persistentVolumeClaim", source: "data-mysql-0")] },
      facts: [D.event(p, "FailedScheduling", "pod has unbound PersistentVolumeClaims (repeated 4 times)", type: "Warning",
                      first: -12, last: -5, count: 5, line: 30, component: "default-scheduler")],
      hint: "data-mysql-0")
  }

  static var schedulerOther: Scenario {
    let p = D.pod("hostnet-1")
    return Scenario(name: "schedulerOther", code: "Unschedulable.Other",
      state: D.state(p, status: "Pending", phase: "Pending", node: nil),
      facts: [D.event(p, "FailedScheduling", "0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports.",
                      type: "Warning", last: -5, line: 30, component: "default-scheduler")],
      evidence: "free ports")
  }

  static var failedToFit2015: Scenario {
    let p = D.pod("web-legacy-7kq2m")
    let c = D.container("nginx", state: D.waiting("")) { $0.limits = ["cpu": "600m", "memory": "128Mi"] }
    return Scenario(name: "failedToFit2015", code: "Unschedulable.InsufficientResources",
      state: D.state(p, status: "Pending", phase: "Pending", containers: [c], node: nil),
      facts: [D.event(p, "failedScheduling", "Failed for reason PodFitsResources and possibly others", type: nil,
                      first: -300, last: 0, count: 21, line: 21, component: "scheduler")],
      hint: "600m cpu in total")
  }

  // MARK: sandbox, volumes

  static var sandboxCNI: Scenario {
    let p = D.pod("alpine-whsll")
    return Scenario(name: "sandbox-cni", code: "Sandbox.CreateFailed",
      state: D.eventsOnly(p, status: "ContainerCreating"),
      facts: [D.event(p, "FailedCreatePodSandBox", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"11ce5f00d56f\": plugin type=\"multus-shim\" name=\"multus-cni-network\" failed (add): CmdAdd (shim): CNI request failed with status 400: 'ERRORED: error configuring pod [default/alpine-whsll] networking: Multus: GetNetworkDelegates: failed getting the delegate: GetCNIConfig: err in GetCNIConfigFromFile: No networks found in /host/etc/cni/net.d'",
                      type: "Warning", last: 0, line: 1)],
      hint: "/etc/cni/net.d")
  }

  static var sandbox2016: Scenario {
    let p = D.pod("redis-srv-2k3iv")
    return Scenario(name: "sandbox-2016", code: "Sandbox.CreateFailed",
      state: D.eventsOnly(p),
      facts: [D.event(p, "Scheduled", "Successfully assigned redis-srv-2k3iv to k8node-01", last: -55, line: 3, component: "default-scheduler"),
              D.event(p, "FailedSync", "Error syncing pod, skipping: failed to \"SetupNetwork\" for \"redis-srv-2k3iv_default\" with SetupNetworkError: \"Failed to setup network for pod \\\"redis-srv-2k3iv_default(1287c44a)\\\" using network plugins \\\"cni\\\": Contiv:Error creating EP; Err: Post http://192.168.16.84:9999/plugin/createEndpoint: dial tcp 192.168.16.84:9999: getsockopt: no route to host; Skipping pod\"",
                      type: "Warning", first: -51, last: -30, count: 4, line: 4)],
      evidence: "SetupNetwork")
  }

  static var mountConfigMap: Scenario {
    let p = D.pod("cfg-reader-0")
    let c = D.container("reader", state: D.waiting("ContainerCreating"))
    return Scenario(name: "mount-configmap", code: "Volume.MountFailed",
      state: D.state(p, status: "ContainerCreating", phase: "Pending", containers: [c]) { $0.spec.volumes = [VolumeRef(name: "config-volume", type: "configMap", source: "my-config")] },
      facts: [D.event(p, "Scheduled", "Successfully assigned default/cfg-reader-0 to docker-desktop", last: -14, line: 52, component: "default-scheduler"),
              D.event(p, "FailedMount", "MountVolume.SetUp failed for volume \"config-volume\" : configmap \"my-config\" not found", type: "Warning",
                      first: -14, last: -7, count: 5, line: 53)],
      evidence: "my-config", hint: "Create ConfigMap my-config")
  }

  /// 051: NFS mount failed 12 times, then the container was created: history, not the state.
  static var mountNFSCleared: Scenario {
    let p = D.pod("g-pj3pl", ns: "dev")
    return Scenario(name: "mount-nfs-cleared", code: "Running.Healthy",
      state: D.eventsOnly(p),
      facts: [D.event(p, "Scheduled", "Successfully assigned g-pj3pl to 10.210.8.122", type: nil, last: -60, line: 4, component: "scheduler"),
              D.event(p, "FailedMount", "Unable to mount volumes for pod \"g-pj3pl_dev\": exit status 32", type: nil, first: -60, last: -14, count: 12, line: 5),
              D.event(p, "FailedSync", "Error syncing pod, skipping: exit status 32", type: nil, first: -60, last: -14, count: 12, line: 6),
              D.event(p, "Pulled", "Container image \"<IMAGE>\" already present on machine", type: nil, container: "g", last: -4, line: 7),
              D.event(p, "Created", "Created with docker id 5eb2da3af876", type: nil, container: "g", last: -4, line: 8)])
  }

  // MARK: images

  static var pullDenied: Scenario {
    let p = D.pod("customer-relations-webapp-5d98ffcfd-tz4nc")
    let c = D.container("crw-main-container", image: "yourcompany/crw:latest", state: D.waiting("ErrImagePull"))
    return Scenario(name: "pull-denied", code: "Image.PullFailed", container: "crw-main-container",
      state: D.state(p, status: "ErrImagePull", phase: "Pending", containers: [c]),
      facts: [D.event(p, "Pulling", "Pulling image \"yourcompany/crw:latest\"", first: -61, last: -21, count: 3, line: 60),
              D.event(p, "Failed", "Failed to pull image \"yourcompany/crw:latest\": failed to pull and unpack image \"docker.io/yourcompany/crw:latest\": failed to resolve reference \"docker.io/yourcompany/crw:latest\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed",
                      type: "Warning", first: -61, last: -21, count: 3, line: 61),
              D.event(p, "Failed", "Error: ErrImagePull", type: "Warning", first: -61, last: -21, count: 3, line: 62),
              D.event(p, "BackOff", "Back-off pulling image \"yourcompany/crw:latest\"", first: -60, last: -6, count: 3, line: 63),
              D.event(p, "Failed", "Error: ImagePullBackOff", type: "Warning", first: -60, last: -6, count: 3, line: 64)],
      evidence: "pull access denied", hint: "imagePullSecret")
  }

  static var pullManifestUnknownEventsOnly: Scenario {
    let p = D.pod("selenoid-ui")
    return Scenario(name: "pull-manifest-unknown", code: "Image.PullFailed",
      state: D.eventsOnly(p),
      facts: [D.event(p, "Pulling", "pulling image \"aerokube/logger:cad1da0\"", first: -60, last: -5, count: 2, line: 6),
              D.event(p, "Failed", "Failed to pull image \"aerokube/logger:cad1da0\": rpc error: code = 2 desc = manifest unknown: manifest unknown", type: "Warning", last: 0, count: 2, line: 3)],
      evidence: "manifest unknown", hint: "never pushed")
  }

  static var pullRateLimited: Scenario {
    let p = D.pod("nginx-rl")
    let c = D.container("nginx", image: "nginx:1.25", state: D.waiting("ImagePullBackOff", "Back-off pulling image \"nginx:1.25\""))
    return Scenario(name: "pull-rate-limited", code: "Image.PullFailed", container: "nginx",
      state: D.state(p, status: "ImagePullBackOff", phase: "Pending", containers: [c]),
      facts: [D.event(p, "Failed", "Failed to pull image \"nginx:1.25\": rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/library/nginx:1.25\": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:abc: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.",
                      type: "Warning", container: "nginx", last: -3, line: 20)],
      hint: "rate-limiting")
  }

  static var invalidName: Scenario {
    let p = D.pod("bad-name")
    let c = D.container("app", image: "MyRepo/App:latest", state: D.waiting("InvalidImageName", "Failed to apply default image tag \"MyRepo/App:latest\": couldn't parse image reference \"MyRepo/App:latest\": invalid reference format: repository name must be lowercase"))
    return Scenario(name: "invalid-name", code: "Image.InvalidName", container: "app",
      state: D.state(p, status: "InvalidImageName", phase: "Pending", containers: [c]),
      facts: [D.event(p, "InspectFailed", "Failed to apply default image tag \"MyRepo/App:latest\": couldn't parse image reference \"MyRepo/App:latest\": invalid reference format: repository name must be lowercase", type: "Warning", container: "app", last: -2, count: 4, line: 30)],
      evidence: "invalid reference format")
  }

  static var neverPull: Scenario {
    let p = D.pod("local-img")
    let c = D.container("app", image: "myapp:dev", state: D.waiting("ErrImageNeverPull", "Container image \"myapp:dev\" is not present with pull policy of Never"))
    return Scenario(name: "never-pull", code: "Image.NeverPull", container: "app",
      state: D.state(p, status: "ErrImageNeverPull", phase: "Pending", containers: [c]),
      facts: [D.event(p, "ErrImageNeverPull", "Container image \"myapp:dev\" is not present with pull policy of Never", type: "Warning", container: "app", last: -1, count: 6, line: 31)],
      evidence: "pull policy of Never")
  }

  // MARK: container create

  static var configError: Scenario {
    let p = D.pod("api-7d9c")
    let c = D.container("api", image: "api:1", state: D.waiting("CreateContainerConfigError", "configmap \"api-config\" not found"))
    return Scenario(name: "config-error", code: "Container.ConfigError", container: "api",
      state: D.state(p, status: "CreateContainerConfigError", phase: "Pending", containers: [c]),
      facts: [D.event(p, "Pulled", "Container image \"api:1\" already present on machine", container: "api", first: -120, last: -3, count: 12, line: 40),
              D.event(p, "Failed", "Error: configmap \"api-config\" not found", type: "Warning", container: "api", first: -120, last: -3, count: 12, line: 41)],
      evidence: "api-config", hint: "Create ConfigMap api-config")
  }

  static var createFailedInit: Scenario {
    let p = D.pod("logging-agent")
    let last = D.terminated("StartError", exit: 128, started: -999_999, finished: -60,
                            message: "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"wge\": executable file not found in $PATH: unknown")
    let i = D.container("downloader", kind: .`init`, image: "busybox:1.28", state: D.waiting("CrashLoopBackOff"), last: last, restarts: 6) { $0.command = ["wge", "-O", "/work-dir/index.html"] }
    let c = D.container("exporter", image: "nginx", state: D.waiting("PodInitializing"))
    let snap = D.snapshot(p, at: 0, line: 1, phase: "Pending", containers: [D.containerSnapshot(i, lines: ["lastState": 24]), D.containerSnapshot(c, lines: [:])])
    return Scenario(name: "create-failed-init", code: "Container.CreateFailed", container: "downloader", kind: .`init`,
      state: D.state(p, status: "Init:CrashLoopBackOff", phase: "Pending", containers: [i, c]),
      facts: [snap, D.event(p, "BackOff", "Back-off restarting failed container downloader in pod logging-agent_default(abc)", type: "Warning", container: "downloader", kind: .`init`, first: -300, last: -10, count: 25, line: 80)],
      evidence: "executable file not found", hint: "wge")
  }

  static var createFailedWindows: Scenario {
    let p = D.pod("fabrikamfiber.web-789699744-rqv6p", ns: "plang")
    let last = D.terminated("ContainerCannotRun", exit: 128, started: -180, finished: -180,
                            message: "container eab0151 encountered an error during CreateContainer: failure in a Windows system call: The operating system of the container does not match the operating system of the host. (0xc0370101)")
    let c = D.container("fabrikamfiberweb", image: "patricklang/fabrikamfiber.web:latest", state: D.waiting("CrashLoopBackOff"), last: last, restarts: 10)
    return Scenario(name: "create-failed-windows", code: "Container.CreateFailed", container: "fabrikamfiberweb",
      state: D.state(p, status: "CrashLoopBackOff", phase: "Running", containers: [c]),
      facts: [D.event(p, "Failed", "Failed to pull image \"patricklang/fabrikamfiber.web:latest\": rpc error: code = 2 desc = Error response from daemon: {\"message\":\"Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection\"}", type: "Warning", container: "fabrikamfiberweb", last: -1740, line: 60),
              D.event(p, "Pulled", "Successfully pulled image \"patricklang/fabrikamfiber.web:latest\"", container: "fabrikamfiberweb", first: -1980, last: -180, count: 11, line: 62),
              D.event(p, "BackOff", "Back-off restarting failed container", type: "Warning", container: "fabrikamfiberweb", first: -1920, last: -11, count: 139, line: 66)],
      hint: "operating system")
  }

  static var runContainerError: Scenario {
    let p = D.pod("hello-openshift")
    let c = D.container("hello-openshift", image: "openshift/hello-openshift",
                        state: D.waiting("RunContainerError", "API error (404): Cannot start container d5c3e5c93e15: [8] System error: exec: \"start\": executable file not found in $PATH"))
    return Scenario(name: "run-container-error", code: "Container.CreateFailed", container: "hello-openshift",
      state: D.state(p, status: "RunContainerError", phase: "Pending", containers: [c]), facts: [],
      evidence: "executable file not found", hint: "`start`")
  }

  // MARK: crash loops

  static var liveness: Scenario {
    let (s, f) = D.seed(final: false)
    return Scenario(name: "liveness", code: "CrashLoop.LivenessProbe", container: "spingboot-mybatis", state: s, facts: f,
                    evidence: "connection refused", hint: "18082", confidence: "high")
  }

  static var startup: Scenario {
    let p = D.pod("slow-java-0")
    let c = D.container("app", image: "java:17", state: D.waiting("CrashLoopBackOff"), last: D.terminated("Error", exit: 143, started: -95, finished: -40), restarts: 2) {
      $0.startup = Probe(type: "http-get", port: "8080", path: "/ready", periodSeconds: 10, failureThreshold: 5)
      $0.ports = [ContainerPort(containerPort: 8080)]
    }
    return Scenario(name: "startup", code: "CrashLoop.StartupProbe", container: "app",
      state: D.state(p, status: "CrashLoopBackOff", phase: "Running", containers: [c]),
      facts: [D.event(p, "Unhealthy", "Startup probe failed: Get \"http://10.1.2.3:8080/ready\": dial tcp 10.1.2.3:8080: connect: connection refused", type: "Warning", container: "app", first: -300, last: -45, count: 15, line: 70),
              D.event(p, "Killing", "Container app failed startup probe, will be restarted", container: "app", first: -250, last: -41, count: 3, line: 71)],
      evidence: "Startup probe failed")
  }

  static var oom: Scenario {
    let p = D.pod("analytics-exporter-fast-76897854c-cw5wh")
    let c = D.container("memory-eater", state: D.waiting("CrashLoopBackOff"), last: D.terminated("OOMKilled", exit: 137, started: -320, finished: -318), restarts: 5) {
      $0.limits = ["memory": "64Mi"]; $0.requests = ["memory": "32Mi"]
    }
    let snap = D.snapshot(p, at: 0, line: 1, containers: [D.containerSnapshot(c, lines: ["lastState": 30, "limits": 36])])
    return Scenario(name: "oom", code: "CrashLoop.OOMKilled", container: "memory-eater",
      state: D.state(p, status: "CrashLoopBackOff", phase: "Running", containers: [c]),
      facts: [snap, D.event(p, "BackOff", "Back-off restarting failed container memory-eater in pod analytics-exporter-fast-76897854c-cw5wh_default(a954616f)", type: "Warning", first: -393, last: -87, count: 23, line: 78)],
      evidence: "OOMKilled", hint: "64Mi", confidence: "high")
  }

  /// 006: OOMKilled with exit code 1.
  static var oomExit1: Scenario {
    let p = D.pod("oom-exit1")
    let c = D.container("app", state: D.waiting("CrashLoopBackOff"), last: D.terminated("OOMKilled", exit: 1, started: -60, finished: -40), restarts: 3)
    return Scenario(name: "oom-exit1", code: "CrashLoop.OOMKilled", container: "app",
      state: D.state(p, status: "CrashLoopBackOff", phase: "Running", containers: [c]), facts: [], evidence: "OOMKilled exit 1")
  }

  static var appError: Scenario {
    let p = D.pod("nsapp-fa868e46640f566de09528-0", ns: "ns-apps")
    let c = D.container("app", state: D.waiting("CrashLoopBackOff", "back-off 5m0s restarting failed container=app pod=nsapp-fa868e46640f566de09528-0_ns-apps(7c4e)"),
                        last: D.terminated("Error", exit: 1, started: -200, finished: -198), restarts: 617)
    return Scenario(name: "app-error", code: "CrashLoop.AppError", container: "app",
      state: D.state(p, status: "CrashLoopBackOff", phase: "Running", containers: [c]), facts: [],
      evidence: "exit 1", hint: "--previous", confidence: "high")
  }

  static var completedUnderAlways: Scenario {
    let p = D.pod("helloworld-656898b9bb-98vrv")
    let c = D.container("hello-world", image: "hello-world:linux", state: D.waiting("CrashLoopBackOff"),
                        last: D.terminated("Completed", exit: 0, started: -20, finished: -20), restarts: 2)
    return Scenario(name: "completed-under-always", code: "CrashLoop.Completed", container: "hello-world",
      state: D.state(p, status: "CrashLoopBackOff", phase: "Running", containers: [c]) { $0.spec.restartPolicy = "Always" },
      facts: [D.event(p, "BackOff", "Back-off restarting failed container", type: "Warning", last: -13, count: 2, line: 9)],
      hint: "a Job or restartPolicy OnFailure/Never may be meant")
  }

  static var postStart: Scenario {
    let p = D.pod("hooked")
    let c = D.container("nginx", state: D.waiting("CrashLoopBackOff"), last: D.terminated("Error", exit: 137, started: -62, finished: -31), restarts: 1) {
      $0.postStart = "exec [cp /app/myapp.war /work]"
    }
    return Scenario(name: "post-start", code: "CrashLoop.PostStartHook", container: "nginx",
      state: D.state(p, status: "CrashLoopBackOff", phase: "Running", containers: [c]),
      facts: [D.event(p, "FailedPostStartHook", "Exec lifecycle hook ([cp /app/myapp.war /work]) for Container \"nginx\" in Pod \"hooked_default(1a2b)\" failed - error: command 'cp /app/myapp.war /work' exited with 1: , message: \"cp: can't stat '/app/myapp.war /work': No such file or directory\\n\"",
                      type: "Warning", container: "nginx", last: -32, line: 50),
              D.event(p, "Killing", "FailedPostStartHook", container: "nginx", last: -32, line: 51)],
      evidence: "lifecycle hook", hint: "cp /app/myapp.war")
  }

  static var failedAppError: Scenario {
    let p = D.pod("product-data-scraper-2s4j2")
    let c = D.container("run-forever", image: "bash", state: D.terminated("Error", exit: 2, started: -60, finished: -60)) {
      $0.command = ["/bin/sh"]; $0.args = ["-c", "wget -O - https://example/gist.txt 2>/dev/null; while true; do sleep 10;done; fi"]
    }
    return Scenario(name: "failed-app-error", code: "Failed.AppError", container: "run-forever",
      state: D.state(p, status: "Error", phase: "Failed", containers: [c]) { $0.spec.restartPolicy = "Never"; $0.spec.owner = "Job/product-data-scraper" },
      facts: [], evidence: "exit 2", hint: "syntax error")
  }

  static var failedOOM: Scenario {
    let p = D.pod("batch-oom-x1")
    let c = D.container("worker", state: D.terminated("OOMKilled", exit: 137, started: -100, finished: -40)) { $0.limits = ["memory": "256Mi"] }
    return Scenario(name: "failed-oom", code: "Failed.OOMKilled", container: "worker",
      state: D.state(p, status: "OOMKilled", phase: "Failed", containers: [c]) { $0.spec.restartPolicy = "Never" }, facts: [],
      hint: "256Mi")
  }

  // MARK: readiness

  static var readiness: Scenario {
    let p = D.pod("gravity-site-x2")
    let c = D.container("gravity-site", state: D.running(since: -255_000), ready: false) { $0.readiness = Probe(type: "http-get", port: "3010", path: "/readyz") }
    return Scenario(name: "readiness", code: "NotReady.ReadinessProbe", container: "gravity-site",
      state: D.state(p, status: "Running", phase: "Running", containers: [c]),
      facts: [D.event(p, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", type: "Warning", first: -257_000, last: -86, count: 25710, line: 4)],
      evidence: "statuscode: 503", hint: "503")
  }

  /// 031: one readiness failure right after start, nothing since: stale.
  static var readinessStale: Scenario {
    let p = D.pod("myapp-5798dd798c-t7dqs")
    return Scenario(name: "readiness-stale", code: "Running.Healthy",
      state: D.eventsOnly(p, status: "Running"),
      facts: [D.event(p, "Scheduled", "Successfully assigned myapp-5798dd798c-t7dqs to docker-for-desktop", last: -84, line: 4, component: "default-scheduler"),
              D.event(p, "Pulled", "Container image \"myapp:latest\" already present on machine", last: -75, line: 6),
              D.event(p, "Created", "Created container", last: -74, line: 7),
              D.event(p, "Started", "Started container", last: -72, line: 8),
              D.event(p, "Unhealthy", "Readiness probe failed: Get http://10.1.0.103:80/healthz/ready: net/http: request canceled (Client.Timeout exceeded while awaiting headers)", type: "Warning", last: -65, line: 9)])
  }

  // MARK: pod level

  static var evicted: Scenario {
    let p = D.pod("hush-house-worker-2", ns: "hush-house")
    let c = D.container("hush-house-worker", state: D.terminated("Error", exit: 137, finished: -10))
    let msg = "The node was low on resource: ephemeral-storage. Container hush-house-worker was using 73712Ki, which exceeds its request of 0. "
    let snap = D.snapshot(p, at: 0, line: 1, phase: "Failed", reason: "Evicted", message: msg, fieldLines: ["message": 2, "reason": 5])
    return Scenario(name: "evicted", code: "Evicted.NodePressure", container: "hush-house-worker",
      state: D.state(p, status: "Evicted", phase: "Failed", containers: [c]) { $0.reason = "Evicted"; $0.message = msg },
      facts: [snap], evidence: "ephemeral-storage", hint: "request of 0")
  }

  static var nodeLost: Scenario {
    let p = D.pod("web-5c7d-abc")
    let c = D.container("web", state: D.running(since: -3600), ready: false)
    return Scenario(name: "node-lost", code: "Node.Lost",
      state: D.state(p, status: "Terminating", phase: "Running", containers: [c], node: "node-3") { $0.deletionTime = Dump.t(-200) },
      facts: [D.event(p, "NodeNotReady", "Node is not ready", type: "Warning", last: -500, line: 10, component: "node-controller"),
              D.event(p, "TaintManagerEviction", "Marking for deletion Pod default/web-5c7d-abc", last: -200, line: 11, component: "taint-eviction-controller")],
      evidence: "Node is not ready")
  }

  static var preempted: Scenario {
    let p = D.pod("batch-low-1")
    return Scenario(name: "preempted", code: "Preempted",
      state: D.state(p, status: "Terminating", phase: "Running", containers: [D.container("job", state: D.running(), ready: true)]) { $0.deletionTime = Dump.t(-5) },
      facts: [D.event(p, "Preempted", "Preempted by pod 6e3c5f4e-8d2b-4a52-9a0e-1f2e3d4c5b6a on node n1", last: -6, line: 3, component: "default-scheduler"),
              D.event(p, "Killing", "Stopping container job", container: "job", last: -5, line: 4)],
      evidence: "Preempted by pod")
  }

  static var security: Scenario {
    let p = D.pod("hardened")
    let c = D.container("app", state: D.waiting("CreateContainerError", "failed to generate apparmor spec opts: apparmor profile not found k8s-apparmor-example-deny-write"))
    return Scenario(name: "security", code: "Security.Blocked", container: "app",
      state: D.state(p, status: "CreateContainerError", phase: "Pending", containers: [c]), facts: [], hint: "AppArmor")
  }

  static var terminating: Scenario {
    let p = D.pod("stuck-0")
    return Scenario(name: "terminating", code: "Terminating.Stuck",
      state: D.state(p, status: "Terminating", phase: "Running", containers: [D.container("app", state: D.running(), ready: true)]) { $0.deletionTime = Dump.t(-900) },
      facts: [D.event(p, "Killing", "Stopping container app", container: "app", last: -900, line: 5)], hint: "finalizer")
  }

  static var deadline: Scenario {
    let p = D.pod("pi-job-x")
    return Scenario(name: "deadline", code: "Failed.DeadlineExceeded",
      state: D.state(p, status: "DeadlineExceeded", phase: "Failed", containers: [D.container("pi", state: D.terminated("Error", exit: 143, finished: -30))]) {
        $0.reason = "DeadlineExceeded"; $0.message = "Pod was active on the node longer than the specified deadline"; $0.spec.activeDeadlineSeconds = 100
      },
      facts: [D.event(p, "DeadlineExceeded", "Pod was active on the node longer than the specified deadline", last: -31, line: 12)],
      evidence: "longer than the specified deadline", hint: "100s")
  }

  static var completed: Scenario {
    let p = D.pod("single-ee7f20b3bcb047f893481e1999decba9-single-0", ns: "cv")
    return Scenario(name: "completed", code: "Completed",
      state: D.state(p, status: "Completed", phase: "Succeeded", containers: [D.container("single", state: D.terminated("Completed", exit: 0, started: -300, finished: -3))]) { $0.spec.restartPolicy = "Never" },
      facts: [], evidence: "exit 0")
  }

  static var healthy: Scenario {
    let p = D.pod("mc1")
    return Scenario(name: "healthy", code: "Running.Healthy",
      state: D.state(p, status: "Running", phase: "Running", containers: [D.container("1st", state: D.running(), ready: true), D.container("2nd", state: D.running(), ready: true)]),
      facts: [D.event(p, "Started", "Started container 1st", container: "1st", last: -60, line: 40)], confidence: "high")
  }

  static var unknownNoFacts: Scenario {
    let p = D.pod("mystery")
    return Scenario(name: "unknown", code: "Unknown",
      state: D.state(p, status: "ContainerCreating", phase: "Pending", containers: [D.container("app", state: D.waiting("ContainerCreating"))]), facts: [],
      hint: "no event explains it")
  }

  /// 036: exit 137, reason Error, no limit known: hedged.
  static var sigkillNoMemory: Scenario {
    let p = D.pod("stress-3600013909-x", ns: "test")
    let c = D.container("stress", image: "busybox", state: D.waiting("CrashLoopBackOff"), last: D.terminated("Error", exit: 137, started: -5, finished: -5), restarts: 2)
    return Scenario(name: "sigkill-no-memory", code: "Unknown", container: "stress",
      state: D.state(p, status: "CrashLoopBackOff", phase: "Running", containers: [c]), facts: [], hint: "SIGKILL")
  }

  /// 058: FailedSync CrashLoopBackOff rows only.
  static var eventsOnlyBackOff: Scenario {
    let p = D.pod("postgresql-1-t199e", ns: "test2")
    return Scenario(name: "events-only-backoff", code: "CrashLoop.AppError", container: "postgresql",
      state: D.eventsOnly(p),
      facts: [D.event(p, "Started", "Started container with docker id 8c3e1f5e", container: "postgresql", first: -600, last: -100, count: 5, line: 3),
              D.event(p, "FailedSync", "Error syncing pod, skipping: failed to \"StartContainer\" for \"postgresql\" with CrashLoopBackOff: \"Back-off 1m20s restarting failed container=postgresql pod=postgresql-1-t199e_test2(11b1)\"",
                      type: "Warning", first: -400, last: -20, count: 7, line: 5)],
      hint: "exit code", confidence: "low")
  }

  /// 014: 2015 `killing`/`created`/`started` rhythm without reasons.
  static var bareKills2015: Scenario {
    let p = D.pod("nginx-liveness")
    return Scenario(name: "bare-kills-2015", code: "CrashLoop.LivenessProbe", container: "nginx",
      state: D.eventsOnly(p),
      facts: [D.event(p, "killing", "Killing 0b7743acd1a5f54aeccf4fe16c8cfbaa5e935a541c2fca59150cc250f7035d4e", type: nil, container: "nginx", last: -30, line: 1),
              D.event(p, "created", "Created with docker id 39e349fd00c1", type: nil, container: "nginx", last: -29, line: 2),
              D.event(p, "started", "Started with docker id 39e349fd00c1", type: nil, container: "nginx", last: -29, line: 3),
              D.event(p, "killing", "Killing 39e349fd00c1cbcbb25e588e29e70e2c12b2e7b9a8020e02fbe462ae9fa61ea1", type: nil, container: "nginx", last: 0, line: 4)],
      confidence: "low")
  }

  /// 052/055: only normal events.
  static var healthyEventsOnly: Scenario {
    let p = D.pod("nginx-deployment-7759cfdc55-2xczh")
    return Scenario(name: "healthy-events-only", code: "Running.Healthy",
      state: D.eventsOnly(p),
      facts: [D.event(p, "Scheduled", "Successfully assigned default/nginx-deployment-7759cfdc55-2xczh to minikube", last: -30, line: 2, component: "default-scheduler"),
              D.event(p, "Pulled", "Container image \"nginx:1.14.2\" already present on machine", container: "nginx", last: -29, line: 3),
              D.event(p, "Created", "Created container nginx", container: "nginx", last: -29, line: 4),
              D.event(p, "Started", "Started container nginx", container: "nginx", last: -28, line: 5)])
  }

  /// A pull that failed once and then succeeded, with the pod running now.
  static var clearedPull: Scenario {
    let p = D.pod("flaky-pull")
    return Scenario(name: "cleared-pull", code: "Running.Healthy",
      state: D.state(p, status: "Running", phase: "Running", containers: [D.container("app", image: "app:1", state: D.running(), ready: true)]),
      facts: [D.event(p, "Failed", "Failed to pull image \"app:1\": rpc error: code = Unknown desc = dial tcp: lookup registry: i/o timeout", type: "Warning", container: "app", last: -300, line: 5),
              D.event(p, "Pulled", "Successfully pulled image \"app:1\"", container: "app", last: -200, line: 6),
              D.event(p, "Started", "Started container app", container: "app", last: -199, line: 7)])
  }

  /// 001: `kubectl get event --watch` rows only: Scheduled, Pulling, Pulled, Created, Started,
  /// Pulled (already present), BackOff restarting failed container.
  static var helloWorldEventsOnly: Scenario {
    let p = D.pod("helloworld-656898b9bb-98vrv")
    return Scenario(name: "hello-world-events-only", code: "CrashLoop.AppError", container: "hello-world",
      state: D.eventsOnly(p),
      facts: [D.event(p, "Scheduled", "Successfully assigned default/helloworld-656898b9bb-98vrv to kind-lab-worker", last: -24, line: 1, component: "default-scheduler"),
              D.event(p, "Pulling", "Pulling image \"hello-world:linux\"", last: -23, line: 1),
              D.event(p, "Pulled", "Successfully pulled image \"hello-world:linux\" in 7.371731633s", last: -16, line: 1),
              D.event(p, "Created", "Created container hello-world", last: -1, line: 1),
              D.event(p, "Started", "Started container hello-world", last: 0, line: 1),
              D.event(p, "Pulled", "Container image \"hello-world:linux\" already present on machine", last: -1, line: 1),
              D.event(p, "BackOff", "Back-off restarting failed container", type: "Warning", last: -13, line: 1)],
      confidence: "low")
  }
}
