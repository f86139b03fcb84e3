import Foundation
import TestSupport
@testable import PodHistKit

/// A fixture's URL under fixtures/.
func fixture(_ path: String) -> URL { repositoryRoot.appending(path: "fixtures/\(path)") }

/// A fresh store in its own temporary folder (tests run in parallel).
func scratchStore() throws -> Store {
  let dir = FileManager.default.temporaryDirectory.appending(path: "podhist-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return try Store(path: dir.appending(path: "podhist.db").path, create: true)
}

/// An Event fact about a pod, for tests.
func eventFact(pod: String, ns: String = "default", reason: String, message: String, count: Int = 1,
               first: String, last: String? = nil, container: String? = nil, line: Int = 1,
               source: String = "test.json") -> Fact {
  let f = Instant.parseRFC3339(first) ?? Instant(micros: 0)
  let l = last.flatMap(Instant.parseRFC3339) ?? f
  var ev = EventRecord(reason: reason, message: message, type: reason == "Unhealthy" || reason == "BackOff" ? "Warning" : "Normal",
                       container: container, containerKind: container == nil ? nil : .regular,
                       component: "kubelet", host: "worker1", first: f, last: l, count: count)
  ev.fieldPath = container.map { "spec.containers{\($0)}" }
  return Fact(object: ObjectRef(namespace: ns, name: pod), observed: l, body: .event(ev),
              provenance: Provenance(source: source, firstLine: line, format: "events-json"))
}
