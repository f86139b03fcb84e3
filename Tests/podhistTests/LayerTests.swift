import Foundation
import TestSupport
import Testing

/// The folders of Sources/PodHistKit use only the folders below them (tools/layer_deps.py).
@Suite struct LayerTests {
  @Test func noFolderUsesAFolderAboveIt() throws {
    let p = Process()
    p.executableURL = URL(filePath: "/usr/bin/env")
    p.arguments = ["python3", repositoryRoot.appending(path: "tools/layer_deps.py").path]
    p.currentDirectoryURL = repositoryRoot
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(text)")
  }
}
