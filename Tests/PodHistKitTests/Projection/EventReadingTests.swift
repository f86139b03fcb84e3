import Foundation
import Testing
@testable import PodHistKit

/// EventReading, the one classifier of Events: each question the projection and the rules ask of
/// a reason and message, on messages as kubelets, schedulers and controllers of several releases
/// wrote them.
@Suite("Projection: the Event reading")
struct EventReadingTests {
  static func read(_ reason: String, _ message: String, component: String? = nil) -> EventReading {
    EventReading(EventRecord(reason: reason, message: message, component: component))
  }

  @Test func killsAndProbes() {
    let live = Self.read("Killing", "Container app failed liveness probe, will be restarted")
    #expect(live.kill == .failedLiveness && live.meaning == .killedLiveness)
    #expect(live.killedForFailing(.liveness) && !live.killedForFailing(.startup) && !live.isStoppingContainer)
    let stop = Self.read("Killing", "Stopping container app")
    #expect(stop.kill == .stopping && stop.isStoppingContainer && stop.meaning == .killedStopping && !stop.killedForFailing(.liveness))
    // 2015: a lower-case reason is read by the rules, not by the projection.
    let old = Self.read("killing", "Killing with docker id 4b5f0b1c3d2e")
    #expect(old.reason == .killing && old.kill == .bare && old.meaning == .other)
    // Questions about a Killing event are not answered for other reasons.
    let notKill = Self.read("Started", "Started container app, stopping container nothing; liveness probe")
    #expect(notKill.kill == nil && !notKill.isStoppingContainer && !notKill.killedForFailing(.liveness))
  }

  struct KillCase: Sendable, CustomTestStringConvertible {
    var message: String, kill: EventReading.Kill, meaning: EventMeaning
    var testDescription: String { String(message.prefix(50)) }
  }

  /// Killing messages of several releases: the projection's meaning is the rules' kill, read once.
  static let kills: [KillCase] = [
    KillCase(message: "Container app failed liveness probe, will be restarted", kill: .failedLiveness, meaning: .killedLiveness),
    KillCase(message: "Killing container with id docker://coredns:Container failed liveness probe.. Container will be killed and recreated.",
             kill: .failedLiveness, meaning: .killedLiveness),
    // ≤1.6: the liveness manager's failure, worded without the probe's name.
    KillCase(message: "Killing container with docker id 9a8b7c: pod \"web-1_shop(5c0e)\" container \"web\" is unhealthy, it will be killed and re-created.",
             kill: .failedLiveness, meaning: .killedLiveness),
    KillCase(message: "Container api failed startup probe, will be restarted", kill: .failedStartup, meaning: .killedStartup),
    KillCase(message: "FailedPostStartHook", kill: .postStartHook, meaning: .killedPostStart),
    KillCase(message: "Container app failed post start hook, will be killed", kill: .postStartHook, meaning: .killedPostStart),
    KillCase(message: "Container app definition changed, will be restarted", kill: .stopping, meaning: .killedStopping),
    KillCase(message: "Killing container with id docker://x:Container spec hash changed (1 vs 2).. Container will be killed and recreated.",
             kill: .stopping, meaning: .killedStopping),
    KillCase(message: "Killing container with id docker://fd110a30:Need to kill Pod", kill: .stopping, meaning: .killedStopping),
    KillCase(message: "Stopping container app", kill: .stopping, meaning: .killedStopping),
    KillCase(message: "Killing 39e349fd00c1", kill: .bare, meaning: .killedOther),
  ]

  @Test(arguments: kills) func oneReadingOfAKill(_ k: KillCase) {
    let r = Self.read("Killing", k.message)
    #expect(r.kill == k.kill)
    #expect(r.meaning == k.meaning)
    #expect(r.killedForFailing(.liveness) == (k.kill == .failedLiveness) && r.killedForFailing(.startup) == (k.kill == .failedStartup))
    #expect(!r.killedForFailing(.readiness))
  }

  @Test func unhealthyProbeOutputs() {
    let ready = Self.read("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503")
    #expect(ready.failedProbe == .readiness && ready.isReadinessUnhealthy && ready.saysStatus503)
    #expect(ready.probeOutput == .httpStatus("503") && ready.probeDetail == "HTTP probe failed with statuscode: 503")
    let refused = Self.read("Unhealthy", "Liveness probe failed: Get \"http://10.244.0.7:8080/healthz\": dial tcp 10.244.0.7:8080: connect: connection refused")
    #expect(refused.failedProbe == .liveness && refused.saysConnectionRefused && !refused.saysProbeTimeout)
    #expect(refused.probeOutput == .connectionRefused && refused.probePort == 8080 && !refused.isReadinessUnhealthy)
    let slow = Self.read("Unhealthy", "Startup probe failed: Get \"http://10.1.2.3:9000/ready\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
    #expect(slow.failedProbe == .startup && slow.saysProbeTimeout && slow.probeOutput == .timeout && slow.probePort == 9000)
    // A probe that errored could not run: no failure, though still a readiness Unhealthy.
    let errored = Self.read("Unhealthy", "Readiness probe errored: rpc error: code = NotFound desc = container is not running")
    #expect(errored.failedProbe == nil && errored.isReadinessUnhealthy && errored.meaning == .other)
    #expect(Self.read("Unhealthy", "Liveness probe failed: no route to host").probeOutput == .noRouteToHost)
    #expect(Self.read("Unhealthy", "Liveness probe failed: exit 1").probeOutput == .other)
  }

  @Test func backOffsAndPulls() {
    let restart = Self.read("BackOff", "Back-off restarting failed container app in pod web-0_default(8f1e)")
    #expect(restart.isRestartBackOff && !restart.isPullBackOff && restart.meaning == .backOffRestart)
    let pull = Self.read("BackOff", "Back-off pulling image \"nginx:1.99\"")
    #expect(pull.isPullBackOff && !pull.isRestartBackOff && pull.meaning == .backOffPull && pull.image == "nginx:1.99")
    #expect(Self.read("Back Off", "Back-off pulling image \"gcr.io/x/y:v1\"").isPullBackOff)
    let failed = Self.read("Failed", "Failed to pull image \"nginx:1.99\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:1.99\": not found")
    #expect(failed.isFailedPull && failed.mentionsPull && failed.image == "nginx:1.99" && failed.mentions("nginx:1.99"))
    #expect(EventReading.pullProblem(in: failed.message) == .notFound)
    #expect(EventReading.pullProblem(in: "toomanyrequests: You have reached your pull rate limit") == .rateLimited)
    #expect(EventReading.pullProblem(in: "pull access denied for foo, repository does not exist or may require 'docker login'") == .repositoryDeniedOrMissing)
    #expect(EventReading.pullProblem(in: "dial tcp: lookup registry.local: no such host") == .registryUnreachable)
    #expect(Self.read("Failed", "Error: ErrImagePull").isPullErrorReport)
    // The kubelet's own spelling only.
    #expect(!Self.read("Failed", "error: errimagepull").isPullErrorReport)
    #expect(EventReading.saysPullFailure("Error: image library/foo:latest not found"))
  }

  @Test func containerReports() {
    let config = Self.read("Failed", "Error: configmap \"app-config\" not found")
    #expect(config.reportsConfigError && config.isErrorReport && config.reportsOtherError && !config.reportsCreateFailure && !config.mentionsPull)
    let exe = Self.read("Failed", "Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"/app/start\": stat /app/start: no such file or directory: unknown")
    #expect(exe.reportsCreateFailure && EventReading.createProblem(in: exe.message) == .missingExecutable)
    let armor = Self.read("Failed", "Error: failed to start container: cannot enforce AppArmor: profile k8s-nginx is not loaded")
    #expect(armor.reportsSecurityRefusal && EventReading.securityMechanism(in: armor.message) == .appArmor)
    // Image errors are not other errors; Started events answer none of these.
    #expect(!Self.read("Failed", "Error: InvalidImageName").reportsOtherError)
    #expect(!Self.read("Started", "Error: configmap \"x\" not found").reportsConfigError)
    #expect(EventReading.createProblem(in: "mounting \"/var/lib/kubelet/pods/1/volume-subpaths/cfg/app/0\" to rootfs at \"/etc/app.conf\" caused: not a directory") == .subPathMount)
    #expect(EventReading.configProblem(in: "Error: container has runAsNonRoot and image will run as root") == .runAsNonRoot)
  }

  @Test func oldKubeletFailedSync() {
    let loop = Self.read("FailedSync", "Error syncing pod, skipping: failed to \"StartContainer\" for \"db\" with CrashLoopBackOff: \"Back-off 40s restarting failed container=db pod=db-0_default(9c1)\"")
    #expect(loop.isSyncCrashLoop && loop.meaning == .backOffRestart && EventReading.container(inMessage: loop.message) == "db")
    let mount = Self.read("FailedSync", "Error syncing pod, skipping: timeout expired waiting for volumes to attach/mount for pod \"web\"/\"default\"")
    #expect(mount.isMountFailure && !mount.isSyncCrashLoop && EventReading.mountProblem(in: mount.message) == .timedOut)
    let net = Self.read("FailedSync", "Error syncing pod, skipping: failed to \"SetupNetwork\" for \"web_default\" with SetupNetworkError: \"Failed to setup network for pod\"")
    #expect(net.isSandboxFailure && EventReading.sandboxProblem(in: net.message) == .network(noConfiguration: false))
    let kill = Self.read("FailedSync", "error killing pod: failed to \"KillContainer\" for \"app\" with KillContainerError")
    #expect(kill.isKillFailure && kill.isPodKillFailure)
    let inside = Self.read("FailedSync", "Error syncing pod: error killing pod: rpc error")
    #expect(inside.isKillFailure && !inside.isPodKillFailure)
  }

  @Test func volumesSandboxesNodesAndAdmission() {
    let nfs = Self.read("FailedMount", "MountVolume.SetUp failed for volume \"data\" : mount failed: exit status 32")
    #expect(nfs.isMountFailure && EventReading.mountProblem(in: nfs.message) == .mountCommandFailed)
    let cni = Self.read("FailedCreatePodSandBox", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type=\"calico\" failed (add): no networks found in /etc/cni/net.d")
    #expect(cni.isSandboxFailure && cni.meaning == .failedSandbox && EventReading.sandboxProblem(in: cni.message) == .network(noConfiguration: true))
    #expect(EventReading.sandboxProblem(in: "mkdir /sys/fs/cgroup/memory/kubepods/pod1: cannot allocate memory") == .cgroupsExhausted)
    let mark = Self.read("TaintManagerEviction", "Marking for deletion Pod default/web-0")
    #expect(mark.marksForTaintEviction && !mark.cancelsTaintEviction && mark.meaning == .taintEviction)
    let cancel = Self.read("TaintManagerEviction", "Cancelling deletion of Pod default/web-0")
    #expect(cancel.cancelsTaintEviction && !cancel.marksForTaintEviction && cancel.meaning == .other)
    let psa = Self.read("FailedCreate", "Error creating: pods \"web-5d9\" is forbidden: violates PodSecurity \"restricted:latest\": runAsNonRoot != true")
    #expect(psa.admissionRefusal == EventReading.AdmissionRefusal(mechanism: .podSecurity, forbidden: true))
    #expect(Self.read("Started", "Started container app").admissionRefusal == nil)
    #expect(Self.read("Scheduled", "Successfully assigned default/web-0 to node-1").meaning == .scheduled(node: "node-1"))
    #expect(Self.read("Pulled", "pulled", component: nil).isFromKubelet && Self.read("Pulled", "x", component: "kubelet, node-1").isFromKubelet)
    #expect(!Self.read("Scheduled", "x", component: "default-scheduler").isFromKubelet)
  }

  @Test func evictionMessage() {
    let e = EventReading.eviction(in: "The node was low on resource: ephemeral-storage. Container app was using 2Gi, which exceeds its request of 0. ")
    #expect(e.resource == "ephemeral-storage" && e.container?.name == "app" && e.container?.usage == "2Gi" && e.request == "0")
    let bare = EventReading.eviction(in: "Pod The node had condition: [DiskPressure].")
    #expect(bare.resource == nil && bare.container == nil && bare.request == nil)
  }

  /// The picture's reading of the meaning alone agrees with the whole reading.
  @Test(arguments: [
    ("Killing", "Container app failed startup probe, will be restarted"), ("killing", "Killing container with id docker://app"),
    ("Failed", "Error: ImagePullBackOff"), ("Failed", "Error: InvalidImageName"), ("Failed", "Error: secret \"s\" not found"),
    ("failedScheduling", "no nodes available to schedule pods"), ("Unhealthy", "Liveness probe failed: timeout"),
    ("FailedSync", "Error syncing pod, skipping: failed to \"StartContainer\" for \"app\" with ErrImagePull: \"x\""),
    ("TaintManagerEviction", "Marking for deletion Pod a/b"), ("OutOfcpu", "Node didn't have enough resource: cpu"),
  ])
  func meaningAloneAgrees(_ reason: String, _ message: String) {
    let e = EventRecord(reason: reason, message: message)
    #expect(EventReading.meaning(of: e) == EventReading(e).meaning)
  }
}
