import Foundation
import Testing
@testable import PodHistKit

/// Known from Events alone, a condition the kubelet keeps retrying is stated with certainty only
/// while its Events keep the kubelet's cadence up to the dump's end (`KubeletCadence`): the spam
/// filter passes one Event per pod every 5 min, the kubelet retries within 15 s (2m18s for
/// volumes; a liveness loop adds the span of a run before its probe fails). Each dump is a `kubectl get events -A -o json`
/// as Event objects, one a line, imported as podhist imports it; its end is its newest Event.
@Suite struct KubeletCadenceTests {
  static let end = Instant.parseRFC3339("2025-03-11T06:00:00Z") ?? Instant(micros: 0)

  /// One Event object as the API server returns it, `first`/`last` seconds before the dump's end.
  static func event(_ pod: String, _ reason: String, _ message: String, type: String = "Normal", first: Int64, last: Int64,
                    count: Int = 1, container: String? = "app", component: String = "kubelet", ns: String = "shop") -> String {
    let f = (end - .seconds(first)).rfc3339, l = (end - .seconds(last)).rfc3339
    let fieldPath = container.map { ",\"fieldPath\":\"spec.containers{\($0)}\"" } ?? ""
    let host = component == "kubelet" ? ",\"host\":\"ip-10-0-14-112.eu-west-1.compute.internal\"" : ""
    return """
    {"apiVersion":"v1","kind":"Event","count":\(count),"firstTimestamp":"\(f)","lastTimestamp":"\(l)",\
    "involvedObject":{"apiVersion":"v1","kind":"Pod","name":"\(pod)","namespace":"\(ns)","uid":"uid-\(pod)"\(fieldPath)},\
    "message":"\(message)","metadata":{"name":"\(pod).\(reason.lowercased())\(last)","namespace":"\(ns)"},\
    "reason":"\(reason)","source":{"component":"\(component)"\(host)},"type":"\(type)"}
    """
  }

  /// Another pod of the cluster whose kubelet writes up to the dump's end.
  static let busyNeighbour = [
    event("cart-5f7d9c8b6d-qr2lp", "Scheduled", "Successfully assigned shop/cart-5f7d9c8b6d-qr2lp to ip-10-0-5-176.eu-west-1.compute.internal",
          first: 40, last: 40, container: nil, component: "default-scheduler"),
    event("cart-5f7d9c8b6d-qr2lp", "Started", "Started container app", first: 0, last: 0),
  ]

  /// An image that does not exist: Pulling every 5 min, the failure and its back-off.
  static func pull(_ pod: String, lastActivity: Int64) -> [String] {
    let image = "registry.k8s.io/ingress-nginx/controller:v1.9.5-rc8"
    return [
      event(pod, "Scheduled", "Successfully assigned shop/\(pod) to ip-10-0-14-112.eu-west-1.compute.internal",
            first: 12_000, last: 12_000, container: nil, component: "default-scheduler"),
      event(pod, "Pulling", "Pulling image \\\"\(image)\\\"", first: 12_000, last: lastActivity, count: 43),
      event(pod, "Failed", "Failed to pull image \\\"\(image)\\\": rpc error: code = NotFound desc = failed to pull and unpack image \\\"\(image)\\\": not found",
            type: "Warning", first: 11_998, last: 11_950, count: 3),
      event(pod, "Failed", "Error: ErrImagePull", type: "Warning", first: 11_998, last: 11_950, count: 3),
      event(pod, "BackOff", "Back-off pulling image \\\"\(image)\\\"", first: 11_990, last: lastActivity + 298, count: 1049),
      event(pod, "Failed", "Error: ImagePullBackOff", type: "Warning", first: 11_990, last: 11_900, count: 8),
    ]
  }

  /// A Secret that does not exist: the mount fails, and the kubelet's 2m3s wait times out.
  static func mount(_ pod: String, lastActivity: Int64) -> [String] {
    [
      event(pod, "Scheduled", "Successfully assigned shop/\(pod) to ip-10-0-29-176.eu-west-1.compute.internal",
            first: 16_800, last: 16_800, container: nil, component: "default-scheduler"),
      event(pod, "FailedMount", "MountVolume.SetUp failed for volume \\\"tls-certs\\\" : secret \\\"coredns-tls\\\" not found",
            type: "Warning", first: 16_799, last: 15_600, count: 18, container: nil),
      event(pod, "FailedMount", "Unable to attach or mount volumes: unmounted volumes=[tls-certs], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition",
            type: "Warning", first: 16_670, last: lastActivity, count: 133, container: nil),
    ]
  }

  /// A container killed for failing its liveness probe, restarted with back-off.
  /// `probeAfter`: how long the first run lasted before its probe first failed.
  static func livenessLoop(_ pod: String, lastActivity: Int64, probeAfter: Int64 = 29) -> [String] {
    [
      event(pod, "Scheduled", "Successfully assigned shop/\(pod) to ip-10-0-13-125.eu-west-1.compute.internal",
            first: lastActivity + 3_300, last: lastActivity + 3_300, container: nil, component: "default-scheduler"),
      event(pod, "Pulled", "Container image \\\"ghcr.io/acme/checkout:1.9.3\\\" already present on machine", first: lastActivity + 3_299, last: lastActivity, count: 14),
      event(pod, "Created", "Created container: app", first: lastActivity + 3_299, last: lastActivity + 3_150, count: 3),
      event(pod, "Started", "Started container app", first: lastActivity + 3_299, last: lastActivity + 3_150, count: 3),
      event(pod, "Unhealthy", "Liveness probe failed: Get \\\"http://10.10.5.100:8081/actuator/health\\\": dial tcp 10.10.5.100:8081: connect: connection refused",
            type: "Warning", first: lastActivity + 3_299 - probeAfter, last: lastActivity + 1_790, count: 27),
      event(pod, "Killing", "Container app failed liveness probe, will be restarted", first: lastActivity + 3_240, last: lastActivity + 3_178, count: 2),
      event(pod, "BackOff", "Back-off restarting failed container app in pod \(pod)_shop(uid-\(pod))", type: "Warning",
            first: lastActivity + 3_175, last: lastActivity + 298, count: 136),
    ]
  }

  /// The top cause of `pod` after importing `lines` as one dump.
  static func topCause(_ pod: String, _ lines: [String]) throws -> Cause? {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-cadence-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appending(path: "events.jsonl")
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let path = dir.appending(path: "podhist.db").path
    _ = try PodHistService.importFiles([file.path], intoStoreAt: path)
    let service = try PodHistService.open(path: path)
    return try service.explain(service.resolve(pod, namespace: "shop"), at: nil)?.causes.first
  }

  @Test func aPullFailureThatKeepsItsCadenceToTheEndStaysHigh() throws {
    let pod = "ingress-nginx-controller-xrbpnmqx9q-ncglp"
    let top = try Self.topCause(pod, Self.pull(pod, lastActivity: 200) + Self.busyNeighbour)
    #expect(top?.code == .imagePullFailed)
    #expect(top?.confidence == .high)
    #expect(top?.summary.contains("kubelet Events stop") == false)
  }

  @Test func aPullFailureSilentPastItsCadenceDropsToMediumAndSaysWhenItStopped() throws {
    let pod = "ingress-nginx-controller-xrbpnmqx9q-ncglp"
    // Pulling every 5 min until 6m50s before the dump's end, then nothing (the pod was deleted).
    let top = try Self.topCause(pod, Self.pull(pod, lastActivity: 410) + Self.busyNeighbour)
    #expect(top?.code == .imagePullFailed)
    #expect(top?.confidence == .medium)
    #expect(top?.summary.contains("The pod's kubelet Events stop 6m50s before the instant explained") == true)
    #expect(top?.summary.contains("at least every 6m15s") == true)
    let last = Self.end - .seconds(410)
    #expect(top?.chain.contains { $0.parts.first == .time(last) && $0.words.contains("last kubelet Event of the pod (Pulling)") } == true)
  }

  @Test func aDumpWhoseEndIsThePodsLastEventIsUnaffected() throws {
    // The same series pasted alone: the dump was taken when its newest Event was written.
    let pod = "ingress-nginx-controller-xrbpnmqx9q-ncglp"
    let top = try Self.topCause(pod, Self.pull(pod, lastActivity: 410))
    #expect(top?.code == .imagePullFailed)
    #expect(top?.confidence == .high)
  }

  @Test func aMountFailureKeepsTheLongerCadenceOfTheVolumeWait() throws {
    let pod = "coredns-hxjstnph88-6n58b"
    // 7 min: within 5 min + the kubelet's 2m3s volume wait (+ sync retry and grace).
    let within = try Self.topCause(pod, Self.mount(pod, lastActivity: 420) + Self.busyNeighbour)
    #expect(within?.code == .volumeMountFailed)
    #expect(within?.confidence == .high)
    // 9 min: past it.
    let past = try Self.topCause(pod, Self.mount(pod, lastActivity: 537) + Self.busyNeighbour)
    #expect(past?.code == .volumeMountFailed)
    #expect(past?.confidence == .medium)
  }

  @Test func aLivenessLoopIsAllowedTheRunBeforeItsProbeFails() throws {
    let pod = "checkout-jn9jk9v8gl-j4gv2"
    // Probed from 29 s after each start, the loop writes (Unhealthy, BackOff) all the time:
    // 5 min of silence fits it, 12 min does not.
    let live = try Self.topCause(pod, Self.livenessLoop(pod, lastActivity: 300) + Self.busyNeighbour)
    #expect(live?.code == .crashLoopLivenessProbe)
    #expect(live?.confidence == .high)
    let stopped = try Self.topCause(pod, Self.livenessLoop(pod, lastActivity: 720) + Self.busyNeighbour)
    #expect(stopped?.code == .crashLoopLivenessProbe)
    #expect(stopped?.confidence == .medium)
    #expect(stopped?.summary.contains("at least every 6m44s") == true)
    // A container whose probe first failed 9 min into its run may be running unprobed that long.
    let slow = try Self.topCause(pod, Self.livenessLoop(pod, lastActivity: 720, probeAfter: 540) + Self.busyNeighbour)
    #expect(slow?.code == .crashLoopLivenessProbe)
    #expect(slow?.confidence == .high)
    // 9 hours of silence: the loop is not shown to go on.
    let gone = try Self.topCause(pod, Self.livenessLoop(pod, lastActivity: 32_000, probeAfter: 540) + Self.busyNeighbour)
    #expect(gone?.code == .crashLoopLivenessProbe)
    #expect(gone?.confidence == .medium)
  }

  @Test func aRuntimeThatDoesNotAnswerMayHoldTheKubeletsAttemptsToo() throws {
    // Corpus 266's pattern: sandbox creation hits the CRI deadline, then the kubelet is silent for
    // 13 min while the pod stays ContainerCreating. A hanging runtime proves nothing by silence.
    let pod = "frontend-pr-run-j4sw2-get-service-images-fzb86-pod-hprrv"
    let lines = [
      Self.event(pod, "Scheduled", "Successfully assigned shop/\(pod) to gke-gully-prod-devops-057e9931-spmw",
                 first: 1_980, last: 1_980, container: nil, component: "default-scheduler"),
      Self.event(pod, "FailedCreatePodSandBox", "Failed to create pod sandbox: rpc error: code = DeadlineExceeded desc = context deadline exceeded",
                 type: "Warning", first: 1_380, last: 780, count: 3, container: nil),
    ] + Self.busyNeighbour
    let top = try Self.topCause(pod, lines)
    #expect(top?.code == .sandboxCreateFailed)
    #expect(top?.confidence == .high)
    // A CNI plugin that answers with an error keeps the cadence: 13 min of silence is past it.
    let cni = lines.map { $0.replacingOccurrences(of: "rpc error: code = DeadlineExceeded desc = context deadline exceeded",
                                                  with: "plugin type=\\\"calico\\\" failed (add): stat /var/lib/calico/nodename: no such file or directory") }
    let answered = try Self.topCause(pod, cni)
    #expect(answered?.code == .sandboxCreateFailed)
    #expect(answered?.confidence == .medium)
  }
}
