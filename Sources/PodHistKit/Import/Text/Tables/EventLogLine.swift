import Foundation

/// Event messages relayed by another program's log line: a client that prints what the API told
/// it (`2024-11-04 11:05:05.523 [218872/start (pid 72165)] DeadlineExceeded: Pod was active on
/// the node longer than …`), Tilt's `backend: [event: pod web-0] Error: secret "x" not found`,
/// skaffold's `- pod/web-0: 0/2 nodes are available: …`, a klog or bracketed-timestamp prefix. The line must open like a log line (a date, a klog
/// level and date, `time="…"`) or carry Tilt's `[event: KIND NAME]`; the message after a `] `,
/// `: ` or ` - ` must be one Kubernetes components write, optionally after its reason
/// (`Reason: message`). The log's own time is when the program printed, not when the Event
/// happened, so it is not taken as the Event's time.
enum EventLogLine {
  /// The Event a log line relays, or nil.
  static func row(_ t: Substring, line: Int) -> EventsTableRow? {
    if let r = objectRelay(t, line: line) { return r }
    let tilt = tiltObject(t)
    guard tilt != nil || opensLikeALog(t) else { return nil }
    var search = t.startIndex
    while search < t.endIndex {
      let hits = ["] ", ": ", " - "].compactMap { t.range(of: $0, range: search..<t.endIndex) }
      guard let hit = hits.min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
      search = hit.upperBound
      let rest = t[hit.upperBound...].drop { $0 == " " }
      guard rest.count >= 8 else { continue }
      let word = rest.prefix { $0 != " " }
      let known = EventMessageCatalogue.infer(message: rest) != nil
        || (word.hasSuffix(":") && EventMessageCatalogue.reason(word.dropLast()) != nil
            && EventMessageCatalogue.infer(message: rest.dropFirst(word.count)) != nil)
      guard known, var row = EventLineParser.cells(rest, line: line) else { continue }
      if let tilt {
        row.object = ObjectRef(kind: EventsTableMessages.kind(Substring(tilt.kind)), namespace: row.object.namespace, name: tilt.name)
      }
      return row
    }
    return nil
  }

  /// `- pod/web-0: 0/2 nodes are available: …` (skaffold's status check, a script's report):
  /// an object, a colon, then a message a component writes.
  static func objectRelay(_ t: Substring, line: Int) -> EventsTableRow? {
    var s = t.drop { $0 == " " }
    if s.hasPrefix("- ") || s.hasPrefix("* ") { s = s.dropFirst(2) }
    guard let colon = s.range(of: ": ") else { return nil }
    guard let o = EventLineParser.objectCell(s[..<colon.lowerBound]), o.kind.lowercased() == "pod",
          EventLineParser.isName(Substring(o.name)) else { return nil }
    let rest = s[colon.upperBound...].drop { $0 == " " }
    guard EventMessageCatalogue.infer(message: rest) != nil, var row = EventLineParser.cells(rest, line: line) else { return nil }
    row.object = ObjectRef(kind: "Pod", namespace: row.object.namespace, name: o.name)
    return row
  }

  /// `[event: pod web-0]` (Tilt): the object's kind and name.
  static func tiltObject(_ t: Substring) -> (kind: String, name: String)? {
    guard let r = t.range(of: "[event: "), let close = t[r.upperBound...].firstIndex(of: "]") else { return nil }
    let words = t[r.upperBound..<close].split(separator: " ")
    guard words.count == 2, EventLineParser.isName(words[1]) else { return nil }
    return (String(words[0]), String(words[1]))
  }

  /// `2024-11-04 11:05:05.523 …`, `[2021-03-02 10:15:27,123] …`, `2021-05-04T15:45:47Z …`,
  /// `E1225 10:12:06.453582 …` (klog), `time="2021-…"`.
  static func opensLikeALog(_ t: Substring) -> Bool {
    var s = t.drop { $0 == "[" }
    if s.hasPrefix("time=\"") { s = s.dropFirst(6) }
    let c = Array(s.prefix(16))
    func digits(_ r: Range<Int>) -> Bool { r.upperBound <= c.count && c[r].allSatisfy(\.isNumber) }
    if digits(0..<4), c.count >= 13, c[4] == "-", digits(5..<7), c[7] == "-", digits(8..<10), c[10] == " " || c[10] == "T", digits(11..<13) {
      return true
    }
    // klog: a level letter, MMDD, a space, hh:mm:ss.
    if c.count >= 11, "IWEF".contains(c[0]), digits(1..<5), c[5] == " ", digits(6..<8), c[8] == ":" { return true }
    return false
  }
}
