import Foundation

/// A `Key:  value` line of describe text, with its indentation.
struct DescribeKeyValue: Sendable, Hashable {
  var indent: Int
  var key: String
  var value: String

  /// Reads `  Restart Count:  3` as (2, "Restart Count", "3"). A key is one or more words of
  /// letters, digits and `-_.()/#`, single-spaced; the colon is followed by whitespace or the end.
  /// `node.kubernetes.io/not-ready:NoExecute`, `a=b: c` and table rows are not key lines.
  static func parse(_ text: Substring) -> DescribeKeyValue? {
    var indent = 0
    var i = text.startIndex
    while i < text.endIndex, text[i] == " " || text[i] == "\t" { indent += text[i] == "\t" ? 8 : 1; i = text.index(after: i) }
    let keyStart = i
    var previousSpace = false
    while i < text.endIndex {
      let c = text[i]
      if c == ":" {
        let next = text.index(after: i)
        if next == text.endIndex || text[next] == " " || text[next] == "\t" { break }
        return nil
      }
      if c == " " {
        if previousSpace { return nil }
        previousSpace = true
      } else {
        previousSpace = false
        guard c.isLetter || c.isNumber || "-_.()/#".contains(c) else { return nil }
      }
      i = text.index(after: i)
    }
    guard i < text.endIndex, i > keyStart, !previousSpace else { return nil }
    let key = String(text[keyStart..<i])
    guard key.count <= 64, let f = key.first, f.isLetter || f.isNumber else { return nil }
    var value = text[text.index(after: i)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
    if oneWordKeys.contains(key) { value = withoutAnnotation(value) }
    return DescribeKeyValue(indent: indent, key: key, value: value)
  }

  /// Keys whose value is one word or number, after which a person may have written a pointer.
  static let oneWordKeys: Set<String> = ["Exit Code", "Restart Count", "Signal", "State", "Reason", "Ready", "Status"]

  /// `139 # <====`, `OOMKilled   <---- here`, `137  ← this`: the value without the note a person
  /// wrote after it; any other value as it is.
  static func withoutAnnotation(_ value: String) -> String {
    guard let space = value.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return value }
    let note = value[space...].drop { $0 == " " || $0 == "\t" }
    guard ["#", "<-", "<=", "<<", "←", "⬅", "//", "(<-"].contains(where: { note.hasPrefix($0) }) else { return value }
    return String(value[..<space])
  }
}

/// The indentation of a line (a tab counts 8).
func describeIndent(_ text: Substring) -> Int {
  var n = 0
  for c in text {
    if c == " " { n += 1 } else if c == "\t" { n += 8 } else { break }
  }
  return n
}

/// The keys describe prints, by where they appear.
enum DescribeKeys {
  /// Top-level keys of a pod describe, all eras.
  static let pod: Set<String> = [
    "Name", "Namespace", "Priority", "Priority Class Name", "Runtime Class Name", "Service Account", "Node",
    "Start Time", "Labels", "Annotations", "Status", "Reason", "Message", "IP", "IPs", "Controlled By",
    "Created By", "Controllers", "Init Containers", "Containers", "Ephemeral Containers", "Conditions", "Readiness Gates",
    "Volumes", "QoS Class", "Node-Selectors", "Tolerations", "Events", "Termination Grace Period",
    "Nominated Node Name", "NominatedNodeName", "SeccompProfile", "Image(s)", "Replication Controllers",
    "Security Policy", "Topology Spread Constraints", "Scheduling Gates", "Resource Claims",
  ]
  /// Top-level keys that only other kinds print (Service, Deployment, ReplicaSet, DaemonSet, Node...).
  static let otherKind: Set<String> = [
    "Selector", "Replicas", "Pod Template", "Type", "Endpoints", "TargetPort", "Port", "Session Affinity",
    "StrategyType", "CreationTimestamp", "Pods Status", "Desired Number of Nodes Scheduled", "IP Family Policy",
    "IP Families", "Node-Selector", "Update Strategy", "MinReadySeconds", "RollingUpdateStrategy",
    "OldReplicaSets", "NewReplicaSet", "Roles", "Taints", "Unschedulable", "Capacity", "Allocatable",
    "System Info", "Addresses", "Lease", "Kind", "Data", "Capacity", "Access Modes", "StorageClass",
    "Finalizers", "Parallelism", "Completions", "Completion Mode", "Schedule", "Concurrency Policy",
    "External Traffic Policy", "LoadBalancer Ingress", "Current Number of Nodes Scheduled",
    "Number of Nodes Scheduled with Up-to-date Pods", "Number of Nodes Scheduled with Available Pods",
    "Number of Nodes Misscheduled", "Conditions Type", "Volume Claims", "Update Strategy Type",
  ]
  /// Top-level pod keys whose names are also used inside blocks (State's Reason, Volumes' Name...).
  static let ambiguous: Set<String> = ["Name", "Reason", "Message", "IP", "Status", "Type", "Port"]
  /// Fields of a container block.
  static let container: Set<String> = [
    "Container ID", "Image", "Image ID", "Port", "Ports", "Host Port", "Host Ports", "Command", "Args",
    "State", "Last State", "Last Termination State", "Ready", "Restart Count", "Started", "Limits", "Requests",
    "Liveness", "Readiness", "Startup", "Environment", "Environment Variables from", "Environment Variables",
    "Variables", "Mounts", "Volume Mounts",
    "Devices", "Image Pull Policy", "QoS Tier", "Restart Policy", "Allocated Resources", "Resize Policy",
  ]
  /// Fields of a volume in the Volumes block.
  static let volume: Set<String> = [
    "Type", "Name", "ClaimName", "SecretName", "Optional", "Server", "Path", "ReadOnly", "Medium", "SizeLimit",
    "TokenExpirationSeconds", "ConfigMapName", "ConfigMapOptional", "DownwardAPI", "HostPathType", "Items",
    "Driver", "FSType", "VolumeAttributes", "Partition", "VolumeID", "PDName", "Ephemeral", "StorageClass",
  ]
  /// Fields of a State / Last State block.
  static let state: Set<String> = ["Reason", "Message", "Exit Code", "Signal", "Started", "Finished"]
  /// Keys that may open a describe fragment.
  static let fragmentStart: Set<String> = [
    "Namespace", "Priority", "Node", "Start Time", "Labels", "Annotations", "Controlled By", "Init Containers",
    "Containers", "Conditions", "Volumes", "QoS Class", "Node-Selectors", "Tolerations", "Events", "Status",
    "State", "Last State", "Last Termination State", "Restart Count", "Container ID", "Liveness", "Readiness",
    "IPs", "Service Account", "Priority Class Name",
  ]
  static let phases: Set<String> = ["Pending", "Running", "Succeeded", "Failed", "Unknown"]
}
