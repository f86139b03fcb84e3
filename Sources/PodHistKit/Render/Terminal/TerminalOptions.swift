import Foundation

/// How text output meets the reader's terminal: whether it is coloured, and the width long lines
/// wrap to. Colour and wrapping only on a terminal (or with `PODHIST_TTY=1`, which says "this is a
/// terminal" for pagers such as `less -R` and for tests); never colour with `NO_COLOR`; never wrap
/// when piped.
public struct TerminalOptions: Sendable, Equatable {
  /// ANSI colour codes in the output.
  public var color: Bool
  /// The width long lines wrap to, with a hanging indent; nil: never wrap.
  public var width: Int?

  /// A terminal's options.
  public init(color: Bool, width: Int?) { self.color = color; self.width = width }

  /// Neither colour nor wrapping: output piped to a file or another program.
  public static let plain = TerminalOptions(color: false, width: nil)

  /// The narrowest width podhist wraps to; a narrower terminal gets lines this long.
  public static let minimumWidth = 40

  /// True when `PODHIST_TTY` asks podhist to treat its output as a terminal.
  public static func forced(_ environment: [String: String]) -> Bool {
    let v = environment["PODHIST_TTY"] ?? ""
    return !v.isEmpty && v != "0"
  }

  /// The options for an output channel: `isTerminal` is isatty's answer for it, `reportedWidth`
  /// the terminal's own width (TIOCGWINSZ) when known. `COLUMNS` wins over the reported width.
  public static func detect(isTerminal: Bool, reportedWidth: Int?, environment: [String: String]) -> TerminalOptions {
    guard isTerminal || forced(environment) else { return .plain }
    let color = (environment["NO_COLOR"] ?? "").isEmpty
    let columns = environment["COLUMNS"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 > 0 ? $0 : nil }
    let width = columns ?? reportedWidth.flatMap { $0 > 0 ? $0 : nil } ?? 80
    return TerminalOptions(color: color, width: max(width, minimumWidth))
  }

  /// `render(escape)` styled when coloured (`TerminalText.styled`), else plain and neutralised,
  /// then wrapped to the width: the text is ready for the terminal as it is.
  public func text(_ render: (String?) -> String) -> String {
    let text = color ? TerminalText.styled { render($0) } : TerminalText.neutralised(render(nil))
    return width.map { TextWrap.wrapped(text, width: $0) } ?? text
  }
}
