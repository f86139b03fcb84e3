import Foundation

/// The progress line of a long import on a terminal's standard error: one line rewritten in place
/// (`importing events.json: 12.0 of 40.1 MB (29%), 120,000 facts, 3,400 pods`), at most every
/// `interval`, and erased at the end. Only for a terminal: piped, the CLI makes none.
public final class ProgressLine {
  let width: Int
  let interval: TimeInterval
  var last: Date?
  /// True while a line is on the screen.
  public private(set) var shown = false

  /// A progress line for a terminal `width` columns wide, redrawn at most every `interval` seconds.
  public init(width: Int, interval: TimeInterval = 0.1) { self.width = width; self.interval = interval }

  /// The bytes that draw `p`, or nil when the line was drawn less than `interval` ago (the first
  /// report is always drawn).
  public func update(_ p: ImportProgress, now: Date = Date()) -> String? {
    if let last, now.timeIntervalSince(last) < interval { return nil }
    last = now
    shown = true
    return "\r\u{1B}[K" + ProgressLine.fitted(ProgressLine.text(p), width: width - 1)
  }

  /// The bytes that erase the line, or "" when none is shown.
  public func clear() -> String {
    guard shown else { return "" }
    shown = false
    return "\r\u{1B}[K"
  }

  /// The words of the line: the source's file name (neutralised), bytes read of the total, facts and pods.
  public static func text(_ p: ImportProgress) -> String {
    let name = p.source.split(separator: "/").last.map(String.init) ?? p.source
    var bytes = megabytes(p.bytesRead)
    if let total = p.totalBytes, total > 0 {
      bytes += " of \(megabytes(total)) (\(min(100, p.bytesRead * 100 / total))%)"
    }
    return "importing \(TerminalText.neutralised(name)): \(bytes), \(grouped(p.facts)) facts, \(grouped(p.pods)) pods"
  }

  /// `s` cut to `width` characters (a wrapped line could not be rewritten in place).
  static func fitted(_ s: String, width: Int) -> String {
    s.count <= width ? s : String(s.prefix(max(0, width - 1))) + "…"
  }

  static func megabytes(_ n: Int) -> String {
    if n < 1_000_000 { return "\((n + 999) / 1000) kB" }
    let tenths = (n + 50_000) / 100_000
    return "\(tenths / 10).\(tenths % 10) MB"
  }

  static func grouped(_ n: Int) -> String {
    var digits = String(n)
    var out = ""
    while digits.count > 3 { out = "," + digits.suffix(3) + out; digits = String(digits.dropLast(3)) }
    return digits + out
  }
}
