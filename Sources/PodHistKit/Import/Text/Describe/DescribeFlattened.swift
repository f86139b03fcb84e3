import Foundation

/// A `kubectl describe pod` whose newlines a repost lost: `Name: web-0 Namespace: default …
/// Last State: Terminated Reason: OOMKilled Exit Code: 137` on one line. The line is cut before
/// each key describe prints and each piece indented as describe would (pod keys, a container's
/// name, its fields, the fields of its State), so the describe reader takes it as written.
/// An `Events:` part stays one line for the event-row reader.
enum DescribeFlattened {
  /// Every key the cut looks for, longest first (`Last State` before `State`).
  static let keys: [String] = {
    let all = DescribeKeys.pod.union(DescribeKeys.container).union(DescribeKeys.state)
    return all.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
  }()

  static let keySet = Set(keys)

  /// The lines of a flattened describe, or nil when `text` holds fewer than three keys, or does not
  /// start with one (unless `afterCommand`: the rest of a `kubectl describe pod x` line).
  static func lines(_ text: String, afterCommand: Bool) -> [String]? {
    // Cheap tests first: the cleaner asks this of every line of a paste.
    guard text.utf8.count >= 20 else { return nil }
    if !afterCommand {
      guard let colon = text.firstIndex(of: ":"), keySet.contains(String(text[..<colon])) else { return nil }
    }
    var separators = 0
    var previous: UInt8 = 0
    for b in text.utf8 {
      if previous == UInt8(ascii: ":"), b == UInt8(ascii: " ") { separators += 1 }
      previous = b
    }
    guard separators >= 2 else { return nil }
    let chars = Array(text)
    var cuts: [(at: Int, key: String)] = []
    var i = 0
    while i < chars.count {
      guard i == 0 || chars[i - 1] == " " else { i += 1; continue }
      var matched: String? = nil
      for key in keys where i + key.count < chars.count && chars[i + key.count] == ":" {
        if String(chars[i..<(i + key.count)]) == key,
           i + key.count + 1 == chars.count || chars[i + key.count + 1] == " " {
          matched = key
          break
        }
      }
      if let key = matched {
        cuts.append((i, key))
        if key == "Events" { break }
        i += key.count + 1
      } else {
        i += 1
      }
    }
    guard cuts.count >= 3, afterCommand || cuts[0].at == 0,
          cuts.contains(where: { DescribeKeys.container.contains($0.key) || DescribeKeys.state.contains($0.key) })
    else { return nil }
    enum Place { case pod, container, state }
    var place = Place.pod
    var out: [String] = []
    let head = String(chars[0..<cuts[0].at]).trimmingCharacters(in: .whitespaces)
    if !head.isEmpty { out.append(head) }
    for (n, cut) in cuts.enumerated() {
      let end = n + 1 < cuts.count ? cuts[n + 1].at : chars.count
      var value = String(chars[(cut.at + cut.key.count + 1)..<end]).trimmingCharacters(in: .whitespaces)
      // Prose glued after the last field (`Restart Count: 1  在容器列表里看 …`): the flattening
      // joined with one space, so two mark where the describe ended.
      var after: String? = nil
      if n + 1 == cuts.count, cut.key != "Events", let gap = value.range(of: "  ") {
        after = String(value[gap.upperBound...]).trimmingCharacters(in: .whitespaces)
        value = String(value[..<gap.lowerBound])
      }
      defer { if let after, !after.isEmpty { out.append(after) } }
      if cut.key == "Events" {
        out.append(String(chars[cut.at...]))
        break
      }
      let indent: Int
      switch (place, cut.key) {
      case (.state, let k) where DescribeKeys.state.contains(k): indent = 6
      case (.container, let k) where DescribeKeys.state.contains(k) && k != "Started": indent = 6
      case (_, let k) where ["State", "Last State", "Last Termination State"].contains(k):
        place = .state; indent = 4
      case (.pod, let k) where DescribeKeys.pod.contains(k): indent = 0
      case (_, let k) where DescribeKeys.container.contains(k):
        place = .container; indent = 4
      default:
        place = .pod; indent = 0
      }
      if ["Containers", "Init Containers"].contains(cut.key), value.hasSuffix(":"), !value.contains(" ") {
        out.append(cut.key + ":")
        out.append("  " + value)
        place = .container
        continue
      }
      out.append(String(repeating: " ", count: indent) + cut.key + ":" + (value.isEmpty ? "" : "  " + value))
    }
    return out
  }
}
