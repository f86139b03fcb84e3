import Foundation
import TestSupport
import Testing

/// Issue 17's first "done means": each seed document (fixtures/seeds) imports through the binary
/// with exit 0, every pasted part read, and every warning it prints a real one (file and line).
@Suite struct SeedImportCLITests {
  struct Seed: Sendable, CustomTestStringConvertible {
    var file: String
    /// The formats the import line names, in the order read.
    var formats: String
    /// The lines the warnings name (seed 001's five misplaced manifest fields).
    var warned: [Int]
    var testDescription: String { String(file.prefix(3)) }
  }

  static let seeds: [Seed] = [
    Seed(file: "000_4313a1a6678247f5.txt", formats: "(manifest-yaml)", warned: []),
    Seed(file: "001_245269ccbda382b5.txt", formats: "(manifest-yaml, pods-table, nodes-table, describe)", warned: [126, 127, 128, 133, 150]),
    Seed(file: "002_2397902da6e6695f.txt", formats: "(manifest-yaml)", warned: []),
  ]

  @Test(arguments: seeds) func eachSeedImportsWithExitZero(_ seed: Seed) throws {
    let cli = try CLI()
    let r = try cli.run(["import", "--source", seed.file, cli.fixture("seeds/\(seed.file)")])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("\(seed.file): ") && r.out.contains(seed.formats))
    let warnings = r.err.split(separator: "\n").filter { $0.contains(": warning: ") }
    #expect(warnings.compactMap { Int($0.split(separator: ":")[1]) } == seed.warned)
    #expect(warnings.allSatisfy { $0.hasPrefix("\(seed.file):") })
  }
}
