import ArgumentParser
import Foundation
import PodHistKit

struct GetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get", abstract: "Show pods as kubectl get pods would have at an instant.",
    subcommands: [GetPodsCommand.self])
}

struct GetPodsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pods", abstract: "The kubectl get pods view at TIME (default: each pod's latest known state).",
    aliases: ["pod", "po"])
  @OptionGroup var global: GlobalOptions
  @OptionGroup var scope: ScopeOptions
  @Option(help: "The instant: RFC 3339, or relative to the latest known instant (-5m).")
  var at: String?
  @Option(name: .shortAndLong, help: "table, wide, json or yaml.")
  var output: String = "table"

  func validate() throws {
    try Output.require(output, in: ["table", "wide", "json", "yaml"])
  }

  func run() throws {
    let store = try global.openForQuery()
    let query = try PodQuery(store: store)
    let instant = try store.instant(at)
    let horizons = instant == nil ? try store.importHorizons() : [:]
    let states: [PodState] = try query.mapPods(namespace: scope.namespaceFilter) { _, facts in
      let state = project(facts, at: instant ?? PodQuery.defaultInstant(for: facts, horizons: horizons))
      return state.exists ? state : nil
    }
    switch output {
    case "json", "yaml": Output.emit(PodListRender.document(states, at: instant ?? states.map(\.at).max()), format: output)
    default:
      if states.isEmpty {
        Output.warn(scope.namespaceFilter.map { "No pods found in \($0) namespace." } ?? "No pods found.")
        return
      }
      Output.write(PodListRender.table(states, allNamespaces: scope.allNamespaces || scope.namespace == nil && Set(states.map(\.object.namespace)).count > 1,
                                       wide: output == "wide"))
    }
  }
}
