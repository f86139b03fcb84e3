import Foundation
import Testing

/// kubectl's ways of slicing `get pods`, through the CLI, on the generated cluster of
/// fixtures/deletion: every expectation is computed from the final `kubectl get pods -A -o json`
/// itself (labels, ownerReferences, nodeName, phase), by kubectl's documented rules.
@Suite struct SlicingCLITests {
  struct Pod { var namespace: String; var name: String; var labels: [String: String]; var owner: String?; var node: String?
               var phase: String?; var created: String }

  static func pods(_ cli: CLI) throws -> [Pod] {
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cli.fixture("deletion/pods.json")))) as? [String: Any])
    return try #require(doc["items"] as? [[String: Any]]).map { i in
      let m = i["metadata"] as? [String: Any] ?? [:]
      let owner = (m["ownerReferences"] as? [[String: Any]])?.first.map { "\($0["kind"] ?? "")/\($0["name"] ?? "")" }
      return Pod(namespace: m["namespace"] as? String ?? "default", name: m["name"] as? String ?? "", labels: m["labels"] as? [String: String] ?? [:],
                 owner: owner, node: (i["spec"] as? [String: Any])?["nodeName"] as? String,
                 phase: (i["status"] as? [String: Any])?["phase"] as? String, created: m["creationTimestamp"] as? String ?? "")
    }.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
  }

  static func imported() throws -> (CLI, [Pod]) {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("deletion/events.jsonl"), cli.fixture("deletion/pods.json")]).status == 0)
    return (cli, try pods(cli))
  }

  /// `-o name` of a `get pods -A` with `args`: the pods' names in the order printed.
  static func names(_ cli: CLI, _ args: [String]) throws -> [String] {
    let r = try cli.run(["get", "pods", "-A", "-o", "name"] + args)
    #expect(r.status == 0, "\(args): \(r.err)")
    return r.out.split(separator: "\n").map { line in
      #expect(line.hasPrefix("pod/"), "\(line)")
      return String(line.dropFirst(4))
    }
  }

  @Test func labelSelectorsAsKubectlDocumentsThem() throws {
    let (cli, pods) = try Self.imported()
    let apps = Set(pods.compactMap { $0.labels["app"] }).sorted()
    #expect(apps.count >= 5)
    let (a, b) = (apps[0], apps[1])
    let cases: [(String, (Pod) -> Bool)] = [
      ("app=\(a)", { $0.labels["app"] == a }),
      ("app==\(a)", { $0.labels["app"] == a }),
      // `!=` also selects the pods without the key.
      ("app!=\(a)", { $0.labels["app"] != a }),
      ("app in (\(a), \(b))", { [a, b].contains($0.labels["app"] ?? "") }),
      ("app notin (\(a),\(b))", { !([a, b].contains($0.labels["app"] ?? "")) }),
      ("pod-template-hash", { $0.labels["pod-template-hash"] != nil }),
      ("!pod-template-hash", { $0.labels["pod-template-hash"] == nil }),
      // A comma is a logical AND.
      ("app,app!=\(a),!pod-template-hash", { $0.labels["app"] != nil && $0.labels["app"] != a && $0.labels["pod-template-hash"] == nil }),
    ]
    for (selector, want) in cases {
      let expected = pods.filter(want).map(\.name)
      #expect(try Self.names(cli, ["-l", selector]) == expected, "-l \(selector)")
    }
    let bad = try cli.run(["get", "pods", "-A", "-l", "app in \(a)"])
    #expect(bad.status == 2 && bad.err.contains("-l app in \(a)"), "\(bad.err)")
  }

  @Test func fieldSelectorsOwnersAndNames() throws {
    let (cli, pods) = try Self.imported()
    let node = try #require(pods.compactMap(\.node).first)
    #expect(try Self.names(cli, ["--field-selector", "spec.nodeName=\(node)"]) == pods.filter { $0.node == node }.map(\.name))
    #expect(try Self.names(cli, ["--field-selector", "status.phase!=Running,metadata.namespace!=kube-system"])
            == pods.filter { $0.phase != "Running" && $0.namespace != "kube-system" }.map(\.name))
    let unsupported = try cli.run(["get", "pods", "-A", "--field-selector", "spec.hostNetwork=true"])
    #expect(unsupported.status == 2)
    #expect(unsupported.err.contains("field label not supported: spec.hostNetwork"), "\(unsupported.err)")

    // --owner: the ReplicaSet, and the Deployment its name tells (`<deployment>-<pod-template-hash>`).
    let rs = try #require(pods.compactMap(\.owner).first { $0.hasPrefix("ReplicaSet/") })
    let deployment = String(rs.dropFirst("ReplicaSet/".count).split(separator: "-").dropLast().joined(separator: "-"))
    let owned = pods.filter { $0.owner == rs }.map(\.name)
    #expect(!owned.isEmpty)
    #expect(try Self.names(cli, ["--owner", rs]) == owned)
    #expect(try Self.names(cli, ["--owner", "deploy/\(deployment)"]) == owned)
    #expect(try cli.run(["get", "pods", "--owner", "web"]).status == 2)

    // NAME...: exact, then unique prefix, then unique suffix, in the order given.
    let (p, q) = (pods[3], pods[7])
    let r = try cli.run(["get", "pods", "-n", q.namespace, String(q.name.suffix(5)), "-o", "name"])
    #expect(r.out == "pod/\(q.name)\n", "\(r.err)")
    let two = try cli.run(["get", "pods", p.name, String(q.name.suffix(5)), "-o", "name"])
    #expect(two.out == "pod/\(p.name)\npod/\(q.name)\n", "\(two.err)")
    #expect(try cli.run(["get", "pods", p.name, "no-such-pod"]).status == 1)
  }

  @Test func outputFormsAndSortBy() throws {
    let (cli, pods) = try Self.imported()
    let path = try cli.run(["get", "pods", "-A", "-o", "jsonpath={.items[*].metadata.name}"])
    #expect(path.out == pods.map(\.name).joined(separator: " "))
    let range = try cli.run(["get", "pods", "-A", "-o", "jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\n\"}{end}"])
    #expect(range.out == pods.map { "\($0.namespace)/\($0.name)\n" }.joined())
    // One pod asked for by name is the object itself.
    let one = try cli.run(["get", "pods", "-n", pods[0].namespace, pods[0].name, "-o", "jsonpath='{.metadata.labels.app}'"])
    #expect(one.out == (pods[0].labels["app"] ?? ""))

    let columns = try cli.run(["get", "pods", "-A", "-o", "custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,APP:metadata.labels.app"])
    let lines = columns.out.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
    #expect(lines.first == ["NAME", "NODE", "APP"])
    #expect(Array(lines.dropFirst()) == pods.map { [$0.name, $0.node ?? "<none>", $0.labels["app"] ?? "<none>"] })

    // --sort-by: a JSONPath on the Pod object, with or without braces; equal keys keep the listing's order.
    let byCreation = pods.enumerated().sorted { ($0.element.created, $0.offset) < ($1.element.created, $1.offset) }.map(\.element.name)
    #expect(try Self.names(cli, ["--sort-by", ".metadata.creationTimestamp"]) == byCreation)
    #expect(try Self.names(cli, ["--sort-by", "{.metadata.creationTimestamp}"]) == byCreation)
    #expect(try cli.run(["get", "pods", "-A", "-o", "jsonpath={.items[", "--sort-by", ".x"]).status == 2)
  }

  @Test func statusAndCauseAgreeWithTheListingAndWhy() throws {
    let (cli, _) = try Self.imported()
    let all = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["get", "pods", "-A", "-o", "json"]).out.utf8)) as? [String: Any])
    let items = try #require(all["items"] as? [[String: Any]])
    let status = "CrashLoopBackOff"
    let want = items.filter { $0["status"] as? String == status }.map { $0["name"] as? String ?? "" }
    #expect(!want.isEmpty)
    #expect(try Self.names(cli, ["--status", status.lowercased()]) == want)

    let why = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["why", "-A", "-o", "json"]).out.utf8)) as? [String: Any])
    let tops = try #require(why["items"] as? [[String: Any]]).compactMap { i -> (String, String)? in
      guard let code = (i["causes"] as? [[String: Any]])?.first?["code"] as? String else { return nil }
      return (i["name"] as? String ?? "", code)
    }
    let family = try #require(tops.first?.1.split(separator: ".").first.map(String.init))
    // Every pod `why -A` lists under the family is listed by --cause (pods why -A leaves out may add to it).
    let listed = Set(try Self.names(cli, ["--cause", family]))
    #expect(Set(tops.filter { $0.1.hasPrefix(family + ".") }.map(\.0)).isSubset(of: listed))
    for name in listed {
      let one = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["why", name, "-o", "json"]).out.utf8)) as? [String: Any])
      let code = ((one["items"] as? [[String: Any]])?.first?["causes"] as? [[String: Any]])?.first?["code"] as? String
      #expect(code?.hasPrefix(family + ".") == true, "\(name): \(code ?? "-")")
    }
    let bad = try cli.run(["get", "pods", "--cause", "NoSuchThing"])
    #expect(bad.status == 2 && bad.err.contains("NoSuchThing"))
  }
}
