import Foundation

/// The one escaping of text for the HTML and SVG podhist writes: every name, reason, message,
/// label and source name from a cluster or a paste goes through `escape` before it reaches a
/// page, in element content and in double-quoted attributes alike. Nothing untrusted is ever
/// written into a URL, a style or a script (the pages have no script at all).
public enum HTMLEscaping {
  /// `text` safe in element content and in a double-quoted attribute: `& < > " '` as entities;
  /// C0 and C1 control characters (but tab and newline), DEL, and the bidirectional overrides
  /// and isolates (which reorder what a reader sees) as U+FFFD.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      default:
        if isNeutralised(scalar) { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }

  /// Whether a scalar is shown as U+FFFD: a control character (not tab or newline), DEL, a C1
  /// control, a bidirectional embedding, override, isolate or mark (U+061C, U+200E-F,
  /// U+202A-E, U+2066-9), or a line/paragraph separator (U+2028-9).
  static func isNeutralised(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
    default: return false
    }
  }
}
