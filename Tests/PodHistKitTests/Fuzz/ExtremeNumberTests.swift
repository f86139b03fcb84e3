import Foundation
import Testing
@testable import PodHistKit

/// Feeds extreme numbers into every numeric field of every input format, and into the TIME
/// flags, in-process: import, store, projection, explanation and every view must take them
/// without a trap (an overflow would stop the whole test run, so passing at all is the check).
/// The inputs come from a fixed seed: the same run every time.
@Suite struct ExtremeNumberTests {
  /// Values a numeric field may hold in a damaged or hostile dump.
  static let numbers = ["99999999999999", "9223372036854775807", "-9223372036854775808", "99999999999999999999",
                        "999999", "1e400", "-1e400", "-5", "2147483647", "2147483648", "100001", "0", "-1",
                        "18446744073709551616", "4294967296", "999999999999999999"]
  /// Ages as kubectl prints them, stretched past any real one.
  static let ages = ["99999999999999d", "9223372036854775807s", "-5m", "99999999999999999999y", "1e400s",
                     "106751991167d", "10001y", "9999y", "2562047788015215h", "153722867280912930m", "-9223372036854775808s",
                     "99999999999999d99999999999999h"]
  /// Years beyond the four digits dumps print.
  static let years = ["999999", "99999999999999999999", "9223372036854775807", "0", "-1", "10000", "0000", "99"]
  /// Timestamps in structured dumps.
  static let times = ["999999-03-10T16:15:02Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                      "1e400", "-9223372036854775808", "9223372036854775807", "2020-02-30T00:00:00Z",
                      "2025-13-45T99:99:99Z", "9999-12-31T23:59:59.999999999+14:00", "0001-01-01T00:00:00-14:00"]

  /// One input format: a dump whose numeric fields are slots, `⟨kind:normal⟩` (kind n: number,
  /// a: age, y: year, t: timestamp).
  struct Template: Sendable, CustomStringConvertible {
    var name: String
    var format: InputFormat
    var text: String
    var description: String { name }

    /// The slots in order: their kind and normal value, and the literal text between them.
    var parts: (literals: [String], slots: [(kind: Character, normal: String)]) {
      var literals: [String] = []
      var slots: [(Character, String)] = []
      var rest = Substring(text)
      while let open = rest.firstIndex(of: "⟨"), let close = rest[open...].firstIndex(of: "⟩") {
        literals.append(String(rest[..<open]))
        let inner = rest[rest.index(after: open)..<close]
        slots.append((inner.first ?? "n", String(inner.dropFirst(2))))
        rest = rest[rest.index(after: close)...]
      }
      literals.append(String(rest))
      return (literals, slots)
    }

    /// The dump with `values` in its slots.
    func filled(_ values: [String]) -> String {
      let (literals, _) = parts
      var out = literals[0]
      for (k, v) in values.enumerated() { out += v + literals[k + 1] }
      return out
    }
  }

  static let templates: [Template] = [
    Template(name: "describe", format: .auto, text: """
      Name:         web-0
      Namespace:    shop
      Priority:     ⟨n:0⟩
      Node:         worker1/192.168.59.140
      Start Time:   Fri, ⟨n:03⟩ Jul ⟨y:2020⟩ 03:56:44 -0400
      Status:       Running
      Containers:
        web:
          Image:          web:1.2
          Port:           ⟨n:8300⟩/TCP
          State:          Waiting
            Reason:       CrashLoopBackOff
          Last State:     Terminated
            Reason:       Error
            Exit Code:    ⟨n:143⟩
            Signal:       ⟨n:15⟩
            Started:      Fri, 03 Jul ⟨y:2020⟩ 03:57:42 -0400
            Finished:     Fri, 03 Jul 2020 03:58:02 -0400
          Ready:          False
          Restart Count:  ⟨n:3⟩
          Liveness:       http-get http://:18082/actuator/info delay=⟨a:5s⟩ timeout=⟨n:1⟩s period=⟨a:5s⟩ #success=⟨n:1⟩ #failure=⟨n:3⟩
      Conditions:
        Type              Status
        Ready             False
      Events:
        Type     Reason     Age                 From               Message
        ----     ------     ----                ----               -------
        Normal   Scheduled  ⟨a:85s⟩                 default-scheduler  Successfully assigned shop/web-0 to worker1
        Normal   Killing    ⟨a:28s⟩ (x⟨n:3⟩ over ⟨a:68s⟩)   kubelet, worker1   Container web failed liveness probe, will be restarted
        Normal   Started    ⟨a:26s⟩ (x⟨n:4⟩ over ⟨a:84s⟩)   kubelet, worker1   Started container web
        Warning  Unhealthy  ⟨a:18s⟩ (x⟨n:10⟩ over ⟨a:78s⟩)  kubelet, worker1   Liveness probe failed: connection refused

      """),
    Template(name: "describe-2015-rows", format: .auto, text: """
      Name:\t\t\t\tapi-1
      Node:\t\t\t\t/
      Status:\t\t\t\tRunning
      Containers:
        api:
          Image:\tapi:1
          State:\t\tRunning
            Started:\t\tTue, 07 Apr ⟨y:2015⟩ 12:09:00 -0700
          Ready:\t\tTrue
          Restart Count:\t⟨n:2⟩
      Events:
        FirstSeen\t\t\t\tLastSeen\t\t\tCount\tFrom\t\tSubobjectPath\tReason\t\t\tMessage
        Tue, 07 Apr ⟨y:2015⟩ 12:08:31 -0700\tTue, ⟨n:07⟩ Apr ⟨y:2015⟩ 12:08:31 -0700\t⟨n:1⟩\t{kubelet 127.0.0.1}\tspec.containers{api}\t\t\tstarted\t\tStarted with docker id 1234
        Tue, 07 Apr 2015 12:08:40 -0700\tTue, 07 Apr 2015 12:09:00 -0700\t⟨n:21⟩\t{kubelet 127.0.0.1}\tspec.containers{api}\t\t\tunhealthy\t\tLiveness probe failed

      """),
    Template(name: "events-table", format: .auto, text: """
      LAST SEEN   TYPE      REASON      OBJECT                          MESSAGE
      ⟨a:4m12s⟩       Normal    Scheduled   pod/shop-api-x2kqp    Successfully assigned shop/shop-api-x2kqp to node-b
      ⟨a:3m2s⟩        Normal    Started     pod/shop-api-x2kqp    Started container api
      ⟨a:2m⟩          Warning   BackOff     pod/shop-api-x2kqp    Back-off restarting failed container

      """),
    Template(name: "events-table-old", format: .auto, text: """
      LASTSEEN   FIRSTSEEN   COUNT     NAME            KIND      SUBOBJECT              TYPE      REASON      SOURCE            MESSAGE
      ⟨a:3m⟩         ⟨a:3m⟩          ⟨n:1⟩         web-1.15f   Pod                              Normal    Scheduled   default-scheduler   Successfully assigned web-1 to node-a
      ⟨a:1m⟩         ⟨a:3m⟩          ⟨n:4⟩         web-1.15g   Pod       spec.containers{web}   Warning   BackOff     kubelet, node-a     Back-off restarting failed container

      """),
    Template(name: "kubectl-events", format: .auto, text: """
      LAST SEEN                TYPE      REASON      OBJECT      MESSAGE
      ⟨a:10m⟩                      Normal    Scheduled   Pod/web-0   Successfully assigned shop/web-0 to node-a
      ⟨a:3m⟩ (x⟨n:4⟩ over ⟨a:10m⟩)         Normal    Started     Pod/web-0   Started container web

      """),
    Template(name: "pods-table", format: .auto, text: """
      NAMESPACE     NAME                       READY   STATUS        RESTARTS      AGE
      kube-system   coredns-5d78c9869d-8fk2x   0/1     Pending       ⟨n:0⟩             ⟨a:12m⟩
      shop          web-0                      2/2     Running       ⟨n:3⟩ (⟨a:47h⟩ ago)   ⟨a:6d⟩

      """),
    Template(name: "events-json", format: .auto, text: """
      {"apiVersion": "v1", "kind": "List", "items": [
        {"apiVersion": "v1", "kind": "Event", "count": ⟨n:1⟩, "eventTime": null,
         "firstTimestamp": "⟨t:2025-03-10T16:15:02Z⟩", "lastTimestamp": "⟨t:2025-03-10T16:15:02Z⟩",
         "involvedObject": {"kind": "Pod", "name": "api-0", "namespace": "auth", "fieldPath": "spec.containers{api}"},
         "message": "Started container api", "metadata": {"name": "api-0.1", "namespace": "auth",
         "creationTimestamp": "⟨t:2025-03-10T16:15:02Z⟩"}, "reason": "Started", "type": "Normal",
         "source": {"component": "kubelet", "host": "node-1"}},
        {"apiVersion": "v1", "kind": "Event", "count": ⟨n:12⟩, "eventTime": "⟨t:2025-03-10T16:15:01.950199Z⟩",
         "series": {"count": ⟨n:5⟩, "lastObservedTime": "⟨t:2025-03-10T16:20:00.000000Z⟩"},
         "firstTimestamp": "⟨t:2025-03-10T16:15:03Z⟩", "lastTimestamp": "⟨t:2025-03-10T16:25:00Z⟩",
         "involvedObject": {"kind": "Pod", "name": "api-0", "namespace": "auth", "fieldPath": "spec.containers{api}"},
         "message": "Back-off restarting failed container", "metadata": {"name": "api-0.2", "namespace": "auth"},
         "reason": "BackOff", "type": "Warning", "source": {"component": "kubelet", "host": "node-1"}}
      ]}

      """),
    Template(name: "events-yaml", format: .auto, text: """
      apiVersion: v1
      kind: Event
      count: ⟨n:3⟩
      firstTimestamp: "⟨t:2025-03-10T16:15:02Z⟩"
      lastTimestamp: "⟨t:2025-03-10T16:18:02Z⟩"
      involvedObject:
        kind: Pod
        name: api-0
        namespace: auth
      message: Failed to pull image "api:nope"
      metadata:
        name: api-0.3
        namespace: auth
      reason: Failed
      type: Warning

      """),
    Template(name: "pod-json", format: .auto, text: """
      {"apiVersion": "v1", "kind": "Pod",
       "metadata": {"name": "web-0", "namespace": "shop", "creationTimestamp": "⟨t:2026-03-10T14:02:11Z⟩",
        "deletionGracePeriodSeconds": ⟨n:30⟩, "deletionTimestamp": "⟨t:2026-03-10T14:20:30Z⟩", "uid": "5c0e2f11"},
       "spec": {"activeDeadlineSeconds": ⟨n:3600⟩, "terminationGracePeriodSeconds": ⟨n:30⟩, "priority": ⟨n:0⟩,
        "restartPolicy": "Always",
        "containers": [{"name": "web", "image": "web:1", "ports": [{"containerPort": ⟨n:8080⟩, "hostPort": ⟨n:0⟩}],
          "livenessProbe": {"httpGet": {"path": "/", "port": ⟨n:8080⟩}, "initialDelaySeconds": ⟨n:5⟩,
           "timeoutSeconds": ⟨n:1⟩, "periodSeconds": ⟨n:10⟩, "successThreshold": ⟨n:1⟩, "failureThreshold": ⟨n:3⟩}}],
        "tolerations": [{"key": "k", "operator": "Exists", "tolerationSeconds": ⟨n:300⟩}]},
       "status": {"phase": "Running", "startTime": "⟨t:2026-03-10T14:02:12Z⟩",
        "conditions": [{"type": "Ready", "status": "False", "lastTransitionTime": "⟨t:2026-03-10T14:05:00Z⟩"}],
        "containerStatuses": [{"name": "web", "image": "web:1", "ready": false, "restartCount": ⟨n:7⟩,
          "state": {"waiting": {"reason": "CrashLoopBackOff"}},
          "lastState": {"terminated": {"exitCode": ⟨n:137⟩, "signal": ⟨n:9⟩, "reason": "OOMKilled",
           "startedAt": "⟨t:2026-03-10T14:10:00Z⟩", "finishedAt": "⟨t:2026-03-10T14:12:00Z⟩"}}}]}}

      """),
    Template(name: "pod-yaml", format: .auto, text: """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-1
        namespace: shop
        creationTimestamp: "⟨t:2026-03-10T14:02:11Z⟩"
      spec:
        restartPolicy: Always
        containers:
        - name: web
          image: web:1
          readinessProbe:
            tcpSocket:
              port: ⟨n:8080⟩
            initialDelaySeconds: ⟨n:5⟩
            periodSeconds: ⟨n:10⟩
      status:
        phase: Running
        startTime: "⟨t:2026-03-10T14:02:12Z⟩"
        containerStatuses:
        - name: web
          image: web:1
          ready: true
          restartCount: ⟨n:2⟩
          state:
            running:
              startedAt: "⟨t:2026-03-10T14:15:00Z⟩"
          lastState:
            terminated:
              exitCode: ⟨n:1⟩
              reason: Error
              startedAt: "⟨t:2026-03-10T14:10:00Z⟩"
              finishedAt: "⟨t:2026-03-10T14:12:00Z⟩"

      """),
  ]

  /// The extreme values a slot of `kind` is tried with.
  static func extremes(_ kind: Character) -> [String] {
    switch kind {
    case "a": ages + numbers
    case "y": years
    case "t": times
    default: numbers
    }
  }

  /// Every input of a template: each slot alone with each extreme value (the others normal),
  /// then `randomCount` inputs with about a third of the slots extreme, from SplitMix64(seed).
  static func inputs(_ template: Template, randomCount: Int = 16, seed: UInt64) -> [String] {
    let slots = template.parts.slots
    let normal = slots.map(\.normal)
    var out = [template.filled(normal)]
    for (k, slot) in slots.enumerated() {
      for v in extremes(slot.kind) {
        var values = normal
        values[k] = v
        out.append(template.filled(values))
      }
    }
    var random = SplitMix64(seed: seed)
    for _ in 0..<randomCount {
      let values = slots.map { slot in
        random.next() % 3 == 0 ? random.pick(extremes(slot.kind)) : slot.normal
      }
      out.append(template.filled(values))
    }
    return out
  }

  @Test(arguments: templates)
  func extremeNumbersNeverTrap(_ template: Template) throws {
    let normal = try ExtremeNumberTests.run(template.filled(template.parts.slots.map(\.normal)), template)
    #expect(normal.facts > 0, "\(template.name): the template itself must import")
    let inputs = ExtremeNumberTests.inputs(template, seed: 0x5eed_0000 + UInt64(template.name.utf8.count))
    var imported = 0
    for (k, text) in inputs.enumerated() {
      // Every tenth input also goes through a store: encoding, dedup, index, and reading back.
      let outcome = try ExtremeNumberTests.run(text, template, throughStore: k % 10 == 0)
      if outcome.facts > 0 { imported += 1 }
    }
    // Most inputs still import: an extreme value costs its field, not the file.
    #expect(imported * 2 > inputs.count, "\(template.name): \(imported) of \(inputs.count) imported")
    print("ExtremeNumberTests: \(template.name): \(inputs.count) inputs, \(imported) imported")
  }

  struct Outcome { var facts: Int }

  /// Imports `text`, then projects, explains and renders every pod it names (as `get pods`,
  /// `status`, `timeline`, `restarts` and `why` would); an `ImportError` is a fine answer.
  static func run(_ text: String, _ template: Template, throughStore: Bool = false) throws -> Outcome {
    var facts: [Fact] = []
    let options = ImportOptions(format: template.format, sourceName: "\(template.name).txt")
    do {
      _ = try Importer.run(reader: PiecewiseByteReader(Array(text.utf8)), options: options) { facts.append($0) }
    } catch is ImportError {
      return Outcome(facts: 0)
    }
    if throughStore {
      let store = try scratchStore()
      defer { try? FileManager.default.removeItem(atPath: URL(filePath: store.path).deletingLastPathComponent().path) }
      try store.importing { session in
        _ = try session.begin(source: options.sourceName)
        for f in facts { try session.append(f) }
        _ = try session.finish(formats: [], notes: [])
      }
      let query = try PodQuery(store: store)
      for pod in try query.pods(namespace: nil) {
        let stored = try query.facts(of: pod)
        exercise(stored, at: try query.defaultInstant(for: stored))
      }
      let latest = try store.latestInstant()
      for flag in timeFlags { _ = try? TimeArgument.parse(flag, flag: "--at", latest: latest) }
      #expect(try store.verify().isEmpty)
    }
    for (_, pod) in Dictionary(grouping: facts, by: \.object) where pod.first?.object.kind == "Pod" {
      exercise(pod.sorted(by: PodQuery.eventTimeOrder), at: nil)
    }
    return Outcome(facts: facts.count)
  }

  /// Every view of one pod's facts.
  static func exercise(_ facts: [Fact], at instant: Instant?) {
    let (state, upTo, history) = projectWithHistory(facts, at: instant)
    _ = PodListRender.row(state, wide: true)
    _ = PodListRender.item(state).json()
    _ = StatusRender.text(state)
    _ = StatusRender.json(state).yaml()
    let entries = TimelineRender.entries(facts, since: nil, until: nil)
    _ = TimelineRender.text(entries, pod: "p")
    _ = TimelineRender.json(entries, pod: state.object).json()
    // A count past int32 yields 100,001 runs (`InputBounds.restartCount`): their views are
    // written for the first and last hundred, which keeps the suite fast.
    let all = restartHistory(facts)
    let shown = all.count > 200 ? Array(all.prefix(100) + all.suffix(100)) : all
    _ = RestartsRender.text(shown, pod: "p", clock: facts.last?.clock ?? .absolute)
    _ = RestartsRender.json(history.count > 200 ? Array(history.suffix(100)) : history, pod: state.object, clock: .absolute).json()
    _ = PodQuery.needsExplaining(state, history: history)
    if state.exists {
      let e = Explainer.explain(state, facts: upTo)
      _ = renderExplanationText(e, color: false)
      _ = ExplanationJSON.document([e], at: instant, clock: .absolute).yaml()
    }
    for t in [state.at, Instant(micros: .max), Instant(micros: .min)] { _ = project(facts, at: t) }
  }

  /// TIME flags (`--at`, `--since`, `--until`) past every bound.
  static let timeFlags: [String] = {
    var flags = ["now", "latest", "-5m", "+10s", "-1h30m", "2020-07-03T07:58:09Z", "1e400", "-1e400", "", "-", "+",
                 "999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
                 "Fri, 03 Jul 999999 03:56:44 -0400", "Fri, 99999999999999999999 Jul 2020 03:56:44 -0400",
                 "Fri, 03 Jul 2020 99999999999:56:44 -0400", "2020-07-03 03:56:44 -9999 EDT"]
    for v in numbers + ages + years + times { flags += [v, "-" + v, "+" + v, "--" + v] }
    return flags
  }()

  @Test func timeFlagsNeverTrap() throws {
    let bases: [Instant?] = [nil, Instant(micros: 0), Instant.readable.lowerBound, Instant.readable.upperBound,
                             Instant(micros: .max), Instant(micros: .min), Instant.parse("2020-07-03T07:58:09Z")]
    var count = 0
    for flag in ExtremeNumberTests.timeFlags {
      for base in bases {
        count += 1
        do {
          let t = try TimeArgument.parse(flag, flag: "--since", latest: base)
          // A relative time from an out-of-range base may land anywhere; an absolute one is readable.
          if Instant.parse(flag) != nil { #expect(Instant.readable.contains(t), "\(flag)") }
        } catch let e as QueryError {
          #expect(e.exitStatus == 2, "\(flag)")
          #expect(e.description.hasPrefix("--since: "), "\(flag): \(e)")
        }
      }
    }
    print("ExtremeNumberTests: time flags: \(count) inputs")
  }

  @Test func agesAndInstantsNeverTrap() {
    var random = SplitMix64(seed: 42)
    let units: [String] = ["s", "m", "h", "d", "y", ""]
    for _ in 0..<5_000 {
      var text = ""
      for _ in 0..<(1 + Int(random.next() % 3)) {
        text += String(random.next() % (random.next() % 2 == 0 ? 100 : UInt64.max)) + random.pick(units)
      }
      if let v = Age.parse(text)?.value { #expect(v.micros >= 0 && v.micros <= Age.maximumSeconds * 1_000_000, "\(text)") }
      _ = AggregatedAge.parse("\(text) (x\(random.next()) over \(text))")
      _ = Instant.parse("\(random.next() % 1_000_000)-01-01T00:00:00Z")
      _ = Instant(seconds: Int64(bitPattern: random.next())) + .seconds(Int64(bitPattern: random.next()))
      _ = Instant(micros: Int64(bitPattern: random.next())) - Instant(micros: Int64(bitPattern: random.next()))
      _ = Duration(micros: Int64(bitPattern: random.next())).description
    }
    print("ExtremeNumberTests: ages and instants: 5000 inputs")
  }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny deterministic generator for test inputs.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}
