import Foundation
import Testing

/// A pod whose paste named no namespace is owned by the workload manifest its name links it to
/// (`<deploy>-<rs-hash>-<pod-hash>`, `<sts>-<ordinal>`, `<job>-<hash>`) as a pod of a named
/// namespace is, when the candidates are in one namespace (schema/namespace-unknown.md, "Owners"). Fixtures: fixtures/manifests/, fixtures/cli/namespace-unknown/.
@Suite struct NamespaceUnknownOwnerTests {
  static let pod = "springboot-mybatis-deployment-dcd7f8bbf-9wfxl"
  static let observedAt = "2020-07-03T07:58:09Z"

  /// A folder of its own holding `files` (name → text).
  static func folder(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-owner-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: dir.appending(path: name), atomically: true, encoding: .utf8) }
    return dir
  }

  static func text(_ cli: CLI, _ fixture: String) throws -> String {
    try String(contentsOfFile: cli.fixture(fixture), encoding: .utf8)
  }

  /// `manifest` with `namespace: NS` under its name, as a manifest that names its namespace has it.
  static func naming(_ namespace: String, _ manifest: String) -> String {
    var lines = manifest.components(separatedBy: "\n")
    if let i = lines.firstIndex(where: { $0.hasPrefix("  name: ") }) { lines.insert("  namespace: \(namespace)", at: i + 1) }
    return lines.joined(separator: "\n")
  }

  static func importing(_ cli: CLI, _ dir: URL, _ names: [String]) throws {
    let r = try cli.run(["import", "--observed-at", observedAt] + names.map { dir.appending(path: $0).path })
    #expect(r.status == 0, "\(r.err)")
  }

  /// The seed's Deployment (no namespace) and its pod's Events in a `kubectl get events` without
  /// `-n`: `why` cites the Deployment and reads its declared ports (the hint names 8080), exactly as
  /// it does when both pastes name namespace `shop`, the header aside.
  @Test func aDeploymentWithoutANamespaceOwnsItsPodSeenWithoutOne() throws {
    let probe = try CLI()
    let manifest = try Self.text(probe, "manifests/deployment.yaml")
    let events = try Self.text(probe, "cli/namespace-unknown/events.txt")
    let bare = try Self.folder(["deployment.yaml": manifest, "events.txt": events])
    let named = try Self.folder(["deployment.yaml": Self.naming("shop", manifest),
                                 "events.txt": events.replacingOccurrences(of: "kubectl get events\n", with: "kubectl get events -n shop\n")])
    let unknown = try CLI(), shop = try CLI()
    try Self.importing(unknown, bare, ["deployment.yaml", "events.txt"])
    try Self.importing(shop, named, ["deployment.yaml", "events.txt"])
    let why = try unknown.run(["why", "9wfxl"]).out
    #expect(why.hasPrefix("\(Self.pod) (namespace unknown) — "), "\(why)")
    #expect(why.contains("Cause: CrashLoop.LivenessProbe [container spingboot-mybatis] (high confidence)"), "\(why)")
    #expect(why.contains("(spingboot-mybatis declares 8080/TCP)"), "\(why)")
    #expect(why.contains("Declared by (what was asked for; the observations above win):\n  - Deployment springboot-mybatis-deployment  "), "\(why)")
    let shopWhy = try shop.run(["why", "9wfxl"]).out
    #expect(shopWhy.hasPrefix("shop/\(Self.pod) — "), "\(shopWhy)")
    func plain(_ s: String, _ dir: URL) -> String {
      s.replacingOccurrences(of: dir.path + "/", with: "").replacingOccurrences(of: "shop/\(Self.pod)", with: "\(Self.pod) (namespace unknown)")
    }
    #expect(plain(shopWhy, named) == plain(why, bare))
    // Without the manifest, no declared port: the hint cannot name one.
    let alone = try CLI()
    try Self.importing(alone, bare, ["events.txt"])
    let aloneWhy = try alone.run(["why", "9wfxl"]).out
    #expect(!aloneWhy.contains("Declared by") && !aloneWhy.contains("8080"), "\(aloneWhy)")
    // The views over a scope that lists the pod (-A, -n default) take it too.
    for scope in [["-A"], ["-n", "default"]] {
      let json = try unknown.run(["why"] + scope + ["-o", "json"]).out
      #expect(json.contains("\"declaredBy\": \"Deployment\""), "\(scope): \(json)")
      let listed = try unknown.run(["get", "pods"] + scope + ["--cause", "CrashLoop.LivenessProbe"]).out
      #expect(listed.contains(Self.pod), "\(scope): \(listed)")
    }
  }

  /// A StatefulSet's `web-0` and a Job's `pi-5rwd7` in a `kubectl get pods` without `-A`, their
  /// manifests (the Kubernetes documentation's, no namespace) imported beside: each pod is
  /// declared by its workload, as by name it would be in a named namespace.
  @Test func aStatefulSetAndAJobOwnTheirPodsSeenWithoutANamespace() throws {
    let cli = try CLI()
    let r = try cli.run(["import", cli.fixture("manifests/statefulset.yaml"), cli.fixture("manifests/job.yaml"),
                         cli.fixture("cli/namespace-unknown/get-pods-workloads.txt")])
    #expect(r.status == 0, "\(r.err)")
    for (pod, kind, name) in [("web-0", "StatefulSet", "web"), ("web-1", "StatefulSet", "web"), ("pi-5rwd7", "Job", "pi")] {
      let json = try cli.run(["why", pod, "-o", "json"]).out
      #expect(json.contains("\"namespace\": null"), "\(pod): \(json)")
      #expect(json.contains("\"declaredBy\": \"\(kind)\",\n") && json.contains("\"name\": \"\(name)\",\n"), "\(pod): \(json)")
      #expect(!json.contains("\"declaredBy\": \"\(kind == "Job" ? "StatefulSet" : "Job")\""), "\(pod): \(json)")
    }
  }

  /// Candidates in two namespaces (the Deployment without a namespace, filed under `default`, and
  /// the same Deployment in `shop`): which one applies the store cannot tell, so neither does. A pod
  /// of a named namespace still takes its own.
  @Test func ownersInSeveralNamespacesLeaveThePodUndeclared() throws {
    let probe = try CLI()
    let manifest = try Self.text(probe, "manifests/deployment.yaml")
    let events = try Self.text(probe, "cli/namespace-unknown/events.txt")
    let dir = try Self.folder(["deployment.yaml": manifest, "deployment-shop.yaml": Self.naming("shop", manifest),
                               "events.txt": events,
                               "events-shop.txt": events.replacingOccurrences(of: "kubectl get events\n", with: "kubectl get events -n staging\n")
                                 .replacingOccurrences(of: "dcd7f8bbf-9wfxl", with: "dcd7f8bbf-k2x8p")])
    let cli = try CLI()
    try Self.importing(cli, dir, ["deployment.yaml", "deployment-shop.yaml", "events.txt", "events-shop.txt"])
    let why = try cli.run(["why", "9wfxl"]).out
    #expect(why.hasPrefix("\(Self.pod) (namespace unknown) — ") && !why.contains("Declared by"), "\(why)")
    #expect(!why.contains("8080"), "\(why)")
    // The staging pod's namespace names no manifest: none applies to it either.
    #expect(!(try cli.run(["why", "k2x8p"]).out.contains("Declared by")))
    // One of them gone (only the namespace-less one left): it applies again.
    let one = try CLI()
    try Self.importing(one, dir, ["deployment.yaml", "events.txt"])
    #expect(try one.run(["why", "9wfxl"]).out.contains("  - Deployment springboot-mybatis-deployment  "))
  }

  /// `api-0` named in `shop` and in `staging` (get pods -A) and without a namespace (get pods): a
  /// StatefulSet `api` declared in `shop` owns `shop/api-0`, not the unknown-namespace `api-0`
  /// (which of the two it is, the store cannot tell).
  @Test func aPodWhoseNameIsInSeveralNamespacesTakesNoOwner() throws {
    let cli = try CLI()
    let statefulSet = """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: api
        namespace: shop
      spec:
        serviceName: api
        replicas: 1
        template:
          spec:
            containers:
            - name: api
              image: registry.example/api:2.4.1

      """
    let dir = try Self.folder(["api.yaml": statefulSet])
    for file in [cli.fixture("cli/namespace-unknown/get-pods.txt"), cli.fixture("cli/namespace-unknown/all-namespaces.txt"),
                 dir.appending(path: "api.yaml").path] {
      #expect(try cli.run(["import", "--observed-at", Self.observedAt, file]).status == 0)
    }
    #expect(try cli.run(["why", "api-0", "-n", "shop"]).out.contains("  - StatefulSet api  "))
    let unknown = try cli.run(["why", "api-0", "-n", "default"]).out
    #expect(unknown.hasPrefix("api-0 (namespace unknown) — ") && !unknown.contains("Declared by"), "\(unknown)")
  }
}
