import Foundation
import Testing

/// `why -A` as a cluster view, through the CLI, on the generated cluster of fixtures/deletion:
/// the summary's counts and the per-pod lines agree with `why -A -o json` and with the owners the
/// final `kubectl get pods -A -o json` records.
@Suite struct ClusterViewCLITests {
  struct Listed { var namespace: String; var name: String; var code: String; var confidence: String; var summary: String }

  static func listed(_ cli: CLI, _ args: [String] = []) throws -> (items: [Listed], summary: [String: Any]) {
    let r = try cli.run(["why", "-A", "-o", "json"] + args)
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r.err)")
    let items = try #require(doc["items"] as? [[String: Any]]).map { i in
      let top = (i["causes"] as? [[String: Any]])?.first ?? [:]
      return Listed(namespace: i["namespace"] as? String ?? "", name: i["name"] as? String ?? "", code: top["code"] as? String ?? "none",
                    confidence: top["confidence"] as? String ?? "-", summary: top["summary"] as? String ?? "-")
    }
    return (items, try #require(doc["summary"] as? [String: Any]))
  }

  /// Each pod's workload from the final listing's ownerReferences: a ReplicaSet's Deployment, a Job's CronJob.
  static func owners(_ cli: CLI) throws -> [String: String] {
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cli.fixture("deletion/pods.json")))) as? [String: Any])
    var out: [String: String] = [:]
    for i in try #require(doc["items"] as? [[String: Any]]) {
      let m = i["metadata"] as? [String: Any] ?? [:]
      guard let ref = (m["ownerReferences"] as? [[String: Any]])?.first, let kind = ref["kind"] as? String, let name = ref["name"] as? String else { continue }
      let parent = name.split(separator: "-").dropLast().joined(separator: "-")
      out["\(m["namespace"] ?? "")/\(m["name"] ?? "")"] = switch kind {
      case "ReplicaSet": "Deployment/\(parent)"
      case "Job" where name.split(separator: "-").last.map { $0.count >= 8 && $0.allSatisfy(\.isNumber) } == true: "CronJob/\(parent)"
      default: "\(kind)/\(name)"
      }
    }
    return out
  }

  static func counts(_ keys: [String]) -> [String: Int] { keys.reduce(into: [:]) { $0[$1, default: 0] += 1 } }

  static func group(_ summary: [String: Any], _ field: String, _ key: String) throws -> [(String, Int)] {
    try #require(summary[field] as? [[String: Any]]).map { ($0[key] as? String ?? "", $0["pods"] as? Int ?? -1) }
  }

  @Test func theSummaryCountsWhatIsListedWorstFirst() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("deletion/events.jsonl"), cli.fixture("deletion/pods.json")]).status == 0)
    let (items, summary) = try Self.listed(cli)
    #expect(items.count >= 5)
    #expect(summary["pods"] as? Int == items.count)
    let owners = try Self.owners(cli)
    for (field, key, want) in [("byCause", "code", Self.counts(items.map(\.code))),
                               ("byNamespace", "namespace", Self.counts(items.map(\.namespace))),
                               ("byOwner", "owner", Self.counts(items.compactMap { owners["\($0.namespace)/\($0.name)"] }))] {
      let got = try Self.group(summary, field, key)
      #expect(Dictionary(uniqueKeysWithValues: got) == want, "\(field)")
      #expect(got.map(\.1) == got.map(\.1).sorted(by: >), "\(field) is worst first")
    }

    // The text: the summary's headline and groups, then one line per pod with its top cause.
    let text = try cli.run(["why", "-A"]).out
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let namespaces = Set(items.map(\.namespace)).count
    #expect(lines.first == "\(items.count) pods need attention in \(namespaces) namespaces.")
    let top = try Self.group(summary, "byCause", "code").prefix(3).map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    #expect(lines.contains { $0.hasPrefix("  by cause:") && $0.contains(top) }, "\(text)")
    let header = try #require(lines.firstIndex { $0.hasPrefix("NAMESPACE ") })
    #expect(lines[header].split(separator: " ", omittingEmptySubsequences: true)
            == ["NAMESPACE", "NAME", "STATUS", "RESTARTS", "CAUSE", "CONFIDENCE", "SINCE"])
    let rows = lines[(header + 1)...].filter { !$0.isEmpty }.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
    #expect(rows.count == items.count)
    for (row, item) in zip(rows, items) {
      #expect(row[0] == item.namespace && row[1] == item.name, "\(row)")
      #expect(row.contains { $0 == item.code || $0.hasPrefix(item.code + "[") }, "\(row) \(item.code)")
      #expect(row.contains(item.confidence), "\(row)")
    }

    // --summary: only the summary.
    let only = try cli.run(["why", "-A", "--summary"]).out
    #expect(only.hasPrefix(lines[0] + "\n"))
    #expect(!only.contains("NAMESPACE "))
    #expect(only.split(separator: "\n").count == 4)

    // -o wide: each line ends with its top cause's sentence.
    let wide = try cli.run(["why", "-A", "-o", "wide"]).out
    for item in items { #expect(wide.split(separator: "\n").contains { $0.contains(item.name) && $0.hasSuffix(item.summary) }, "\(item.name)") }
  }

  @Test func whyAllNamespacesSlicesAsGetPods() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("deletion/events.jsonl"), cli.fixture("deletion/pods.json")]).status == 0)
    let (items, _) = try Self.listed(cli)
    let owners = try Self.owners(cli)
    let (owner, _) = try #require(Self.counts(items.compactMap { owners["\($0.namespace)/\($0.name)"] }).max { $0.value < $1.value })
    let (sliced, summary) = try Self.listed(cli, ["--owner", owner])
    #expect(sliced.map(\.name) == items.filter { owners["\($0.namespace)/\($0.name)"] == owner }.map(\.name))
    #expect(summary["pods"] as? Int == sliced.count)
    let family = try #require(items.first?.code.split(separator: ".").first.map(String.init))
    #expect(try Self.listed(cli, ["--cause", family]).items.map(\.name) == items.filter { $0.code.hasPrefix(family + ".") }.map(\.name))
    let ns = try #require(items.first?.namespace)
    #expect(try Self.listed(cli, ["--field-selector", "metadata.namespace=\(ns)"]).items.map(\.name)
            == items.filter { $0.namespace == ns }.map(\.name))
    // The selectors and --summary are for the listing, not for one pod.
    #expect(try cli.run(["why", items[0].name, "--summary"]).status == 2)
    #expect(try cli.run(["why", items[0].name, "-l", "app=x"]).status == 2)
  }
}
