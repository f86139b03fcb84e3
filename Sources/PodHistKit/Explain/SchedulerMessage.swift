import Foundation

/// A scheduler refusal (`FailedScheduling` message, or the PodScheduled condition's message) split
/// into per-reason node counts, for every era the dumps come from:
///
/// * modern: `0/3 nodes are available: 1 Insufficient memory, 2 node(s) had untolerated taint {k: v}. preemption: ...`
/// * ≈1.4–1.9: `No nodes are available that match all of the following predicates:: Insufficient cpu (1), ...`
/// * 2015–2016: `pod (x) failed to fit in any node` + `fit failure on node (n): PodFitsResources` lines,
///   `Failed for reason PodFitsResources and possibly others`
/// * volume binding: `pod has unbound PersistentVolumeClaims (repeated 4 times)`.
public struct SchedulerMessage: Sendable, Equatable {
  /// What kind of refusal a reason is; maps to the `Unschedulable.*` cause codes.
  public enum Category: String, Sendable, Equatable, CaseIterable {
    /// Insufficient resources, node selector/affinity, taints, volume binding, anything else.
    case resources, nodeSelector, taints, volumeBinding, other

    /// The cause code for this category.
    public var code: CauseCode {
      switch self {
      case .resources: .unschedulableInsufficientResources
      case .nodeSelector: .unschedulableNodeSelector
      case .taints: .unschedulableTaints
      case .volumeBinding: .unschedulableVolumeBinding
      case .other: .unschedulableOther
      }
    }
  }

  /// One reason with the number of nodes it excluded (nil when the message gives no count).
  public struct Reason: Sendable, Equatable {
    /// The reason as the scheduler wrote it (`Insufficient memory`).
    public var text: String
    /// How many nodes the reason excluded (`1` in `1 Insufficient memory`).
    public var nodes: Int?
    /// Which kind of refusal; picks the cause code.
    public var category: Category
    /// The taint key (and value) for taint reasons, when named: `node-role.kubernetes.io/master`.
    public var taint: String?
    /// The resource for `Insufficient X`: `cpu`, `memory`, `pods`, `nvidia.com/gpu`.
    public var resource: String?
    /// The node the reason applies to (2015 `fit failure on node (n)` lines).
    public var node: String?
  }

  /// N in `0/N nodes are available`.
  public var totalNodes: Int?
  /// Each reason the message gives, in the order written.
  public var reasons: [Reason]
  /// The text after `preemption:`, when present.
  public var preemption: String?

  /// Parses a scheduler message; nil when the text is not a scheduler refusal.
  public static func parse(_ raw: String) -> SchedulerMessage? {
    var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    // (Each pattern below runs only when its literal part is in the text: `why -A` parses
    // the scheduler message of every unscheduled pod.)
    if text.contains("(repeated "), let r = text.range(of: #"\s*\(repeated \d+ times\)\s*$"#, options: .regularExpression) {
      text.removeSubrange(r)
    }
    let lower = text.lowercased()
    var msg = SchedulerMessage(totalNodes: nil, reasons: [], preemption: nil)

    if text.contains(" nodes are available"), let m = text.firstMatch(of: Patterns.cached("scheduler.nodesAvailable") { /(\d+)\/(\d+) nodes are available:?\s*/ }) {
      msg.totalNodes = Int(m.2)
      var body = String(text[m.range.upperBound...])
      if let p = body.range(of: "preemption:") {
        msg.preemption = body[p.upperBound...].trimmingCharacters(in: .whitespaces)
        body = String(body[..<p.lowerBound])
      }
      for part in splitTopLevel(body) {
        if part.first?.isNumber == true, let n = part.firstMatch(of: Patterns.cached("scheduler.countedReason") { /^(\d+)\s+(.+)$/ }) {
          msg.reasons.append(reason(String(n.2), nodes: Int(n.1)))
        } else if !part.isEmpty {
          msg.reasons.append(reason(part, nodes: nil))
        }
      }
      return msg
    }
    if lower.hasPrefix("no nodes are available that match all of the") {
      var body = text
      if let c = text.range(of: ":") { body = String(text[c.upperBound...]) }
      while body.hasPrefix(":") { body.removeFirst() }
      for part in splitTopLevel(body) {
        if part.contains(")"), let n = part.firstMatch(of: Patterns.cached("scheduler.reasonCount") { /^(.+?)\s*\((\d+)\)$/ }) {
          msg.reasons.append(reason(String(n.1), nodes: Int(n.2)))
        } else if !part.isEmpty {
          msg.reasons.append(reason(part, nodes: nil))
        }
      }
      return msg
    }
    if lower.contains("failed to fit in any node") || lower.contains("fit failure") {
      var perPredicate: [String: Int] = [:]
      var order: [String] = []
      // One `fit failure on node (n): …` per node, on lines of their own, or joined with spaces
      // when a paste (or a describe that wrapped them) put them on one line.
      var lines: [Substring] = []
      for line in text.split(whereSeparator: \.isNewline) {
        var rest = line[...]
        while let r = rest.range(of: "fit failure on node (", range: rest.index(after: rest.startIndex)..<rest.endIndex) {
          lines.append(rest[..<r.lowerBound]); rest = rest[r.lowerBound...]
        }
        lines.append(rest)
      }
      for line in lines {
        guard line.contains("fit failure on node ("), let m = line.firstMatch(of: Patterns.cached("scheduler.fitFailureOnNode") { /fit failure on node \(([^)]*)\):\s*(.+)$/ }) else {
          if line.contains("fit failure summary on nodes"), let s = line.firstMatch(of: Patterns.cached("scheduler.fitFailureSummary") { /fit failure summary on nodes\s*:\s*(.+)$/ }) {
            for part in splitTopLevel(String(s.1)) {
              if part.contains(")"), let n = part.firstMatch(of: Patterns.cached("scheduler.summaryReasonCount") { /^(.+?)\s*\((\d+)\)$/ }) {
                msg.reasons.append(reason(String(n.1), nodes: Int(n.2)))
              }
            }
          }
          continue
        }
        // kubectl 1.2: `Node didn't have enough resource: CPU, requested: 1000, used: 1420, capacity: 2000`
        // is one predicate with its numbers, not four.
        let predicates = m.2.lowercased().contains("enough resource") ? [m.2.prefix { $0 != "," }] : m.2.split(separator: ",")
        for pred in predicates {
          let p = pred.trimmingCharacters(in: .whitespaces)
          if perPredicate[p] == nil { order.append(p) }
          perPredicate[p, default: 0] += 1
        }
      }
      for p in order { msg.reasons.append(reason(p, nodes: perPredicate[p])) }
      return msg
    }
    if lower.contains("fitness predicates") {
      // 2015: `Error scheduling: Pod foo failed fitness predicates PodFitsResources, PodFitsPorts. See logs for details.`
      if let r = lower.range(of: "fitness predicates") {
        let body = text[r.upperBound...].prefix { $0 != "." }
        for p in body.split(separator: ",") {
          let name = p.trimmingCharacters(in: .whitespaces)
          if !name.isEmpty { msg.reasons.append(reason(name, nodes: nil)) }
        }
      }
      if !msg.reasons.isEmpty { return msg }
    }
    if text.contains("Failed for reason "), let m = text.firstMatch(of: Patterns.cached("scheduler.failedForReason") { /Failed for reason (\w+)/ }) {
      msg.reasons.append(reason(String(m.1), nodes: nil))
      return msg
    }
    if lower.contains("unbound") && lower.contains("persistentvolumeclaim")
        || lower.contains("persistentvolumeclaim") && lower.contains("not found")
        || lower.contains("volumebinding") || lower.contains("volume node affinity") {
      msg.reasons.append(reason(text, nodes: nil))
      return msg
    }
    return nil
  }

  /// The category that decides the cause code. Node selector / affinity mismatches say which
  /// nodes the pod targets; when other reasons exclude the remaining nodes, those reasons are what
  /// blocks the pod on the nodes it wants, so they win. Taints beside insufficient resources say
  /// the same (tainted nodes are kept for other pods: control planes, dedicated pools; the
  /// scheduler reports a node under its first failing filter, taints before resources), so the
  /// resources win. Otherwise the category excluding the most nodes wins (ties: resources,
  /// taints, volume binding, node selector, other).
  public var dominant: Category {
    guard !reasons.isEmpty else { return .other }
    var total: [Category: Int] = [:]
    for r in reasons { total[r.category, default: 0] += r.nodes ?? 1 }
    if total.count > 1 { total[.nodeSelector] = nil }
    if total[.resources] != nil { total[.taints] = nil }
    let order: [Category] = [.resources, .taints, .volumeBinding, .nodeSelector, .other]
    var best = order.first { total[$0] != nil } ?? .other
    for c in order where (total[c] ?? 0) > (total[best] ?? 0) { best = c }
    return best
  }

  /// Nodes excluded per category.
  public func nodes(in category: Category) -> Int {
    reasons.filter { $0.category == category }.reduce(0) { $0 + ($1.nodes ?? 0) }
  }

  /// Classifies one reason text.
  static func reason(_ raw: String, nodes: Int?) -> Reason {
    let text = raw.trimmingCharacters(in: CharacterSet(charactersIn: " .'\""))
    let l = text.lowercased()
    var r = Reason(text: text, nodes: nodes, category: .other, taint: nil, resource: nil, node: nil)
    if l.contains("persistentvolumeclaim") || l.contains("volume node affinity") || l.contains("volumezone")
        || l.contains("volume zone") || l.contains("persistent volumes to bind") || l.contains("volumebinding")
        || l.contains("novolumezoneconflict") || l.contains("unbound") {
      r.category = .volumeBinding
    } else if l.contains("enough resource:"), let m = text.firstMatch(of: Patterns.cached("scheduler.enoughResource") { /enough resource:\s*(\w+)/ }) {
      r.category = .resources
      r.resource = m.1.lowercased()
    } else if l.contains("insufficient") || l.contains("too many pods") || l.contains("podfitsresources")
        || l.contains("outofcpu") || l.contains("outofmemory") {
      r.category = .resources
      if let m = text.firstMatch(of: Patterns.cached("scheduler.insufficient") { /[Ii]nsufficient\s+(\S+)/ }) { r.resource = String(m.1) }
      else if l.contains("too many pods") { r.resource = "pods" }
    } else if l.contains("taint") || l.contains("were unschedulable") || l.contains("not ready")
        || l.contains("nodeunschedulable") {
      r.category = .taints
      if let m = text.firstMatch(of: Patterns.cached("scheduler.braces") { /\{([^}]*)\}/ }) {
        var t = m.1.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix(":") { t.removeLast() }
        r.taint = t.trimmingCharacters(in: .whitespaces)
      } else if l.contains("were unschedulable") {
        r.taint = "node.kubernetes.io/unschedulable"
      } else if l.contains("not ready") {
        r.taint = "node.kubernetes.io/not-ready"
      }
    } else if l.contains("node selector") || l.contains("node affinity") || l.contains("matchnodeselector")
        || l.contains("nodeaffinity") || l.contains("selector") {
      r.category = .nodeSelector
    }
    return r
  }

  /// Splits on `,` outside braces and brackets.
  static func splitTopLevel(_ body: String) -> [String] {
    var parts: [String] = []
    var cur = ""
    var depth = 0
    for ch in body {
      if ch == "{" || ch == "[" || ch == "(" { depth += 1 }
      if ch == "}" || ch == "]" || ch == ")" { depth = max(0, depth - 1) }
      if ch == "," && depth == 0 {
        parts.append(cur.trimmingCharacters(in: .whitespacesAndNewlines)); cur = ""
      } else { cur.append(ch) }
    }
    parts.append(cur.trimmingCharacters(in: .whitespacesAndNewlines))
    return parts.map { p in
      var s = p
      while s.hasSuffix(".") { s.removeLast() }
      return s
    }.filter { !$0.isEmpty }
  }
}
