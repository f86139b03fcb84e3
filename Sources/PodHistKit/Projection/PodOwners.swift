import Foundation

/// A pod's owners, nearest first: its controller as the dump names it (`ReplicaSet/web-7d4b9c`,
/// ownerReferences or describe's `Controlled By`), then the workload above it that the names tell
/// (a ReplicaSet `<deployment>-<pod-template-hash>` belongs to `Deployment/<deployment>`; a Job
/// `<cronjob>-<8 digits>` to `CronJob/<cronjob>`). Without a recorded owner the pod's own name
/// tells (`<deployment>-<hash>-<5>`, `<statefulset>-<ordinal>`), marked as guessed.
public enum PodOwners {
  /// The owners of a pod named `name` whose recorded controller is `owner` (`Kind/name`).
  public static func of(name: String, owner: String?) -> [String] {
    if let owner, let slash = owner.firstIndex(of: "/") {
      let kind = String(owner[..<slash]), oname = String(owner[owner.index(after: slash)...])
      var out = [owner]
      switch kind {
      case "ReplicaSet": if let d = deployment(ofReplicaSet: oname) { out.append("Deployment/" + d) }
      case "Job": if let c = cronJob(ofJob: oname) { out.append("CronJob/" + c) }
      default: break
      }
      return out
    }
    // From the name alone.
    if let m = name.firstMatch(of: /^(.+)-([a-z0-9]{6,10})-([a-z0-9]{5})$/), isHash(String(m.2)) {
      return ["ReplicaSet/\(m.1)-\(m.2)", "Deployment/\(m.1)"]
    }
    if let m = name.firstMatch(of: /^(.+-\d{8})-([a-z0-9]{5})$/), let c = cronJob(ofJob: String(m.1)) {
      return ["Job/\(m.1)", "CronJob/\(c)"]
    }
    if let m = name.firstMatch(of: /^(.+)-(\d+)$/) { return ["StatefulSet/\(m.1)"] }
    return []
  }

  /// The workload a team lead groups by: the top of `of(name:owner:)`, or nil for a bare pod.
  public static func workload(name: String, owner: String?) -> String? { of(name: name, owner: owner).last }

  /// `web-7d4b9c8f5d` → `web` when the suffix is a pod-template-hash (the ReplicaSet of a Deployment).
  static func deployment(ofReplicaSet rs: String) -> String? {
    guard let dash = rs.lastIndex(of: "-") else { return nil }
    let hash = rs[rs.index(after: dash)...]
    return hash.count >= 6 && hash.count <= 10 && isHash(String(hash)) ? String(rs[..<dash]) : nil
  }

  /// `backup-28931520` → `backup`: a CronJob names its Jobs by the scheduled minute.
  static func cronJob(ofJob job: String) -> String? {
    guard let m = job.firstMatch(of: /^(.+)-(\d{8,})$/) else { return nil }
    return String(m.1)
  }

  /// A pod-template-hash: lower-case letters and digits from the safe alphabet with a digit or
  /// a consonant mix (`7d4b9c8f5d`, `5m6ccqg99x`), not a word.
  static func isHash(_ s: String) -> Bool {
    let safe = Set("bcdfghjklmnpqrstvwxz2456789")
    return s.allSatisfy { safe.contains($0) }
  }

  /// `deploy`, `deployment`, `Deployment` → `Deployment` (kubectl's short names for the kinds owners have).
  public static func kind(_ s: String) -> String {
    switch s.lowercased() {
    case "deploy", "deployment", "deployments": "Deployment"
    case "rs", "replicaset", "replicasets": "ReplicaSet"
    case "sts", "statefulset", "statefulsets": "StatefulSet"
    case "ds", "daemonset", "daemonsets": "DaemonSet"
    case "job", "jobs": "Job"
    case "cj", "cronjob", "cronjobs": "CronJob"
    case "node", "nodes", "no": "Node"
    case let k: s.prefix(1).uppercased() + k.dropFirst()
    }
  }
}
