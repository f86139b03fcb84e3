import Foundation

/// Writes a `PodPicture` as inline SVG: the axis with its ticks, a lane per container (state
/// spans, hatched where unsure; terminations with their exit codes), the observations, a row per
/// kind of Event (shape and colour per kind), the cursor and a legend. Every piece of text from
/// the cluster goes through `HTMLEscaping.escape`; styling is by class (the page's CSS).
public struct PodPictureSVG {
  /// Lane geometry in pixels.
  static let laneHeight: Double = 46, rowHeight: Double = 24, barHeight: Double = 14, axisTop: Double = 26

  /// The SVG of `picture`; `compact` leaves out the legend and the observation row (the
  /// overview's small timelines); `idPrefix` keeps the pattern ids of several pictures apart.
  public static func svg(_ picture: PodPicture, compact: Bool = false, idPrefix: String = "p") -> String {
    var w = PodPictureSVG(picture: picture, compact: compact, hatch: "\(idPrefix)-hatch")
    return w.write()
  }

  let picture: PodPicture
  let compact: Bool
  let hatch: String
  var out = ""

  /// The text of an instant, on the picture's clock.
  func time(_ t: Instant) -> String { timeText(t, clock: picture.clock, style: .signed) }

  /// Formats a coordinate with one decimal.
  static func n(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
  }

  mutating func write() -> String {
    let p = picture
    let axis = p.axis
    let eventRowsHeight = Double(p.eventRows.count) * Self.rowHeight
    let obsHeight = compact || p.observations.isEmpty ? 0 : Self.rowHeight
    let statusTop = Self.axisTop + 6
    let lanesTop = statusTop + Self.rowHeight + 2
    let lanesHeight = Double(p.lanes.count) * (compact ? 30 : Self.laneHeight)
    let rowsTop = lanesTop + lanesHeight + obsHeight + 6
    let legendHeight: Double = compact ? 0 : 56
    let height = rowsTop + eventRowsHeight + 10 + legendHeight
    let e = HTMLEscaping.escape
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 \(Self.n(PodPicture.width)) \(Self.n(height))\" "
      + "width=\"\(Self.n(PodPicture.width))\" height=\"\(Self.n(height))\" role=\"img\" aria-label=\"history of \(e(ObjectRef.shown(namespace: p.object.namespace, name: p.object.name)))\">\n"
    out += "<defs><pattern id=\"\(hatch)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
      + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatchline\"/></pattern></defs>\n"
    // Axis: ticks and grid lines through every lane and row.
    out += "<g class=\"axis\">\n"
    let bottom = rowsTop + eventRowsHeight
    for tick in axis.ticks {
      let x = Self.n(axis.x(tick.instant))
      out += "<line class=\"grid\" x1=\"\(x)\" y1=\"\(Self.n(Self.axisTop))\" x2=\"\(x)\" y2=\"\(Self.n(bottom))\"/>"
        + "<text class=\"tick\" x=\"\(x)\" y=\"\(Self.n(Self.axisTop - 8))\">\(e(tick.label))</text>\n"
    }
    out += "<text class=\"utc\" x=\"4\" y=\"\(Self.n(Self.axisTop - 8))\">\(p.clock == .relative ? "time before the dump" : "time (UTC)")</text>\n"
    out += "</g>\n"
    writeStatus(top: statusTop)
    // Container lanes.
    var y = lanesTop
    for lane in p.lanes {
      writeLane(lane, top: y, height: compact ? 30 : Self.laneHeight)
      y += compact ? 30 : Self.laneHeight
    }
    if obsHeight > 0 {
      writeObservations(top: y)
      y += obsHeight
    }
    // Event rows.
    y = rowsTop
    for row in p.eventRows {
      writeRow(row, top: y)
      y += Self.rowHeight
    }
    if let c = p.cursor {
      let x = Self.n(axis.x(c))
      out += "<g class=\"cursor\"><title>--at \(e(time(c)))</title><line x1=\"\(x)\" y1=\"\(Self.n(Self.axisTop - 4))\" x2=\"\(x)\" y2=\"\(Self.n(bottom))\"/>"
        + "<text x=\"\(x)\" y=\"\(Self.n(bottom + 10))\">at \(e(time(c)))</text></g>\n"
    }
    if !compact { writeLegend(top: bottom + 22) }
    out += "</svg>"
    return out
  }

  // MARK: Lanes

  /// A lane state in words, for hovers and labels.
  static func stateText(_ s: LaneState) -> String {
    switch s {
    case .unknown: return "state unknown"
    case .running: return "running"
    case let .waiting(reason): return "waiting" + (reason.map { " (\($0))" } ?? "")
    case let .terminated(reason, code):
      return "terminated" + [reason, code.map { "exit \($0)" }].compactMap { $0 }.map { " \($0)" }.joined()
    }
  }

  mutating func writeLane(_ lane: ContainerLane, top: Double, height: Double) {
    let e = HTMLEscaping.escape
    let axis = picture.axis
    let mid = top + height / 2 + (compact ? 0 : 4)
    let restarts = lane.restarts.lowerBound == lane.restarts.upperBound ? "\(lane.restarts.lowerBound)"
      : "\(lane.restarts.lowerBound)–\(lane.restarts.upperBound)"
    out += "<g class=\"lane\" data-container=\"\(e(lane.name))\" data-kind=\"\(lane.kind.rawValue)\" data-restarts=\"\(restarts)\">\n"
    out += "<line class=\"lanesep\" x1=\"0\" y1=\"\(Self.n(top))\" x2=\"\(Self.n(PodPicture.width))\" y2=\"\(Self.n(top))\"/>"
    out += "<text class=\"lane-label\" x=\"6\" y=\"\(Self.n(mid - (compact ? -4 : 2)))\"><title>\(e(lane.name))</title>\(e(Self.clipped(lane.name, 24)))</text>"
    if !compact {
      var sub = lane.kind == .regular ? "" : "\(lane.kind.rawValue) · "
      sub += "restarts \(restarts)"
      out += "<text class=\"lane-sub\" x=\"6\" y=\"\(Self.n(mid + 12))\">\(e(sub))</text>"
      if lane.unplaced > 0 {
        out += "<text class=\"lane-sub\" x=\"6\" y=\"\(Self.n(mid + 23))\"><title>runs known only from a count, with no window to place their ends in</title>\(lane.unplaced) ends not placed</text>"
      }
    }
    out += "\n"
    for span in lane.spans {
      let x1 = axis.x(span.from), x2 = max(axis.x(span.to), x1 + 0.5)
      let state = StateClass(span.state)
      let cls = state.rawValue
      let h = state.barHeight
      let title = "\(Self.stateText(span.state)) \(time(span.from)) → \(time(span.to))" + (span.uncertain ? " (not observed: inferred or unknown)" : "")
      out += "<rect class=\"span \(cls)\(span.uncertain ? " unsure" : "")\" x=\"\(Self.n(x1))\" y=\"\(Self.n(mid - h / 2))\" width=\"\(Self.n(x2 - x1))\" height=\"\(Self.n(h))\">"
        + "<title>\(e(title))</title></rect>"
      if span.uncertain || span.state == .unknown {
        out += "<rect class=\"hatch\" x=\"\(Self.n(x1))\" y=\"\(Self.n(mid - Self.barHeight / 2))\" width=\"\(Self.n(x2 - x1))\" height=\"\(Self.n(Self.barHeight))\" fill=\"url(#\(hatch))\"/>"
      }
      if case let .waiting(reason?) = span.state, !compact, x2 - x1 > Double(reason.count) * 6.5 + 8 {
        out += "<text class=\"span-label\" x=\"\(Self.n(x1 + 3))\" y=\"\(Self.n(mid - 6))\">\(e(reason))</text>"
      }
      out += "\n"
    }
    for t in lane.terminations { writeTermination(t, mid: mid) }
    out += "</g>\n"
  }

  mutating func writeStatus(top: Double) {
    let e = HTMLEscaping.escape
    let mid = top + Self.rowHeight / 2
    out += "<g class=\"podstatus\"><text class=\"lane-label\" x=\"6\" y=\"\(Self.n(mid + 4))\">pod STATUS</text>\n"
    for s in picture.statusSpans {
      let x1 = picture.axis.x(s.from), x2 = max(picture.axis.x(s.to), x1 + 0.5)
      out += "<rect class=\"status tone-\(s.tone.rawValue)\(s.uncertain ? " unsure" : "")\" x=\"\(Self.n(x1))\" y=\"\(Self.n(mid - 9))\" width=\"\(Self.n(x2 - x1))\" height=\"18\">"
        + "<title>\(e("\(s.status) \(time(s.from)) → \(time(s.to))" + (s.uncertain ? " (not observed: changed somewhere in here)" : "")))</title></rect>"
      if s.uncertain {
        out += "<rect class=\"hatch\" x=\"\(Self.n(x1))\" y=\"\(Self.n(mid - 9))\" width=\"\(Self.n(x2 - x1))\" height=\"18\" fill=\"url(#\(hatch))\"/>"
      }
      if x2 - x1 > Double(s.status.count) * 6.5 + 6 {
        out += "<text class=\"status-label\" x=\"\(Self.n(x1 + 3))\" y=\"\(Self.n(mid + 4))\">\(e(s.status))</text>"
      }
      out += "\n"
    }
    out += "</g>\n"
  }

  /// The label of a termination: its exit code (`143`, `≈143?` when likely but not observed), or `OOM`.
  static func terminationLabel(_ t: TerminationMark) -> String {
    var label = t.exitCode.map(String.init) ?? t.likelyExit.map { "\($0)?" } ?? (t.approximate ? "" : "?")
    if t.killedBy == .oom || StatusReason(t.reason) == .oomKilled { label = "OOM " + label }
    return (t.approximate ? "≈" : "") + label
  }

  mutating func writeTermination(_ t: TerminationMark, mid: Double) {
    let e = HTMLEscaping.escape
    let x = Self.n(picture.axis.x(t.at))
    let exit = t.exitCode ?? t.likelyExit
    var title = "run \(t.run.map(String.init) ?? "?") ended"
    if let s = t.startedAt { title += " (started \(time(s)))" }
    title += t.approximate ? " somewhere in \(time(t.window?.lowerBound ?? t.at)) → \(time(t.window?.upperBound ?? t.at)) (known only from a count; placed evenly)"
      : " at \(time(t.at))"
    if let r = t.reason { title += ", \(r)" }
    if let c = t.exitCode { title += ", exit \(c)" } else if let c = t.likelyExit { title += ", exit \(c) likely (not observed)" }
    title += ", killed by: \(t.killedBy.rawValue)"
    if let s = t.source { title += " — \(s.source):\(s.firstLine)" }
    let cls = "term" + (t.approximate ? " approx" : "") + (t.isEvidence ? " evidence" : "") + (t.killedBy == .oom ? " oom" : "")
    out += "<g class=\"\(cls)\" data-exit=\"\(exit.map(String.init) ?? "")\" data-exit-observed=\"\(t.exitCode != nil)\" data-killed-by=\"\(t.killedBy.rawValue)\">"
      + "<title>\(e(title))</title>"
    if t.isEvidence { out += "<circle class=\"halo\" cx=\"\(x)\" cy=\"\(Self.n(mid))\" r=\"11\"/>" }
    out += "<line x1=\"\(x)\" y1=\"\(Self.n(mid - 11))\" x2=\"\(x)\" y2=\"\(Self.n(mid + 11))\"/>"
      + "<circle cx=\"\(x)\" cy=\"\(Self.n(mid - 11))\" r=\"3\"/>"
    if !compact { out += "<text x=\"\(x)\" y=\"\(Self.n(mid - 16))\">\(e(Self.terminationLabel(t)))</text>" }
    out += "</g>\n"
  }

  mutating func writeObservations(top: Double) {
    let e = HTMLEscaping.escape
    let mid = top + Self.rowHeight / 2
    out += "<g class=\"row observations\"><line class=\"lanesep\" x1=\"0\" y1=\"\(Self.n(top))\" x2=\"\(Self.n(PodPicture.width))\" y2=\"\(Self.n(top))\"/>"
      + "<text class=\"row-label\" x=\"6\" y=\"\(Self.n(mid + 4))\">status seen</text>\n"
    var lastX = -100.0
    for o in picture.observations {
      let x = picture.axis.x(o.at)
      guard x - lastX >= 2 else { continue }
      lastX = x
      out += "<rect class=\"obs\" x=\"\(Self.n(x - 1.5))\" y=\"\(Self.n(mid - 7))\" width=\"3\" height=\"14\">"
        + "<title>\(e("status seen \(time(o.at)) — \(o.source.source):\(o.source.firstLine)"))</title></rect>\n"
    }
    out += "</g>\n"
  }

  // MARK: Event rows

  /// The shape of a category's marks centred at (x, y), as an SVG element.
  static func shape(_ c: MarkCategory, x: Double, y: Double) -> String {
    let (X, Y) = (x, y)
    func pts(_ p: [(Double, Double)]) -> String { p.map { "\(n(X + $0.0)),\(n(Y + $0.1))" }.joined(separator: " ") }
    switch c {
    case .scheduling: return "<rect class=\"shape\" x=\"\(n(x - 5))\" y=\"\(n(y - 5))\" width=\"10\" height=\"10\"/>"
    case .pull: return "<polygon class=\"shape\" points=\"\(pts([(0, -6.5), (6.5, 0), (0, 6.5), (-6.5, 0)]))\"/>"
    case .start: return "<circle class=\"shape\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"5\"/>"
    case .probe: return "<polygon class=\"shape\" points=\"\(pts([(-6, -5), (6, -5), (0, 6)]))\"/>"
    case .kill: return "<path class=\"shape cross\" d=\"M\(n(x - 5)) \(n(y - 5))L\(n(x + 5)) \(n(y + 5))M\(n(x + 5)) \(n(y - 5))L\(n(x - 5)) \(n(y + 5))\"/>"
    case .backoff: return "<polygon class=\"shape\" points=\"\(pts([(-5, -6), (5, -6), (-5, 6), (5, 6)]))\"/>"
    case .trouble: return "<polygon class=\"shape\" points=\"\(pts([(-3, -6), (3, -6), (6, 0), (3, 6), (-3, 6), (-6, 0)]))\"/>"
    case .other: return "<circle class=\"shape ring\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"4\"/>"
    }
  }

  /// The hover of an Event mark: reasons, count, instants, container, message and source line.
  func markTitle(_ m: EventMark) -> String {
    var t = m.reasons.joined(separator: ", ")
    if m.count > 1 { t += " ×\(m.count)" }
    t += m.isSpan ? " \(time(m.from)) → \(time(m.to))" : " \(time(m.to))"
    if m.uncertainty.micros > 0 { t += " (±\(m.uncertainty))" }
    if let c = m.container { t += " [\(c)]" }
    t += ": \(m.message)"
    if m.records > 1 { t += " (and \(m.records - 1) more records gathered here)" }
    t += " — \(m.source.source):\(m.source.firstLine)"
    return t
  }

  mutating func writeRow(_ row: EventRow, top: Double) {
    let e = HTMLEscaping.escape
    let axis = picture.axis
    let mid = top + Self.rowHeight / 2
    out += "<g class=\"row cat-\(row.category.rawValue)\" data-category=\"\(row.category.rawValue)\">"
      + "<line class=\"lanesep\" x1=\"0\" y1=\"\(Self.n(top))\" x2=\"\(Self.n(PodPicture.width))\" y2=\"\(Self.n(top))\"/>"
      + Self.shape(row.category, x: 12, y: mid) + "<text class=\"row-label\" x=\"24\" y=\"\(Self.n(mid + 4))\">\(row.category.label)</text>\n"
    for (i, m) in row.marks.enumerated() {
      let x1 = axis.x(m.from), x2 = axis.x(m.to)
      // Room for the count label before the next mark.
      let room = (i + 1 < row.marks.count ? axis.x(row.marks[i + 1].from) : PodPicture.width) - x2 - 8
      let cls = "mark" + (m.isSpan ? " agg" : "") + (m.isEvidence ? " evidence" : "") + (m.type.flatMap(EventType.init(rawValue:)) == .warning ? " warning" : "")
      out += "<g class=\"\(cls)\" data-reason=\"\(e(m.reasons.joined(separator: ",")))\" data-count=\"\(m.count)\" data-records=\"\(m.records)\">"
        + "<title>\(e(markTitle(m)))</title>"
      if m.isEvidence {
        out += "<rect class=\"halo\" x=\"\(Self.n(x1 - 9))\" y=\"\(Self.n(mid - 10))\" width=\"\(Self.n(x2 - x1 + 18))\" height=\"20\" rx=\"10\"/>"
      }
      if m.isSpan {
        out += "<rect class=\"aggspan\" x=\"\(Self.n(x1))\" y=\"\(Self.n(mid - 4))\" width=\"\(Self.n(max(1, x2 - x1)))\" height=\"8\" rx=\"3\"/>"
        out += Self.shape(row.category, x: x1, y: mid)
      }
      out += Self.shape(row.category, x: x2, y: mid)
      let label = "×\(m.count)" + (m.records > 1 ? " (\(m.records) records)" : m.isSpan ? " over \(humanDuration(m.to - m.from))" : "")
      if m.count > 1 && !compact && room >= Double(label.count) * 6 {
        out += "<text class=\"count\" x=\"\(Self.n(x2 + 8))\" y=\"\(Self.n(mid + 4))\">\(e(label))</text>"
      }
      out += "</g>\n"
    }
    out += "</g>\n"
  }

  mutating func writeLegend(top: Double) {
    out += "<g class=\"legend\">"
    var x = 6.0
    let y = top + 6
    let legend: [(StateClass, String)] = [(.running, "running"), (.backoff, "back-off (waiting to restart)"), (.creating, "waiting"),
                                          (.pull, "waiting for image"), (.failed, "terminated"), (.unknown, "not observed")]
    for (state, label) in legend {
      let thin = state.barHeight
      let cls = state.rawValue + (state == .unknown ? " unsure" : "")
      out += "<rect class=\"span \(cls)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y - thin / 2))\" width=\"22\" height=\"\(Self.n(thin))\"/>"
      if state == .unknown { out += "<rect class=\"hatch\" x=\"\(Self.n(x))\" y=\"\(Self.n(y - 7))\" width=\"22\" height=\"14\" fill=\"url(#\(hatch))\"/>" }
      out += "<text x=\"\(Self.n(x + 27))\" y=\"\(Self.n(y + 4))\">\(label)</text>"
      x += 27 + Double(label.count) * 6.4 + 16
    }
    out += "<g class=\"term\"><line x1=\"\(Self.n(x + 4))\" y1=\"\(Self.n(y - 9))\" x2=\"\(Self.n(x + 4))\" y2=\"\(Self.n(y + 9))\"/><circle cx=\"\(Self.n(x + 4))\" cy=\"\(Self.n(y - 9))\" r=\"3\"/></g>"
      + "<text x=\"\(Self.n(x + 12))\" y=\"\(Self.n(y + 4))\">termination (exit code; ≈ placed from a count)</text>"
    x = 6
    let y2 = top + 30
    for c in MarkCategory.allCases {
      out += "<g class=\"cat-\(c.rawValue)\">" + Self.shape(c, x: x + 6, y: y2) + "</g><text x=\"\(Self.n(x + 16))\" y=\"\(Self.n(y2 + 4))\">\(c.label)</text>"
      x += 16 + Double(c.label.count) * 6.4 + 18
    }
    out += "<rect class=\"halo\" x=\"\(Self.n(x))\" y=\"\(Self.n(y2 - 8))\" width=\"16\" height=\"16\" rx=\"8\"/><text x=\"\(Self.n(x + 20))\" y=\"\(Self.n(y2 + 4))\">evidence of the top cause</text>"
    out += "</g>\n"
  }

  /// `s` cut to `max` characters with an ellipsis.
  static func clipped(_ s: String, _ max: Int) -> String { s.count <= max ? s : String(s.prefix(max - 1)) + "…" }
}
