import Foundation

/// Containers that cannot be created or started: bad configuration references
/// (`CreateContainerConfigError`), runtime create/start failures (`RunContainerError`,
/// `ContainerCannotRun`, `StartError`, exit 128), and refusals by a security mechanism.
enum ContainerRules {
  static func candidates(_ ctx: ExplainContext) -> [Candidate] {
    var out: [Candidate] = []
    var done = Set<String>()
    for c in ctx.state.containers {
      let w = c.state?.kind == .waiting ? c.state : nil
      let t = c.state?.kind == .terminated ? c.state : (c.lastState?.kind == .terminated ? c.lastState : nil)
      let field: StateField = c.state?.kind == .terminated ? .state : .lastState
      let bonus = c.kind == .`init` ? 8 : 0
      if let w, w.knownReason == .createContainerConfigError {
        out.append(configError(ctx, name: c.name, kind: c.kind, message: w.message, waiting: w, score: 86 + bonus)); done.insert(c.name)
        continue
      }
      if let w, w.knownReason == .blocked || EventReading.isSecurityRefusal(w.message ?? "") {
        out.append(security(ctx, name: c.name, kind: c.kind, text: w.message ?? w.reason ?? "", ev: ctx.evidence(container: c.name, field: "state", reason: "State", message: "Waiting \(w.reason ?? "") \(w.message ?? "")"), score: 87 + bonus)); done.insert(c.name)
        continue
      }
      if let w, let r = w.reason, let known = w.knownReason, [.createContainerError, .runContainerError, .preStartHookError, .preCreateHookError].contains(known) {
        out.append(createFailed(ctx, name: c.name, kind: c.kind, reason: r, message: w.message,
                                ev: ctx.evidence(container: c.name, field: "state", reason: "State", message: "Waiting \(r)" + (w.message.map { ": " + $0 } ?? "")),
                                restarts: c.restarts.upperBound, score: 86 + bonus)); done.insert(c.name)
        continue
      }
      if let w, w.reason == nil || w.knownReason == .containerCreating, let m = w.message, EventReading.saysCreateFailure(m) {
        // 2015 tables print the waiting message without a reason: `API error (404): Cannot start container …`.
        out.append(createFailed(ctx, name: c.name, kind: c.kind, reason: "Waiting", message: m,
                                ev: ctx.evidence(container: c.name, field: "state", reason: "State", message: "Waiting: \(m)"),
                                restarts: c.restarts.upperBound, score: 84 + bonus)); done.insert(c.name)
        continue
      }
      if let t, t.knownReason == .startError || t.knownReason == .containerCannotRun || (t.exitCode == 128 && !(t.message ?? "").isEmpty) {
        var msg = "Terminated \(t.reason ?? "") exit \(t.exitCode.map { String($0) } ?? "?")"
        if let m = t.message { msg += ": " + m }
        out.append(createFailed(ctx, name: c.name, kind: c.kind, reason: t.reason ?? "exit 128", message: t.message,
                                ev: ctx.evidence(container: c.name, field: field.rawValue, reason: field.label, message: msg, time: t.finishedAt),
                                restarts: c.restarts.upperBound, score: 84 + bonus, at: t.finishedAt)); done.insert(c.name)
      }
    }
    // Events alone: `Failed` with `Error: <config or runtime error>`.
    for e in ctx.events where e.kind == .failed || e.kind == .failedSync {
      let m = e.message
      guard !e.reading.mentionsPull else { continue }
      let name = e.container ?? e.messageContainer ?? ctx.containerNames.first?.0 ?? ""
      if done.contains(name) { continue }
      let cleared = ctx.events.contains { $0.kind == .started && $0.last > e.last && (e.container == nil || $0.container == e.container) }
        && !ctx.events.contains { $0.kind == .backOff && $0.last >= e.last }
      if e.reading.reportsSecurityRefusal {
        out.append(security(ctx, name: name, kind: e.containerKind ?? .regular, text: m, ev: ctx.evidence(e), score: cleared ? 4 : 77)); done.insert(name)
      } else if e.reading.reportsConfigError {
        out.append(configError(ctx, name: name, kind: e.containerKind ?? .regular, message: m, waiting: nil, event: e, score: cleared ? 4 : 77)); done.insert(name)
      } else if e.reading.reportsCreateFailure {
        out.append(createFailed(ctx, name: name, kind: e.containerKind ?? .regular, reason: "Failed", message: m, ev: ctx.evidence(e),
                                restarts: 0, score: cleared ? 4 : 77, at: e.last)); done.insert(name)
      } else if e.reading.reportsOtherError, ctx.state.containers.first(where: { $0.name == name })?.state == nil {
        // `Error: <runtime error>` with nothing else known: a create or start failure.
        var c = createFailed(ctx, name: name, kind: e.containerKind ?? .regular, reason: "Failed", message: m, ev: ctx.evidence(e),
                             restarts: 0, score: cleared ? 4 : 66)
        c.cause.confidence = .medium
        out.append(c); done.insert(name)
      }
    }
    // Pod-level refusals (old kubelets: status.reason AppArmor, STATUS Blocked).
    let podText = (ctx.state.reason ?? "") + " " + (ctx.state.message ?? "")
    if ctx.state.statusReason == .blocked || (ctx.state.phase == .pending || ctx.state.phase == .failed) && EventReading.isSecurityRefusal(podText) {
      out.append(security(ctx, name: "", kind: .regular, text: ctx.state.message ?? ctx.state.reason ?? "Blocked",
                          ev: ctx.evidence(podField: "message", reason: ctx.state.reason ?? "Blocked", message: ctx.state.message ?? ""), score: 88))
    }
    return out
  }

  static func configError(_ ctx: ExplainContext, name: String, kind: ContainerKind, message: String?, waiting: ContainerState?,
                          event: EventFact? = nil, score: Int) -> Candidate {
    let related = ctx.events.filter { $0.kind == .failed && $0.reading.isErrorReport && ctx.belongs($0, to: name) && !$0.reading.mentionsPull }
    let text = message ?? related.last?.message ?? event?.message ?? ""
    var what = "a configuration reference cannot be resolved"
    var hint = "Create the missing object, or fix the reference in env/envFrom."
    if let n = Text.quoted(after: "configmap", in: text) { what = "ConfigMap \"\(n)\" does not exist"; hint = "Create ConfigMap \(n) in \(ctx.state.object.namespaceInWords), or mark the reference optional." }
    else if let n = Text.quoted(after: "secret", in: text) { what = "Secret \"\(n)\" does not exist"; hint = "Create Secret \(n) in \(ctx.state.object.namespaceInWords), or mark the reference optional." }
    else if let problem = EventReading.configProblem(in: text) {
      switch problem {
      case .missingKey: what = "a key referenced from a ConfigMap/Secret is missing"
      case .runAsNonRoot where text.lowercased().contains("runasuser breaks"):
        what = "runAsNonRoot is set but runAsUser is 0 (root)"; hint = "Set runAsUser to a non-zero UID (or drop runAsNonRoot where the container must run as root)."
      case .runAsNonRoot: what = "runAsNonRoot is set but the image runs as root"; hint = "Set runAsUser to a non-zero UID, or build the image with a non-root USER."
      case .subPath:
        what = "the kubelet cannot prepare the subPath of a volume mount"
        hint = "The path under subPath must be reachable by the kubelet inside the volume: check it exists and that the kubelet may read it (an NFS export with root_squash refuses it); mounting without subPath shows whether the volume itself works."
      }
    }
    var ev: [Evidence?] = related.suffix(2).map { ctx.evidence($0) }
    if let e = event, !related.contains(where: { $0.fact == e.fact }) { ev.append(ctx.evidence(e)) }
    if let w = waiting { ev.append(ctx.evidence(container: name, field: "state", reason: "State", message: "Waiting \(w.reason ?? "")" + (w.message.map { ": " + $0 } ?? ""))) }
    var chain: [Narrative] = []
    if let f = related.first { chain.append("\(time: f.first) – \(time: related.last?.last) creating the container failed ×\(ctx.total(related)): \(f.message)") }
    chain.append("the container is never created (CreateContainerConfigError); the kubelet retries")
    return Candidate(cause: Cause(code: .containerConfigError, container: name, containerKind: kind, confidence: .high,
                                  summary: "The \(kind == .`init` ? "init container" : "container") \(name) cannot be created: \(what).",
                                  chain: chain, evidence: ev.compactMap { $0 }, hints: [Narrative(hint)]), score: score)
  }

  static func createFailed(_ ctx: ExplainContext, name: String, kind: ContainerKind, reason: String, message: String?,
                           ev: Evidence?, restarts: Int, score: Int, at: Instant? = nil) -> Candidate {
    let text = message ?? ""
    var what = "the runtime could not create or start its process"
    var hints: [Narrative] = []
    switch EventReading.createProblem(in: text) {
    // runc: `mounting "/var/lib/kubelet/pods/…/volume-subpaths/…" to rootfs "…" at "…" caused "…"`.
    case .subPathMount:
      what = "mounting a volume into it failed"
      hints.append("The volume is mounted with subPath: the path must exist in the volume, and a subPath of a ConfigMap or Secret is not refreshed when it changes, so a container restarted after such a change cannot mount it; re-create the pod (and mount the whole volume where its content changes).")
    case .fileOverDirectory:
      what = "mounting a volume into it failed"
      hints.append("A file is mounted over a directory or the reverse: check the mountPath and what the volume holds there.")
    case .mount:
      what = "mounting a volume into it failed"
      hints.append("Check the volume and its mountPath: the runtime could not mount it (\(text.prefix(120))…).")
    case .missingExecutable:
      let exe = text.firstMatch(of: /exec: \\?\"([^\"\\]+)\\?\"/).map { String($0.1) }
      what = "the command \(exe.map { "`\($0)` " } ?? "")is not in the image"
      hints.append("The entrypoint/command \(exe.map { "`\($0)` " } ?? "")does not exist in the image's PATH: a typo in command/args, or the wrong image.")
    case .operatingSystemMismatch:
      what = "the image's operating system does not match the node's"
      hints.append("A Windows image was scheduled on a Linux node or the reverse (or the Windows build version differs): use a nodeSelector on kubernetes.io/os and a matching image.")
    case .permissionDenied:
      what = "the command is not executable (permission denied)"
      hints.append("Check the file mode of the entrypoint and the securityContext.")
    case .unknown:
      if !text.isEmpty { hints.append("The runtime's message says why: \(text.prefix(160))") }
    }
    let related = ctx.events.filter { ($0.kind == .failed || $0.kind == .backOff) && ctx.belongs($0, to: name) && !$0.reading.mentionsPull }
    var chain = [(at.map { "\(time: $0) " } ?? "") + "\(reason): \(what)"]
    if restarts > 0 { chain.append("retried \(restarts) time\(restarts == 1 ? "" : "s"), failing the same way") }
    if let b = related.last { chain.append("\(time: b.last) \(b.reason): \(b.message.prefix(100))") }
    return Candidate(cause: Cause(code: .containerCreateFailed, container: name, containerKind: kind, confidence: .high,
                                  summary: "The \(kind == .`init` ? "init container" : "container") \(name) cannot start: \(what).",
                                  chain: chain, evidence: ([ev] + related.suffix(2).map { ctx.evidence($0) }).compactMap { $0 }, hints: hints),
                     score: score)
  }

  static func security(_ ctx: ExplainContext, name: String, kind: ContainerKind, text: String, ev: Evidence?, score: Int) -> Candidate {
    let mech = switch EventReading.securityMechanism(in: text) {
    case .appArmor: "AppArmor"
    case .seccomp: "seccomp"
    case .seLinux: "SELinux"
    case .podSecurityAdmission: "pod security admission"
    }
    return Candidate(cause: Cause(code: .securityBlocked, container: name.isEmpty ? nil : name, containerKind: kind, confidence: .high,
                                  summary: "The \(name.isEmpty ? "pod" : "container \(name)") is refused by \(mech): \(text.prefix(160))",
                                  chain: ["\(mech) refused the container"], evidence: [ev].compactMap { $0 },
                                  hints: ["Install the \(mech) profile on the node or change the pod's securityContext."]), score: score)
  }
}
