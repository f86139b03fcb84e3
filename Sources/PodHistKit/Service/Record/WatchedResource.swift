import Foundation

/// What the recorder watches: the resources it lists and watches, each through its own kubectl.
public enum WatchedKind: String, Sendable, CaseIterable {
  /// core/v1 Pods: every change of a pod's status.
  case pods
  /// core/v1 Events. events.k8s.io/v1 Events are the same stored objects seen through another
  /// API, so this one watch sees every Event, whichever API wrote it.
  case events

  /// The API path of the collection, in one namespace or all.
  func path(namespace: String?) -> String {
    if let namespace { "/api/v1/namespaces/\(namespace.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? namespace)/\(rawValue)" }
    else { "/api/v1/\(rawValue)" }
  }
}

/// One thing a watcher hands the recorder.
enum RecordItem: Sendable {
  /// JSON from the API (a List page, or one watch event line) received at `received`.
  case objects(WatchedKind, bytes: [UInt8], received: Instant, deleted: Bool)
  /// A line for the log.
  case notice(RecordNotice)
}

/// What the watchers tell the user about the streams.
public enum RecordNotice: Sendable, Hashable {
  /// A complete List: `count` objects at `resourceVersion`.
  case listed(WatchedKind, count: Int, resourceVersion: String)
  /// A watch started from `resourceVersion`.
  case watching(WatchedKind, resourceVersion: String)
  /// The server ended a watch after `events` events (it does so every few minutes); watching again.
  case streamEnded(WatchedKind, events: Int)
  /// The server no longer has the history from `resourceVersion` (410 Gone): listing again.
  case gone(WatchedKind, resourceVersion: String)
  /// kubectl failed; trying again after `retryIn`.
  case failed(WatchedKind, message: String, retryIn: Duration)
  /// The history between `from` and `to` may be incomplete (a relist after a 410 or a failure):
  /// changes in between are known only by their result.
  case gap(WatchedKind, from: Instant, to: Instant, cause: RecordingGap.Trouble)
}

/// A bounded queue from the watcher threads to the recorder's thread.
final class RecordQueue: @unchecked Sendable {
  private let condition = NSCondition()
  private var items: [RecordItem] = []
  private(set) var stopped = false
  static let capacity = 4_096

  /// Adds an item, waiting while the queue is full; false once stopped.
  @discardableResult
  func put(_ item: RecordItem) -> Bool {
    condition.lock(); defer { condition.unlock() }
    while items.count >= RecordQueue.capacity && !stopped { condition.wait() }
    if stopped { return false }
    items.append(item)
    condition.broadcast()
    return true
  }

  /// Everything queued, waiting until `deadline` for something to arrive.
  func take(until deadline: Date) -> [RecordItem] {
    condition.lock(); defer { condition.unlock() }
    while items.isEmpty && !stopped && condition.wait(until: deadline) {}
    let out = items
    items.removeAll(keepingCapacity: true)
    condition.broadcast()
    return out
  }

  /// Stops the queue: puts fail, takes return at once.
  func stop() {
    condition.lock(); stopped = true; condition.broadcast(); condition.unlock()
  }

  var isStopped: Bool { condition.lock(); defer { condition.unlock() }; return stopped }

  /// Sleeps `seconds` unless stopped first; false when stopped.
  func sleep(_ seconds: Double) -> Bool {
    condition.lock(); defer { condition.unlock() }
    let deadline = Date(timeIntervalSinceNow: seconds)
    while !stopped && condition.wait(until: deadline) {}
    return !stopped
  }
}

/// Lists then watches one kind through kubectl, for as long as the recorder runs: re-watches from
/// the last resourceVersion when the server ends a stream, lists again on 410 Gone, and retries
/// with back-off (1 s doubling to 30 s) when kubectl fails.
final class WatchedResource: @unchecked Sendable {
  let kind: WatchedKind
  let namespace: String?
  let kubectl: Kubectl
  let executable: String
  let queue: RecordQueue
  let pageSize: Int
  private let lock = NSLock()
  private var current: KubectlProcess?
  /// When the recorder last knew it had everything: the last List, the last event received, or
  /// a stream the server ended. A relist after a 410 or a failure leaves a gap from here.
  var upToDate: Instant?
  /// Why the next List follows a hole (set when the watch breaks; a recorder that resumes a
  /// store starts with `recorderDown` and `upToDate` at the previous run's last commit).
  var trouble: RecordingGap.Trouble = .recorderDown

  init(kind: WatchedKind, namespace: String?, kubectl: Kubectl, executable: String, queue: RecordQueue, pageSize: Int) {
    self.kind = kind; self.namespace = namespace; self.kubectl = kubectl; self.executable = executable
    self.queue = queue; self.pageSize = pageSize
  }

  static func now() -> Instant { Instant(micros: Int64(Date().timeIntervalSince1970 * 1_000_000)) }

  /// Stops the running kubectl (the queue is stopped by the recorder).
  func stop() {
    lock.lock(); let p = current; lock.unlock()
    p?.terminate()
  }

  private func running(_ p: KubectlProcess?) {
    lock.lock(); current = p; lock.unlock()
    if p != nil && queue.isStopped { p?.terminate() }
  }

  /// Runs until the queue stops.
  func run() {
    var resourceVersion: String?
    var backOff = 1.0
    while !queue.isStopped {
      do {
        if resourceVersion == nil {
          let listedAt = WatchedResource.now()
          resourceVersion = try list()
          if let known = upToDate, listedAt > known { queue.put(.notice(.gap(kind, from: known, to: listedAt, cause: trouble))) }
          upToDate = listedAt
          backOff = 1
        }
        guard let rv = resourceVersion else { continue }
        let outcome = try watch(from: rv)
        resourceVersion = outcome.resourceVersion
        if outcome.events > 0 || (outcome.failure == nil && outcome.gone == nil) { backOff = 1 }
        if outcome.gone != nil {
          trouble = .historyGone
          queue.put(.notice(.gone(kind, resourceVersion: outcome.resourceVersion)))
          resourceVersion = nil
        } else if let failure = outcome.failure {
          trouble = .watchFailed
          queue.put(.notice(.failed(kind, message: failure, retryIn: Duration(micros: Int64(backOff * 1_000_000)))))
          guard queue.sleep(backOff) else { return }
          backOff = min(30, backOff * 2)
        } else if !queue.isStopped {
          // The server ended the stream: everything up to now was sent.
          upToDate = WatchedResource.now()
          queue.put(.notice(.streamEnded(kind, events: outcome.events)))
        }
      } catch {
        if queue.isStopped { return }
        trouble = .watchFailed
        queue.put(.notice(.failed(kind, message: "\(error)", retryIn: Duration(micros: Int64(backOff * 1_000_000)))))
        guard queue.sleep(backOff) else { return }
        backOff = min(30, backOff * 2)
      }
    }
  }

  /// Lists the collection page by page; returns the List's resourceVersion.
  func list() throws -> String {
    var token: String?
    var resourceVersion: String?
    var count = 0
    repeat {
      var path = kind.path(namespace: namespace) + "?limit=\(pageSize)"
      if let token { path += "&continue=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token) }
      let received = WatchedResource.now()
      let body = try kubectl.get(path, executable: executable)
      guard let page = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let meta = page["metadata"] as? [String: Any] else {
        throw RecordError.kubectlFailed(path: path, status: 0, message: "the answer is not a JSON List")
      }
      if resourceVersion == nil { resourceVersion = meta["resourceVersion"] as? String }
      count += (page["items"] as? [Any])?.count ?? 0
      guard queue.put(.objects(kind, bytes: body, received: received, deleted: false)) else { return resourceVersion ?? "" }
      token = (meta["continue"] as? String).flatMap { $0.isEmpty ? nil : $0 }
    } while token != nil && !queue.isStopped
    let rv = resourceVersion ?? "0"
    queue.put(.notice(.listed(kind, count: count, resourceVersion: rv)))
    return rv
  }

  struct WatchOutcome {
    var resourceVersion: String
    var events = 0
    var gone: String?
    var failure: String?
  }

  /// Watches from `resourceVersion` until the stream ends.
  func watch(from resourceVersion: String) throws -> WatchOutcome {
    var outcome = WatchOutcome(resourceVersion: resourceVersion)
    let path = kind.path(namespace: namespace) + "?watch=1&allowWatchBookmarks=true&resourceVersion=\(resourceVersion)"
    let p = try KubectlProcess(executable: executable, arguments: kubectl.arguments(raw: path))
    running(p)
    defer { running(nil) }
    queue.put(.notice(.watching(kind, resourceVersion: resourceVersion)))
    var lines = LineSplitter()
    func handle(_ line: [UInt8]) {
      // Most lines are objects: their type and resourceVersion are read without a tree.
      if let head = WatchLine.read(line), head.type != "ERROR", head.type != "BOOKMARK" {
        guard queue.put(.objects(kind, bytes: line, received: WatchedResource.now(), deleted: head.type == "DELETED")) else { return }
        if let rv = head.resourceVersion { outcome.resourceVersion = rv }
        outcome.events += 1
        upToDate = WatchedResource.now()
        return
      }
      guard let event = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
            let type = event["type"] as? String, let object = event["object"] as? [String: Any] else { return }
      switch type {
      case "ERROR":
        if (object["code"] as? Int) == 410 || (object["reason"] as? String) == "Expired" || (object["reason"] as? String) == "Gone" {
          outcome.gone = object["message"] as? String ?? "410 Gone"
        } else {
          outcome.failure = object["message"] as? String ?? "an ERROR watch event"
        }
      case "BOOKMARK":
        if let rv = (object["metadata"] as? [String: Any])?["resourceVersion"] as? String { outcome.resourceVersion = rv }
      default:
        guard queue.put(.objects(kind, bytes: line, received: WatchedResource.now(), deleted: type == "DELETED")) else { return }
        if let rv = (object["metadata"] as? [String: Any])?["resourceVersion"] as? String { outcome.resourceVersion = rv }
        outcome.events += 1
        upToDate = WatchedResource.now()
      }
    }
    while let piece = p.read() {
      for line in lines.add(piece) { handle(line) }
    }
    if let last = lines.rest() { handle(last) }
    let (status, message) = p.wait()
    if status != 0 && outcome.gone == nil && !queue.isStopped {
      if message.contains("410") || message.contains("Expired") || message.contains("too old resource version") {
        outcome.gone = message
      } else {
        outcome.failure = outcome.failure ?? "kubectl exited \(status)" + (message.isEmpty ? "" : ": \(message)")
      }
    }
    return outcome
  }
}
