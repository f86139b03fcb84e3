import ArgumentParser
import Foundation
import PodHistKit

/// The root command: parses, runs, and maps failures to docs/cli.md's exit statuses.
@main
struct Podhist: ParsableCommand {
  static var configuration: CommandConfiguration { CommandConfiguration(
    commandName: CommandName.shown,
    abstract: "Record Kubernetes pod history from kubectl dumps, rebuild any instant, and explain why a pod is in its state.",
    version: "0.1.0",
    subcommands: [ImportCommand.self, RecordCommand.self, GetCommand.self, StatusCommand.self, TimelineCommand.self, RestartsCommand.self,
                  WhyCommand.self, VerifyCommand.self, ReindexCommand.self, DemoCommand.self]) }

  static func main() {
    // Past a file size limit (ulimit -f) a write fails with EFBIG, which the store reports as a
    // full disk, instead of the signal ending podhist mid-transaction.
    signal(SIGXFSZ, SIG_IGN)
    // A reader that went away (`| head`) is seen as EPIPE by `Output`: listings stop, exit 0.
    signal(SIGPIPE, SIG_IGN)
    if let unknown = CommandName.unknownSubcommand(in: CommandLine.arguments, known: subcommandNames) {
      Output.warn(unknown)
      exit(withError: ExitCode(2))
    }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let status = (error as? any PodhistError)?.exitStatus
        ?? (exitCode(for: error) == .validationFailure ? 2 : nil)
      guard let status else {
        // --help, --version and a verb's own exit status print as the parser prints them; any other
        // error's message may quote input, so it goes through the neutralising writer.
        if error is ExitCode || exitCode(for: error) == .success { exit(withError: error) }
        Output.warn(fullMessage(for: error))
        exit(withError: exitCode(for: error))
      }
      // A message that names a command to run names it as the user typed podhist (`kubectl podhist import`).
      let message = (error as? any PodhistError).map {
        "\(CommandName.shown): " + $0.description.replacingOccurrences(of: "`podhist ", with: "`\(CommandName.shown) ")
      } ?? fullMessage(for: error)
      Output.warn(message)
      exit(withError: ExitCode(status))
    }
  }

  /// Every verb's name and alias, for the "did you mean" of a mistyped one.
  static var subcommandNames: [String] {
    configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases } + ["help"]
  }
}

/// Options every verb takes.
struct GlobalOptions: ParsableArguments {
  @Option(name: .long, help: "The store file (default: $PODHIST_STORE, else the nearest podhist.db up from here, else ./podhist.db).")
  var store: String?

  var storePath: String { PodHistService.storePath(explicit: store) }

  /// Opens the store for a query; a missing store is exit 1.
  func open() throws -> PodHistService { try PodHistService.open(path: storePath) }
}

/// `-n NS` / `-A`, as kubectl takes them.
struct ScopeOptions: ParsableArguments {
  @Option(name: [.short, .long], help: "Namespace.", completion: .custom(StoreCompletion.namespaces))
  var namespace: String?
  @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "All namespaces.")
  var allNamespaces = false

  /// nil means every namespace.
  var namespaceFilter: String? { allNamespaces ? nil : namespace }
}

/// Output helpers shared by the verbs. Every text goes to the terminal through `TerminalText`:
/// control characters from the data are shown escaped, whichever renderer made the text.
enum Output {
  /// Writes `text` to standard output, its control characters neutralised.
  static func write(_ text: String) { writeStyled(TerminalText.neutralised(text)) }
  /// Writes a text already neutralised with podhist's own colour codes in it (`TerminalText.styled`).
  /// Once the reader of standard output went away (EPIPE), nothing more is written.
  static func writeStyled(_ text: String) { writeStyled(bytes: Array(text.utf8)) }
  /// `writeStyled` of text given as its UTF-8 bytes.
  static func writeStyled(bytes text: [UInt8]) {
    guard !closed else { return }
    var bytes = text[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { closed = true; return }
      bytes = bytes.dropFirst(n)
    }
  }
  /// Whether standard output's reader went away (a write failed): long listings stop early.
  nonisolated(unsafe) static var closed = false
  /// Whether the reader of standard output is still there, waiting up to `ms` for a pipe's
  /// reader to go away (`| head` leaves once it has its lines); true at once when standard
  /// output is not a pipe.
  static func readerStays(waiting ms: Int32) -> Bool {
    guard !closed else { return false }
    var st = stat()
    guard fstat(STDOUT_FILENO, &st) == 0, st.st_mode & S_IFMT == S_IFIFO else { return true }
    // No event asked: poll reports only the error of a pipe whose reader closed it.
    var p = pollfd(fd: STDOUT_FILENO, events: 0, revents: 0)
    guard poll(&p, 1, ms) > 0, p.revents & Int16(POLLERR | POLLHUP) != 0 else { return true }
    closed = true
    return false
  }
  /// Writes podhist's own bytes (a progress line, already neutralised) to standard error as they are.
  static func writeError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
  /// Writes `text` and a newline to standard error, its control characters neutralised.
  static func warn(_ text: String) {
    FileHandle.standardError.write(Data(TerminalText.neutralised(text.hasSuffix("\n") ? text : text + "\n").utf8))
  }
  /// Colour and wrapping for standard output: only on a terminal (or PODHIST_TTY=1), colour never with NO_COLOR.
  static var terminal: TerminalOptions { options(for: STDOUT_FILENO) }
  /// The same for standard error (the import progress line).
  static var errorTerminal: TerminalOptions { options(for: STDERR_FILENO) }

  private static func options(for fd: Int32) -> TerminalOptions {
    var size = winsize()
    let reported = withUnsafeMutablePointer(to: &size) { ioctl(fd, UInt(TIOCGWINSZ), $0) } == 0 ? Int(size.ws_col) : nil
    return TerminalOptions.detect(isTerminal: isatty(fd) == 1, reportedWidth: reported, environment: ProcessInfo.processInfo.environment)
  }
  /// Prints a JSON value as a JSON or YAML document.
  static func emit(_ value: JSONValue, format: DocumentFormat) {
    switch format {
    case .json: write(value.json(pretty: true) + "\n")
    case .yaml: write(value.yaml())
    }
  }
}
