import PodHistKit
import Testing

/// Text output names a source by its file name when that is unique in the store, else by its
/// path below the working directory, else as imported.
@Suite struct SourceNamesTests {
  @Test func uniqueFileNamesAreShortAndTwinsKeepTheirFolders() {
    let names = SourceNames(sources: ["/home/me/case1/input.txt", "/home/me/case2/input.txt", "/var/dumps/events.json",
                                      "logs/describe.txt", "/elsewhere/input.txt", "-"],
                            workingDirectory: "/home/me")
    #expect(names("/var/dumps/events.json") == "events.json")
    #expect(names("logs/describe.txt") == "describe.txt")
    #expect(names("/home/me/case1/input.txt") == "case1/input.txt")
    #expect(names("/home/me/case2/input.txt") == "case2/input.txt")
    #expect(names("/elsewhere/input.txt") == "/elsewhere/input.txt")
    #expect(names("-") == "-")
    #expect(names("never-imported.txt") == "never-imported.txt")
    #expect(SourceNames.asImported("/var/dumps/events.json") == "/var/dumps/events.json")
  }
}
