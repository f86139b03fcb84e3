import Foundation
import TestSupport
import Testing

/// Shapes the sixth round of unseen pastes (corpus 369–398) showed podhist misreading, each read
/// through the binary from its real paste, and from small variants that must not be read the
/// same way.
@Suite struct SixthRoundShapesTests {
  /// The top cause, its confidence and the status `why -A -o json` gives for `pod` (or the first
  /// pod), with the names of every pod listed and the namespaces of `get pods -A`.
  func top(_ cli: CLI, pod: String? = nil) throws
    -> (code: String?, confidence: String?, status: String?, pods: [String], namespaces: Set<String>) {
    let t = try PasteCase.top(cli, pod: pod)
    let rows = try cli.run(["get", "pods", "-A"]).out.split(separator: "\n").dropFirst()
    return (t.code, t.confidence, t.status, t.pods, Set(rows.compactMap { $0.split(separator: " ").first.map(String.init) }))
  }

  func imported(_ corpusInput: String) throws -> CLI { try PasteCase.imported(corpusInput) }

  func imported(text: String, name: String = "paste.txt", options: [String] = []) throws -> CLI {
    let (cli, r) = try PasteCase.imported(text: text, name: name, options: options)
    #expect(r.status == 0, "\(r.err)")
    return cli
  }

  /// `_**ErrImageNeverPull**_`: emphasis nested around one STATUS cell of a grepped row.
  @Test func emphasisAroundOneCellIsRemoved() throws {
    let cli = try imported("369-openness-producer-errimageneverpull-bold-italic-status-grep-row-root-prompt-2020/input.txt")
    let t = try top(cli)
    #expect(t.status == "ErrImageNeverPull" && t.code == "Image.NeverPull", "\(t)")
    let cli2 = try imported(text: "$ kubectl get pods\nNAME    READY   STATUS   RESTARTS   AGE\nweb-0   1/1     *Running*   0          5m\n")
    #expect(try cli2.run(["get", "pods"]).out.contains(" Running "))
    // An identifier's own underscores, and a lower-case word, are not emphasis.
    let cli3 = try imported(text: """
      Events:
        Type     Reason   Age   From     Message
        ----     ------   ----  ----     -------
        Warning  Failed   1m    kubelet  Error: couldn't find key _db_url_ in ConfigMap shop/_Env_cfg
      """)
    let events = try cli3.run(["timeline", "(unnamed)"]).out
    #expect(events.contains("_db_url_") && events.contains("shop/_Env_cfg"), "\(events)")
  }

  /// `oc -n NS describe pod/x | tail -n 5`: the `-n` of the command after the pipe is not a namespace.
  @Test func aPipedCommandKeepsItsOwnNamespace() throws {
    let cli = try imported("370-oc-debug-as-root-runasuser-breaks-non-root-policy-oc-prompt-describe-tail-2021/input.txt")
    let t = try top(cli, pod: "network-operator-7855cfd575-wmrlz-debug")
    #expect(t.namespaces == ["openshift-network-operator"], "\(t)")
    #expect(t.pods == ["network-operator-7855cfd575-wmrlz-debug"] && t.code == "Container.ConfigError", "\(t)")
    // Before the pipe, `-n` is read as ever.
    let cli2 = try imported(text: """
      $ kubectl describe pod web-0 -n shop | grep -A5 Events
      Events:
        Type     Reason   Age   From     Message
        ----     ------   ----  ----     -------
        Warning  BackOff  1m    kubelet  Back-off restarting failed container
      """)
    #expect(try top(cli2).namespaces == ["shop"])
  }

  /// A 1.6–1.7 nodes table (`NotReady,agent`: roles printed in STATUS) beside a pod still shown
  /// Running on that node: the node is lost, the pod's status is what its kubelet last said.
  @Test func aRunningPodOnANotReadyNodeIsExplainedByTheNode() throws {
    let cli = try imported("373-aks-single-node-vm-deallocated-pod-still-running-notready-agent-truncated-version-2018/input.txt")
    #expect(try cli.run(["get", "nodes"]).out.contains("NotReady,agent"))
    let t = try top(cli)
    #expect(t.code == "Node.Lost" && t.confidence == "medium" && t.status == "Running", "\(t)")
    #expect(try cli.run(["get", "pods", "-o", "wide"]).out.contains("10.244.0.3"))
    // The same paste with the node Ready: nothing needs explaining.
    let text = try String(contentsOf: URL(fileURLWithPath: cli.fixture("corpus/373-aks-single-node-vm-deallocated-pod-still-running-notready-agent-truncated-version-2018/input.txt")), encoding: .utf8)
    let cli2 = try imported(text: text.replacingOccurrences(of: "NotReady,agent", with: "Ready,agent     "))
    #expect(try top(cli2).pods.isEmpty)
    // A pod with trouble of its own keeps it first; the node is the alternative.
    let cli3 = try imported(text: """
      $ kubectl get nodes
      NAME      STATUS     ROLES    AGE   VERSION
      worker1   NotReady   <none>   12d   v1.27.3
      $ kubectl get pods -o wide
      NAME    READY   STATUS             RESTARTS   AGE   IP          NODE
      web-0   0/1     CrashLoopBackOff   9          1h    10.0.0.12   worker1
      """)
    #expect(try top(cli3).code?.hasPrefix("CrashLoop") == true)
  }

  /// `kubectl describe pod <pod name>` names no pod; prose glued after a flattened describe's last
  /// field (`Restart Count: 1  在容器…`) is not its value.
  @Test func aPlaceholderNamesNoPodAndGluedProseEndsTheDescribe() throws {
    let cli = try imported("379-kubedns-exit-255-one-restart-describe-newlines-lost-gitalk-zh-blog-2019/input.txt")
    let t = try top(cli)
    #expect(t.pods == ["(unnamed)"] && t.code == "CrashLoop.AppError", "\(t)")
    let row = try cli.run(["get", "pods", "-A"]).out
    #expect(row.contains("(unnamed)   1/1     Running   1 "), "\(row)")
    // A real name after the command is kept.
    let cli2 = try imported(text: """
      $ kubectl describe pod kubedns-5d8f
      Containers: kubedns: State: Running Started: Tue, 27 Aug 2019 10:58:49 +0800 Last State: Terminated Reason: Error Exit Code: 255 Restart Count: 1
      """)
    #expect(try top(cli2).pods == ["kubedns-5d8f"])
  }

  /// An unnamed describe beside two crash-looping pods: only the pod older than its Events can be
  /// theirs.
  @Test func anUnnamedBlockGoesToThePodOldEnoughForItsEvents() throws {
    let cli = try imported("390-argocd-repo-server-liveness-timeout-8084-two-rows-restarts-ago-events-describe-cut-2023/input.txt")
    let t = try top(cli, pod: "argo-cd-argocd-repo-server-664c47d55f-j466x")
    #expect(t.code == "CrashLoop.LivenessProbe", "\(t)")
    // Both pods old enough: the block stays unnamed.
    let cli2 = try imported(text: """
      api-7d9c-x2x   0/1   CrashLoopBackOff   7 (2m ago)   40m
      api-8f2b-k8p   0/1   CrashLoopBackOff   6 (2s ago)   30m

        Normal   Killing    11m (x2 over 12m)       kubelet  Container api failed liveness probe, will be restarted
        Warning  BackOff    2m58s (x25 over 8m45s)  kubelet  Back-off restarting failed container
      """)
    #expect(try top(cli2).pods.contains("(unnamed)"))
  }

  /// Taints beside insufficient resources: the tainted nodes are kept for other pods, the
  /// resources block the pod on the rest.
  @Test func taintsBesideShortResourcesAreNotTheCause() throws {
    let cli = try imported("396-2i2c-leap-prometheus-preempted-by-calico-node-replacement-pending-212-nodes-get-events-extract-cut-2023/input.txt")
    #expect(try top(cli).code == "Unschedulable.InsufficientResources")
    func code(_ message: String) throws -> String? {
      let cli = try imported(text: """
        Events:
          Type     Reason            Age   From               Message
          ----     ------            ----  ----               -------
          Warning  FailedScheduling  2m    default-scheduler  \(message)
        """)
      return try top(cli).code
    }
    #expect(try code("0/3 nodes are available: 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.") == "Unschedulable.Taints")
    #expect(try code("0/7 nodes are available: 3 node(s) had taints that the pod didn't tolerate, 4 Insufficient cpu.") == "Unschedulable.InsufficientResources")
    #expect(try code("0/5 nodes are available: 2 node(s) didn't match Pod's node affinity/selector, 3 node(s) had untolerated taint {gpu: true}.") == "Unschedulable.Taints")
  }

  /// A pod seen Terminating only through its `Killing` Event: nothing observed it healthy, so
  /// "healthy but being deleted" is a low reading, not a medium one.
  @Test func aDeletionSeenOnlyInEventsIsNotCalledHealthyWithConfidence() throws {
    let cli = try imported("169-terminating-need-to-kill-pod-markdown-backticks-2020/input.txt")
    let t = try top(cli)
    #expect(t.status == "Terminating" && t.confidence == "low", "\(t)")
    // Observed Terminating in a pods table with nothing failing: medium, as before.
    let cli2 = try imported(text: "NAME    READY   STATUS        RESTARTS   AGE\nweb-0   1/1     Terminating   0          5m\n")
    let t2 = try top(cli2)
    #expect(t2.status == "Terminating" && t2.confidence != "high", "\(t2)")
  }

  /// Pending finalizers hold a deleted pod; `foregroundDeletion` says a deletion was requested.
  @Test func finalizersAreNamedForATerminatingPod() throws {
    let cli = try imported("389-tofu-controller-tf-runner-foregrounddeletion-finalizer-terminating-metadata-yaml-elided-2024/input.txt")
    let t = try top(cli)
    #expect(t.code == "Terminating.Stuck" && t.confidence == "low", "\(t)")
    let pod = """
      {"apiVersion": "v1", "kind": "Pod",
       "metadata": {"name": "db-0", "namespace": "shop", "creationTimestamp": "2024-05-01T10:00:00Z",
                    "deletionTimestamp": "2024-05-01T11:00:30Z", "deletionGracePeriodSeconds": 30,
                    "finalizers": ["example.com/backup-done"]},
       "spec": {"nodeName": "worker1", "containers": [{"name": "db", "image": "postgres:16"}]},
       "status": {"phase": "Running", "containerStatuses": [{"name": "db", "ready": false, "restartCount": 0,
         "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": "2024-05-01T10:00:05Z", "finishedAt": "2024-05-01T11:00:02Z"}}}]}}
      """
    // Seen an hour after its grace period ended.
    let cli2 = try imported(text: pod, name: "pod.json", options: ["--observed-at", "2024-05-01T12:00:00Z"])
    let why = try cli2.run(["why", "db-0", "-n", "shop"]).out
    #expect(why.contains("held by its finalizers (example.com/backup-done)") && why.contains("Terminating.Stuck (high"), "\(why)")
    // Without finalizers the same pod gives no finalizer hint.
    let cli3 = try imported(text: pod.replacingOccurrences(of: "\"finalizers\": [\"example.com/backup-done\"]", with: "\"labels\": {}"),
                            name: "pod.json", options: ["--observed-at", "2024-05-01T12:00:00Z"])
    #expect(!(try cli3.run(["why", "db-0", "-n", "shop"]).out.contains("finalizers still pending")))
  }

  // MARK: the seventh round (corpus 399–428)

  /// An opening fence glued to the first row (`` ```Normal   Scheduled  7m21s … ``) keeps the row.
  @Test func aFenceGluedToTheFirstRowKeepsTheRow() throws {
    let cli = try imported("424-strimzi-kafka-producer-image-typo-missing-colon-pull-access-denied-fence-glued-to-first-row-2019/input.txt")
    let t = try top(cli)
    #expect(t.pods == ["kafka-producer"] && t.namespaces == ["kafka"] && t.code == "Image.PullFailed", "\(t)")
    // A fence with a language is still a fence.
    let cli2 = try imported(text: "```yaml\nNAME    READY   STATUS             RESTARTS   AGE\nweb-0   0/1     CrashLoopBackOff   4          5m\n```\n")
    #expect(try top(cli2).pods == ["web-0"])
  }

  /// UnexpectedAdmissionError names what the kubelet lacked: devices, or room a critical pod's
  /// preemption could not free.
  @Test func anUnexpectedAdmissionErrorNamingAShortageIsOne() throws {
    for c in ["399-ksm-coredns-unexpectedadmissionerror-preemption-pods-jq-status-json-hash-prompt-2020/input.txt",
              "400-kube-batch-tfjob-worker-unexpectedadmissionerror-gpu-unavailable-describe-header-only-2020/input.txt"] {
      let t = try top(try imported(c))
      #expect(t.code == "Unschedulable.InsufficientResources" && t.confidence == "medium", "\(c): \(t)")
    }
    // Another UnexpectedAdmissionError stays Other.
    let cli = try imported(text: """
      Name:         web-0
      Namespace:    shop
      Status:       Failed
      Reason:       UnexpectedAdmissionError
      Message:      Pod Allocate failed due to rpc error: code = Unknown desc = plugin restarted, which is unexpected
      """)
    #expect(try top(cli).code == "Unschedulable.Other")
  }

  /// `Error: failed to prepare subPath for volumeMount` fails before the container exists: a
  /// configuration error.
  @Test func aSubPathThatCannotBePreparedIsAConfigError() throws {
    let cli = try imported("405-nfs-subpath-prepare-failed-single-row-tail-1-k-alias-dollar-prompt-1.21/input.txt")
    let t = try top(cli)
    #expect(t.code == "Container.ConfigError" && t.status == "CreateContainerConfigError", "\(t)")
    let why = try cli.run(["why", t.pods.first ?? ""]).out
    #expect(why.contains("subPath"), "\(why)")
  }

  /// Status lists whose names the paste elided: the init container's and the app container's stay
  /// two containers, and the init container's exit is the cause.
  @Test func unnamedInitAndAppContainersStayApart() throws {
    // The status lists of kubernetes/kubernetes#108733 (2022), names elided by the reporter.
    let cli = try imported(text: """
      initContainerStatuses:
        - state:
            terminated:
              exitCode: 103
              reason: Error
              startedAt: '2022-03-16T07:00:00Z'
              finishedAt: '2022-03-16T07:00:00Z'
              # ...
          lastState: {}
          ready: false
          restartCount: 0
          # ...
      containerStatuses:
        - state:
            terminated:
              exitCode: 137
              reason: ContainerStatusUnknown
              message: The container could not be located when the pod was terminated
              startedAt: null
              finishedAt: null
          lastState: {}
          ready: false
          restartCount: 0
          started: false
          # ...
      """, name: "status.yaml")
    let t = try top(cli)
    #expect(t.code == "Failed.AppError" && t.status == "Init:Error", "\(t)")
  }

  /// ≤1.5: a failure of the `implicitly required container POD` is the sandbox's.
  @Test func theInfraContainerOfOldKubeletsIsTheSandbox() throws {
    let cli = try imported("427-gke-mongo-pod-infra-container-no-available-ip-addresses-implicitly-required-container-pod-single-row-2016/input.txt")
    let t = try top(cli)
    #expect(t.code == "Sandbox.CreateFailed" && t.status == "ContainerCreating", "\(t)")
    // The same failure of an app container is the container's.
    let text = try String(contentsOf: URL(fileURLWithPath: cli.fixture("corpus/427-gke-mongo-pod-infra-container-no-available-ip-addresses-implicitly-required-container-pod-single-row-2016/input.txt")), encoding: .utf8)
    let cli2 = try imported(text: text.replacingOccurrences(of: "implicitly required container POD", with: "spec.containers{mongo}         "))
    #expect(try top(cli2).code == "Container.CreateFailed")
  }
}
