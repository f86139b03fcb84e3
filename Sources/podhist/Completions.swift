import ArgumentParser
import Foundation
import PodHistKit

/// Values the shell completes from the store: pod names and namespaces (bash, zsh and fish
/// call `podhist` back with the words typed so far).
enum StoreCompletion {
  /// The store the typed words name (`--store PATH`), else the one podhist would use here.
  static func service(_ words: [String]) -> PodHistService? {
    let explicit = zip(words, words.dropFirst()).first { $0.0 == "--store" }?.1
      ?? words.first { $0.hasPrefix("--store=") }.map { String($0.dropFirst("--store=".count)) }
    return try? PodHistService.open(path: PodHistService.storePath(explicit: explicit))
  }

  /// The namespace the typed words name with `-n`/`--namespace`, if any.
  static func namespace(_ words: [String]) -> String? {
    zip(words, words.dropFirst()).first { $0.0 == "-n" || $0.0 == "--namespace" }?.1
  }

  /// Pod names in the store (of the typed namespace when one is given) that start with `prefix`.
  @Sendable static func pods(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    guard let pods = try? service(words)?.pods(namespace: namespace(words)) else { return [] }
    return Array(Set(pods.map(\.name).filter { $0.hasPrefix(prefix) })).sorted()
  }

  /// The namespaces in the store that start with `prefix`.
  @Sendable static func namespaces(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    guard let pods = try? service(words)?.pods(namespace: nil) else { return [] }
    return Array(Set(pods.map(\.namespace).filter { !$0.isEmpty && $0.hasPrefix(prefix) })).sorted()
  }
}
