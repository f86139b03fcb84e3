import Foundation
import Testing

/// Deletion as a fact, through the CLI, on a generated cluster where 40% of the pods are deleted
/// during the day (fixtures/deletion: events, the final `kubectl get pods -A -o json`, and the
/// generator's truth cut to who was deleted).
@Suite struct DeletionCLITests {
  struct TruthPod: Decodable { var namespace: String; var name: String; var uid: String; var deleted: Bool; var code: String }
  struct Truth: Decodable { var pods: [TruthPod] }

  static func truth(_ cli: CLI) throws -> [TruthPod] {
    try JSONDecoder().decode(Truth.self, from: Data(contentsOf: URL(fileURLWithPath: cli.fixture("deletion/truth.json")))).pods
  }

  static func json(_ r: CLI.Result) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
  }

  static func items(_ r: CLI.Result) throws -> [[String: Any]] {
    try #require(try json(r)["items"] as? [[String: Any]])
  }

  static func key(_ i: [String: Any]) -> String { "\(i["namespace"] ?? "")/\(i["name"] ?? "")" }

  @Test func aCompleteListProvesWhichPodsAreGone() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("deletion/events.jsonl"), cli.fixture("deletion/pods.json")]).status == 0)
    let truth = try Self.truth(cli)
    // (A StatefulSet pod recreated under its name is alive under a new uid: the name exists.)
    let alive = Set(truth.filter { !$0.deleted }.map { "\($0.namespace)/\($0.name)" })
    let deleted = Set(truth.filter(\.deleted).map { "\($0.namespace)/\($0.name)" }).subtracting(alive)
    #expect(deleted.count >= 5)

    // kubectl get pods: only the pods that exist.
    let listed = Set(try Self.items(try cli.run(["get", "pods", "-A", "-o", "json"])).map(Self.key))
    #expect(listed == alive)

    // --show-deleted: every pod, the deleted ones saying so (and how it is known).
    let all = try Self.items(try cli.run(["get", "pods", "-A", "-o", "json", "--show-deleted"]))
    #expect(Set(all.map(Self.key)) == alive.union(deleted))
    for i in all {
      let d = i["deleted"] as? [String: Any]
      #expect((d != nil) == deleted.contains(Self.key(i)), "\(Self.key(i))")
      if let d { #expect(d["basis"] as? String == "absent-from-listing"); #expect(d["observed"] as? Bool == true) }
    }
    let table = try cli.run(["get", "pods", "-A", "--show-deleted"])
    #expect(table.out.split(separator: "\n").first?.hasSuffix("DELETED") == true)
    #expect(table.out.split(separator: "\n").filter { !$0.hasSuffix(" -") }.count == deleted.count + 1)

    // why -A: no deleted pod, and no stuck termination anywhere.
    let why = try Self.items(try cli.run(["why", "-A", "-o", "json"]))
    #expect(why.allSatisfy { !deleted.contains(Self.key($0)) })
    let tops = why.compactMap { ($0["causes"] as? [[String: Any]])?.first?["code"] as? String }
    #expect(!tops.contains("Terminating.Stuck"))

    // why POD on a deleted pod: gone, high confidence, its earlier trouble after.
    let gone = try #require(truth.first { deleted.contains("\($0.namespace)/\($0.name)") && $0.code != "Running.Healthy" })
    let r = try cli.run(["why", "-n", gone.namespace, gone.name, "-o", "json"])
    #expect(r.status == 0)
    let causes = try #require((try Self.items(r).first?["causes"]) as? [[String: Any]])
    #expect(causes.first?["code"] as? String == "Deleted")
    #expect(causes.first?["confidence"] as? String == "high")
    #expect(causes.count > 1)
    let text = try cli.run(["why", "-n", gone.namespace, gone.name])
    #expect(text.out.contains("Cause: Deleted (high confidence)"))
    #expect(text.out.contains("complete listing"))
  }

  @Test func eventsAloneNeverCallADeletedPodStuck() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("deletion/events.jsonl")]).status == 0)
    let truth = try Self.truth(cli)
    let alive = Set(truth.filter { !$0.deleted }.map { "\($0.namespace)/\($0.name)" })
    let deleted = Set(truth.filter(\.deleted).map { "\($0.namespace)/\($0.name)" }).subtracting(alive)
    let why = try Self.items(try cli.run(["why", "-A", "-o", "json"]))
    for i in why {
      let top = (i["causes"] as? [[String: Any]])?.first
      #expect(top?["code"] as? String != "Terminating.Stuck", "\(Self.key(i))")
      if deleted.contains(Self.key(i)) { #expect(top?["confidence"] as? String != "high" || top?["code"] as? String == "Deleted", "\(Self.key(i))") }
    }
    // A deleted pod whose containers were stopped and then nothing: deleted (likely).
    let all = try Self.items(try cli.run(["get", "pods", "-A", "-o", "json", "--show-deleted"]))
    let likely = all.filter { ($0["deleted"] as? [String: Any])?["observed"] as? Bool == false }
    #expect(!likely.isEmpty)
    #expect(likely.allSatisfy { deleted.contains(Self.key($0)) })
  }

  @Test func aWatchDeletedNoticeIsADeletion() throws {
    let cli = try CLI()
    let list = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cli.fixture("deletion/pods.json")))) as? [String: Any])
    var pod = try #require((list["items"] as? [[String: Any]])?.first)
    var meta = try #require(pod["metadata"] as? [String: Any])
    let name = try #require(meta["name"] as? String), ns = try #require(meta["namespace"] as? String)
    meta["annotations"] = ["podhist.test/observed-at": "2025-03-10T12:00:00Z"]
    pod["metadata"] = meta
    var later = pod
    meta["annotations"] = ["podhist.test/observed-at": "2025-03-10T12:05:00Z"]
    later["metadata"] = meta
    var lines = ""
    for (type, obj) in [("ADDED", pod), ("DELETED", later)] {
      lines += String(decoding: try JSONSerialization.data(withJSONObject: ["type": type, "object": obj], options: [.sortedKeys]), as: UTF8.self) + "\n"
    }
    #expect(try cli.run(["import", "-"], stdin: Data(lines.utf8)).status == 0)
    #expect(!(try cli.run(["get", "pods", "-A"]).out.contains(name)))
    #expect(try cli.run(["get", "pods", "-A", "--at", "2025-03-10T12:01:00Z"]).out.contains(name))
    let why = try cli.run(["why", "-n", ns, name])
    #expect(why.out.contains("Cause: Deleted (high confidence)"))
    #expect(why.out.contains("a watch reported it DELETED"))
  }
}
