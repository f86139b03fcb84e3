import Foundation

extension ManifestObject {
  /// A key a manifest wrote where the Kubernetes schema has no such field, while the schema knows
  /// where it belongs (`lifecycle:` under a pod template instead of a container): the reading
  /// drops it, so the import says so.
  struct MisplacedKey: Sendable, Equatable {
    /// The key as written.
    var key: String
    /// The 1-based input line of the key (0 when unknown).
    var line: Int
    /// Where it was written, in words (`the Deployment's pod template`).
    var writtenIn: String
    /// Where the schema has it, in words (`a container`).
    var belongsIn: [String]

    /// The warning's sentence (without file and line).
    var message: String {
      let places = belongsIn.count <= 2 ? belongsIn.joined(separator: " or ")
        : belongsIn.dropLast().joined(separator: ", ") + " or " + (belongsIn.last ?? "")
      return "`\(key)` is written in \(writtenIn), which has no such field in Kubernetes (it belongs in \(places)), "
        + "so it was not imported"
    }
  }

  /// Keys the schema (`FlatYAML.schema`, incomplete on purpose) leaves out of an object although
  /// Kubernetes has them there, and has elsewhere too: never reported as misplaced.
  static let fieldsAlsoValidIn: [String: Set<String>] = [
    "podSpec": ["resources"],  // pod-level resources (Kubernetes 1.32+)
    "probe": ["terminationGracePeriodSeconds"],  // a probe's own grace period (1.25+)
  ]

  /// The keys of `obj` (a Pod or workload manifest) written in an object of the schema that has
  /// no such field while another object of the schema has it. Keys the schema does not know at
  /// all are not reported (the schema is incomplete, so they may well be right where they are);
  /// free maps (labels, affinity, securityContext) are not looked into.
  static func misplacedKeys(_ obj: StructuredObject) -> [MisplacedKey] {
    let kind = obj.text("kind") ?? "Pod"
    var out: [MisplacedKey] = []
    func walk(_ o: StructuredObject, as schemaKind: String) {
      guard let keys = FlatYAML.schema[schemaKind] else { return }
      for m in o.members {
        let child: FlatYAML.Child?
        switch (schemaKind, m.key) {
        case ("top", "spec"): child = .map(kind == "Pod" ? "podSpec" : "workloadSpec")
        // A ReplicationController's selector is the bare label map.
        case ("workloadSpec", "selector") where kind == "ReplicationController": child = .free
        default: child = keys[m.key]
        }
        switch child {
        case let .map(k)?:
          if let inner = m.value.object { walk(inner, as: k) }
        case let .seq(k)?:
          for item in m.value.array ?? [] { if let inner = item.object { walk(inner, as: k) } }
        case .scalar?, .free?:
          break
        case nil:
          guard fieldsAlsoValidIn[schemaKind]?.contains(m.key) != true else { continue }
          let homes = homes(of: m.key)
          guard !homes.isEmpty else { continue }
          out.append(MisplacedKey(key: m.key, line: m.line, writtenIn: words(schemaKind, kind: kind),
                                  belongsIn: homes.map { words($0, kind: $0 == "podSpec" || ($0 == "template" && isWorkload(kind)) ? kind : nil) }))
        }
      }
    }
    walk(obj, as: "top")
    return out
  }

  /// The schema objects that have `key`, in a fixed order (the merged `spec` left out: the
  /// kind-specific pod and workload specs stand for it).
  static func homes(of key: String) -> [String] {
    FlatYAML.schema.keys.filter { $0 != "spec" && FlatYAML.schema[$0]?[key] != nil }.sorted()
  }

  /// A schema object's name in words; `kind` names the manifest's kind where it helps.
  static func words(_ schemaKind: String, kind: String?) -> String {
    switch schemaKind {
    case "top": return kind.map { "the \($0)'s top level" } ?? "an object's top level"
    case "workloadSpec": return kind.map { "the \($0)'s own spec" } ?? "a workload's spec"
    case "podSpec": return kind.map { $0 == "Pod" ? "the Pod's spec" : "the \($0)'s pod template spec" } ?? "a pod spec"
    case "template": return kind.map { "the \($0)'s pod template" } ?? "a pod template"
    case "jobTemplate": return "a CronJob's jobTemplate"
    case "metadata": return "metadata"
    case "selector": return "a selector"
    case "container": return "a container"
    case "port": return "a container port"
    case "env": return "an env entry"
    case "envFrom": return "an envFrom entry"
    case "mount": return "a volumeMount"
    case "resources": return "a container's resources"
    case "probe": return "a probe"
    case "handler": return "a probe or hook handler"
    case "lifecycle": return "a container's lifecycle"
    case "hook": return "a lifecycle hook"
    case "volume": return "a volume"
    case "hostPath": return "a hostPath volume"
    case "toleration": return "a toleration"
    case "named": return "an imagePullSecrets entry"
    case "hostAlias": return "a hostAliases entry"
    default: return schemaKind
    }
  }
}
