import Foundation
import Testing
@testable import PodHistKit

/// A tiny kubelet simulation for one container in a crash loop (docs/kubernetes-semantics.md §11: first restart
/// immediate, then 10 s doubling to 300 s, counted from the previous exit), observed through `-o json`
/// snapshots every `every` seconds and the aggregated Events a final `get events` shows.
struct CrashLoopSimulation {
  struct Run { var start: Instant; var end: Instant }
  let pod = F.pod("sim-0", ns: "sim", uid: "sim-uid")
  let t0 = F.t("2026-04-01T10:00:00Z")
  var runs: [Run] = []
  let window: Int64
  let every: Int64
  let runFor: Int64
  let liveness: Bool

  init(window: Int64 = 1800, every: Int64, runFor: Int64, liveness: Bool) {
    self.window = window; self.every = every; self.runFor = runFor; self.liveness = liveness
    var start = t0 + .seconds(3)
    var wait: Int64 = 0
    while start < t0 + .seconds(window) {
      let end = start + .seconds(runFor)
      runs.append(Run(start: start, end: end))
      start = end + .seconds(wait + 2)
      wait = wait == 0 ? 10 : min(300, wait * 2)
    }
  }

  /// What kubectl showed at `t`: STATUS and RESTARTS.
  func truth(at t: Instant) -> (status: String, restarts: Int)? {
    guard let k = runs.lastIndex(where: { $0.start <= t }) else { return t >= t0 ? ("ContainerCreating", 0) : nil }
    let r = runs[k]
    if t < r.end { return ("Running", k) }
    let next = k + 1 < runs.count ? runs[k + 1].start : nil
    let immediate = next.map { $0 - r.end <= .seconds(3) } ?? false
    if t - r.end < terminatedShownFor || immediate { return ("Error", k) }
    return ("CrashLoopBackOff", k)
  }

  func exitState(_ k: Int) -> ContainerState {
    F.terminated("Error", liveness ? 143 : 1, runs[k].start, runs[k].end)
  }

  var facts: [Fact] {
    var out: [Fact] = []
    var spec = ContainerSpecFacts()
    if liveness { spec.liveness = Probe(type: "http-get", port: "8080", path: "/healthz", periodSeconds: 5, failureThreshold: 3) }
    var s = t0 + .seconds(every)
    var line = 1
    while s <= t0 + .seconds(window) {
      let k = runs.lastIndex { $0.start <= s }
      var c: ContainerSnapshot
      if let k {
        let r = runs[k]
        if s < r.end {
          c = F.container("app", state: F.running(r.start), last: k > 0 ? exitState(k - 1) : nil, ready: true, restarts: k, spec: spec)
        } else if let t = truth(at: s), t.status == "Error" {
          c = F.container("app", state: exitState(k), last: k > 0 ? exitState(k - 1) : nil, ready: false, restarts: k, spec: spec)
        } else {
          c = F.container("app", state: F.waiting("CrashLoopBackOff"), last: exitState(k), ready: false, restarts: k, spec: spec)
        }
      } else {
        c = F.container("app", state: F.waiting("ContainerCreating"), ready: false, restarts: 0, spec: spec)
      }
      out.append(F.snapshot(pod, at: s, phase: k == nil ? "Pending" : "Running", containers: [c],
                            conditions: F.conds(ready: c.ready ?? false), restartPolicy: "Always", source: "snap.jsonl", line: line))
      s = s + .seconds(every)
      line += 1
    }
    let end = t0 + .seconds(window)
    let done = runs.filter { $0.start <= end }
    out.append(F.event(pod, "Scheduled", "Successfully assigned sim/sim-0 to node-1", first: t0, uncertainty: .zero,
                       component: "default-scheduler", name: "sim-0.a"))
    out.append(F.event(pod, "Started", "Started container app", container: "app", first: done[0].start, last: done[done.count - 1].start,
                       count: done.count, uncertainty: .zero, name: "sim-0.b"))
    if liveness {
      let killed = done.filter { $0.end <= end }
      out.append(F.event(pod, "Killing", "Container app failed liveness probe, will be restarted", container: "app",
                         first: killed[0].end - .seconds(1), last: killed[killed.count - 1].end - .seconds(1), count: killed.count,
                         uncertainty: .zero, name: "sim-0.c"))
    }
    return out
  }
}

@Suite("Projection: simulated crash loops")
struct SimulatedCrashLoopTests {
  @Test(arguments: [(60 as Int64, 25 as Int64, true), (120, 25, false), (300, 40, true), (45, 8, false)])
  func projectionFollowsTheKubelet(every: Int64, runFor: Int64, liveness: Bool) {
    let sim = CrashLoopSimulation(every: every, runFor: runFor, liveness: liveness)
    let facts = sim.facts
    var checked = 0, statusOK = 0
    for i in stride(from: Int64(5), to: sim.window, by: 7) {
      let t = sim.t0 + .seconds(i)
      guard let truth = sim.truth(at: t) else { continue }
      let s = project(facts, at: t)
      checked += 1
      #expect(s.restarts.contains(truth.restarts), "restarts at \(t): \(s.restarts) should hold \(truth.restarts)")
      if s.status == truth.status { statusOK += 1 }
    }
    // Every snapshot instant exactly; in between, the revealed runs and back-off decide.
    for f in facts where f.snapshot != nil {
      guard let truth = sim.truth(at: f.observed) else { continue }
      let s = project(facts, at: f.observed)
      #expect(s.status == truth.status && s.restarts == truth.restarts...truth.restarts)
    }
    #expect(Double(statusOK) >= 0.9 * Double(checked), "status right at \(statusOK) of \(checked) instants")
    // Every run that ended is a termination; those a snapshot revealed carry their instants.
    let h = restartHistory(facts)
    let ended = sim.runs.filter { $0.end <= sim.t0 + .seconds(sim.window) }.count
    #expect(h.count >= ended - 1 && h.count <= ended)
    for term in h where !term.countOnly {
      #expect(sim.runs.contains { $0.start == term.startedAt && $0.end == term.finishedAt })
      #expect(term.killedBy == (liveness ? .liveness : .exit))
    }
  }
}
