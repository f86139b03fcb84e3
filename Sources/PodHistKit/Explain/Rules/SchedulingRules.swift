import Foundation

/// Pods the scheduler could not place: the FailedScheduling message (or the PodScheduled
/// condition's message) split per reason, the dominant reason deciding the code.
enum SchedulingRules {
  static func candidates(_ ctx: ExplainContext) -> [Candidate] {
    let failed = ctx.events.filter { $0.kind == .failedScheduling }
    let cond = ctx.state.conditions.first { $0.knownType == .podScheduled && $0.isFalse }
    if ctx.state.statusReason == .schedulingGated || cond?.knownReason == .schedulingGated {
      return [Candidate(cause: Cause(code: .unschedulableOther, confidence: .high,
                                     summary: "The pod has scheduling gates (spec.schedulingGates): the scheduler does not consider it until they are removed.",
                                     chain: ["PodScheduled False SchedulingGated"],
                                     evidence: [ctx.evidence(podField: "conditions", reason: "PodScheduled", message: "False SchedulingGated")].compactMap { $0 },
                                     hints: ["The controller that added the gate removes it when ready; `kubectl get pod -o jsonpath='{.spec.schedulingGates}'` lists them."]),
                        score: 90)]
    }
    guard let latestText = failed.last?.message ?? cond?.message else { return [] }
    let lastFail = failed.last?.last
    let scheduledLater = ctx.events.contains { e in
      (e.kind == .scheduled || e.kind == .started || e.kind == .pulled) && (lastFail.map { e.last > $0 } ?? true)
    }
    let bound = ctx.isBound && cond == nil
    let cleared = scheduledLater || bound || ctx.state.isRunningAndReady
    let parsed = SchedulerMessage.parse(latestText) ?? SchedulerMessage(totalNodes: nil, reasons: [], preemption: nil)
    let cat = parsed.dominant

    var breakdown = parsed.reasons.map { r in r.nodes.map { "\($0) × \(r.text)" } ?? r.text }.joined(separator: "; ")
    if breakdown.isEmpty { breakdown = latestText }
    var summary: String
    switch cat {
    case .resources:
      let res = Array(Set(parsed.reasons.compactMap { $0.resource })).sorted()
      summary = "No node has enough free \(res.isEmpty ? "resources" : res.joined(separator: " and ")) for the pod's requests"
    case .taints:
      let taints = Array(Set(parsed.reasons.compactMap { $0.taint })).sorted()
      summary = "Every candidate node carries a taint the pod does not tolerate" + (taints.isEmpty ? "" : ": \(taints.joined(separator: ", "))")
    case .nodeSelector: summary = "No node matches the pod's node selector / node affinity"
    case .volumeBinding: summary = "The pod's PersistentVolumeClaims cannot be bound (or their volumes' node affinity excludes every node)"
    case .other:
      summary = parsed.reasons.isEmpty ? "The scheduler found no node for the pod, and its message names no reason" : "The scheduler refused every node"
    }
    if let n = parsed.totalNodes { summary += " (0/\(n) nodes available)" }
    summary += cleared ? "; the pod was scheduled later, so this is history." : ": the pod stays Pending."

    var chain: [Narrative] = []
    if let f = failed.first {
      chain.append("\(time: f.first) – \(time: failed.last?.last) FailedScheduling ×\(ctx.total(failed)): \(breakdown)")
    } else if let cond {
      chain.append("PodScheduled False (\(cond.reason ?? "Unschedulable")): \(cond.message ?? "")")
    }
    if let p = parsed.preemption { chain.append("preemption: \(p)") }
    if let s = ctx.events.last(where: { $0.kind == .scheduled }), cleared { chain.append("\(time: s.last) \(s.message)") }
    else { chain.append("no node is bound; no container is created") }

    var ev: [Evidence?] = failed.suffix(2).map { ctx.evidence($0) }
    if failed.isEmpty, let cond {
      ev.append(ctx.evidence(podField: "conditions", reason: "PodScheduled", message: "False \(cond.reason ?? ""): \(cond.message ?? "")"))
    }
    var hints = self.hints(ctx, parsed, cat)
    // With node facts in the store: name the nodes and the numbers (only what they show).
    if !cleared && !ctx.nodes.isEmpty { hints += NodeFit(ctx).hints(ctx.nodes) }
    var confidence: Confidence = cleared ? .low : (parsed.reasons.isEmpty ? .low : .high)
    if cat == .other && !parsed.reasons.isEmpty && !cleared { confidence = .medium }
    var out = [Candidate(cause: Cause(code: cat.code, confidence: confidence, summary: summary, chain: chain,
                                      evidence: ev.compactMap { $0 }, hints: hints), score: cleared ? 4 : 90)]
    // The other categories in the message, as alternatives.
    for other in SchedulerMessage.Category.allCases where other != cat && parsed.reasons.contains(where: { $0.category == other }) {
      let rs = parsed.reasons.filter { $0.category == other }
      out.append(Candidate(cause: Cause(code: other.code, confidence: .low,
                                        summary: "The message also names: " + rs.map { r in r.nodes.map { "\($0) × \(r.text)" } ?? r.text }.joined(separator: "; ") + ".",
                                        evidence: ev.compactMap { $0 }), score: cleared ? 3 : 40))
    }
    return out
  }

  static func hints(_ ctx: ExplainContext, _ msg: SchedulerMessage, _ cat: SchedulerMessage.Category) -> [Narrative] {
    var hints: [Narrative] = []
    switch cat {
    case .resources:
      let regular = ctx.state.containers.filter { $0.kind != .`init` }
      for resource in ResourceName.scheduled {
        let res = resource.rawValue
        var sum = 0.0
        var parts: [String] = []
        var any = false
        for c in regular {
          guard let text = c.spec.requests?[res] ?? c.spec.limits?[res], let q = Quantity(text) else { continue }
          sum += q.value; any = true
          parts.append("\(c.name) \(text)\(c.spec.requests?[res] == nil ? " (limit, used as request)" : "")")
        }
        let initMax = ctx.state.containers.filter { $0.kind == .`init` }.compactMap { c in (c.spec.requests?[res] ?? c.spec.limits?[res]).flatMap { Quantity($0) } }.map(\.value).max() ?? 0
        guard any else { continue }
        let total = max(sum, initMax)
        let shown = resource == .cpu ? Quantity.formatCPU(total) : Quantity.formatBytes(total)
        let short = msg.reasons.contains { $0.resource == res || ($0.resource == nil && $0.category == .resources) }
        hints.append("The pod requests \(shown) \(res) in total (\(parts.joined(separator: ", "))); all its containers must fit on one node" +
                     (short ? ", and no node has that much \(res) free: lower the request or add capacity." : "."))
      }
      if hints.isEmpty { hints.append("Compare the pod's summed requests with `kubectl describe node` (Allocatable minus Allocated resources).") }
    case .taints:
      let taints = Array(Set(msg.reasons.compactMap { $0.taint })).sorted()
      for t in taints {
        let key = t.split(separator: ":").first.map { String($0) } ?? t
        if key.contains("node-role.kubernetes.io/master") || key.contains("node-role.kubernetes.io/control-plane") {
          hints.append("\(key) marks a control-plane node: on a single-node cluster remove it (`kubectl taint nodes --all \(ShellWord.quoted(key + "-"))`), or add a toleration, or add worker nodes.")
        } else if key.contains("not-ready") {
          hints.append("node.kubernetes.io/not-ready: the node is NotReady — on a fresh cluster usually because no CNI network plugin is installed yet.")
        } else if key.contains("unschedulable") {
          hints.append("The node is cordoned (node.kubernetes.io/unschedulable): `kubectl uncordon` it.")
        } else {
          hints.append("Add a toleration for \(key) or remove the taint from the nodes.")
        }
      }
      if let sel = ctx.state.spec.nodeSelector, !sel.isEmpty, msg.reasons.contains(where: { $0.category == .nodeSelector }) {
        hints.append("The node selector \(sel.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ",")) leaves only the tainted node(s) as candidates.")
      } else if msg.reasons.contains(where: { $0.category == .nodeSelector }) {
        hints.append("The nodes that match the pod's node selector are the tainted ones; the others do not match the selector.")
      }
      if taints.isEmpty { hints.append("`kubectl describe nodes | grep Taints` lists the taints.") }
    case .nodeSelector:
      if let sel = ctx.state.spec.nodeSelector, !sel.isEmpty {
        hints.append("The pod's node selector is \(sel.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ",")); `kubectl get nodes --show-labels` shows which labels the nodes have.")
      } else {
        hints.append("Check the pod's nodeSelector / nodeAffinity against `kubectl get nodes --show-labels`.")
      }
    case .volumeBinding:
      let claims = (ctx.state.spec.volumes ?? []).filter { $0.knownType == .persistentVolumeClaim }.compactMap { $0.source }
      hints.append("`kubectl describe pvc\(claims.isEmpty ? "" : " " + claims.map(ShellWord.quoted).joined(separator: " "))` shows why the claim is Pending: often no default StorageClass (or no matching PersistentVolume) exists.")
    case .other:
      if msg.reasons.isEmpty {
        hints.append("The message of this era names no predicate; `kubectl describe nodes` (allocatable vs allocated, taints, labels, host ports) shows which one fails.")
      }
    }
    return hints
  }
}
