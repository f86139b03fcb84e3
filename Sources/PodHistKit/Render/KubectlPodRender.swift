import Foundation

/// A projected pod as a kubectl `v1` Pod object, with the fields podhist knows (absent ones left
/// out, as the API server leaves out empty fields): what `-o jsonpath=…`, `-o custom-columns=…`
/// and `--sort-by` evaluate, so that kubectl's own paths work (`.metadata.name`,
/// `.status.containerStatuses[0].restartCount`, `.spec.nodeName`). podhist's readings that a Pod
/// object has no field for (kubectl's STATUS and READY columns, RESTARTS summed, the deletion)
/// are under `podhist`.
public enum KubectlPodRender {
  /// The Pod object of `s`.
  public static func object(_ s: PodState) -> JSONValue {
    let time = { (t: Instant?) -> JSONValue? in t.map { .string(timeText($0, clock: s.clock)) } }
    var metadata: [(String, JSONValue)] = [("name", .string(s.object.name)), ("namespace", .string(s.object.namespace))]
    if let uid = s.object.uid { metadata.append(("uid", .string(uid))) }
    if let t = time(s.creationTime) { metadata.append(("creationTimestamp", t)) }
    if let t = time(s.deletionTime) { metadata.append(("deletionTimestamp", t)) }
    if let labels = s.spec.labels, !labels.isEmpty {
      metadata.append(("labels", .object(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
    }
    if let owner = s.spec.owner, let slash = owner.firstIndex(of: "/") {
      metadata.append(("ownerReferences", .array([.object([
        ("kind", .string(String(owner[..<slash]))), ("name", .string(String(owner[owner.index(after: slash)...]))),
        ("controller", .bool(true)),
      ])])))
    }
    var spec: [(String, JSONValue)] = []
    if let node = s.node { spec.append(("nodeName", .string(node))) }
    if let p = s.spec.restartPolicy { spec.append(("restartPolicy", .string(p))) }
    if let a = s.spec.serviceAccount { spec.append(("serviceAccountName", .string(a))) }
    if let n = s.spec.schedulerName { spec.append(("schedulerName", .string(n))) }
    let inits = s.containers.filter { $0.kind == .`init` || $0.kind == .sidecar }
    let regular = s.containers.filter { $0.kind == .regular }
    let specOf = { (c: ContainerStatus) -> JSONValue in
      .object([("name", .string(c.name))] + (c.image.map { [("image", JSONValue.string($0))] } ?? []))
    }
    if !inits.isEmpty { spec.append(("initContainers", .array(inits.map(specOf)))) }
    spec.append(("containers", .array(regular.map(specOf))))
    var status: [(String, JSONValue)] = []
    if let phase = s.phase { status.append(("phase", .string(phase.text))) }
    if let r = s.reason { status.append(("reason", .string(r))) }
    if let m = s.message { status.append(("message", .string(m))) }
    if let ip = s.podIP { status.append(("podIP", .string(ip))) }
    if let t = time(s.startTime) { status.append(("startTime", t)) }
    if !s.conditions.isEmpty {
      status.append(("conditions", .array(s.conditions.map { .object([("type", .string($0.type)), ("status", .string($0.status))]) })))
    }
    let statusOf = { (c: ContainerStatus) -> JSONValue in
      var pairs: [(String, JSONValue)] = [("name", .string(c.name))]
      if let image = c.image { pairs.append(("image", .string(image))) }
      pairs += [("ready", .bool(c.ready)), ("restartCount", .int(c.restarts.lowerBound))]
      if let st = c.state { pairs.append(("state", state(st, time: time))) }
      if let last = c.lastState { pairs.append(("lastState", state(last, time: time))) }
      return .object(pairs)
    }
    if !inits.isEmpty { status.append(("initContainerStatuses", .array(inits.map(statusOf)))) }
    status.append(("containerStatuses", .array(regular.map(statusOf))))
    var extra: [(String, JSONValue)] = [("status", .string(s.status)), ("ready", .string(s.ready)), ("restarts", .int(s.restarts.lowerBound)),
                                        ("at", .string(timeText(s.at, clock: s.clock)))]
    if let d = s.deletion { extra.append(("deleted", .string(timeText(d.at, clock: s.clock)))) }
    return .object([("apiVersion", .string("v1")), ("kind", .string("Pod")), ("metadata", .object(metadata)),
                    ("spec", .object(spec)), ("status", .object(status)), ("podhist", .object(extra))])
  }

  /// kubectl's `List` of several objects (what `-o jsonpath` sees for a listing).
  public static func list(_ items: [JSONValue]) -> JSONValue {
    .object([("apiVersion", .string("v1")), ("items", .array(items)), ("kind", .string("List")),
             ("metadata", .object([("resourceVersion", .string(""))]))])
  }

  /// `{"waiting": {"reason": …}}`, `{"running": {"startedAt": …}}` or `{"terminated": {…}}`.
  static func state(_ st: ContainerState, time: (Instant?) -> JSONValue?) -> JSONValue {
    var pairs: [(String, JSONValue)] = []
    if let code = st.exitCode { pairs.append(("exitCode", .int(code))) }
    if let r = st.reason { pairs.append(("reason", .string(r))) }
    if let m = st.message { pairs.append(("message", .string(m))) }
    if let t = time(st.startedAt) { pairs.append(("startedAt", t)) }
    if let t = time(st.finishedAt) { pairs.append(("finishedAt", t)) }
    return .object([(st.kind.rawValue, .object(pairs))])
  }
}
