import ArgumentParser
import PodHistKit

/// `-o` of `get nodes`: kubectl's table, the wide table, or the documented JSON/YAML document.
enum NodeListFormat: String, CaseIterable, ExpressibleByArgument {
  case table, wide, json, yaml
}

/// `-o` of `status` and `why`: text for a reader, or the documented JSON/YAML document.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
  case text, json, yaml
}

/// `-o` of `why`: text (`wide`: `why -A`'s lines with each top cause's sentence), the documented
/// JSON/YAML document, or a self-contained HTML page.
enum ExplainFormat: String, CaseIterable, ExpressibleByArgument {
  case text, wide, json, yaml, html
}

/// `-o` of `timeline`: text, the documented JSON document, or a self-contained HTML page (the picture).
enum TimelineFormat: String, CaseIterable, ExpressibleByArgument {
  case text, json, html
}

/// `-o` of `restarts`: text for a reader, or the documented JSON document.
enum HistoryFormat: String, CaseIterable, ExpressibleByArgument {
  case text, json
}

/// The structured documents podhist writes; `Output.emit` prints one.
enum DocumentFormat {
  case json, yaml
}

/// `--format` of `import` is the library's closed set of input formats; the parser lists its values
/// in `--help` and refuses any other (exit 2).
extension InputFormat: ExpressibleByArgument {}
