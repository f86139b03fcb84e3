import Foundation
import Testing
@testable import PodHistKit

/// `kubectl get events` tables of 2014–2015 (`EventsTableLegacy`).
@Suite struct EventsTableLegacyTests {
  @Test func nameKindStatusReasonMessage() throws {
    // v0.4–v0.5 `eventColumns`: no time; BoundPod is the pod bound to a node.
    let text = """
    $ kubectl get events
    NAME                                   KIND                STATUS              REASON              MESSAGE
    monitoring-heapster-controller-oh43e   Pod                 Pending             scheduled           Successfully assigned monitoring-heapster-controller-oh43e to kubernetes-minion-4b4i.c.proj.internal
    monitoring-heapster-controller-oh43e   BoundPod            waiting             failed              Failed to pull image "kubernetes/heapster:v0.6"
    monitoring-heapster-controller-oh43e   BoundPod            running             started             Started with docker id 3ac8ee3bb0d5
    """
    let r = try importText(text)
    #expect(r.events.map(\.reason) == ["scheduled", "failed", "started"])
    let facts = r.facts.filter { $0.event != nil }
    #expect(facts.allSatisfy { $0.object == ObjectRef(namespace: ObjectRef.unknownNamespace, name: "monitoring-heapster-controller-oh43e") })
    #expect(facts.allSatisfy { $0.clock == .relative && $0.provenance.format == "events-table" })
    #expect(r.event("failed")?.message == "Failed to pull image \"kubernetes/heapster:v0.6\"")
  }

  @Test func timeNameKindConditionReasonMessage() throws {
    // Late 2014: one RFC 1123 time per event.
    let text = """
    TIME                              NAME                KIND      CONDITION   REASON      MESSAGE
    Thu, 11 Dec 2014 17:02:11 +0000   nginx-pod-x7w2q     BoundPod    Pending     scheduled   Successfully assigned nginx-pod-x7w2q to minion-2
    Thu, 11 Dec 2014 17:02:40 +0000   nginx-pod-x7w2q     BoundPod    Running     started     Started with docker id 9f2c
    """
    let r = try importText(text)
    let started = try #require(r.eventFact("started"))
    #expect(started.clock == .absolute)
    #expect(started.event?.last == (try utc("2014-12-11T17:02:40Z")))
    #expect(started.event?.first == (try utc("2014-12-11T17:02:40Z")))
    #expect(started.object.name == "nginx-pod-x7w2q" && started.object.isPod)
  }

  @Test func absoluteFirstSeenLastSeen() throws {
    // v0.14–v1.0: FIRSTSEEN/LASTSEEN printed as RFC 1123 times.
    let text = """
    FIRSTSEEN                         LASTSEEN                          COUNT     NAME              KIND      SUBOBJECT                   REASON    SOURCE                       MESSAGE
    Mon, 01 Jun 2015 10:00:00 +0000   Mon, 01 Jun 2015 10:00:00 +0000   1         web-1-a2b3c       Pod                                   scheduled {scheduler }                 Successfully assigned web-1-a2b3c to node-3
    Mon, 01 Jun 2015 10:00:05 +0000   Mon, 01 Jun 2015 10:05:00 +0000   6         web-1-a2b3c       Pod       spec.containers{web}        failed    {kubelet node-3}             Failed to pull image "example/web:nope": image not found
    """
    let r = try importText(text)
    let failed = try #require(r.event("failed"))
    #expect(failed.count == 6)
    #expect(failed.container == "web")
    #expect(failed.component == "kubelet" && failed.host == "node-3")
    #expect(failed.first == (try utc("2015-06-01T10:00:05Z")))
    #expect(failed.last == (try utc("2015-06-01T10:05:00Z")))
    #expect(r.event("scheduled")?.component == "scheduler")
  }

  @Test func agesStayWithTheModernReader() throws {
    let text = """
    FIRSTSEEN   LASTSEEN   COUNT     NAME      KIND      SUBOBJECT              TYPE      REASON    SOURCE             MESSAGE
    14m         2m         7         web-1     Pod       spec.containers{web}   Warning   BackOff   {kubelet node-3}   Back-off restarting failed container
    """
    #expect(!EventsTableLegacy.begins(text.split(separator: "\n")[0], next: text.split(separator: "\n")[1]))
    let r = try importText(text)
    #expect(r.event("BackOff")?.count == 7)
  }

  @Test func timeFromSubObjectPath() throws {
    let text = """
    TIME                              FROM               SUB-OBJECT PATH          REASON    MESSAGE
    Tue, 09 Jun 2015 08:00:01 +0000   {scheduler }                                scheduled Successfully assigned api-3kd9s to node-1
    Tue, 09 Jun 2015 08:00:09 +0000   {kubelet node-1}   spec.containers{api}     failed    Failed to pull image "acme/api:2"
    """
    let r = try importText(text)
    let failed = try #require(r.eventFact("failed"))
    #expect(failed.object.name == "api-3kd9s")
    #expect(failed.event?.container == "api")
    #expect(failed.event?.host == "node-1")
  }

  @Test func headersThatAreNotLegacyEvents() {
    #expect(EventsTableLegacy.header("NAME      READY     STATUS    RESTARTS   AGE") == nil)
    #expect(EventsTableLegacy.header("LAST SEEN   TYPE      REASON    OBJECT      MESSAGE") == nil)
    #expect(EventsTableLegacy.header("Type     Reason   Age   From   Message") == nil)
  }

  @Test func schedulerLogNamesItsPod() {
    // factory.go ≤1.6: `Error scheduling <namespace> <pod>: pod (<pod>) failed to fit in any node`.
    let m = "Error scheduling default router-1-mgdlr: pod (router-1-mgdlr) failed to fit in any node"
    #expect(EventsTableMessages.podReference(in: m)?.pod == "router-1-mgdlr")
    #expect(EventsTableMessages.podReference(in: m)?.namespace == "default")
    #expect(EventsTableMessages.podReference(in: "Error scheduling: no nodes available") == nil)
  }

  @Test func rowsOf2015WithoutTheirHeader() throws {
    let text = """
    Mon, 01 Jun 2015 10:00:00 +0000   Mon, 01 Jun 2015 10:00:00 +0000   1         web-1-a2b3c       Pod                                   scheduled   {scheduler }                    Successfully assigned web-1-a2b3c to node-3
    Mon, 01 Jun 2015 10:00:05 +0000   Mon, 01 Jun 2015 10:05:00 +0000   6         web-1-a2b3c       Pod       spec.containers{web}        failed    {kubelet node-3}             Failed to pull image "example/web:nope": image not found
    """
    let r = try importText(text)
    #expect(r.events.map(\.reason) == ["scheduled", "failed"])
    let failed = try #require(r.eventFact("failed"))
    #expect(failed.object.name == "web-1-a2b3c")
    #expect(failed.event?.container == "web" && failed.event?.count == 6)
    #expect(failed.event?.last == (try utc("2015-06-01T10:05:00Z")))
    // A describe's row (`{component host}` after COUNT) is not this shape.
    #expect(EventsTableLegacy.guessedColumns("Fri, 05 Jun 2015 14:40:06 -0700   Fri, 05 Jun 2015 14:40:37 -0700   6   {scheduler }   failedScheduling   Error scheduling") == nil)
  }
}
