import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// YAML whose indentation a paste lost (seed 000): the nesting is rebuilt from the Kubernetes
/// schema, or what is certain is imported with a warning naming the line.
@Suite struct FlatYAMLTests {
  /// Every YAML manifest and object under fixtures/manifests, fixtures/nodes and fixtures/misplaced.
  static let manifests: [String] = {
    ["manifests", "nodes", "misplaced"].flatMap { dir in
      ((try? FileManager.default.contentsOfDirectory(atPath: fixture(dir).path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted().map { "\(dir)/\($0)" }
    }
  }()

  /// The facts of `text` imported as a paste, without provenance.
  static func facts(_ text: String) throws -> (facts: Set<Fact>, warnings: [ImportWarning]) {
    var out: [Fact] = []
    let report = try TextImporter.run(text: text, options: ImportOptions(format: .auto, sourceName: "flat.txt")) { out.append($0) }
    return (Set(out.map { var f = $0; f.provenance = Provenance(source: "", firstLine: 0, format: "")
      if case var .node(n) = f.body { n.fieldLines = [:]; f.body = .node(n) }
      if case var .status(s) = f.body { s.fieldLines = [:]; for k in s.containers.indices { s.containers[k].fieldLines = [:] }; f.body = .status(s) }
      if case var .declared(d) = f.body { d.containers = d.containers; f.body = .declared(d) }
      return f }), report.warnings)
  }

  @Test func thereAreManifests() { #expect(Self.manifests.count >= 9) }

  /// The manifests pasted in the seed documents (fixtures/seeds), as `file#line` of their
  /// `apiVersion:` line; each runs to the first blank line.
  static let seedManifests: [String] = {
    ((try? FileManager.default.contentsOfDirectory(atPath: fixture("seeds").path)) ?? []).sorted().flatMap { f -> [String] in
      let text = (try? String(contentsOf: fixture("seeds/\(f)"), encoding: .utf8)) ?? ""
      return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        .filter { $0.element.hasPrefix("apiVersion:") }.map { "seeds/\(f)#\($0.offset)" }
    }
  }()

  @Test func thereAreSeedManifests() { #expect(Self.seedManifests.count >= 7) }

  @Test(arguments: seedManifests) func aFlatteningOfEachSeedManifestRebuildsTheSameFactsOrSaysWhatItCouldNotPlace(_ ref: String) throws {
    let parts = ref.split(separator: "#")
    let lines = try String(contentsOf: fixture(String(parts[0])), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    let start = try #require(Int(parts[1]))
    let block = lines[start...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    try Self.checkFlattening(block.joined(separator: "\n") + "\n", label: ref)
  }

  @Test(arguments: manifests) func aFlatteningRebuildsTheSameFactsOrSaysWhatItCouldNotPlace(_ path: String) throws {
    try Self.checkFlattening(try String(contentsOf: fixture(path), encoding: .utf8), label: path)
  }

  /// Every line of `text` moved to column 0: the import must give the facts of `text`, or warn.
  static func checkFlattening(_ text: String, label path: String) throws {
    let flat = text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.drop { $0 == " " } }.joined(separator: "\n")
    let original = try Self.facts("$ cat x.yaml\n" + text)
    let rebuilt = try Self.facts("$ cat x.yaml\n" + flat)
    let ambiguous = rebuilt.warnings.filter { $0.message.contains("lost its indentation") }
    if rebuilt.facts != original.facts {
      // Not rebuilt exactly: the import must say which lines it could not place.
      #expect(!ambiguous.isEmpty, "\(path): the rebuilt facts differ and no line was reported")
    }
    #expect(!rebuilt.facts.isEmpty)
  }

  @Test func seed000PodIsRebuilt() throws {
    let text = try String(contentsOf: fixture("seeds/000_4313a1a6678247f5.txt"), encoding: .utf8)
    var out: [Fact] = []
    let report = try TextImporter.run(text: text, options: ImportOptions(format: .auto, sourceName: "000.txt")) { out.append($0) }
    let d = try #require(out.compactMap(\.declaration).first)
    #expect(out.map(\.object) == [ObjectRef(kind: "Pod", namespace: "default", name: "pod-demon")])
    #expect(d.containers.map(\.name) == ["myapp", "busybox"])
    #expect(d.containers.first?.spec.ports?.map(\.containerPort) == [80, 443])
    #expect(d.spec.restartPolicy == "OnFailure")
    #expect(d.spec.labels == ["app": "myapp"])
    #expect(report.notes.contains { $0.contains("nesting was rebuilt") })
    #expect(report.warnings.isEmpty)
  }

  @Test func whatCannotBeRebuiltKeepsWhatIsCertainAndWarns() throws {
    // A key no object of the schema has: the nesting cannot be undone.
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\nname: odd\nspec:\ncontainers:\n- name: app\nimage: nginx:1.25\nweirdKey: 1\n"
    var out: [Fact] = []
    let report = try TextImporter.run(text: text, options: ImportOptions(format: .auto, sourceName: "odd.txt")) { out.append($0) }
    let d = try #require(out.compactMap(\.declaration).first)
    #expect(out.first?.object.name == "odd")
    #expect(d.containers.map(\.name) == ["app"] && d.containers.first?.image == "nginx:1.25")
    #expect(report.warnings.contains { $0.line == 9 && $0.message.contains("only its kind, name, containers and images") })
  }

  // MARK: mis-indented YAML (seed 001's second Deployment)

  /// Maps whose keys are anyone's (labels, resources, affinity...): the schema says nothing of
  /// where their members go, so a member written at the wrong column is not the schema's to place.
  static let freeMaps: Set<String> = ["labels", "annotations", "matchLabels", "nodeSelector", "affinity", "securityContext",
                                      "limits", "requests", "valueFrom", "configMapRef", "secretRef", "httpHeaders", "emptyDir",
                                      "configMap", "secret", "persistentVolumeClaim", "nfs", "projected", "strategy",
                                      "updateStrategy", "volumeClaimTemplates", "sleep", "status"]

  /// Every key line of a manifest that the schema knows (not a member of a free map) written two
  /// columns left of its siblings, with the lines under it: the import rebuilds the same facts,
  /// or names a line of the moved block.
  @Test(arguments: manifests.filter { $0.hasPrefix("manifests/") })
  func aKeyIndentedAsItsParentsSiblingIsRebuiltOrNamed(_ path: String) throws {
    let text = try String(contentsOf: fixture(path), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let original = try Self.facts("$ cat x.yaml\n" + text)
    let parents = FlatYAML.parents(lines)
    func key(_ n: Int) -> String {
      let t = lines[n].trimmingCharacters(in: .whitespaces)
      let b = t.hasPrefix("- ") ? t.dropFirst(2) : Substring(t)
      return String(b.prefix { $0 != ":" })
    }
    func insideFreeMap(_ n: Int) -> Bool {
      var p = parents[n]
      while let q = p { if Self.freeMaps.contains(key(q)) { return true }; p = parents[q] }
      return false
    }
    var rebuilt = 0, named = 0
    for (n, l) in lines.enumerated() {
      let indent = l.prefix { $0 == " " }.count
      let body = l.dropFirst(indent)
      guard indent >= 4, !body.hasPrefix("-"), body.contains(":"), !insideFreeMap(n) else { continue }
      var end = n + 1
      while end < lines.count, lines[end].prefix(while: { $0 == " " }).count > indent { end += 1 }
      var shifted = lines
      for k in n..<end { shifted[k] = String(shifted[k].dropFirst(2)) }
      let r = try Self.facts("$ cat x.yaml\n" + shifted.joined(separator: "\n"))
      if r.facts == original.facts { rebuilt += 1; continue }
      // Named: a line of the moved block, or the line where the schema met the conflict it made
      // (a `restartPolicy:` moved up to the pod spec, which then has two).
      #expect(r.warnings.contains { $0.message.contains("indented") && $0.line > 1 },
              "\(path): line \(n + 1) moved left; facts differ and no line was named")
      named += 1
    }
    #expect(rebuilt > 0 && rebuilt >= named * 4, "\(path): \(rebuilt) rebuilt, \(named) only named")
  }

  @Test func aValidButMisnestedKeyGoesWhereTheSchemaHasIt() throws {
    // `volumeMounts:` written as a sibling of `containers:`: valid YAML, but a pod spec has no
    // volumeMounts; only the container does.
    let text = """
      $ cat web.yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: web
          image: nginx:1.25
        volumeMounts:
        - name: html
          mountPath: /usr/share/nginx/html
        volumes:
        - name: html
          emptyDir: {}
      """
    var out: [Fact] = []
    let report = try TextImporter.run(text: text, options: ImportOptions(format: .auto, sourceName: "web.txt")) { out.append($0) }
    let d = try #require(out.compactMap(\.declaration).first)
    #expect(d.containers.first?.spec.mounts == ["/usr/share/nginx/html from html (rw)"])
    #expect(d.spec.volumes == [VolumeRef(name: "html", type: "emptyDir")])
    #expect(report.notes.contains { $0.contains("line 10 was indented where the Kubernetes schema has no such key") })
    #expect(report.warnings.isEmpty)
  }

  @Test func anAmbiguousMisindentationKeepsWhatParsesAndNamesTheLine() throws {
    // `securityContext:` written between the container's column and the pod spec's: both have
    // one, and the indentation points at neither.
    let text = """
      $ cat web.yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: web
          image: nginx:1.25
            ports:
            - containerPort: 80
         securityContext:
           runAsUser: 1000
      """
    var out: [Fact] = []
    let report = try TextImporter.run(text: text, options: ImportOptions(format: .auto, sourceName: "web.txt")) { out.append($0) }
    let d = try #require(out.compactMap(\.declaration).first)
    #expect(out.first?.object.name == "web" && d.containers.map(\.name) == ["web"])
    #expect(report.warnings.contains { $0.line == 12 && $0.message.contains("mis-indented") && $0.message.contains("does not say where this line belongs") })
  }
}
