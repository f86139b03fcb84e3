import Foundation

/// Reads pods of the 2014–2015 API versions, and container statuses pasted alone, into the v1
/// shape `PodObject` reads.
///
/// - v1beta1/v1beta2: `id` (the name), `namespace`, `creationTimestamp` and `labels` at the top;
///   `desiredState.manifest.containers` (the spec); `currentState` {`status` (Waiting, Running,
///   Terminated, later the v1 phases), `host`, `hostIP`, `podIP`, `message`, `info`: a map from
///   container name to its status, whose state says `termination` for terminated}.
/// - v1beta3 (early): `status.info`, the same map; `spec.host` the node.
/// - a container status alone (`lastState:` … `restartCount: 2`, or `"lastState": {…}`), or a
///   list of them: a pod status with those `containerStatuses`.
enum LegacyPodObject {
  /// Names the kubelet gave the infrastructure (network) container in `info` maps.
  static let infraContainers: Set<String> = ["net", "POD"]
  /// Keys only a container status has (a pod status has none of them at its top).
  static let containerStatusOnlyKeys = ["state", "lastState", "restartCount", "containerID", "imageID"]

  /// Whether the object is a v1beta1/v1beta2 pod.
  static func isBeta12(_ obj: StructuredObject) -> Bool {
    obj.object("currentState") != nil || obj.object("desiredState") != nil
  }

  /// Whether a kind-less mapping is one container's status (`state`, `lastState`, `restartCount`…).
  static func isContainerStatus(_ obj: StructuredObject) -> Bool {
    guard obj.text("kind") == nil, !PodObject.statusKeys.contains(where: obj.has),
          !obj.has("status"), !obj.has("spec"), !obj.has("metadata"),
          containerStatusOnlyKeys.contains(where: obj.has) else { return false }
    if let state = obj.object("state") ?? obj.object("lastState") {
      return state.isEmpty || ["waiting", "running", "terminated", "termination"].contains(where: state.has)
    }
    return obj.has("restartCount") || obj.has("containerID")
  }

  /// The object in the v1 shape; objects already in it are returned unchanged.
  static func modernised(_ obj: StructuredObject) -> StructuredObject {
    if isContainerStatus(obj) { return podStatus(containerStatuses: [.object(obj)], line: obj.members.first?.line ?? 0) }
    if isBeta12(obj) { return fromBeta12(obj) }
    if var status = obj.object("status"), !status.has("containerStatuses"), let info = status.object("info") {
      // v1beta3 before `containerStatuses`: the `info` map.
      status.append("containerStatuses", .array(statuses(fromInfo: info, spec: obj.object("spec"))),
                    line: status.line("info") ?? 0)
      var out = obj.removing(["status"])
      out.append("status", .object(status), line: obj.line("status") ?? 0)
      if var spec = obj.object("spec"), !spec.has("nodeName"), let host = spec.text("host") {
        spec.append("nodeName", .string(host), line: spec.line("host") ?? 0)
        out = out.removing(["spec"])
        out.append("spec", .object(spec), line: obj.line("spec") ?? 0)
      }
      return out
    }
    return obj
  }

  /// A pod status made of container statuses alone.
  static func podStatus(containerStatuses: [StructuredValue], line: Int) -> StructuredObject {
    var status = StructuredObject()
    status.append("containerStatuses", .array(containerStatuses), line: line)
    var out = StructuredObject()
    out.append("status", .object(status), line: line)
    return out
  }

  /// The `info` map as a `containerStatuses` list, infrastructure containers left out (unless
  /// the spec names them).
  static func statuses(fromInfo info: StructuredObject, spec: StructuredObject?) -> [StructuredValue] {
    let specNames = Set((spec?.objects("containers") ?? []).compactMap { $0.text("name") })
    var out: [StructuredValue] = []
    for m in info.members {
      guard var cs = m.value.object else { continue }
      if infraContainers.contains(m.key), !specNames.contains(m.key) { continue }
      if !cs.has("name") { cs.members.insert(.init(key: "name", value: .string(m.key), line: m.line), at: 0) }
      out.append(.object(cs))
    }
    return out
  }

  static func fromBeta12(_ obj: StructuredObject) -> StructuredObject {
    let current = obj.object("currentState") ?? StructuredObject()
    let desired = obj.object("desiredState") ?? StructuredObject()
    var metadata = obj.object("metadata") ?? StructuredObject()
    for (old, new) in [("id", "name"), ("namespace", "namespace"), ("uid", "uid"),
                       ("creationTimestamp", "creationTimestamp"), ("deletionTimestamp", "deletionTimestamp"),
                       ("labels", "labels"), ("annotations", "annotations")] {
      if !metadata.has(new), let v = obj[old], v.text != nil || v.object != nil {
        metadata.append(new, v, line: obj.line(old) ?? 0)
      }
    }
    var spec = StructuredObject()
    let manifest = desired.object("manifest") ?? current.object("manifest") ?? StructuredObject()
    if let containers = manifest["containers"], containers.array != nil {
      spec.append("containers", containers, line: manifest.line("containers") ?? 0)
    }
    if let policy = manifest.object("restartPolicy") {
      // `restartPolicy: {always: {}}` in v1beta1.
      let names = ["always": "Always", "onFailure": "OnFailure", "never": "Never"]
      if let key = policy.members.first?.key, let name = names[key] {
        spec.append("restartPolicy", .string(name), line: manifest.line("restartPolicy") ?? 0)
      }
    } else if let policy = manifest.text("restartPolicy") {
      spec.append("restartPolicy", .string(policy), line: manifest.line("restartPolicy") ?? 0)
    }
    if let host = current.text("host") ?? desired.text("host") {
      spec.append("nodeName", .string(host), line: current.line("host") ?? desired.line("host") ?? 0)
    }
    var status = StructuredObject()
    let infos = statuses(fromInfo: current.object("info") ?? StructuredObject(), spec: spec)
    if let phase = phase(current.text("status"), containers: infos) {
      status.append("phase", .string(phase), line: current.line("status") ?? 0)
    }
    for key in ["message", "hostIP", "podIP"] {
      if let v = current[key], v.text != nil { status.append(key, v, line: current.line(key) ?? 0) }
    }
    if !infos.isEmpty { status.append("containerStatuses", .array(infos), line: current.line("info") ?? 0) }
    var out = StructuredObject()
    out.append("kind", .string("Pod"), line: obj.line("kind") ?? 0)
    out.append("metadata", .object(metadata), line: obj.members.first?.line ?? 0)
    out.append("spec", .object(spec), line: obj.line("desiredState") ?? 0)
    out.append("status", .object(status), line: obj.line("currentState") ?? 0)
    return out
  }

  /// v1beta1's pod status as a v1 phase: `Waiting` → Pending, `Terminated` → Failed when a
  /// container exited non-zero, else Succeeded; the later v1 words pass through.
  static func phase(_ status: String?, containers: [StructuredValue]) -> String? {
    guard let status else { return nil }
    switch status {
    case "Waiting": return "Pending"
    case "Terminated":
      let failed = containers.contains { cs in
        let st = cs.object?.object("state")
        let t = st?.object("termination") ?? st?.object("terminated")
        return (t?.int("exitCode") ?? 0) != 0
      }
      return failed ? "Failed" : "Succeeded"
    case "Pending", "Running", "Succeeded", "Failed", "Unknown": return status
    default: return nil
    }
  }
}
