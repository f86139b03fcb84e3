import ArgumentParser
import Foundation
import PodHistKit

struct RecordCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract: "Record pods and events as they happen, through kubectl (list, then watch), until SIGINT or SIGTERM.")

  @OptionGroup var global: GlobalOptions
  @Option(name: [.short, .long], help: "Record one namespace.")
  var namespace: String?
  @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Record all namespaces (the default).")
  var allNamespaces = false
  @Option(help: "The kubeconfig context to use.")
  var context: String?
  @Option(help: "The kubeconfig file to use.")
  var kubeconfig: String?
  @Option(help: "The kubectl to run (default: kubectl on PATH).")
  var kubectl: String = "kubectl"
  @Flag(help: "Print nothing but errors.")
  var quiet = false

  func validate() throws {
    if namespace != nil && allNamespaces { throw ValidationError("-n and -A exclude each other") }
  }

  func run() throws {
    let options = Recorder.Options(storePath: global.storePath,
                                   kubectl: Kubectl(executable: kubectl, kubeconfig: kubeconfig, context: context),
                                   namespace: allNamespaces ? nil : namespace)
    let terminal = isatty(STDERR_FILENO) == 1 || TerminalOptions.forced(ProcessInfo.processInfo.environment)
    let quiet = self.quiet
    let recorder = Recorder(options: options) { message in
      switch message {
      case let .log(text) where !quiet:
        // On a terminal the status line is erased first (the erasing escape itself is not text to neutralise).
        if terminal { FileHandle.standardError.write(Data("\r\u{1b}[K".utf8)) }
        Output.warn(text)
      case let .status(text) where terminal && !quiet:
        FileHandle.standardError.write(Data(("\r\u{1b}[K" + TerminalText.neutralised(text)).utf8))
      default: break
      }
    }
    _ = try recorder.stoppingOnSignals { try recorder.run() }
  }
}
