import Foundation
import Testing
@testable import PodHistKit

@Test func debugDump() throws {
  guard let which = ProcessInfo.processInfo.environment["DUMP_CASE"] else { return }
  for c in which.split(separator: ",") {
    let (name, text) = c == "flat" ? ("flat", try String(contentsOfFile: "/tmp/flat.txt", encoding: .utf8)) : try corpusInput(String(c))
    print("===== \(name)")
    do {
      let r = try importText(text, source: name)
      for n in r.report.notes { print("NOTE", n) }
      for w in r.report.warnings { print("WARN", w) }
      for f in r.facts {
        if let s = f.snapshot {
          print("STATUS \(f.object) @\(f.observed) \(f.clock) ±\(f.uncertainty) L\(f.provenance.firstLine)-\(f.provenance.lastLine) phase=\(s.phase ?? "-") reason=\(s.reason ?? "-") node=\(s.node ?? "-") start=\(s.startTime?.rfc3339 ?? "-") conds=\(s.conditions.map { "\($0.type)=\($0.status)" }) tol=\(s.spec.tolerations ?? []) vols=\(s.spec.volumes?.map { "\($0.name):\($0.type):\($0.source ?? "-")" } ?? [])")
          for c in s.containers {
            print("   C \(c.kind) \(c.name) img=\(c.image ?? "-") state=\(c.state.map { "\($0.kind) \($0.reason ?? "") ex=\($0.exitCode.map(String.init) ?? "-") st=\($0.startedAt?.rfc3339 ?? "-")" } ?? "-") last=\(c.lastState.map { "\($0.kind) \($0.reason ?? "") ex=\($0.exitCode.map(String.init) ?? "-") \($0.startedAt?.rfc3339 ?? "-")..\($0.finishedAt?.rfc3339 ?? "-") msg=\($0.message ?? "")" } ?? "-") ready=\(c.ready.map { "\($0)" } ?? "-") rc=\(c.restartCount.map(String.init) ?? "-") ports=\(c.spec.ports?.map { "\($0.containerPort)/\($0.protocol ?? "")" } ?? []) live=\(c.spec.liveness.map { "\($0)" } ?? "-") ready=\(c.spec.readiness.map { "\($0.type) \($0.port ?? "")" } ?? "-") cmd=\(c.spec.command ?? []) args=\(c.spec.args ?? []) lim=\(c.spec.limits ?? [:]) req=\(c.spec.requests ?? [:]) cm=\(c.spec.configMapRefs ?? []) mounts=\(c.spec.mounts?.count ?? 0) lines=\(c.fieldLines.sorted { $0.key < $1.key })")
          }
        } else if let e = f.event {
          print("EVENT \(f.object) @\(f.observed) \(f.clock) ±\(f.uncertainty) L\(f.provenance.firstLine)-\(f.provenance.lastLine) \(e.type ?? "-") \(e.reason) x\(e.count) first=\(e.first?.rfc3339 ?? "-") c=\(e.container ?? "-") fp=\(e.fieldPath ?? "-") from=\(e.component ?? "-")/\(e.host ?? "-") msg=\(e.message.prefix(150))")
        }
      }
    } catch {
      print("ERROR \(error)")
    }
  }
}

@Test func debugVolumes() throws {
  guard ProcessInfo.processInfo.environment["DUMP_VOL"] != nil else { return }
  let text = "Name: x\nVolumes:\n  data:\n    Type:  Secret (a)\n    SecretName:  s\nQoS Class:  B\n"
  let lines = PasteCleaner.clean(text).lines
  var b = DescribeBuilder(lines: lines, start: 0, source: "x")
  var w: [ImportWarning] = []
  let n = b.run(&w)
  print("NEXT", n, b.segment.snapshot.spec.volumes as Any, b.section)
}
