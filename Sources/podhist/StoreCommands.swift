import ArgumentParser
import Foundation
import PodHistKit

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "verify", abstract: "Check every chunk's checksum and that the index matches the log (exit 3 when not).")
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let service = try global.open()
    let v = try service.verify()
    if v.problems.isEmpty {
      let gaps = v.recordingGaps > 0 ? ", \(v.recordingGaps) recording gap\(v.recordingGaps == 1 ? "" : "s")" : ""
      Output.write("\(service.store.path): ok (\(v.chunks) chunks, \(v.facts) facts, \(v.objects) objects\(gaps))\n")
    }
    for p in v.problems { Output.warn("\(service.store.path): \(p)") }
    if v.exitStatus != 0 { throw ExitCode(v.exitStatus) }
  }
}

struct ReindexCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "reindex", abstract: "Rebuild the index from the log alone.")
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let service = try PodHistService.openForWriting(path: global.storePath)
    let c = try service.reindex()
    Output.write("\(service.store.path): index rebuilt (\(c.chunks) chunks, \(c.facts) facts, \(c.objects) objects)\n")
  }
}
