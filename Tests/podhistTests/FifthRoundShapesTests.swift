import Foundation
import TestSupport
import Testing

/// Shapes the fifth round of unseen pastes (corpus 339–368) showed podhist missing or refusing,
/// each read through the binary from its real paste, and from small variants that must not be
/// read the same way.
@Suite struct FifthRoundShapesTests {
  /// The top cause, its confidence, the status and the restarts `why -A -o json` and `get pods
  /// -A` give for `pod` (or the first pod), with the names of every pod.
  func top(_ cli: CLI, pod: String? = nil) throws
    -> (code: String?, confidence: String?, status: String?, restarts: Int?, pods: [String]) {
    let t = try PasteCase.top(cli, pod: pod)
    let name = pod ?? t.pods.first
    // RESTARTS of the pod's row in `get pods -A` (NAMESPACE NAME READY STATUS RESTARTS AGE).
    let row = try cli.run(["get", "pods", "-A"]).out.split(separator: "\n")
      .map { $0.split(separator: " ") }.first { $0.count > 4 && String($0[1]) == name }
    return (t.code, t.confidence, t.status, row.flatMap { Int($0[4]) }, t.pods)
  }

  func imported(_ corpusInput: String) throws -> CLI { try PasteCase.imported(corpusInput) }
  func imported(text: String) throws -> CLI {
    let (cli, r) = try PasteCase.imported(text: text, name: "-")
    #expect(r.status == 0, "\(r.err)")
    return cli
  }

  /// A pods table whose padding a blog collapsed to single spaces is read word by word.
  @Test func collapsedPodsTableIsReadWordByWord() throws {
    let cli = try imported("339-inode-exhausted-node-flapping-evictions-collapsed-spaces-rows-zh-2019/input.txt")
    let table = try cli.run(["get", "pods", "-A"]).out
    #expect(table.split(separator: "\n").filter { $0.contains(" Evicted ") }.count == 20, "\(table)")
    #expect(try top(cli).code == "Evicted.NodePressure")
    // New-style RESTARTS `3 (2m ago)` takes three words.
    let cli2 = try imported(text: """
      NAME READY STATUS RESTARTS AGE
      api-7d9c-x2x 0/1 CrashLoopBackOff 3 (2m ago) 9m
      web-0 1/1 Running 0 9m
      """)
    let t = try top(cli2, pod: "api-7d9c-x2x")
    #expect(t.status == "CrashLoopBackOff" && t.restarts == 3, "\(t)")
    // Headerless collapsed rows (a grep pasted into a chat), new-style RESTARTS included.
    let cli3 = try imported(text: """
      $ kubectl get pods -n shop | grep api
      api-7d9c-x2x 0/1 CrashLoopBackOff 3 (2m ago) 9m
      api-7d9c-k8p 0/1 ImagePullBackOff 0 9m
      """)
    let t3 = try top(cli3, pod: "api-7d9c-x2x")
    #expect(t3.status == "CrashLoopBackOff" && t3.restarts == 3 && t3.pods.count == 2, "\(t3)")
    // A sentence with the same number of words is not a row.
    let cli4 = try CLI()
    #expect(try cli4.run(["import", "-"], stdin: Data("the pod 0/1 was Running 3 times 5m ago\n".utf8)).status != 0)
  }

  /// A repost that lost its newlines: `kubectl get pods NAME READY …` and `kubectl describe pod x
  /// Last State: Terminated Reason: OOMKilled Exit Code: 137` each on one line.
  @Test func flattenedCommandOutputIsRebuilt() throws {
    let cli = try imported("345-jvm-xmx-equals-limit-oomkilled-restarts15-newlines-collapsed-repost-zh-2026/input.txt")
    let t = try top(cli)
    #expect(t.code == "CrashLoop.OOMKilled" && t.restarts == 15, "\(t)")
    // Without the command: a describe flattened from its Name.
    let cli2 = try imported(text: """
      Name: web-0 Namespace: shop Status: Running Containers: app: State: Waiting Reason: CrashLoopBackOff Last State: Terminated Reason: Error Exit Code: 3 Restart Count: 7
      """)
    let t2 = try top(cli2)
    #expect(t2.code == "CrashLoop.AppError" && t2.pods == ["web-0"] && t2.restarts == 7, "\(t2)")
    // A sentence naming two fields is prose, not a describe.
    let cli3 = try CLI()
    let r = try cli3.run(["import", "-"], stdin: Data("Reason: the pod shows Exit Code: 137 after a while\n".utf8))
    #expect(r.status != 0)
  }

  /// An Events table cut down by hand to `Reason  Message`.
  @Test func eventsTableCutToReasonAndMessage() throws {
    let cli = try imported("350-cpu-demo-2-request-100-cpu-pending-two-column-events-korean-docs/input.txt")
    #expect(try top(cli).code == "Unschedulable.InsufficientResources")
    let cli2 = try imported(text: """
      Name:         web-0
      Namespace:    shop
      Status:       Pending
      Events:
        Type     Reason            Message
        ----     ------            -------
        Warning  FailedScheduling  0/3 nodes are available: 3 node(s) didn't match node selector.
      """)
    #expect(try top(cli2).code == "Unschedulable.NodeSelector")
  }

  /// A watch in which every restart is seen Running and none terminated: the kubelet kills it.
  @Test func watchOfRestartsWithoutExitsIsALivenessKill() throws {
    let cli = try imported("355-liveness-exec-false-watch-rows-restarts-no-reason-hand-filtered-2021/input.txt")
    let t = try top(cli)
    #expect(t.code == "CrashLoop.LivenessProbe" && t.confidence == "low", "\(t)")
    // The same rhythm with Error rows: the container exits by itself.
    let cli2 = try imported(text: """
      NAME   READY   STATUS             RESTARTS   AGE
      job    1/1     Running            0          5s
      job    0/1     Error              0          70s
      job    1/1     Running            1          72s
      job    0/1     Error              1          2m20s
      job    0/1     CrashLoopBackOff   1          2m21s
      job    1/1     Running            2          2m40s
      job    0/1     Error              2          3m50s
      job    1/1     Running            3          4m30s
      job    0/1     CrashLoopBackOff   3          5m40s
      """)
    #expect(try top(cli2).code == "CrashLoop.AppError")
  }

  /// A manifest whose command ends by itself (`sleep 30s`) beside a CrashLoopBackOff row.
  @Test func finiteCommandUnderRestartAlwaysCompletes() throws {
    let cli = try imported("368-sleep-30s-pod-restartpolicy-always-crashloop-completed-manifest-getpods-kubelet-syslog-2022/input.txt")
    #expect(try top(cli).code == "CrashLoop.Completed")
    func manifest(_ command: String) -> String {
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: worker
      spec:
        containers:
        - name: main
          image: busybox
          command: \(command)
      ---
      """
    }
    let rows = """
      $ kubectl get pods worker
      NAME     READY   STATUS             RESTARTS   AGE
      worker   0/1     CrashLoopBackOff   6          9m
      """
    let ends = try imported(text: manifest(#"["sh", "-c", "echo start; sleep 5"]"#) + "\n" + rows)
    #expect(try top(ends).code == "CrashLoop.Completed")
    let runs = try imported(text: manifest(#"["sleep", "infinity"]"#) + "\n" + rows)
    #expect(try top(runs).code == "CrashLoop.AppError")
    let loops = try imported(text: manifest(#"["sh", "-c", "while true; do date; sleep 5; done"]"#) + "\n" + rows)
    #expect(try top(loops).code == "CrashLoop.AppError")
  }
}
