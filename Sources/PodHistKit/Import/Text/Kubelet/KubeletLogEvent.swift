import Foundation

/// What one kubelet log line says happened to a pod, in the words of the Event the kubelet
/// records for the same thing (`KubeletLogMessage` reads it from the line).
struct KubeletLogEvent: Sendable, Hashable {
  /// The pod as the line names it: `ns/name`, `name_ns(uid)`, or only its UID.
  var pod: KubeletPodRef
  /// The Event reason the kubelet records for it (`BackOff`, `FailedMount`, `Unhealthy`…).
  var reason: String
  /// `Normal` or `Warning`.
  var type: String
  /// The Event's message, as the kubelet words the Event.
  var message: String
  /// The container the line is about, when it names one.
  var container: String?
}

/// A pod as a kubelet log line names it; any part may be missing.
struct KubeletPodRef: Sendable, Hashable {
  /// The namespace, when printed.
  var namespace: String?
  /// The name, when printed.
  var name: String?
  /// metadata.uid, when printed.
  var uid: String?

  /// Whether the line names the pod at all.
  var isEmpty: Bool { name == nil && uid == nil }

  /// `default/web-1` (klog.KObj): namespace and name.
  static func kobj(_ s: String?) -> KubeletPodRef? {
    guard let s, !s.isEmpty else { return nil }
    if let slash = s.firstIndex(of: "/") {
      let ns = String(s[..<slash]), name = String(s[s.index(after: slash)...])
      guard isName(ns), isName(name) else { return nil }
      return KubeletPodRef(namespace: ns, name: name)
    }
    return isName(s) ? KubeletPodRef(name: s) : nil
  }

  /// The first `name_ns(uid)` in `s` (the kubelet's `format.Pod`): name, namespace and uid.
  static func formatted(in s: some StringProtocol) -> KubeletPodRef? {
    let text = String(s)
    guard let m = text.firstMatch(of: /([a-z0-9][a-z0-9.-]*)_([a-z0-9][a-z0-9-]*)\(([0-9a-f-]{8,36})\)/)
    else { return nil }
    return KubeletPodRef(namespace: String(m.2), name: String(m.1), uid: String(m.3))
  }

  /// `pod "web-1" (UID: "uid")` of a volume operation's error (escaped or not): the name, unless
  /// the kubelet printed the UID in its place (an unmount, after the pod is gone).
  static func volumePod(in s: String) -> KubeletPodRef? {
    let t = s.replacingOccurrences(of: "\\\"", with: "\"")
    if let m = t.firstMatch(of: /pod "([^"\s]+)" \(UID: "([^"\s]+)"\)/) {
      let name = String(m.1), uid = String(m.2)
      return KubeletPodRef(name: name == uid || !isName(name) ? nil : name, uid: uid)
    }
    if let m = t.firstMatch(of: /podName:([0-9a-f-]{8,36})\b/) {
      return KubeletPodRef(uid: String(m.1))
    }
    return nil
  }

  static func isName(_ s: some StringProtocol) -> Bool {
    !s.isEmpty && s.count <= 253 && s.allSatisfy { ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" || $0 == "." }
  }
}
