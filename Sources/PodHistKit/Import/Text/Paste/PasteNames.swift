import Foundation

/// Names a paste gives elsewhere to a pod or container it did not name where their facts are: a
/// kubelet message `Back-off restarting failed container X in pod Y_ns(uid)`, `Container "X" in Pod
/// "Y_ns(uid)"`, the scheduler's `Successfully assigned ns/Y to node`, kubectl's `pod "Y" created`.
/// When the paste's messages name exactly one pod and no fact names another, its placeholder pods
/// (`(unnamed)`, `unnamed-pod`, `unknown`) are that pod (unless both the named pod and a placeholder
/// have a status snapshot: two describes); when the messages name exactly one container, a
/// placeholder container of that pod is that container. More than one name: nothing is guessed.
enum PasteNames {
  /// The pod names podhist's importers give a pod the paste does not name.
  static let podPlaceholders: Set<String> = [DescribeSegment.unnamedPod, EventsTableParser.unnamedPod, "unknown"]
  /// The container names they give a container whose name was cut.
  static let containerPlaceholders: Set<String> = [DescribeSegment.unnamedContainer, "unknown"]

  /// A pod a line names: its name, namespace when given, and the line.
  struct Mention: Equatable {
    var pod: String
    var namespace: String?
    var line: Int
  }

  /// Every pod the lines' messages name (`EventsTableMessages.mentionedPod`), or a command
  /// written into prose names (`…and then kubectl describe pod web-0`), in line order.
  static func pods(in lines: [SourceLine]) -> [Mention] {
    lines.flatMap { l -> [Mention] in
      let text = String(l.text)
      if let m = EventsTableMessages.mentionedPod(in: text) { return [Mention(pod: m.pod, namespace: m.namespace, line: l.number)] }
      return text.matches(of: proseCommand).map { Mention(pod: String($0.output.1), namespace: nil, line: l.number) }
    }
  }

  /// `kubectl describe pod NAME` (or `oc`, `pods`, `po`, `pod/NAME`) inside a sentence.
  nonisolated(unsafe) static let proseCommand = #/(?:kubectl|oc) +describe +(?:pods?|po)(?:/| +)([a-z0-9][-a-z0-9.]*[a-z0-9])(?:[ ,.;)]|$)/#

  /// Every container name the lines' kubelet messages give with a pod (`container X in pod`,
  /// `Container "X" in Pod`, `restarting failed container X`), once each, in line order.
  static func containers(in lines: [SourceLine]) -> [String] {
    var out: [String] = []
    for l in lines {
      let text = String(l.text)
      for pattern in containerPatterns {
        guard let m = text.firstMatch(of: pattern), let name = m.output[1].substring else { continue }
        if !out.contains(String(name)) { out.append(String(name)) }
      }
    }
    return out
  }

  nonisolated(unsafe) static let containerPatterns: [Regex<AnyRegexOutput>] = [
    #"[Cc]ontainer "([a-z0-9][-a-z0-9]*)" in [Pp]od "#,
    #"[Cc]ontainer ([a-z0-9][-a-z0-9]*) in [Pp]od "#,
    #"restarting failed container ([a-z0-9][-a-z0-9]*)"#,
  ].compactMap { try? Regex($0) }

  /// `facts` with placeholder names filled from the paste's `lines` where it names exactly one pod
  /// (and one container); a note for each fill goes to `notes`.
  static func filled(_ facts: [Fact], lines: [SourceLine], notes: inout [String]) -> [Fact] {
    let placeholders = facts.filter { $0.object.isPod && podPlaceholders.contains($0.object.name) }
    let unnamedContainers = facts.contains { f in
      guard case let .status(s) = f.body else { return false }
      return s.containers.contains { containerPlaceholders.contains($0.name) }
    }
    guard !placeholders.isEmpty || unnamedContainers else { return facts }
    let mentions = pods(in: lines)
    let named = Set(facts.filter { $0.object.isPod && !podPlaceholders.contains($0.object.name) }.map(\.object.name))
    // A message must name the pod, and no other pod may be named anywhere in the paste.
    let mentioned = Set(mentions.map(\.pod))
    guard mentioned.count == 1, let pod = mentioned.first, named.isSubset(of: mentioned) else { return facts }
    // Two snapshots, one of the named pod and one of a pod left unnamed: two describes, likely of two pods.
    let isStatus = { (f: Fact) -> Bool in if case .status = f.body { true } else { false } }
    let twoSnapshots = placeholders.contains(where: isStatus) && facts.contains { $0.object.name == pod && isStatus($0) }
    let namespace = mentions.first { $0.pod == pod && $0.namespace != nil }?.namespace
    let containers = containers(in: lines)
    let container = containers.count == 1 ? containers[0] : nil
    var out = facts
    var renamedPod = false, renamedContainer = false
    for k in out.indices where out[k].object.isPod {
      if podPlaceholders.contains(out[k].object.name), !twoSnapshots {
        if let namespace, !out[k].object.isNamespaceUnknown, out[k].object.namespace != namespace { continue }
        out[k].object.name = pod
        if out[k].object.isNamespaceUnknown, let namespace { out[k].object.namespace = namespace }
        renamedPod = true
      }
      guard let container, out[k].object.name == pod, case var .status(s) = out[k].body else { continue }
      let unnamed = s.containers.indices.filter { containerPlaceholders.contains(s.containers[$0].name) }
      guard unnamed.count == 1, !s.containers.contains(where: { $0.name == container }) else { continue }
      s.containers[unnamed[0]].name = container
      out[k].body = .status(s)
      renamedContainer = true
    }
    let line = mentions.first { $0.pod == pod }?.line
    if renamedPod {
      notes.append("the pod the paste leaves unnamed is \(namespace.map { "\($0)/" } ?? "")\(pod)"
                   + (line.map { ", which line \($0) names" } ?? ", the only pod it names"))
    }
    if renamedContainer, let container { notes.append("its unnamed container is \(container), the only container the paste's messages name") }
    return out
  }
}
