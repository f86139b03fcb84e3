import Foundation
import Testing
@testable import PodHistKit

/// For every real dump in fixtures/corpus: the projection at each observation's own instant
/// reproduces what that observation states — a describe's or a Pod object's phase and each
/// container's state, last state and restart count; a `kubectl get pods` row's STATUS, READY and
/// RESTARTS. Generated from the fixtures, so a new case is checked without writing a test.
@Suite struct ObservationReplayTests {
  @Test(arguments: CorpusTests.cases)
  func projectionAtEachObservationReproducesIt(_ name: String) throws {
    let query = try CorpusTests.load(name).query
    var checked = 0
    var snapshots = 0
    for pod in try query.pods(namespace: nil) {
      let facts = try query.facts(of: pod)
      for f in facts {
        guard let snap = f.snapshot else { continue }
        // The newest observation at this instant (two dumps of the same instant: the later line).
        if facts.contains(where: { $0.snapshot != nil && $0.observed == f.observed && $0.provenance.firstLine > f.provenance.firstLine
                                   && $0.provenance.source == f.provenance.source }) { continue }
        if snap.row != nil || snap.phase != nil
            || snap.containers.contains(where: { $0.state != nil || $0.lastState != nil || $0.restartCount != nil }) {
          snapshots += 1
        }
        let state = project(facts, at: f.observed)
        let at = "\(name) \(pod.name) at \(f.provenance.source):\(f.provenance.firstLine)"
        if let row = snap.row {
          #expect(state.status == row.status, "\(at): STATUS")
          if let ready = row.ready { #expect(state.ready == ready, "\(at): READY") }
          if let r = row.restarts { #expect(state.restarts.contains(r), "\(at): RESTARTS \(r) in \(state.restarts)") }
          checked += 1
          continue
        }
        if let phase = snap.phase { #expect(state.phase?.text == phase, "\(at): phase"); checked += 1 }
        for c in snap.containers {
          guard let got = state.containers.first(where: { $0.name == c.name }) else {
            Issue.record("\(at): container \(c.name) missing from the projection"); continue
          }
          if let st = c.state {
            #expect(got.state?.kind == st.kind, "\(at): \(c.name) state")
            if let r = st.reason { #expect(got.state?.reason == r, "\(at): \(c.name) state reason") }
            if let e = st.exitCode { #expect(got.state?.exitCode == e, "\(at): \(c.name) exit code") }
          }
          if let ls = c.lastState {
            #expect(got.lastState?.reason == ls.reason, "\(at): \(c.name) last state reason")
            #expect(got.lastState?.exitCode == ls.exitCode, "\(at): \(c.name) last state exit code")
          }
          if let rc = c.restartCount { #expect(got.restarts.contains(rc), "\(at): \(c.name) restarts \(rc) in \(got.restarts)") }
          checked += 1
        }
      }
    }
    // A case whose dump printed a pod state (a row, a phase, a container's state or count) had
    // it checked; events-only dumps (and describe fragments from Tolerations on) have none.
    if snapshots > 0 { #expect(checked > 0, "\(name): \(snapshots) observations, none checked") }
  }
}
