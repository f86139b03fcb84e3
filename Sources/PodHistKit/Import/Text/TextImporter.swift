import Foundation

/// Imports text pastes (describe, event tables, pod tables, mixed): cleans the paste, walks its
/// lines asking each `TextSegmentParser` whether a segment begins there, resolves each segment's
/// ages against its own "now" and emits the facts.
///
/// Lines no parser takes are skipped: silently when they are blank, prompts or prose, with a
/// warning naming the line when they look like damaged dump content. A file fails only when no
/// kubectl output is found in it at all.
public enum TextImporter {
  /// Splits `text` into segments, resolves their ages and emits their facts.
  public static func run(text: String, options: ImportOptions, emit: (Fact) throws -> Void) throws -> ImportReport {
    let source = options.sourceName
    let paste = PasteCleaner.clean(text)
    let lines = paste.lines
    guard lines.contains(where: { !isBlank($0.text) }) || !paste.commands.isEmpty else {
      throw ImportError.malformed(source: source, line: 1, reason: "the input is empty")
    }
    let parsers = parsers(for: options.format)
    var report = ImportReport()
    report.notes += paste.decorationNotes
    var warnings: [ImportWarning] = CalendarDateCheck.warnings(lines, source: source)
    var segments: [any TextSegment] = []
    var structuredFacts = 0
    // The paste's facts, emitted at the end once names it gives elsewhere are filled (`PasteNames`).
    var facts: [Fact] = []
    var i = 0
    while i < lines.count {
      let line = lines[i]
      if isBlank(line.text) { i += 1; continue }
      if let block = StructuredFragment.block(lines, at: i, elided: paste.elisions) {
        // A `-o yaml` / `-o json` object or fragment pasted among text (corpus 040): the
        // structured importer reads it; a pod it cannot name takes the name from the command
        // that printed it.
        let end = block.end
        let command = paste.commands.last { $0.line < line.number }
        report.notes += block.notes
        warnings += block.warnings.map { ImportWarning(source: source, line: $0.line, message: $0.message) }
        var unnamed = false
        do {
          let sub = try StructuredImporter.importSegment(block.text, firstLine: line.number, options: options) { f in
            var fact = f
            if fact.object.name == "unknown", let name = command?.podName { fact.object.name = name }
            if fact.object.name == "unknown", fact.object.isPod { unnamed = true }
            if fact.object.isNamespaceUnknown, let ns = command?.namespace, command?.allNamespaces == false {
              fact.object.namespace = ns
            }
            structuredFacts += 1
            facts.append(fact)
          }
          if unnamed {
            report.notes.append("lines \(line.number)–\(lines[end - 1].number): the pod's name is not in the paste; its status is filed under \"unknown\"")
          }
          for f in sub.formats where !report.formats.contains(f) { report.formats.append(f) }
          report.notes += sub.notes
          warnings += sub.warnings
        } catch let e as ImportError {
          if case let .malformed(_, _, reason) = e, reason.hasSuffix("not an Event or Pod") {
            // JSON log lines, a Service, a config map pasted in the thread: not kubectl pod output.
            report.notes.append("line \(line.number): skipped JSON/YAML that is \(reason)")
          } else {
            warnings.append(ImportWarning(source: source, line: line.number, message: "skipped a YAML/JSON block that does not parse: \(e)"))
          }
        }
        i = end
        continue
      }
      var taken = false
      for parser in parsers where parser.begins(lines, at: i) {
        if let (segment, next) = parser.parse(lines, at: i, source: source, warnings: &warnings) {
          segments.append(segment)
          i = max(next, i + 1)
          taken = true
          break
        }
      }
      if !taken {
        if looksLikeDamagedDump(line.text), let copy = copiedLine(line.text, before: i, in: lines, read: segments) {
          // An author quoting a line of the dump above it in prose (seed 001 quotes its Liveness
          // line, cut short): nothing new, so a note rather than a warning.
          let cut = copy.text.count > line.text.trimmingCharacters(in: .whitespaces).count
          report.notes.append("line \(line.number): skipped a \(cut ? "cut-short " : "")copy of line \(copy.number), which was read with the \(copy.format) it belongs to")
        } else if looksLikeDamagedDump(line.text) {
          warnings.append(ImportWarning(source: source, line: line.number,
                                        message: "skipped a line that is not part of any describe, events or pods output: \(preview(line.text))"))
        }
        i += 1
      }
    }
    guard !segments.isEmpty || structuredFacts > 0 else {
      throw ImportError.malformed(source: source, line: 1,
                                  reason: "no kubectl output found (expected describe, get events or get pods text)")
    }
    segments = hinted(segments, by: paste)
    segments = Self.ownUnnamedBlocks(segments, report: &report)

    let (clocks, anchorWarnings) = AgeAnchorResolver.resolve(segments, observedAt: options.observedAt, source: source)
    warnings += anchorWarnings
    var previousEnd = 0
    for (segment, clock) in zip(segments, clocks) {
      let command = paste.commands.last { $0.line > previousEnd && $0.line < segment.lines.lowerBound }
      previousEnd = segment.lines.upperBound
      if let d = segment as? DescribeSegment, !d.isPod {
        report.notes.append("lines \(d.lines.lowerBound)–\(d.lines.upperBound): skipped the describe of \(d.podName.map { "\"\($0)\"" } ?? "an object"), which is not a pod (it prints \(d.otherKindHint ?? "no pod fields"))")
        continue
      }
      if !report.formats.contains(segment.format) { report.formats.append(segment.format) }
      if let e = segment as? DescribedEventSegment {
        report.notes.append("lines \(e.lines.lowerBound)–\(e.lines.upperBound) (describe event): its times are printed absolutely")
        if e.inferredReason {
          report.notes.append("lines \(e.lines.lowerBound)–\(e.lines.upperBound) (describe event): the Reason line is missing; FailedScheduling was read from the scheduler's message")
        }
      } else if segment.format != "kubelet-log" {
        // A kubelet log has no ages: its warning says how its times were placed.
        report.notes.append(clock.explanation)
      }
      if let d = segment as? DescribeSegment, d.podName == nil, d.hintPodName == nil {
        report.notes.append("lines \(d.lines.lowerBound)–\(d.lines.upperBound) (describe): the pod's name is not in the paste; its facts are filed under \"\(DescribeSegment.unnamedPod)\"")
      }
      for var fact in segment.facts(now: clock.now, nowError: clock.error, source: source) {
        if let ns = command?.namespace, command?.allNamespaces == false, fact.object.isNamespaceUnknown,
           !(segment is DescribeSegment) {
          fact.object.namespace = ns
        }
        if !fact.object.isPod { report.nonPodFacts += 1 }
        facts.append(fact)
      }
    }
    for fact in PasteNames.filled(facts, lines: lines, notes: &report.notes) { try emit(fact) }
    report.warnings = warnings
    return report
  }

  /// The segments with the hints of the prompt before each (`-n web`, `describe pod x`): the
  /// latest prompt before a segment is the command that printed it (or, for a fragment cut from
  /// a longer paste, the last command shown before it).
  static func hinted(_ segments: [any TextSegment], by paste: CleanedPaste) -> [any TextSegment] {
    var hinted: [any TextSegment] = []
    for segment in segments {
      let command = paste.commands.last { $0.line <= segment.lines.lowerBound }
      if var d = segment as? DescribeSegment, let command {
        if !command.allNamespaces, var ns = command.namespace {
          // A namespace cut short in the paste (`-n c` after `-n cv`, corpus 045): the longer
          // name another command of the same paste gives wins.
          if let longer = paste.commands.compactMap(\.namespace).first(where: { $0.count > ns.count && $0.hasPrefix(ns) }) {
            ns = longer
          }
          d.hintNamespace = ns
        }
        d.hintPodName = command.podName
        hinted.append(d)
      } else if var e = segment as? EventsTableSegment, let command, let pod = command.podName ?? command.fieldSelectorPod,
                e.rows.contains(where: { $0.object.isPod && $0.object.name == EventsTableParser.unnamedPod }) {
        // Rows that never name their pod, printed by `kubectl describe pod NAME` (or
        // `get events --field-selector involvedObject.name=NAME`): the command names it.
        for k in e.rows.indices where e.rows[k].object.isPod && e.rows[k].object.name == EventsTableParser.unnamedPod {
          e.rows[k].object.name = pod
          if !e.rows[k].namespacePrinted, let ns = command.namespace, !command.allNamespaces { e.rows[k].object.namespace = ns }
        }
        hinted.append(e)
      } else {
        hinted.append(segment)
      }
    }
    return hinted
  }

  static func parsers(for format: InputFormat) -> [any TextSegmentParser] {
    switch format {
    case .describe: return TextSegmentParsers.all.filter { $0 is DescribeParser }
    case .eventsTable: return TextSegmentParsers.all.filter { $0 is EventsTableParser || $0 is EventLineParser || $0 is KubeletLogParser }
    case .podsTable: return TextSegmentParsers.all.filter { $0 is PodsTableParser }
    default: return TextSegmentParsers.all
    }
  }

  static func isBlank(_ s: Substring) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" } }

  static func preview(_ s: Substring) -> String {
    let t = s.trimmingCharacters(in: .whitespaces)
    return t.count > 60 ? String(t.prefix(60)) + "…" : t
  }

  /// The line of a segment already read whose text `text` repeats whole or cut short (the author
  /// quoting the dump in prose, the quote cut mid-word): its number, trimmed text and segment
  /// format; nil when `text` is too short to tell (under 16 characters) or repeats no read line.
  /// Looks back at most 2,000 lines.
  static func copiedLine(_ text: Substring, before i: Int, in lines: [SourceLine],
                         read segments: [any TextSegment]) -> (number: Int, text: String, format: String)? {
    guard !segments.isEmpty, i > 0 else { return nil }
    let t = text.trimmingCharacters(in: .whitespaces)
    guard t.count >= 16 else { return nil }
    for k in stride(from: i - 1, through: max(0, i - 2000), by: -1) {
      let earlier = lines[k].text.drop { $0 == " " || $0 == "\t" }
      guard earlier.hasPrefix(t),
            let segment = segments.last(where: { $0.lines.contains(lines[k].number) }) else { continue }
      return (lines[k].number, earlier.trimmingCharacters(in: .whitespaces), segment.format)
    }
    return nil
  }

  /// Columns (a tab or a run of spaces inside the line), a describe key, an event type or an
  /// all-capitals table header: dump content that no parser could read. Prose is not.
  static func looksLikeDamagedDump(_ s: Substring) -> Bool {
    let t = s.trimmingCharacters(in: .whitespaces)
    guard !t.isEmpty else { return false }
    if t.contains("\t") || t.contains("   ") { return true }
    if t.hasPrefix("Normal ") || t.hasPrefix("Warning ") { return true }
    if let kv = DescribeKeyValue.parse(s), DescribeKeys.pod.contains(kv.key) || DescribeKeys.container.contains(kv.key) {
      return true
    }
    let words = t.split(separator: " ")
    if words.count >= 3, t.allSatisfy({ $0.isUppercase || $0 == " " || $0 == "-" }) { return true }
    return false
  }
}

extension TextImporter {
  /// Files an Events block that names no pod under the one pod of the paste's tables whose state
  /// its Events can come from (`UnnamedPodOwner`), and says so in the report.
  static func ownUnnamedBlocks(_ segments: [any TextSegment], report: inout ImportReport) -> [any TextSegment] {
    let tables = segments.compactMap { $0 as? PodsTableSegment }
    guard !tables.isEmpty else { return segments }
    return segments.map { segment in
      if var d = segment as? DescribeSegment, d.isPod, d.podName == nil, d.hintPodName == nil,
         let row = UnnamedPodOwner.owner(reasons: d.events.map(\.reason), messages: d.events.map(\.message),
                                         owner: d.snapshot.spec.owner,
                                         waitingReasons: d.snapshot.containers.compactMap { $0.state?.kind == .waiting ? $0.state?.reason : nil },
                                         oldestEvent: d.events.compactMap { ($0.first ?? $0.last).age?.value }.max(),
                                         tables: tables) {
        d.hintPodName = row.name
        if d.namespace == nil, d.hintNamespace == nil { d.hintNamespace = row.namespace }
        report.notes.append("lines \(d.lines.lowerBound)–\(d.lines.upperBound) (describe): names no pod; what it shows fits only \(row.name) of line \(row.line), so it is filed under it")
        return d
      }
      if var e = segment as? EventsTableSegment {
        let unnamed = e.rows.indices.filter { e.rows[$0].object.isPod && e.rows[$0].object.name == EventsTableParser.unnamedPod }
        guard !unnamed.isEmpty,
              let row = UnnamedPodOwner.owner(reasons: unnamed.map { e.rows[$0].reason }, messages: unnamed.map { e.rows[$0].message },
                                              oldestEvent: unnamed.compactMap { (e.rows[$0].first ?? e.rows[$0].last)?.value }.max(), tables: tables)
        else { return e }
        for k in unnamed {
          e.rows[k].object.name = row.name
          if !e.rows[k].namespacePrinted, let ns = row.namespace { e.rows[k].object.namespace = ns }
        }
        report.notes.append("lines \(e.lines.lowerBound)–\(e.lines.upperBound) (events): rows that name no pod fit only \(row.name) of line \(row.line), so they are filed under it")
        return e
      }
      return segment
    }
  }
}
