import ArgumentParser
import Foundation
import PodHistKit

/// Imports the bundled example dumps into a scratch store and explains every pod.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "demo", abstract: "Import the bundled example dumps (fixtures/demo) into a scratch store and explain each pod.")
  @Option(help: "The folder of dumps to use.") var fixtures: String?
  @Flag(help: "Keep the demo's pods: import into the store (--store, $PODHIST_STORE, else ./podhist.db) instead of a scratch one.")
  var keep = false
  @OptionGroup var global: GlobalOptions

  func run() throws {
    guard let dir = fixtures ?? PodHistService.demoFolder() else {
      throw ValidationError("cannot find fixtures/demo; run from the podhist checkout or pass --fixtures DIR")
    }
    let files = try PodHistService.demoDumps(in: dir)
    if keep {
      try show(files, storePath: global.storePath)
      Output.write("\nThe store is kept at \(global.storePath): try `podhist why -A` or `podhist timeline 9wfxl`.\n")
    } else {
      try PodHistService.withScratchStore { storePath in try show(files, storePath: storePath) }
    }
  }

  /// Imports `files` into the store at `storePath`, lists the pods and explains each.
  func show(_ files: [String], storePath: String) throws {
    Output.write("$ podhist import \(files.map { ($0 as NSString).lastPathComponent }.joined(separator: " "))\n")
    let importer = try ImportCommand.parse(["--store", storePath] + files)
    try importer.run(namingStore: keep)
    Output.write("\n$ podhist get pods -A\n")
    let get = try GetPodsCommand.parse(["--store", storePath, "-A"])
    try get.run()
    for pod in try PodHistService.open(path: storePath).pods(namespace: nil) {
      Output.write("\n$ podhist why \(pod.name) -n \(pod.namespace)\n")
      let why = try WhyCommand.parse(["--store", storePath, "-n", pod.namespace, pod.name])
      try why.run()
    }
  }
}
