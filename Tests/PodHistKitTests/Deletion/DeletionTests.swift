import Foundation
import Testing
@testable import PodHistKit

/// Deletion as a fact: what a listing proves, what silence after a kill suggests, and that a
/// stuck termination needs evidence (docs/cli.md `Deleted`, `Terminating.Stuck`).
@Suite struct DeletionTests {
  static func at(_ s: String) -> Instant { Instant.parseRFC3339(s) ?? Instant(micros: 0) }

  static func event(_ reason: String, _ message: String, type: String = "Normal", at t: String, count: Int = 1,
                    pod: String = "web-7d4b9c-x2x9q", ns: String = "shop", uid: String? = "u-1", line: Int = 1) -> Fact {
    var r = EventRecord(reason: reason, message: message, type: type, container: "web", containerKind: .regular,
                        fieldPath: "spec.containers{web}", component: "kubelet", first: at(t), last: at(t), count: count)
    r.name = "\(pod).\(line)"
    return Fact(object: ObjectRef(namespace: ns, name: pod, uid: uid), observed: at(t), body: .event(r),
                provenance: Provenance(source: "events.jsonl", firstLine: line, format: "events-json"))
  }

  static func terminating(at t: String, deadline: String) -> Fact {
    var c = ContainerSnapshot(name: "web", kind: .regular)
    c.state = ContainerState(kind: .running, startedAt: at("2025-03-10T08:00:05Z"))
    c.ready = true
    var s = PodSnapshot(origin: .object)
    s.phase = "Running"; s.containers = [c]; s.deletionTime = at(deadline); s.deletionGracePeriodSeconds = 30
    return Fact(object: ObjectRef(namespace: "shop", name: "web-7d4b9c-x2x9q", uid: "u-1"), observed: at(t), body: .status(s),
                provenance: Provenance(source: "pods.json", firstLine: 1, format: "pods-json"))
  }

  static func listing(_ pods: [ListedPod], namespace: String?, at t: String, line: Int = 1) -> Fact {
    Fact(object: PodListing.object(namespace: namespace), observed: at(t), body: .listing(PodListing(namespace: namespace, pods: pods)),
         provenance: Provenance(source: "pods.json", firstLine: line, format: "pods-json"))
  }

  static let started: [Fact] = [
    Self.event("Scheduled", "Successfully assigned shop/web-7d4b9c-x2x9q to worker-1", at: "2025-03-10T08:00:00Z", line: 1),
    Self.event("Started", "Started container web", at: "2025-03-10T08:00:05Z", line: 2),
  ]

  @Test func killedThenSilentIsDeletedLikelyNotStuck() {
    let facts = Self.started + [Self.event("Killing", "Stopping container web", at: "2025-03-10T09:00:00Z", line: 3)]
    let state = project(facts, at: Self.at("2025-03-10T11:00:00Z"))
    #expect(state.deletion?.basis == .killedThenSilent)
    #expect(state.deletion?.at == Self.at("2025-03-10T09:00:30Z"))
    let e = Explainer.explain(state, facts: facts)
    #expect(e.causes.first?.code == .deleted)
    #expect(e.causes.first?.confidence == .medium)
    #expect(!e.causes.contains { $0.code == .terminatingStuck })
    // Within the grace period and the 5 min after it, the pod still exists.
    #expect(project(facts, at: Self.at("2025-03-10T09:05:00Z")).deletion == nil)
  }

  @Test func aKillFailureIsEvidenceOfAStuckTermination() {
    let facts = Self.started + [
      Self.event("Killing", "Stopping container web", at: "2025-03-10T09:00:00Z", line: 3),
      Self.event("FailedKillPod", "error killing pod: failed to \"KillPodSandbox\" for \"u-1\" with KillPodSandboxError: \"rpc error: code = DeadlineExceeded\"",
            type: "Warning", at: "2025-03-10T09:02:00Z", line: 4),
    ]
    let state = project(facts, at: Self.at("2025-03-10T11:00:00Z"))
    #expect(state.deletion == nil)
    let top = Explainer.explain(state, facts: facts).causes.first
    #expect(top?.code == .terminatingStuck)
    #expect(top?.confidence == .high)
  }

  @Test func aLaterObservationStillShowingThePodIsEvidenceOfAStuckTermination() {
    let facts = Self.started + [
      Self.terminating(at: "2025-03-10T09:00:10Z", deadline: "2025-03-10T09:00:30Z"),
      Self.terminating(at: "2025-03-10T09:10:00Z", deadline: "2025-03-10T09:00:30Z"),
    ]
    let state = project(facts, at: nil)
    #expect(state.deletion == nil)
    let top = Explainer.explain(state, facts: facts).causes.first
    #expect(top?.code == .terminatingStuck)
    #expect(top?.confidence == .high)
    // Seen only within its grace period, then nothing: not stuck (the dump ends 2 h later).
    let once = Self.started + [Self.terminating(at: "2025-03-10T09:00:10Z", deadline: "2025-03-10T09:00:30Z")]
    let later = project(once, at: Self.at("2025-03-10T11:00:00Z"))
    #expect(Explainer.explain(later, facts: once).causes.first.map { $0.code != .terminatingStuck || $0.confidence != .high } ?? true)
  }

  @Test func aListingProvesAbsenceOnlyInItsScopeAndAfterTheLastSignOfLife() {
    let index = ListingIndex([
      Self.listing([ListedPod(namespace: "shop", name: "cart-1", uid: "u-9")], namespace: "shop", at: "2025-03-10T10:00:00Z"),
      Self.listing([ListedPod(namespace: "shop", name: "cart-1", uid: "u-9")], namespace: "shop", at: "2025-03-10T12:00:00Z", line: 9),
    ])
    // Gone from its namespace's listing: deleted by 10:00, the listing's provenance cited.
    let d = index.deletions(for: Self.started)
    #expect(d.count == 1)
    #expect(d.first?.observed == Self.at("2025-03-10T10:00:00Z"))
    #expect(d.first?.deletion?.basis == .absentFromListing)
    #expect(d.first?.object.uid == "u-1")
    // Another namespace's listing says nothing about it.
    let other = Self.started.map { f in var g = f; g.object.namespace = "auth"; return g }
    #expect(index.deletions(for: other).isEmpty)
    // A sign of life after a listing: only a later listing can prove it gone.
    let lateLife = Self.started + [Self.event("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", type: "Warning",
                                         at: "2025-03-10T11:00:00Z", line: 5)]
    #expect(index.deletions(for: lateLife).map(\.observed) == [Self.at("2025-03-10T12:00:00Z")])
    // Shown again later (a listing that missed it, then one that shows it): not deleted.
    let again = ListingIndex([
      Self.listing([], namespace: nil, at: "2025-03-10T10:00:00Z"),
      Self.listing([ListedPod(namespace: "shop", name: "web-7d4b9c-x2x9q")], namespace: nil, at: "2025-03-10T12:00:00Z"),
    ])
    #expect(again.deletions(for: Self.started).isEmpty)
  }

  @Test func aRecreatedNameEndsTheOldLifeOnly() {
    // A StatefulSet pod recreated under its name: the listing shows the new uid.
    let index = ListingIndex([Self.listing([ListedPod(namespace: "shop", name: "web-7d4b9c-x2x9q", uid: "u-2")], namespace: nil,
                                           at: "2025-03-10T12:00:00Z")])
    let facts = Self.started + [Self.event("Started", "Started container web", at: "2025-03-10T11:00:00Z", uid: "u-2", line: 7)]
    let d = index.deletions(for: facts)
    #expect(d.map(\.object.uid) == ["u-1"])
  }

  @Test func listingAndDeletionFactsRoundTripThroughTheStore() throws {
    let store = try scratchStore()
    let facts = [
      Self.listing([ListedPod(namespace: "shop", name: "cart-1", uid: "u-9"), ListedPod(namespace: "auth", name: "kc-0")],
                   namespace: nil, at: "2025-03-10T10:00:00Z"),
      Fact(object: ObjectRef(namespace: "shop", name: "web-7d4b9c-x2x9q", uid: "u-1"), observed: Self.at("2025-03-10T10:00:00Z"),
           body: .deletion(PodDeletion(basis: .watch)), provenance: Provenance(source: "watch.json", firstLine: 3, format: "pods-json")),
    ]
    try store.importing { s in
      _ = try s.begin(source: "t")
      for f in facts { try s.append(f) }
      _ = try s.finish(formats: [], notes: [])
    }
    let lists = try store.objects(kind: PodListing.objectKind)
    #expect(lists.count == 1)
    #expect(try store.facts(of: lists[0]).first?.listing == facts[0].listing)
    let pod = try #require(try store.objects().first)
    #expect(try store.facts(of: pod).first?.deletion == PodDeletion(basis: .watch))
    #expect(try store.verify().isEmpty)
  }

  @Test func aPodsListImportsAsAListingOfItsScope() throws {
    let one = """
    apiVersion: v1
    kind: List
    items:
    - apiVersion: v1
      kind: Pod
      metadata: {name: cart-1, namespace: shop, uid: u-9, creationTimestamp: "2025-03-10T08:00:00Z"}
      status: {phase: Running, startTime: "2025-03-10T08:00:01Z"}
    - apiVersion: v1
      kind: Pod
      metadata: {name: cart-2, namespace: shop, uid: u-8, creationTimestamp: "2025-03-10T08:00:00Z"}
      status: {phase: Pending}
    """
    var facts: [Fact] = []
    _ = try StructuredImporter.importSegment(one, firstLine: 1, options: ImportOptions(format: .auto, observedAt: Self.at("2025-03-10T10:00:00Z"), sourceName: "pods.yaml")) { facts.append($0) }
    let listing = try #require(facts.compactMap(\.listing).first)
    #expect(listing.namespace == "shop")
    #expect(listing.pods.map(\.name) == ["cart-1", "cart-2"])
    #expect(facts.first { $0.listing != nil }?.observed == Self.at("2025-03-10T10:00:00Z"))
    // Events among the items: not a pods listing.
    let mixed = one + """

    - apiVersion: v1
      kind: Event
      metadata: {name: cart-1.1, namespace: shop}
      involvedObject: {kind: Pod, name: cart-1, namespace: shop}
      reason: Started
      message: Started container cart
      lastTimestamp: "2025-03-10T08:00:02Z"
    """
    var mixedFacts: [Fact] = []
    _ = try StructuredImporter.importSegment(mixed, firstLine: 1, options: ImportOptions(format: .auto, observedAt: Self.at("2025-03-10T10:00:00Z"), sourceName: "mixed.yaml")) { mixedFacts.append($0) }
    #expect(mixedFacts.contains { $0.event != nil })
    #expect(!mixedFacts.contains { $0.listing != nil })
  }
}
