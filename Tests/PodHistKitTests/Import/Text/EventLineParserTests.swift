import Foundation
import Testing
@testable import PodHistKit

/// Event rows recognised line by line, without a header, in every shape pastes take.
@Suite struct EventLineParserTests {
  @Test(arguments: [
    // describe (1.8+) rows copied without the header
    ("  Warning  BackOff    2m (x9 over 5m)   kubelet, node-1  Back-off restarting failed container", "BackOff", "Warning", 9),
    // describe (1.20+), no host
    ("Normal   Pulled     94s (x5 over 5m53s)   kubelet   Container image \"shop:5.1\" already present on machine", "Pulled", "Normal", 5),
    // get events (1.14+) with pod/NAME, no header
    ("4m11s   Warning   FailedMount   pod/web-0   MountVolume.SetUp failed for volume \"cfg\" : configmap \"cfg\" not found", "FailedMount", "Warning", nil),
    // get events -A
    ("shop   61s   Warning   Unhealthy   pod/web-0   Liveness probe failed: HTTP probe failed with statuscode: 503", "Unhealthy", "Warning", nil),
    // ≤1.5 describe row, tab separated, braced source
    ("1m\t1m\t1\t{default-scheduler }\t\tWarning\tFailedScheduling\tpod (web-0) failed to fit in any node", "FailedScheduling", "Warning", 1),
    // 2016 describe: Reason and Message only
    ("FailedScheduling  pod (web-0) failed to fit in any node fit failure on node (n1): Insufficient cpu", "FailedScheduling", "Warning", nil),
    // 2015 lowercase reasons
    ("{kubelet 10.0.0.3}  spec.containers{web}  killing  Killing 0b7743acd1a5", "Killing", nil, nil),
    // type with a colon, single spaces
    ("Warning: FailedSync Error syncing pod, skipping: failed to \"StartContainer\" for \"web\" with CrashLoopBackOff", "FailedSync", "Warning", nil),
  ] as [(String, String, String?, Int?)])
  func rowsWithoutAHeader(_ line: String, _ reason: String, _ type: String?, _ count: Int?) throws {
    let r = try importText(line)
    let e = try #require(r.event(reason), "\(line)")
    #expect(e.type == type || type == nil)
    if let count { #expect(e.count == count) }
  }

  @Test(arguments: [
    ("Back-off restarting failed container", "BackOff"),
    ("Back-off pulling image \"gcr.io/x/y:v1\"", "BackOff"),
    ("Error syncing pod, skipping: failed to \"StartContainer\" for \"tiller\" with ErrImagePull: \"image pull failed\"", "FailedSync"),
    ("0/3 nodes are available: 3 Insufficient memory.", "FailedScheduling"),
    ("MountVolume.SetUp failed for volume \"secret\" : secret \"tls\" not found", "FailedMount"),
    ("Failed to pull image \"nginx:nope\": rpc error: code = NotFound desc = failed to pull and unpack image", "Failed"),
    ("Liveness probe failed: Get http://10.1.2.3:8080/healthz: dial tcp 10.1.2.3:8080: connect: connection refused", "Unhealthy"),
    ("The node was low on resource: ephemeral-storage.", "Evicted"),
    ("Failed create pod sandbox: rpc error: code = Unknown desc = NetworkPlugin cni failed to set up pod", "FailedCreatePodSandBox"),
    ("error killing pod: failed to \"KillContainer\" for \"web\" with KillContainerError", "FailedKillPod"),
    ("create Pod web-0 in StatefulSet web failed error: pods \"web-0\" is forbidden: violates PodSecurity \"restricted:latest\"", "FailedCreate"),
  ])
  func bareMessagesTakeTheirReason(_ message: String, _ reason: String) throws {
    let r = try importText(message)
    #expect(r.events.map(\.reason) == [reason])
  }

  @Test func proseIsNotAnEvent() throws {
    #expect(throws: ImportError.self) { try importText("The pod failed after I upgraded the cluster, any idea?\nThanks in advance") }
    #expect(throws: ImportError.self) { try importText("Created a new deployment and it is Pending") }
  }

  @Test func aRowInsideASentence() throws {
    let r = try importText("servers fail with error “Warning  FailedScheduling  <unknown>  default-scheduler  pod has unbound immediate PersistentVolumeClaims ” and more text")
    let e = try #require(r.event("FailedScheduling"))
    #expect(e.message == "pod has unbound immediate PersistentVolumeClaims")
    #expect(e.component == "default-scheduler")
  }

  @Test func aReasonRetypedWithAColon() throws {
    let r = try importText("Warning FailedCreatePodSandBox: Failed create pod sandbox: rpc error: code = Unknown desc = NetworkPlugin cni failed to set up pod")
    let e = try #require(r.event("FailedCreatePodSandBox"))
    #expect(e.type == "Warning")
    #expect(e.message.hasPrefix("Failed create pod sandbox"))
  }

  @Test func theE2EFrameworksEventDump() throws {
    let text = "May  4 15:49:12.578: INFO: At 2021-05-04 15:45:47 +0000 UTC - event for pvc-tester-zlrfq: {kubelet kind-worker} Pulling: Pulling image \"centos\""
    let f = try #require(try importText(text).eventFact("Pulling"))
    #expect(f.object.name == "pvc-tester-zlrfq")
    #expect(f.event?.host == "kind-worker")
    #expect(f.observed == (try utc("2021-05-04T15:45:47Z")))
  }

  @Test func aChatPrefixAndAFieldPath() throws {
    let r = try importText("kubectl events says: spec.containers{flower}   Warning   Unhealthy   kubelet, node-2   Liveness probe failed: HTTP probe failed with statuscode: 404")
    let e = try #require(r.event("Unhealthy"))
    #expect(e.container == "flower")
    #expect(e.host == "node-2")
  }

  @Test func aDescribeFlattenedOntoTheCommandLine() throws {
    let r = try importText("$ kubectl describe pod tikv-0 ... Events: Type Reason Age From Message ---- ------ ---- ---- ------- Warning FailedScheduling 3m (x106 over 33m) default-scheduler 0/4 nodes are available: 2 Insufficient cpu.")
    let f = try #require(r.eventFact("FailedScheduling"))
    #expect(f.object.name == "tikv-0")
    #expect(f.event?.count == 106)
  }

  @Test func aWrappedMessageJoinsItsRow() throws {
    let text = "Warning  FailedMount  2m  kubelet  Unable to attach or mount volumes: unmounted volumes=[data],\nunattached volumes=[data token]: timed out waiting for the condition"
    let r = try importText(text)
    let f = try #require(r.eventFact("FailedMount"))
    #expect(f.provenance.lastLine == 2)
    #expect(f.event?.message.hasSuffix("timed out waiting for the condition") == true)
  }

  @Test func absoluteTimesOfCustomColumns() throws {
    let text = "TIME                   REASON      MSG\n<nil>                  Scheduled   Successfully assigned kube-system/gadget-nzg7r to node-1\n2021-07-01T13:58:59Z   Killing     Container gadget failed liveness probe, will be restarted"
    let r = try importText(text)
    let f = try #require(r.eventFact("Killing"))
    #expect(f.observed == (try utc("2021-07-01T13:58:59Z")))
    #expect(f.object.name == "gadget-nzg7r")
    #expect(f.object.namespace == "kube-system")
  }

  @Test func theFirstLineCutMidWord() throws {
    let r = try importText("ing   2m   kubelet, node-1   Back-off restarting failed container\n  Warning  BackOff  1m  kubelet, node-1  Back-off restarting failed container")
    #expect(r.events.count == 2)
  }

  @Test func placeholdersAreNames() throws {
    let r = try importText("2m   Warning   BackOff   pod/<pod-name>   Back-off restarting failed container")
    #expect(r.eventFact("BackOff")?.object.name == "<pod-name>")
  }

  @Test func theCommandNamesThePodOfBareRows() throws {
    let r = try importText("$ kubectl describe pod web-0 -n shop\n  Warning  BackOff  2m  kubelet  Back-off restarting failed container")
    let f = try #require(r.eventFact("BackOff"))
    #expect(f.object.name == "web-0")
    #expect(f.object.namespace == "shop")
  }

  @Test(arguments: [
    ("Unable to mount volumes for pod \"db-6b5d_dsp(e5cb22d7)\": timeout expired", "db-6b5d", "dsp"),
    ("network for pod \"node1-6777d4468-d6tvq\": NetworkPlugin cni failed", "node1-6777d4468-d6tvq", nil),
    ("timeout expired waiting for volumes to attach/mount for pod \"sd\"/\"db-6b5d\"", "db-6b5d", "sd"),
    ("pod (mongodb-1-8cjbw) failed to fit in any node", "mongodb-1-8cjbw", nil),
    ("Marking for deletion Pod shop/web-0", "web-0", "shop"),
    ("Error: container has runAsNonRoot and image will run as root (pod: \"nginx_default(123)\", container: nginx)", "nginx", "default"),
  ] as [(String, String, String?)])
  func podsNamedInMessages(_ message: String, _ pod: String, _ ns: String?) {
    let m = EventsTableMessages.mentionedPod(in: message)
    #expect(m?.pod == pod)
    #expect(m?.namespace == ns)
  }
}
