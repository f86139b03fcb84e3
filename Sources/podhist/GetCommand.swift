import ArgumentParser
import Foundation
import PodHistKit

struct GetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get", abstract: "Show pods or nodes as kubectl get would have at an instant.",
    subcommands: [GetPodsCommand.self, GetNodesCommand.self])
}

/// kubectl's ways of slicing a listing of pods, shared by `get pods` and `why`.
struct SliceOptions: ParsableArguments {
  @Option(name: [.customShort("l"), .long], help: "Label selector, as kubectl: app=web, tier!=db, 'env in (a,b)', '!canary' (comma: and).")
  var selector: String?
  @Option(name: .customLong("field-selector"),
          help: "Field selector, as kubectl: metadata.name, metadata.namespace, spec.nodeName, status.phase... with =, ==, != (comma: and).")
  var fieldSelector: String?
  @Option(help: "Only pods owned by KIND/NAME (Deployment/web, sts/db, Job/x; a ReplicaSet's pods count for its Deployment).")
  var owner: String?
  @Option(help: "Only pods whose STATUS column is this (CrashLoopBackOff, Pending; any case).")
  var status: String?
  @Option(help: "Only pods whose top cause is this code or family (CrashLoop.OOMKilled, CrashLoop).")
  var cause: String?

  /// The slice, or exit 2 for a bad selector.
  func slice() throws -> PodSlice {
    try PodSlice(labels: try selector.map { try LabelSelector($0) }, fields: try fieldSelector.map { try FieldSelector($0) },
                 owner: owner, status: status, cause: cause)
  }
}

/// `-o` of `get pods`: one of `PodListOutput.forms`, its template checked when the command runs.
struct PodListFormat: ExpressibleByArgument {
  var text: String
  init?(argument: String) {
    guard PodListOutput.recognises(argument) else { return nil }
    text = argument
  }
  init(_ text: String) { self.text = text }
  static var allValueStrings: [String] { PodListOutput.forms }
  var defaultValueDescription: String { text }
  /// The shells complete the forms, the two templated ones up to their `=`.
  static var defaultCompletionKind: CompletionKind {
    .list(PodListOutput.forms.map { $0.split(separator: "=").count > 1 ? String($0.prefix { $0 != "=" }) + "=" : $0 })
  }
}

struct GetPodsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pods", abstract: "The kubectl get pods view at TIME (default: each pod's latest known state).",
    aliases: ["pod", "po"])
  @OptionGroup var global: GlobalOptions
  @OptionGroup var scope: ScopeOptions
  @OptionGroup var slicing: SliceOptions
  @Option(parsing: .unconditional, help: "The instant: RFC 3339, or relative to the latest known instant (-5m).")
  var at: String?
  @Option(name: .shortAndLong, help: "Output format (jsonpath and custom-columns read each pod as a kubectl Pod object).")
  var output: PodListFormat = PodListFormat("table")
  @Option(name: .customLong("sort-by"), help: "Sort by a JSONPath on each pod's kubectl Pod object ({.metadata.name}, .status.startTime).")
  var sortBy: String?
  @Flag(name: .long, help: "Also list pods deleted by then (a DELETED column; `deleted` in JSON).")
  var showDeleted = false
  @Argument(help: "Pod names (exact, else unique prefix, else unique suffix); none: every pod in scope.",
            completion: .custom(StoreCompletion.pods))
  var names: [String] = []

  func run() throws {
    let format = try PodListOutput(output.text)
    let sort = try sortBy.map { try JSONPath($0) }
    let slice = try slicing.slice()
    let service = try global.open()
    let instant = try service.instant(at, flag: "--at")
    let wide: Bool = if case .wide = format { true } else { false }
    let structured: Bool = switch format {
    case .json, .yaml: true
    default: false
    }
    let objects = format.needsObjects || sort != nil
    let cells: Bool = switch format {
    case .table, .wide: true
    default: false
    }
    let showDeleted = self.showDeleted
    if names.isEmpty, slice.isEmpty, sort == nil, cells || format.isName {
      if instant == nil, !Output.terminal.color, try writeTable(service, wide: wide, name: format.isName) { return }
      if instant == nil, try streamTable(service, wide: wide, name: format.isName) { return }
      // A whole listing: the service reads the pod summaries when it can.
      let rows = try service.podRows(namespace: scope.namespaceFilter, at: instant, wide: wide, showDeleted: showDeleted)
      if format.isName { Output.write(rows.map { "pod/\($0[1])\n" }.joined()); return }
      printTable(rows, wide: wide, showDeleted: showDeleted)
      return
    }
    // Only what is printed of each pod is kept (a store can hold a great many pods).
    var listed: [Listed] = try service.listPods(namespace: scope.namespaceFilter, names: names, at: instant,
                                                 showDeleted: showDeleted, slice: slice) { state in
      Listed(namespace: state.object.namespace, name: state.object.name, at: state.at, clock: state.clock,
             cells: cells ? PodListRender.row(state, wide: wide, showDeleted: showDeleted) : [],
             item: structured ? PodListRender.item(state) : nil,
             object: objects ? KubectlPodRender.object(state) : nil)
    }
    if let sort { listed = PodListOutput.sorted(listed, by: sort) { $0.object ?? .null } }
    let document = { PodListRender.document(items: listed.compactMap(\.item), clock: listed.first?.clock ?? .absolute,
                                            at: instant ?? listed.map(\.at).max()) }
    switch format {
    case .json: Output.emit(document(), format: .json)
    case .yaml: Output.emit(document(), format: .yaml)
    case .name: Output.write(listed.map { "pod/\($0.name)\n" }.joined())
    case let .jsonpath(path):
      // As kubectl: one pod asked for by name is the object itself, else the List.
      let root = names.count == 1 && listed.count == 1 ? (listed[0].object ?? .null) : KubectlPodRender.list(listed.compactMap(\.object))
      Output.write(path.render(root))
    case let .customColumns(cols):
      Output.write(PodListOutput.customColumns(cols, items: listed.compactMap(\.object)))
    case .table, .wide:
      printTable(listed.map(\.cells), wide: wide, showDeleted: showDeleted)
    }
  }

  /// A whole listing without colour, written as bytes from the store's pod summaries
  /// (`PodHistService.writePodTable`); false when the store cannot list so (nothing written).
  private func writeTable(_ service: PodHistService, wide: Bool, name: Bool) throws -> Bool {
    let scope = self.scope
    guard let n = try service.writePodTable(namespace: scope.namespaceFilter, wide: wide, showDeleted: showDeleted, names: name,
                                            allNamespaces: { scope.allNamespaces || scope.namespace == nil && $0 },
                                            readerStays: { Output.readerStays(waiting: 25) },
                                            write: { Output.writeStyled(bytes: $0); return !Output.closed })
    else { return false }
    if n == 0 && !name { Output.warn(scope.namespaceFilter.map { "No pods found in \($0) namespace." } ?? "No pods found.") }
    return true
  }

  /// A whole listing written as the store's pod summaries are read (`| head` returns at once),
  /// the same bytes as `printTable`; false when the store cannot stream it (nothing written).
  private func streamTable(_ service: PodHistService, wide: Bool, name: Bool) throws -> Bool {
    let terminal = TerminalOptions(color: Output.terminal.color, width: nil)
    var layout = TableLayout(headers: [], widths: [])
    var allNamespaces = true
    var any = false
    var buffer = ""
    var written = 0
    let showDeleted = self.showDeleted
    let streamed = try service.streamPodRows(namespace: scope.namespaceFilter, wide: wide, showDeleted: showDeleted, begin: { shape in
      any = shape.rows > 0
      guard any, !name else { return }
      allNamespaces = scope.allNamespaces || scope.namespace == nil && shape.severalNamespaces
      let headers = PodListRender.headers(allNamespaces: allNamespaces, wide: wide, showDeleted: showDeleted)
      layout = TableLayout(headers: headers, widths: allNamespaces ? shape.widths : Array(shape.widths.dropFirst()))
      buffer = layout.line(headers)
    }, row: { cells in
      if name {
        buffer += "pod/\(cells[1])\n"
      } else {
        buffer += terminal.color ? terminal.text { layout.line(allNamespaces ? cells : Array(cells.dropFirst()),
                                                               paint: PodListRender.paint(allNamespaces: allNamespaces, escape: $0)) }
                                 : layout.line(allNamespaces ? cells : Array(cells.dropFirst()))
      }
      written += 1
      // The first rows go out at once, then about 64 KiB at a time.
      if written <= 64 || buffer.utf8.count >= 1 << 16 {
        Output.writeStyled(terminal.color ? buffer : TerminalText.neutralised(buffer))
        buffer = ""
      }
      return !Output.closed
    })
    guard streamed else { return false }
    if !buffer.isEmpty { Output.writeStyled(terminal.color ? buffer : TerminalText.neutralised(buffer)) }
    if !any && !name { Output.warn(scope.namespaceFilter.map { "No pods found in \($0) namespace." } ?? "No pods found.") }
    return true
  }

  /// The table of `rows` (NAMESPACE first), or kubectl's sentence when there are none.
  private func printTable(_ rows: [[String]], wide: Bool, showDeleted: Bool) {
    if rows.isEmpty {
      Output.warn(scope.namespaceFilter.map { "No pods found in \($0) namespace." } ?? "No pods found.")
      return
    }
    let allNamespaces = scope.allNamespaces || scope.namespace == nil && Set(rows.map { $0[0] }).count > 1
    // A table is coloured on a terminal but never wrapped.
    let terminal = TerminalOptions(color: Output.terminal.color, width: nil)
    Output.writeStyled(terminal.text {
      PodListRender.table(rows: rows, allNamespaces: allNamespaces, wide: wide, showDeleted: showDeleted, escape: $0)
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
  var output: NodeListFormat = .table

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

/// What `get pods` prints of one pod: its table cells, its JSON item, or its kubectl Pod object.
private struct Listed: Sendable {
  var namespace: String
  var name: String
  var at: Instant
  var clock: Clock
  var cells: [String]
  var item: JSONValue?
  var object: JSONValue?
}
