import Foundation

/// `status POD` and `why POD` for a pod known only from manifests: what it declares, said to be a
/// declaration, not an observation (no phase, no age).
public enum DeclarationRender {
  /// The text: a sentence saying no observation is known, then each manifest's declaration.
  public static func text(_ pod: ObjectRef, _ declared: [Fact], sources: SourceNames = .asImported) -> String {
    var out = "\(ObjectRef.shown(namespace: pod.namespace, name: pod.name)) is known only from a manifest: nothing observed it (no describe, Pod object, get-pods row or Event), so it has no status. It declares:\n"
    for f in declared {
      guard let d = f.declaration else { continue }
      out += "\n\(d.declaredBy) manifest (\(sources(f.provenance.source)):\(f.provenance.firstLine)):\n"
      out += body(d)
    }
    return out
  }

  /// The declaration's fields, one per line, indented.
  static func body(_ d: PodDeclaration) -> String {
    var out = ""
    func line(_ k: String, _ v: String?) { if let v { out += "  \(k):\(String(repeating: " ", count: max(1, 24 - k.count)))\(v)\n" } }
    func map(_ m: [String: String]?) -> String? { m.map { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") } }
    line("Restart Policy", d.spec.restartPolicy)
    line("Node-Selectors", map(d.spec.nodeSelector))
    line("Node Affinity", d.spec.nodeAffinity)
    line("Tolerations", d.spec.tolerations?.joined(separator: ", "))
    line("Active Deadline Seconds", d.spec.activeDeadlineSeconds.map(String.init))
    line("Security Context", d.securityContext)
    line("Host Network", d.hostNetwork.map { $0 ? "true" : "false" })
    line("Volumes", d.spec.volumes?.map { "\($0.name) (\($0.type)\($0.source.map { " " + $0 } ?? ""))" }.joined(separator: ", "))
    for c in d.containers {
      out += "  \(c.kind == .regular ? "Container" : c.kind == .sidecar ? "Sidecar" : c.kind == .`init` ? "Init Container" : "Ephemeral Container") \(c.name):\n"
      func cl(_ k: String, _ v: String?) { if let v { out += "    \(k):\(String(repeating: " ", count: max(1, 14 - k.count)))\(v)\n" } }
      cl("Image", c.image)
      cl("Ports", c.spec.ports.map { $0.map { "\($0.containerPort)/\($0.protocol ?? "TCP")" + ($0.hostPort.map { " (host \($0))" } ?? "") }.joined(separator: ", ") })
      cl("Command", c.spec.command?.joined(separator: " "))
      cl("Args", c.spec.args?.joined(separator: " "))
      cl("Liveness", c.spec.liveness.map(StatusRender.probeText))
      cl("Readiness", c.spec.readiness.map(StatusRender.probeText))
      cl("Startup", c.spec.startup.map(StatusRender.probeText))
      cl("Requests", map(c.spec.requests))
      cl("Limits", map(c.spec.limits))
      cl("PostStart", c.spec.postStart)
      cl("PreStop", c.spec.preStop)
      cl("Mounts", c.spec.mounts?.joined(separator: ", "))
      cl("Security", c.securityContext)
    }
    return out
  }

  /// The `Declaration` document: the pod, `observed: false`, and each declared fact.
  public static func json(_ pod: ObjectRef, _ declared: [Fact]) -> JSONValue {
    .object([
      ("apiVersion", .string("podhist/v1")), ("kind", .string("Declaration")),
      ("namespace", .string(pod.namespace)), ("name", .string(pod.name)), ("observed", .bool(false)),
      ("declared", .array(declared.compactMap { f in f.declaration.map { item($0, f) } })),
    ])
  }

  /// One declared fact as JSON: where it came from and what it declares.
  public static func item(_ d: PodDeclaration, _ f: Fact) -> JSONValue {
    func map(_ m: [String: String]?) -> JSONValue {
      m.map { .object($0.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }) } ?? .null
    }
    func probe(_ p: Probe?) -> JSONValue { .str(p.map(StatusRender.probeText)) }
    return .object([
      ("declaredBy", .string(d.declaredBy)), ("manifest", .string(f.object.name)),
      ("source", .object([("name", .string(f.provenance.source)), ("line", .int(f.provenance.firstLine)),
                          ("lastLine", .int(f.provenance.lastLine))])),
      ("selector", map(d.selector)), ("replicas", .num(d.replicas)),
      ("restartPolicy", .str(d.spec.restartPolicy)), ("nodeSelector", map(d.spec.nodeSelector)),
      ("nodeAffinity", .str(d.spec.nodeAffinity)),
      ("tolerations", d.spec.tolerations.map { .array($0.map { .string($0) }) } ?? .null),
      ("activeDeadlineSeconds", .num(d.spec.activeDeadlineSeconds)),
      ("securityContext", .str(d.securityContext)), ("hostNetwork", d.hostNetwork.map { .bool($0) } ?? .null),
      ("volumes", .array((d.spec.volumes ?? []).map { v in
        .object([("name", .string(v.name)), ("type", .string(v.type)), ("source", .str(v.source))]) })),
      ("containers", .array(d.containers.map { c in
        .object([("name", .string(c.name)), ("kind", .string(c.kind.rawValue)), ("image", .str(c.image)),
                 ("ports", .array((c.spec.ports ?? []).map { p in
                   .object([("containerPort", .int(p.containerPort)), ("protocol", .str(p.protocol)),
                            ("name", .str(p.name)), ("hostPort", .num(p.hostPort))]) })),
                 ("liveness", probe(c.spec.liveness)), ("readiness", probe(c.spec.readiness)),
                 ("startup", probe(c.spec.startup)), ("requests", map(c.spec.requests)), ("limits", map(c.spec.limits)),
                 ("command", c.spec.command.map { .array($0.map { .string($0) }) } ?? .null),
                 ("postStart", .str(c.spec.postStart)), ("preStop", .str(c.spec.preStop)),
                 ("securityContext", .str(c.securityContext))])
      })),
    ])
  }
}
