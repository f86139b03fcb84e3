import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// A stand-in for a `kubectl get pods` table segment (the tables parser is another branch):
/// one pod, its AGE, and a status fact at the resolved "now".
struct FakePodsTableSegment: TextSegment {
  var format: String { "pods-table" }
  var lines: ClosedRange<Int>
  var pod: String
  var age: Age
  var anchors: [AgeAnchor] { [AgeAnchor(subject: .podCreated(pod: pod), age: age)] }
  func facts(now: Instant?, nowError: Duration, source: String) -> [Fact] {
    [Fact(object: ObjectRef(namespace: "default", name: pod), observed: now ?? Instant(micros: 0),
          clock: now == nil ? .relative : .absolute, uncertainty: nowError,
          body: .status(PodSnapshot(origin: .table)),
          provenance: Provenance(source: source, firstLine: lines.lowerBound, lastLine: lines.upperBound, format: format))]
  }
}

@Suite struct TextImporterTests {
  let seedPod = "springboot-mybatis-deployment-dcd7f8bbf-9wfxl"

  func seed() throws -> (text: String, result: TextImportResult) {
    let (name, text) = try corpusInput("000")
    return (text, try importText(text, source: name))
  }

  @Test func seedDescribeInstantAndEvents() throws {
    let (_, r) = try seed()
    let status = try #require(r.statuses.first { $0.object.name == seedPod && $0.provenance.format == "describe" })
    // 03:56:44 -0400 + Scheduled 85s = 03:58:09 -0400.
    #expect(status.observed == (try utc("2020-07-03T07:58:09Z")))
    #expect(status.clock == .absolute)
    #expect(status.uncertainty <= .seconds(4))
    #expect(status.provenance.firstLine == 5 && status.provenance.lastLine == 61)
    let killing = try #require(r.event("Killing"))
    #expect(killing.count == 3)
    #expect(killing.first == (try utc("2020-07-03T07:57:01Z")))
    #expect(killing.last == (try utc("2020-07-03T07:57:41Z")))
    let unhealthy = try #require(r.eventFact("Unhealthy"))
    #expect(unhealthy.event?.count == 10)
    #expect(unhealthy.event?.first == (try utc("2020-07-03T07:56:51Z")))
    #expect(unhealthy.event?.last == (try utc("2020-07-03T07:57:51Z")))
    #expect(unhealthy.event?.type == "Warning")
    #expect(unhealthy.event?.host == "worker1")
    #expect(unhealthy.event?.container == "spingboot-mybatis")
    #expect(unhealthy.provenance.firstLine == 61)
    #expect(unhealthy.uncertainty == status.uncertainty + .seconds(1))
    #expect(r.report.notes.first { $0.hasPrefix("lines 5–61 (describe)") }?.contains("2020-07-03T07:58:09Z") == true)
  }

  @Test func seedContainer() throws {
    let (_, r) = try seed()
    let snap = try #require(r.statuses.first { $0.provenance.format == "describe" }?.snapshot)
    #expect(snap.phase == "Running")
    #expect(snap.node == "worker1")
    let c = try #require(snap.containers.first)
    #expect(c.name == "spingboot-mybatis")
    #expect(c.state == ContainerState(kind: .waiting, reason: "CrashLoopBackOff"))
    #expect(c.lastState == ContainerState(kind: .terminated, reason: "Error", exitCode: 143,
                                          startedAt: try utc("2020-07-03T07:57:42Z"), finishedAt: try utc("2020-07-03T07:58:02Z")))
    #expect(c.restartCount == 3)
    #expect(c.ready == false)
    #expect(c.spec.ports == [ContainerPort(containerPort: 8300, protocol: "TCP")])
    let probe = try #require(c.spec.liveness)
    #expect(probe.type == "http-get")
    #expect(probe.portNumber == 18082)
    #expect(probe.path == "/actuator/info")
    #expect(probe.initialDelaySeconds == 5)
    #expect(probe.periodSeconds == 5)
    #expect(probe.failureThreshold == 3)
    #expect(c.fieldLines["liveness"] == 34)
    #expect(c.fieldLines["ports"] == 23)
    #expect(snap.spec.volumes == [VolumeRef(name: "default-token-qk5nc", type: "secret", source: "default-token-qk5nc", optional: false)])
  }

  @Test func observedAtIsUsedForEverySegment() throws {
    let (text, _) = try seed()
    let given = try utc("2020-07-03T08:00:00Z")
    let r = try importText(text, source: "seed.txt", observedAt: given)
    let status = try #require(r.statuses.first { $0.provenance.format == "describe" })
    #expect(status.observed == given)
    #expect(status.uncertainty == .zero)
    #expect(r.event("Killing")?.last == given - .seconds(28))
    #expect(r.report.notes.allSatisfy { $0.contains("--observed-at 2020-07-03T08:00:00Z") || $0.contains("not a pod") })
  }

  @Test func anchorsAcrossSegmentsOfOnePaste() throws {
    // The seed: describe gives Start Time; `get pod` AGE 77s and `get pods -A` AGE 7m6s each get their own now.
    let (text, _) = try seed()
    let lines = PasteCleaner.clean(text).lines
    var warnings: [ImportWarning] = []
    let parsed = try #require(DescribeParser().parse(lines, at: 4, source: "seed", warnings: &warnings))
    let segments: [any TextSegment] = [
      FakePodsTableSegment(lines: 2...3, pod: seedPod, age: .known(value: .seconds(77), resolution: .seconds(1))),
      parsed.segment,
      FakePodsTableSegment(lines: 64...66, pod: seedPod, age: .known(value: .seconds(426), resolution: .seconds(1))),
      FakePodsTableSegment(lines: 70...70, pod: "other", age: .known(value: .seconds(5), resolution: .seconds(1))),
    ]
    let (clocks, anchorWarnings) = AgeAnchorResolver.resolve(segments, observedAt: nil, source: "seed")
    #expect(anchorWarnings.isEmpty)
    #expect(clocks[0].now == (try utc("2020-07-03T07:58:01Z")))
    #expect(clocks[0].error == .seconds(4))
    #expect(clocks[1].now == (try utc("2020-07-03T07:58:09Z")))
    #expect(clocks[1].error == .seconds(2))
    #expect(clocks[2].now == (try utc("2020-07-03T08:03:50Z")))
    #expect(clocks[2].explanation.contains("AGE 7m6s"))
    #expect(clocks[3].now == nil)
    #expect(clocks[3].explanation.contains("kept relative"))
  }

  @Test func disagreeingAnchorsAreReported() throws {
    let text = """
      Name:        web
      Start Time:  Tue, 10 Mar 2026 14:00:00 +0000
      Containers:
        app:
          State:          Running
            Started:      Tue, 10 Mar 2026 14:01:00 +0000
          Restart Count:  0
      Events:
        Type    Reason     Age  From               Message
        ----    ------     ---  ----               -------
        Normal  Scheduled  10m  default-scheduler  Successfully assigned default/web to n1
        Normal  Started    30s  kubelet            Started container app
      """
    let r = try importText(text, source: "w.txt")
    let w = try #require(r.report.warnings.first)
    #expect(w.line == 1)
    #expect(w.message.hasPrefix("time anchors disagree"))
    // The Started anchor (± 2 s) is tighter than Scheduled 10m (± 1m3s).
    #expect(r.statuses.first?.observed == (try utc("2026-03-10T14:01:31Z")))
  }

  @Test func noAnchorKeepsAgesRelative() throws {
    let text = """
      Name:       web
      Namespace:  shop
      Status:     Pending
      Events:
        Type     Reason            Age                From               Message
        ----     ------            ----               ----               -------
        Warning  FailedScheduling  11s (x3 over 94s)  default-scheduler  0/3 nodes are available: 3 Insufficient cpu.
      """
    let r = try importText(text, source: "rel.txt")
    #expect(r.facts.allSatisfy { $0.clock == .relative })
    #expect(r.statuses.first?.observed == Instant(micros: 0))
    let e = try #require(r.event("FailedScheduling"))
    #expect(e.last == Instant(micros: 0) - .seconds(11))
    #expect(e.first == Instant(micros: 0) - .seconds(94))
    #expect(r.report.notes == ["lines 1–7 (describe): no absolute time anchors its ages; they are kept relative to the time the output was taken"])
    #expect(r.facts.first?.object == ObjectRef(namespace: "shop", name: "web"))
  }

  @Test func mixedPasteWithPromptsProseAndIndentation() throws {
    let text = """
        Here is what I see after deploying:

        [root@master k8s]# kubectl describe pod web -n shop
        State:          Waiting
          Reason:       CrashLoopBackOff
        Restart Count:  7
        Events:
          Type     Reason   Age                 From     Message
          ----     ------   ----                ----     -------
          Warning  BackOff  12s (x30 over 6m)   kubelet  Back-off restarting failed container app in pod web_shop(1)

        Any idea what is wrong?   Thanks
        NAME   READY   ???
      """
    let r = try importText(text, source: "chat.txt")
    #expect(r.facts.map { $0.object.description } == ["shop/web", "shop/web"])
    let snap = try #require(r.statuses.first?.snapshot)
    #expect(snap.containers.first?.state?.reason == "CrashLoopBackOff")
    #expect(snap.containers.first?.restartCount == 7)
    #expect(r.event("BackOff")?.count == 30)
    #expect(r.statuses.first?.provenance.firstLine == 4)
    // Prose is skipped silently; the columnar leftovers are named.
    #expect(r.report.warnings.map(\.line) == [12, 13])
    #expect(r.report.warnings.first?.description.hasPrefix("chat.txt:12: warning: skipped a line") == true)
    #expect(r.report.formats == ["describe"])
  }

  @Test func crlfTabsAndIndentationGiveTheSameFacts() throws {
    let (text, plain) = try seed()
    let messy = text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { "  " + $0.replacingOccurrences(of: "Restart Count:  3", with: "Restart Count:\t3") + " " }
      .joined(separator: "\r\n")
    let r = try importText(messy, source: name(plain))
    #expect(r.facts.count == plain.facts.count)
    #expect(r.facts.map(\.observed) == plain.facts.map(\.observed))
    #expect(r.statuses.first { $0.snapshot?.origin == .describe }?.snapshot?.containers.first?.restartCount == 3)
    #expect(r.events.map(\.message) == plain.events.map(\.message))
  }

  func name(_ r: TextImportResult) -> String { r.facts.first?.provenance.source ?? "" }

  @Test func truncatedLastLine() throws {
    let (text, _) = try seed()
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    // Cut in the middle of the Unhealthy row's age column (line 61).
    let cut = lines[0..<60].joined(separator: "\n") + "\n" + String(lines[60].prefix(36))
    let r = try importText(cut, source: "cut.txt")
    #expect(r.events.map(\.reason) == ["Scheduled", "Killing", "Pulled", "Created", "Started"])
    #expect(r.report.warnings.contains { $0.line == 61 && $0.message.hasPrefix("skipped a damaged Events row") })
    #expect(r.statuses.first { $0.snapshot?.origin == .describe }?.observed == (try utc("2020-07-03T07:58:09Z")))
    // Cut inside the message: the row is kept with what there is.
    let cut2 = lines[0..<60].joined(separator: "\n") + "\n" + String(lines[60].prefix(120))
    let r2 = try importText(cut2, source: "cut.txt")
    let message = try #require(r2.event("Unhealthy")?.message)
    #expect(message.hasPrefix("Liveness probe failed: Get http://10.244.1.19:18082/"))
    #expect(!message.hasSuffix("connection refused"))
    #expect(r2.report.warnings.filter { $0.line == 61 }.isEmpty)
  }

  @Test func emptyInputIsAnError() {
    #expect(throws: ImportError.malformed(source: "e.txt", line: 1, reason: "the input is empty")) {
      try importText("", source: "e.txt")
    }
    #expect(throws: ImportError.malformed(source: "e.txt", line: 1, reason: "the input is empty")) {
      try importText(" \n\t\r\n", source: "e.txt")
    }
  }

  @Test func noDumpFoundNamesTheFileAndLine() throws {
    let error = ImportError.malformed(source: "x.txt", line: 1,
                                      reason: "no kubectl output found (expected describe, get events or get pods text)")
    #expect(error.description == "x.txt:1: no kubectl output found (expected describe, get events or get pods text)")
    #expect(throws: error) {
      try importText("My pod keeps crashing.\nWhat should I do?\n$ kubectl describe pod web\n", source: "x.txt")
    }
  }

  @Test func forcedDescribeFormat() throws {
    let (text, _) = try seed()
    let r = try importText(text, source: "seed.txt", format: .describe)
    #expect(r.statuses.count == 1)
    #expect(r.report.formats == ["describe"])
  }
}

@Suite struct TextImporterFrontDoorTests {
  @Test func seedThroughImporter() throws {
    let path = repositoryRoot.appending(path: "fixtures/corpus/000-seed-springboot-liveness-probe-port/input.txt").path()
    let reader = try Importer.open(path)
    var facts: [Fact] = []
    let report = try Importer.run(reader: reader, options: ImportOptions(sourceName: "seed.txt")) { facts.append($0) }
    #expect(report.formats.contains("describe"))
    let describe = try #require(facts.first { $0.snapshot != nil && $0.provenance.format == "describe" })
    #expect(describe.observed == Instant.parseRFC3339("2020-07-03T07:58:09Z"))
    #expect(facts.filter { $0.event != nil }.count == 6)
  }

  @Test func loneKeyLineInProseIsNotADescribe() {
    #expect(throws: ImportError.self) {
      try importText("Node: it is broken since Monday\nplease help\n", source: "p.txt")
    }
  }

  @Test func oldTerminatingExpires() throws {
    let r = try importText("Name:    web\nStatus:  Terminating (expires Tue, 10 Mar 2026 14:02:11 +0000)\nTermination Grace Period:  30s\n")
    let snap = try #require(r.statuses.first?.snapshot)
    #expect(snap.deletionTime == Instant.parseRFC3339("2026-03-10T14:02:11Z"))
    #expect(snap.deletionGracePeriodSeconds == 30)
    #expect(snap.phase == nil)
  }
}

@Suite struct TextImporterWrappedPasteTests {
  /// The seed as a terminal 80 columns wide hard-wraps it: long values and messages go on
  /// flush-left lines.
  @Test func seedHardWrappedAt80Columns() throws {
    let (_, text) = try corpusInput("000")
    var wrapped: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var rest = Substring(line)
      while rest.count > 80 {
        wrapped.append(String(rest.prefix(80)))
        rest = rest.dropFirst(80)
      }
      wrapped.append(String(rest))
    }
    let r = try importText(wrapped.joined(separator: "\n"), source: "wrapped.txt")
    // The pods row (its AGE wrapped onto the next line) and the describe.
    #expect(r.statuses.count == 2)
    let row = try #require(r.statuses.first { $0.snapshot?.containers.isEmpty ?? true })
    #expect(row.snapshot?.row?.status == "Running")
    #expect(row.snapshot?.row?.restarts == 3)
    let describe = try #require(r.statuses.first { $0.snapshot?.containers.isEmpty == false })
    let c = try #require(describe.snapshot?.containers.first)
    #expect(c.restartCount == 3)
    #expect(c.lastState?.exitCode == 143)
    #expect(c.spec.liveness?.portNumber == 18082)
    #expect(describe.snapshot?.conditions.count == 4)
    #expect(describe.observed == Instant.parseRFC3339("2020-07-03T07:58:09Z"))
    #expect(c.spec.liveness == Probe(type: "http-get", scheme: "HTTP", port: "18082", path: "/actuator/info",
                                     initialDelaySeconds: 5, periodSeconds: 5))
    #expect(c.imageID == "docker-pullable://zjj2006forever/springboot-mybatis@sha256:bf43bc9d1d4bdb33d82a206282c8f82be3679847d1011806b72e3634ebe67564")
    #expect(c.spec.mounts == ["/var/run/secrets/kubernetes.io/serviceaccount from default-token-qk5nc (ro)"])
    // A wrap that falls on a space loses it (the paste strips trailing spaces); the words survive.
    #expect(r.event("Unhealthy")?.message.replacingOccurrences(of: " ", with: "")
      == "Livenessprobefailed:Gethttp://10.244.1.19:18082/actuator/info:dialtcp10.244.1.19:18082:connect:connectionrefused")
    #expect(r.eventFact("Unhealthy")?.provenance.firstLine == 74)
    #expect(r.eventFact("Unhealthy")?.provenance.lastLine == 76)
    #expect(r.event("Scheduled")?.message == "Successfully assigned default/springboot-mybatis-deployment-dcd7f8bbf-9wfxl to worker1")
  }
}

@Suite struct AgeAnchorResolverTests {
  @Test func podThatWaitedForSchedulingGivesNoCreationAnchor() throws {
    let text = """
      Name:        web
      Start Time:  Tue, 10 Mar 2026 14:00:00 +0000
      Events:
        Type     Reason            Age                 From               Message
        ----     ------            ----                ----               -------
        Warning  FailedScheduling  2m (x20 over 62m)   default-scheduler  0/1 nodes are available: 1 Insufficient cpu.
        Normal   Scheduled         1m                  default-scheduler  Successfully assigned default/web to n1
      """
    let lines = PasteCleaner.clean(text).lines
    var warnings: [ImportWarning] = []
    let parsed = try #require(DescribeParser().parse(lines, at: 0, source: "w", warnings: &warnings))
    #expect(!parsed.segment.anchors.contains { if case .podCreated = $0.subject { return true } else { return false } })
    let table = FakePodsTableSegment(lines: 20...21, pod: "web", age: .known(value: .seconds(3720), resolution: .seconds(60)))
    let (clocks, _) = AgeAnchorResolver.resolve([parsed.segment, table], observedAt: nil, source: "w")
    #expect(clocks[0].now == Instant.parseRFC3339("2026-03-10T14:01:00Z"))
    #expect(clocks[1].now == nil)
  }
}

@Suite struct TextImporterChatPasteTests {
  /// The first line flush left, the rest indented (a code block opened on the first line).
  @Test func firstLineFlushRestIndented() throws {
    let (_, text) = try corpusInput("000")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let paste = ([lines[4].drop { $0 == " " }] + lines[5..<61]).joined(separator: "\n")
    let r = try importText(paste, source: "chat.txt")
    let fact = try #require(r.statuses.first)
    #expect(fact.object.description == "default/springboot-mybatis-deployment-dcd7f8bbf-9wfxl")
    #expect(fact.snapshot?.node == "worker1")
    #expect(fact.snapshot?.containers.first?.restartCount == 3)
    #expect(fact.observed == Instant.parseRFC3339("2020-07-03T07:58:09Z"))
    #expect(r.events.count == 6)
  }
}

@Suite struct TextImporterStructuredBlockTests {
  @Test func aYAMLStatusPastedAfterAPromptIsImportedUnderThePromptsPod() throws {
    let text = try String(contentsOf: fixture("corpus/040-minikube-insufficient-cpu-getpods-and-status/input.txt"), encoding: .utf8)
    var facts: [Fact] = []
    let report = try TextImporter.run(text: text, options: ImportOptions(sourceName: "040.txt")) { facts.append($0) }
    #expect(report.formats.contains("pods-yaml") && report.formats.contains("pods-table"))
    let yaml = try #require(facts.first { $0.snapshot?.origin == .object })
    #expect(yaml.object.name == "ticktock1-log-v1-67468fc4cf-7sjhq")
    #expect(yaml.provenance.firstLine == 12)
    let cond = try #require(yaml.snapshot?.conditions.first { $0.type == "PodScheduled" })
    #expect(cond.status == "False" && cond.reason == "Unschedulable")
    #expect(cond.message == "0/1 nodes are available: 1 Insufficient cpu.")
    #expect(facts.filter { $0.snapshot?.origin == .table }.count == 6)
  }
}
