import Foundation

/// Refusals that events name outright when no status snapshot does: admission refusing the pod
/// for security (PodSecurity, OpenShift SCC, PodSecurityPolicy — written on the owner as
/// `FailedCreate`, so the pod never exists), and a deletion the runtime cannot finish
/// (`FailedKillPod`: the pod stays Terminating).
enum RefusalRules {
  static func candidates(_ ctx: ExplainContext) -> [Candidate] {
    var out: [Candidate] = []
    let refused = ctx.events.filter { $0.reading.admissionRefusal != nil }
    if let last = refused.last, let refusal = last.reading.admissionRefusal {
      let mech = switch refusal.mechanism {
      case .podSecurity: "Pod Security admission"
      case .securityContextConstraints: "OpenShift's security context constraints"
      case .appArmor: "AppArmor"
      case .podSecurityPolicy: "PodSecurityPolicy"
      }
      out.append(Candidate(cause: Cause(
        code: .securityBlocked, confidence: .high,
        summary: "\(mech) refuses the pod: \(last.message.prefix(200))",
        chain: ["\(time: last.last) \(last.reason): the pod is refused by \(mech)\(refusal.forbidden ? ", so it is never created" : "")"],
        evidence: refused.suffix(2).map { ctx.evidence($0) },
        hints: ["Set the securityContext fields the message lists (runAsNonRoot, allowPrivilegeEscalation: false, capabilities.drop [ALL], seccompProfile RuntimeDefault), or label the namespace with a less strict policy."]),
        score: 92))
    }
    let killFailures = ctx.events.filter { $0.reading.isPodKillFailure }
    if ctx.state.deletionTime == nil, ctx.state.deletion == nil, let last = killFailures.last {
      out.append(Candidate(cause: Cause(
        code: .terminatingStuck, confidence: .medium,
        summary: "The kubelet cannot stop the pod's containers (\(last.reason)), so a deletion cannot finish and the pod stays Terminating.",
        chain: ["\(time: last.last) \(last.reason) ×\(ctx.total(killFailures)): \(last.message.prefix(140))"],
        evidence: killFailures.suffix(2).map { ctx.evidence($0) },
        hints: ["The container runtime on the node is not answering (the message says why); restarting it or the node lets the deletion finish, or force-delete the pod."]),
        score: 80))
    }
    return out
  }
}
