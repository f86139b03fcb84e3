import Foundation
import TestSupport
import Testing

/// The CLI's text views of the seed case, compared with fixtures/cli/golden/; RECORD_GOLDEN=1
/// rewrites them (and fails, so a recording never passes unseen).
@Suite struct GoldenOutputTests {
  static let views: [(name: String, args: [String])] = [
    ("seed-why.txt", ["why", "springboot-mybatis-deployment-dcd7f8bbf-9wfxl"]),
    ("seed-get-pods.txt", ["get", "pods", "-A"]),
    ("seed-get-pods-at-describe.txt", ["get", "pods", "-A", "--at", "2020-07-03T07:58:12Z"]),
    ("seed-status.txt", ["status", "springboot-mybatis-deployment-dcd7f8bbf-9wfxl", "--at", "2020-07-03T07:58:12Z"]),
    ("seed-timeline.txt", ["timeline", "springboot-mybatis-deployment-dcd7f8bbf-9wfxl"]),
    ("seed-restarts.txt", ["restarts", "springboot-mybatis-deployment-dcd7f8bbf-9wfxl"]),
  ]

  @Test(arguments: views.map(\.name))
  func seedView(_ name: String) throws {
    let cli = try CLI()
    let imported = try cli.run(["import", "fixtures/corpus/000-seed-springboot-liveness-probe-port/input.txt"])
    try #require(imported.status == 0, "\(imported.err)")
    let args = try #require(GoldenOutputTests.views.first { $0.name == name }).args
    let r = try cli.run(args)
    #expect(r.status == 0, "\(r.err)")
    try expectGolden(r.out, "fixtures/cli/golden/\(name)")
  }
}
