import Foundation

/// Rebuilds the nesting of a YAML manifest whose indentation a paste lost (every line at column 0,
/// seed 000) or got wrong (a key indented as its parent's sibling, seed 001): each key goes under
/// the nearest open object whose Kubernetes schema has that key (`containerPort` inside a
/// container's `ports` item, `image` inside a container). A `- ` item starts in the innermost open
/// list whose items accept every key up to the next item. Where two places fit equally (a lone
/// `- name: x`), the written indentation decides when it matches one of them; otherwise the
/// innermost is taken and the line is reported.
enum FlatYAML {
  /// What a key holds.
  enum Child { case scalar, map(String), seq(String), free }

  /// Object kinds by name → their keys. `free` maps (labels, nodeSelector) take any key that no
  /// enclosing object has.
  static let schema: [String: [String: Child]] = [
    "top": ["apiVersion": .scalar, "kind": .scalar, "metadata": .map("metadata"), "spec": .map("spec"), "status": .free],
    "metadata": ["name": .scalar, "namespace": .scalar, "generateName": .scalar, "labels": .free, "annotations": .free, "uid": .scalar],
    "spec": ["containers": .seq("container"), "initContainers": .seq("container"), "volumes": .seq("volume"),
             "restartPolicy": .scalar, "nodeSelector": .free, "tolerations": .seq("toleration"), "affinity": .free,
             "activeDeadlineSeconds": .scalar, "hostNetwork": .scalar, "hostPID": .scalar, "shareProcessNamespace": .scalar,
             "serviceAccountName": .scalar, "securityContext": .free, "terminationGracePeriodSeconds": .scalar,
             "dnsPolicy": .scalar, "nodeName": .scalar, "imagePullSecrets": .seq("named"), "priorityClassName": .scalar,
             "schedulerName": .scalar, "hostAliases": .seq("hostAlias"),
             // workloads
             "replicas": .scalar, "selector": .map("selector"), "template": .map("template"), "serviceName": .scalar,
             "jobTemplate": .map("jobTemplate"), "schedule": .scalar, "backoffLimit": .scalar, "completions": .scalar,
             "parallelism": .scalar, "strategy": .free],
    // A workload's own spec and a pod's spec, told apart once the manifest's kind is known (the
    // merged "spec" above serves while it is not).
    "podSpec": podSpecKeys,
    "workloadSpec": ["replicas": .scalar, "selector": .map("selector"), "template": .map("template"), "serviceName": .scalar,
                     "jobTemplate": .map("jobTemplate"), "schedule": .scalar, "backoffLimit": .scalar, "completions": .scalar,
                     "parallelism": .scalar, "strategy": .free, "updateStrategy": .free, "minReadySeconds": .scalar,
                     "revisionHistoryLimit": .scalar, "progressDeadlineSeconds": .scalar, "paused": .scalar,
                     "podManagementPolicy": .scalar, "volumeClaimTemplates": .free, "concurrencyPolicy": .scalar,
                     "successfulJobsHistoryLimit": .scalar, "failedJobsHistoryLimit": .scalar, "startingDeadlineSeconds": .scalar,
                     "suspend": .scalar, "ttlSecondsAfterFinished": .scalar, "activeDeadlineSeconds": .scalar,
                     "completionMode": .scalar, "manualSelector": .scalar],
    "template": ["metadata": .map("metadata"), "spec": .map("podSpec")],
    "jobTemplate": ["metadata": .map("metadata"), "spec": .map("workloadSpec")],
    "selector": ["matchLabels": .free],
    "container": ["name": .scalar, "image": .scalar, "command": .scalar, "args": .scalar, "ports": .seq("port"),
                  "env": .seq("env"), "envFrom": .seq("envFrom"), "resources": .map("resources"), "volumeMounts": .seq("mount"),
                  "livenessProbe": .map("probe"), "readinessProbe": .map("probe"), "startupProbe": .map("probe"),
                  "imagePullPolicy": .scalar, "lifecycle": .map("lifecycle"), "securityContext": .free, "workingDir": .scalar,
                  "restartPolicy": .scalar, "stdin": .scalar, "tty": .scalar],
    "port": ["name": .scalar, "containerPort": .scalar, "protocol": .scalar, "hostPort": .scalar, "hostIP": .scalar],
    "env": ["name": .scalar, "value": .scalar, "valueFrom": .free],
    "envFrom": ["configMapRef": .free, "secretRef": .free, "prefix": .scalar],
    "mount": ["name": .scalar, "mountPath": .scalar, "readOnly": .scalar, "subPath": .scalar],
    "resources": ["limits": .free, "requests": .free],
    "probe": ["httpGet": .map("handler"), "tcpSocket": .map("handler"), "exec": .map("handler"), "grpc": .map("handler"),
              "initialDelaySeconds": .scalar, "periodSeconds": .scalar, "timeoutSeconds": .scalar,
              "failureThreshold": .scalar, "successThreshold": .scalar],
    "handler": ["path": .scalar, "port": .scalar, "scheme": .scalar, "host": .scalar, "command": .scalar, "service": .scalar,
                "httpHeaders": .free],
    "lifecycle": ["postStart": .map("hook"), "preStop": .map("hook")],
    "hook": ["exec": .map("handler"), "httpGet": .map("handler"), "tcpSocket": .map("handler"), "sleep": .free],
    "volume": ["name": .scalar, "emptyDir": .free, "hostPath": .map("hostPath"), "configMap": .free, "secret": .free,
               "persistentVolumeClaim": .free, "nfs": .free, "projected": .free],
    "hostPath": ["path": .scalar, "type": .scalar],
    "toleration": ["key": .scalar, "operator": .scalar, "value": .scalar, "effect": .scalar, "tolerationSeconds": .scalar],
    "named": ["name": .scalar],
    "hostAlias": ["ip": .scalar, "hostnames": .scalar],
  ]

  /// The keys of a pod's spec (a Pod's `spec`, a template's `spec`).
  static let podSpecKeys: [String: Child] = [
    "containers": .seq("container"), "initContainers": .seq("container"), "volumes": .seq("volume"),
    "restartPolicy": .scalar, "nodeSelector": .free, "tolerations": .seq("toleration"), "affinity": .free,
    "activeDeadlineSeconds": .scalar, "hostNetwork": .scalar, "hostPID": .scalar, "shareProcessNamespace": .scalar,
    "serviceAccountName": .scalar, "serviceAccount": .scalar, "securityContext": .free, "terminationGracePeriodSeconds": .scalar,
    "dnsPolicy": .scalar, "nodeName": .scalar, "imagePullSecrets": .seq("named"), "priorityClassName": .scalar,
    "schedulerName": .scalar, "hostAliases": .seq("hostAlias"), "hostname": .scalar, "subdomain": .scalar,
    "enableServiceLinks": .scalar, "automountServiceAccountToken": .scalar, "priority": .scalar,
    "preemptionPolicy": .scalar, "topologySpreadConstraints": .free, "dnsConfig": .free, "runtimeClassName": .scalar,
  ]

  /// What `rebuild` made: the re-indented lines (one per input line) and the lines it placed by
  /// a guess (0-based indices into the input).
  struct Result {
    /// The re-indented lines, one per input line; empty when a line could not be placed.
    var lines: [String]
    /// Lines placed by a guess.
    var guessed: [Int]
    /// The first line that could not be placed (nothing rebuilt then).
    var unplaced: Int? = nil
  }

  /// Whether `lines` look flattened: a `metadata:`/`spec:`/`containers:` key with an empty value
  /// followed at the same indentation by a key that cannot be its sibling.
  static func isFlattened(_ lines: [String]) -> Bool {
    let keyed = lines.map { l -> (indent: Int, key: String?, item: Bool) in
      let indent = l.prefix { $0 == " " }.count
      var b = l.dropFirst(indent)
      let item = b.hasPrefix("- ")
      if item { b = b.dropFirst(2) }
      guard let c = b.firstIndex(of: ":") else { return (indent, nil, item) }
      return (indent, String(b[..<c]), item)
    }
    guard keyed.contains(where: { $0.key == "kind" }) else { return false }
    for (n, k) in keyed.enumerated() where n + 1 < keyed.count {
      guard let key = k.key, ["metadata", "spec", "template"].contains(key), !k.item,
            lines[n].trimmingCharacters(in: .whitespaces).hasSuffix(":") else { continue }
      let next = keyed[n + 1]
      if next.indent <= k.indent, !next.item, let nk = next.key, schema["top"]?[nk] == nil { return true }
    }
    return false
  }

  private struct Frame {
    var kind: String; var free: Bool; var indent: Int; var isSeq: Bool; var itemKind: String?
    /// A free map of strings (labels, nodeSelector, requests): a key that opens a block is not its.
    var strings = false
    /// Lines placed in it so far: an empty free map followed by `- ` lines is a list.
    var members = 0
    /// The indentation its first member was written at (a mis-indented paste): a later line
    /// written at the same indentation belongs with it when the schema allows two places.
    var written: Int? = nil
    /// The keys placed in it: a mapping has each key once, so it takes no second one.
    var keys: Set<String> = []
  }
  /// The free maps whose values are all strings.
  static let stringMaps: Set<String> = ["labels", "annotations", "nodeSelector", "matchLabels", "limits", "requests"]

  /// Re-indents flattened or mis-indented `lines` by the schema; `unplaced` names the first line
  /// no open object takes (the nesting cannot be rebuilt then). With `written` (each line's
  /// indentation as pasted), a line two objects could take goes to the one whose members were
  /// written at its indentation.
  static func rebuild(_ lines: [String], written: [Int]? = nil) -> Result {
    var out: [String] = []
    var guessed: [Int] = []
    /// The manifest's kind once read: a Pod's spec is a pod spec, another kind's a workload spec.
    var docKind: String?
    // The open objects, innermost last: the top-level object is at indent 0.
    var stack: [Frame] = [Frame(kind: "top", free: false, indent: 0, isSeq: false, itemKind: nil)]
    /// Among frames that could take line `n`, the one its written indentation points at: the
    /// only candidate, or the innermost whose members were written at the line's indentation;
    /// nil when indentation does not decide.
    func byIndentation(_ candidates: [Int], line n: Int) -> Int? {
      if candidates.count == 1 { return candidates.first }
      guard let written, n < written.count else { return nil }
      let same = candidates.filter { stack[$0].written == written[n] }
      if let inner = same.max() { return inner }
      // A fresh object (nothing placed yet) takes a line written deeper than its parent's members,
      // or at their column: an empty `spec:` followed by a key at its own column is the mis-indentation.
      let fresh = candidates.filter { c in stack[c].written == nil && c > 0 && (stack[c - 1].written ?? -1) <= written[n] }
      return fresh.count == 1 ? fresh.first : nil
    }
    func split(_ t: Substring) -> (key: String, value: String)? {
      guard let c = t.firstIndex(of: ":") else { return nil }
      let key = String(t[..<c]).trimmingCharacters(in: .whitespaces)
      guard !key.isEmpty, !key.contains(" ") || key.hasPrefix("\"") else { return nil }
      return (key, t[t.index(after: c)...].trimmingCharacters(in: .whitespaces))
    }
    func accepts(_ f: Frame, _ key: String, value: String) -> Bool {
      if f.free { return true }
      guard let keys = schema[f.kind], keys[key] != nil else { return false }
      // A container's restartPolicy can only be Always (a sidecar); any other value is the pod's.
      if f.kind == "container", key == "restartPolicy", value != "Always" { return false }
      return true
    }
    /// The index of the innermost schema object that has `key`; a free map (labels, nodeSelector)
    /// on top takes a key no enclosing object has, and a key both could take is a guess.
    func owner(_ key: String, value: String, line: Int) -> Int? {
      let all = stack.indices.reversed().filter {
        !stack[$0].free && !stack[$0].isSeq && !stack[$0].keys.contains(key) && accepts(stack[$0], key, value: value)
      }
      var explicit = all.first
      if written != nil, all.count > 1 {
        // Mis-indented: several objects have the key (a container's and the pod's
        // securityContext); the written indentation decides, else it is a guess.
        if let pick = byIndentation(all, line: line) { explicit = pick } else { guessed.append(line) }
      }
      if let w = written?[line] {
        // Mis-indented input: an object of the schema whose members were written at this column
        // takes its key; else a free map (labels, requests) takes a line written at its members'
        // column (or, while it has none, at or right of its parent's); a key no schema object
        // takes and no free map lines up with is not placed.
        if let e = explicit, stack[e].written == w { return e }
        let free = stack.indices.reversed().first { f in
          stack[f].free && !(stack[f].strings && value.isEmpty)
            && (stack[f].written.map { $0 == w } ?? (f > 0 && w >= (stack[f - 1].written ?? -1)))
        }
        return free ?? explicit
      }
      if let top = stack.indices.last, stack[top].free {
        if explicit == nil { return top }
        if !(stack[top].strings && value.isEmpty) { guessed.append(line) }
      }
      return explicit
    }
    func open(_ key: String, _ value: String, childOf f: Frame, at indent: Int) {
      guard value.isEmpty || value == "|" || value == ">" else { return }
      var child: Child = f.free ? .free : (schema[f.kind]?[key] ?? .free)
      if f.kind == "top", key == "spec", let docKind {
        child = .map(docKind == "Pod" ? "podSpec" : "workloadSpec")
      }
      switch child {
      case .scalar:
        // `command:` with its arguments as `- ` lines below: a list of scalars.
        stack.append(Frame(kind: "seq", free: false, indent: indent + 2, isSeq: true, itemKind: "scalar"))
      case let .map(k): stack.append(Frame(kind: k, free: false, indent: indent + 2, isSeq: false, itemKind: nil))
      case let .seq(k): stack.append(Frame(kind: "seq", free: false, indent: indent + 2, isSeq: true, itemKind: k))
      case .free: stack.append(Frame(kind: "free", free: true, indent: indent + 2, isSeq: false, itemKind: nil,
                                     strings: stringMaps.contains(key)))
      }
    }
    var n = 0
    while n < lines.count {
      let raw = lines[n].trimmingCharacters(in: .whitespaces)
      if raw.isEmpty || raw.hasPrefix("#") || raw == "---" { out.append(raw); n += 1; continue }
      if raw.hasPrefix("- ") || raw == "-" {
        let body = raw.dropFirst(2)
        guard let (key, value) = split(body) else {
          // A scalar item (`- "foo.remote"`): the innermost open list takes it.
          guard let s = stack.lastIndex(where: \.isSeq) else { return Result(lines: [], guessed: [], unplaced: n) }
          stack.removeSubrange((s + 1)...)
          out.append(String(repeating: " ", count: stack[s].indent) + raw)
          n += 1; continue
        }
        // The keys of this item, up to the next `- ` line.
        var itemKeys = [key]
        var k = n + 1
        while k < lines.count {
          let t = lines[k].trimmingCharacters(in: .whitespaces)
          if t.hasPrefix("- ") { break }
          if let (kk, _) = split(Substring(t)) { itemKeys.append(kk) }
          k += 1
        }
        let lists = stack.indices.reversed().filter { stack[$0].isSeq }
        func fits(_ s: Int) -> Bool { guard let ik = stack[s].itemKind, let keys = schema[ik] else { return false }; return keys[key] != nil }
        let candidates = lists.filter(fits)
        let strict = candidates.filter { s in
          guard let ik = stack[s].itemKind, let keys = schema[ik] else { return false }
          let following = itemKeys.dropFirst()
          return following.first.map { keys[$0] != nil } ?? true
        }
        var pick = strict.first ?? candidates.first
        var decided = false
        if written != nil, strict.count > 1 || (strict.isEmpty && candidates.count > 1),
           let s = byIndentation(strict.isEmpty ? candidates : strict, line: n) {
          pick = s; decided = true
        }
        if pick == nil {
          // Inside a free map (affinity): the innermost free list, or an empty free map that is a list.
          if let top = stack.indices.last, stack[top].free, stack[top].members == 0 {
            stack[top].isSeq = true; stack[top].itemKind = "free"; stack[top].free = false; stack[top].kind = "seq"
            pick = top
          } else if let f = stack.indices.last(where: { stack[$0].isSeq && stack[$0].itemKind == "free" }) {
            pick = f
          }
        }
        guard let s = pick else { return Result(lines: [], guessed: [], unplaced: n) }
        if !decided, strict.count > 1 || (strict.isEmpty && candidates.count > 1) { guessed.append(n) }
        stack.removeSubrange((s + 1)...)
        stack[s].members += 1
        if stack[s].written == nil { stack[s].written = written?[n] }
        let indent = stack[s].indent
        let itemKind = stack[s].itemKind ?? "free"
        out.append(String(repeating: " ", count: indent) + "- " + body)
        var item = Frame(kind: itemKind, free: schema[itemKind] == nil, indent: indent + 2, isSeq: false, itemKind: nil)
        // The item's first key is written after `- `: its members line up two columns further.
        item.written = written.map { $0[n] + 2 }
        item.keys.insert(key)
        stack.append(item)
        open(key, value, childOf: item, at: indent + 2)
        n += 1
        continue
      }
      guard let (key, value) = split(Substring(raw)) else { return Result(lines: [], guessed: [], unplaced: n) }
      guard let o = owner(key, value: value, line: n) else { return Result(lines: [], guessed: [], unplaced: n) }
      stack.removeSubrange((o + 1)...)
      stack[o].members += 1
      if stack[o].written == nil { stack[o].written = written?[n] }
      stack[o].keys.insert(key)
      if o == 0, key == "kind" { docKind = value }
      let f = stack[o]
      out.append(String(repeating: " ", count: f.indent) + raw)
      open(key, value, childOf: f, at: f.indent)
      n += 1
    }
    return Result(lines: out, guessed: guessed)
  }
}

extension FlatYAML {
  /// What is certain in a flattening that cannot be rebuilt: the kind, the first name, and each
  /// `- name:` followed by an `image:` (a container), as a small manifest; nil without a kind.
  static func certain(_ lines: [String]) -> String? {
    var kind: String?, name: String?, apiVersion: String?
    var containers: [(String, String)] = []
    var pendingName: String?
    for l in lines.map({ $0.trimmingCharacters(in: .whitespaces) }) {
      let item = l.hasPrefix("- ")
      let b = item ? String(l.dropFirst(2)) : l
      guard let c = b.firstIndex(of: ":") else { continue }
      let key = String(b[..<c]), value = b[b.index(after: c)...].trimmingCharacters(in: .whitespaces)
      switch key {
      case "kind" where kind == nil: kind = value
      case "apiVersion" where apiVersion == nil: apiVersion = value
      case "name" where item: pendingName = value
      case "name" where name == nil: name = value
      case "image": if let n = pendingName { containers.append((n, value)); pendingName = nil }
      default: break
      }
    }
    guard let kind else { return nil }
    var out = ["apiVersion: \(apiVersion ?? "v1")", "kind: \(kind)", "metadata:", "  name: \(name ?? "unknown")", "spec:"]
    let pad = kind == "Pod" ? "  " : "      "
    if kind != "Pod" { out += ["  template:", "    spec:"] }
    out.append(pad + "containers:")
    for (n, i) in containers { out += [pad + "- name: \(n)", pad + "  image: \(i)"] }
    return out.joined(separator: "\n")
  }
}

extension FlatYAML {
  /// Each line's parent in the nesting its indentation gives (the line it belongs under; nil at
  /// the top, and for blank or comment lines), as a YAML parser reads block indentation: a
  /// `- ` item may sit at its key's own indentation. Two writings of one document (two spaces or
  /// four, items indented or not) give the same parents.
  static func parents(_ lines: [String]) -> [Int?] {
    var out: [Int?] = Array(repeating: nil, count: lines.count)
    var stack: [(indent: Int, line: Int, item: Bool, opens: Bool)] = []
    for (n, l) in lines.enumerated() {
      let t = l.trimmingCharacters(in: .whitespaces)
      if t.isEmpty || t.hasPrefix("#") || t == "---" { continue }
      let indent = l.prefix { $0 == " " }.count
      let item = t.hasPrefix("- ") || t == "-"
      while let last = stack.last {
        if last.indent < indent { break }
        if last.indent == indent, item, !last.item, last.opens { break }
        stack.removeLast()
      }
      out[n] = stack.last?.line
      stack.append((indent, n, item, t.hasSuffix(":")))
    }
    return out
  }
}
