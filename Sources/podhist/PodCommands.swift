import ArgumentParser
import Foundation
import PodHistKit

/// POD and `-n NS`, for the verbs about one pod.
struct PodSelection: ParsableArguments {
  @Option(name: [.short, .long], help: "Namespace (default: any).", completion: .custom(StoreCompletion.namespaces))
  var namespace: String?
  @Argument(help: "Pod name, or a unique prefix or suffix of one.", completion: .custom(StoreCompletion.pods)) var pod: String

  /// Opens the store and resolves the pod (exit 1 when missing, 2 when the prefix is ambiguous).
  func resolve(_ global: GlobalOptions) throws -> (service: PodHistService, pod: StoredObject) {
    let service = try global.open()
    return (service, try service.resolve(pod, namespace: namespace))
  }
}

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "status", abstract: "The describe-like state of a pod at TIME, with where it came from.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var selection: PodSelection
  @Option(parsing: .unconditional, help: "The instant: RFC 3339, or relative (-5m).") var at: String?
  @Option(name: .shortAndLong, help: "Output format.") var output: ReportFormat = .text

  func run() throws {
    let (service, obj) = try selection.resolve(global)
    if let declared = try service.declaredOnly(obj) {
      let ref = ObjectRef(namespace: obj.namespace, name: obj.name)
      switch output {
      case .text: Output.write(DeclarationRender.text(ref, declared, sources: try service.sourceNames()))
      case .json: Output.emit(DeclarationRender.json(ref, declared), format: .json)
      case .yaml: Output.emit(DeclarationRender.json(ref, declared), format: .yaml)
      }
      return
    }
    let state = try service.state(of: obj, at: try service.instant(at, flag: "--at"))
    switch output {
    case .text: Output.write(StatusRender.text(state, sources: try service.sourceNames()))
    case .json: Output.emit(StatusRender.json(state), format: .json)
    case .yaml: Output.emit(StatusRender.json(state), format: .yaml)
    }
  }
}

struct TimelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "timeline", abstract: "A pod's facts and state changes in time order, with their sources.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var selection: PodSelection
  @Option(parsing: .unconditional, help: "Only from this instant on (RFC 3339, or relative: -1h).") var since: String?
  @Option(parsing: .unconditional, help: "Only up to this instant (RFC 3339, or relative: -5m).") var until: String?
  @Option(parsing: .unconditional, help: "With -o html: the instant the header describes, marked by a cursor (RFC 3339, or relative: -5m).") var at: String?
  @Option(name: .shortAndLong, help: "Output format.") var output: TimelineFormat = .text

  func run() throws {
    let (service, obj) = try selection.resolve(global)
    if output == .html {
      Output.write(PodPage.html(try service.picture(of: obj, at: try service.instant(at, flag: "--at"))))
      return
    }
    let entries = try service.timeline(of: obj, since: try service.instant(since, flag: "--since"),
                                       until: try service.instant(until, flag: "--until"))
    if output == .json {
      Output.emit(TimelineRender.json(entries, pod: ObjectRef(namespace: obj.namespace, name: obj.name)), format: .json)
    } else {
      let sources = try service.sourceNames()
      Output.writeStyled(Output.terminal.text { TimelineRender.text(entries, pod: ObjectRef.shown(namespace: obj.namespace, name: obj.name), sources: sources, escape: $0) })
    }
  }
}

struct RestartsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "restarts", abstract: "Every termination and restart known, per container.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var selection: PodSelection
  @Option(name: .shortAndLong, help: "Output format.") var output: HistoryFormat = .text

  func run() throws {
    let (service, obj) = try selection.resolve(global)
    let (terms, clock) = try service.restarts(of: obj)
    if output == .json {
      Output.emit(RestartsRender.json(terms, pod: ObjectRef(namespace: obj.namespace, name: obj.name), clock: clock), format: .json)
    } else {
      Output.write(RestartsRender.text(terms, pod: ObjectRef.shown(namespace: obj.namespace, name: obj.name), clock: clock, sources: try service.sourceNames()))
    }
  }
}

struct WhyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "why", abstract: "Explain why a pod is in its state, with evidence and hints.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var scope: ScopeOptions
  @OptionGroup var slicing: SliceOptions
  @Option(parsing: .unconditional, help: "The instant: RFC 3339, or relative (-5m).") var at: String?
  @Option(name: .shortAndLong, help: "Output format (wide: without POD, each pod's line adds its top cause's sentence).") var output: ExplainFormat = .text
  @Flag(help: "Without POD: only the summary (pods per cause code, namespace and owner).") var summary = false
  @Argument(help: "Pod name, or a unique prefix or suffix of one; without it, every pod in scope that is not Running-and-Ready or Completed, or restarted in the last hour.",
            completion: .custom(StoreCompletion.pods))
  var pod: String?

  func run() throws {
    let slice = try slicing.slice()
    if pod != nil && (!slice.isEmpty || summary) {
      throw QueryError.badFlag("-l, --field-selector, --owner, --status, --cause and --summary slice `why` without POD (why -A)")
    }
    let service = try global.open()
    let instant = try service.instant(at, flag: "--at")
    if output == .html {
      if let pod {
        let obj = try service.resolve(pod, namespace: scope.namespaceFilter)
        if let declared = try service.declaredOnly(obj) {
          let ref = ObjectRef(namespace: obj.namespace, name: obj.name)
          Output.write(PodPage.textPage(title: ObjectRef.shown(namespace: ref.namespace, name: ref.name), text: DeclarationRender.text(ref, declared)))
        } else {
          Output.write(PodPage.html(try service.picture(of: obj, at: instant)))
        }
      } else {
        Output.write(OverviewPage.html(try service.overview(namespace: scope.namespaceFilter, at: instant)))
      }
      return
    }
    let terminal = Output.terminal
    let text = output == .text || output == .wide
    let sources = try service.sourceNames()
    if let pod {
      let obj = try service.resolve(pod, namespace: scope.namespaceFilter)
      if let declared = try service.declaredOnly(obj) {
        let ref = ObjectRef(namespace: obj.namespace, name: obj.name)
        switch output {
        case .text, .wide: Output.write(DeclarationRender.text(ref, declared, sources: try service.sourceNames()))
        case .json: Output.emit(DeclarationRender.json(ref, declared), format: .json)
        case .yaml: Output.emit(DeclarationRender.json(ref, declared), format: .yaml)
        case .html: break
        }
        return
      }
      let e = try service.explain(obj, at: instant)
      let clock = PodHistService.clock(of: [e?.clock])
      switch output {
      case .json, .yaml:
        Output.emit(ExplanationJSON.document(e.map { [$0] } ?? [], at: instant ?? e?.at, clock: clock), format: output == .yaml ? .yaml : .json)
      case .html: break
      case .text, .wide:
        guard let e else { Output.write(ClusterView.allWell); return }
        // The text is neutralised by the renderer, around podhist's own colour codes.
        Output.writeStyled(renderExplanationText(e, terminal: terminal, sources: sources))
      }
      return
    }
    // Only the summary, read lean from the pod summaries when the store allows.
    if summary, text, instant == nil, slice.isEmpty, let s = try service.clusterSummary(namespace: scope.namespaceFilter) {
      Output.write(s.text(limit: .max))
      return
    }
    // Every pod in scope: what is printed of each is its line, and (json, yaml) its explanation.
    let explained = try service.clusterLines(namespace: scope.namespaceFilter, at: instant, slice: slice.isEmpty ? nil : slice,
                                             keepItems: !text && !summary, sentences: output == .wide && !summary)
    let rows = explained.map(\.row)
    switch output {
    case .json, .yaml:
      let clock = PodHistService.clock(of: explained.map(\.clock))
      Output.emit(ExplanationJSON.document(items: explained.compactMap(\.item), at: instant ?? explained.map(\.at).max(), clock: clock,
                                          summary: ClusterView.Summary(rows).json),
                  format: output == .yaml ? .yaml : .json)
    case .html: break
    case .text, .wide:
      Output.write(summary ? (rows.isEmpty ? ClusterView.allWell : ClusterView.Summary(rows).text(limit: .max))
                           : ClusterView.text(rows, wide: output == .wide))
    }
  }
}
