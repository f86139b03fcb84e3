import ArgumentParser
import Foundation
import PodHistKit

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "verify", abstract: "Check every chunk's checksum and that the index matches the log (exit 3 when not).")
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let store = try global.openForQuery()
    let problems = try store.verify()
    let c = try store.counts()
    if problems.isEmpty {
      Output.write("\(store.path): ok (\(c.chunks) chunks, \(c.facts) facts, \(c.objects) objects)\n")
      return
    }
    for p in problems { Output.warn("\(store.path): \(p)") }
    throw ExitCode(3)
  }
}

struct ReindexCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "reindex", abstract: "Rebuild the index from the log alone.")
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let store = try global.openForQuery()
    try store.reindex()
    let c = try store.counts()
    Output.write("\(store.path): index rebuilt (\(c.chunks) chunks, \(c.facts) facts, \(c.objects) objects)\n")
  }
}
