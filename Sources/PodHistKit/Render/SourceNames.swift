import Foundation

/// How text output names the files facts came from: the file name alone when no other source in
/// the store has that name, else the path relative to the working directory when it lies below
/// it, else the name as it was imported. JSON and YAML keep the name as imported.
public struct SourceNames: Sendable {
  private let shown: [String: String]

  /// Every source shown as imported.
  public static let asImported = SourceNames(shown: [:])

  private init(shown: [String: String]) { self.shown = shown }

  /// The short names of `sources` (every source name the store holds), seen from `workingDirectory`.
  public init(sources: [String], workingDirectory: String) {
    let cwd = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
    let distinct = Array(Set(sources))
    var byBase: [String: Int] = [:]
    for s in distinct { byBase[(s as NSString).lastPathComponent, default: 0] += 1 }
    var shown: [String: String] = [:]
    for s in distinct where s != "-" {
      let base = (s as NSString).lastPathComponent
      if byBase[base] == 1, !base.isEmpty {
        shown[s] = base
      } else if s.hasPrefix(cwd) {
        shown[s] = String(s.dropFirst(cwd.count))
      }
    }
    self.shown = shown
  }

  /// The name to print for `source`.
  public func callAsFunction(_ source: String) -> String { shown[source] ?? source }
}
