import Foundation

/// Why `podhist record` could not start or go on.
public enum RecordError: PodhistError {
  /// No kubectl at the path or on PATH.
  case noKubectl(String)
  /// A kubectl run that failed: the API path asked for, its exit status and its last words.
  case kubectlFailed(path: String, status: Int32, message: String)

  /// The sentence the user reads.
  public var description: String {
    switch self {
    case let .noKubectl(what): "cannot run kubectl (\(what)); install it or name it with --kubectl PATH"
    case let .kubectlFailed(path, status, message):
      "kubectl get --raw \(path) exited \(status)" + (message.isEmpty ? "" : ": \(message)")
    }
  }
  /// 2: the command cannot work as asked.
  public var exitStatus: Int32 { 2 }
}
