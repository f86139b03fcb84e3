import Foundation
import Testing
@testable import PodHistKit

/// kubectl's selectors and output forms, checked against kubectl's documented behaviour
/// (kubernetes.io: "Labels and Selectors", "Field Selectors", "JSONPath Support").
@Suite struct SlicingTests {
  // MARK: label selectors (kubernetes.io/docs/concepts/overview/working-with-objects/labels)

  @Test func equalityBasedRequirements() throws {
    let prod = ["environment": "production", "tier": "frontend"]
    let qa = ["environment": "qa", "tier": "backend"]
    let bare: [String: String] = [:]
    #expect(try LabelSelector("environment = production").matches(prod))
    #expect(try !LabelSelector("environment = production").matches(qa))
    #expect(try LabelSelector("environment==production").matches(prod))
    // "tier != frontend" selects all resources without tier=frontend, including those with no tier label.
    #expect(try !LabelSelector("tier != frontend").matches(prod))
    #expect(try LabelSelector("tier != frontend").matches(qa))
    #expect(try LabelSelector("tier != frontend").matches(bare))
    // Comma: AND.
    #expect(try LabelSelector("environment=production,tier!=frontend").matches(["environment": "production", "tier": "backend"]))
    #expect(try !LabelSelector("environment=production,tier!=frontend").matches(prod))
    // An empty selector selects everything.
    #expect(try LabelSelector("").matches(bare))
  }

  @Test func setBasedRequirements() throws {
    let prod = ["environment": "production", "tier": "frontend", "partition": "customerA"]
    let dev = ["environment": "dev", "tier": "cache"]
    #expect(try LabelSelector("environment in (production, qa)").matches(prod))
    #expect(try !LabelSelector("environment in (production, qa)").matches(dev))
    // notin: also every resource without the key.
    #expect(try !LabelSelector("tier notin (frontend,backend)").matches(prod))
    #expect(try LabelSelector("tier notin (frontend,backend)").matches(dev))
    #expect(try LabelSelector("tier notin (frontend,backend)").matches([:]))
    #expect(try LabelSelector("partition").matches(prod))
    #expect(try !LabelSelector("partition").matches(dev))
    #expect(try LabelSelector("!partition").matches(dev))
    #expect(try !LabelSelector("!partition").matches(prod))
    #expect(try LabelSelector("partition in (customerA, customerB),environment!=qa").matches(prod))
    #expect(try LabelSelector("app.kubernetes.io/name in (web),replicas>2").matches(["app.kubernetes.io/name": "web", "replicas": "3"]))
    #expect(try !LabelSelector("replicas<2").matches(["replicas": "3"]))
  }

  @Test func invalidLabelSelectorsAreUsageErrors() {
    for bad in ["a b", "-bad=x", "a=b c", "env in production", "tier notin ()", "x=" + String(repeating: "v", count: 64), "a,,b", "n>x"] {
      #expect(throws: QueryError.self, "\(bad)") { try LabelSelector(bad) }
    }
    #expect(QueryError.badFlag("").exitStatus == 2)
  }

  // MARK: field selectors (kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors)

  @Test func fieldSelectors() throws {
    let fields = ["metadata.name": "web-0", "metadata.namespace": "shop", "status.phase": "Pending"]
    let value = { (f: String) in fields[f] }
    #expect(try FieldSelector("status.phase=Pending").matches(value))
    #expect(try FieldSelector("status.phase==Pending").matches(value))
    #expect(try !FieldSelector("status.phase!=Pending").matches(value))
    #expect(try FieldSelector("metadata.namespace!=default,status.phase=Pending").matches(value))
    // An unscheduled pod's spec.nodeName is empty: `spec.nodeName=` selects it.
    #expect(try FieldSelector("spec.nodeName=").matches(value))
    #expect(try !FieldSelector("spec.nodeName!=").matches(value))
    // `kubectl get pods` and `kubectl get pods --field-selector ""` are equivalent.
    #expect(try FieldSelector("").matches(value))
    // Using unsupported field selectors produces an error naming the field (exit 2).
    do {
      _ = try FieldSelector("status.phase=Running,metadata.labels=x")
      Issue.record("metadata.labels accepted")
    } catch let e as QueryError {
      #expect(e.exitStatus == 2)
      #expect(e.description.contains("field label not supported: metadata.labels"), "\(e)")
    }
    #expect(throws: QueryError.self) { try FieldSelector("status.phase") }
    // An escaped comma is part of the value.
    #expect(try FieldSelector("metadata.name=a\\,b").matches { $0 == "metadata.name" ? "a,b" : nil })
  }

  // MARK: JSONPath (kubernetes.io/docs/reference/kubectl/jsonpath), on the page's own input

  static let doc: JSONValue = .object([
    ("kind", .string("List")),
    ("items", .array([
      .object([("kind", .string("None")),
               ("metadata", .object([("name", .string("127.0.0.1")),
                                     ("labels", .object([("kubernetes.io/hostname", .string("127.0.0.1"))]))])),
               ("status", .object([("capacity", .object([("cpu", .string("4"))])),
                                   ("addresses", .array([.object([("type", .string("LegacyHostIP")), ("address", .string("127.0.0.1"))])]))]))]),
      .object([("kind", .string("None")),
               ("metadata", .object([("name", .string("127.0.0.2"))])),
               ("status", .object([("capacity", .object([("cpu", .string("8"))])),
                                   ("addresses", .array([.object([("type", .string("LegacyHostIP")), ("address", .string("127.0.0.2"))]),
                                                         .object([("type", .string("another")), ("address", .string("127.0.0.3"))])]))]))]),
    ])),
    ("users", .array([
      .object([("name", .string("myself")), ("user", .object([]))]),
      .object([("name", .string("e2e")), ("user", .object([("username", .string("admin")), ("password", .string("secret"))]))]),
    ])),
  ])

  @Test(arguments: [
    ("{.kind}", "List"),
    ("{['kind']}", "List"),
    ("{..name}", "127.0.0.1 127.0.0.2 myself e2e"),
    ("{.items[*].metadata.name}", "127.0.0.1 127.0.0.2"),
    ("{.users[0].name}", "myself"),
    ("{.items[-1:].metadata.name}", "127.0.0.2"),
    ("{.users[?(@.name==\"e2e\")].user.password}", "secret"),
    ("{.items[0].metadata.labels['kubernetes.io/hostname']}", "127.0.0.1"),
    ("{.items[*].status.addresses[?(@.type=='another')].address}", "127.0.0.3"),
    ("{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}", "[127.0.0.1, {\"cpu\":\"4\"}] [127.0.0.2, {\"cpu\":\"8\"}] "),
    ("{range .items[*]}{.metadata.name}{\"\\t\"}{.status.capacity.cpu}{\"\\n\"}{end}", "127.0.0.1\t4\n127.0.0.2\t8\n"),
    ("{.items[0:1].kind} and {.missing.field}.", "None and ."),
  ])
  func jsonPathAsKubectlDocumentsIt(_ template: String, _ expected: String) throws {
    #expect(try JSONPath(template).render(Self.doc) == expected)
  }

  @Test func badJSONPathIsAUsageError() {
    for bad in ["{.items[", "{range .items[*]}{.name}", "{end}", "{.a[?(x)]}"] {
      #expect(throws: QueryError.self, "\(bad)") { try JSONPath(bad) }
    }
  }

  @Test func outputFormsAndSorting() throws {
    guard case .jsonpath = try PodListOutput("jsonpath='{.items[*].name}'") else { Issue.record("jsonpath"); return }
    guard case let .customColumns(cols) = try PodListOutput("custom-columns=NAME:.name,RESTARTS:.restarts,IMAGE:.containers[*].image") else {
      Issue.record("custom-columns"); return
    }
    let items: [JSONValue] = [
      .object([("name", .string("web-1")), ("restarts", .int(12)), ("containers", .array([.object([("image", .string("nginx")), ]), .object([("image", .string("envoy"))])]))]),
      .object([("name", .string("web-0")), ("restarts", .int(3)), ("containers", .array([]))]),
    ]
    #expect(PodListOutput.customColumns(cols, items: items) == renderTable(headers: ["NAME", "RESTARTS", "IMAGE"],
                                                                            rows: [["web-1", "12", "nginx,envoy"], ["web-0", "3", "<none>"]]))
    // Numbers sort by value (3 before 12), strings lexically; stable; a missing field first.
    let byRestarts = PodListOutput.sorted(items, by: try JSONPath(".restarts")) { $0 }
    #expect(byRestarts.map { JSONPath.text(JSONPath.select([.field("name")], from: [$0], root: $0).first ?? .null) } == ["web-0", "web-1"])
    let byMissing = PodListOutput.sorted(items, by: try JSONPath("{.containers[0].image}")) { $0 }
    #expect(byMissing.first == items[1])
    #expect(throws: QueryError.self) { try PodListOutput("go-template={{.x}}") }
    #expect(throws: QueryError.self) { try PodListOutput("custom-columns=NAME") }
    #expect(!PodListOutput.recognises("jsno") && PodListOutput.recognises("jsonpath={.a}") && PodListOutput.recognises("name"))
  }

  /// kubectl's sorter compares strings in natural order: `web-2` before `web-10`.
  @Test func sortByIsNatural() throws {
    let names = ["web-10", "web-2", "web-1", "api", "web-02"].map { JSONValue.object([("metadata", .object([("name", .string($0))]))]) }
    let sorted = PodListOutput.sorted(names, by: try JSONPath("{.metadata.name}")) { $0 }
    #expect(sorted.map { try! JSONPath("{.metadata.name}").render($0) } == ["api", "web-1", "web-2", "web-02", "web-10"])
  }

  // MARK: owners

  @Test func ownersFromReferencesAndNames() {
    #expect(PodOwners.of(name: "web-7d4b9c8f5d-x2x9q", owner: "ReplicaSet/web-7d4b9c8f5d") == ["ReplicaSet/web-7d4b9c8f5d", "Deployment/web"])
    #expect(PodOwners.of(name: "backup-29026521-xjznc", owner: "Job/backup-29026521") == ["Job/backup-29026521", "CronJob/backup"])
    #expect(PodOwners.of(name: "postgres-1", owner: "StatefulSet/postgres") == ["StatefulSet/postgres"])
    #expect(PodOwners.of(name: "keycloak-cg9r7xl69x-vbzmt", owner: nil) == ["ReplicaSet/keycloak-cg9r7xl69x", "Deployment/keycloak"])
    #expect(PodOwners.of(name: "redis-2", owner: nil) == ["StatefulSet/redis"])
    #expect(PodOwners.of(name: "hello", owner: nil).isEmpty)
    #expect(PodOwners.kind("deploy") == "Deployment")
    #expect(PodOwners.kind("sts") == "StatefulSet")
  }
}
