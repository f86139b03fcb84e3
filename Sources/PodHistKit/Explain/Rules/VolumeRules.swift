import Foundation

/// A pod stuck in ContainerCreating: volumes that cannot be attached or mounted (missing
/// ConfigMap, Secret, PVC; NFS; attach timeouts) and sandboxes that cannot be created (CNI,
/// runtime; `SetupNetwork` failures in 2016 dumps).
enum VolumeRules {
  /// Whether the pod is past the point these failures block.
  static func progressed(_ ctx: ExplainContext, after t: Instant) -> Bool {
    // The kubelet mounts volumes and creates the sandbox before it pulls images and starts
    // containers: any of those later means the failure cleared.
    if ctx.events.contains(where: { $0.last > t && [.pulling, .pulled, .created, .started].contains($0.kind) }) { return true }
    if ctx.state.lastSnapshotAt.map({ $0 > t }) ?? false,
       ctx.state.containers.contains(where: { $0.state?.kind == .running || $0.state?.kind == .terminated || $0.lastState != nil }) {
      return true
    }
    return false
  }

  static func candidates(_ ctx: ExplainContext) -> [Candidate] {
    var out: [Candidate] = []
    let mounts = ctx.events.filter { $0.reading.isMountFailure }
    if let last = mounts.last {
      var c = mount(ctx, mounts, cleared: progressed(ctx, after: last.last))
      if c.score > 4 && ctx.quiet(since: last.last) { quieten(ctx, &c, last.last) }
      out.append(c)
    }
    let sandbox = ctx.events.filter { $0.reading.isSandboxFailure }
    if let last = sandbox.last {
      var c = sandboxCause(ctx, sandbox, cleared: progressed(ctx, after: last.last))
      if c.score > 4 && ctx.quiet(since: last.last) { quieten(ctx, &c, last.last) }
      out.append(c)
    }
    return out
  }

  /// Marks a failure series that went quiet long ago as probably over.
  static func quieten(_ ctx: ExplainContext, _ c: inout Candidate, _ last: Instant) {
    c.score = 4
    c.cause.confidence = .low
    c.cause.summary += " The last failure is \(ctx.now - last) old; one still going on would have been recorded again within 5 min, so it has probably stopped."
  }

  static func mount(_ ctx: ExplainContext, _ es: [EventFact], cleared: Bool) -> Candidate {
    let text = es.last(where: { $0.kind != .failedSync })?.message ?? es.last?.message ?? ""
    var what = "a volume cannot be mounted"
    var hints: [Narrative] = []
    let ns = ctx.state.object.namespaceInWords
    let problem = EventReading.mountProblem(in: text)
    if let n = Text.quoted(after: "configmap", in: text) {
      what = "ConfigMap \"\(n)\" does not exist"
      hints.append("Create ConfigMap \(n) in \(ns) (or set `optional: true` on the volume); the kubelet retries the mount by itself.")
    } else if let n = Text.quoted(after: "secret", in: text) {
      what = "Secret \"\(n)\" does not exist"
      hints.append("Create Secret \(n) in \(ns) (or set `optional: true` on the volume).")
    } else if let n = Text.quoted(after: "persistentvolumeclaim", in: text) {
      what = "PersistentVolumeClaim \"\(n)\" does not exist"
      hints.append("Create the claim \(n), or fix the claimName.")
    } else if problem == .mountCommandFailed {
      what = "the mount command failed (exit status 32: mount failure, e.g. NFS server or export unreachable)"
      hints.append("Exit status 32 is mount(8)'s generic failure; mount the export by hand on the node to see the error.")
    } else if let m = text.firstMatch(of: /unmounted volumes=\[([^\]]*)\]/) {
      what = "volume(s) [\(m.1)] were not attached/mounted in time"
      hints.append("Look for the volume's attach or provisioning problem (`kubectl describe pvc`, the cloud disk's state).")
    } else if problem == .timedOut {
      what = "attaching or mounting a volume timed out"
    }
    if let v = text.firstMatch(of: /for volume \\?\"([^\"\\]+)\\?\"/), let vol = ctx.state.spec.volumes?.first(where: { $0.name == String(v.1) }) {
      hints.append("Volume \(vol.name) is a \(vol.type)\(vol.source.map { " (\($0))" } ?? "").")
    }
    let n = ctx.total(es)
    var chain: [Narrative] = []
    if let s = ctx.events.first(where: { $0.kind == .scheduled }) { chain.append("\(time: s.last) scheduled: \(s.message)") }
    chain.append("\(time: es.first?.first) – \(time: es.last?.last) mounting failed ×\(n): \(text.prefix(160))")
    if cleared, let p = ctx.events.last(where: { [.created, .started, .pulled].contains($0.kind) }) {
      chain.append("\(time: p.last) \(p.reason): the mount later succeeded and the container went on")
    } else {
      chain.append("no container can start until the volume is mounted (ContainerCreating)")
    }
    let cause = Cause(code: .volumeMountFailed, container: nil, containerKind: nil, confidence: cleared ? .low : .high,
                      summary: cleared ? "Mounting volumes failed for a while (\(what)), then succeeded: history, not the current state."
                                       : "The pod cannot start because \(what).",
                      chain: chain, evidence: es.suffix(3).map { ctx.evidence($0) }, hints: hints)
    return Candidate(cause: cause, score: cleared ? 4 : 82)
  }

  static func sandboxCause(_ ctx: ExplainContext, _ es: [EventFact], cleared: Bool) -> Candidate {
    let text = es.last?.message ?? ""
    var what = "the runtime could not create it"
    var hint = "Check the container runtime and the node's kubelet log for the sandbox error."
    switch EventReading.sandboxProblem(in: text) {
    case .network(let noConfiguration)?:
      what = "the network plugin (CNI) failed to set up the pod's network"
      hint = "The CNI plugin on the node is failing"
      if noConfiguration { hint += ": no network configuration in /etc/cni/net.d (the CNI plugin is not installed or not ready)" }
      else if let m = text.firstMatch(of: /(?:dial tcp [^:]+:\d+: [^"\\]+)/) { hint += ": \(m.0)" }
      hint += "; check the CNI daemonset's pods on that node."
    case .cgroupsExhausted?:
      // mkdir of a cgroup failing with ENOMEM/ENOSPC while the node has memory: the kernel ran out
      // of cgroup IDs (memory cgroups kept alive by kernel-memory accounting, 3.10 kernels).
      what = "the kernel refused to create the pod's cgroup"
      hint = "The node's kernel cannot create more cgroups (mkdir fails although memory is free): memory cgroups leaked by kernel-memory accounting on old kernels (CentOS/RHEL 7, 3.10); count them in /proc/cgroups, drain and reboot the node, and boot with `cgroup.memory=nokmem` or upgrade the kernel."
    case .runtimeClassHandler?:
      what = "the RuntimeClass's handler is not configured on the node"
    case .securityProfile?:
      what = "a security profile refused it"
    case nil:
      break
    }
    let n = ctx.total(es)
    var chain: [Narrative] = []
    if let s = ctx.events.first(where: { $0.kind == .scheduled }) { chain.append("\(time: s.last) scheduled: \(s.message)") }
    chain.append("\(time: es.first?.first) – \(time: es.last?.last) creating the pod sandbox failed ×\(n): \(text.prefix(160))")
    chain.append(cleared ? "a later container start shows the sandbox was created in the end" : "no container can start without a sandbox (ContainerCreating)")
    let cause = Cause(code: .sandboxCreateFailed, container: nil, containerKind: nil, confidence: cleared ? .low : .high,
                      summary: cleared ? "Creating the pod sandbox failed for a while (\(what)), then succeeded."
                                       : "The pod sandbox (pause container and network) cannot be created: \(what).",
                      chain: chain, evidence: es.suffix(3).map { ctx.evidence($0) }, hints: [Narrative(hint)])
    return Candidate(cause: cause, score: cleared ? 4 : 81)
  }
}
