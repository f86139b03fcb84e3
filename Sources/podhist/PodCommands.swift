import ArgumentParser
import Foundation
import PodHistKit

/// POD and `-n NS`, for the verbs about one pod.
struct PodSelection: ParsableArguments {
  @Option(name: [.short, .long], help: "Namespace (default: any).") var namespace: String?
  @Argument(help: "Pod name or unique prefix.") var pod: String

  /// Opens the store and resolves the pod (exit 1 when missing, 2 when the prefix is ambiguous).
  func resolve(_ global: GlobalOptions) throws -> (store: Store, query: PodQuery, pod: StoredObject) {
    let store = try global.openForQuery()
    let query = try PodQuery(store: store)
    return (store, query, try query.resolve(pod, namespace: namespace))
  }
}

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "status", abstract: "The describe-like state of a pod at TIME, with where it came from.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var selection: PodSelection
  @Option(help: "The instant: RFC 3339, or relative (-5m).") var at: String?
  @Option(name: .shortAndLong, help: "Output format.") var output: ReportFormat = .text

  func run() throws {
    let (store, query, obj) = try selection.resolve(global)
    let instant = try store.instant(at)
    let facts = try query.facts(of: obj)
    let state = project(facts, at: try instant ?? query.defaultInstant(for: facts))
    switch output {
    case .text: Output.write(StatusRender.text(state))
    case .json: Output.emit(StatusRender.json(state), format: .json)
    case .yaml: Output.emit(StatusRender.json(state), format: .yaml)
    }
  }
}

struct TimelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "timeline", abstract: "A pod's facts and state changes in time order, with their sources.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var selection: PodSelection
  @Option(help: "Only from this instant on.") var since: String?
  @Option(help: "Only up to this instant.") var until: String?
  @Option(name: .shortAndLong, help: "Output format.") var output: HistoryFormat = .text

  func run() throws {
    let (store, query, obj) = try selection.resolve(global)
    let s = try store.instant(since, flag: "--since")
    let u = try store.instant(until, flag: "--until")
    let entries = TimelineRender.entries(try query.facts(of: obj), since: s, until: u)
    if output == .json {
      Output.emit(TimelineRender.json(entries, pod: ObjectRef(namespace: obj.namespace, name: obj.name)), format: .json)
    } else {
      Output.write(TimelineRender.text(entries, pod: "\(obj.namespace)/\(obj.name)"))
    }
  }
}

struct RestartsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "restarts", abstract: "Every termination and restart known, per container.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var selection: PodSelection
  @Option(name: .shortAndLong, help: "Output format.") var output: HistoryFormat = .text

  func run() throws {
    let (_, query, obj) = try selection.resolve(global)
    let facts = try query.facts(of: obj)
    let clock = facts.last?.clock ?? .absolute
    let terms = restartHistory(facts)
    if output == .json {
      Output.emit(RestartsRender.json(terms, pod: ObjectRef(namespace: obj.namespace, name: obj.name), clock: clock), format: .json)
    } else {
      Output.write(RestartsRender.text(terms, pod: "\(obj.namespace)/\(obj.name)", clock: clock))
    }
  }
}

struct WhyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "why", abstract: "Explain why a pod is in its state, with evidence and hints.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var scope: ScopeOptions
  @Option(help: "The instant: RFC 3339, or relative (-5m).") var at: String?
  @Option(name: .shortAndLong, help: "Output format.") var output: ReportFormat = .text
  @Argument(help: "Pod name or unique prefix; without it, every pod in scope that is not Running-and-Ready or Completed, or restarted in the last hour.")
  var pod: String?

  func run() throws {
    let store = try global.openForQuery()
    let query = try PodQuery(store: store)
    let instant = try store.instant(at)
    let color = Output.color
    let text = output == .text
    // What is printed of each explanation: its text, or (json, yaml) the explanation itself.
    let printed = { @Sendable (e: Explanation) -> Explained in
      Explained(explanation: text ? nil : e, text: text ? renderExplanationText(e, color: color) : "", clock: e.clock, at: e.at)
    }
    var explained: [Explained] = []
    if let pod {
      let facts = try query.facts(of: try query.resolve(pod, namespace: scope.namespaceFilter))
      let state = project(facts, at: try instant ?? query.defaultInstant(for: facts))
      if state.exists { explained.append(printed(Explainer.explain(state, facts: facts.filter { $0.observed <= state.at }))) }
    } else {
      let horizons = instant == nil ? try store.importHorizons() : [:]
      explained = try query.mapPods(namespace: scope.namespaceFilter) { _, facts in
        let (state, upTo, history) = projectWithHistory(facts, at: instant ?? PodQuery.defaultInstant(for: facts, horizons: horizons))
        guard state.exists, PodQuery.needsExplaining(state, history: history) else { return nil }
        return printed(Explainer.explain(state, facts: upTo))
      }
    }
    let clock: Clock = explained.contains { $0.clock == .relative } ? .relative : .absolute
    switch output {
    case .json, .yaml:
      Output.emit(ExplanationJSON.document(explained.compactMap(\.explanation), at: instant ?? explained.map(\.at).max(), clock: clock),
                  format: output == .yaml ? .yaml : .json)
    case .text:
      if explained.isEmpty { Output.write("Every pod in scope is Running and Ready or Completed, with no restart in the last hour.\n"); return }
      Output.write(explained.map(\.text).joined(separator: "\n"))
    }
  }
}

/// What `why` prints of one explanation: its text, or the explanation for json and yaml.
private struct Explained: Sendable {
  var explanation: Explanation?
  var text: String
  var clock: Clock?
  var at: Instant
}
