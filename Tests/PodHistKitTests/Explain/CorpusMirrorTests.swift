import Foundation
import Testing
import TestSupport
@testable import PodHistKit

/// Each hand-built scenario that mirrors a corpus case must rank first a code that the case's
/// expected.json (fixtures/corpus/<case>/expected.json, `cause.codes`) accepts.
@Suite struct CorpusMirrorTests {
  static let mirrors: [(String, Scenario)] = [
    ("000-seed-springboot-liveness-probe-port", Scenarios.liveness),
    ("001-hello-world-exits-events-watch-oneline", Scenarios.helloWorldEventsOnly),
    ("005-configmap-missing-failedmount-2016-rows", Scenarios.mountConfigMap),
    ("006-oomkilled-exit-code-1-fragment", Scenarios.oomExit1),
    ("008-node-admin-selector-master-taint", Scenarios.taints),
    ("010-multus-thick-no-networks-found-wrapped", Scenarios.sandboxCNI),
    ("012-contiv-setupnetwork-no-route-2016", Scenarios.sandbox2016),
    ("014-bad-liveness-probe-2015-rows", Scenarios.bareKills2015),
    ("016-containerstatuses-yaml-folded-restart617", Scenarios.appError),
    ("017-evicted-ephemeral-storage-status-yaml", Scenarios.evicted),
    ("020-eks-no-storageclass-unbound-pvc", Scenarios.volumeBinding),
    ("022-readiness-503-non-leader-by-design", Scenarios.readiness),
    ("031-readiness-initialdelay-too-short-last-event-stale", Scenarios.readinessStale),
    ("036-oom-reported-as-error-137-docker-bug-yaml", Scenarios.sigkillNoMemory),
    ("038-describe-event-insufficient-cpu-memory-2019", Scenarios.insufficient),
    ("045-job-pod-completed-getpods-describe-1.9", Scenarios.completed),
    ("048-dashboard-copied-events-manifest-unknown", Scenarios.pullManifestUnknownEventsOnly),
    ("051-nfs-exit32-box-drawing-separators-2015", Scenarios.mountNFSCleared),
    ("055-get-events-healthy-nginx-deployment-baseline", Scenarios.healthyEventsOnly),
    ("056-runcontainererror-start-not-in-path-2015-yaml", Scenarios.runContainerError),
    ("058-oc-get-events-2017-postgresql-backoff-blanklines", Scenarios.eventsOnlyBackOff),
    ("066-windows-os-mismatch-containercannotrun-2017", Scenarios.createFailedWindows),
    ("067-oomkilled-memory-eater-crashloop-kind-2025", Scenarios.oom),
    ("068-init-typo-wge-starterror-exit128-epoch", Scenarios.createFailedInit),
    ("069-pull-access-denied-escaped-quotes-eks-2024", Scenarios.pullDenied),
    ("072-job-pod-failed-shell-syntax-no-events", Scenarios.failedAppError),
    ("080-describe-all-dashboard-control-plane-taint-1.24", Scenarios.taintsControlPlane),
    ("084-two-container-sidecar-running-gke-2020", Scenarios.healthy),
  ]

  struct Expected: Decodable {
    struct CauseSpec: Decodable { var codes: [String]; var container: String?; var containerKind: String? }
    var cause: CauseSpec
  }

  @Test(arguments: mirrors.map(\.0))
  func mirror(_ caseID: String) throws {
    let scenario = try #require(Self.mirrors.first { $0.0 == caseID }?.1)
    let url = repositoryRoot.appending(path: "fixtures/corpus/\(caseID)/expected.json")
    let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    let top = try #require(Explainer.explain(scenario.state, facts: scenario.facts).causes.first)
    #expect(expected.cause.codes.contains(top.code.rawValue), "\(caseID): \(top.code.rawValue) not in \(expected.cause.codes)")
    if let kind = expected.cause.containerKind, top.container != nil {
      #expect(top.containerKind?.rawValue == kind, "\(caseID)")
    }
  }
}
