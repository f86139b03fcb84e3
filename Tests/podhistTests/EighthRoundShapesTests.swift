import Foundation
import TestSupport
import Testing

/// Shapes the eighth and ninth rounds of unseen pastes (corpus 429–458, and 401 and 412 held
/// back from the seventh) showed podhist misreading, each read through the binary from its real
/// paste, and from variants that must not be read the same way.
@Suite struct EighthRoundShapesTests {
  func top(_ cli: CLI, pod: String? = nil) throws -> PasteCase.Top { try PasteCase.top(cli, pod: pod) }
  func imported(_ corpusInput: String) throws -> CLI { try PasteCase.imported(corpusInput) }
  func imported(text: String) throws -> (CLI, CLI.Result) { try PasteCase.imported(text: text) }

  /// A status YAML cut with `# ...` comments and pasted in a blockquote: one block, as unquoted.
  @Test func aQuotedYAMLGoesOnAcrossItsElisionComments() throws {
    let cli = try CLI()
    let yaml = try String(contentsOfFile: cli.fixture("corpus/401-init-exit-103-main-containerstatusunknown-statuses-yaml-elided-2022/input.yaml"), encoding: .utf8)
    let (quoted, r) = try imported(text: yaml.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n"))
    #expect(r.status == 0 && r.out.contains("1 facts added"), "\(r.out)")
    #expect(try top(quoted).status == "Init:Error")
    // A `# ...` after the block, then prose: the prose is not taken into the YAML.
    let (cli2, r2) = try imported(text: """
      status:
        phase: Pending
        # ...
      I think the node is full.
      """)
    #expect(r2.status == 0, "\(r2.err)")
    #expect(try top(cli2).status == "Pending")
  }

  /// 2015's REASON column (`OOM Killed`, `Error: image x not found`) in rows whose header was
  /// cut: a two-word STATUS is one cell when blanks part the cells.
  @Test func headerlessRowsKeepATwoWordStatus() throws {
    let cli = try CLI()
    let text = try String(contentsOfFile: cli.fixture("corpus/412-erictune-reason-column-1.0-ten-pods-memhog-oom-killed-cpuhog-exitcode-127-image-not-found-2015/input.txt"), encoding: .utf8)
    let (rows, r) = try imported(text: text.split(separator: "\n").filter { !$0.hasPrefix("NAME ") }.joined(separator: "\n"))
    #expect(r.status == 0 && !r.err.contains("warning"), "\(r.err)")
    let listing = try rows.run(["get", "pods", "-A"]).out
    #expect(listing.contains("OOM Killed") && listing.contains("Error: image foo/private:v1 not found"), "\(listing)")
    // `OOM Killed` is 2015's word for OOMKilled.
    #expect(try top(rows, pod: "memhog").code == "Failed.OOMKilled")
    // A lower-case phrase in the STATUS place is prose, not a pod.
    let (prose, _) = try imported(text: "web-0   1/1   is running fine   0   5m\nweb-1   1/1   Running   0   5m\n")
    let names = try prose.run(["get", "pods", "-A"]).out
    #expect(names.contains("web-1") && !names.contains("web-0"), "\(names)")
  }

  /// `(combined from similar events): MountVolume.SetUp failed …` alone on a line: the event
  /// recorder's prefix does not hide the message's reason.
  @Test func aCombinedMessageAloneIsAnEvent() throws {
    let cli = try imported("456-nacos-0-nfs-pvc-mount-exit-32-server-no-such-file-combined-from-similar-events-bare-message-zh-2021/input.txt")
    let t = try top(cli)
    #expect(t.code == "Volume.MountFailed" && t.status == "ContainerCreating", "\(t)")
    // The prefix before prose that is no message of a component reads as nothing.
    let (_, r) = try imported(text: "(combined from similar events): my notes on the cluster follow here\n")
    #expect(r.status != 0)
  }

  /// The Python client's printout of a pod status (Airflow), cut with `...`, as its JSON.
  @Test func thePythonClientsPrintoutIsReadAsJSON() throws {
    let cli = try imported("453-airflow-kpo-pod-rejected-outofmemory-kubelet-admission-python-client-status-repr-datetime-elided-2026/input.txt")
    let t = try top(cli)
    #expect(t.status == "OutOfmemory" && t.code == "Unschedulable.InsufficientResources", "\(t)")
    // A whole pod on one log line after prose: name, namespace, container state and IP are read.
    let (airflow, r) = try imported(text: """
      [2021-03-02 10:15:27,123] {pod_launcher.py:136} ERROR - Pod returned a failure: {'api_version': 'v1', 'kind': 'Pod', 'metadata': {'creation_timestamp': datetime.datetime(2021, 3, 2, 10, 12, 1, tzinfo=tzutc()), 'labels': {'dag_id': 'etl'}, 'name': 'etl-extract-3f2a9c', 'namespace': 'airflow'}, 'spec': {'containers': [{'image': 'registry.local/etl:1.4', 'name': 'base'}], 'restart_policy': 'Never'}, 'status': {'container_statuses': [{'container_id': 'docker://9a8b', 'image': 'registry.local/etl:1.4', 'last_state': {'running': None, 'terminated': None, 'waiting': None}, 'name': 'base', 'ready': False, 'restart_count': 0, 'state': {'running': None, 'terminated': {'exit_code': 137, 'finished_at': datetime.datetime(2021, 3, 2, 10, 15, 20, tzinfo=tzutc()), 'reason': 'OOMKilled', 'started_at': datetime.datetime(2021, 3, 2, 10, 12, 30, tzinfo=tzutc())}, 'waiting': None}}], 'phase': 'Failed', 'pod_ip': '10.1.2.3', 'start_time': datetime.datetime(2021, 3, 2, 10, 12, 1, tzinfo=tzutc())}}
      [2021-03-02 10:15:27,130] {taskinstance.py:1455} ERROR - Pod Launching failed
      """)
    #expect(r.status == 0, "\(r.err)")
    let wide = try airflow.run(["get", "pods", "-n", "airflow", "-o", "wide"]).out
    #expect(wide.contains("etl-extract-3f2a9c") && wide.contains("OOMKilled") && wide.contains("10.1.2.3"), "\(wide)")
    #expect(try top(airflow).code == "Failed.OOMKilled")
    // A Python dict that is no Kubernetes object is not a pod.
    let (_, other) = try imported(text: "config = {'retries': 3, 'owner': 'data-team'}\nprint(config)\n")
    #expect(other.status != 0)
  }

  /// `didn't match pod affinity/anti-affinity`: the scheduler's words name no pod, so the Events
  /// after `kubectl describe pod X -n NS` stay X's.
  @Test func schedulerWordsAreNoPodName() throws {
    let cli = try imported("434-minio-operator-2-replicas-single-node-required-anti-affinity-pending-get-pod-dots-two-events-unfenced-1.20/input.txt")
    let t = try top(cli, pod: "minio-operator-78c586f9d4-r992k")
    #expect(t.code == "Unschedulable.Other" && t.status == "Pending", "\(t)")
    #expect(!t.pods.contains("anti-affinity"), "\(t.pods)")
    // A message that does name a pod still files its Event under it.
    let (named, _) = try imported(text: "Warning  FailedScheduling  2m  default-scheduler  Pod shop/web-0 failed to fit in any node\n")
    #expect(try top(named).pods == ["web-0"])
  }

  /// A message printed as a JSON string (`jq .message`): its text is read.
  @Test func aMessageAsAJSONStringIsRead() throws {
    let cli = try imported("435-invalid-image-url-docker-api-error-500-repository-name-component-lone-json-string-2015/input.txt")
    #expect(try top(cli).code == "Image.InvalidName")
    let (_, r) = try imported(text: "\"just some words in quotes, nothing from a cluster\"\n")
    #expect(r.status != 0)
  }

  /// Messages relayed by another program's log line: Tilt's `[event: pod X]`, a client's
  /// timestamped `Reason: message`. Prose in the same places is not an Event.
  @Test func eventMessagesInLogLinesAreRead() throws {
    let tilt = try imported("436-scaf-tilt-up-django-and-frontend-secret-secrets-config-not-found-tilt-event-prefixed-lines-2024/input.txt")
    let t = try top(tilt)
    #expect(Set(t.pods) == ["django-668dd4b566-4v49k", "frontend-556ffbd6bc-bpbnr"] && t.code == "Container.ConfigError", "\(t)")
    let client = try imported("437-metaflow-timeout-decorator-active-deadline-deadlineexceeded-two-client-log-lines-pid-prefix-2024/input.txt")
    #expect(try top(client).code == "Failed.DeadlineExceeded")
    let (_, prose) = try imported(text: """
      2024-11-04 11:05:05.522 [218872/start (pid 72165)] Task is starting: waiting for the pod
      backend: [event: pod web-0] the build finished, starting the pod
      """)
    #expect(prose.status != 0, "\(prose.out)")
  }

  /// skaffold's status check (`- pod/x: 0/2 nodes are available: …`): each pod its Event, and
  /// the next list item is not the rest of the message.
  @Test func aStatusCheckRelaysEachPodsMessage() throws {
    let cli = try imported("472-skaffold-status-check-log-two-pods-pending-disk-pressure-and-unreachable-taints-could-not-stabilize-2020/input.txt")
    let t = try top(cli, pod: "leeroy-app-5b76944f78-bgmcw")
    #expect(t.code == "Unschedulable.Taints" && t.status == "Pending" && t.pods.count == 2, "\(t)")
    let timeline = try cli.run(["timeline", "leeroy-app-5b76944f78-bgmcw"]).out
    #expect(!timeline.contains("deployment/leeroy-web"), "\(timeline)")
    // A deployment's line, or a pod's line with no component's message, is no Event.
    let (_, r) = try imported(text: " - deployment/web: waiting for rollout to finish\n - pod/web-0: still waiting, see below\n")
    #expect(r.status != 0)
  }

  /// A pod Ready now after many restarts that nothing explains: Unknown, listed by `why -A`, not
  /// "healthy"; one restart alone is still healthy.
  @Test func manyUnexplainedRestartsAreNotHealthy() throws {
    let cli = try imported("473-jaeger-operator-openshift-tracing-oomkilled-161-restarts-oc-get-pods-grep-egrep-limits-pipes-2023/input.txt")
    let t = try top(cli)
    #expect(t.code == "Unknown" && t.confidence == "low" && t.pods == ["jaeger-operator-5bfdc966bf-28kt4"], "\(t)")
    let (once, _) = try imported(text: "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   1          3d\n")
    #expect(try top(once).pods.isEmpty)
    #expect(try once.run(["why", "web-0", "-o", "json"]).out.contains("\"Running.Healthy\""))
  }

  /// `…and then kubectl describe pod gpu-gtx-1050` in prose names the describe that follows.
  @Test func aCommandInProseNamesTheDescribe() throws {
    let cli = try imported("460-nvidia-device-plugin-gpu-gtx-1050-pending-insufficient-gpu-one-node-unschedulable-lone-event-row-prose-fullwidth-comma-2019/input.txt")
    let t = try top(cli)
    #expect(t.pods == ["gpu-gtx-1050"] && t.code == "Unschedulable.InsufficientResources", "\(t)")
  }

  /// A web console's events copied as `8:37:08 PM | Warning | Unhealthy | …`: the clock-time
  /// cell does not stop the `|` columns, the ≤1.6 kill names its container (not `with`), and
  /// the pod comes from `pod  "router-2-snkr4_(uid)"` with its namespace cut.
  @Test func aWebConsoleCopyOfEventsIsRead() throws {
    let cli = try imported("484-origin-1.3-router-liveness-healthz-timeout-killed-web-console-events-copy-pipe-separated-2017/input.txt")
    let t = try top(cli)
    #expect(t.pods == ["router-2-snkr4"] && t.code == "CrashLoop.LivenessProbe", "\(t)")
    let why = try cli.run(["why", "router-2-snkr4", "-o", "json"]).out
    #expect(why.contains("\"container\" : \"router\"") || why.contains("\"container\": \"router\""), "\(why.prefix(600))")
    // `Replicas:  2 desired | 2 updated | …` stays a describe field.
    let (deploy, _) = try imported(text: "Name:       web\nNamespace:  shop\nReplicas:   2 desired | 2 updated | 2 total | 2 available\n")
    #expect(!(try deploy.run(["get", "pods", "-A"]).out.contains("desired")))
  }

  /// A describe cut to `Controlled By:` and an init container's name and image (no State)
  /// does not hide the row's `Init:ContainerCannotRun` printed before it.
  @Test func aStatelessDescribeFragmentKeepsTheRowsStatus() throws {
    let cli = try imported("488-tekton-ko-built-creds-init-init-containercannotrun-root-prompt-get-pod-and-describe-elided-cut-2019/input.txt")
    let t = try top(cli)
    #expect(t.status == "Init:ContainerCannotRun" && t.code == "Container.CreateFailed", "\(t)")
  }

  /// A waiting reason printed with its message in STATUS (`PostStartHookError: command … exited
  /// with 126:`), and a row cut after STATUS (`x  0/1  Completed`).
  @Test func statusCellsAsPeoplePasteThem() throws {
    let hook = try imported("489-cilium-poststarthookerror-cni-install-126-single-wide-row-misleading-unknown-flag-2019/input.txt")
    #expect(try top(hook).code == "CrashLoop.PostStartHook")
    let done = try imported("500-suse-cap-secret-generation-job-pod-0of1-completed-row-cut-after-status-not-an-error-2018/input.txt")
    #expect(try done.run(["get", "pods", "-A"]).out.contains("secret-generation-1-m6k2h   0/1     Completed"))
    // A word kubectl never prints in STATUS after a READY-like cell is no row; `Error: …` of
    // 2015's REASON column is not today's Error.
    let (_, prose) = try imported(text: "step 2   1/3   Configure\n")
    #expect(prose.status != 0)
    let (old, _) = try imported(text: "NAME      READY     REASON                                  RESTARTS   AGE\nweb-1     0/1       Error: image foo/private:v1 not found   0          3d\n")
    #expect(try top(old).code != "CrashLoop.AppError")
  }

  /// `yq .status` of an unscheduled pod (no containerStatuses) beside its row: READY keeps the
  /// row's total (kubectl counts the spec's containers), and the same paste with a dash before
  /// every line reads the same.
  @Test func aStatusWithoutContainersKeepsTheRowsReadyTotal() throws {
    let cli = try imported("474-karpenter-pending-ebs-volumes-three-zones-yq-status-conditions-get-pod-stern-log-2023/input.txt")
    #expect(try cli.run(["get", "pods", "-A"]).out.contains("xxx         xxx    0/1     Pending"))
    let text = try String(contentsOfFile: cli.fixture("corpus/474-karpenter-pending-ebs-volumes-three-zones-yq-status-conditions-get-pod-stern-log-2023/input.txt"), encoding: .utf8)
    let (bulleted, r) = try imported(text: text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? String($0) : "- " + $0 }.joined(separator: "\n"))
    #expect(r.err.isEmpty || !r.err.contains("no kind"), "\(r.err)")
    #expect(try bulleted.run(["get", "pods", "-A"]).out.contains("0/1     Pending"))
  }

  /// `es-master-  xxxx` (a name a person masked and split): no pod is named `es-master-` or
  /// filed under a namespace `es-master-`.
  @Test func halfANameIsNoName() throws {
    let (cli, _) = try imported(text: "es-master-  xxxx                0/1     Pending               0          31s\nweb-0   1/1   Running   0   5m\n")
    let out = try cli.run(["get", "pods", "-A"]).out
    #expect(!out.contains("es-master-") && out.contains("web-0"), "\(out)")
  }

  /// `Exit Code:    139 # <====`: a note a person wrote after a one-word describe value.
  @Test func aNoteAfterADescribeValueIsNotTheValue() throws {
    let cli = try imported("505-terraform-tutorial-nginx-exit139-wsl2-vsyscall-describe-elided-arrow-comment-2022/input.txt")
    #expect(try top(cli).code == "CrashLoop.AppError")
    let (noted, _) = try imported(text: """
      Name:         web-0
      Namespace:    shop
      Status:       Running
      Containers:
        app:
          State:          Running
          Last State:     Terminated
            Reason:       OOMKilled   <---- here
            Exit Code:    137
          Ready:          True
          Restart Count:  4
      """)
    #expect(try top(noted, pod: "web-0").code == "CrashLoop.OOMKilled")
    // A message may hold `#` or arrows: it is not cut.
    let (msg, _) = try imported(text: "Name:  web-1\nNamespace:  shop\nStatus:  Pending\nMessage:  node #3 <- full\n")
    #expect(try msg.run(["status", "web-1", "-n", "shop"]).out.contains("node #3 <- full"))
  }
}
