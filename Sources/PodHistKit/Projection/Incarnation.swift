import Foundation

/// One life of a pod name: the facts of one uid (a StatefulSet pod deleted and recreated under
/// the same name is a new incarnation, with restart counts from 0 again, docs/kubernetes-semantics.md §9.3).
struct Incarnation: Sendable {
  var uid: String?
  /// The earliest instant any of its facts tells (an Event's first occurrence included).
  var firstAt: Instant
  var facts: [Fact]
}

/// The earliest instant a fact tells about.
/// (Read through `switch`, not `event`/`snapshot`, which copy the whole record out.)
func earliestInstant(_ f: Fact) -> Instant {
  switch f.body {
  case .event(let e): return min(e.first ?? e.last ?? f.observed, f.observed)
  case .status(let s) where s.origin != .table:
    var t = f.observed
    if let c = s.creationTime { t = min(t, c) }
    if let st = s.startTime { t = min(t, st) }
    return t
  case .status, .declared, .node, .listing, .deletion, .recordingGap: return f.observed
  }
}

/// The latest instant a fact tells about.
func latestInstant(_ f: Fact) -> Instant {
  if case .event(let e) = f.body { return max(e.last ?? e.first ?? f.observed, f.observed) }
  return f.observed
}

/// Splits one pod name's facts into incarnations by uid, oldest first. Facts without a uid join
/// the incarnation whose lifetime (from its first fact to the next one's) holds them.
func splitIncarnations(_ facts: [Fact]) -> [Incarnation] {
  // The usual case, one uid throughout (or none anywhere): one incarnation, the facts as given.
  if let uid = facts.first?.object.uid, !uid.isEmpty, facts.allSatisfy({ $0.object.uid == uid }) {
    return [Incarnation(uid: uid, firstAt: facts.map(earliestInstant).min() ?? Instant(micros: 0), facts: facts)]
  }
  var byUID: [String: [Fact]] = [:]
  var loose: [Fact] = []
  for f in facts {
    if let u = f.object.uid, !u.isEmpty { byUID[u, default: []].append(f) } else { loose.append(f) }
  }
  if byUID.isEmpty { return [Incarnation(uid: nil, firstAt: facts.map(earliestInstant).min() ?? Instant(micros: 0), facts: facts)] }
  var incs = byUID.map { uid, fs in
    Incarnation(uid: uid, firstAt: fs.map(earliestInstant).min() ?? Instant(micros: 0), facts: fs)
  }
  incs.sort { ($0.firstAt, $0.uid ?? "") < ($1.firstAt, $1.uid ?? "") }
  for f in loose {
    let t = earliestInstant(f)
    var k = 0
    for (i, inc) in incs.enumerated() where inc.firstAt <= t { k = i }
    incs[k].facts.append(f)
  }
  return incs
}

/// The incarnation current at `t`: the newest whose first fact is at or before `t`, else the
/// first one.
func incarnation(at t: Instant, in incs: [Incarnation]) -> Incarnation? {
  var pick = incs.first
  for inc in incs where inc.firstAt <= t { pick = inc }
  return pick
}
