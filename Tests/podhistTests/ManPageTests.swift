import Foundation
import TestSupport
import Testing

/// The checked-in man page (docs/podhist.1) and completion scripts follow the commands as built.
@Suite struct ManPageTests {
  /// Every command path and option long name of the built binary, from argument-parser's own dump.
  static func commandTree() throws -> [(command: String, options: [String])] {
    let dump = try CLI().run(["--experimental-dump-help"]).out
    let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
    var out: [(String, [String])] = []
    func walk(_ c: [String: Any], path: String) {
      let name = c["commandName"] as? String ?? ""
      let here = path.isEmpty ? name : path + " " + name
      guard (c["shouldDisplay"] as? Bool) ?? true, name != "help" else { return }
      let options = (c["arguments"] as? [[String: Any]] ?? []).filter { ($0["shouldDisplay"] as? Bool) ?? true }
        .compactMap { a -> String? in
          let names = a["names"] as? [[String: Any]] ?? []
          return names.first { $0["kind"] as? String == "long" }?["name"] as? String
        }
      out.append((here, options))
      for s in c["subcommands"] as? [[String: Any]] ?? [] { walk(s, path: here) }
    }
    walk(try #require(root["command"] as? [String: Any]), path: "")
    return out
  }

  @Test func theManPageNamesEveryVerbAndOption() throws {
    let page = try String(contentsOf: repositoryRoot.appending(path: "docs/podhist.1"), encoding: .utf8)
    let tree = try Self.commandTree()
    #expect(tree.count >= 9)
    for (command, options) in tree {
      let verb = command.split(separator: " ").last.map(String.init) ?? command
      #expect(page.contains(verb), "docs/podhist.1 lacks the verb `\(command)`: run tools/manpage.sh")
      for o in options {
        #expect(page.split(separator: "\n").contains { $0.hasPrefix(".It Fl ") && ($0.contains(" -\(o) ") || $0.hasSuffix(" -\(o)")) },
                "docs/podhist.1 lacks `\(command) --\(o)`: run tools/manpage.sh")
      }
    }
  }

  @Test func completionScriptsCompleteFormatsAndAskTheStoreForPods() throws {
    let cli = try CLI()
    for shell in ["bash", "zsh", "fish"] {
      let r = try cli.run(["--generate-completion-script", shell])
      #expect(r.status == 0)
      #expect(r.out.contains("podhist"))
    }
    let bash = try cli.run(["--generate-completion-script", "bash"]).out
    #expect(bash.contains("yaml"), "the -o values are completed")
    // The shell calls podhist back for pod names: they come from the store.
    #expect(try cli.run(["import", cli.fixture("corpus/000-seed-springboot-liveness-probe-port/input.txt")]).status == 0)
    let pods = try cli.run(["---completion", "why", "--", "positional@0", "2", "6", "podhist", "why", "spring"])
    #expect(pods.out.contains("springboot-mybatis-deployment-dcd7f8bbf-9wfxl"), "\(pods.out) \(pods.err)")
    // And for namespaces (`-n de`): the store's.
    #expect(bash.contains("---completion why -- --namespace"), "-n is completed by podhist")
    let namespaces = try cli.run(["---completion", "why", "--", "--namespace", "3", "2", "podhist", "why", "-n", "de"])
    #expect(namespaces.out.split(separator: "\n") == ["default"], "\(namespaces.out) \(namespaces.err)")
  }

  /// The bash script as a user installs it: sourced in bash, `complete -p podhist` names its
  /// function, and that function (called as bash calls it on TAB) offers the values: `get pods -o`
  /// (which takes templated forms too), `why -o`, `import --format`, `-n` and pod names from the
  /// store, and verbs.
  @Test func theBashScriptSourcedCompletesValues() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("corpus/000-seed-springboot-liveness-probe-port/input.txt")]).status == 0)
    let script = URL(filePath: cli.store).deletingLastPathComponent().appending(path: "podhist.bash")
    try cli.run(["--generate-completion-script", "bash"]).out.write(to: script, atomically: true, encoding: .utf8)
    let driver = #"""
      source "$1"
      complete -p podhist
      try() {
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
        _podhist podhist "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        echo "$*|${COMPREPLY[*]}"
      }
      try podhist w
      try podhist get pods -o ""
      try podhist get pods -A --output j
      try podhist why 9wfxl -o ""
      try podhist import --format events-
      try podhist get pods -n ""
      try podhist why spring
      """#
    let bin = CLI.binary.deletingLastPathComponent().path
    let r = try cli.run(["/bin/bash", "-c", driver, "bash", script.path], direct: true,
                        environment: ["PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")])
    #expect(r.status == 0, "\(r.err)")
    let lines = r.out.split(separator: "\n").map(String.init)
    #expect(lines == [
      "complete -o filenames -F _podhist podhist",
      "podhist w|why",
      "podhist get pods -o |table wide json yaml name jsonpath= custom-columns=",
      "podhist get pods -A --output j|json jsonpath=",
      "podhist why 9wfxl -o |text wide json yaml html",
      "podhist import --format events-|events-table events-json events-yaml",
      "podhist get pods -n |default",
      "podhist why spring|springboot-mybatis-deployment-dcd7f8bbf-9wfxl springboot-mybatis-deployment-dcd7f8bbf-q7nhp",
    ], "\(r.out) \(r.err)")
  }
}
