import Foundation

/// The self-contained HTML pages of `-o html`: inline CSS and SVG, no script, nothing fetched
/// (a Content-Security-Policy says so to the browser), readable offline and printed.
public enum PodPage {
  /// The Content-Security-Policy of every page: nothing may load; inline styles and data images only.
  public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
  /// The most rows the list of marks under a picture holds; the rest are counted in a note.
  public static let listCap = 2_000

  /// The page of one pod: `timeline POD -o html` and `why POD -o html`.
  public static func html(_ p: PodPicture) -> String {
    var out = head(title: "podhist: \(ObjectRef.shown(namespace: p.object.namespace, name: p.object.name))")
    out += "<body>\n"
    out += section(p, headingLevel: 1, idPrefix: "p", compact: false)
    out += footer()
    out += "</body>\n</html>\n"
    return out
  }

  /// A page holding `text` as it is (escaped, preformatted): for what has no picture (a pod only declared).
  public static func textPage(title: String, text: String) -> String {
    head(title: "podhist: \(title)") + "<body>\n<pre>\(HTMLEscaping.escape(text))</pre>\n" + footer() + "</body>\n</html>\n"
  }

  /// The document head with the policy and the style sheet.
  static func head(title: String) -> String {
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      + "<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">\n"
      + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      + "<title>\(HTMLEscaping.escape(title))</title>\n<style>\n\(css)</style>\n</head>\n"
  }

  static func footer() -> String {
    "<footer>Written by podhist from the dumps in its store. Hover a mark for its message; every mark is listed with its source line.</footer>\n"
  }

  /// Restarts as a number or `3–5`.
  static func restartsText(_ r: ClosedRange<Int>) -> String {
    r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)–\(r.upperBound)"
  }

  /// A pod's header, picture, findings and list of marks, as a section of a page.
  static func section(_ p: PodPicture, headingLevel h: Int, idPrefix: String, compact: Bool) -> String {
    let e = HTMLEscaping.escape
    let t = { (i: Instant) in timeText(i, clock: p.clock) }
    var out = "<section class=\"pod\">\n<header>\n"
    out += p.object.isNamespaceUnknown
      ? "<h\(h)>\(e(p.object.name)) <span class=\"ns\">(namespace unknown)</span></h\(h)>\n"
      : "<h\(h)><span class=\"ns\">\(e(p.object.namespace))/</span>\(e(p.object.name))</h\(h)>\n"
    out += "<p class=\"state\"><span class=\"status\">\(e(p.status))</span> · restarts \(restartsText(p.restarts))"
      + (p.restarts.lowerBound == p.restarts.upperBound ? "" : " (a range: aggregated events hide the exact count)")
      + " · node \(e(p.node ?? "unknown")) · \(p.cursor == nil ? "at" : "at --at") \(e(t(p.at)))</p>\n"
    if let c = p.topCause {
      out += "<p class=\"cause conf-\(c.confidence.rawValue)\"><span class=\"code\">\(e(c.code.rawValue))</span>"
        + (c.container.map { " <span class=\"container\">[\(e($0))]</span>" } ?? "")
        + " <span class=\"confidence\">\(c.confidence.rawValue) confidence</span><br>\(e(c.summary))</p>\n"
    } else {
      out += "<p class=\"cause\">No cause found.</p>\n"
    }
    out += "</header>\n<figure>\n" + PodPictureSVG.svg(p, compact: compact, idPrefix: idPrefix) + "\n</figure>\n"
    if compact { return out + "</section>\n" }
    if let c = p.topCause, !c.hints.isEmpty {
      out += "<h\(h + 1)>Hints</h\(h + 1)>\n<ul class=\"hints\">\n"
      for hint in c.hints { out += "<li>\(e(FindingText.text(hint, clock: p.clock)))</li>\n" }
      out += "</ul>\n"
    }
    if let c = p.topCause, !c.evidence.isEmpty {
      out += "<h\(h + 1)>Evidence of the top cause</h\(h + 1)>\n<table class=\"evidence\">\n<tr><th>time</th><th>what</th><th>source</th></tr>\n"
      for ev in c.evidence {
        out += "<tr><td>\(e(ev.time.map(t) ?? "-"))</td><td><b>\(e(ev.reason))</b>\(ev.count.map { $0 > 1 ? " ×\($0)" : "" } ?? "") "
          + "\(e(FindingText.text(ev.message, clock: p.clock)))</td><td class=\"src\">\(e(ev.source)):\(ev.line)</td></tr>\n"
      }
      out += "</table>\n"
    }
    let unsure = p.uncertainties.map { FindingText.sentence($0, clock: p.clock) }
    let gaps = p.gaps.map { FindingText.sentence($0, clock: p.clock) }
    if !gaps.isEmpty || !unsure.isEmpty {
      out += "<h\(h + 1)>Gaps and uncertainty</h\(h + 1)>\n<ul class=\"gaps\">\n"
      for g in gaps + unsure { out += "<li>\(e(g))</li>\n" }
      out += "</ul>\n"
    }
    out += marksList(p, headingLevel: h + 1)
    return out + "</section>\n"
  }

  /// Every mark of the picture in time order with its message, time and source line.
  static func marksList(_ p: PodPicture, headingLevel h: Int) -> String {
    let e = HTMLEscaping.escape
    let t = { (i: Instant) in timeText(i, clock: p.clock) }
    struct Row { var at: Instant; var html: String }
    var rows: [Row] = []
    for lane in p.lanes {
      for m in lane.terminations {
        var what = "run \(m.run.map(String.init) ?? "?") ended"
        if let r = m.reason { what += ", \(r)" }
        if let c = m.exitCode { what += ", exit \(c)" } else if let c = m.likelyExit { what += ", exit \(c) likely (not observed)" }
        what += ", killed by: \(m.killedBy.rawValue)"
        let when = m.approximate ? "≈ " + t(m.at) : t(m.at)
        rows.append(Row(at: m.at, html: "<tr class=\"\(m.isEvidence ? "evidence" : "")\"><td>\(e(when))</td><td>termination</td><td>\(e(lane.name))</td>"
          + "<td>\(e(what))\(m.approximate ? " (known from a count; placed evenly in its window)" : "")</td>"
          + "<td class=\"src\">\(m.source.map { e("\($0.source):\($0.firstLine)") } ?? "-")</td></tr>\n"))
      }
    }
    do {
      for m in p.listedEvents {
        var when = m.isSpan ? "\(t(m.from)) → \(t(m.to))" : t(m.to)
        if m.uncertainty.micros > 0 { when += " ±\(m.uncertainty)" }
        var what = "<b>\(e(m.reasons.joined(separator: ", ")))</b>" + (m.count > 1 ? " ×\(m.count)" : "") + " \(e(m.message))"
        if m.records > 1 { what += " <i>(and \(m.records - 1) more records gathered here)</i>" }
        rows.append(Row(at: m.from, html: "<tr class=\"\(m.isEvidence ? "evidence" : "")\"><td>\(e(when))</td><td>\(e(m.type ?? "-"))</td>"
          + "<td>\(e(m.container ?? "pod"))</td><td>\(what)</td><td class=\"src\">\(e("\(m.source.source):\(m.source.firstLine)"))</td></tr>\n"))
      }
    }
    rows.sort { $0.at < $1.at }
    let terminations = p.lanes.reduce(0) { $0 + $1.terminations.count }
    var out = "<h\(h)>Every mark</h\(h)>\n<table class=\"marks\">\n<tr><th>time</th><th>type</th><th>container</th><th>what</th><th>source</th></tr>\n"
    for r in rows.prefix(listCap) { out += r.html }
    out += "</table>\n"
    let left = max(0, terminations + p.eventRecords - min(rows.count, listCap))
    if left > 0 {
      out += "<p class=\"note\">\(left) more marks are left out of this list (it holds the first \(listCap)); the picture draws all \(p.eventRecords) Event records, those too close to tell apart gathered into one mark with their summed count.</p>\n"
    }
    return out
  }

  /// The style sheet of every page; colours kept when printed.
  static let css = """
  body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222;background:#fff;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:18px 0 6px} h3{font-size:14px;margin:14px 0 4px}
  .ns{color:#666;font-weight:normal} .state{margin:2px 0} .status{font-weight:bold}
  .cause{margin:6px 0;padding:6px 10px;border-left:4px solid #999;background:#f6f6f6}
  .cause.conf-high{border-color:#c62828} .cause.conf-medium{border-color:#ef6c00} .cause.conf-low{border-color:#9e9e9e}
  .code{font-family:monospace;font-weight:bold} .confidence{color:#555;font-size:12px}
  figure{margin:8px 0;overflow-x:auto} svg.timeline{max-width:100%;height:auto;font:11px system-ui,sans-serif}
  table{border-collapse:collapse;font-size:12px} td,th{border-bottom:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
  td.src{font-family:monospace;color:#555;white-space:nowrap} tr.evidence td{background:#fff4c2}
  .note,footer{color:#666;font-size:12px} footer{margin-top:20px}
  .grid{stroke:#e4e4e4;stroke-width:1} .tick{fill:#555;text-anchor:middle} .utc{fill:#888}
  .lanesep{stroke:#eee} .lane-label{font-weight:bold;fill:#222} .lane-sub,.row-label{fill:#666}
  .span-label{fill:#555;font-size:10px}
  .st-running{fill:#43a047} .st-backoff{fill:#9e9e9e} .st-creating{fill:#90caf9} .st-pull{fill:#ab47bc}
  .st-waiterror{fill:#ef6c00} .st-done{fill:#78909c} .st-failed{fill:#b71c1c} .st-unknown{fill:#f1f1f1;stroke:#ccc}
  .span.unsure{fill-opacity:.55} .hatchline{stroke:#777;stroke-width:1.5} .hatch{pointer-events:none}
  .term line{stroke:#c62828;stroke-width:2} .term circle{fill:#c62828} .term text{fill:#c62828;font-weight:bold;text-anchor:middle;font-size:10px}
  .term.approx line{stroke-dasharray:3 2} .term.approx circle{fill:#fff;stroke:#c62828}
  .halo{fill:#ffd54f;fill-opacity:.8;stroke:#f9a825} .term circle.halo{fill:#ffd54f;stroke:#f9a825}
  .obs{fill:#546e7a} .status{stroke:#fff;stroke-width:.5} .status.unsure{fill-opacity:.45} .status-label{fill:#fff;font-weight:bold;font-size:10px;pointer-events:none}
  .tone-ok{fill:#2e7d32} .tone-pending{fill:#1976d2} .tone-failing{fill:#c62828} .tone-done{fill:#607d8b}
  .shape{stroke:#333;stroke-width:.8} .count{fill:#333;font-size:10px} .aggspan{fill-opacity:.35;stroke-width:1}
  .cat-scheduling .shape,.cat-scheduling .aggspan{fill:#1e88e5;stroke:#0d47a1}
  .cat-pull .shape,.cat-pull .aggspan{fill:#8e24aa;stroke:#4a148c}
  .cat-start .shape,.cat-start .aggspan{fill:#43a047;stroke:#1b5e20}
  .cat-probe .shape,.cat-probe .aggspan{fill:#fb8c00;stroke:#e65100}
  .cat-kill .shape.cross{fill:none;stroke:#d32f2f;stroke-width:3} .cat-kill .aggspan{fill:#d32f2f;stroke:#b71c1c}
  .cat-backoff .shape,.cat-backoff .aggspan{fill:#757575;stroke:#424242}
  .cat-trouble .shape,.cat-trouble .aggspan{fill:#6d4c41;stroke:#3e2723}
  .cat-other .shape.ring{fill:#fff;stroke:#757575;stroke-width:1.5} .cat-other .aggspan{fill:#bdbdbd;stroke:#757575}
  .cursor line{stroke:#d81b60;stroke-width:1.5;stroke-dasharray:6 3} .cursor text{fill:#d81b60;text-anchor:middle;font-weight:bold}
  .legend text{fill:#444}
  table.overview td.num{text-align:right} .counts span{display:inline-block;margin:0 10px 4px 0;padding:2px 6px;background:#f1f1f1;border-radius:3px}
  @media print{body{margin:0} figure{overflow:visible} section.pod{break-inside:avoid}}

  """
}
