import Foundation

/// A shell prompt line found in a paste (`[root@master k8s]# kubectl get pods -n web`,
/// `$ kubectl describe pod x`, `PS C:\> kubectl ...`): not dump content, but its command says
/// which namespace and pod the output that follows is about.
public struct PasteCommand: Sendable, Hashable {
  /// The 1-based line number of the prompt in the source.
  public var line: Int
  /// The command after the prompt (`kubectl describe pod x -n web`); empty for a bare prompt.
  public var command: String
  /// `-n NS` / `--namespace NS` / `--namespace=NS`.
  public var namespace: String?
  /// `-A` / `--all-namespaces`.
  public var allNamespaces: Bool
  /// The pod named by `kubectl describe pod NAME` / `kubectl get pod NAME`.
  public var podName: String?

  /// Reads the namespace, `-A` and the pod name out of `command`'s words.
  public init(line: Int, command: String) {
    self.line = line
    self.command = command
    let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    var ns: String?
    var all = false
    var positional: [String] = []
    var i = 0
    while i < words.count {
      let w = words[i]
      // `… describe pod/x | tail -n 5`: what follows a pipe or a redirection is another command.
      if w.hasPrefix("|") || w == "&&" || w == ";" || w.hasPrefix(">") { break }
      if w == "-n" || w == "--namespace", i + 1 < words.count {
        ns = words[i + 1]; i += 2; continue
      }
      if w.hasPrefix("--namespace=") { ns = String(w.dropFirst("--namespace=".count)) }
      else if w.hasPrefix("-n"), w.count > 2, !w.hasPrefix("--") { ns = String(w.dropFirst(2)) }
      else if w == "-A" || w == "--all-namespaces" { all = true }
      else if w == "-o" || w == "-l" || w == "--selector" || w == "--output" || w == "-c" { i += 2; continue }
      else if !w.hasPrefix("-") { positional.append(w) }
      i += 1
    }
    namespace = ns
    allNamespaces = all
    // kubectl describe pod NAME / kubectl get pod NAME / kubectl describe pod/NAME
    var name: String?
    if let verb = positional.firstIndex(where: { $0 == "describe" || $0 == "get" }), verb + 1 < positional.count {
      let kind = positional[verb + 1]
      if ["pod", "pods", "po"].contains(kind), verb + 2 < positional.count {
        name = positional[verb + 2]
      } else if let slash = kind.firstIndex(of: "/"), ["pod", "pods", "po"].contains(String(kind[..<slash])) {
        name = String(kind[kind.index(after: slash)...])
      }
    }
    // A name that ends a sentence (`kubectl describe pod mypod-0:`) loses its punctuation:
    // pod names end with a letter or digit.
    while let n = name, let last = n.last, ":.,;`'\")".contains(last) { name = String(n.dropLast()) }
    if let n = name, n.contains("|") || n.isEmpty { name = nil }
    // A placeholder (`<pod name>`, `$POD`, `{{pod}}`, `[pod-name]`) names no pod.
    if let n = name, let first = n.first, "<$%{[".contains(first) || n.contains(">") { name = nil }
    podName = name
    // `--field-selector involvedObject.name=web-0` (or `==`), a placeholder aside.
    var selected: String?
    if let r = command.range(of: "involvedObject.name=") {
      let v = command[r.upperBound...].drop { $0 == "=" }.prefix { $0 != " " && $0 != "," && $0 != "'" && $0 != "\"" }
      if !v.isEmpty, !v.contains("<"), !v.contains("$") { selected = String(v) }
    }
    fieldSelectorPod = selected
  }

  /// The pod a `--field-selector involvedObject.name=NAME` selects.
  public var fieldSelectorPod: String?
}

/// A paste after cleanup: its lines (prompts, code fences and elision marks blanked so they
/// still separate segments) and the shell commands found in it.
public struct CleanedPaste: Sendable {
  /// Every source line, in order, with its original 1-based number.
  public var lines: [SourceLine]
  /// The prompt lines, in order.
  public var commands: [PasteCommand]
  /// Lines blanked because they were not dump content (prompts, fences, `...`).
  public var blanked: Set<Int>
  /// The blanked lines that marked an elision inside the dump (`...`, `# ...`, `[snip]`): a
  /// block of YAML goes on across them, as it did before the person cut it.
  public var elisions: Set<Int> = []
  /// What the decoration pass removed, by 1-based line number.
  public var decorations: [Int: Set<PasteDecoration>] = [:]

  /// One note per decoration and run of neighbouring lines that lost it.
  public var decorationNotes: [String] {
    var notes: [(line: Int, text: String)] = []
    for kind in PasteDecoration.allCases {
      let numbers = decorations.keys.filter { decorations[$0]?.contains(kind) == true }.sorted()
      var k = 0
      while k < numbers.count {
        var end = k
        while end + 1 < numbers.count, numbers[end + 1] == numbers[end] + 1 { end += 1 }
        let a = numbers[k], b = numbers[end]
        notes.append((a, a == b ? "line \(a): removed \(kind.phrase)" : "lines \(a)–\(b): removed \(kind.phrase)"))
        k = end + 1
      }
    }
    return notes.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element.text)
  }


}

/// Cleans a text paste as it really arrives: CRLF or CR line ends, a common indentation on every
/// line (blog and chat pastes), trailing spaces, non-breaking and zero-width spaces, a byte
/// order mark, box-drawing separators instead of dashes, shell prompts and Markdown fences.
public enum PasteCleaner {
  /// Cleans `text`. Tabs are kept (old kubectl printed tab-separated columns).
  public static func clean(_ text: String) -> CleanedPaste {
    var raw: [String] = []
    var current = ""
    var previousCR = false
    for scalarChar in text.unicodeScalars {
      switch scalarChar {
      case "\n":
        if previousCR { previousCR = false; continue }
        raw.append(current); current = ""
      case "\r":
        raw.append(current); current = ""; previousCR = true; continue
      default:
        current.unicodeScalars.append(normalise(scalarChar))
      }
      previousCR = false
    }
    if !current.isEmpty { raw.append(current) }

    var lines: [SourceLine] = []
    var commands: [PasteCommand] = []
    var blanked: Set<Int> = []
    var elisions: Set<Int> = []
    var texts: [(number: Int, text: String)] = []
    var plain = raw.map { line in
      var t = stripANSI(line)
      // Zero-width characters and the byte order mark vanish.
      t.unicodeScalars.removeAll { $0 == "\u{200B}" || $0 == "\u{FEFF}" || $0 == "\u{200C}" || $0 == "\u{200D}" }
      while let last = t.last, last == " " || last == "\t" { t.removeLast() }
      return PasteDecorator.fenceGluedToRow(t) ?? t
    }
    // Prompts are found before the decoration pass (a `> kubectl …` line is a prompt, not a
    // quote), fences and elision marks too; the rest loses its Markdown and chat dressing.
    var promptLines: [Int: String] = [:]
    for (i, t) in plain.enumerated() {
      let unquoted = PasteDecorator.unquote(t) ?? t
      let bare = (PasteDecorator.unwrap(unquoted)?.text ?? unquoted).trimmingCharacters(in: .whitespaces)
      if let cmd = promptCommand(bare) {
        promptLines[i] = cmd
        plain[i] = ""
      }
    }
    let (undecorated, decorations) = PasteDecorator.strip(plain)
    for (i, line) in undecorated.enumerated() {
      var t = line
      while let last = t.last, last == " " || last == "\t" { t.removeLast() }
      let trimmed = t.trimmingCharacters(in: .whitespaces)
      if let cmd = promptLines[i] ?? promptCommand(trimmed) {
        commands.append(PasteCommand(line: i + 1, command: cmd))
        // A command and its output flattened onto one line (`$ kubectl describe pod x … Events:
        // … Warning FailedScheduling 3m …`): the line stays for the event-row reader.
        if EventLineParser.embedded(Substring(cmd), line: i + 1) != nil || PodsTableFlattened.find(cmd) != nil {
          t = cmd
        } else if let (command, output) = flattenedDescribe(cmd) {
          commands[commands.count - 1] = PasteCommand(line: i + 1, command: command)
          blanked.insert(i + 1)
          for piece in output { texts.append((i + 1, piece)) }
          continue
        } else {
          blanked.insert(i + 1)
          t = ""
        }
      } else if isNonDumpMarker(trimmed) {
        blanked.insert(i + 1)
        if !trimmed.hasPrefix("```"), !trimmed.hasPrefix("~~~") { elisions.insert(i + 1) }
        t = ""
      } else if let output = DescribeFlattened.lines(trimmed, afterCommand: false) {
        for piece in output { texts.append((i + 1, piece)) }
        continue
      }
      texts.append((i + 1, t))
    }
    // The common indentation of the non-blank lines (spaces only; a tab-indented paste keeps its tabs).
    let indents = texts.filter { !$0.text.isEmpty }.map { $0.text.prefix { $0 == " " }.count }
    let common = indents.min() ?? 0
    for (number, t) in texts {
      let s = t.isEmpty ? Substring("") : Substring(t).dropFirst(common)
      lines.append(SourceLine(number: number, text: s))
    }
    return CleanedPaste(lines: lines, commands: commands, blanked: blanked, elisions: elisions, decorations: decorations)
  }

  /// `kubectl describe pod x Name: x Namespace: … Exit Code: 137`: the command, and the describe
  /// its line carries once its newlines are put back (DescribeFlattened).
  static func flattenedDescribe(_ cmd: String) -> (command: String, output: [String])? {
    let words = cmd.split(separator: " ", omittingEmptySubsequences: true)
    guard let d = words.firstIndex(of: "describe"), d + 2 < words.count,
          ["po", "pod", "pods"].contains(words[d + 1].lowercased()) || words[d + 1].hasPrefix("pod/") else { return nil }
    var k = d + (words[d + 1].hasPrefix("pod/") ? 2 : 3)
    while k + 1 < words.count, words[k] == "-n" || words[k] == "--namespace" { k += 2 }
    while k < words.count, words[k].hasPrefix("-") { k += 1 }
    guard k < words.count else { return nil }
    let rest = words[k...].joined(separator: " ")
    guard let output = DescribeFlattened.lines(rest, afterCommand: true) else { return nil }
    return (words[..<k].joined(separator: " "), output)
  }

  /// Removes terminal colour and cursor sequences (`ESC [ ... letter`) a coloured kubectl or
  /// shell left in the paste.
  static func stripANSI(_ s: String) -> String {
    guard s.unicodeScalars.contains("\u{1B}") else { return s }
    var out = String.UnicodeScalarView()
    var it = s.unicodeScalars.makeIterator()
    while let c = it.next() {
      guard c == "\u{1B}" else { out.append(c); continue }
      guard let next = it.next() else { break }
      if next == "[" {
        while let d = it.next(), !(d.value >= 0x40 && d.value <= 0x7E) {}
      }
    }
    return String(out)
  }

  /// Non-breaking spaces become spaces, box-drawing horizontals become dashes.
  static func normalise(_ s: Unicode.Scalar) -> Unicode.Scalar {
    switch s.value {
    case 0x00A0, 0x2007, 0x202F, 0x3000: return " "
    case 0x2500...0x257F, 0x2010...0x2015, 0x2212: return "-"
    default: return s
    }
  }

  /// Markdown fences, elision marks (`...`, `......`, `…`): not dump content, no warning.
  static func isNonDumpMarker(_ t: String) -> Bool {
    if t.hasPrefix("```") || t.hasPrefix("~~~") { return true }
    if !t.isEmpty, t.allSatisfy({ $0 == "." || $0 == "…" || $0 == " " }) { return true }
    // `[...]`, `(...)`, `<snip>`, `-- snip --`, `# ...`, `(truncated)`, `<output omitted>`.
    let core = t.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " []()<>{}-#*_/=~"))
    if core.isEmpty, t.count >= 2, t.contains(where: { "[(<{".contains($0) }) { return false }
    if ["...", "..", "…", "snip", "snipped", "...snip...", "truncated", "cut", "omitted", "output omitted",
        "more", "...more...", "etc", "etc.", "and so on", "redacted", "trimmed", "... snip ...", "... truncated ..."].contains(core) {
      return t.count <= 40
    }
    return false
  }

  /// The command of a shell prompt line, or nil when the line is not a prompt.
  ///
  /// Recognised: `[user@host dir]# cmd`, `user@host:~$ cmd`, `host% cmd`, `$ cmd`, `# cmd`,
  /// `> cmd`, `PS C:\> cmd`, `[anything]🚩 >  cmd`, a bare `kubectl ...` line, and a bare prompt.
  static func promptCommand(_ t: String) -> String? {
    guard !t.isEmpty, t.count < 600 else { return nil }
    // Shell themes' glyphs: `❯ kubectl …`, `➜  ~ kubectl …`, `» kubectl …`, `λ kubectl …`.
    if let g = t.first, "❯➜»λ→▶➤⎈".contains(g) {
      let words = t.dropFirst().split(separator: " ", omittingEmptySubsequences: true)
      for (k, w) in words.prefix(4).enumerated() where isTool(w) {
        return words[k...].joined(separator: " ")
      }
      return words.isEmpty ? "" : nil
    }
    func startsWithTool(_ s: Substring) -> Bool {
      guard let first = s.split(separator: " ", maxSplits: 1).first else { return false }
      return isTool(first)
    }
    let body = Substring(t)
    if startsWithTool(body) {
      // `kubectl get pods` bare: the second word is one of the tool's verbs or a flag
      // (`minikube  MountVolume…` is an events row of node minikube, `helm  tiller-rc-x  0/1 …`
      // a pods row of namespace helm).
      let words = body.split(separator: " ")
      if words.count >= 2, isVerb(words[1], of: words[0]) { return t }
    }
    if let mentioned = mentionedCommand(body) { return mentioned }
    // A prompt ends with one of $ # % > followed by a space (or the end of the line) within the first 80 chars.
    let chars = Array(t)
    let limit = min(chars.count, 80)
    var i = 0
    while i < limit {
      let c = chars[i]
      if c == "$" || c == "#" || c == "%" || c == ">" {
        let after = i + 1 < chars.count ? chars[i + 1] : " "
        if after == " " || after == "\t" {
          let prefix = String(chars[..<i])
          let rest = String(chars[(i + 1)...]).trimmingCharacters(in: .whitespaces)
          if looksLikePromptPrefix(prefix) {
            if rest.isEmpty { return "" }
            if startsWithTool(Substring(rest)) { return rest }
          }
        }
      }
      i += 1
    }
    return nil
  }

  /// A command named in a line of prose before its output (`relevant kubectl get events -n
  /// monitoring`, `Output of kubectl describe pod web-0:`): a few plain words, then `kubectl` or
  /// `oc` and one of its verbs. Nil for anything else (a row whose message mentions kubectl).
  static func mentionedCommand(_ body: Substring) -> String? {
    guard body.count < 200, body.contains("kubectl ") || body.contains("oc ") else { return nil }
    let words = body.split(separator: " ")
    let quotes = CharacterSet(charactersIn: "`'\"(")
    func isKubectl(_ w: Substring) -> Bool {
      let t = w.trimmingCharacters(in: quotes)
      return t == "kubectl" || t == "oc" || t == "kubectl.exe" || t.hasSuffix("/kubectl")
    }
    guard let k = words.prefix(8).firstIndex(where: isKubectl),
          k > 0, k + 1 < words.count,
          words[..<k].allSatisfy({ w in w.allSatisfy { $0.isLetter || ",:;()-'".contains($0) } }),
          // Prose: a word, not only a bullet (`- kubectl …` is a command once the bullet is gone).
          words[..<k].contains(where: { $0.filter(\.isLetter).count >= 2 }),
          ["get", "describe", "events"].contains(String(words[k + 1]))
    else { return nil }
    var command = words[k...].joined(separator: " ")
    while let last = command.last, "`'\":.,)".contains(last) { command.removeLast() }
    return command.trimmingCharacters(in: quotes)
  }

  /// Whether `word` follows `tool` in a command line: a flag, or one of the tool's verbs.
  static func isVerb(_ word: Substring, of tool: Substring) -> Bool {
    if word.hasPrefix("-") { return true }
    let kubectl: Set<Substring> = ["get", "describe", "logs", "log", "apply", "create", "delete", "exec", "events", "top",
                                   "rollout", "edit", "patch", "run", "expose", "port-forward", "cluster-info", "version",
                                   "config", "explain", "label", "annotate", "scale", "drain", "cordon", "uncordon", "taint",
                                   "auth", "api-resources", "api-versions", "wait", "debug", "cp", "attach", "proxy", "set",
                                   "diff", "kustomize", "replace", "certificate", "autoscale", "alpha", "plugin", "completion"]
    let others: [Substring: Set<Substring>] = [
      "oc": ["new-app", "start-build", "adm", "project", "projects", "rsh", "deploy", "status", "login", "process", "new-project",
             "rollback", "import-image", "tag", "policy", "whoami"],
      "osc": ["new-app", "start-build", "deploy", "status", "process", "get", "describe", "logs", "delete", "create"],
      "kubecfg": ["list", "get", "run", "stop", "rm", "resize", "-c"],
      "minikube": ["start", "stop", "status", "ssh", "kubectl", "logs", "addons", "dashboard", "service", "delete", "image",
                   "mount", "ip", "tunnel", "node", "profile", "cp"],
      "kind": ["create", "delete", "get", "load", "export", "build"],
      "helm": ["install", "upgrade", "list", "ls", "status", "delete", "uninstall", "repo", "template", "init", "history",
               "rollback", "test", "lint", "package", "dependency", "show", "inspect", "search", "pull", "fetch", "reset"],
      "microk8s": ["kubectl", "status", "enable", "disable", "inspect", "start", "stop", "ctr", "helm", "helm3", "config"],
      "k3s": ["kubectl", "server", "agent", "ctr", "crictl", "check-config"],
    ]
    if tool == "sudo" || tool == "watch" { return isTool(word) || word.hasPrefix("-") }
    if let verbs = others[tool], verbs.contains(word) { return true }
    return kubectl.contains(word)
  }

  /// The first word of a command line that prints kubectl output.
  static func isTool(_ word: Substring) -> Bool {
    let tools: Set<Substring> = ["kubectl", "oc", "k", "minikube", "microk8s", "kind", "helm", "sudo", "watch", "k3s", "kubectl.exe"]
    return tools.contains(word) || word.hasSuffix("/kubectl")
  }

  /// `[root@master k8s]`, `user@host:~`, `tim@Tims-MBP pods `, `PS C:\`, ``, `[Captains-Bay]🚩 `.
  static func looksLikePromptPrefix(_ p: String) -> Bool {
    let s = p.trimmingCharacters(in: .whitespaces)
    if s.isEmpty { return true }
    if s.hasPrefix("PS ") { return true }
    if s.contains("@") { return true }
    if s.hasPrefix("[") && s.contains("]") { return true }
    if s.hasSuffix(":~") || s.hasSuffix("~") { return true }
    // host% or dir$: one or two words without sentence punctuation.
    let words = s.split(separator: " ")
    return words.count <= 2 && !s.contains(":") && !s.contains(".") && s.count < 40 && !s.contains("=")
  }
}
