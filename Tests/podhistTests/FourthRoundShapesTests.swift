import Foundation
import TestSupport
import Testing

/// Shapes the fourth round of unseen pastes (corpus 310–338) showed podhist missing or refusing,
/// each read through the binary from its real paste, and from small variants that must not be
/// read the same way.
@Suite struct FourthRoundShapesTests {
  func top(_ cli: CLI, pod: String? = nil) throws -> PasteCase.Top { try PasteCase.top(cli, pod: pod) }
  func imported(_ corpusInput: String) throws -> CLI { try PasteCase.imported(corpusInput) }
  func imported(text: String) throws -> (CLI, CLI.Result) { try PasteCase.imported(text: text, name: "-") }

  /// `Container failed liveness probe` with the container's name cut out of the message (and its
  /// age elided to `...`) was a trap (a range below its start) and then a skipped row.
  @Test func killingRowWithoutContainerNameAndElidedAge() throws {
    let cli = try imported("319-gitlab-runner-liveness-timeout-1s-killing-row-age-elided-2024/input.txt")
    #expect(try top(cli).code == "CrashLoop.LivenessProbe")
    let (_, r) = try imported(text: """
      Events:
        Type     Reason     Age   From     Message
        ----     ------     ---   ----     -------
        Normal   Killing    5m    kubelet  Container failed liveness probe, will be restarted
      """)
    #expect(r.status == 0, "\(r.err)")
  }

  /// An Events block that names no pod, pasted after a pods table: the one Pending pod's.
  @Test func unnamedEventsBlockGoesToTheOnePendingPod() throws {
    let cli = try imported("317-volcano-pending-max-volume-count-no-preemption-double-hash-wide-2023/input.txt")
    let t = try top(cli, pod: "high-priority-dep-with-disk-dcb9c8998-qlv7s")
    #expect(t.code == "Unschedulable.Other")
    #expect(!t.pods.contains("(unnamed)"), "\(t.pods)")
  }

  /// With two Pending pods the block could be either's: it stays unnamed.
  @Test func unnamedEventsBlockStaysUnnamedWhenTwoPodsFit() throws {
    let (cli, r) = try imported(text: """
      $ kubectl get pods
      NAME    READY   STATUS    RESTARTS   AGE
      web-0   0/1     Pending   0          3m
      web-1   0/1     Pending   0          3m
      api-0   1/1     Running   0          3m

      Events:
        Type     Reason            Age   From               Message
        ----     ------            ----  ----               -------
        Warning  FailedScheduling  2m    default-scheduler  0/3 nodes are available: 3 Insufficient cpu.
      """)
    #expect(r.status == 0, "\(r.err)")
    let pods = try cli.run(["get", "pods", "-A"]).out
    #expect(pods.contains("(unnamed)"), "\(pods)")
  }

  /// A describe cut to `Controlled By: ReplicaSet/x` is the pod of the table named `x-…`.
  @Test func controlledByNamesThePodOfTheTable() throws {
    let cli = try imported("322-grafana-operator-exits-0-crashloop-completed-kg-alias-describe-cut-2021/input.txt")
    let table = try cli.run(["get", "pods", "-A"]).out
    #expect(!table.contains("(unnamed)"), "\(table)")
    #expect(table.contains("CrashLoopBackOff   6"), "the describe's Restart Count 6 is the later observation: \(table)")
  }

  /// kubectl 1.2's `fit failure on node (n): Node didn't have enough resource: CPU, …` lines.
  @Test func fitFailureLinesOfKubectl12() throws {
    let cli = try imported("329-k8s-docs-ja-pending-failed-to-fit-cpu-2016-describe-tabs-japanese-prose/input.txt")
    let t = try top(cli, pod: "nginx-deployment-1370807587-fz9sd")
    #expect(t.code == "Unschedulable.InsufficientResources")
    #expect(t.summary?.contains("cpu") == true, "\(t.summary ?? "")")
  }

  /// `FailedCreatePodContainer` (the pod's cgroup cannot be made) keeps the pod from starting.
  @Test func failedCreatePodContainerIsASandboxFailure() throws {
    let cli = try imported("334-cloud-atlas-memcg-kmem-leak-cannot-allocate-memory-grep-wide-rows-init-runcontainererror/input.txt")
    let t = try top(cli, pod: "kube-prometheus-stack-1681-admission-create-z7p94")
    #expect(t.code == "Sandbox.CreateFailed")
    let text = try cli.run(["why", "kube-prometheus-stack-1681-admission-create-z7p94"]).out
    #expect(text.contains("cgroup.memory=nokmem"), "\(text)")
  }

  /// A pod that ended Succeeded because its OOM-killed run exited 0 restarts nothing: Failed.*.
  @Test func oomKilledInASucceededPodIsAPodFailure() throws {
    let cli = try imported("314-flyte-task-pod-oomkilled-exit0-phase-succeeded-collapsed-row-elided-yaml-2019/input.txt")
    #expect(try top(cli).code == "Failed.OOMKilled")
  }

  /// `lastState: terminated` with its fields at column 0 (a page lost the indentation).
  @Test func flattenedContainerStateIsRebuilt() throws {
    let cli = try imported("325-imroc-subpath-configmap-starterror-exit128-flattened-yaml-prompt-zh-2019/input.txt")
    let t = try top(cli)
    #expect(t.code == "Container.CreateFailed")
    #expect(t.summary?.contains("mounting a volume") == true, "\(t.summary ?? "")")
    let (c2, r) = try imported(text: """
      $ kubectl -n shop get pod web-0 -o yaml
      lastState:
      terminated:
      exitCode: 137
      reason: OOMKilled
      finishedAt: "2024-01-02T03:04:05Z"
      """)
    #expect(r.status == 0, "\(r.err)")
    let pods = try c2.run(["get", "pods", "-A"]).out
    #expect(pods.contains("shop") && pods.contains("web-0"), "\(pods)")
    // Two state fields are needed: one `reason:` line alone is not a container state.
    let (_, r3) = try imported(text: "lastState: terminated\nreason: OOMKilled\n")
    #expect(r3.status == 2, "\(r3.out)")
  }
}

extension FourthRoundShapesTests {
  /// `relevant kubectl get events -n monitoring` in prose before a table without NAMESPACE: the
  /// rows are in monitoring, and join the pod the pods table shows there.
  @Test func commandNamedInProseGivesTheNamespace() throws {
    let cli = try imported("255-prometheus-k8s-pending-no-storageclass-get-events-wide-2018/input.txt")
    let table = try cli.run(["get", "pods", "-A"]).out
    #expect(!table.contains("default "), "\(table)")
    #expect(try top(cli, pod: "prometheus-k8s-0").code == "Unschedulable.VolumeBinding")
    // A message that mentions kubectl inside an events row is not a command.
    let (c2, r) = try imported(text: """
      LAST SEEN   TYPE      REASON    OBJECT      MESSAGE
      2m          Warning   BackOff   pod/web-0   run kubectl get pods to see it
      """)
    #expect(r.status == 0, "\(r.err)")
    #expect(try c2.run(["get", "pods", "-A"]).out.contains("web-0"))
  }
}

extension FourthRoundShapesTests {
  /// `Status: Terminating (expires T)` in a describe whose own time is unknown: the deletion is
  /// the cause of the status, and only `low`, since the grace period's end can't be compared.
  @Test func terminatingAtAnUnknownTimeIsALowStuck() throws {
    let cli = try imported("170-terminating-expires-old-format-gke-describe-2018/input.txt")
    let out = try cli.run(["why", "-A", "-o", "json"]).out
    let doc = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
    let cause = ((doc?["items"] as? [[String: Any]])?.first?["causes"] as? [[String: Any]])?.first
    #expect(cause?["code"] as? String == "Terminating.Stuck")
    #expect(cause?["confidence"] as? String == "low")
  }
}
