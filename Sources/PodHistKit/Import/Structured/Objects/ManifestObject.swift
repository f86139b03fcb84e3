import Foundation

/// Reads what a manifest declares of a pod: a Pod manifest (a spec with no status and no
/// server-set metadata), or the pod template of a workload. The result is a declared fact, never a
/// status observation (docs/kubernetes-semantics.md: a manifest is what was asked for).
enum ManifestObject {
  /// Workload kinds whose pod template applies to the pods they own, and where the template is.
  static let templatePaths: [String: [String]] = [
    "Deployment": ["spec", "template"], "ReplicaSet": ["spec", "template"], "StatefulSet": ["spec", "template"],
    "DaemonSet": ["spec", "template"], "Job": ["spec", "template"], "ReplicationController": ["spec", "template"],
    "CronJob": ["spec", "jobTemplate", "spec", "template"],
  ]

  /// Whether a Pod object is a manifest: no status, and none of the fields the API server sets
  /// (creationTimestamp, uid, resourceVersion, nodeName).
  static func isPodManifest(_ obj: StructuredObject) -> Bool {
    guard obj.object("status").map({ $0.members.isEmpty }) ?? true else { return false }
    if PodObject.statusKeys.contains(where: obj.has) { return false }
    let md = obj.object("metadata") ?? StructuredObject()
    if ["creationTimestamp", "uid", "resourceVersion", "selfLink"].contains(where: md.has) { return false }
    if obj.object("spec")?.has("nodeName") == true { return false }
    return obj.object("spec")?.array("containers") != nil || obj.object("spec")?.array("initContainers") != nil
  }

  /// Whether `kind` is a workload whose pod template podhist reads.
  static func isWorkload(_ kind: String?) -> Bool { kind.map { templatePaths[$0] != nil } ?? false }

  /// The object a declaration is filed under, and what it declares; nil when the object has no
  /// pod template (a workload manifest cut before its template).
  static func declaration(_ obj: StructuredObject) -> (ref: ObjectRef, declaration: PodDeclaration)? {
    let kind = obj.text("kind") ?? "Pod"
    let md = obj.object("metadata") ?? StructuredObject()
    var template = obj
    if let path = templatePaths[kind] {
      for key in path {
        guard let next = template.object(key) else { return nil }
        template = next
      }
    }
    let tmd = template.object("metadata") ?? StructuredObject()
    let spec = template.object("spec") ?? StructuredObject()
    var d = PodDeclaration(declaredBy: kind)
    d.spec = PodObject.podSpec(tmd, spec, StructuredObject())
    if kind != "Pod" {
      let wspec = obj.object("spec") ?? StructuredObject()
      // `matchLabels` (apps/v1), else the bare map of a ReplicationController's selector.
      d.selector = wspec.object("selector").flatMap { sel in
        sel.stringMap("matchLabels") ?? StructuredObject(members: sel.members.filter { $0.value.text != nil }).asStringMap
      }
      d.replicas = wspec.int("replicas", in: InputBounds.int32)
      if d.spec.labels == nil { d.spec.labels = d.selector }
    }
    d.containers = PodObject.containers(spec, StructuredObject()).map { c in
      var dc = DeclaredContainer(name: c.name, kind: c.kind, image: c.image, spec: c.spec)
      let lists = c.kind == .regular ? ["containers"] : c.kind == .ephemeral ? ["ephemeralContainers"] : ["initContainers"]
      let raw = lists.flatMap { spec.objects($0) }.first { $0.text("name") == c.name }
      dc.securityContext = securityContext(raw?.object("securityContext"))
      return dc
    }
    d.securityContext = securityContext(spec.object("securityContext"))
    d.hostNetwork = spec.bool("hostNetwork")
    let ref = ObjectRef(kind: kind, namespace: md.text("namespace") ?? "default", name: md.text("name") ?? "unknown")
    return (ref, d)
  }

  /// A securityContext as sorted `key=value` pairs (nested objects flattened with dots).
  static func securityContext(_ obj: StructuredObject?) -> String? {
    guard let obj, !obj.members.isEmpty else { return nil }
    var pairs: [String] = []
    func walk(_ o: StructuredObject, _ prefix: String) {
      for m in o.members {
        let key = prefix + m.key
        switch m.value {
        case let .object(inner): walk(inner, key + ".")
        case let .array(items): pairs.append("\(key)=[\(items.compactMap(\.text).joined(separator: ","))]")
        default: if let t = m.value.text { pairs.append("\(key)=\(t)") }
        }
      }
    }
    walk(obj, "")
    return pairs.isEmpty ? nil : pairs.sorted().joined(separator: ", ")
  }
}

extension StructuredObject {
  /// The scalar members as a string map; nil when there are none.
  var asStringMap: [String: String]? {
    var m: [String: String] = [:]
    for member in members { if let t = member.value.text { m[member.key] = t } }
    return m.isEmpty ? nil : m
  }
}
