/// A word for a suggested shell command (`kubectl logs POD -c NAME`): names come from the data and
/// are untrusted, so a name that is not a plain `[A-Za-z0-9._/-]+` word is quoted for POSIX sh and a
/// reader who copies the hint runs kubectl on that name, never what the name spells.
public enum ShellWord {
  /// `s` as it is when plain, else in single quotes (each `'` written `'\''`); "" becomes `''`.
  public static func quoted(_ s: String) -> String {
    if !s.isEmpty, s.unicodeScalars.allSatisfy(isPlain) { return s }
    return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  private static func isPlain(_ u: Unicode.Scalar) -> Bool {
    switch u {
    case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "/", "-": true
    default: false
    }
  }
}
