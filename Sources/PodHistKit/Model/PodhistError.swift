import Foundation

/// A failure podhist reports to the user; `description` is the sentence they read and
/// `exitStatus` follows the CLI contract (1 not found, 2 bad input or usage, 3 store damaged, 4 store unusable now).
public protocol PodhistError: Error, CustomStringConvertible {
  /// The process exit status for this failure: 1 not found, 2 bad input or usage, 3 store damaged, 4 store unusable now.
  var exitStatus: Int32 { get }
}

/// Bad input: the file (or `-`), the line (or byte offset) and what is wrong.
public enum ImportError: PodhistError, Equatable {
  /// Input that cannot be read, at 1-based `line`: an empty input, an object that is neither Event nor Pod...
  case malformed(source: String, line: Int, reason: String)
  /// Binary input (a control byte at 0-based `byteOffset`) where text or JSON was expected; no line applies.
  case malformedAt(source: String, byteOffset: Int, reason: String)
  /// The input cannot be opened, read or inflated (an I/O or zlib failure).
  case unreadable(source: String, reason: String)
  /// The input is in no format podhist reads (kept for the error contract; nothing in Sources throws it today).
  case unknownFormat(source: String, reason: String)

  /// `source:line: reason` (or `source: byte N: reason`), the line the CLI prints to stderr.
  public var description: String {
    switch self {
    case let .malformed(source, line, reason): "\(source):\(line): \(reason)"
    case let .malformedAt(source, offset, reason): "\(source): byte \(offset): \(reason)"
    case let .unreadable(source, reason): "\(source): \(reason)"
    case let .unknownFormat(source, reason): "\(source): \(reason)"
    }
  }
  /// Always 2: bad input.
  public var exitStatus: Int32 { 2 }
}

/// A line that an importer skipped or doubted; the import goes on.
public struct ImportWarning: Sendable, Hashable, CustomStringConvertible {
  /// The source name (file as given, `--source NAME`, or `-`).
  public var source: String
  /// The 1-based line the warning is about.
  public var line: Int
  /// What was skipped or doubted, as a sentence without the location.
  public var message: String
  /// A warning about `line` of `source`.
  public init(source: String, line: Int, message: String) { self.source = source; self.line = line; self.message = message }
  /// `source:line: warning: message`, as printed to stderr.
  public var description: String { "\(source):\(line): warning: \(message)" }
}

/// A usage problem with a flag or argument (exit 2) or something not found (exit 1).
public enum QueryError: PodhistError {
  /// No store file at `path` (exit 1): nothing has been imported there yet.
  case noStore(path: String)
  /// An empty (0-byte) file at the store path (exit 1): it holds no store yet; an import may make one there.
  case emptyStore(path: String)
  /// No stored pod matches the name or prefix given (exit 1).
  case podNotFound(String)
  /// The name given matches several pods (exit 2); `candidates` are their `namespace/name`s.
  case ambiguousPod(String, candidates: [String])
  /// A TIME flag (`--at`, `--since`, `--until`) that is not a time; `flag` names it.
  case badTime(flag: String, text: String)
  /// A TIME flag that is a time, or an offset, outside the years 0001 to 9999.
  case timeOutOfRange(flag: String, text: String)
  /// Any other bad flag or argument (exit 2); the string is the whole sentence printed.
  case badFlag(String)

  /// How many candidates an ambiguous name lists; the rest are counted.
  public static let candidatesShown = 10

  /// The sentence the CLI prints to stderr.
  public var description: String {
    switch self {
    case let .noStore(path): "no podhist store at \(path): run `podhist import FILE` first, or pass --store PATH"
    case let .emptyStore(path): "\(path) is an empty file: it holds no podhist store yet (the first `podhist import` makes one there)"
    case let .podNotFound(p): "no pod matches \"\(p)\" in the store"
    case let .ambiguousPod(p, c):
      "\"\(p)\" matches \(c.count) pods: " + c.prefix(QueryError.candidatesShown).joined(separator: ", ")
        + (c.count > QueryError.candidatesShown ? " and \(c.count - QueryError.candidatesShown) more" : "")
    case let .badTime(flag, t): "\(flag): cannot read \"\(t)\" as a time (RFC 3339 such as 2020-07-03T07:58:09Z, or relative such as -5m)"
    case let .timeOutOfRange(flag, t):
      "\(flag): \"\(t)\" lies outside the times podhist handles (the years 0001 to 9999; offsets up to \(Age.maximumSeconds / (365 * 86400)) years)"
    case let .badFlag(m): m
    }
  }
  /// 1 for a missing store or pod, 2 for a usage problem.
  public var exitStatus: Int32 {
    switch self {
    case .noStore, .emptyStore, .podNotFound: 1
    case .ambiguousPod, .badTime, .timeOutOfRange, .badFlag: 2
    }
  }
}
