import Foundation
import Testing
@testable import PodHistKit

/// The kubelet's own log read as pod Events: journal, syslog and bare klog lines of both eras
/// (structured 1.20+, unstructured before), on lines copied from real threads (the corpus case
/// or issue each comes from is named), and the lines that must stay out of a pod's history.
@Suite struct KubeletLogParserTests {
  // Corpus 368 (syslog of a 1.23 kubelet): the structured pod worker's crash-loop error.
  static let crashLoop1_23 = #"Jan 28 16:11:08 hj-johannes-vm kubelet[815]: E0128 16:11:08.096467     815 pod_workers.go:918] "Error syncing pod, skipping" err="failed to \"StartContainer\" for \"container-ubuntu\" with CrashLoopBackOff: \"back-off 5m0s restarting failed container=container-ubuntu pod=test-pod-ubuntu_default(d697d991-cb76-4a15-9692-8ac99f713816)\"" pod="default/test-pod-ubuntu" podUID=d697d991-cb76-4a15-9692-8ac99f713816"#
  // Corpus 525 (kubernetes/kubernetes#114546, 1.26): an in-tree NFS unmount that fails, pod named by UID only.
  static let unmount1_26 = #"Dec 16 17:52:40 node02 kubelet[1151]: E1216 17:52:40.629529    1151 nestedpendingoperations.go:335] Operation for "{volumeName:kubernetes.io/nfs/d695b232-ff16-454a-830b-02194bec6d01-nfs-test-pv podName:d695b232-ff16-454a-830b-02194bec6d01 nodeName:}" failed. No retries permitted until 2022-12-16 17:54:42.629513682 +0900 JST m=+252.044485589 (durationBeforeRetry 2m2s). Error: UnmountVolume.TearDown failed for volume "nfs-test-pv" (UniqueName: "kubernetes.io/nfs/d695b232-ff16-454a-830b-02194bec6d01-nfs-test-pv") pod "d695b232-ff16-454a-830b-02194bec6d01" (UID: "d695b232-ff16-454a-830b-02194bec6d01") : unmount failed: exit status 32"#
  // Corpus 440 (KubeEdge's edged, a Chinese-locale journal date): the pod worker's sandbox error inside the fork's own words.
  static let sandboxEdged = #"12月 25 10:12:06 kk edgecore[17391]: E1225 10:12:06.453582   17391 edged.go:969] worker [0] handle pod addition item [myapp-pod] failed: failed to "CreatePodSandbox" for "myapp-pod_default(ac2adcfb-e1fb-4970-ba6a-4acfd1c949f4)" with CreatePodSandboxError: "Failed to create sandbox for pod \"myapp-pod_default(ac2adcfb-e1fb-4970-ba6a-4acfd1c949f4)\": rpc error: code = Unknown desc = failed to setup network for sandbox \"6d473acf8d528eeb5b1a0652a630b8a4e998b25b4640523b77ee80a2ccdc65f6\": cni plugin not initialized", re-add to queue"#

  @Test func aStructuredCrashLoopIsTheBackOffEventOfItsPod() throws {
    let r = try importText(Self.crashLoop1_23)
    let f = try #require(r.eventFact("BackOff"))
    #expect(f.object == ObjectRef(namespace: "default", name: "test-pod-ubuntu", uid: "d697d991-cb76-4a15-9692-8ac99f713816"))
    let e = try #require(f.event)
    #expect(e.container == "container-ubuntu")
    #expect(e.type == "Warning" && e.component == "kubelet" && e.host == "hj-johannes-vm")
    #expect(e.message == "Back-off restarting failed container container-ubuntu in pod test-pod-ubuntu_default(d697d991-cb76-4a15-9692-8ac99f713816)")
    #expect(f.provenance.format == "kubelet-log" && f.provenance.firstLine == 1)
    #expect(f.clock == .relative)  // no line prints a year
    #expect(r.report.formats == ["kubelet-log"])
  }

  @Test func anUnmountFailureNamesItsPodByUIDOnly() throws {
    let r = try importText(Self.unmount1_26)
    let f = try #require(r.eventFact("FailedUnMount"))
    #expect(f.object.name == "uid-d695b232-ff16-454a-830b-02194bec6d01")
    #expect(f.object.uid == "d695b232-ff16-454a-830b-02194bec6d01")
    #expect(f.object.isNamespaceUnknown)
    #expect(f.event?.message == #"UnmountVolume.TearDown failed for volume "nfs-test-pv" : unmount failed: exit status 32"#)
    #expect(r.report.warnings.contains { $0.message.contains("filed under \"uid-d695b232-ff16-454a-830b-02194bec6d01\"") })
  }

  @Test func aForksWordingAroundThePodWorkerErrorStillReadsAsTheSandboxFailure() throws {
    let r = try importText(Self.sandboxEdged)
    let f = try #require(r.eventFact("FailedCreatePodSandBox"))
    #expect(f.object == ObjectRef(namespace: "default", name: "myapp-pod", uid: "ac2adcfb-e1fb-4970-ba6a-4acfd1c949f4"))
    #expect(f.event?.host == "kk")
    #expect(f.event?.message == #"Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "6d473acf8d528eeb5b1a0652a630b8a4e998b25b4640523b77ee80a2ccdc65f6": cni plugin not initialized"#)
  }

  @Test func theWholeJournalOf525IsReadWithItsPromptAndElision() throws {
    let (_, text) = try corpusInput("525")
    let r = try importText(text)
    #expect(r.events.map(\.reason) == ["FailedUnMount"])
    // Its retry time (2022-12-16 17:54:42.629513682 +0900 JST, back-off 2m2s) places the line in real time.
    let f = try #require(r.eventFact("FailedUnMount"))
    #expect(f.clock == .absolute)
    #expect(f.observed == (try utc("2022-12-16T08:52:40.629513Z")))
    #expect(r.report.notes.allSatisfy { !$0.contains("kubelet-log") })
    // The unmapped RemoveContainer and UnmountVolume-started lines are covered, not warned about.
    #expect(r.report.warnings.count == 1)
  }

  @Test func aLineQuotedInInlineBackticksInProse() throws {
    // Corpus 535 (kubernetes/kubernetes#123602): a maintainer quotes one structured line in a list item.
    let (_, text) = try corpusInput("535")
    let r = try importText(text)
    let f = try #require(r.eventFact("BackOff"))
    #expect(f.object == ObjectRef(namespace: "default", name: "restarting-pod", uid: "ca0d5836-1435-497e-9a41-547fbcc10484"))
    #expect(f.event?.container == "alpine")
    #expect(f.provenance.firstLine == 9)
    #expect(r.events.count == 1)
  }

  @Test func unstructuredLinesOfTheOlderKubelets() throws {
    let text = """
      I0512 09:14:02.118350    2716 prober.go:111] Liveness probe for "web-1_default(9a0c7e34-7455-11e8-b3f4-0800271b0d2a):app" failed (failure): HTTP probe failed with statuscode: 500
      E0512 09:14:33.553711    2716 pod_workers.go:186] Error syncing pod 9a0c7e34-7455-11e8-b3f4-0800271b0d2a ("web-1_default(9a0c7e34-7455-11e8-b3f4-0800271b0d2a)"), skipping: failed to "StartContainer" for "app" with CrashLoopBackOff: "Back-off 20s restarting failed container=app pod=web-1_default(9a0c7e34-7455-11e8-b3f4-0800271b0d2a)"
      E0512 09:15:01.004012    2716 nestedpendingoperations.go:267] Operation for "\\"kubernetes.io/configmap/9a0c7e34-7455-11e8-b3f4-0800271b0d2a-config\\" (\\"9a0c7e34-7455-11e8-b3f4-0800271b0d2a\\")" failed. No retries permitted until 2018-05-12 09:17:03.003921 +0000 UTC m=+1052.211 (durationBeforeRetry 2m2s). Error: "MountVolume.SetUp failed for volume \\"config\\" (UniqueName: \\"kubernetes.io/configmap/9a0c7e34-7455-11e8-b3f4-0800271b0d2a-config\\") pod \\"web-1\\" (UID: \\"9a0c7e34-7455-11e8-b3f4-0800271b0d2a\\") : configmap \\"web-config\\" not found"
      """
    let r = try importText(text)
    let probe = try #require(r.eventFact("Unhealthy"))
    #expect(probe.object == ObjectRef(namespace: "default", name: "web-1", uid: "9a0c7e34-7455-11e8-b3f4-0800271b0d2a"))
    #expect(probe.event?.message == "Liveness probe failed: HTTP probe failed with statuscode: 500")
    #expect(probe.event?.container == "app")
    #expect(r.event("BackOff")?.container == "app")
    // The mount line names the pod by name and UID but not namespace: the run's other lines fill it.
    let mount = try #require(r.eventFact("FailedMount"))
    #expect(mount.object == ObjectRef(namespace: "default", name: "web-1", uid: "9a0c7e34-7455-11e8-b3f4-0800271b0d2a"))
    #expect(mount.event?.message == #"MountVolume.SetUp failed for volume "config" : configmap "web-config" not found"#)
    // The mount line's retry time (09:17:03.003921 UTC less its 2m2s back-off) places the run in
    // real time; the probe line keeps its klog distance (58.885662 s) before it.
    #expect(mount.clock == .absolute && probe.clock == .absolute)
    #expect(mount.observed == (try utc("2018-05-12T09:15:01.003921Z")))
    #expect(mount.observed - probe.observed == Duration(micros: 58_885_662))
  }

  @Test func structuredLinesOfProbesKillsSandboxesAndVolumes() throws {
    let text = """
      Oct 12 19:34:40 aks-nodepool1-24207654-vmss000002 kubelet[2480]: I1012 19:34:40.101245    2480 prober.go:107] "Probe failed" probeType="Readiness" pod="default/nginx" podUID=27aff94d-e0d9-43d1-84d6-9ab000aa57e2 containerName="nginx" probeResult=failure output="Get \\"http://10.244.1.7:80/ready\\": dial tcp 10.244.1.7:80: connect: connection refused"
      Oct 12 19:34:45 aks-nodepool1-24207654-vmss000002 kubelet[2480]: I1012 19:34:45.000152    2480 kuberuntime_container.go:709] "Killing container with a grace period" pod="default/nginx" podUID=27aff94d-e0d9-43d1-84d6-9ab000aa57e2 containerName="nginx" containerID="containerd://4296b9e2377fddb0e7e42d20223c36771268cb7a1828315331405b66f0030add" gracePeriod=30
      Apr 09 10:13:52 master kubelet[642]: E0409 10:13:52.936119     642 kuberuntime_manager.go:782] "CreatePodSandbox for pod failed" err="rpc error: code = Unknown desc = failed to setup network for sandbox \\"a71d65930ec04c2c6193bcb278cc4d1d37c5e89061aee5dbe89e4dc953d234ec\\": plugin type=\\"vxlan\\" name=\\"mycni\\" failed (add): invalid CIDR address: <nil>" pod="kube-system/coredns-5bbd96d687-tvpxr"
      Apr 09 10:14:01 master kubelet[642]: E0409 10:14:01.220187     642 kubelet.go:1760] "Unable to attach or mount volumes for pod; skipping pod" err="unmounted volumes=[config-volume], unattached volumes=[config-volume kube-api-access-x2v7n]: timed out waiting for the condition" pod="kube-system/coredns-5bbd96d687-tvpxr"
      """
    let r = try importText(text)
    let ready = try #require(r.eventFact("Unhealthy"))
    #expect(ready.object.name == "nginx" && ready.object.namespace == "default")
    #expect(ready.event?.message == #"Readiness probe failed: Get "http://10.244.1.7:80/ready": dial tcp 10.244.1.7:80: connect: connection refused"#)
    #expect(r.event("Killing")?.message == "Stopping container nginx")
    let sandbox = try #require(r.eventFact("FailedCreatePodSandBox"))
    #expect(sandbox.object == ObjectRef(namespace: "kube-system", name: "coredns-5bbd96d687-tvpxr"))
    #expect(sandbox.event?.message.hasPrefix("Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"a71d") == true)
    #expect(r.event("FailedMount")?.message == "Unable to attach or mount volumes: unmounted volumes=[config-volume], unattached volumes=[config-volume kube-api-access-x2v7n]: timed out waiting for the condition")
  }

  @Test func theSameErrorRetriedIsOneEventCounted() throws {
    let line = { (t: String) in
      #"E0128 \#(t)     815 pod_workers.go:918] "Error syncing pod, skipping" err="failed to \"StartContainer\" for \"app\" with ImagePullBackOff: \"Back-off pulling image \\\"nginx:nope\\\"\"" pod="shop/web-0" podUID=0c1f3d6e-8a4b-4e0b-9a51-6d2f0e7b9c11"#
    }
    let r = try importText([line("16:11:08.096467"), line("16:11:21.104022"), line("16:11:35.100311")].joined(separator: "\n"))
    #expect(r.events.count == 1)
    let e = try #require(r.event("BackOff"))
    #expect(e.count == 3)
    #expect(e.message == #"Back-off pulling image "nginx:nope""#)
    #expect(e.type == "Normal")
  }

  @Test func aLogAcrossNewYearKeepsItsOrder() throws {
    let text = """
      Dec 31 23:59:50 n1 kubelet[9]: E1231 23:59:50.000000       9 pod_workers.go:918] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with CrashLoopBackOff: \\"back-off 10s restarting failed container=app pod=a_ns(11111111-2222-3333-4444-555555555555)\\"" pod="ns/a" podUID=11111111-2222-3333-4444-555555555555
      Jan 01 00:00:05 n1 kubelet[9]: I0101 00:00:05.000000       9 kuberuntime_container.go:709] "Killing container with a grace period" pod="ns/a" podUID=11111111-2222-3333-4444-555555555555 containerName="app" containerID="containerd://ab" gracePeriod=30
      """
    let r = try importText(text)
    #expect(r.eventFact("BackOff")?.observed == Instant(micros: 0) - .seconds(15))
    #expect(r.eventFact("Killing")?.observed == Instant(micros: 0))
  }

  /// Lines that are not about a pod's story: the node, the kubelet itself, a controller-manager's
  /// work on a pod (corpus 259 and 364 hold other programs' klog lines).
  @Test(arguments: [
    #"Dec 16 17:51:02 node02 kubelet[1151]: I1216 17:51:02.417125    1151 kubelet_node_status.go:684] "Recording event message for node" node="node02" event="NodeNotReady""#,
    #"Dec 16 17:51:02 node02 kubelet[1151]: I1216 17:51:02.417306    1151 setters.go:548] "Node became not ready" node="node02" condition={Type:Ready Status:False LastHeartbeatTime:2022-12-16 17:51:02.417084 +0900 JST m=+1.832056 Reason:KubeletNotReady Message:container runtime network not ready}"#,
    #"I1216 08:51:40.081211       1 taint_manager.go:106] "NoExecuteTaintManager is deleting pod" pod="default/web-1""#,
    #"I1216 08:51:40.081211       1 replica_set.go:563] "Too few replicas" replicaSet="default/web-7d9c5f8b6d" need=3 creating=1"#,
    #"E0511 19:13:24.848633       1 manager.go:279] cert-manager/controller-runtime/manager "msg"="Failed to get API Group-Resources" "error"="Get \"https://172.20.0.1:443/api?timeout=32s\": dial tcp 172.20.0.1:443: i/o timeout""#,
    #"Dec 16 17:52:00 node02 kubelet[1151]: I1216 17:52:00.883395    1151 scope.go:115] "RemoveContainer" containerID="c908fc752e70f5181b3983ce812e51be463cf3bd798d0a9b28cc45b3bb3d9353""#,
  ])
  func linesAboutNoPodsStoryAreRefused(_ line: String) throws {
    #expect(KubeletLogLine.parse(Substring(line)) != nil)
    #expect(throws: ImportError.self) { try importText(line) }
    #expect(!KubeletLogParser().begins([SourceLine(number: 1, text: Substring(line))], at: 0))
  }

  @Test func aJournalWithNoPodLineIsRefusedNamingFileAndLine() throws {
    let text = "$ journalctl -u kubelet\n" + #"Dec 16 17:52:00 node02 kubelet[1151]: I1216 17:52:00.883395    1151 scope.go:115] "RemoveContainer" containerID="c908""#
    #expect {
      try importText(text, source: "kubelet.log")
    } throws: { error in
      "\(error)".contains("kubelet.log:1") && "\(error)".contains("no kubectl output")
    }
  }

  @Test func headerFieldsAndPrefixes() throws {
    let l = try #require(KubeletLogLine.parse(Substring(Self.unmount1_26)))
    #expect(l.severity == "E" && l.month == 12 && l.day == 16 && l.host == "node02" && l.file == "nestedpendingoperations.go")
    #expect(l.microsOfDay == Int64(17 * 3600 + 52 * 60 + 40) * 1_000_000 + 629_529)
    // `kubectl logs --timestamps` and MicroShift's component word before the header.
    let t = try #require(KubeletLogLine.parse("2024-02-06T13:51:11.696565Z I0206 13:51:11.696565    1476 kubelet.go:2430] \"SyncLoop ADD\" source=\"api\""))
    #expect(t.host == nil && t.file == "kubelet.go")
    let m = try #require(KubeletLogLine.parse(#"Feb 06 13:51:11 dev microshift[1476]: kubelet E0206 13:51:11.696565    1476 kuberuntime_manager.go:1172] "CreatePodSandbox for pod failed" err="x" pod="default/samplepod""#))
    #expect(m.host == "dev" && m.file == "kuberuntime_manager.go")
    // Not klog: an events row, a describe line, a date alone.
    #expect(KubeletLogLine.parse("  Warning  BackOff  2m (x9 over 5m)  kubelet, node-1  Back-off restarting failed container") == nil)
    #expect(KubeletLogLine.parse("I1216 is not a klog header at all, only a sentence that starts like one") == nil)
  }

  @Test func goQuotedValuesAreUndone() throws {
    let f = try #require(KubeletLogFields.parse(#""Probe failed" probeType="Liveness" output="a \"b\"\nc \u00e9" pods=["ns/a" "ns/b"] gracePeriod=30 err="cut short by the pa"#))
    #expect(f.message == "Probe failed")
    #expect(f["output"] == "a \"b\"\nc é")
    #expect(f["pods"] == #"["ns/a" "ns/b"]"#)
    #expect(f["gracePeriod"] == "30")
    #expect(f["err"] == "cut short by the pa")
  }
}
