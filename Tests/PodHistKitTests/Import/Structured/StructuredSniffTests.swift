import Foundation
import Testing
@testable import PodHistKit

@Suite("Structured sniffing") struct StructuredSniffTests {
  static let cases: [(String, InputFormat?)] = [
    ("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"involvedObject\": {\"kind\": \"Pod\"},\n            \"kind\": \"Event\"", .eventsJSON),
    ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-1\"}}\n", .podsJSON),
    ("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"status\":{\"phase\":\"Running\"}}}\n", .podsJSON),
    ("\u{FEFF}[\n  {\"kind\": \"Event\", \"involvedObject\": {\"kind\": \"Pod\", \"name\": \"a\"}}\n]\n", .eventsJSON),
    ("{\"apiVersion\": \"v1\", \"kind\": \"Service\"}", .eventsJSON),  // JSON: the importer says what it is
    ("apiVersion: v1\nitems:\n- apiVersion: v1\n  involvedObject:\n    kind: Pod\n  kind: Event\nkind: List\n", .eventsYAML),
    ("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\nstatus:\n  phase: Running\n", .podsYAML),
    ("# kubectl get pods -o yaml\napiVersion: v1\nkind: PodList\nitems: []\n", .podsYAML),
    ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n", .eventsYAML),
    ("status:\n  phase: Failed\n  reason: Evicted\n", .podsYAML),
    ("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - args:\n    - |\n      set -e\n      echo one\n      echo two\n      echo three\n      echo four\n      echo five\n    name: job\n", .podsYAML),
    // Text: describe, tables, prose, logs, prompts.
    ("Name:         web-1\nNamespace:    default\nPriority:     0\nStatus:       Running\n", nil),
    ("NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          5m\n", nil),
    ("LAST SEEN   TYPE      REASON    OBJECT      MESSAGE\n61s         Warning   BackOff   pod/web-1   Back-off restarting failed container\n", nil),
    ("The pod keeps crashing: it says phase: Failed and I do not know why.\n", nil),
    ("[2026-03-10 10:00:00] error: phase: Failed\n", nil),
    ("$ kubectl get pod web-1 -o yaml\napiVersion: v1\nkind: Pod\n", nil),
    ("error: the server doesn't have a resource type \"evnts\"\n", nil),
    ("Events:\n  Type     Reason   Age   From     Message\n  ----     ------   ----  ----     -------\n", nil),
  ]

  @Test(arguments: cases)
  func sniffs(_ text: String, _ expected: InputFormat?) {
    #expect(StructuredImporter.sniff(Array(text.utf8)) == expected)
  }

  @Test func aYAMLServiceIsRefusedByName() {
    #expect(importFailure(Array("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n".utf8), name: "svc.yaml")
            == "svc.yaml:1: a Service, not an Event or Pod")
  }
}
