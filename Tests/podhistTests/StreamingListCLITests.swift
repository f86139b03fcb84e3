import Foundation
import Testing

/// `get pods -A` written as the store's pod summaries are read: the same bytes as the listing
/// that projects every pod, and a reader that goes away (`| head`) ends podhist quietly.
@Suite struct StreamingListCLITests {
  /// Events about `pods` pods in three namespaces, one Scheduled and one Started (some BackOff) each.
  static func events(pods: Int) -> Data {
    var out = ""
    for i in 0..<pods {
      let ns = ["shop", "data", "kube-system"][i % 3]
      let pod = "web-\(String(i, radix: 36))-\(i % 7 == 0 ? "é" : "x")\(i)"
      let t = 1_741_590_000 + i
      func ev(_ reason: String, _ msg: String, _ type: String, _ s: Int) -> String {
        let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(s)))
        return #"{"kind":"Event","apiVersion":"v1","metadata":{"name":"\#(pod).\#(reason)","namespace":"\#(ns)"},"involvedObject":{"kind":"Pod","namespace":"\#(ns)","name":"\#(pod)","uid":"u\#(i)"},"reason":"\#(reason)","message":"\#(msg)","type":"\#(type)","count":1,"firstTimestamp":"\#(time)","lastTimestamp":"\#(time)","source":{"component":"kubelet","host":"node-\#(i % 5)"}}"#
          + "\n"
      }
      out += ev("Scheduled", "Successfully assigned \(ns)/\(pod) to node-\(i % 5)", "Normal", t)
      out += i % 5 == 0 ? ev("BackOff", "Back-off restarting failed container app in pod \(pod)", "Warning", t + 60)
                        : ev("Started", "Started container app", "Normal", t + 30)
    }
    return Data(out.utf8)
  }

  static func bothStores() throws -> (with: CLI, without: CLI) {
    let with = try CLI(), without = try CLI()
    let data = Self.events(pods: 3_000)
    #expect(try with.run(["import", "-"], stdin: data).status == 0)
    #expect(try without.run(["import", "-"], stdin: data, environment: ["PODHIST_NO_SUMMARIES": "1"]).status == 0)
    return (with, without)
  }

  @Test func theStreamedListingIsTheProjectedOne() throws {
    let (with, without) = try Self.bothStores()
    for args in [["get", "pods", "-A"], ["get", "pods", "-A", "-o", "wide"], ["get", "pods", "-A", "--show-deleted"],
                 ["get", "pods", "-A", "-o", "name"], ["get", "pods", "-n", "data"], ["get", "pods"], ["get", "pods", "-n", "none"],
                 ["why", "-A"], ["why", "-A", "-o", "json"], ["why", "-A", "--summary"]] {
      let a = try with.run(args), b = try without.run(args)
      #expect(a.out == b.out, "\(args)")
      #expect(a.err == b.err && a.status == b.status, "\(args)")
    }
    let table = try with.run(["get", "pods", "-A", "--show-deleted"]).out
    #expect(table.split(separator: "\n").count == 3_001)
    // Non-ASCII names (é) are measured as characters, as the whole table does.
    #expect(table.contains("é"))
  }

  @Test func aReaderThatGoesAwayEndsItQuietly() throws {
    let (with, _) = try Self.bothStores()
    for form in ["", "-o wide", "-o name"] {
      let r = try with.run(["/bin/bash", "-c", "set -o pipefail; \"$0\" get pods -A \(form) | head -2", CLI.binary.path], direct: true)
      #expect(r.status == 0, "\(form): \(r.err)")
      #expect(r.err.isEmpty, "\(form): \(r.err)")
      #expect(r.out.split(separator: "\n").count == 2)
    }
  }
}
