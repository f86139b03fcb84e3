import Foundation
import Testing
@testable import PodHistKit

@Suite("Projection: aggregated events")
struct EventSeriesTests {
  static func at(_ s: String) -> Instant { F.t("2026-03-14T\(s)Z") }
  static let pod = F.pod("api-0", ns: "prod", uid: "u-9")

  static func started(count: Int, last: String, observed: String, name: String? = "api-0.17f3a", source: String = "events.json") -> Fact {
    F.event(pod, "Started", "Started container api", container: "api", first: at("10:00:00"), last: at(last), count: count,
            observed: at(observed), uncertainty: .zero, name: name, source: source)
  }

  @Test func theSameEventSeenTwiceIsCountedOnce() {
    // A watch saw the Started aggregate at count 3, then at count 5: five runs, not eight.
    let facts = [Self.started(count: 3, last: "10:02:00", observed: "10:02:00"),
                 Self.started(count: 5, last: "10:06:00", observed: "10:06:00")]
    #expect(project(facts, at: nil).restarts == 4...4)
    // The earlier observation pins the count at 10:02: exactly 3 runs by then; the 4th may
    // have come any time after.
    #expect(project(facts, at: Self.at("10:02:00")).restarts == 2...2)
    #expect(project(facts, at: Self.at("10:03:00")).restarts == 2...3)
    // Between the first occurrence and the first observation only a range is known.
    #expect(project(facts, at: Self.at("10:01:00")).restarts == 0...1)
  }

  @Test func describeAndJSONCopiesOfOneEventMerge() {
    // The describe table has no event name; the JSON has one. Same reason, container, message, first.
    let facts = [Self.started(count: 4, last: "10:05:00", observed: "10:05:00"),
                 Self.started(count: 4, last: "10:05:00", observed: "10:05:10", name: nil, source: "describe.txt")]
    #expect(project(facts, at: nil).restarts == 3...3)
  }

  @Test func occurrenceRanges() {
    var e = EventRecord(reason: "Unhealthy", message: "Liveness probe failed", first: Self.at("10:00:00"),
                        last: Self.at("10:01:18"), count: 10)
    e.container = "api"
    let f = Fact(object: Self.pod, observed: Self.at("10:01:18"), body: .event(e),
                 provenance: Provenance(source: "d", firstLine: 1, format: "describe"))
    let s = EventSeries(fact: f, record: e)
    #expect(s.occurrences(atOrBefore: Self.at("09:59:59")) == 0...0)
    #expect(s.occurrences(atOrBefore: Self.at("10:00:00")) == 1...9)
    #expect(s.occurrences(atOrBefore: Self.at("10:01:18")) == 10...10)
    #expect(s.occurrences(after: Self.at("10:00:30"), upTo: Self.at("10:01:18")) == 1...9)
    #expect(s.latestOccurrence(atOrBefore: Self.at("10:00:00"))?.exact == true)
    #expect(s.latestOccurrence(atOrBefore: Self.at("10:00:30"))?.exact == false)
    var truncated = s
    truncated.truncated = true
    #expect(truncated.occurrences(atOrBefore: Self.at("10:05:00")).upperBound == openCount)
  }

  @Test func backOffBoundsRestartsWhenWritesWereDropped() {
    #expect(maxRestarts(in: .seconds(0)) == 1)
    #expect(maxRestarts(in: .seconds(10)) == 2)
    #expect(maxRestarts(in: .seconds(30)) == 3)
    // 0, 10, 20, 40, 80, 160, then 300 s apart.
    #expect(maxRestarts(in: .seconds(310)) == 6)
    #expect(maxRestarts(in: .seconds(3600)) == 6 + 10)
  }

  @Test(arguments: [
    ("Killing", "Container app failed liveness probe, will be restarted", "killedLiveness"),
    ("Killing", "Container app failed startup probe, will be restarted", "killedStartup"),
    ("Killing", "Stopping container app", "killedStopping"),
    ("Killing", "FailedPostStartHook", "killedPostStart"),
    ("BackOff", "Back-off restarting failed container app in pod app_ns(uid)", "backOffRestart"),
    ("BackOff", "Back-off pulling image \"x\"", "backOffPull"),
    ("Failed", "Failed to pull image \"x\": not found", "pullFailed"),
    ("Failed", "Error: ErrImagePull", "pullFailed"),
    ("Failed", "Error: ImagePullBackOff", "pullBackOff"),
    ("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", "unhealthyReadiness"),
    ("Unhealthy", "spec.containers{app}: Liveness probe failed: connection refused", "unhealthyLiveness"),
    ("FailedMount", "MountVolume.SetUp failed for volume \"c\" : configmap \"c\" not found", "failedMount"),
  ])
  func classifiesReasons(_ reason: String, _ message: String, _ meaning: String) {
    let m = EventReading(EventRecord(reason: reason, message: message)).meaning
    #expect("\(m)" == meaning)
  }

  @Test func configErrorMessagesMapToTheirWaitingReason() {
    #expect(EventReading.waitingReason(ofCreateError: "Error: configmap \"app-config\" not found") == "CreateContainerConfigError")
    #expect(EventReading.waitingReason(ofCreateError: "Error: container has runAsNonRoot and image will run as root") == "CreateContainerConfigError")
    #expect(EventReading.waitingReason(ofCreateError: "Error: failed to create containerd task: exec: \"wge\": executable file not found in $PATH")
            == "RunContainerError")
  }

  @Test func containerNamesComeFromMessagesWhenNoFieldPath() {
    let e = EventRecord(reason: "Killing", message: "Container spingboot-mybatis failed liveness probe, will be restarted")
    #expect(inferContainer(e, names: ["spingboot-mybatis", "sidecar"], images: [:]) == "spingboot-mybatis")
    let pulled = EventRecord(reason: "Pulled", message: "Container image \"nginx:1.25\" already present on machine")
    #expect(inferContainer(pulled, names: ["web", "proxy"], images: ["nginx:1.25": "proxy"]) == "proxy")
    let created = EventRecord(reason: "Created", message: "Created container: worker")
    #expect(inferContainer(created, names: [], images: [:]) == "worker")
  }
}
