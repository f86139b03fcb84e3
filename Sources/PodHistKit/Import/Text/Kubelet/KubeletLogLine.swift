import Foundation

/// One klog line as the kubelet writes it, read from a journal (`journalctl -u kubelet`), syslog,
/// `kubectl logs`, `crictl logs` or `docker logs`:
/// `Dec 16 17:52:00 node02 kubelet[1151]: E1216 17:52:00.629529    1151 file.go:335] body`.
///
/// The journal or syslog prefix is optional (`Dec 16 17:52:00 HOST UNIT[PID]: `, `12月 25 …`); the
/// klog header is not: a severity letter, `MMDD hh:mm:ss.uuuuuu`, the thread id, `file.go:line] `.
/// Neither prints a year.
struct KubeletLogLine: Sendable, Hashable {
  /// `I`, `W`, `E` or `F`.
  var severity: Character
  /// Month (1–12) and day (1–31) of the klog header.
  var month: Int
  /// Day of the month (1–31) of the klog header.
  var day: Int
  /// Microseconds since midnight of the klog header's time.
  var microsOfDay: Int64
  /// The host of the journal or syslog prefix, when printed.
  var host: String?
  /// The source file of the klog header (`pod_workers.go`), without its line number.
  var file: String
  /// What follows `] `: a quoted message and `key=value` pairs (1.20+), or free text.
  var body: Substring

  /// The line read as a klog line; nil when it is not one. A klog line quoted in inline
  /// backticks inside prose (`1. Log spam: \`E0301 01:06:01.286649 … podUID=…\` gets logged`) is read
  /// between its backticks.
  static func parse(_ text: Substring) -> KubeletLogLine? {
    if let line = parseWhole(text) { return line }
    guard text.count <= 100_000, let open = text.firstIndex(of: "`") else { return nil }
    var inner = text[text.index(after: open)...]
    if let close = inner.firstIndex(of: "`") { inner = inner[..<close] }
    return parseWhole(inner)
  }

  static func parseWhole(_ text: Substring) -> KubeletLogLine? {
    var s = text.drop { $0 == " " || $0 == "\t" }
    guard s.count >= 30, s.count <= 100_000 else { return nil }
    var host: String?
    if let (h, rest) = journalPrefix(s) {
      host = h; s = rest
      // MicroShift and k3s name the component inside the journal line: `microshift[1476]: kubelet E0206 …`.
      let word = s.prefix { $0 != " " }
      if word.count < s.count, word.count <= 20, word.allSatisfy({ $0.isLetter || $0 == "-" }),
         let next = s[word.endIndex...].dropFirst().first, "IWEF".contains(next) {
        s = s[word.endIndex...].dropFirst()
      }
    } else if let rest = timestampPrefix(s) { s = rest }
    let c = Array(s.prefix(40).utf8)
    guard c.count >= 30, [73, 87, 69, 70].contains(c[0]) else { return nil }  // I W E F
    func num(_ a: Int, _ n: Int) -> Int? {
      guard a + n <= c.count else { return nil }
      var v = 0
      for k in a..<(a + n) { guard c[k] >= 48, c[k] <= 57 else { return nil }; v = v * 10 + Int(c[k] - 48) }
      return v
    }
    guard let mo = num(1, 2), let d = num(3, 2), c[5] == 32, let h = num(6, 2), c[8] == 58, let mi = num(9, 2),
          c[11] == 58, let se = num(12, 2), c[14] == 46, let us = num(15, 6),
          (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, se < 61 else { return nil }
    // The thread id, right-aligned after spaces, then `file.go:123] `.
    var rest = s.dropFirst(21)
    guard rest.first == " " else { return nil }
    rest = rest.drop { $0 == " " }
    let pid = rest.prefix { $0.isNumber }
    guard !pid.isEmpty, pid.count <= 10 else { return nil }
    rest = rest[pid.endIndex...]
    guard rest.first == " " else { return nil }
    rest = rest.dropFirst()
    guard let close = rest.prefix(120).firstIndex(of: "]") else { return nil }
    let location = rest[..<close]
    guard let colon = location.lastIndex(of: ":"), location[location.index(after: colon)...].allSatisfy(\.isNumber),
          !location[..<colon].isEmpty, !location.contains(" ") else { return nil }
    let body = rest[rest.index(after: close)...].drop { $0 == " " }
    let micros = Int64(h * 3600 + mi * 60 + se) * 1_000_000 + Int64(us)
    return KubeletLogLine(severity: Character(UnicodeScalar(c[0])), month: mo, day: d, microsOfDay: micros,
                          host: host, file: String(location[..<colon]), body: body)
  }

  /// `Dec 16 17:52:00 node02 kubelet[1151]: ` (or `kubelet: ` from syslog, `12月 25 …` from a
  /// Chinese locale): the host and the text after the prefix.
  static func journalPrefix(_ s: Substring) -> (host: String, rest: Substring)? {
    let words = s.prefix(200).split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
    guard words.count == 6 else { return nil }
    let monthOK = (words[0].count == 3 && words[0].allSatisfy(\.isLetter))
      || (words[0].hasSuffix("月") && words[0].dropLast().allSatisfy(\.isNumber))
    guard monthOK, words[1].count <= 2, words[1].allSatisfy(\.isNumber),
          words[2].count == 8, words[2].filter({ $0 == ":" }).count == 2,
          words[4].hasSuffix(":"), words[4].count >= 2 else { return nil }
    return (String(words[3]), s[words[5].startIndex...])
  }

  /// An RFC 3339 time that `kubectl logs --timestamps`, `crictl logs -t` or `docker logs -t` put
  /// before each line: the text after it.
  static func timestampPrefix(_ s: Substring) -> Substring? {
    let word = s.prefix { $0 != " " }
    guard word.count >= 20, word.count <= 40, word.first?.isNumber == true, word.contains("T"),
          Instant.parseRFC3339(String(word)) != nil else { return nil }
    return s[word.endIndex...].drop { $0 == " " }
  }

  /// The klog time as microseconds in a leap year (so that 29 February is a date), for ordering
  /// and differences between lines of one log.
  var microsOfYear: Int64 {
    Int64(daysFromCivil(2000, month, min(day, daysInMonth(2000, month))) - daysFromCivil(2000, 1, 1)) * 86_400_000_000 + microsOfDay
  }
}
