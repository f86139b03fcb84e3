import Foundation

/// What a kubelet log line means for a pod, read from the messages the kubelet of each era logs
/// (`pkg/kubelet/pod_workers.go`, `prober/prober.go`, `kuberuntime/kuberuntime_manager.go`,
/// `kuberuntime_container.go`, `kubelet.go`, `volume/util/nestedpendingoperations`), mapped onto
/// the Event the kubelet records for the same thing: a crash-loop back-off is a `BackOff`, a
/// failed volume set-up a `FailedMount`, a failed probe `Unhealthy`. Lines about nodes, the
/// kubelet itself or other programs, and lines that name no pod, mean nothing here (nil).
enum KubeletLogMessage {
  /// The pod Events a line's body tells of; empty when it tells of none.
  static func events(_ line: KubeletLogLine) -> [KubeletLogEvent] {
    if let fields = KubeletLogFields.parse(line.body) {
      let structured = self.structured(fields)
      if !structured.isEmpty { return structured }
    }
    return unstructured(String(line.body))
  }

  // MARK: Structured lines (1.20+)

  static func structured(_ f: KubeletLogFields) -> [KubeletLogEvent] {
    var pod = KubeletPodRef.kobj(f["pod"]) ?? KubeletPodRef()
    if let uid = f["podUID"] { pod.uid = uid }
    let m = f.message
    if m.hasPrefix("Error syncing pod") {
      return syncErrors(f["err"] ?? "", pod: pod)
    }
    guard !pod.isEmpty else { return [] }
    let container = f["containerName"]
    if m == "Probe failed" || m == "Probe errored", let type = f["probeType"] {
      let errored = m == "Probe errored"
      let detail = errored ? (f["err"] ?? "") : (f["output"] ?? "")
      return [KubeletLogEvent(pod: pod, reason: "Unhealthy", type: "Warning",
                              message: "\(type) probe \(errored ? "errored" : "failed"): \(detail)", container: container)]
    }
    if m.hasPrefix("Killing container with a grace period"), let container {
      return [KubeletLogEvent(pod: pod, reason: "Killing", type: "Normal", message: "Stopping container \(container)", container: container)]
    }
    if m.hasPrefix("Unable to attach or mount volumes for pod") {
      return [KubeletLogEvent(pod: pod, reason: "FailedMount", type: "Warning",
                              message: "Unable to attach or mount volumes: \(f["err"] ?? "")")]
    }
    if m.lowercased().hasPrefix("createpodsandbox for pod failed") {
      return [KubeletLogEvent(pod: pod, reason: "FailedCreatePodSandBox", type: "Warning",
                              message: "Failed to create pod sandbox: \(f["err"] ?? "")")]
    }
    return []
  }

  // MARK: Unstructured lines (every era; volume operations still print this way)

  static func unstructured(_ body: String) -> [KubeletLogEvent] {
    if let r = body.range(of: "Error syncing pod") {
      let rest = body[r.upperBound...]
      let pod = KubeletPodRef.formatted(in: rest.prefix(400)) ?? leadingUID(rest) ?? KubeletPodRef()
      let err = rest.range(of: "skipping: ").map { String(rest[$0.upperBound...]) } ?? String(rest)
      return syncErrors(err, pod: pod)
    }
    for operation in ["MountVolume.SetUp failed", "MountVolume.MountDevice failed", "MountVolume.WaitForAttach failed",
                      "MountVolume.NewMounter initialization failed", "MapVolume.SetUpDevice failed",
                      "MapVolume.MapPodDevice failed", "UnmountVolume.TearDown failed"] {
      guard let r = body.range(of: operation) else { continue }
      guard let pod = KubeletPodRef.volumePod(in: body) else { return [] }
      let unmount = operation.hasPrefix("Unmount")
      return [KubeletLogEvent(pod: pod, reason: unmount ? "FailedUnMount" : "FailedMount", type: "Warning",
                              message: volumeMessage(String(body[r.lowerBound...])))]
    }
    for opening in ["Unable to attach or mount volumes for pod \"", "Unable to mount volumes for pod \""] {
      guard let r = body.range(of: opening) else { continue }
      guard let pod = KubeletPodRef.formatted(in: body[r.upperBound...].prefix(400)) else { return [] }
      let detail = body[r.upperBound...].range(of: "\": ").map { String(body[$0.upperBound...]) } ?? ""
      return [KubeletLogEvent(pod: pod, reason: "FailedMount", type: "Warning",
                              message: "Unable to attach or mount volumes: \(trimSkipping(detail))")]
    }
    if let probe = oldProbe(body) { return [probe] }
    for opening in ["CreatePodSandbox for pod \"", "createPodSandbox for pod \""] {
      guard let r = body.range(of: opening), let pod = KubeletPodRef.formatted(in: body[r.upperBound...].prefix(400)),
            let failed = body[r.upperBound...].range(of: "\" failed: ") else { continue }
      return [KubeletLogEvent(pod: pod, reason: "FailedCreatePodSandBox", type: "Warning",
                              message: "Failed to create pod sandbox: \(body[failed.upperBound...])")]
    }
    if body.contains("failed to \""), body.contains("\" with "), let pod = KubeletPodRef.formatted(in: body) {
      // A kubelet fork's own wording around the pod worker's error (KubeEdge's edged: `worker [0]
      // handle pod addition item [x] failed: failed to "CreatePodSandbox" for "x_ns(uid)" with …`).
      return syncErrors(body, pod: pod)
    }
    return []
  }

  /// `Liveness probe for "web_default(uid):app" failed (failure): output` (≤1.19; 2015 kubelets
  /// printed `web_default:app`).
  static func oldProbe(_ body: String) -> KubeletLogEvent? {
    guard let m = body.firstMatch(of: /(Liveness|Readiness|Startup) probe for "([^"]+):([^":]+)" (failed|errored)(?: \([a-z]+\))?: (.*)/)
    else { return nil }
    let target = String(m.2)
    var pod = KubeletPodRef.formatted(in: target)
    if pod == nil, let underscore = target.firstIndex(of: "_") {
      let name = target[..<underscore], ns = target[target.index(after: underscore)...]
      if KubeletPodRef.isName(name), KubeletPodRef.isName(ns) { pod = KubeletPodRef(namespace: String(ns), name: String(name)) }
    }
    guard let pod else { return nil }
    return KubeletLogEvent(pod: pod, reason: "Unhealthy", type: "Warning", message: "\(m.1) probe \(m.4): \(m.5)", container: String(m.3))
  }

  /// `Error syncing pod 1234-uid …` (≤1.4): the UID alone.
  static func leadingUID(_ s: Substring) -> KubeletPodRef? {
    let word = s.drop { $0 == " " }.prefix { $0 != " " && $0 != "," }
    guard word.count >= 32, word.count <= 36, word.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return nil }
    return KubeletPodRef(uid: String(word))
  }

  /// A volume operation's error as the kubelet's Event words it: the UniqueName and the pod
  /// (`(UniqueName: "…") pod "web-1" (UID: "…")`) left out, escapes undone.
  static func volumeMessage(_ s: String) -> String {
    var t = s.replacingOccurrences(of: "\\\"", with: "\"")
    t = t.replacing(/\ \(UniqueName: "[^"]*"\)/, with: "")
    t = t.replacing(/\ \(spec\.Name: "[^"]*"\)/, with: "")
    t = t.replacing(/\ pod "[^"]*" \(UID: "[^"]*"\)/, with: "")
    if t.hasSuffix("\"") && !t.dropLast().hasSuffix("\"") && t.filter({ $0 == "\"" }).count % 2 == 1 { t.removeLast() }
    return t.trimmingCharacters(in: .whitespaces)
  }

  static func trimSkipping(_ s: String) -> String {
    var t = s.trimmingCharacters(in: .whitespaces)
    if t.hasSuffix("; skipping pod") { t.removeLast("; skipping pod".count) }
    return t
  }

  // MARK: The pod worker's error

  /// The pod worker's error (`failed to "StartContainer" for "app" with CrashLoopBackOff: "…"`,
  /// several in brackets, or a volume wait) as the Events the kubelet records for each part.
  static func syncErrors(_ err: String, pod: KubeletPodRef) -> [KubeletLogEvent] {
    var out: [KubeletLogEvent] = []
    var starts: [String.Index] = []
    var search = err.startIndex
    while let r = err.range(of: "failed to \"", range: search..<err.endIndex) {
      starts.append(r.lowerBound); search = r.upperBound
    }
    for (k, start) in starts.enumerated() {
      let end = k + 1 < starts.count ? starts[k + 1] : err.endIndex
      if let e = syncError(err[start..<end], pod: pod) { out.append(e) }
    }
    if starts.isEmpty, !pod.isEmpty {
      let t = err.trimmingCharacters(in: .whitespaces)
      if t.hasPrefix("unmounted volumes=") || t.hasPrefix("timeout expired waiting for volumes") || t.contains("unattached volumes=") {
        out.append(KubeletLogEvent(pod: pod, reason: "FailedMount", type: "Warning", message: "Unable to attach or mount volumes: \(t)"))
      }
    }
    return out
  }

  /// One `failed to "ACTION" for "TARGET" with KIND: "DETAIL"`.
  static func syncError(_ s: Substring, pod podGiven: KubeletPodRef) -> KubeletLogEvent? {
    guard let m = s.firstMatch(of: /failed to "([A-Za-z]+)" for "([^"]*)" with ([A-Za-z]+): ?(.*)/) else { return nil }
    let action = String(m.1), target = String(m.2), kind = String(m.3)
    var detail = String(m.4).trimmingCharacters(in: .whitespaces)
    while detail.hasSuffix(",") || detail.hasSuffix("]") || detail.hasSuffix(" ") { detail.removeLast() }
    if detail.hasPrefix("\""), let (d, _) = KubeletLogFields.quoted(Substring(detail)) { detail = d }
    else if detail.hasPrefix("\"") { detail = String(detail.dropFirst()).replacingOccurrences(of: "\\\"", with: "\"") }
    var pod = podGiven
    if pod.name == nil, let p = KubeletPodRef.formatted(in: s) {
      pod = KubeletPodRef(namespace: p.namespace, name: p.name, uid: pod.uid ?? p.uid)
    }
    guard !pod.isEmpty else { return nil }
    let isContainerAction = ["StartContainer", "KillContainer"].contains(action)
    let container = isContainerAction && !target.isEmpty ? target : nil
    switch kind {
    case "CrashLoopBackOff":
      let podText = pod.name.flatMap { n in pod.namespace.flatMap { ns in pod.uid.map { "\(n)_\(ns)(\($0))" } } }
      return KubeletLogEvent(pod: pod, reason: "BackOff", type: "Warning",
                             message: "Back-off restarting failed container" + (container.map { " \($0)" } ?? "") + (podText.map { " in pod \($0)" } ?? ""),
                             container: container)
    case "ImagePullBackOff":
      let text = detail.lowercased().hasPrefix("back-off pulling image") ? "Back-off pulling image" + detail.dropFirst("back-off pulling image".count) : "Back-off pulling image"
      return KubeletLogEvent(pod: pod, reason: "BackOff", type: "Normal", message: text, container: container)
    case "ErrImagePull":
      return KubeletLogEvent(pod: pod, reason: "Failed", type: "Warning", message: "Failed to pull image: \(detail)", container: container)
    case "InvalidImageName", "ErrImageNeverPull":
      return KubeletLogEvent(pod: pod, reason: kind == "ErrImageNeverPull" ? "ErrImageNeverPull" : "InspectFailed", type: "Warning",
                             message: "Error: \(kind): \(detail)", container: container)
    case "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "PostStartHookError", "PreStartHookError":
      return KubeletLogEvent(pod: pod, reason: kind == "PostStartHookError" ? "FailedPostStartHook" : "Failed", type: "Warning",
                             message: "Error: \(detail)", container: container)
    case "CreatePodSandboxError", "ConfigPodSandboxError":
      var d = detail
      if let r = d.range(of: "\": "), d.hasPrefix("Failed to create sandbox for pod") || d.hasPrefix("Failed to generate sandbox config") {
        d = String(d[r.upperBound...])
      }
      return KubeletLogEvent(pod: pod, reason: "FailedCreatePodSandBox", type: "Warning", message: "Failed to create pod sandbox: \(d)")
    case "KillPodSandboxError", "KillContainerError":
      return KubeletLogEvent(pod: pod, reason: "FailedKillPod", type: "Warning", message: "error killing pod: \(detail)", container: container)
    default:
      return KubeletLogEvent(pod: pod, reason: "FailedSync", type: "Warning",
                             message: "Error syncing pod, skipping: failed to \"\(action)\" for \"\(target)\" with \(kind): \"\(detail)\"", container: container)
    }
  }
}
