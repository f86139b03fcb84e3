import Foundation

/// The "now" found for one text segment: the instant its ages count back from, how far it may
/// be off, and a sentence saying where it came from.
struct SegmentClock: Sendable, Hashable {
  /// Nil when no anchor was found: the segment's ages stay relative.
  var now: Instant?
  var error: Duration
  var explanation: String
}

/// Resolves each text segment's "now" from anchors: pairs of an age printed in one segment and
/// an absolute time of the same thing (or of something a known few seconds away) printed in the
/// same or another segment of the paste.
///
/// Relations used (docs/kubernetes-semantics.md §1):
/// * Scheduled event age + `Start Time:` — the kubelet acknowledges the pod seconds after
///   binding, so now ≈ Start Time + age, ± resolution + 3 s.
/// * get-pods AGE (from creationTimestamp) + `Start Time:` of the same pod — creation precedes the
///   start by the scheduling delay: ± resolution + 3 s; not used when the describe's events show
///   the pod waited to be scheduled.
/// * Latest `Started` event age + the container's `Started:` time — the kubelet records the
///   event just after the runtime starts the process: now ≈ Started + age + 1 s, ± resolution + 1 s.
/// * RESTARTS `(2m ago)` + the newest Last State `Finished:` of the pod: ± resolution.
///
/// The tightest estimate wins; estimates that disagree by more than their bounds are reported.
enum AgeAnchorResolver {
  struct Estimate {
    var point: Instant
    var error: Duration
    var description: String
  }

  static func resolve(_ segments: [any TextSegment], observedAt: Instant?, source: String)
    -> (clocks: [SegmentClock], warnings: [ImportWarning]) {
    var clocks: [SegmentClock] = []
    var warnings: [ImportWarning] = []
    let allAnchors = segments.enumerated().map { ($0.offset, $0.element.anchors) }
    for (si, segment) in segments.enumerated() {
      let where_ = "lines \(segment.lines.lowerBound)–\(segment.lines.upperBound) (\(segment.format))"
      if let given = observedAt {
        clocks.append(SegmentClock(now: given, error: .zero,
                                   explanation: "\(where_): ages resolved against --observed-at \(given.rfc3339)"))
        continue
      }
      var estimates: [Estimate] = []
      for a in segment.anchors {
        guard let age = a.age, let value = age.value, let res = age.resolution else { continue }
        for (ti, anchors) in allAnchors {
          for b in anchors {
            guard let abs = b.absolute else { continue }
            guard let rel = relation(a.subject, b.subject, sameSegment: ti == si, absolutes: allAnchors) else { continue }
            let point = abs + value + rel.offset
            let error = res + rel.slack
            let seg = ti == si ? "" : " (printed on line \(segments[ti].lines.lowerBound))"
            estimates.append(Estimate(point: point, error: error,
                                      description: "\(rel.label(abs.rfc3339 + seg, describe(age)))"))
          }
        }
      }
      guard let best = estimates.enumerated().min(by: { ($0.element.error, $0.offset) < ($1.element.error, $1.offset) })?.element else {
        clocks.append(SegmentClock(now: nil, error: .zero,
                                   explanation: "\(where_): no absolute time anchors its ages; they are kept relative to the time the output was taken"))
        continue
      }
      for other in estimates {
        let gap = Duration(micros: Swift.abs(other.point.micros - best.point.micros))
        if gap > other.error + best.error {
          warnings.append(ImportWarning(source: source, line: segment.lines.lowerBound,
                                        message: "time anchors disagree by \(gap): \(best.description) gives \(best.point.rfc3339) ± \(best.error), but \(other.description) gives \(other.point.rfc3339) ± \(other.error); using the first"))
        }
      }
      clocks.append(SegmentClock(now: best.point, error: best.error,
                                 explanation: "\(where_): ages resolved against \(best.point.rfc3339) ± \(best.error), from \(best.description)"))
    }
    return (clocks, warnings)
  }

  static func describe(_ age: Age) -> String {
    if let v = age.value { return v.description }
    return "?"
  }

  struct Relation {
    var offset: Duration
    var slack: Duration
    var label: (String, String) -> String
  }

  /// How an age of `a` relates to an absolute time of `b`, or nil when they are unrelated.
  static func relation(_ a: AgeAnchor.Subject, _ b: AgeAnchor.Subject, sameSegment: Bool,
                       absolutes: [(Int, [AgeAnchor])]) -> Relation? {
    func samePod(_ p: String, _ q: String) -> Bool {
      p == q && (sameSegment || p != DescribeSegment.unnamedPod)
    }
    switch (a, b) {
    case let (.scheduled(p), .podStarted(q)) where samePod(p, q):
      return Relation(offset: .zero, slack: .seconds(3)) { "Start Time \($0) of \(p) plus the age \($1) of its Scheduled event" }
    case let (.scheduled(p), .podCreated(q)) where samePod(p, q):
      return Relation(offset: .zero, slack: .seconds(3)) { "creation time \($0) of \(p) plus the age \($1) of its Scheduled event" }
    case let (.podStarted(p), .podStarted(q)) where samePod(p, q):
      return Relation(offset: .zero, slack: .zero) { "Start Time \($0) of \(p) plus its age \($1)" }
    case let (.podCreated(p), .podCreated(q)) where samePod(p, q):
      // Text dumps give creation only through Start Time (DescribeSegment.anchors), seconds later.
      return Relation(offset: .zero, slack: .seconds(3)) { "Start Time \($0) of \(p) (as its creation time) plus its AGE \($1)" }
    case let (.containerStarted(p, c), .containerStarted(q, d)) where samePod(p, q) && c == d:
      return Relation(offset: .seconds(1), slack: .seconds(1)) { "Started time \($0) of container \(c) plus the age \($1) of its latest Started event" }
    case let (.containerFinished(p, c), .containerFinished(q, d)) where samePod(p, q):
      if let c, c != d { return nil }
      if c == nil {
        // RESTARTS `(2m ago)` counts from the newest finish among the pod's containers.
        let newest = absolutes.flatMap { $0.1 }.compactMap { x -> Instant? in
          if case let .containerFinished(r, _) = x.subject, r == p { return x.absolute }
          return nil
        }.max()
        guard let mine = absolutes.flatMap({ $0.1 }).first(where: {
          if case let .containerFinished(r, e) = $0.subject, r == q, e == d { return true }
          return false
        })?.absolute, mine == newest else { return nil }
      }
      return Relation(offset: .zero, slack: .zero) { "Finished time \($0) of \(d.map { "container " + $0 } ?? "a container") of \(p) plus its age \($1)" }
    default:
      return nil
    }
  }
}
