import Foundation

/// Parses `kubectl describe pod` text of every kubectl era (2015's tab-separated builds to 1.35)
/// into one segment per pod: a status snapshot and the Events table's rows.
///
/// Fields are read by key name, not by fixed columns; nesting is judged from indentation
/// relative to the block's own top-level keys, so fragments that start mid-describe (at
/// `Annotations:`, at a container's `State:`, at `Events:` or at a bare Events row) are read
/// as far as they go. Describes of other kinds (`kubectl describe all`) are consumed and give no facts.
public struct DescribeParser: TextSegmentParser {
  /// The parser; it holds no state.
  public init() {}

  /// Whether a describe (a `Name:`, a pod `Status:`, a fragment's key, an Events row) begins here.
  public func begins(_ lines: [SourceLine], at index: Int) -> Bool {
    guard index < lines.count else { return false }
    let text = lines[index].text
    if let kv = DescribeKeyValue.parse(text) {
      if kv.key == "Name" { return !kv.value.isEmpty }
      if kv.key == "Status" { return DescribeKeys.phases.contains(kv.value) || kv.value.hasPrefix("Terminating") }
      if DescribeKeys.fragmentStart.contains(kv.key) { return true }
      // A pod's `Reason:` that only a pod status prints (a fragment of just Reason and Message).
      if kv.key == "Reason", let r = StatusReason(kv.value) { return r.isPodOnly }
      return false
    }
    if DescribeEventParser.headerLayout(text) != nil { return true }
    if let row = DescribeEventParser.parseRow(lines[index], layout: nil), Self.isStrictRow(row) { return true }
    return false
  }

  /// A headerless row is taken as a describe row only when its source column looks like one
  /// (`{kubelet node}`, `kubelet, node`, a scheduler, kubelet or controller), so that a bare
  /// `kubectl get events` row is left to the events-table parser.
  static func isStrictRow(_ row: DescribeEventRow) -> Bool {
    // Modern rows start with Normal/Warning: no other table does.
    if row.layout == .modern { return true }
    guard let c = row.component else { return false }
    if row.host != nil || ["default-scheduler", "scheduler", "kubelet"].contains(c) { return true }
    // `kube-controller-manager-n1  Pod  ...` is an old get-events row (NAME, KIND), not a source.
    let kinds: Set<String> = ["Pod", "Node", "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job",
                              "Service", "Endpoints", "ReplicationController", "PersistentVolumeClaim", "CronJob"]
    return c.hasSuffix("-controller") && !kinds.contains(row.reason)
  }

  /// The describe block from `index`; nil when no field of it was recognised.
  public func parse(_ lines: [SourceLine], at index: Int, source: String,
                    warnings: inout [ImportWarning]) -> (segment: any TextSegment, next: Int)? {
    var builder = DescribeBuilder(lines: lines, start: index, source: source)
    let next = builder.run(&warnings)
    guard builder.recognised > 0, let last = builder.lastLine else { return nil }
    // One lone key line (`Node: it is broken` in prose) is not a describe.
    if builder.recognised < 2, builder.segment.podName == nil, builder.segment.events.isEmpty,
       builder.topFields["Events"] != "<none>" {
      return nil
    }
    var segment = builder.segment
    segment.lines = lines[index].number...last
    if let described = DescribedEventSegment(fields: builder.topFields, nested: builder.nestedFields,
                                             lines: segment.lines) {
      return (described, max(next, index + 1))
    }
    // An eviction message names the containers when the Containers block is not in the paste
    // (corpus 019): `Container app was using 34260Ki, which exceeds its request of 0.`
    if segment.snapshot.containers.isEmpty, let message = segment.snapshot.message {
      for name in DescribeBuilder.containersNamed(in: message) {
        segment.snapshot.containers.append(ContainerSnapshot(name: name, kind: .regular))
      }
    }
    if segment.podName == nil, let guess = builder.guessPodName() {
      segment.podName = guess.name
      segment.podNameGuessed = true
      if segment.namespace == nil { segment.namespace = guess.namespace }
    }
    return (segment, max(next, index + 1))
  }
}
