/// Text bound for a terminal, made harmless: untrusted text from a cluster or a paste (Event
/// messages, names, reasons, file contents echoed in errors) must not drive the reader's terminal
/// (kubectl's CVE-2021-25743 class: clear-screen, OSC 52 clipboard writes, hidden or reordered text).
///
/// `neutralised` is applied once per output channel (the CLI's standard output and standard error
/// writers), so every renderer, present or future, is covered; podhist's own colours are added after
/// it by `styled`, through a marker that the data provably does not contain.
public enum TerminalText {
  /// True for a scalar a terminal would act on rather than show: C0 but tab and newline, DEL, C1,
  /// and the bidirectional controls (embeddings, overrides, isolates, marks, the Arabic letter mark).
  public static func isControl(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x09, 0x0A: false
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: true
    case 0x2028, 0x2029: true  // line and paragraph separators: a line break the reader cannot see coming
    default: false
    }
  }

  /// `s` with every control scalar shown escaped: `\x1b` for C0 and DEL, `\u009b` for C1 and the
  /// bidi and separator controls. Other text (tabs, newlines, any printable Unicode) is unchanged.
  public static func neutralised(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: isControl) else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      guard isControl(u) else { out.append(u); continue }
      let escaped = u.value < 0x80 ? "\\x" + hex(u.value, width: 2) : "\\u" + hex(u.value, width: 4)
      out.append(contentsOf: escaped.unicodeScalars)
    }
    return String(out)
  }

  /// A styled text: `render(escape)` is called with the escape that starts each of podhist's colour
  /// codes (`escape + "[1m"`). The data is neutralised and only podhist's own codes come out as ESC:
  /// `render` is first called with "" to learn every scalar the data holds, then with a private-use
  /// marker absent from it, and the marker becomes ESC after neutralising.
  public static func styled(_ render: (String) -> String) -> String {
    let plain = render("")
    let used = Set(plain.unicodeScalars.map(\.value))
    // Supplementary private use area B: 65,534 candidates, far more than any text can exclude.
    var value: UInt32 = 0x100000
    while used.contains(value), value < 0x10FFFD { value += 1 }
    guard !used.contains(value), let marker = Unicode.Scalar(value) else { return neutralised(plain) }
    let text = neutralised(render(String(Character(marker))))
    var out = String.UnicodeScalarView()
    for u in text.unicodeScalars { out.append(u == marker ? "\u{1B}" : u) }
    return String(out)
  }

  private static func hex(_ v: UInt32, width: Int) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
