import Foundation

/// A manifest that declares a pod, cited beside an explanation: which manifest, where, and what
/// the observed pod shows otherwise (the observation wins; the difference is only pointed out).
public struct DeclarationNote: Sendable, Equatable, Codable {
  /// The manifest's kind (`Pod`, `Deployment`...).
  public var declaredBy: String
  /// The manifest's name.
  public var name: String
  /// The source and first line of the manifest.
  public var source: String
  /// 1-based line where the manifest starts.
  public var line: Int
  /// Each difference between what it declares and what was observed, one finding per item.
  public var differences: [Difference]

  /// One declared value the observation contradicts.
  public struct Difference: Sendable, Equatable, Codable {
    /// The container, nil for a pod-level field.
    public var container: String?
    /// The field (`ports`, `image`, `restartPolicy`).
    public var field: String
    /// What the manifest declares.
    public var declared: String
    /// What the observation shows.
    public var observed: String
  }

  /// A note per declared fact, comparing ports, image and restartPolicy with the state.
  static func notes(_ declared: [Fact], state: PodState) -> [DeclarationNote] {
    declared.compactMap { f in
      guard let d = f.declaration else { return nil }
      var diffs: [Difference] = []
      for dc in d.containers {
        guard let c = state.containers.first(where: { $0.name == dc.name }) else { continue }
        let dp = (dc.spec.ports ?? []).map(\.containerPort).sorted(), op = (c.spec.ports ?? []).map(\.containerPort).sorted()
        if !dp.isEmpty, !op.isEmpty, dp != op {
          diffs.append(Difference(container: dc.name, field: "ports", declared: dp.map(String.init).joined(separator: ","),
                                  observed: op.map(String.init).joined(separator: ",")))
        }
        if let di = dc.image, let oi = c.image, di != oi {
          diffs.append(Difference(container: dc.name, field: "image", declared: di, observed: oi))
        }
      }
      if let dr = d.spec.restartPolicy, let or = state.spec.restartPolicy, dr != or {
        diffs.append(Difference(container: nil, field: "restartPolicy", declared: dr, observed: or))
      }
      return DeclarationNote(declaredBy: d.declaredBy, name: f.object.name, source: f.provenance.source,
                             line: f.provenance.firstLine, differences: diffs)
    }
  }
}
