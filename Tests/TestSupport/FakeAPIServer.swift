import Foundation

/// The fake Kubernetes API server of `Tests/TestSupport/fakeapi/fakeapi.py`, started on a free
/// port of 127.0.0.1 with a scenario of `fixtures/record`, a kubeconfig pointing at it and a HOME
/// of its own (kubectl caches discovery under `$HOME/.kube/cache`). Stopped when released.
public final class FakeAPIServer: @unchecked Sendable {
  /// The script.
  public static let script = repositoryRoot.appending(path: "Tests/TestSupport/fakeapi/fakeapi.py").path
  /// The scenario's Event writes and pod snapshots.
  public static let events = repositoryRoot.appending(path: "fixtures/record/events.jsonl.gz").path
  /// The scenario's pod snapshots.
  public static let pods = repositoryRoot.appending(path: "fixtures/record/snapshots.jsonl.gz").path

  /// A folder of the server's own: its HOME, the kubeconfig, the port file.
  public let folder: URL
  /// The kubeconfig file.
  public let kubeconfig: String
  /// The kubectl the tests run.
  public let kubectl: String
  /// The port it listens on (`--port` starts another server on the same one).
  public let port: Int
  let process = Process()

  /// The kubectl for the tests: `$PODHIST_TEST_KUBECTL`, else `kubectl` on PATH when
  /// `kubectl version --client` works, else Debian's extracted by `.ci/run` into
  /// `.build/kubectl`; nil when there is none.
  public static let testKubectl: String? = {
    let env = ProcessInfo.processInfo.environment
    var candidates: [String] = []
    if let k = env["PODHIST_TEST_KUBECTL"], !k.isEmpty { candidates.append(k) }
    for dir in (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":") { candidates.append("\(dir)/kubectl") }
    candidates.append(repositoryRoot.appending(path: ".build/kubectl/root/usr/bin/kubectl").path)
    for c in candidates where FileManager.default.isExecutableFile(atPath: c) {
      if (try? run(c, ["version", "--client"]))?.status == 0 { return c }
    }
    return nil
  }()

  /// Why recording tests cannot run here, or nil.
  public static var unavailable: String? {
    if testKubectl == nil { return "no working kubectl (PATH, PODHIST_TEST_KUBECTL or .ci/run's .build/kubectl)" }
    if (try? run("/usr/bin/env", ["python3", "--version"]))?.status != 0 { return "no python3 for the fake API server" }
    return nil
  }

  /// Starts a server; `arguments` are fakeapi.py's (`--preload`, `--rate`, `--close-every`...).
  public init(_ arguments: [String]) throws {
    guard let kubectl = FakeAPIServer.testKubectl else { throw Failure("no kubectl") }
    self.kubectl = kubectl
    folder = FileManager.default.temporaryDirectory.appending(path: "podhist-fakeapi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appending(path: "home"), withIntermediateDirectories: true)
    let portFile = folder.appending(path: "port").path
    process.executableURL = URL(filePath: "/usr/bin/env")
    process.arguments = ["python3", FakeAPIServer.script, "--events", FakeAPIServer.events, "--pods", FakeAPIServer.pods,
                         "--port-file", portFile] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    var port: String?
    for _ in 0..<200 {
      if let p = try? String(contentsOfFile: portFile, encoding: .utf8), !p.isEmpty { port = p; break }
      Thread.sleep(forTimeInterval: 0.05)
    }
    guard let port, let number = Int(port.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      kill(process.processIdentifier, SIGKILL); throw Failure("the fake API server did not start")
    }
    self.port = number
    kubeconfig = folder.appending(path: "kubeconfig").path
    let config = """
      apiVersion: v1
      kind: Config
      clusters:
      - name: fake
        cluster:
          server: http://127.0.0.1:\(number)
      contexts:
      - name: fake
        context:
          cluster: fake
          user: fake
      users:
      - name: fake
        user: {}
      current-context: fake

      """
    try config.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
  }

  deinit { stop() }

  /// Stops the server.
  public func stop() {
    // SIGKILL: a child of the test runner may inherit SIGTERM blocked.
    if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
  }

  /// The environment a kubectl talking to this server runs in (its own HOME).
  public func environment(_ base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
    var env = base
    env["HOME"] = folder.appending(path: "home").path
    return env
  }

  /// What `/_fake/<what>` answers (`status`, `gone`, `release?n=N`), asked through kubectl.
  @discardableResult
  public func control(_ what: String) throws -> [String: Any] {
    let r = try FakeAPIServer.run(kubectl, ["--kubeconfig", kubeconfig, "get", "--raw", "/_fake/" + what], environment: environment())
    guard r.status == 0, let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any] else {
      throw Failure("/_fake/\(what): \(r.err)")
    }
    return obj
  }

  /// Waits (up to `timeout` seconds) until `condition` holds of the server's status.
  public func wait(timeout: Double = 20, until condition: ([String: Any]) -> Bool) throws {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while Date() < deadline {
      if condition(try control("status")) { return }
      Thread.sleep(forTimeInterval: 0.2)
    }
    throw Failure("timed out waiting on the fake API server: \(try control("status"))")
  }

  /// The whole scenario as watch events, one per line: what a file import of it reads.
  public static func emitStream(to path: String) throws {
    let r = try run("/usr/bin/env", ["python3", script, "--events", events, "--pods", pods, "--emit-stream", path])
    guard r.status == 0 else { throw Failure("fakeapi.py --emit-stream: \(r.err)") }
  }

  /// A failure of the test harness.
  public struct Failure: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    init(_ d: String) { description = d }
  }

  static func run(_ executable: String, _ args: [String], environment: [String: String]? = nil) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(filePath: executable)
    p.arguments = args
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out; p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }
}
