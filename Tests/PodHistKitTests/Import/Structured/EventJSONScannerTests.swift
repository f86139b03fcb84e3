import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// What one structured import gives: facts, report, or the error, comparable between the
/// scanner's fast path and the tree path.
struct StructuredOutcome: Equatable {
  var facts: [Fact] = []
  var formats: [String] = []
  var warnings: [ImportWarning] = []
  var notes: [String] = []
  var nonPodFacts = 0
  var error: String?
}

/// Imports `bytes` as the front door would (sniffed format), with or without the Event scanner.
func structuredOutcome(_ bytes: [UInt8], name: String, fastEvents: Bool, piece: Int = 1 << 16,
                       observedAt: Instant? = nil) -> StructuredOutcome {
  var out = StructuredOutcome()
  let format = StructuredImporter.sniff(Array(bytes.prefix(65536))) ?? .eventsJSON
  do {
    let report = try StructuredImporter.run(
      input: PiecewiseByteReader(bytes, piece: piece), format: format, lineOffset: 0,
      options: ImportOptions(format: format, observedAt: observedAt, sourceName: name),
      fastEvents: fastEvents) { out.facts.append($0) }
    out.formats = report.formats; out.warnings = report.warnings; out.notes = report.notes
    out.nonPodFacts = report.nonPodFacts
  } catch {
    out.error = String(describing: error)
  }
  return out
}

/// How many items of a JSON stream the scanner read itself, and how many went to the tree.
func scannedItems(_ bytes: [UInt8], piece: Int = 1 << 16) throws -> (scanned: Int, tree: Int) {
  var parser = JSONStreamParser(reader: PiecewiseByteReader(bytes, piece: piece), source: "t")
  var scanned = 0, tree = 0
  try parser.run { item, _, _, _ in
    switch item {
    case .event: scanned += 1
    case .value: tree += 1
    }
  }
  return (scanned, tree)
}

/// Every JSON input under fixtures/ (structured, cli, corpus, demo, ...), found by sniffing.
func jsonFixtures() throws -> [String] {
  let root = repositoryRoot.appending(path: "fixtures")
  guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
  var paths: [String] = []
  for case let url as URL in walker where !url.hasDirectoryPath {
    let bytes = [UInt8](try Data(contentsOf: url))
    switch StructuredImporter.sniff(Array(bytes.prefix(65536))) {
    case .eventsJSON?, .podsJSON?:
      paths.append(String(url.path.dropFirst(root.path.count + 1)))
    default: continue
    }
  }
  return paths.sorted()
}

@Suite("Event JSON scanner") struct EventJSONScannerTests {
  /// Asserts the fast path and the tree path agree on `text`, at several read sizes; returns the
  /// fast outcome.
  @discardableResult
  func same(_ text: String, pieces: [Int] = [1 << 16, 7], observedAt: Instant? = nil,
            sourceLocation: SourceLocation = #_sourceLocation) -> StructuredOutcome {
    let bytes = Array(text.utf8)
    let tree = structuredOutcome(bytes, name: "t.json", fastEvents: false, observedAt: observedAt)
    var fast = StructuredOutcome()
    for piece in pieces {
      fast = structuredOutcome(bytes, name: "t.json", fastEvents: true, piece: piece, observedAt: observedAt)
      #expect(fast == tree, "piece \(piece)", sourceLocation: sourceLocation)
    }
    return fast
  }

  func scanned(_ text: String) throws -> Int { try scannedItems(Array(text.utf8)).scanned }

  // MARK: fixtures

  @Test func findsTheJSONFixtures() throws {
    let paths = try jsonFixtures()
    #expect(paths.contains("structured/events.jsonl"))
    #expect(paths.contains("structured/gen-300.jsonl"))
    #expect(paths.contains("structured/events-watch-wrapped.json"))
    #expect(paths.count >= 14)
  }

  @Test func everyJSONFixtureGivesTheSameFactsBothWays() throws {
    for path in try jsonFixtures() {
      let bytes = try structuredFixture(path)
      let tree = structuredOutcome(bytes, name: path, fastEvents: false)
      for piece in [1 << 16, 1000, 3] {
        let fast = structuredOutcome(bytes, name: path, fastEvents: true, piece: piece)
        #expect(fast.facts.count == tree.facts.count, "\(path) piece \(piece)")
        for (a, b) in zip(fast.facts, tree.facts) {
          #expect(a == b, "\(path) line \(b.provenance.firstLine)")
          #expect(a.event?.extra == b.event?.extra, "\(path) line \(b.provenance.firstLine)")
          #expect(a.provenance == b.provenance && a.clock == b.clock && a.uncertainty == b.uncertainty)
        }
        #expect(fast == tree, "\(path) piece \(piece)")
      }
    }
  }

  @Test func theEventFixturesGoThroughTheScanner() throws {
    for (path, events) in [("structured/events.jsonl", 4), ("structured/events-watch.json", 3),
                           ("structured/events-watch-wrapped.json", 3), ("structured/events-list.json", 5),
                           ("structured/events-v1-series.json", 1), ("structured/event-single.json", 1),
                           ("structured/gen-300.jsonl", 300), ("structured/gen-300.json", 300)] {
      let counts = try scannedItems(try structuredFixture(path))
      #expect(counts.scanned == events, "\(path)")
      #expect(counts.tree == 0, "\(path)")
    }
    // The List's Service and Pod go to the tree; its Event does not.
    let mixed = try scannedItems(try structuredFixture("structured/list-mixed.json"))
    #expect(mixed.scanned == 1 && mixed.tree == 2)
  }

  @Test func generatedWorkloadReadsAsBefore() throws {
    for path in ["structured/gen-300.jsonl", "structured/gen-300.json"] {
      let bytes = try structuredFixture(path)
      let fast = structuredOutcome(bytes, name: path, fastEvents: true)
      let tree = structuredOutcome(bytes, name: path, fastEvents: false)
      #expect(fast.error == nil)
      #expect(fast.facts.count == 300)
      #expect(fast == tree)
    }
    let jsonl = structuredOutcome(try structuredFixture("structured/gen-300.jsonl"), name: "g", fastEvents: true)
    let first = try #require(jsonl.facts.first)
    #expect(first.object == ObjectRef(kind: "ReplicaSet", namespace: "data", name: "etl-runner-6d5w7pfsdj",
                                      uid: "9aa05ceb-da04-4d5a-b9ac-2adb652adf31"))
    #expect(first.event?.reason == "SuccessfulCreate")
    #expect(first.event?.component == "replicaset-controller" && first.event?.host == nil)
    #expect(first.event?.extra == #"{"involvedObject":{"apiVersion":"apps/v1","resourceVersion":"9554547"},"metadata":{"creationTimestamp":"2025-03-10T08:22:34Z","namespace":"data","resourceVersion":"9554547126"}}"#)
    #expect(first.provenance == Provenance(source: "g", firstLine: 1, lastLine: 1, format: "events-json"))
    #expect(jsonl.facts.last?.provenance.firstLine == 300)
  }

  // MARK: targeted cases

  static let base = #""apiVersion":"v1","firstTimestamp":"2026-03-10T10:00:00Z","involvedObject":{"kind":"Pod","name":"web-1","namespace":"shop"},"kind":"Event","lastTimestamp":"2026-03-10T10:05:00Z","reason":"BackOff""#

  @Test func escapesAndUnicode() throws {
    let line = "{" + Self.base + #","message":"a \"q\" \\ \/ \b\f\n\r\t \u00e9 \u20AC \ud83d\ude00 é 😀 \u0001 end","related":{"k":"v\n\u00e9\"\u0007"}}"#
    let out = same(line)
    #expect(try scanned(line) == 1)
    let e = try #require(out.facts.first?.event)
    #expect(e.message == "a \"q\" \\ / \u{8}\u{c}\n\r\t é € 😀 é 😀 \u{1} end")
    #expect(e.extra == #"{"related":{"k":"v\n\u00e9\"\u0007"}}"#.replacingOccurrences(of: #"\u00e9"#, with: "é"))
  }

  @Test func loneAndBrokenSurrogates() throws {
    // A lone high or low surrogate becomes U+FFFD, as in the tree path.
    let lone = "{" + Self.base + #","message":"x\ud83dy\ude00z\ud83d"}"#
    #expect(same(lone).facts.first?.event?.message == "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
    #expect(try scanned(lone) == 1)
    // A high surrogate followed by another escape is an error, left to the tree path.
    let bad = "{" + Self.base + #","message":"x\ud83d\n"}"#
    #expect(same(bad).error?.contains("invalid escape") == true)
    // A high surrogate and an escape that is not a low one: left to the tree path (which used to
    // trap on it and now reads U+FFFD then the second character).
    let unpaired = "{" + Self.base + #","message":"x\ud83d\u0041\ud800\ue000"}"#
    #expect(try scanned(unpaired) == 0)
    #expect(same(unpaired).facts.first?.event?.message == "x\u{FFFD}A\u{10400}")
  }

  @Test func invalidUTF8IsRepairedTheSameWay() throws {
    var bytes = Array(("{" + Self.base + #","message":"ok "#).utf8)
    bytes += [0xC3, 0x28, 0xFF, 0x41]
    bytes += Array(#"","note2":"\u00e9"#.utf8) + [0xE2, 0x82] + Array("\"}\n".utf8)
    let tree = structuredOutcome(bytes, name: "u", fastEvents: false)
    let fast = structuredOutcome(bytes, name: "u", fastEvents: true)
    #expect(fast == tree)
    #expect(fast.facts.first?.event?.message == "ok \u{FFFD}(\u{FFFD}A")
    #expect(fast.facts.first?.event?.extra == "{\"note2\":\"é\u{FFFD}\"}")
    #expect(try scannedItems(bytes).scanned == 1)
  }

  @Test func nullsEmptiesAndMissingFields() throws {
    let text = """
    {"apiVersion":"v1","count":null,"eventTime":null,"firstTimestamp":null,"involvedObject":{"kind":"Pod","name":"a","namespace":null,"uid":""},"kind":"Event","lastTimestamp":"2026-03-10T10:05:00Z","message":null,"metadata":{"creationTimestamp":null,"name":"","uid":null},"reason":"","reportingComponent":"","reportingInstance":"","source":null,"type":null}
    {"kind":"Event","reason":"NoTimes","involvedObject":{"name":"b"}}
    {"kind":"Event","reason":"OnlyCreation","metadata":{"creationTimestamp":"2026-03-10T09:00:00Z"}}
    {"kind":"Event","reason":"EventTimeOnly","eventTime":"2026-03-10T09:00:00.123456789Z","involvedObject":{}}
    {"kind":"Event","reason":"OddTime","firstTimestamp":"2026-03-10T11:00:00+02:00","lastTimestamp":"2026-03-10T11:00:00.5+02:00"}

    """
    let out = same(text)
    #expect(try scanned(text) == 5)
    #expect(out.facts.count == 4)
    #expect(out.warnings.count == 1 && out.warnings.first?.line == 2)
    let a = try #require(out.facts.first)
    #expect(a.object == ObjectRef(kind: "Pod", namespace: "default", name: "a", uid: nil))
    #expect(a.event?.message == "" && a.event?.reason == "" && a.event?.count == 1 && a.event?.type == nil)
    #expect(a.event?.extra == #"{"metadata":{"creationTimestamp":null}}"#)
    #expect(out.facts[1].observed == instant("2026-03-10T09:00:00Z"))
    #expect(out.facts[1].object.name == "unknown")
    #expect(out.facts[2].event?.eventTime == instant("2026-03-10T09:00:00.123456Z"))
    #expect(out.facts[3].observed == instant("2026-03-10T09:00:00.5Z"))
    // With --observed-at the untimed Event is kept.
    let given = try #require(instant("2026-03-11T00:00:00Z"))
    #expect(same(text, observedAt: given).facts.count == 5)
  }

  @Test func seriesAndEventsV1() throws {
    let text = """
    {"action":"Scheduling","apiVersion":"events.k8s.io/v1","deprecatedCount":3,"deprecatedFirstTimestamp":"2026-03-10T09:00:00Z","deprecatedLastTimestamp":"2026-03-10T09:01:00Z","deprecatedSource":{"component":"kubelet","host":"node-1"},"eventTime":"2026-03-10T09:00:00.000001Z","kind":"Event","metadata":{"name":"p.1","namespace":"jobs"},"note":"0/6 nodes","reason":"FailedScheduling","regarding":{"apiVersion":"v1","fieldPath":"spec.initContainers{init}","kind":"Pod","name":"p","namespace":"jobs","uid":"u-1"},"related":{"kind":"Node","name":"node-1"},"reportingController":"default-scheduler","reportingInstance":"sched-1","series":{"count":14,"lastObservedTime":"2026-03-10T09:25:41.902117Z","extra":[1,{"b":2,"a":[true,false,null]}]},"type":"Warning"}
    {"apiVersion":"events.k8s.io/v1","deprecatedCount":0,"deprecatedSource":{},"kind":"Event","note":"n","reason":"R","regarding":{"kind":"Node","name":"n1"},"reportingController":"c","eventTime":"2026-03-10T09:00:00Z","series":null}
    {"apiVersion":"v1","kind":"Event","reason":"Both","involvedObject":{"kind":"Pod","name":"x","resourceVersion":"9"},"regarding":{"kind":"Pod","name":"y","extra":1},"source":{"component":"kubelet"},"deprecatedSource":{"component":"other","host":"h"},"lastTimestamp":"2026-03-10T09:00:00Z","count":-4}

    """
    let out = same(text)
    #expect(try scanned(text) == 3)
    let v1 = try #require(out.facts.first?.event)
    #expect(v1.count == 14 && v1.seriesCount == 14 && v1.message == "0/6 nodes")
    #expect(v1.last == instant("2026-03-10T09:25:41.902117Z") && v1.first == instant("2026-03-10T09:00:00Z"))
    #expect(v1.container == "init" && v1.containerKind == .`init` && v1.component == "kubelet" && v1.host == "node-1")
    #expect(v1.extra == #"{"metadata":{"namespace":"jobs"},"regarding":{"apiVersion":"v1"},"related":{"kind":"Node","name":"node-1"}}"#)
    #expect(out.nonPodFacts == 1)
    #expect(out.facts[2].object.name == "x" && out.facts[2].event?.component == "kubelet" && out.facts[2].event?.count == 1)
  }

  @Test func fieldPathsNameTheSameContainers() throws {
    let paths = ["spec.containers{web}", "spec.initContainers{init-db}", "spec.ephemeralContainers{debugger}",
                 "spec.containers{}", "{x}", "spec.containers{a}b}", "}{", "spec.containers{wéb}", "status.containerStatuses",
                 #"spec.containers{a\u007db}"#, #"spec.initContainers\u007bx}"#, "", "initContainers{i}"]
    let text = paths.map { "{" + Self.base.replacingOccurrences(of: #""kind":"Pod","#, with: #""fieldPath":""# + $0 + #"","kind":"Pod","#) + "}" }
      .joined(separator: "\n") + "\n"
    let out = same(text)
    #expect(try scanned(text) == paths.count)
    #expect(out.facts.map { $0.event?.container } == ["web", "init-db", "debugger", nil, "x", "a}b", nil, "wéb", nil, "a}b", "x", nil, "i"])
    #expect(out.facts.map { $0.event?.containerKind } == [.regular, .`init`, .ephemeral, nil, .regular, .regular, nil, .regular, nil,
                                                          .regular, .`init`, nil, .`init`])
  }

  @Test func numbersInOddFormsGoToTheTree() throws {
    for value in ["1.0", "1e2", "-0", "007", "12345678901234567890", "-", "1-2", "\"5\"", "true"] {
      let line = "{" + Self.base + #","count":"# + value + "}\n"
      same(line)
    }
    #expect(try scanned("{" + Self.base + #","count":1.0}"#) == 0)
    #expect(try scanned("{" + Self.base + #","count":"5"}"#) == 0)
    #expect(try scanned("{" + Self.base + #","count":-0}"#) == 1)
    #expect(same("{" + Self.base + #","count":"5"}"#).facts.first?.event?.count == 5)
    // Unmapped numbers are written back normalised.
    let odd = "{" + Self.base + #","x":[007,-0,12,1.5]}"#
    #expect(try scanned(odd) == 0)
    #expect(same("{" + Self.base + #","x":[007,-0,12]}"#).facts.first?.event?.extra == #"{"x":[7,0,12]}"#)
  }

  @Test func unknownMembersInOddOrders() throws {
    let text = """
    {"zeta":{"b":[{"y":1,"x":{}},[]],"a":"s"},"reason":"R","kind":"Event","alpha":[],"involvedObject":{"uid":"u","zz":true,"name":"p","aa":null},"lastTimestamp":"2026-03-10T10:05:00Z","metadata":{"managedFields":[{"manager":"kubelet","fieldsV1":{"f:count":{}}}],"labels":{"b":"2","a":"1"},"name":"p.1"},"Upper":1}

    """
    let out = same(text)
    #expect(try scanned(text) == 1)
    #expect(out.facts.first?.event?.extra == #"{"Upper":1,"alpha":[],"involvedObject":{"aa":null,"zz":true},"metadata":{"labels":{"a":"1","b":"2"}},"zeta":{"a":"s","b":[{"x":{},"y":1},[]]}}"#)
  }

  @Test func duplicatesAndOtherDoubtsGoToTheTree() throws {
    let cases = [
      "{" + Self.base + #","reason":"Again"}"#,                                       // duplicated mapped key
      "{" + Self.base + #","x":1,"x":2}"#,                                             // duplicated unmapped key
      "{" + Self.base + #","metadata":{"name":"a","name":"b"}}"#,
      "{" + Self.base + #","metadata":{"labels":{"a":1,"a":2}}}"#,
      "{" + Self.base + #","re\u0061son2":"x"}"#,                                      // escaped key
      "{" + Self.base + #","clé":"x"}"#,                                               // non-ASCII key
      "{" + Self.base + #","message":"tab\there"}"#.replacingOccurrences(of: "\\t", with: "\t"),  // raw control
      "{" + Self.base + #","items":[]}"#,
      "{" + Self.base + #","metadata":"m"}"#,
      "{" + Self.base + #","source":"s"}"#,
      "{" + Self.base.replacingOccurrences(of: #""kind":"Event""#, with: #""kind":"Pod""#) + "}",
      #"{"type":"BOOKMARK","object":{"kind":"Event","metadata":{"resourceVersion":"1"}}}"#,
      #"{"type":"ADDED","object":{"# + Self.base + #"},"extra":1}"#,
      #"{"reason":"NoKind","involvedObject":{"name":"p"},"lastTimestamp":"2026-03-10T10:05:00Z"}"#,
    ]
    for text in cases {
      #expect(try scanned(text) == 0, "\(text)")
      same(text + "\n")
    }
    // The tree keeps the last of duplicated keys; so does the answer.
    #expect(same("{" + Self.base + #","reason":"Again"}"#).facts.first?.event?.reason == "Again")
  }

  @Test func watchWrappersBothOrders() throws {
    let text = """
    {"type":"ADDED","object":{\(Self.base)}}
    {"object":{\(Self.base),"count":3},"type":"MODIFIED"}
    {"type":"DELETED","object":{\(Self.base),"count":4}}
    {"type":"BOOKMARK","object":{"kind":"Event","metadata":{"resourceVersion":"12"}}}

    """
    let out = same(text)
    #expect(try scannedItems(Array(text.utf8)) == (3, 1))
    #expect(out.facts.map { $0.event?.count } == [1, 3, 4])
    #expect(out.facts.map(\.provenance.firstLine) == [1, 2, 3])
    // An Event whose first member is its own `type` is not a wrapper.
    let typeFirst = #"{"type":"Warning","object":{"kind":"Node"},"# + Self.base + "}\n"
    #expect(try scanned(typeFirst) == 1)
    #expect(same(typeFirst).facts.first?.event?.extra == #"{"object":{"kind":"Node"}}"#)
  }

  @Test func prettyPrintedObjectsKeepTheirLines() throws {
    let text = """

      {
        "apiVersion": "v1",
        "involvedObject": {
            "kind": "Pod",
            "name": "web-1"
        },
        "kind": "Event",
        "lastTimestamp": "2026-03-10T10:05:00Z",
        "message": "one",
        "reason": "A"
      }
    \r
      {  "kind" : "Event" , "reason" : "B" ,
         "lastTimestamp" : "2026-03-10T10:06:00Z"
      }[{"kind":"Event","reason":"C","lastTimestamp":"2026-03-10T10:07:00Z"},
        {"kind":"Event","reason":"D","lastTimestamp":"2026-03-10T10:08:00Z"}
      ]
    """
    let out = same(text, pieces: [1 << 16, 1, 5, 13])
    #expect(try scanned(text) == 4)
    #expect(out.facts.map(\.provenance.firstLine) == [2, 14, 16, 17])
    #expect(out.facts.map(\.provenance.lastLine) == [12, 16, 16, 17])
  }

  @Test func aMalformedLineInTheMiddleIsReportedAsBefore() throws {
    let good = "{" + Self.base + "}"
    let text = [good, good, good, "{" + Self.base + #" "message":"missing comma"}"#, good].joined(separator: "\n") + "\n"
    for piece in [1 << 16, 3] {
      let out = structuredOutcome(Array(text.utf8), name: "bad.jsonl", fastEvents: true, piece: piece)
      #expect(out.error == "bad.jsonl:4: expected ',' or '}' after an object member")
    }
    same(text)
    // Truncated at the end: the same error as the tree path, naming the last line.
    let truncated = good + "\n" + String(good.dropLast(20))
    #expect(same(truncated).error == "t.json:2: input ends inside an object (truncated?)")
  }

  /// Damaged and altered copies of real lines (bytes dropped, doubled, swapped, replaced by
  /// JSON-significant ones): whatever the tree path makes of each, facts or an error, the
  /// scanner path makes the same.
  @Test func mutatedLinesReadTheSameBothWays() throws {
    let lines = try structuredFixture("structured/gen-300.jsonl").split(separator: 0x0A).map(Array.init)
    var rng = SplitMix(seed: 42)
    let inserts: [[UInt8]] = [Array("\\".utf8), Array("\\u00e9".utf8), Array("\\ud83d\\ude00".utf8), Array("\\ud83d".utf8),
                              Array("\"".utf8), Array(",".utf8), Array("}".utf8), Array("{".utf8), Array("[".utf8),
                              Array(" \n ".utf8), Array(":".utf8), Array("1".utf8), Array("-".utf8), Array(".5".utf8),
                              Array("null".utf8), [0xC3], [0xFF], [0x01], Array(#","x":{"b":1,"a":[2]}"#.utf8)]
    var scannedAny = 0, failures = 0
    for round in 0..<600 {
      var line = lines[Int(rng.next() % UInt64(lines.count))]
      for _ in 0..<(1 + Int(rng.next() % 3)) {
        let at = Int(rng.next() % UInt64(line.count))
        switch rng.next() % 4 {
        case 0: line.remove(at: at)
        case 1: line.insert(line[at], at: at)
        case 2: line.swapAt(at, Int(rng.next() % UInt64(line.count)))
        default: line.insert(contentsOf: inserts[Int(rng.next() % UInt64(inserts.count))], at: at)
        }
      }
      let text = lines[round % lines.count] + [0x0A] + line + [0x0A] + lines[(round + 1) % lines.count] + [0x0A]
      let tree = structuredOutcome(text, name: "m.jsonl", fastEvents: false)
      let fast = structuredOutcome(text, name: "m.jsonl", fastEvents: true)
      #expect(fast == tree, "round \(round): \(String(decoding: line, as: UTF8.self))")
      if fast != tree { failures += 1; if failures > 5 { break } }
      if let counts = try? scannedItems(text), counts.scanned == 3 { scannedAny += 1 }
    }
    // Some mutations leave an Event the scanner still reads (a doubled letter in a value).
    #expect(scannedAny > 50)
  }

  /// The same for pretty-printed streams and Lists, where errors name lines inside objects.
  @Test(arguments: ["structured/events-watch.json", "structured/events-list.json", "structured/events-watch-wrapped.json"])
  func mutatedPrettyFilesReadTheSameBothWays(path: String) throws {
    let original = try structuredFixture(path)
    var rng = SplitMix(seed: 7)
    let inserts: [[UInt8]] = [Array("\\".utf8), Array("\"".utf8), Array(",".utf8), Array("}".utf8), Array("\n".utf8),
                              Array("\\u0041".utf8), [0xE2, 0x82], Array("{\"kind\":\"Event\"}".utf8)]
    for round in 0..<300 {
      var text = original
      for _ in 0..<(1 + Int(rng.next() % 2)) {
        let at = Int(rng.next() % UInt64(text.count))
        switch rng.next() % 3 {
        case 0: text.remove(at: at)
        case 1: text.swapAt(at, Int(rng.next() % UInt64(text.count)))
        default: text.insert(contentsOf: inserts[Int(rng.next() % UInt64(inserts.count))], at: at)
        }
      }
      for piece in [1 << 16, 97] {
        let tree = structuredOutcome(text, name: "p.json", fastEvents: false, piece: piece)
        let fast = structuredOutcome(text, name: "p.json", fastEvents: true, piece: piece)
        #expect(fast == tree, "round \(round) piece \(piece)")
      }
    }
  }

  @Test func objectsLongerThanOneReadAreScannedWhole() throws {
    let long = String(repeating: "x", count: 200_000)
    let text = "{" + Self.base + #","message":""# + long + #""}"# + "\n{" + Self.base + "}\n"
    let out = same(text)
    #expect(out.facts.first?.event?.message.count == 200_000)
    #expect(try scanned(text) == 2)
  }
}

/// A small deterministic random generator (SplitMix64) for the tests that need random inputs.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
