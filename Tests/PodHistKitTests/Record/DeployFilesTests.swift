import Foundation
import Testing
import TestSupport
import Yams

/// What docs/deploy ships for leaving `podhist record` running: an RBAC manifest that grants list
/// and watch on pods and events and nothing else, bound to the ServiceAccount it creates, and a
/// systemd unit that stops the recorder with SIGTERM and starts it again.
@Suite struct DeployFilesTests {
  static func text(_ name: String) throws -> String {
    try String(contentsOf: repositoryRoot.appending(path: "docs/deploy/\(name)"), encoding: .utf8)
  }

  @Test func theRoleListsAndWatchesPodsAndEventsOnly() throws {
    let documents = try Yams.load_all(yaml: try Self.text("podhist-rbac.yaml")).compactMap { $0 as? [String: Any] }
    func of(_ kind: String) -> [[String: Any]] { documents.filter { $0["kind"] as? String == kind } }
    func name(_ d: [String: Any]) -> String? { (d["metadata"] as? [String: Any])?["name"] as? String }
    let role = try #require(of("ClusterRole").first)
    #expect(of("ClusterRole").count == 1 && of("Role").isEmpty)
    let rules = try #require(role["rules"] as? [[String: Any]])
    var granted = Set<String>()
    for rule in rules {
      #expect(rule["apiGroups"] as? [String] == [""])
      #expect(rule["nonResourceURLs"] == nil && rule["resourceNames"] == nil)
      for resource in rule["resources"] as? [String] ?? [] {
        for verb in rule["verbs"] as? [String] ?? [] { granted.insert("\(verb) \(resource)") }
      }
    }
    #expect(granted == ["list pods", "watch pods", "list events", "watch events"])
    // Bound to the ServiceAccount the manifest creates, in its namespace.
    let account = try #require(of("ServiceAccount").first)
    let namespace = (account["metadata"] as? [String: Any])?["namespace"] as? String
    #expect(of("Namespace").compactMap(name).contains(namespace ?? ""))
    let binding = try #require(of("ClusterRoleBinding").first)
    let ref = try #require(binding["roleRef"] as? [String: Any])
    #expect(ref["kind"] as? String == "ClusterRole" && ref["name"] as? String == name(role))
    let subjects = try #require(binding["subjects"] as? [[String: Any]])
    #expect(subjects.count == 1)
    #expect(subjects.first?["kind"] as? String == "ServiceAccount")
    #expect(subjects.first?["name"] as? String == name(account) && subjects.first?["namespace"] as? String == namespace)
  }

  @Test func theUnitRecordsAllNamespacesStopsWithSIGTERMAndRestarts() throws {
    var settings: [String: String] = [:]
    for line in try Self.text("podhist-record.service").split(separator: "\n") where !line.hasPrefix("#") {
      guard let eq = line.firstIndex(of: "=") else { continue }
      settings[String(line[..<eq])] = String(line[line.index(after: eq)...])
    }
    let exec = try #require(settings["ExecStart"]).split(separator: " ").map(String.init)
    #expect(exec.first?.hasSuffix("/podhist") == true && exec.dropFirst().first == "record")
    #expect(exec.contains("-A") && exec.contains("--kubeconfig") && exec.contains("--store"))
    #expect(settings["KillSignal"] == "SIGTERM")
    #expect(settings["Restart"] == "always")
    #expect(settings["WantedBy"] == "multi-user.target")
  }
}
