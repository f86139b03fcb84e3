import Foundation

/// Which pods a listing keeps, as kubectl's flags slice them: `-l`, `--field-selector`, and
/// podhist's `--owner KIND/NAME`, `--status STATUS`, `--cause CODE`. All given must hold.
public struct PodSlice: Sendable {
  /// `-l`.
  public var labels: LabelSelector?
  /// `--field-selector`.
  public var fields: FieldSelector?
  /// `--owner KIND/NAME`: the pod's controller or the workload above it (kind as kubectl spells it).
  public var owner: String?
  /// `--status`: kubectl's STATUS column, case-insensitive.
  public var status: String?
  /// `--cause`: the top cause code, or a family (`CrashLoop` for every `CrashLoop.*`).
  public var cause: String?

  /// A slice of the given selectors (none: every pod).
  public init(labels: LabelSelector? = nil, fields: FieldSelector? = nil, owner: String? = nil,
              status: String? = nil, cause: String? = nil) throws {
    self.labels = labels; self.fields = fields; self.status = status
    if let owner {
      let parts = owner.split(separator: "/", maxSplits: 1)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw QueryError.badFlag("--owner \(owner): expected KIND/NAME (Deployment/web, sts/db, Job/backup-29026521)")
      }
      self.owner = PodOwners.kind(String(parts[0])) + "/" + parts[1]
    }
    if let cause {
      guard CauseCode.allCases.contains(where: { $0.rawValue == cause || $0.rawValue.hasPrefix(cause + ".") }) else {
        throw QueryError.badFlag("--cause \(cause): not a cause code or family (docs/cli.md lists them; families: \(Set(CauseCode.allCases.map { $0.rawValue.split(separator: ".").first.map(String.init) ?? $0.rawValue }).sorted().joined(separator: ", ")))")
      }
      self.cause = cause
    }
  }

  /// Whether the slice needs each pod's explanation (`--cause`).
  public var needsCause: Bool { cause != nil }

  /// Whether `state` passes every selector but `--cause`.
  public func admits(_ state: PodState) -> Bool {
    if let labels, !labels.matches(state.spec.labels ?? [:]) { return false }
    if let fields, !fields.matches({ PodSlice.field($0, of: state) }) { return false }
    if let owner, !PodOwners.of(name: state.object.name, owner: state.spec.owner).contains(owner) { return false }
    if let status, state.status.lowercased() != status.lowercased() { return false }
    return true
  }

  /// Whether a top cause `code` passes `--cause`.
  public func admits(cause code: CauseCode?) -> Bool {
    guard let cause else { return true }
    guard let code else { return false }
    return code.rawValue == cause || code.rawValue.hasPrefix(cause + ".")
  }

  /// A pod's field as the API server's field selectors read it.
  static func field(_ name: String, of s: PodState) -> String? {
    switch name {
    case "metadata.name": s.object.name
    case "metadata.namespace": s.object.namespace
    case "spec.nodeName": s.node
    case "spec.restartPolicy": s.spec.restartPolicy ?? "Always"
    case "spec.schedulerName": s.spec.schedulerName ?? "default-scheduler"
    case "spec.serviceAccountName": s.spec.serviceAccount
    case "status.phase": s.phase?.text
    case "status.podIP": s.podIP
    default: nil
    }
  }
}

extension PodSlice {
  /// Whether no selector is given.
  public var isEmpty: Bool { labels == nil && fields == nil && owner == nil && status == nil && cause == nil }
}
