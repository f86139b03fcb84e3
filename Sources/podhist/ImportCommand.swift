import ArgumentParser
import Foundation
import PodHistKit

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import kubectl dumps (describe text, event and pod tables, events and pods as JSON or YAML, watch streams; .gz; - for stdin).")

  @OptionGroup var global: GlobalOptions
  @Option(help: "Input format (auto: sniffed from the content).")
  var format: InputFormat = .auto
  @Option(name: .customLong("observed-at"), help: "When the dump was taken (RFC 3339); resolves relative ages.")
  var observedAt: String?
  @Option(help: "The source name facts cite (default: the file name).")
  var source: String?
  @Argument(help: "Files to import; - reads standard input.")
  var files: [String]

  func validate() throws {
    if let observedAt, Instant.parse(observedAt) == nil {
      throw ValidationError("--observed-at: cannot read \"\(observedAt)\" as a time (RFC 3339, e.g. 2020-07-03T07:58:09Z)")
    }
    if files.isEmpty { throw ValidationError("name at least one FILE (or - for standard input)") }
  }

  func run() throws {
    let path = global.storePath
    let existed = FileManager.default.fileExists(atPath: path)
    let store = try Store(path: path, create: true)
    // A first import that fails leaves no store behind (the store is "exactly as it was": absent).
    var committed = false
    defer {
      if !committed && !existed {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
      }
    }
    let at = observedAt.flatMap(Instant.parse)
    var lines: [String] = []
    try store.importing { session in
      for file in files {
        let name = source ?? file
        _ = try session.begin(source: name)
        let reader = try Importer.open(file)
        let report = try Importer.run(reader: reader, options: ImportOptions(format: format, observedAt: at, sourceName: name), into: session)
        let r = try session.finish(formats: report.formats, notes: report.notes)
        var line = "\(name): \(r.added) facts added, \(r.known) already known, \(r.objects) pods touched"
        if !report.formats.isEmpty { line += " (\(report.formats.joined(separator: ", ")))" }
        lines.append(line)
        for n in report.notes { lines.append("  " + n) }
        for w in report.warnings { Output.warn(w.description) }
      }
    }
    committed = true
    Output.write(lines.joined(separator: "\n") + "\n")
  }
}
