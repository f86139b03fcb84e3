import Foundation

/// The page of `why -A -o html`.
public enum OverviewPage {
  /// The anchor of a pod's section.
  static func anchor(_ i: Int) -> String { "pod-\(i + 1)" }

  /// The whole page: counts per cause code, the table (rows link to their sections), the sections.
  public static func html(_ o: StoreOverview) -> String {
    let e = HTMLEscaping.escape
    var out = PodPage.head(title: "podhist: pods needing attention") + "<body>\n<h1>Pods needing attention</h1>\n"
    if o.total == 0 {
      out += "<p>Every pod in scope is Running and Ready or Completed, with no restart in the last hour.</p>\n"
      return out + PodPage.footer() + "</body>\n</html>\n"
    }
    out += "<p>\(o.total) pod\(o.total == 1 ? "" : "s")" + (o.at.map { " at \(e($0.rfc3339))" } ?? "") + ". Top causes:</p>\n<p class=\"counts\">"
    for c in o.causeCounts {
      out += "<span><span class=\"code\">\(e(c.code?.rawValue ?? "no cause found"))</span> \(c.count)</span>"
    }
    out += "</p>\n<table class=\"overview\">\n<tr><th>namespace</th><th>pod</th><th>status</th><th>restarts</th><th>top cause</th><th>since</th></tr>\n"
    for (i, r) in o.rows.enumerated() {
      let name = i < o.pictures.count ? "<a href=\"#\(anchor(i))\">\(e(r.object.name))</a>" : e(r.object.name)
      out += "<tr><td>\(e(ObjectRef.cell(namespace: r.object.namespace)))</td><td>\(name)</td><td>\(e(r.status))</td><td class=\"num\">\(PodPage.restartsText(r.restarts))</td>"
        + "<td><span class=\"code\">\(e(r.cause?.code.rawValue ?? "-"))</span>\(r.cause.map { " (\($0.confidence.rawValue))" } ?? "")</td>"
        + "<td>\(e(timeText(r.since, clock: r.clock)))</td></tr>\n"
    }
    out += "</table>\n"
    if o.total > o.rows.count { out += "<p class=\"note\">\(o.total - o.rows.count) more pods needing attention are left out of this table (it shows the first \(o.rows.count)); narrow it with -n NAMESPACE.</p>\n" }
    if o.rows.count > o.pictures.count { out += "<p class=\"note\">Timelines are drawn for the first \(o.pictures.count) pods; `podhist why POD -o html` draws any other.</p>\n" }
    for (i, p) in o.pictures.enumerated() {
      out += "<div id=\"\(anchor(i))\">\n" + PodPage.section(p, headingLevel: 2, idPrefix: anchor(i), compact: true) + "</div>\n"
    }
    return out + PodPage.footer() + "</body>\n</html>\n"
  }
}
