import Foundation
import TestSupport
import Testing

/// Checks of the source tree by the scripts of tools/: the folders of Sources/PodHistKit use only
/// the folders below them (tools/layer_deps.py), and every public declaration has a `///`
/// summary (tools/public_docs.py).
@Suite struct LayerTests {
  /// Runs `python3 tools/SCRIPT ARGUMENTS…` from the repository root: its exit status and output
  /// (standard output and error together).
  static func runTool(_ script: String, _ arguments: [String] = []) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(filePath: "/usr/bin/env")
    p.arguments = ["python3", repositoryRoot.appending(path: "tools/\(script)").path] + arguments
    p.currentDirectoryURL = repositoryRoot
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text)
  }

  @Test func noFolderUsesAFolderAboveIt() throws {
    let (status, text) = try LayerTests.runTool("layer_deps.py")
    #expect(status == 0, "\(text)")
    // The table has the executable's row, and it uses the Service (a broken reader would find nothing).
    let cli = text.split(separator: "\n").first { $0.hasPrefix("| **CLI** |") } ?? ""
    #expect(cli.contains("PodHistService"), "\(text)")
  }

  @Test func everyPublicDeclarationHasASummary() throws {
    let (status, text) = try LayerTests.runTool("public_docs.py")
    #expect(status == 0, "\(text)")
    // The script found the declarations at all (a broken pattern would find none and pass).
    let count = text.split(separator: "\n").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
    #expect(count > 500, "\(text)")
  }
}
