import Foundation

/// Turns one Pod object (`kubectl get pod -o json|yaml`), or a fragment of one (a `status:`
/// block, a bare `containerStatuses:` list), into a status fact.
enum PodObject {
  /// The annotation the synthetic generator puts on its snapshots: when the snapshot was taken.
  static let observedAtAnnotation = "podhist.test/observed-at"
  static let statusKeys = ["containerStatuses", "initContainerStatuses", "phase", "conditions"]

  /// Whether a kind-less mapping is a pod or part of one.
  static func looksLikePod(_ obj: StructuredObject) -> Bool {
    if statusKeys.contains(where: obj.has) { return true }
    if let status = obj.object("status"), statusKeys.contains(where: status.has) { return true }
    if let spec = obj.object("spec"), spec.array("containers") != nil { return true }
    return LegacyPodObject.isBeta12(obj) || LegacyPodObject.isContainerStatus(obj)
  }

  /// The parts of a pod: metadata, spec and status, from a Pod or a kind-less fragment.
  struct Parts {
    var metadata: StructuredObject
    var spec: StructuredObject
    var status: StructuredObject

    init(_ obj: StructuredObject) {
      metadata = obj.object("metadata") ?? StructuredObject()
      spec = obj.object("spec") ?? StructuredObject()
      if let s = obj.object("status") {
        status = s
      } else if obj.text("kind") == nil, statusKeys.contains(where: obj.has) {
        status = obj  // a fragment: the status members themselves
      } else {
        status = StructuredObject()
      }
    }
  }

  /// The instant the object shows the pod at, when the object says (the generator's annotation).
  static func annotatedObservation(_ obj: StructuredObject) -> Instant? {
    obj.object("metadata")?.object("annotations")?.instant(observedAtAnnotation)
  }

  /// The newest time in the object (deletionTimestamp, an instant in the future, left out).
  static func newestTimestamp(_ value: StructuredValue, key: String = "") -> Instant? {
    switch value {
    case let .object(o):
      return o.members.compactMap { m in m.key == "deletionTimestamp" ? nil : newestTimestamp(m.value, key: m.key) }.max()
    case let .array(a):
      return a.compactMap { newestTimestamp($0, key: key) }.max()
    case .string:
      guard key.hasSuffix("Timestamp") || key.hasSuffix("Time") || key.hasSuffix("At") else { return nil }
      return value.instant
    default:
      return nil
    }
  }

  /// The pod's identity: metadata, else the `pod=<name>_<ns>(<uid>)` text kubelet messages carry.
  static func ref(_ parts: Parts) -> ObjectRef {
    let md = parts.metadata
    if let name = md.text("name") {
      return ObjectRef(kind: "Pod", namespace: md.text("namespace") ?? ObjectRef.unknownNamespace, name: name, uid: md.text("uid"))
    }
    for list in ["containerStatuses", "initContainerStatuses"] {
      for cs in parts.status.objects(list) {
        for st in ["state", "lastState"] {
          if let msg = cs.object(st)?.object("waiting")?.text("message"), let r = refFromMessage(msg) { return r }
        }
      }
    }
    return ObjectRef(kind: "Pod", namespace: md.text("namespace") ?? ObjectRef.unknownNamespace, name: "unknown", uid: md.text("uid"))
  }

  /// Reads `pod=web-1_shop(5c0e2f11-...)` or `in pod web-1_shop(5c0e...)` from a message.
  static func refFromMessage(_ message: String) -> ObjectRef? {
    let text = message.replacingOccurrences(of: "\n", with: " ")
    for marker in ["pod=", "in pod "] {
      guard let r = text.range(of: marker) else { continue }
      let rest = text[r.upperBound...]
      guard let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") else { continue }
      let nameNs = rest[..<open]
      guard let us = nameNs.lastIndex(of: "_"), !nameNs.contains(" ") else { continue }
      let name = String(nameNs[..<us]), ns = String(nameNs[nameNs.index(after: us)...])
      let uid = String(rest[rest.index(after: open)..<close])
      guard !name.isEmpty, !ns.isEmpty else { continue }
      return ObjectRef(kind: "Pod", namespace: ns, name: name, uid: uid.isEmpty ? nil : uid)
    }
    return nil
  }

  /// The snapshot the object shows.
  static func snapshot(_ parts: Parts) -> PodSnapshot {
    let md = parts.metadata, spec = parts.spec, status = parts.status
    var s = PodSnapshot(origin: .object)
    s.phase = status.text("phase")
    s.reason = status.text("reason")
    s.message = status.text("message").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }  // a YAML plain scalar's last line may keep a paste's trailing space
    s.node = spec.text("nodeName")
    s.hostIP = status.text("hostIP")
    s.podIP = status.text("podIP")
    s.nominatedNode = status.text("nominatedNodeName")
    s.startTime = status.instant("startTime")
    s.creationTime = md.instant("creationTimestamp")
    s.deletionTime = md.instant("deletionTimestamp")
    s.deletionGracePeriodSeconds = md.int("deletionGracePeriodSeconds", in: InputBounds.seconds)
    s.finalizers = strings(md["finalizers"]?.array)
    if s.finalizers != nil, let l = md.line("finalizers") { s.fieldLines["finalizers"] = l }
    s.conditions = status.objects("conditions").compactMap { c in
      guard let type = c.text("type") else { return nil }
      return PodCondition(type: type, status: c.text("status") ?? "Unknown", reason: c.text("reason"),
                          message: c.text("message"), lastTransition: c.instant("lastTransitionTime"))
    }
    for (key, field) in [("phase", "status"), ("reason", "reason"), ("message", "message"),
                         ("startTime", "startTime"), ("conditions", "conditions")] {
      if let l = status.line(key) { s.fieldLines[field] = l }
    }
    if let l = spec.line("nodeName") { s.fieldLines["node"] = l }
    s.spec = podSpec(md, spec, status)
    s.containers = containers(spec, status)
    if s.containers.isEmpty, let name = evictedContainer(s.message) {
      // An evicted pod often has no container statuses; its message names the container.
      s.containers = [ContainerSnapshot(name: name)]
    }
    return s
  }

  /// `Container hush-house-worker was using 73712Ki, ...` in an eviction message.
  static func evictedContainer(_ message: String?) -> String? {
    guard let message, let r = message.range(of: "Container ") else { return nil }
    let rest = message[r.upperBound...]
    guard let sp = rest.firstIndex(of: " "), rest[sp...].hasPrefix(" was using") else { return nil }
    let name = String(rest[..<sp])
    return name.isEmpty ? nil : name
  }

  // MARK: containers

  static func containers(_ spec: StructuredObject, _ status: StructuredObject) -> [ContainerSnapshot] {
    var out: [ContainerSnapshot] = []
    let groups: [(specKey: String, statusKey: String, kind: ContainerKind)] = [
      ("initContainers", "initContainerStatuses", .`init`),
      ("containers", "containerStatuses", .regular),
      ("ephemeralContainers", "ephemeralContainerStatuses", .ephemeral),
    ]
    for g in groups {
      let specs = spec.objects(g.specKey)
      var statuses: [String: StructuredObject] = [:]
      var statusOrder: [String] = []
      // A status whose name the paste elided: `unknown`, and `unknown-init` for an init
      // container's, so the two do not read as one container.
      let unnamed = g.kind == .`init` ? "unknown-init" : "unknown"
      // A list whose `- name: x` line a paste elided (`containerStatuses:`, `...`, then the
      // status's `state:` indented under it) reads as a mapping: it is that one status.
      var listed = status.objects(g.statusKey)
      if listed.isEmpty, let one = status.object(g.statusKey),
         ["state", "lastState", "ready", "restartCount", "image", "containerID"].contains(where: one.has) {
        listed = [one]
      }
      for cs in listed {
        let name = cs.text("name") ?? unnamed
        if statuses[name] == nil { statusOrder.append(name) }
        statuses[name] = cs
      }
      var seen = Set<String>()
      for cspec in specs {
        let name = cspec.text("name") ?? unnamed
        seen.insert(name)
        var kind = g.kind
        if kind == .`init`, cspec.text("restartPolicy") == "Always" { kind = .sidecar }
        var c = ContainerSnapshot(name: name, kind: kind)
        applySpec(cspec, to: &c)
        if let cs = statuses[name] { applyStatus(cs, to: &c) }
        out.append(c)
      }
      for name in statusOrder where !seen.contains(name) {
        guard let cs = statuses[name] else { continue }
        var c = ContainerSnapshot(name: name, kind: g.kind)
        applyStatus(cs, to: &c)
        out.append(c)
      }
    }
    return out
  }

  static func applyStatus(_ cs: StructuredObject, to c: inout ContainerSnapshot) {
    c.image = cs.text("image") ?? c.image
    c.imageID = cs.text("imageID")
    c.containerID = cs.text("containerID")
    c.state = state(cs.object("state"))
    c.lastState = state(cs.object("lastState"))
    c.ready = cs.bool("ready")
    c.started = cs.bool("started")
    c.restartCount = cs.int("restartCount", in: InputBounds.restartCount)
    for key in ["state", "lastState", "ready", "restartCount", "image"] {
      if let l = cs.line(key) { c.fieldLines[key] = l }
    }
  }

  static func state(_ obj: StructuredObject?) -> ContainerState? {
    guard let obj else { return nil }
    // `termination` is the v1beta1–v1beta3 name of `terminated`.
    for (key, kind) in [("terminated", ContainerState.Kind.terminated), ("termination", .terminated),
                        ("running", .running), ("waiting", .waiting)] {
      guard let st = obj.object(key) else { continue }
      return ContainerState(kind: kind, reason: st.text("reason"), message: st.text("message"),
                            exitCode: st.int("exitCode", in: InputBounds.exitCode), signal: st.int("signal", in: InputBounds.exitCode),
                            startedAt: st.instant("startedAt"), finishedAt: st.instant("finishedAt"),
                            containerID: st.text("containerID"))
    }
    return nil
  }

  static func applySpec(_ cs: StructuredObject, to c: inout ContainerSnapshot) {
    var f = ContainerSpecFacts()
    c.image = cs.text("image")
    let ports = cs.objects("ports").compactMap { p -> ContainerPort? in
      guard let n = p.int("containerPort") else { return nil }
      return ContainerPort(containerPort: n, protocol: p.text("protocol"), name: p.text("name"), hostPort: p.int("hostPort"))
    }
    f.ports = ports.isEmpty ? nil : ports
    f.liveness = probe(cs.object("livenessProbe"))
    f.readiness = probe(cs.object("readinessProbe"))
    f.startup = probe(cs.object("startupProbe"))
    let resources = cs.object("resources")
    f.requests = resources?.stringMap("requests")
    f.limits = resources?.stringMap("limits")
    f.command = strings(cs.array("command"))
    f.args = strings(cs.array("args"))
    var configMaps: [String] = [], secrets: [String] = []
    for env in cs.objects("env") {
      guard let from = env.object("valueFrom") else { continue }
      if let n = from.object("configMapKeyRef")?.text("name") { configMaps.append(n) }
      if let n = from.object("secretKeyRef")?.text("name") { secrets.append(n) }
    }
    for env in cs.objects("envFrom") {
      if let n = env.object("configMapRef")?.text("name") { configMaps.append(n) }
      if let n = env.object("secretRef")?.text("name") { secrets.append(n) }
    }
    f.configMapRefs = uniqueSorted(configMaps)
    f.secretRefs = uniqueSorted(secrets)
    let mounts = cs.objects("volumeMounts").compactMap { m -> String? in
      guard let path = m.text("mountPath"), let name = m.text("name") else { return nil }
      var flags = m.bool("readOnly") == true ? "ro" : "rw"
      if let sub = m.text("subPath") { flags += ",path=\"\(sub)\"" }
      return "\(path) from \(name) (\(flags))"
    }
    f.mounts = mounts.isEmpty ? nil : mounts
    f.restartPolicy = cs.text("restartPolicy")
    f.imagePullPolicy = cs.text("imagePullPolicy")
    f.postStart = handler(cs.object("lifecycle")?.object("postStart"))
    f.preStop = handler(cs.object("lifecycle")?.object("preStop"))
    c.spec = f
    for (key, field) in [("ports", "ports"), ("livenessProbe", "liveness"), ("readinessProbe", "readiness"),
                         ("startupProbe", "startup"), ("image", "image")] {
      if let l = cs.line(key) { c.fieldLines[field] = l }
    }
    if let resources {
      for key in ["limits", "requests"] { if let l = resources.line(key) { c.fieldLines[key] = l } }
    }
  }

  /// A probe with Kubernetes defaults where the object omits a parameter.
  static func probe(_ p: StructuredObject?) -> Probe? {
    guard let p else { return nil }
    var probe: Probe
    if let h = p.object("httpGet") {
      probe = Probe(type: "http-get", scheme: h.text("scheme") ?? "HTTP", host: h.text("host"),
                    port: h.text("port"), path: h.text("path"))
    } else if let t = p.object("tcpSocket") {
      probe = Probe(type: "tcp-socket", host: t.text("host"), port: t.text("port"))
    } else if let e = p.object("exec") {
      probe = Probe(type: "exec", command: strings(e.array("command")))
    } else if let g = p.object("grpc") {
      probe = Probe(type: "grpc", port: g.text("port"), path: g.text("service"))
    } else {
      probe = Probe(type: "unknown")
    }
    probe.initialDelaySeconds = p.int("initialDelaySeconds", in: InputBounds.seconds) ?? 0
    probe.timeoutSeconds = p.int("timeoutSeconds", in: InputBounds.seconds) ?? 1
    probe.periodSeconds = p.int("periodSeconds", in: InputBounds.seconds) ?? 10
    probe.successThreshold = p.int("successThreshold", in: InputBounds.int32) ?? 1
    probe.failureThreshold = p.int("failureThreshold", in: InputBounds.int32) ?? 3
    return probe
  }

  /// A lifecycle handler in a line: `exec [sh -c ...]`, `http-get http://:8080/stop`, `sleep 5s`.
  static func handler(_ h: StructuredObject?) -> String? {
    guard let h else { return nil }
    if let e = h.object("exec") { return "exec [" + (strings(e.array("command")) ?? []).joined(separator: " ") + "]" }
    if let g = h.object("httpGet") {
      let scheme = (g.text("scheme") ?? "HTTP").lowercased()
      return "http-get \(scheme)://\(g.text("host") ?? ""):\(g.text("port") ?? "")\(g.text("path") ?? "")"
    }
    if let t = h.object("tcpSocket") { return "tcp-socket \(t.text("host") ?? ""):\(t.text("port") ?? "")" }
    if let s = h.object("sleep") { return "sleep \(s.text("seconds") ?? "0")s" }
    return nil
  }

  // MARK: pod spec

  static func podSpec(_ md: StructuredObject, _ spec: StructuredObject, _ status: StructuredObject) -> PodSpecFacts {
    var f = PodSpecFacts()
    f.restartPolicy = spec.text("restartPolicy")
    f.nodeSelector = spec.stringMap("nodeSelector")
    let tolerations = spec.objects("tolerations").map(toleration)
    f.tolerations = tolerations.isEmpty ? nil : tolerations
    f.labels = md.stringMap("labels")
    let owners = md.objects("ownerReferences")
    if let o = owners.first(where: { $0.bool("controller") == true }) ?? (owners.count == 1 ? owners.first : nil),
       let kind = o.text("kind"), let name = o.text("name") {
      f.owner = "\(kind)/\(name)"
    }
    let volumes = spec.objects("volumes").compactMap(volume)
    f.volumes = volumes.isEmpty ? nil : volumes
    f.priority = spec.int("priority", in: InputBounds.int32)
    f.priorityClassName = spec.text("priorityClassName")
    f.qosClass = status.text("qosClass")
    f.serviceAccount = spec.text("serviceAccountName") ?? spec.text("serviceAccount")
    f.activeDeadlineSeconds = spec.int("activeDeadlineSeconds", in: InputBounds.seconds)
    f.terminationGracePeriodSeconds = spec.int("terminationGracePeriodSeconds", in: InputBounds.seconds)
    f.schedulerName = spec.text("schedulerName")
    f.nodeAffinity = nodeAffinity(spec.object("affinity")?.object("nodeAffinity"))
    f.requiredNodeAffinity = requiredNodeAffinity(spec.object("affinity")?.object("nodeAffinity"))
    return f
  }

  /// The required node selector terms, each requirement as written; nil when there are none.
  static func requiredNodeAffinity(_ a: StructuredObject?) -> [NodeSelectorTerm]? {
    let terms = a?.object("requiredDuringSchedulingIgnoredDuringExecution")?.objects("nodeSelectorTerms") ?? []
    func requirements(_ list: [StructuredObject]) -> [NodeSelectorRequirement] {
      list.compactMap { e in
        guard let key = e.text("key"), let op = e.text("operator") else { return nil }
        return NodeSelectorRequirement(key: key, operator: op, values: strings(e.array("values")) ?? [])
      }
    }
    let out = terms.map { NodeSelectorTerm(matchExpressions: requirements($0.objects("matchExpressions")),
                                           matchFields: requirements($0.objects("matchFields"))) }
    return out.isEmpty ? nil : out
  }

  /// A toleration as `kubectl describe` prints it: `key=value:Effect op=Exists for 300s`.
  static func toleration(_ t: StructuredObject) -> String {
    var s = t.text("key") ?? ""
    let value = t.text("value")
    if let value { s += "=" + value }
    if let effect = t.text("effect") { s += ":" + effect }
    if t.text("operator") == "Exists", value == nil {
      s += s.isEmpty ? "op=Exists" : " op=Exists"
    }
    if let secs = t.int("tolerationSeconds") { s += " for \(secs)s" }
    return s
  }

  static func volume(_ v: StructuredObject) -> VolumeRef? {
    guard let name = v.text("name") else { return nil }
    if let o = v.object("configMap") {
      return VolumeRef(name: name, type: "configMap", source: o.text("name"), optional: o.bool("optional"))
    }
    if let o = v.object("secret") {
      return VolumeRef(name: name, type: "secret", source: o.text("secretName"), optional: o.bool("optional"))
    }
    if let o = v.object("persistentVolumeClaim") {
      return VolumeRef(name: name, type: "persistentVolumeClaim", source: o.text("claimName"))
    }
    if let o = v.object("emptyDir") {
      return VolumeRef(name: name, type: "emptyDir", source: o.text("medium"))
    }
    if let o = v.object("hostPath") { return VolumeRef(name: name, type: "hostPath", source: o.text("path")) }
    if let o = v.object("nfs") {
      return VolumeRef(name: name, type: "nfs", source: "\(o.text("server") ?? ""):\(o.text("path") ?? "")")
    }
    if let o = v.object("projected") {
      let names = o.objects("sources").flatMap { src -> [String] in
        src.sortedKeys.map { key in
          let inner = src.object(key)
          if let n = inner?.text("name") { return "\(key):\(n)" }
          return key
        }
      }
      return VolumeRef(name: name, type: "projected", source: names.isEmpty ? nil : names.joined(separator: ", "))
    }
    if let key = v.sortedKeys.first(where: { $0 != "name" }) {
      let inner = v.object(key)
      return VolumeRef(name: name, type: key, source: inner?.text("name") ?? inner?.text("claimName") ?? inner?.text("path"))
    }
    return VolumeRef(name: name, type: "unknown")
  }

  /// Node affinity in a line: `required: (k In [a, b] and k2 Exists) or (...); preferred 1: (...)`.
  static func nodeAffinity(_ a: StructuredObject?) -> String? {
    guard let a else { return nil }
    func term(_ t: StructuredObject) -> String {
      let exprs = (t.objects("matchExpressions") + t.objects("matchFields")).map { e -> String in
        let op = e.text("operator") ?? "?"
        let values = strings(e.array("values")) ?? []
        return values.isEmpty ? "\(e.text("key") ?? "?") \(op)" : "\(e.text("key") ?? "?") \(op) [\(values.joined(separator: ", "))]"
      }
      return "(" + exprs.joined(separator: " and ") + ")"
    }
    var parts: [String] = []
    let required = a.object("requiredDuringSchedulingIgnoredDuringExecution")?.objects("nodeSelectorTerms") ?? []
    if !required.isEmpty { parts.append("required: " + required.map(term).joined(separator: " or ")) }
    for p in a.objects("preferredDuringSchedulingIgnoredDuringExecution") {
      guard let pref = p.object("preference") else { continue }
      parts.append("preferred \(p.int("weight") ?? 0): " + term(pref))
    }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }

  static func strings(_ a: [StructuredValue]?) -> [String]? {
    guard let a else { return nil }
    let s = a.compactMap { v -> String? in if case let .string(t) = v { return t }; return v.text }
    return s.isEmpty ? nil : s
  }

  static func uniqueSorted(_ a: [String]) -> [String]? {
    a.isEmpty ? nil : Array(Set(a)).sorted()
  }
}
