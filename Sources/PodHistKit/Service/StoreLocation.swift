import Foundation

/// Finds the store file as docs/cli.md says: `--store PATH`; else `PODHIST_STORE`; else the nearest
/// `podhist.db` in the current directory or its parents; else `./podhist.db` (created on first
/// import).
public enum StoreLocation {
  /// The store's path for `--store` (`explicit`), the environment and the current directory.
  public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                             currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let env = environment["PODHIST_STORE"], !env.isEmpty { return env }
    var dir = URL(filePath: currentDirectory)
    while true {
      let candidate = dir.appending(path: "podhist.db").path
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path { break }
      dir = parent
    }
    return URL(filePath: currentDirectory).appending(path: "podhist.db").path
  }
}
