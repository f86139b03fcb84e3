import ArgumentParser
import Foundation
import PodHistKit

struct GetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get", abstract: "Show pods or nodes as kubectl get would have at an instant.",
    subcommands: [GetPodsCommand.self, GetNodesCommand.self])
}

struct GetPodsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pods", abstract: "The kubectl get pods view at TIME (default: each pod's latest known state).",
    aliases: ["pod", "po"])
  @OptionGroup var global: GlobalOptions
  @OptionGroup var scope: ScopeOptions
  @Option(parsing: .unconditional, help: "The instant: RFC 3339, or relative to the latest known instant (-5m).")
  var at: String?
  @Option(name: .shortAndLong, help: "Output format.")
  var output: PodListFormat = .table
  @Flag(name: .long, help: "Also list pods deleted by then (a DELETED column; `deleted` in JSON).")
  var showDeleted = false

  func run() throws {
    let service = try global.open()
    let instant = try service.instant(at, flag: "--at")
    let document: DocumentFormat? = switch output {
    case .json: .json
    case .yaml: .yaml
    case .table, .wide: nil
    }
    let structured = document != nil
    let wide = output == .wide
    // Only what is printed of each pod is kept (a store can hold a great many pods).
    let showDeleted = self.showDeleted
    let listed: [Listed] = try service.listPods(namespace: scope.namespaceFilter, at: instant, showDeleted: showDeleted) { state in
      Listed(namespace: state.object.namespace, at: state.at, clock: state.clock,
             cells: structured ? [] : PodListRender.row(state, wide: wide, showDeleted: showDeleted),
             item: structured ? PodListRender.item(state) : nil)
    }
    if let document {
      Output.emit(PodListRender.document(items: listed.compactMap(\.item), clock: listed.first?.clock ?? .absolute,
                                         at: instant ?? listed.map(\.at).max()), format: document)
      return
    }
    if listed.isEmpty {
      Output.warn(scope.namespaceFilter.map { "No pods found in \($0) namespace." } ?? "No pods found.")
      return
    }
    let allNamespaces = scope.allNamespaces || scope.namespace == nil && Set(listed.map(\.namespace)).count > 1
    // A table is coloured on a terminal but never wrapped.
    let terminal = TerminalOptions(color: Output.terminal.color, width: nil)
    Output.writeStyled(terminal.text {
      PodListRender.table(rows: listed.map(\.cells), allNamespaces: allNamespaces, wide: wide, showDeleted: showDeleted, escape: $0)
    })
  }
}

struct GetNodesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nodes", abstract: "The kubectl get nodes view at TIME (default: each node's latest observation).",
    aliases: ["node", "no"])
  @OptionGroup var global: GlobalOptions
  @Option(help: "The instant: RFC 3339, or relative to the latest known instant (-5m).")
  var at: String?
  @Option(name: .shortAndLong, help: "Output format.")
  var output: PodListFormat = .table

  func run() throws {
    let service = try global.open()
    let instant = try service.instant(at, flag: "--at")
    let nodes = try service.nodes(at: instant)
    switch output {
    case .json: Output.emit(NodeListRender.document(nodes, at: instant), format: .json)
    case .yaml: Output.emit(NodeListRender.document(nodes, at: instant), format: .yaml)
    case .table, .wide:
      if nodes.isEmpty { Output.warn("No resources found."); return }
      Output.write(NodeListRender.table(nodes, at: instant, wide: output == .wide))
    }
  }
}

/// What `get pods` prints of one pod: its table cells or its JSON item.
private struct Listed: Sendable {
  var namespace: String
  var at: Instant
  var clock: Clock
  var cells: [String]
  var item: JSONValue?
}
