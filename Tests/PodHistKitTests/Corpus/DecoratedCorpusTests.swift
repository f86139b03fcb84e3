import Foundation
import Testing
@testable import PodHistKit

/// A decorated copy of every text case in fixtures/corpus imports to the same facts as the
/// case itself: Markdown bold, a blockquote, backticks, a common indentation, bullets, a prompt
/// glyph line, and every table's header removed. The variants are made here, from the cases,
/// so a new case is covered without anyone writing its variants.
@Suite struct DecoratedCorpusTests {
  /// The corpus cases whose only input is a text paste.
  static let textCases: [String] = {
    let dir = fixture("corpus")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { name in
      let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: dir.appending(path: name).path)) ?? [])
        .filter { $0.hasPrefix("input") }
      return inputs == ["input.txt"]
    }.sorted()
  }()

  /// The case lists are read from fixtures/corpus: a missing or emptied folder would make the
  /// parameterised tests below run no case and pass, so it fails here.
  @Test func theCorpusCasesAreThere() {
    #expect(DecoratedCorpusTests.textCases.count >= 100, "fixtures/corpus: \(DecoratedCorpusTests.textCases.count) text cases")
    #expect(DecoratedCorpusTests.structuredCases.count >= 10, "fixtures/corpus: \(DecoratedCorpusTests.structuredCases.count) structured cases")
  }

  /// A variant of a paste, and where each of its lines came from in the original (nil for a
  /// line the variant added).
  struct Variant {
    var name: String
    var text: String
    var origin: [Int?]
  }

  /// Every decoration of `text`.
  static func variants(of text: String) -> [Variant] {
    let lines = text.components(separatedBy: "\n")
    let same = lines.indices.map { Optional($0 + 1) }
    func eachNonBlank(_ f: (String) -> String) -> String {
      lines.map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? $0 : f($0) }.joined(separator: "\n")
    }
    // A paste that already wears a decoration is not dressed in it twice (`**` around a line
    // that has its own `**` inside is another paste's problem, not this test's).
    var out = [
      Variant(name: "bold", text: text.contains("**") ? "" : eachNonBlank { "**" + $0 + "**" }, origin: same),
      Variant(name: "blockquote", text: lines.map { "> " + $0 }.joined(separator: "\n"), origin: same),
      Variant(name: "backticks", text: eachNonBlank { "`" + $0 + "`" }, origin: same),
      Variant(name: "indented", text: eachNonBlank { "    " + $0 }, origin: same),
      Variant(name: "bullets", text: eachNonBlank { "- " + $0 }, origin: same),
      Variant(name: "prompt glyph", text: "❯ kubectl get all\n" + text, origin: [nil] + same),
    ]
    out.removeAll { $0.text.isEmpty }
    // Every table's header (and its `----` rule) removed: the lines are gone, not blanked.
    var kept: [String] = []
    var origin: [Int?] = []
    for (i, line) in lines.enumerated() where !isHeaderOrRule(line) {
      kept.append(line)
      origin.append(i + 1)
    }
    if kept.count < lines.count {
      out.append(Variant(name: "headers removed", text: kept.joined(separator: "\n"), origin: origin))
    }
    return out
  }

  /// An events or pods table header, or the dashes under a describe table's header.
  static func isHeaderOrRule(_ line: String) -> Bool {
    let t = line.trimmingCharacters(in: .whitespaces)
    let headers = ["LAST SEEN", "LASTSEEN", "FIRSTSEEN", "FIRST SEEN", "NAME  ", "NAMESPACE  ", "Type  ", "Type\t",
                   "FirstSeen", "POD  "]
    if headers.contains(where: { t.hasPrefix($0) }), t.contains("REASON") || t.contains("Reason") || t.contains("READY") {
      return true
    }
    // `----  ------  ----`: the rule under describe's Events header.
    let words = t.split(whereSeparator: { $0 == " " || $0 == "\t" })
    return words.count >= 3 && words.allSatisfy { $0.allSatisfy { $0 == "-" } }
  }

  /// A fact as compared across variants: its source line mapped back to the original's.
  static func normalised(_ facts: [Fact], origin: [Int?]) -> [Fact] {
    facts.map { f in
      var g = f
      func back(_ n: Int) -> Int { n >= 1 && n <= origin.count ? (origin[n - 1] ?? 0) : n }
      g.provenance.firstLine = back(f.provenance.firstLine)
      g.provenance.lastLine = back(f.provenance.lastLine)
      if case var .status(s) = g.body {
        s.fieldLines = s.fieldLines.mapValues(back)
        for k in s.containers.indices { s.containers[k].fieldLines = s.containers[k].fieldLines.mapValues(back) }
        g.body = .status(s)
      }
      if case var .node(n) = g.body {
        n.fieldLines = n.fieldLines.mapValues(back)
        g.body = .node(n)
      }
      return g
    }
  }

  /// The corpus cases whose only input is JSON or YAML.
  static let structuredCases: [String] = {
    let dir = fixture("corpus")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { name in
      let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: dir.appending(path: name).path)) ?? [])
        .filter { $0.hasPrefix("input") }
      return inputs == ["input.json"] || inputs == ["input.yaml"]
    }.sorted()
  }()

  /// JSON and YAML pasted into a ticket: quoted, indented, after a prompt, inside a fence.
  @Test(arguments: structuredCases)
  func decoratedStructuredCopiesImportTheSameFacts(_ name: String) throws {
    let file = try #require(try FileManager.default.contentsOfDirectory(atPath: fixture("corpus/\(name)").path).first { $0.hasPrefix("input") })
    let text = try String(contentsOf: fixture("corpus/\(name)/\(file)"), encoding: .utf8)
    let clean = try importBytes(Array(text.utf8), name: file).facts
    let lines = text.components(separatedBy: "\n")
    let same = lines.indices.map { Optional($0 + 1) }
    let variants = [
      Variant(name: "blockquote", text: lines.map { "> " + $0 }.joined(separator: "\n"), origin: same),
      Variant(name: "indented", text: lines.map { $0.isEmpty ? $0 : "    " + $0 }.joined(separator: "\n"), origin: same),
      Variant(name: "prompt glyph", text: "❯ kubectl get pod -o \(file.hasSuffix("json") ? "json" : "yaml")\n" + text, origin: [nil] + same),
      Variant(name: "fenced", text: "```\n" + text + "\n```", origin: [nil] + same + [nil]),
    ]
    let strip: ([Fact]) -> Set<Fact> = { Set($0.map { var f = $0; f.provenance.firstLine = 0; f.provenance.lastLine = 0; f.provenance.format = ""; return f }) }
    for v in variants {
      do {
        let got = DecoratedCorpusTests.normalised(try importBytes(Array(v.text.utf8), name: file).facts, origin: v.origin)
        // The object is the same; where a block starts and which reader took it may differ.
        #expect(strip(got) == strip(clean), "\(name) (\(v.name)): \(strip(got).subtracting(strip(clean)).map { String(describing: $0) }.prefix(1)) vs \(strip(clean).subtracting(strip(got)).map { String(describing: $0) }.prefix(1))")
      } catch {
        Issue.record("\(name) (\(v.name)): \(error)")
      }
    }
  }

  @Test(arguments: textCases)
  func decoratedCopiesImportTheSameFacts(_ name: String) throws {
    let text = try String(contentsOf: fixture("corpus/\(name)/input.txt"), encoding: .utf8)
    let clean = try importText(text, source: "input.txt").facts
    for v in DecoratedCorpusTests.variants(of: text) {
      let facts: [Fact]
      do {
        facts = try importText(v.text, source: "input.txt").facts
      } catch {
        Issue.record("\(name) (\(v.name)): \(error)")
        continue
      }
      let got = DecoratedCorpusTests.normalised(facts, origin: v.origin)
      if v.name == "headers removed" {
        // Without its header a table's columns are inferred from the rows: the facts (what was
        // seen, when, about which pod) must be the same; their line spans may differ.
        let strip: ([Fact]) -> [Fact] = {
          $0.map { var f = $0; f.provenance.firstLine = 0; f.provenance.lastLine = 0
            if case var .status(s) = f.body {
              s.fieldLines = [:]
              for k in s.containers.indices { s.containers[k].fieldLines = [:] }
              f.body = .status(s)
            }
            if case var .node(n) = f.body { n.fieldLines = [:]; f.body = .node(n) }
            return f }
        }
        let extra = Set(strip(got)).subtracting(strip(clean)), missing = Set(strip(clean)).subtracting(strip(got))
        #expect(extra.isEmpty && missing.isEmpty,
                "\(name) (\(v.name)): extra \(extra.map(DecoratedCorpusTests.brief).sorted().prefix(2)) missing \(missing.map(DecoratedCorpusTests.brief).sorted().prefix(2))")
      } else {
        let extra = Set(got).subtracting(clean), missing = Set(clean).subtracting(got)
        #expect(extra.isEmpty && missing.isEmpty,
                "\(name) (\(v.name)): extra \(extra.map(DecoratedCorpusTests.brief).sorted().prefix(2)) missing \(missing.map(DecoratedCorpusTests.brief).sorted().prefix(2))")
      }
    }
  }

  /// A fact in a few words, for failure messages.
  static func brief(_ f: Fact) -> String {
    let what: String
    switch f.body {
    case let .event(e): what = "\(e.reason) \(e.message.prefix(40)) x\(e.count)"
    case let .status(s): what = "status \(s.phase ?? "?") \(s.containers.map { "\($0.name):\($0.restartCount.map(String.init) ?? "?")" })"
    case let .declared(d): what = "declared by \(d.declaredBy) \(d.containers.map(\.name))"
    case let .node(n): what = "node \(n.status ?? "?")"
    case let .listing(l): what = "listing of \(l.pods.count)"
    case let .deletion(d): what = "deleted (\(d.basis.rawValue))"
    case let .recordingGap(g): what = "recording gap \(g.resource) \(g.cause.rawValue)"
    }
    return "\(f.object.name)@\(f.provenance.firstLine)-\(f.provenance.lastLine) \(f.observed.micros / 1_000_000)s \(what)"
  }

  @Test func theVariantsDecorateEveryLine() {
    let v = DecoratedCorpusTests.variants(of: "Events:\n  Type  Reason  Age  From  Message\n  ----  ------  ----  ----  -------\n  Warning  BackOff  2m  kubelet  Back-off restarting failed container")
    #expect(v.map(\.name) == ["bold", "blockquote", "backticks", "indented", "bullets", "prompt glyph", "headers removed"])
    #expect(v[0].text.hasPrefix("**Events:**\n**  Type"))
    #expect(v[6].text == "Events:\n  Warning  BackOff  2m  kubelet  Back-off restarting failed container")
    #expect(v[6].origin == [1, 4])
    #expect(v[5].origin.first == .some(nil))
  }

  @Test func theCorpusIsThere() {
    #expect(DecoratedCorpusTests.textCases.count >= 100)
  }
}
