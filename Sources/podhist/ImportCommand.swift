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
  @Option(name: .customLong("commit-every"),
          help: ArgumentHelp("Following a stream: seconds between commits (default 1; for benchmarks).", visibility: .hidden))
  var commitEvery: Double?
  @Argument(help: "Files to import; - reads standard input.")
  var files: [String]

  func validate() throws {
    if let observedAt, Instant.parse(observedAt) == nil {
      throw ValidationError("--observed-at: cannot read \"\(observedAt)\" as a time (RFC 3339, e.g. 2020-07-03T07:58:09Z)")
    }
    if files.isEmpty { throw ValidationError("name at least one FILE (or - for standard input)") }
    if let commitEvery, !(commitEvery > 0 && commitEvery <= 3600) { throw ValidationError("--commit-every: seconds between 0 and 3600") }
  }

  func run() throws { try run(namingStore: true) }

  /// Imports the files and prints what each added; the first line names the store when `namingStore`.
  func run(namingStore: Bool) throws {
    let existed = PodHistService.storeExists(at: global.storePath)
    if files == ["-"] && StreamFollower.standardInputIsStream() {
      // A pipe may never end (kubectl get -w): commit as it comes, stop cleanly on SIGINT.
      let options = ImportOptions(format: format, observedAt: observedAt.flatMap(Instant.parse), sourceName: source ?? "-")
      let follower = StreamFollower()
      if let commitEvery { follower.commitInterval = commitEvery }
      let outcome = try follower.follow(intoStoreAt: global.storePath, options: options) { Output.warn($0.description) }
      return print([outcome.file], namingStore: namingStore, existed: existed)
    }
    // A progress line on standard error only when it is a terminal; erased before any other line.
    let line = Output.errorTerminal.width.map { ProgressLine(width: $0) }
    let erase = { if let e = line?.clear(), !e.isEmpty { Output.writeError(e) } }
    defer { erase() }
    let imported = try PodHistService.importFiles(files, intoStoreAt: global.storePath, format: format,
                                                  observedAt: observedAt.flatMap(Instant.parse), source: source,
                                                  warn: { erase(); Output.warn($0.description) },
                                                  progress: line.map { line in { if let t = line.update($0) { Output.writeError(t) } } })
    erase()
    print(imported, namingStore: namingStore, existed: existed)
  }

  private func print(_ imported: [PodHistService.ImportedFile], namingStore: Bool, existed: Bool) {
    var lines: [String] = namingStore ? ["store: \(global.storePath)\(existed ? "" : " (new)")"] : []
    for f in imported {
      var line = "\(f.source): \(f.added) facts added, \(f.known) already known, \(f.objects) pods touched"
      if !f.report.formats.isEmpty { line += " (\(f.report.formats.joined(separator: ", ")))" }
      lines.append(line)
      for n in f.report.notes { lines.append("  " + n) }
    }
    // On a terminal a long note wraps under itself, as `why` does; piped, never.
    let text = TerminalText.neutralised(lines.joined(separator: "\n") + "\n")
    Output.writeStyled(Output.terminal.width.map { TextWrap.wrapped(text, width: $0) } ?? text)
  }
}
