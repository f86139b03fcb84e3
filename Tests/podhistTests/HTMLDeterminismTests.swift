import Foundation
import TestSupport
import Testing

/// The same store gives the same page every run: `-o html` orders what it lists by time, line
/// and the facts' order, never by a dictionary's (whose order changes from one process to the next).
@Suite struct HTMLDeterminismTests {
  @Test func theSamePageEveryRun() throws {
    let cli = try CLI()
    defer { try? FileManager.default.removeItem(atPath: (cli.store as NSString).deletingLastPathComponent) }
    // An events watch printed on one line: several Events share an instant and a line.
    let input = "fixtures/corpus/001-hello-world-exits-events-watch-oneline/input.txt"
    #expect(try cli.run(["import", cli.fixture(String(input.dropFirst("fixtures/".count)))]).status == 0)
    let list = try cli.run(["get", "pods", "-A", "-o", "json"])
    let items = (try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [String: Any])?["items"] as? [[String: Any]] ?? []
    let pods = items.compactMap { $0["name"] as? String }
    #expect(!pods.isEmpty)
    for pod in pods {
      for verb in ["timeline", "why"] {
        let pages = try (0..<4).map { _ in try cli.run([verb, pod, "-o", "html"]) }
        #expect(pages.allSatisfy { $0.status == 0 }, "\(verb) \(pod) -o html: \(pages.map(\.status))")
        #expect(Set(pages.map(\.out)).count == 1, "\(verb) \(pod) -o html differs between runs")
      }
    }
  }
}
