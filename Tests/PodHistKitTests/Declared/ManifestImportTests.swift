import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// Manifests are declarations, not observations (issue 17): each manifest kind yields declared
/// facts only, `get pods` lists none of them, and a workload's template applies to the pods it owns.
@Suite struct ManifestImportTests {
  /// Imports fixtures into a fresh store and opens it.
  static func service(_ files: [String]) throws -> PodHistService {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-manifest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appending(path: "podhist.db").path
    _ = try PodHistService.importFiles(files.map { fixture($0).path }, intoStoreAt: path)
    return try PodHistService.open(path: path)
  }

  struct Kind: Sendable, CustomTestStringConvertible {
    var file: String, kind: String, namespace: String, name: String, containers: [String]
    var testDescription: String { kind }
  }

  static let kinds: [Kind] = [
    Kind(file: "manifests/pod.yaml", kind: "Pod", namespace: "default", name: "javaweb-2", containers: ["war", "log-shipper", "tomcat"]),
    Kind(file: "manifests/deployment.yaml", kind: "Deployment", namespace: "default", name: "springboot-mybatis-deployment", containers: ["spingboot-mybatis"]),
    Kind(file: "manifests/replicaset.yaml", kind: "ReplicaSet", namespace: "shop", name: "frontend", containers: ["php-redis"]),
    Kind(file: "manifests/statefulset.yaml", kind: "StatefulSet", namespace: "default", name: "web", containers: ["nginx"]),
    Kind(file: "manifests/daemonset.yaml", kind: "DaemonSet", namespace: "kube-system", name: "fluentd-elasticsearch", containers: ["fluentd-elasticsearch"]),
    Kind(file: "manifests/job.yaml", kind: "Job", namespace: "default", name: "pi", containers: ["pi"]),
    Kind(file: "manifests/cronjob.yaml", kind: "CronJob", namespace: "default", name: "hello", containers: ["hello"]),
  ]

  @Test(arguments: kinds) func eachManifestKindIsADeclarationNeverAStatus(_ k: Kind) throws {
    let service = try Self.service([k.file])
    let objects = try service.store.objects(kind: nil)
    #expect(objects.map(\.kind) == [k.kind])
    let facts = try service.store.facts(of: try #require(objects.first))
    #expect(facts.count == 1)
    let f = try #require(facts.first)
    #expect(f.snapshot == nil && f.event == nil)
    let d = try #require(f.declaration)
    #expect(d.declaredBy == k.kind)
    #expect(f.object == ObjectRef(kind: k.kind, namespace: k.namespace, name: k.name))
    #expect(d.containers.map(\.name) == k.containers)
    #expect(f.provenance.format == "manifest-yaml")
    // `get pods` lists only observed pods.
    let listed = try service.listPods(namespace: nil, at: nil) { $0.object.name }
    #expect(listed.isEmpty)
  }

  @Test func aPodManifestDeclaresEverySpecFieldTheIssueNames() throws {
    let service = try Self.service(["manifests/pod.yaml"])
    let pod = try service.resolve("javaweb-2", namespace: nil)
    let declared = try #require(try service.declaredOnly(pod))
    let d = try #require(declared.first?.declaration)
    #expect(d.containers.map(\.kind) == [.`init`, .sidecar, .regular])
    let tomcat = try #require(d.containers.last)
    #expect(tomcat.spec.ports == [ContainerPort(containerPort: 8080, hostPort: 8001)])
    #expect(tomcat.spec.liveness?.portNumber == 8080 && tomcat.spec.liveness?.initialDelaySeconds == 10)
    #expect(tomcat.spec.requests == ["cpu": "500m", "memory": "256Mi"] && tomcat.spec.limits == ["memory": "512Mi"])
    #expect(tomcat.spec.preStop == "exec [/usr/sbin/nginx -s quit]")
    #expect(tomcat.securityContext == "runAsNonRoot=true")
    #expect(d.spec.restartPolicy == "OnFailure" && d.spec.activeDeadlineSeconds == 600)
    #expect(d.spec.nodeSelector == ["disktype": "ssd"])
    #expect(d.spec.tolerations == ["dedicated=web:NoSchedule"])
    #expect(d.spec.nodeAffinity?.contains("kubernetes.io/arch in [amd64]") == true || d.spec.nodeAffinity?.contains("amd64") == true)
    #expect(d.spec.volumes?.map(\.name) == ["app-volume"])
    #expect(d.securityContext == "runAsUser=1000")
    // status and why on a pod known only from a manifest say so, with what it declares.
    let text = DeclarationRender.text(ObjectRef(namespace: "default", name: "javaweb-2"), declared)
    #expect(text.contains("known only from a manifest"))
    #expect(text.contains("8080/TCP (host 8001)"))
    #expect(try service.explain(pod, at: nil) == nil)
    let json = DeclarationRender.json(ObjectRef(namespace: "default", name: "javaweb-2"), declared).json()
    #expect(json.contains("\"observed\":false") || json.contains("\"observed\": false"))
  }

  @Test(arguments: [
    // (workload kind, workload name, pod, owner the pod's observation names, expected)
    ("Deployment", "web", "web-5b78f66997-6fbqk", nil, true),
    ("Deployment", "web", "web-5b78f66997-6fbqk", "ReplicaSet/web-5b78f66997", true),
    ("Deployment", "web", "web-5b78f66997-6fbqk", "ReplicaSet/other-5b78f66997", false),
    ("Deployment", "web", "web-api-5b78f66997-6fbqk", nil, false),
    ("ReplicaSet", "web-5b78f66997", "web-5b78f66997-6fbqk", nil, true),
    ("StatefulSet", "web", "web-0", nil, true),
    ("StatefulSet", "web", "web-x", nil, false),
    ("DaemonSet", "fluentd", "fluentd-7xk2p", nil, true),
    ("Job", "pi", "pi-k8z2q", "Job/pi", true),
    ("CronJob", "hello", "hello-28391234-k8z2q", nil, true),
    ("CronJob", "hello", "hello-28391234-k8z2q", "Job/hello-28391234", true),
  ] as [(String, String, String, String?, Bool)])
  func aWorkloadOwnsItsPodsByOwnerElseByNaming(_ kind: String, _ name: String, _ pod: String, _ owner: String?, _ expected: Bool) {
    #expect(PodQuery.owns(kind: kind, name: name, pod: pod, owner: owner) == expected)
  }

  @Test func aSelectorThePodsLabelsDoNotMatchDoesNotApply() {
    var d = PodDeclaration(declaredBy: "Deployment")
    d.selector = ["app": "springboot-mybatis"]
    #expect(d.selects(["app": "springboot-mybatis", "pod-template-hash": "dcd7f8bbf"]))
    #expect(!d.selects(["app": "other"]))
    #expect(d.selects(nil))
  }

  @Test func theObservationWinsAndWhyPointsOutTheDifference() throws {
    let service = try Self.service(["manifests/deployment.yaml", "manifests/describe-9wfxl.txt"])
    #expect(try service.listPods(namespace: nil, at: nil) { $0.object.name } == ["springboot-mybatis-deployment-dcd7f8bbf-9wfxl"])
    let pod = try service.resolve("9wfxl", namespace: nil)
    let e = try #require(try service.explain(pod, at: nil))
    #expect(e.causes.first?.code == .crashLoopLivenessProbe)
    let note = try #require(e.declarations.first)
    #expect(note.declaredBy == "Deployment" && note.name == "springboot-mybatis-deployment")
    #expect(note.differences.map(\.field) == ["ports"])
    #expect(note.differences.first?.declared == "8080" && note.differences.first?.observed == "8300")
    // The hint compares the probe with the observed port, not the declared one.
    let hints = e.causes.first?.hints.map { FindingText.text($0, clock: .absolute) } ?? []
    #expect(hints.contains { $0.contains("(8300)") })
    #expect(!hints.contains { $0.contains("8080") })
    // In JSON the declaration stands apart from the causes (observations): its own `declared`
    // member, with the manifest's source and each difference from what was observed.
    let json = ExplanationJSON.document([e], at: nil, clock: .absolute).json()
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let item = try #require((doc["items"] as? [[String: Any]])?.first)
    let declared = try #require(item["declared"] as? [[String: Any]])
    #expect(declared.count == 1 && declared.first?["declaredBy"] as? String == "Deployment")
    #expect((declared.first?["source"] as? [String: Any])?["name"] as? String == fixture("manifests/deployment.yaml").path
            || ((declared.first?["source"] as? [String: Any])?["name"] as? String)?.hasSuffix("deployment.yaml") == true)
    let diff = try #require((declared.first?["differences"] as? [[String: Any]])?.first)
    #expect(diff["field"] as? String == "ports" && diff["declared"] as? String == "8080" && diff["observed"] as? String == "8300")
    // No cause cites the manifest: causes come from observations only.
    let causes = try #require(item["causes"] as? [[String: Any]])
    let cited = causes.flatMap { ($0["evidence"] as? [[String: Any]]) ?? [] }.compactMap { ($0["source"] as? [String: Any])?["name"] as? String }
    #expect(!cited.isEmpty && !cited.contains { $0.hasSuffix("deployment.yaml") })
  }

  @Test func theLivenessPortHintUsesDeclaredPortsWhenTheDescribeLacksThem() throws {
    let without = try Self.service(["manifests/describe-without-ports.txt"])
    let e0 = try #require(try without.explain(try without.resolve("9wfxl", namespace: nil), at: nil))
    let h0 = e0.causes.first?.hints.map { FindingText.text($0, clock: .absolute) } ?? []
    #expect(!h0.contains { $0.contains("no container declares that port") })
    let with = try Self.service(["manifests/deployment.yaml", "manifests/describe-without-ports.txt"])
    let e1 = try #require(try with.explain(try with.resolve("9wfxl", namespace: nil), at: nil))
    let h1 = e1.causes.first?.hints.map { FindingText.text($0, clock: .absolute) } ?? []
    #expect(h1.contains { $0.contains("targets port 18082, but no container declares that port (spingboot-mybatis declares 8080/TCP)") })
  }
}
