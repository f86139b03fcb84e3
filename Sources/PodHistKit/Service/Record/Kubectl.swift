import Foundation

/// The user's kubectl, the recorder's transport: it already speaks every way of authenticating
/// (tokens, client certificates, exec plugins, OIDC). podhist asks it for raw API paths
/// (`kubectl get --raw PATH`), so that it controls paging, the resourceVersion a watch starts
/// from, and what happens when a stream ends.
public struct Kubectl: Sendable {
  /// The executable: a path, or a name looked up on PATH.
  public var executable: String
  /// `--kubeconfig FILE`, when given.
  public var kubeconfig: String?
  /// `--context NAME`, when given.
  public var context: String?

  /// A kubectl; `executable` defaults to `kubectl` on PATH.
  public init(executable: String = "kubectl", kubeconfig: String? = nil, context: String? = nil) {
    self.executable = executable; self.kubeconfig = kubeconfig; self.context = context
  }

  /// The executable's path: `executable` itself when it names a file, else the first match on PATH.
  public func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
    if executable.contains("/") {
      guard FileManager.default.isExecutableFile(atPath: executable) else { throw RecordError.noKubectl(executable) }
      return executable
    }
    for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(dir)/\(executable)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw RecordError.noKubectl(executable)
  }

  /// The arguments of `kubectl get --raw PATH` with this kubeconfig and context.
  func arguments(raw path: String) -> [String] {
    var a: [String] = []
    if let kubeconfig { a += ["--kubeconfig", kubeconfig] }
    if let context { a += ["--context", context] }
    return a + ["get", "--raw", path]
  }

  /// Runs `kubectl get --raw PATH` to its end: the body, or the failure with kubectl's own words.
  func get(_ path: String, executable: String) throws -> [UInt8] {
    let run = try KubectlProcess(executable: executable, arguments: arguments(raw: path))
    var body: [UInt8] = []
    while let piece = run.read() { body += piece }
    let (status, message) = run.wait()
    guard status == 0 else { throw RecordError.kubectlFailed(path: path, status: status, message: message) }
    return body
  }
}

/// One running kubectl with its standard output read in pieces (a watch: a line per event).
final class KubectlProcess: @unchecked Sendable {
  let process = Process()
  let out = Pipe()
  let err = Pipe()
  private let lock = NSLock()
  private var errBytes = Data()
  private let errDone = DispatchSemaphore(value: 0)

  /// `setpriv`, when the system has it: kubectl then runs under a shell started through
  /// `setpriv --pdeathsig TERM`, which the kernel signals when podhist dies, even by `kill -9`
  /// (Linux PR_SET_PDEATHSIG), and which then ends kubectl. Not kubectl itself: the attribute does
  /// not survive an exec from another thread, which a kubectl dispatcher (gcloud's picks a version
  /// and execs it) may do.
  static let setpriv: String? = ["/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  } .flatMap { FileManager.default.isExecutableFile(atPath: "/bin/sh") ? $0 : nil }

  /// The shell between setpriv and kubectl: runs kubectl, ends it on SIGTERM, exits with its status.
  static let guardian = #"trap 'kill -TERM "$k" 2>/dev/null; exit 143' TERM; "$@" & k=$!; wait "$k"; s=$?; wait "$k" 2>/dev/null; exit $s"#

  init(executable: String, arguments: [String]) throws {
    if let setpriv = KubectlProcess.setpriv {
      process.executableURL = URL(filePath: setpriv)
      process.arguments = ["--pdeathsig", "TERM", "--", "/bin/sh", "-c", KubectlProcess.guardian, "sh", executable] + arguments
    } else {
      process.executableURL = URL(filePath: executable)
      process.arguments = arguments
    }
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    // The guarding shell waits on SIGCHLD and stops on SIGTERM: a mask that blocks them (inherited
    // from whoever started podhist, as a test runner may) would leave it waiting forever. The child
    // takes the mask of the thread that starts it: unblocked for the start, then as it was.
    var unblock = sigset_t(), previous = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGCHLD)
    sigaddset(&unblock, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    do { try process.run() } catch { throw RecordError.noKubectl("\(executable): \(error.localizedDescription)") }
    let handle = err.fileHandleForReading
    Thread.detachNewThread { [self] in
      let data = handle.readDataToEndOfFile()
      lock.lock(); errBytes = data; lock.unlock()
      errDone.signal()
    }
  }

  /// The next bytes of standard output; nil at its end.
  func read() -> [UInt8]? {
    let data = out.fileHandleForReading.availableData
    return data.isEmpty ? nil : [UInt8](data)
  }

  /// Waits for the exit: the status and the last line kubectl wrote on standard error.
  func wait() -> (status: Int32, message: String) {
    process.waitUntilExit()
    errDone.wait()
    lock.lock(); defer { lock.unlock() }
    let text = String(decoding: errBytes, as: UTF8.self)
    let last = text.split(separator: "\n").last.map(String.init) ?? ""
    try? out.fileHandleForReading.close()
    try? err.fileHandleForReading.close()
    return (process.terminationStatus, last)
  }

  /// Asks kubectl to stop (SIGTERM).
  func terminate() {
    if process.isRunning { process.terminate() }
  }
}

/// Splits a byte stream into lines (a watch stream is one JSON object per line).
struct LineSplitter {
  private var buffer: [UInt8] = []

  /// Adds bytes; returns the complete lines they finish, without their line breaks.
  mutating func add(_ bytes: [UInt8]) -> [[UInt8]] {
    buffer += bytes
    var lines: [[UInt8]] = []
    var start = 0
    while let nl = buffer[start...].firstIndex(of: 10) {
      if nl > start { lines.append(Array(buffer[start..<nl])) }
      start = nl + 1
    }
    buffer.removeFirst(start)
    return lines
  }

  /// What is left after the stream ended (a last line without its break).
  mutating func rest() -> [UInt8]? {
    defer { buffer = [] }
    return buffer.contains { $0 != 32 && $0 != 13 && $0 != 9 } ? buffer : nil
  }
}
