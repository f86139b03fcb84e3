import Foundation

/// What an Event's message says about its object when the table does not: the container
/// (`Started container web`), the pod's namespace (`Successfully assigned shop/web-0 to node-1`,
/// `pod=web-0_shop(uid)`).
enum EventsTableMessages {
  /// The container a kubelet message names, or nil.
  static func container(in message: String) -> String? {
    let m = message
    func word(after prefix: String) -> String? {
      guard let r = m.range(of: prefix) else { return nil }
      let rest = m[r.upperBound...]
      let w = rest.prefix(while: { $0 != " " && $0 != "," && $0 != ";" && $0 != "\t" })
      let trimmed = w.trimmingCharacters(in: CharacterSet(charactersIn: "\"'.:,;()"))
      guard !trimmed.isEmpty, trimmed != "with", trimmed != "image" else { return nil }
      return trimmed
    }
    if m.hasPrefix("Container ") {
      let words = m.split(separator: " ", maxSplits: 3)
      if words.count >= 3, ["failed", "definition", "is"].contains(words[2]) {
        return String(words[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
      }
    }
    if let r = m.range(of: "failed to \"StartContainer\" for \"") {
      let rest = m[r.upperBound...]
      if let q = rest.firstIndex(of: "\"") { return String(rest[..<q]) }
    }
    if let r = m.range(of: "restarting failed container=") {
      let w = m[r.upperBound...].prefix(while: { $0 != " " })
      if !w.isEmpty { return String(w) }
    }
    if let r = m.range(of: "Killing container with id ") {
      let rest = m[r.upperBound...]
      if let scheme = rest.range(of: "://") {
        let w = rest[scheme.upperBound...].prefix(while: { $0 != ":" && $0 != " " })
        if !w.isEmpty { return String(w) }
      }
    }
    for prefix in ["Back-off restarting failed container ", "Created container: ", "Created container ",
                   "Started container: ", "Started container ", "Stopping container ", "Error: failed to start container "] {
      if let w = word(after: prefix) { return w }
    }
    return nil
  }

  /// `Successfully assigned shop/web-0 to node-1` → ("shop", "web-0");
  /// `Successfully assigned web-0 to node-1` (before 1.12) → (nil, "web-0").
  static func assigned(in message: String) -> (namespace: String?, pod: String)? {
    guard let r = message.range(of: "Successfully assigned ") else { return nil }
    let target = message[r.upperBound...].prefix(while: { $0 != " " })
    guard !target.isEmpty else { return nil }
    let parts = target.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty { return (String(parts[0]), String(parts[1])) }
    if parts.count == 1 { return (nil, String(target)) }
    return nil
  }

  /// `... pod=web-0_shop(5c0e2f11-...)` or `... in pod web-0_shop(5c0e...)` → ("web-0", "shop");
  /// the scheduler's log line `Error scheduling shop web-0: ...` (factory.go, ≤1.6) → ("web-0", "shop").
  static func podReference(in message: String) -> (pod: String, namespace: String)? {
    if let r = message.range(of: "Error scheduling ") {
      let words = message[r.upperBound...].split(separator: " ", maxSplits: 2)
      if words.count >= 2, words[1].hasSuffix(":"), !words[0].contains(":") {
        let pod = words[1].dropLast()
        if !pod.isEmpty, !pod.contains("/") { return (String(pod), String(words[0])) }
      }
    }
    for prefix in ["pod=", "in pod "] {
      var search = message.startIndex..<message.endIndex
      while let r = message.range(of: prefix, range: search) {
        let token = message[r.upperBound...].prefix(while: { $0 != "(" && $0 != " " && $0 != "\"" })
        let afterToken = message[r.upperBound...].dropFirst(token.count)
        if afterToken.hasPrefix("("), let underscore = token.lastIndex(of: "_") {
          let pod = token[..<underscore]
          let ns = token[token.index(after: underscore)...]
          if !pod.isEmpty, !ns.isEmpty { return (String(pod), String(ns)) }
        }
        search = r.upperBound..<message.endIndex
      }
    }
    return nil
  }

  /// The pod a message names in any of the forms components write, for rows that print no
  /// object: `pod=web-0_shop(uid)`, `for pod "web-0_shop(uid)"`, `pod "shop"/"web-0"`,
  /// `network for pod "web-0"`, `pods "web-0" is forbidden`, `pod (web-0) failed to fit`,
  /// `Pod web-0 failed fitness predicates`, `Marking for deletion Pod shop/web-0`.
  static func mentionedPod(in text: String) -> (pod: String, namespace: String?)? {
    // A web console's copy doubles some blanks (`pod  "router-2-snkr4_(uid)"`).
    // Only those blanks are undone (messages of whole tables pass here: no regex on every one).
    let message = text.contains("od  ") ? text.replacingOccurrences(of: "od  \"", with: "od \"") : text
    if let p = podReference(in: message) { return (p.pod, p.namespace) }
    if let a = assigned(in: message) { return (a.pod, a.namespace) }
    func valid(_ s: Substring) -> Bool {
      !s.isEmpty && s.count <= 253 && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
        && s.first.map { $0.isLetter || $0.isNumber } == true
    }
    // Quoted: `pod "x_ns(uid)"`, `pod "x_ns"`, `pod "ns"/"x"`, `pods "x"`, `for pod "x"`.
    for prefix in ["pod \"", "pods \"", "Pod \"", "pod: \""] {
      var search = message.startIndex..<message.endIndex
      while let r = message.range(of: prefix, range: search) {
        search = r.upperBound..<message.endIndex
        let quoted = message[r.upperBound...].prefix { $0 != "\"" }
        let after = message[r.upperBound...].dropFirst(quoted.count + 1)
        if after.hasPrefix("/\"") {
          let name = after.dropFirst(2).prefix { $0 != "\"" }
          if valid(name), valid(quoted) { return (String(name), String(quoted)) }
        }
        let token = quoted.prefix { $0 != "(" }
        if let u = token.lastIndex(of: "_") {
          let name = token[..<u], ns = token[token.index(after: u)...]
          if valid(name), valid(ns) { return (String(name), String(ns)) }
          // `x_(uid)`: the namespace cut from the paste.
          if valid(name), ns.isEmpty { return (String(name), nil) }
        }
        if let slash = token.firstIndex(of: "/") {
          let ns = token[..<slash], name = token[token.index(after: slash)...]
          if valid(name), valid(ns) { return (String(name), String(ns)) }
        }
        if valid(token) { return (String(token), nil) }
      }
    }
    // `pod (x) failed to fit`, `Pod x failed fitness predicates`, `Marking for deletion Pod ns/x`.
    if let r = message.range(of: "pod ("), let close = message[r.upperBound...].firstIndex(of: ")") {
      let name = message[r.upperBound..<close]
      if valid(name) { return (String(name), nil) }
    }
    for prefix in ["Pod ", "pod "] {
      if let r = message.range(of: prefix) {
        let token = message[r.upperBound...].prefix { $0 != " " && $0 != "," && $0 != ":" }
        // The scheduler's words, not a pod: `didn't match pod affinity/anti-affinity`,
        // `pod anti-affinity rules`, `pod topology spread constraints`.
        if message[..<r.lowerBound].hasSuffix("match ") || token.contains("affinity") || token == "topology" { continue }
        let next = message[r.upperBound...].dropFirst(token.count).drop { $0 == " " }
        if let slash = token.firstIndex(of: "/") {
          let ns = token[..<slash], name = token[token.index(after: slash)...]
          if valid(ns), valid(name), !name.contains(".") { return (String(name), String(ns)) }
        } else if valid(token), token.contains("-") || next.hasPrefix("failed"), token != "sandbox", token.count >= 3 {
          return (String(token), nil)
        }
      }
    }
    return nil
  }

  /// The canonical Kind for `OBJECT`'s lower-case kind (`replicaset` → `ReplicaSet`).
  static func kind(_ text: some StringProtocol) -> String {
    let whole = String(text)
    let base = whole.split(separator: ".").first.map(String.init) ?? whole
    let known = ["Pod", "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Node", "Service",
                 "Endpoints", "EndpointSlice", "PersistentVolumeClaim", "PersistentVolume", "ConfigMap", "Secret",
                 "Namespace", "ReplicationController", "HorizontalPodAutoscaler", "Ingress", "PodDisruptionBudget",
                 "ServiceAccount", "Lease", "StorageClass", "VolumeAttachment", "DeploymentConfig", "BuildConfig",
                 "Build", "Route", "ImageStream"]
    if let k = known.first(where: { $0.lowercased() == base.lowercased() }) { return k }
    return base.prefix(1).uppercased() + base.dropFirst()
  }

  /// The time a legacy event name's hex suffix encodes (`web-1.18ab3c2f9e1d7a40`: UnixNano of
  /// the first occurrence), when plausible (2014–2100).
  static func nameTime(_ eventName: String) -> Instant? {
    guard let dot = eventName.lastIndex(of: ".") else { return nil }
    let hex = eventName[eventName.index(after: dot)...]
    guard hex.count >= 15, hex.count <= 16, let nanos = UInt64(hex, radix: 16) else { return nil }
    let micros = Int64(nanos / 1000)
    guard micros > 1_388_534_400_000_000, micros < 4_102_444_800_000_000 else { return nil }
    return Instant(micros: micros)
  }

  /// The object name inside a legacy event name (`web-1.18ab3c2f9e1d7a40` → `web-1`).
  static func objectName(fromEventName eventName: String) -> String? {
    guard nameTime(eventName) != nil || eventName.contains("."), let dot = eventName.lastIndex(of: ".") else { return nil }
    let base = eventName[..<dot]
    return base.isEmpty ? nil : String(base)
  }
}
