import Foundation

extension CrashLoopRules {
  /// Builds the causes for one container: summary, chain, evidence and hints.
  struct Builder {
    let ctx: ExplainContext
    let name: String
    let kind: ContainerKind
    var restarts = 0
    var term: ContainerState?
    var termField = StateField.lastState

    var who: String { kind == .`init` ? "init container \(name)" : "container \(name)" }

    /// `Terminated Error exit 143 (ran 20s, 03:57:42 → 03:58:02)`.
    func termText(_ t: ContainerState) -> Narrative {
      var s: Narrative = "Terminated"
      if let r = t.reason { s += " \(r)" }
      if let e = t.exitCode { s += " exit \(e)" }
      if let st = t.startedAt, let f = t.finishedAt, st.micros > 0 || ctx.relative {
        s += " (ran \(f - st), \(time: st) → \(time: f))"
      } else if let f = t.finishedAt {
        s += " (finished \(time: f))"
      }
      if let m = t.message, !m.isEmpty { s += ": " + m.trimmingCharacters(in: .whitespacesAndNewlines) }
      return s
    }

    func termEvidence() -> Evidence? {
      guard let t = term else { return nil }
      return ctx.evidence(container: name, field: termField.rawValue, reason: termField.label,
                          message: termText(t), time: t.finishedAt)
    }

    func restartsText() -> Narrative? {
      restarts > 0 ? "restarted \(restarts) time\(restarts == 1 ? "" : "s")" : nil
    }

    func backoffChain(_ sig: Signals) -> Narrative? {
      guard let last = sig.backoff.last else { return nil }
      let n = ctx.total(sig.backoff)
      return "\(time: last.last) back-off restarting the failed container (×\(n) BackOff)"
    }

    func cause(_ code: CauseCode, _ confidence: Confidence, _ summary: String, chain: [Narrative], evidence: [Evidence?],
               hints: [Narrative] = [], score: Int) -> Candidate {
      Candidate(cause: Cause(code: code, container: name, containerKind: kind, confidence: confidence, summary: summary,
                             chain: chain, evidence: evidence.compactMap { $0 }, hints: hints), score: score)
    }

    // MARK: OOM

    func oom(code: CauseCode, confidence: Confidence, sig: Signals, score: Int, c: ContainerStatus?) -> Candidate {
      let limit = c?.spec.limits?[ResourceName.memory.rawValue]
      var summary = "The \(who) was killed by the kernel's OOM killer"
      if let limit { summary += " on reaching its memory limit of \(limit)" }
      if term?.knownReason != .oomKilled { summary = "The \(who) was killed with SIGKILL (exit 137) under a memory limit of \(limit ?? "?"): most likely an OOM kill not reported as such" }
      summary += code.isPodFailure ? "; the pod will not restart it." : (restarts > 0 ? " and is restarted again and again." : ".")
      var chain: [Narrative] = []
      if let t = term {
        if let s = t.startedAt { chain.append("\(time: s) started") }
        chain.append("\(time: t.finishedAt) \(t.reason ?? "terminated") exit \(t.exitCode.map { String($0) } ?? "?")" +
                     (t.exitCode == 1 ? " (the runtime reported OOMKilled although the exit code is 1)" : ""))
      }
      if let r = restartsText() { chain.append(r) }
      if let b = backoffChain(sig) { chain.append(b) }
      var ev: [Evidence?] = [termEvidence()]
      if let limit { ev.append(ctx.evidence(container: name, field: "limits", reason: "Limits", message: "memory: \(limit)")) }
      ev += sig.backoff.suffix(1).map { ctx.evidence($0) }
      var hints: [Narrative] = []
      if limit == nil { hints.append("No memory limit is known from the dump: the node itself may be short of memory, or the limit is in the spec not shown; the kubelet emits no event for an OOM kill.") }
      else { hints.append("Raise the memory limit above \(limit ?? "") or reduce the app's memory use (for the JVM, -XX:MaxRAMPercentage).") }
      return cause(code, confidence, summary, chain: chain, evidence: ev, hints: hints, score: score)
    }

    // MARK: postStart

    func postStart(sig: Signals, waiting: ContainerState?, score: Int) -> Candidate {
      var chain: [Narrative] = []
      if let s = sig.starts.last { chain.append("\(time: s.last) started") }
      if let h = sig.hook.first { chain.append("\(time: h.last) postStart hook failed: \(h.message)") }
      chain.append("the kubelet killed the container because its postStart hook failed")
      if let t = term { chain.append("\(time: t.finishedAt) \(termText(t))") }
      if let r = restartsText() { chain.append(r) }
      if let b = backoffChain(sig) { chain.append(b) }
      var ev: [Evidence?] = sig.hook.map { ctx.evidence($0) }
      if let w = waiting, w.knownReason == .postStartHookError {
        ev.append(ctx.evidence(container: name, field: "state", reason: "State", message: "Waiting PostStartHookError" + (w.message.map { ": " + $0 } ?? "")))
      }
      ev.append(termEvidence())
      let hook = ctx.container(name)?.spec.postStart
      var hints: [Narrative] = ["A failing postStart hook kills the container (exit 137 when it is SIGKILLed); run the hook command by hand in the image to see its error."]
      if let hook { hints.append("The hook is `\(hook)`.") }
      return cause(.crashLoopPostStartHook, sig.hook.isEmpty && waiting?.knownReason != .postStartHookError ? .medium : .high,
                   "The \(who) is killed each time its postStart hook fails" + (restarts > 0 ? ", then restarted (\(restarts) restarts)." : "."),
                   chain: chain, evidence: ev, hints: hints, score: score)
    }

    // MARK: probes

    func probe(live: Bool, sig: Signals, c: ContainerStatus?, confidence: Confidence, score: Int) -> Candidate {
      let kindName = live ? "liveness" : "startup"
      let unhealthy = live ? sig.unhealthyLive : sig.unhealthyStartup
      let kills = live ? sig.killLive : sig.killStartup
      let probe = live ? c?.spec.liveness : c?.spec.startup
      let nFail = ctx.total(unhealthy)
      let nKill = ctx.total(kills)
      var summary = "The kubelet kills the \(who) because its \(kindName) probe fails"
      if let u = unhealthy.last { summary += " (\(shortProbeOutput(u)))" }
      summary += restarts > 0 ? ", and restarts it (\(restarts) restarts)." : "."
      if kills.isEmpty && unhealthy.isEmpty {
        summary = "The \(who) ended with exit 143 (SIGTERM) and has a \(kindName) probe: most likely killed after \(kindName) failures (no Unhealthy events are in the store)."
      }

      var chain: [Narrative] = []
      if let s = sig.starts.first {
        let n = ctx.total(sig.starts)
        chain.append("\(time: s.first) container first started" + (n > 1 ? " (×\(n) starts, the last at \(time: sig.starts.last?.last))" : ""))
      }
      if let f = unhealthy.first, let l = unhealthy.last {
        chain.append("\(time: f.first) – \(time: l.last) \(kindName) probe failed ×\(nFail): \(shortProbeOutput(l))")
      }
      if let k = kills.first, let kl = kills.last {
        let range: Narrative = k.first == kl.last ? "\(time: kl.last)" : "\(time: k.first) – \(time: kl.last)"
        chain.append("\(range) Killing ×\(nKill): container failed \(kindName) probe, will be restarted")
      }
      if let t = term {
        var s: Narrative = ""
        if let st = t.startedAt, runDuration(t) != nil { s = "\(time: st) – " }
        s += "\(time: t.finishedAt) last run exited \(t.exitCode.map { String($0) } ?? "?")"
        if let code = t.exitCode, code > 128 { s += " (\(Text.exitMeaning(code)))" }
        if let ran = runDuration(t) { s += " after running \(ran)" }
        chain.append(s)
      }
      if let r = restartsText() { chain.append(r) }
      if let b = backoffChain(sig) { chain.append(b) }

      var ev: [Evidence?] = []
      if let u = unhealthy.last { ev.append(ctx.evidence(u)) }
      if let k = kills.last { ev.append(ctx.evidence(k)) }
      ev.append(termEvidence())
      if let p = probe {
        ev.append(ctx.evidence(container: name, field: kindName, reason: kindName.capitalized, message: describe(p)))
      }
      if let p = c?.spec.ports, !p.isEmpty {
        ev.append(ctx.evidence(container: name, field: "ports", reason: "Port", message: p.map { "\($0.containerPort)/\($0.protocol ?? "TCP")" }.joined(separator: ", ")))
      }
      ev += sig.backoff.suffix(1).map { ctx.evidence($0) }

      var hints: [Narrative] = []
      if let p = probe {
        let lo = p.initialDelaySeconds + max(0, p.failureThreshold - 1) * p.periodSeconds
        let hi = p.initialDelaySeconds + p.failureThreshold * p.periodSeconds
        var h: Narrative = "With initialDelay \(p.initialDelaySeconds)s, period \(p.periodSeconds)s and failureThreshold \(p.failureThreshold), the kill comes about \(lo)–\(hi)s after each start"
        if let t = term, let ran = runDuration(t) {
          let secs = Int(ran.seconds.rounded())
          h += secs >= lo - 2 && secs <= hi + Int(p.terminationSlack) ? "; the last run lasted \(ran), which matches." : "; the last run lasted \(ran)."
        } else { h += "." }
        hints.append(h)
      }
      // A probe aimed at a port that no container declares.
      let port = probe?.portNumber ?? unhealthy.last?.reading.probePort
      let declared = ctx.allDeclaredPorts
      let refused = unhealthy.contains { $0.reading.saysConnectionRefused }
      if let port, !declared.isEmpty, !declared.contains(where: { $0.1.containerPort == port }) {
        let list = declared.map { "\($0.0) declares \($0.1.containerPort)/\($0.1.protocol ?? "TCP")" }.joined(separator: ", ")
        hints.append("The \(kindName) probe targets port \(port), but no container declares that port (\(list))" +
                     (refused ? "; `connection refused` there means nothing listens on \(port)" : "") +
                     ": the probe is most likely misconfigured — point it at the port the app listens on\(declared.count == 1 ? " (\(declared[0].1.containerPort))" : "").")
      } else if let port, declared.isEmpty, refused {
        hints.append("`connection refused` on port \(port): check that the app listens on \(port) (the dump shows no declared ports to compare).")
      } else if let p = probe, refused || unhealthy.contains(where: { $0.reading.saysProbeTimeout }) {
        let budget = p.initialDelaySeconds + p.failureThreshold * p.periodSeconds
        if budget < 90 {
          hints.append("The probe gives the app only about \(budget)s to start answering (initialDelaySeconds \(p.initialDelaySeconds)); if it starts slower, raise initialDelaySeconds or add a startupProbe.")
        }
      }
      if probe == nil && !kills.isEmpty {
        hints.append("The probe's parameters are not in the dump; `kubectl get pod -o yaml` would show them.")
      }
      return cause(live ? .crashLoopLivenessProbe : .crashLoopStartupProbe, confidence, summary,
                   chain: chain, evidence: ev, hints: hints, score: score)
    }

    func runDuration(_ t: ContainerState) -> Duration? {
      guard let s = t.startedAt, let f = t.finishedAt, f >= s, s.micros != 0 else { return nil }
      return f - s
    }

    func describe(_ p: Probe) -> String {
      var s = p.type
      if let port = p.port { s += " :\(port)" }
      if let path = p.path { s += path }
      if let cmd = p.command { s += " " + cmd.joined(separator: " ") }
      return s + " delay=\(p.initialDelaySeconds)s timeout=\(p.timeoutSeconds)s period=\(p.periodSeconds)s #success=\(p.successThreshold) #failure=\(p.failureThreshold)"
    }

    /// A failed probe's output as a summary words it.
    func shortProbeOutput(_ e: EventFact) -> String {
      switch e.reading.probeOutput {
      case .connectionRefused: "connection refused"
      case .httpStatus(let code): "HTTP \(code)"
      case .timeout: "timeout"
      case .noRouteToHost: "no route to host"
      case .other: e.message.count > 80 ? String(e.message.prefix(77)) + "..." : e.message
      }
    }

    // MARK: exits

    func completed(sig: Signals, score: Int) -> Candidate {
      var chain: [Narrative] = []
      if let t = term { chain.append("\(time: t.finishedAt) \(termText(t))") }
      else if let s = sig.starts.last { chain.append("\(time: s.last) started") }
      chain.append("restartPolicy \(ctx.restartPolicy): the kubelet starts it again")
      if let r = restartsText() { chain.append(r) }
      if let b = backoffChain(sig) { chain.append(b) }
      return cause(.crashLoopCompleted, .high,
                   "The \(who) exits 0 (Completed), but restartPolicy is \(ctx.restartPolicy), so it is restarted and backs off.",
                   chain: chain, evidence: [termEvidence()] + sig.backoff.suffix(1).map { ctx.evidence($0) },
                   hints: ["This container finishes; a Job or restartPolicy OnFailure/Never may be meant (a Deployment's pods must keep running)."],
                   score: score)
    }

    func appError(code: CauseCode, exit: Int, sig: Signals, score: Int, confidence: Confidence) -> Candidate {
      let meaning = Text.exitMeaning(exit)
      var summary = "The \(who) exits with code \(exit) (\(meaning))"
      if let m = term?.message, !m.isEmpty { summary += ": \(m.trimmingCharacters(in: .whitespacesAndNewlines).prefix(120))" }
      summary += code.isPodFailure ? (ctx.state.spec.restartPolicy.map { "; restartPolicy \($0) does not restart it, so the pod failed." }
                                      ?? "; it was not restarted, so the pod failed (its restartPolicy is not in the dump).") :
        (restarts > 0 ? ", and is restarted again and again (\(restarts) restarts)." : ".")
      var chain: [Narrative] = []
      if let t = term {
        if let s = t.startedAt, s.micros != 0 { chain.append("\(time: s) started") }
        chain.append("\(time: t.finishedAt) exited \(exit)" + (runDuration(t).map { " after \($0)" } ?? ""))
      }
      if let r = restartsText() { chain.append(r) }
      if let b = backoffChain(sig) { chain.append(b) }
      var hints: [Narrative] = ["Read the container's log from the failed run: `kubectl logs \(ShellWord.quoted(ctx.state.object.name)) -c \(ShellWord.quoted(name))\(termField == .state ? "" : " --previous")`."]
      switch exit {
      case 127: hints.append("Exit 127: the command in command/args is not in the image (typo, or a shell/binary the image lacks).")
      case 126: hints.append("Exit 126: the command exists but cannot be executed (permissions, wrong architecture, or a script without a shebang).")
      case 2: hints.append("Exit 2 from a shell often means a syntax error in the command line (`sh -c` script).")
      case 139: hints.append("Exit 139: the process crashed with a segmentation fault.")
      case 143: hints.append("Exit 143 means SIGTERM: something stopped the container (a deletion, a probe, a node drain); no probe kill is recorded.")
      default: break
      }
      if let cmd = ctx.container(name)?.spec.command {
        hints.append("The command is `\((cmd + (ctx.container(name)?.spec.args ?? [])).joined(separator: " "))`.")
      }
      return cause(code, confidence, summary, chain: chain,
                   evidence: [termEvidence()] + sig.backoff.suffix(1).map { ctx.evidence($0) }, hints: hints, score: score)
    }

    func sigkill(podFailed: Bool, sig: Signals, c: ContainerStatus?, score: Int) -> [Candidate] {
      var chain: [Narrative] = []
      if let t = term { chain.append("\(time: t.finishedAt) \(termText(t))") }
      if let r = restartsText() { chain.append(r) }
      if let b = backoffChain(sig) { chain.append(b) }
      let ev = [termEvidence()] + sig.backoff.suffix(1).map { ctx.evidence($0) }
      let unknownReason = term?.knownReason == .containerStatusUnknown
      var out = [cause(.unknown, .low,
        unknownReason
          ? "The \(who) vanished while running (ContainerStatusUnknown, exit 137): node reboot or container garbage collection."
          : "The \(who) was killed with SIGKILL (exit 137) from outside, and the status does not say OOMKilled: an OOM kill, a postStart hook failure or a probe kill past the grace period are possible; a memory limit, the events of the kill, or the node's SystemOOM event would settle it.",
        chain: chain, evidence: ev,
        hints: ["Exit 137 = 128+9 (SIGKILL). Old Docker versions reported OOM kills as Error 137; check the memory limit and `kubectl describe node` for SystemOOM."],
        score: score)]
      out.append(cause(.oomKilled(podFailed: podFailed), .low, "The \(who) may have been OOM-killed (exit 137, no OOMKilled reason, no memory limit known).",
                       chain: chain, evidence: ev, score: score - 20))
      if c?.spec.postStart != nil {
        out.append(cause(.crashLoopPostStartHook, .low, "The \(who) has a postStart hook, whose failure makes the kubelet kill it.", chain: chain, evidence: ev, score: score - 21))
      }
      if c?.spec.liveness != nil || c == nil {
        out.append(cause(.crashLoopLivenessProbe, .low, "A liveness kill that outlived the grace period ends in exit 137 too.", chain: chain, evidence: ev, score: score - 22))
      }
      return out
    }

    func bareKills(sig: Signals, score: Int) -> Candidate {
      let n = ctx.total(sig.bareKills)
      var steps: [(at: Instant, step: Narrative)] = []
      for k in sig.bareKills.prefix(4) { steps.append((k.last, "\(time: k.last) the kubelet killed the container (\(k.message.prefix(40)))")) }
      for s in sig.starts.prefix(3) { steps.append((s.last, "\(time: s.last) a new container was started")) }
      // In time order; at one instant, in the order of the words (a start before a kill).
      let chain = steps.sorted { ($0.at, $0.step.words) < ($1.at, $1.step.words) }.map(\.step)
      return cause(.crashLoopLivenessProbe, .low,
                   "The kubelet kills the \(who) and starts a new one (\(n) kill\(n == 1 ? "" : "s")), with no exit of its own and no back-off: in old kubelets (their Killing events give no reason) this rhythm is a failing liveness probe.",
                   chain: chain, evidence: (sig.bareKills + sig.starts.suffix(1)).map { ctx.evidence($0) },
                   hints: ["The kill reason is not in these events; the pod's liveness probe (`kubectl get pod -o yaml`) and its Unhealthy events would confirm it."],
                   score: score)
    }

    func unknownExit(podFailed: Bool, sig: Signals, c: ContainerStatus?, score: Int) -> [Candidate] {
      var chain: [Narrative] = []
      if let s = sig.starts.first { chain.append("\(time: s.first) container started" + (s.count > 1 ? " (×\(s.count))" : "")) }
      if let r = restartsText() { chain.append(r) }
      if let b = backoffChain(sig) { chain.append(b) }
      let ev = (sig.backoff.suffix(1) + sig.starts.suffix(1)).map { ctx.evidence($0) }
      let settle = "a pod snapshot (`kubectl get pod -o yaml` or `kubectl describe pod`) would show the exit code and reason of the last run"
      // A command that ends by itself (`sleep 30s`) under restartPolicy Always: each exit is a restart.
      if !podFailed, !ctx.runOnce, let argv = ctx.commandLine(name), let ending = FiniteCommand.ending(argv) {
        return [cause(.crashLoopCompleted, .low,
                      "The \(who) runs `\(ending)`, which ends by itself; restartPolicy is \(ctx.restartPolicy), so the kubelet starts it again after every exit and backs off. The exit code is not in the dump: \(settle).",
                      chain: chain, evidence: ev,
                      hints: [FiniteCommand.hint],
                      score: score),
                cause(.appError(podFailed: podFailed), .low, "The command may also fail before it ends; the exit code would tell.",
                      chain: chain, evidence: ev, score: score - 20)]
      }
      var out = [cause(.appError(podFailed: podFailed), .low,
                       "The \(who) keeps exiting and the kubelet backs off restarting it; no probe kill is recorded, so it exits by itself, but the exit code is not in any event: \(settle).",
                       chain: chain, evidence: ev,
                       hints: ["`kubectl logs \(ShellWord.quoted(ctx.state.object.name)) -c \(ShellWord.quoted(name)) --previous` shows why the last run ended."], score: score)]
      out.append(cause(.oomKilled(podFailed: podFailed), .low, "An OOM kill (no event is emitted for it) would look the same in the events.", chain: chain, evidence: ev, score: score - 20))
      if !podFailed {
        out.append(cause(.crashLoopCompleted, .low, "A container that exits 0 under restartPolicy Always would look the same in the events.", chain: chain, evidence: ev, score: score - 21))
      }
      return out
    }
  }
}

extension Probe {
  /// Slack for the SIGTERM grace period when comparing run durations.
  var terminationSlack: Double { Double(max(2, timeoutSeconds)) }
}
