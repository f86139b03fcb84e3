import Foundation
import Testing
@testable import PodHistKit

/// JSON and YAML found inside text pastes, and the fragment shapes people paste.
@Suite("Structured fragments") struct StructuredFragmentTests {
  func run(_ text: String) throws -> (facts: [Fact], report: ImportReport) {
    try importBytes(Array(text.utf8), name: "paste.txt")
  }

  func pods(_ facts: [Fact]) -> [Fact] { facts.filter { $0.snapshot != nil } }

  @Test func bareContainerStatusesAfterPromptAndProse() throws {
    let text = """
      The tiller pod never starts. Here is what the API says:

      $ kubectl get pod tiller-deploy-5b4c8 -n kube-system -o json
          "containerStatuses": [
              {
                  "name": "tiller",
                  "state": {
                      "waiting": {
                          "reason": "ImagePullBackOff",
                          "message": "Back-off pulling image \\"gcr.io/kubernetes-helm/tiller:canary\\""
                      }
                  },
                  "lastState": {},
                  "ready": false,
                  "restartCount": 0,
                  "image": "gcr.io/kubernetes-helm/tiller:canary",
                  "imageID": ""
              }
          ],

      Any idea?
      """
    let (facts, report) = try run(text)
    let pod = try #require(pods(facts).first)
    #expect(pods(facts).count == 1)
    #expect(pod.object.name == "tiller-deploy-5b4c8")
    #expect(pod.object.namespace == "kube-system")
    let c = try #require(pod.snapshot?.containers.first)
    #expect(c.name == "tiller")
    #expect(c.state?.kind == .waiting)
    #expect(c.state?.reason == "ImagePullBackOff")
    #expect(c.restartCount == 0)
    #expect(pod.provenance.firstLine == 4)
    #expect(report.notes.contains { $0.contains("bare \"key\": value fragment") })
    #expect(report.notes.contains { $0.contains("trailing comma") })
  }

  @Test func lastStateAloneWithTrailingComma() throws {
    let text = """
                    "lastState": {
                        "terminated": {
                            "containerID": "docker://5954f621c17f",
                            "exitCode": 137,
                            "finishedAt": "2017-10-10T17:41:58Z",
                            "reason": "Error",
                            "startedAt": "2017-10-10T17:20:37Z"
                        }
                    },
      """
    let (facts, report) = try run(text)
    let pod = try #require(pods(facts).first)
    #expect(pod.object.name == "unknown")
    let c = try #require(pod.snapshot?.containers.first)
    #expect(c.lastState?.kind == .terminated)
    #expect(c.lastState?.exitCode == 137)
    #expect(c.lastState?.reason == "Error")
    #expect(c.lastState?.finishedAt == instant("2017-10-10T17:41:58Z"))
    #expect(report.notes.contains { $0.contains("name is not in the paste") })
  }

  @Test func yamlContainerStatusTailIndented() throws {
    let text = """
      the puller keeps dying:
          lastState:
            terminated:
              exitCode: 137
              reason: OOMKilled
          name: secret-puller
          ready: false
          restartCount: 2
      """
    let (facts, _) = try run(text)
    let c = try #require(pods(facts).first?.snapshot?.containers.first)
    #expect(c.name == "secret-puller")
    #expect(c.lastState?.reason == "OOMKilled")
    #expect(c.lastState?.exitCode == 137)
    #expect(c.restartCount == 2)
    #expect(c.ready == false)
  }

  @Test func yamlStatusBlockInFenceBetweenTables() throws {
    let text = """
      ```
      NAME          READY   STATUS    RESTARTS   AGE
      batch-7x2kq   0/1     Pending   0          3m
      ```
      kubectl get pod batch-7x2kq -o yaml shows:
      ```
        status:
          conditions:
          - lastProbeTime: null
            lastTransitionTime: "2019-05-02T10:00:00Z"
            message: '0/3 nodes are available: 3 Insufficient memory.'
            reason: Unschedulable
            status: "False"
            type: PodScheduled
          phase: Pending
          qosClass: Burstable
      ```
      """
    let (facts, _) = try run(text)
    let objectFacts = facts.filter { $0.provenance.format == "pods-yaml" }
    let pod = try #require(objectFacts.first)
    #expect(objectFacts.count == 1)
    #expect(pod.object.name == "batch-7x2kq")
    #expect(pod.snapshot?.phase == "Pending")
    #expect(pod.snapshot?.conditions.first?.reason == "Unschedulable")
    #expect(facts.contains { $0.provenance.format == "pods-table" })
  }

  @Test func jqArrayOfContainerStatusesIsOnePod() throws {
    let text = """
      kubectl get pods -n shop web-6d9f -o json | jq ".status.containerStatuses"
      [
        {
          "image": "nginx:1.25",
          "lastState": {},
          "name": "nginx",
          "ready": false,
          "restartCount": 0,
          "state": { "waiting": { "reason": "CreateContainerConfigError", "message": "secret \\"web\\" not found" } }
        },
        {
          "image": "envoyproxy/envoy:v1.28",
          "lastState": {},
          "name": "envoy",
          "ready": true,
          "restartCount": 1,
          "state": { "running": { "startedAt": "2024-02-01T09:00:00Z" } }
        }
      ]
      """
    let (facts, _) = try run(text)
    #expect(pods(facts).count == 1)
    let pod = try #require(pods(facts).first)
    #expect(pod.object == ObjectRef(kind: "Pod", namespace: "shop", name: "web-6d9f"))
    #expect(pod.snapshot?.containers.map(\.name) == ["nginx", "envoy"])
    #expect(pod.snapshot?.containers.last?.state?.kind == .running)
    #expect(pod.snapshot?.containers.last?.restartCount == 1)
  }

  @Test func yamlListOfContainerStatusesIsOnePod() throws {
    let text = """
      - name: app
        ready: false
        restartCount: 4
        state:
          waiting:
            reason: CrashLoopBackOff
      - name: sidecar
        ready: true
        restartCount: 0
        state:
          running:
            startedAt: "2021-06-01T08:00:00Z"
      """
    let (facts, _) = try run(text)
    #expect(pods(facts).count == 1)
    #expect(pods(facts).first?.snapshot?.containers.map(\.name) == ["app", "sidecar"])
  }

  @Test func cutDocumentKeepsWhatParsesAndSaysWhere() throws {
    let text = """
      $ kubectl get pod api-0 -o json
      {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
              "name": "api-0",
              "namespace": "prod",
              "creationTimestamp": "2022-03-01T10:00:00Z"
          },
          "status": {
              "phase": "Running",
              "containerStatuses": [
                  {
                      "name": "api",
                      "ready": false,
                      "restartCount": 12,
                      "lastState": {
                          "terminated": { "exitCode": 1, "reason": "Error", "finishedAt": "2022-03-01T11:58:00Z" }
                      },
                      "state": {
                          "waiting": {
                              "reason": "CrashLoopBackOff",
                              "message": "back-off 5m0s restarting failed container=api pod=api-0_prod(1234
      """
    let (facts, report) = try run(text)
    let pod = try #require(pods(facts).first)
    #expect(pod.object.name == "api-0")
    #expect(pod.object.namespace == "prod")
    let c = try #require(pod.snapshot?.containers.first)
    #expect(c.restartCount == 12)
    #expect(c.lastState?.exitCode == 1)
    let cut = try #require(report.warnings.first { $0.message.contains("cut") })
    #expect(cut.line == 2)
    #expect(cut.message.contains("cut after line 22"))
    #expect(c.state?.reason == "CrashLoopBackOff")
  }

  @Test func cutYAMLKeepsTheLinesThatParse() throws {
    let text = """
      $ kubectl get pod worker-2 -o yaml
      status:
        containerStatuses:
        - name: worker
          restartCount: 7
          lastState:
            terminated:
              exitCode: 1
              reason: Error
          state:
            waiting:
              reason: CrashLoopBackOff
              message: 'back-off 5m0s restarting failed container=worker pod=worker-2_jobs(
      """
    let (facts, report) = try run(text)
    let pod = try #require(pods(facts).first)
    #expect(pod.object.name == "worker-2")
    #expect(pod.snapshot?.containers.first?.restartCount == 7)
    #expect(pod.snapshot?.containers.first?.state?.reason == "CrashLoopBackOff")
    let cut = try #require(report.warnings.first { $0.message.contains("does not parse after line 12") })
    #expect(cut.line == 2)
  }

  @Test func cutDocumentUnitRepair() {
    let lines = ["{", "  \"a\": {", "    \"b\": [1, 2,", "    \"c\": \"unfinished"]
    #expect(StructuredFragment.closedJSON(Array(lines.prefix(3)), bare: false) == "{\n  \"a\": {\n    \"b\": [1, 2]}}")
    #expect(StructuredFragment.closedJSON(lines, bare: false) == nil)
    #expect(StructuredFragment.closedJSON(["\"a\": 1,"], bare: true) == "{\"a\": 1\n}")
    var text = "{\"a\": [1, 2, ], \"s\": \"x, ]\",}"
    #expect(StructuredFragment.droppingTrailingCommas(&text))
    #expect(text == "{\"a\": [1, 2 ], \"s\": \"x, ]\"}")
  }

  @Test func gronLinesAreRebuilt() throws {
    let text = """
      $ k get -o json pod web-7f9c | gron | grep -E 'name|reason|restartCount'
      json.metadata.name = "web-7f9c";
      json.metadata.namespace = "shop";
      json.status.containerStatuses[0].name = "web";
      json.status.containerStatuses[0].restartCount = 3;
      json.status.containerStatuses[0].state.waiting.reason = "ImagePullBackOff";
      json.status.containerStatuses[1].name = "log";
      json.status.containerStatuses[1].state.running = {};
      json.metadata.labels["app.kubernetes.io/name"] = "web";
      """
    let (facts, report) = try run(text)
    let pod = try #require(pods(facts).first)
    #expect(pod.object.name == "web-7f9c")
    #expect(pod.object.namespace == "shop")
    #expect(pod.snapshot?.containers.map(\.name) == ["web", "log"])
    #expect(pod.snapshot?.containers.first?.state?.reason == "ImagePullBackOff")
    #expect(pod.snapshot?.containers.first?.restartCount == 3)
    #expect(pod.snapshot?.spec.labels == ["app.kubernetes.io/name": "web"])
    #expect(report.notes.contains { $0.contains("gron") })
    #expect(StructuredFragment.gronPath(".a[2][\"x.y\"].b") == [.key("a"), .index(2), .key("x.y"), .key("b")])
  }

  @Test func gronSingleLineTakesNameFromPrompt() throws {
    let text = """
      $ kubectl get pod test-ipbo-6c78 -o json | gron | grep ImagePullBackOff
      json.status.containerStatuses[0].state.waiting.reason = "ImagePullBackOff";
      """
    let (facts, _) = try run(text)
    let pod = try #require(pods(facts).first)
    #expect(pod.object.name == "test-ipbo-6c78")
    #expect(pod.snapshot?.containers.first?.state?.reason == "ImagePullBackOff")
  }

  /// The tail of a pod's `status:` pasted from its middle (corpus 285): a folded `message:` first,
  /// then `phase:`, `podIP:`…: the block opens at the message, which is not lost.
  @Test func aStatusPastedFromItsMiddleOpensAtItsFirstKey() {
    let text = ["  message: 'The node was low on resource: memory. Container node was using 35505620Ki,",
                "    which exceeds its request of 12Gi. '", "  phase: Failed", "  podIP: 10.7.0.103",
                "  qosClass: Burstable", "  reason: Evicted"]
    let lines = text.enumerated().map { SourceLine(number: $0.offset + 1, text: Substring($0.element)) }
    let block = StructuredFragment.block(lines, at: 0)
    #expect(block?.end == 6)
    #expect(block?.text.hasPrefix("message: 'The node was low") == true)
    // One status key after a prose-like line is not enough.
    let prose = ["note: see below", "phase: Running"].enumerated().map { SourceLine(number: $0.offset + 1, text: Substring($0.element)) }
    #expect(StructuredFragment.block(prose, at: 0) == nil)
  }

  @Test func proseWithLowercaseKeysIsNotYAML() {
    let lines = ["note: this is my pod", "status: it is broken"].enumerated().map {
      SourceLine(number: $0.offset + 1, text: Substring($0.element))
    }
    #expect(StructuredFragment.block(lines, at: 0) == nil)
    #expect(StructuredFragment.block(lines, at: 1) == nil)
    let kind = [SourceLine(number: 1, text: "kind: Pod"), SourceLine(number: 2, text: "")]
    #expect(StructuredFragment.block(kind, at: 0) == nil)
    let bracket = [SourceLine(number: 1, text: "[...]"), SourceLine(number: 2, text: "[root@node1 ~]# ls")]
    #expect(StructuredFragment.block(bracket, at: 0) == nil)
    #expect(StructuredFragment.block(bracket, at: 1) == nil)
  }

  /// The same fragments, decorated as pastes are (generated, not hand-written): the same facts.
  @Test(arguments: ["blockquote", "indent", "prompt glyph", "fence"])
  func decoratedFragmentsGiveTheSameFacts(_ decoration: String) throws {
    let samples = [
      "\"lastState\": {\n  \"terminated\": {\"exitCode\": 137, \"reason\": \"OOMKilled\"}\n},\n\"name\": \"app\",\n\"restartCount\": 4,",
      "lastState:\n  terminated:\n    exitCode: 137\n    reason: OOMKilled\nname: app\nrestartCount: 4",
      "json.status.containerStatuses[0].name = \"app\";\njson.status.containerStatuses[0].restartCount = 4;\njson.status.containerStatuses[0].lastState.terminated.exitCode = 137;",
    ]
    for sample in samples {
      let prompt = "kubectl get pod app-5f7 -n jobs -o json"
      let clean = "$ " + prompt + "\n" + sample + "\n"
      let lines = sample.split(separator: "\n", omittingEmptySubsequences: false)
      let decorated: String
      switch decoration {
      case "blockquote": decorated = "> $ " + prompt + "\n" + lines.map { "> " + $0 }.joined(separator: "\n") + "\n"
      case "indent": decorated = "    $ " + prompt + "\n" + lines.map { "    " + $0 }.joined(separator: "\n") + "\n"
      case "prompt glyph": decorated = "❯ " + prompt + "\n" + sample + "\n"
      default: decorated = "Here it is:\n```\n$ " + prompt + "\n" + sample + "\n```\nThanks\n"
      }
      let want = try run(clean).facts.compactMap { f in f.snapshot.map { (f.object, $0.containers) } }
      let got = try run(decorated).facts.compactMap { f in f.snapshot.map { (f.object, $0.containers) } }
      #expect(want.count == 1, "\(sample)")
      #expect(want.first?.0 == ObjectRef(kind: "Pod", namespace: "jobs", name: "app-5f7"), "\(sample)")
      #expect(want.first?.1.first?.lastState?.exitCode == 137, "\(sample)")
      #expect(want.first?.1.first?.restartCount == 4, "\(sample)")
      #expect(got.map(\.0) == want.map(\.0), "\(decoration): \(sample)")
      #expect(got.map { $0.1.map(\.name) } == want.map { $0.1.map(\.name) }, "\(decoration): \(sample)")
      #expect(got.first?.1.first?.lastState == want.first?.1.first?.lastState, "\(decoration): \(sample)")
    }
  }

  @Test func jsonLogLinesAreNotPodsAndDoNotWarn() throws {
    let text = """
      kubectl logs web-1 --previous
      {"level":"info","ts":"2023-05-01T10:00:00Z","msg":"starting"}
      {"level":"fatal","ts":"2023-05-01T10:00:01Z","msg":"cannot open /etc/app/config.yaml"}

      NAME    READY   STATUS             RESTARTS   AGE
      web-1   0/1     CrashLoopBackOff   6          9m
      """
    let (facts, report) = try run(text)
    #expect(facts.count == 1)
    #expect(facts.first?.object.name == "web-1")
    #expect(report.warnings.isEmpty)
    #expect(report.notes.filter { $0.contains("skipped JSON/YAML") }.count == 2)
  }

  @Test func wholeFileCutDocumentFallsBackToLenientReading() throws {
    let text = """
      {
        "kind": "Pod",
        "apiVersion": "v1",
        "metadata": {"name": "db-0", "namespace": "data"},
        "status": {
          "phase": "Pending",
          "containerStatuses": [
            {"name": "db", "restartCount": 0, "state": {"waiting": {"reason": "ErrImagePull"}}}
          ],
          "conditions": [
      """
    let (facts, report) = try importBytes(Array(text.utf8), name: "pod.json")
    let pod = try #require(pods(facts).first)
    #expect(pod.object.name == "db-0")
    #expect(pod.snapshot?.containers.first?.state?.reason == "ErrImagePull")
    #expect(report.warnings.contains { $0.message.contains("cut after line 10") })
  }
}
