import Foundation

/// `why -A` for a team lead: a summary of the pods that need attention (per top cause code, per
/// namespace, per owning workload, the most pods first) and one line per pod (STATUS, RESTARTS,
/// top cause and confidence, since when; `-o wide` adds the cause's sentence). The full story
/// stays with `why POD`.
public enum ClusterView {
  /// One pod's line, kept instead of its whole explanation by views over many pods.
  public struct Row: Sendable, Equatable {
    /// The pod.
    public var namespace: String, name: String
    /// kubectl's STATUS and RESTARTS at the instant described.
    public var status: String, restarts: ClosedRange<Int>
    /// The top cause code, its container and confidence; nil when no cause was found.
    public var code: CauseCode?, container: String?, confidence: Confidence?
    /// The top cause's one-sentence summary.
    public var sentence: String?
    /// The workload owning the pod (`Deployment/web`, `StatefulSet/db`), when known or told by its name.
    public var owner: String?
    /// How long before the instant described the top cause's earliest evidence was (else the
    /// pod's first fact); nil when unknown on the pod's clock.
    public var since: Duration?

    /// The row of an explanation and the state it explains.
    public init(_ e: Explanation, state: PodState) {
      namespace = e.object.namespace; name = e.object.name; status = e.status; restarts = e.restarts ?? state.restarts
      let top = e.causes.first
      code = top?.code; container = top?.container; confidence = top?.confidence; sentence = top?.summary
      owner = PodOwners.workload(name: state.object.name, owner: state.spec.owner)
      let first = top?.evidence.compactMap(\.time).min() ?? state.firstFactAt
      since = first.flatMap { $0.isDumpOffset == e.at.isDumpOffset ? e.at - $0 : nil }
    }

    /// A row of the given cells.
    init(namespace: String, name: String, status: String, restarts: ClosedRange<Int>, code: CauseCode?, container: String?,
         confidence: Confidence?, sentence: String?, owner: String?, since: Duration?) {
      self.namespace = namespace; self.name = name; self.status = status; self.restarts = restarts; self.code = code
      self.container = container; self.confidence = confidence; self.sentence = sentence; self.owner = owner; self.since = since
    }

    /// The CAUSE cell: `CrashLoop.OOMKilled[app]`, or `-`.
    var causeText: String { code.map { $0.rawValue + (container.map { "[\($0)]" } ?? "") } ?? "-" }
  }

  /// A group of pods and how many.
  public struct Count: Sendable, Equatable {
    /// The cause code, namespace or owner.
    public var key: String
    /// Pods in the group.
    public var pods: Int
    /// Of them, how many have a high-confidence top cause.
    public var high: Int
  }

  /// What the rows add up to.
  public struct Summary: Sendable, Equatable {
    /// Pods listed.
    public var pods: Int
    /// Per top cause code (`none` when no cause was found), worst first.
    public var byCause: [Count]
    /// Per namespace, worst first.
    public var byNamespace: [Count]
    /// Per owning workload (pods with none left out), worst first.
    public var byOwner: [Count]

    /// The summary of `rows`. Worst first: the most pods, then the most high-confidence causes, then by name.
    public init(_ rows: [Row]) {
      pods = rows.count
      func count(_ key: (Row) -> String?) -> [Count] {
        var c: [String: Count] = [:]
        for r in rows {
          guard let k = key(r) else { continue }
          c[k, default: Count(key: k, pods: 0, high: 0)].pods += 1
          if r.confidence == .high { c[k]?.high += 1 }
        }
        return c.values.sorted { ($1.pods, $1.high, $0.key) < ($0.pods, $0.high, $1.key) }
      }
      byCause = count { $0.code?.rawValue ?? "none" }
      byNamespace = count(\.namespace)
      byOwner = count(\.owner)
    }

    /// The text block: a headline, then one line per grouping with at most `limit` groups each.
    public func text(limit: Int = 8) -> String {
      guard pods > 0 else { return ClusterView.allWell }
      func line(_ title: String, _ cs: [Count], _ shownKey: (String) -> String = { $0 }) -> String {
        let shown = cs.prefix(limit).map { "\(shownKey($0.key)) \($0.pods)" }.joined(separator: ", ")
        let rest = cs.count > limit ? ", and \(cs.count - limit) more" : ""
        return "  \(title) \(cs.isEmpty ? "(none known)" : shown + rest)\n"
      }
      let ns = byNamespace.count
      return "\(pods) pod\(pods == 1 ? "" : "s") need\(pods == 1 ? "s" : "") attention in \(ns) namespace\(ns == 1 ? "" : "s").\n"
        + line("by cause:    ", byCause) + line("by namespace:", byNamespace, ObjectRef.cell(namespace:)) + line("by owner:    ", byOwner)
    }

    /// `summary` of the `why -A -o json|yaml` document (docs/cli.md).
    public var json: JSONValue {
      func list(_ cs: [Count], _ key: String, _ value: (String) -> JSONValue = { .string($0) }) -> JSONValue {
        .array(cs.map { .object([(key, value($0.key)), ("pods", .int($0.pods)), ("high", .int($0.high))]) })
      }
      return .object([("pods", .int(pods)), ("byCause", list(byCause, "code")), ("byNamespace", list(byNamespace, "namespace", JSONValue.namespace)),
                      ("byOwner", list(byOwner, "owner"))])
    }
  }

  /// What `why -A` says when no pod needs attention.
  public static let allWell = "Every pod in scope is Running and Ready or Completed, with no restart in the last hour.\n"

  /// The table of `rows`: NAMESPACE NAME STATUS RESTARTS CAUSE CONFIDENCE SINCE (wide: SUMMARY).
  public static func table(_ rows: [Row], wide: Bool) -> String {
    var headers = ["NAMESPACE", "NAME", "STATUS", "RESTARTS", "CAUSE", "CONFIDENCE", "SINCE"]
    if wide { headers.append("SUMMARY") }
    return renderTable(headers: headers, rows: rows.map { r in
      var cells = [ObjectRef.cell(namespace: r.namespace), r.name, r.status, PodListRender.restartsText(r.restarts), r.causeText,
                   r.confidence?.rawValue ?? "-", r.since.map(humanDuration) ?? "-"]
      if wide { cells.append(r.sentence ?? "-") }
      return cells
    })
  }

  /// The whole `why -A` text: the summary, a blank line, the table (or the all-well sentence).
  public static func text(_ rows: [Row], wide: Bool) -> String {
    rows.isEmpty ? allWell : Summary(rows).text() + "\n" + table(rows, wide: wide)
  }
}
