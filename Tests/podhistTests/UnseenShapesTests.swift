import Foundation
import TestSupport
import Testing

/// Shapes the third round of unseen pastes (corpus 280–309) showed podhist missing, each read
/// from its real paste through the binary.
@Suite struct UnseenShapesTests {
  /// The top cause `why -A -o json` gives for `pod` (or the only pod) after importing `input`.
  func top(_ input: String, pod: String? = nil) throws -> (code: String?, summary: String?, status: String?) {
    let cli = try CLI()
    let r = try cli.run(["import", cli.fixture("corpus/\(input)")])
    #expect(r.status == 0, "\(r.err)")
    let out = try cli.run(["why", "-A", "-o", "json"]).out
    let doc = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
    let items = (doc?["items"] as? [[String: Any]]) ?? []
    let item = items.first { pod == nil || $0["name"] as? String == pod }
    let cause = (item?["causes"] as? [[String: Any]])?.first
    return (cause?["code"] as? String, cause?["summary"] as? String, item?["status"] as? String)
  }

  /// `Failed  Error: InvalidImageName` is the kubelet's image error, not a create error.
  @Test func failedEventNamingInvalidImageName() throws {
    let t = try top("281-flink-operator-numeric-tag-float-invalidimagename-events-2022/input.txt")
    #expect(t.code == "Image.InvalidName")
    #expect(t.status == "InvalidImageName")
  }

  /// A describe cut to Status/Reason/Message with the kubelet's own `Preempting` reason.
  @Test func kubeletPreemptingReason() throws {
    let t = try top("282-gke-kubelet-preempting-critical-pod-describe-elided-2020/input.txt")
    #expect(t.code == "Preempted")
    #expect(t.summary?.contains("critical pod") == true)
  }

  /// Two describe lines, `Reason: NodeLost` and its Message, are a describe fragment.
  @Test func reasonAndMessageAloneAreAPodStatus() throws {
    let t = try top("300-nodelost-describe-two-lines-eks-statefulset/input.txt")
    #expect(t.code == "Node.Lost")
  }

  /// `Status: Terminating (lasts 8d)`, then `...`, then the rest of a Containers block.
  @Test func describeGoesOnAfterAnElision() throws {
    let t = try top("306-terminating-8d-elided-describe-unmount-target-busy/input.txt")
    #expect(t.code == "Terminating.Stuck")
  }

  /// A grep'd `-o wide` row whose long NAME left one space before READY.
  @Test func readyGluedToALongName() throws {
    let cli = try CLI()
    #expect(try cli.run(["import", cli.fixture("corpus/290-worker-poweroff-pods-terminating-grep-prompt-wide-rows-1.24-2022/input.txt")]).status == 0)
    let table = try cli.run(["get", "pods", "-A"]).out
    #expect(table.contains("nginx-ingress-controller-5bc859ff4c-strxt"), "\(table)")
    #expect(table.split(separator: "\n").count == 4)
  }

  /// A Job's FailedCreate naming the pod PodSecurity refused: that pod's story.
  @Test func controllerFailedCreateNamesTheRefusedPod() throws {
    let t = try top("280-tekton-pruner-job-podsecurity-failedcreate-events-row-2022/input.txt",
                    pod: "tekton-resource-pruner-mnf9n-27829440-4w6rm")
    #expect(t.code == "Security.Blocked")
  }
}
