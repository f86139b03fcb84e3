import Foundation

/// Parses describe's probe lines (`DescribeProbe` in kubectl's describe.go) into `Probe`:
/// `http-get http://:18082/actuator/info delay=5s timeout=1s period=5s #success=1 #failure=3`,
/// `tcp-socket :5432 ...`, `exec [cat /tmp/healthy] ...`, `grpc <pod>:9090 svc ...`, and the
/// shorter 2015 forms (`http-get http://:8080/ delay=15s timeout=1s`). Parameters the line
/// omits keep Kubernetes' defaults.
enum DescribeProbe {
  static func parse(_ text: String) -> Probe? {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard !t.isEmpty, t != "<none>" else { return nil }
    // Split the parameter tail (`key=value` words) from the kind and target.
    var words = t.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    var params: [String: String] = [:]
    while let last = words.last, let eq = last.firstIndex(of: "="),
          ["delay", "timeout", "period", "#success", "#failure", "success", "failure"].contains(String(last[..<eq])) {
      params[String(last[..<eq]).replacingOccurrences(of: "#", with: "")] = String(last[last.index(after: eq)...])
      words.removeLast()
    }
    guard let kind = words.first else { return nil }
    let target = words.dropFirst().joined(separator: " ")
    var probe: Probe
    switch kind {
    case "http-get", "http", "https-get":
      probe = Probe(type: "http-get")
      parseURL(target, into: &probe)
    case "tcp-socket", "tcp":
      probe = Probe(type: "tcp-socket")
      let hostPort = target.split(separator: " ").first.map(String.init) ?? ""
      if let colon = hostPort.lastIndex(of: ":") {
        let host = String(hostPort[..<colon])
        probe.host = host.isEmpty ? nil : host
        probe.port = String(hostPort[hostPort.index(after: colon)...])
      } else if !hostPort.isEmpty {
        probe.port = hostPort
      }
    case "exec":
      probe = Probe(type: "exec")
      var inner = target
      if inner.hasPrefix("[") { inner.removeFirst() }
      if inner.hasSuffix("]") { inner.removeLast() }
      probe.command = inner.split(separator: " ").map(String.init)
    case "grpc":
      probe = Probe(type: "grpc")
      let parts = target.split(separator: " ").map(String.init)
      if let first = parts.first, let colon = first.lastIndex(of: ":") {
        probe.port = String(first[first.index(after: colon)...])
      }
    default:
      return nil
    }
    func seconds(_ key: String) -> Int? {
      guard let v = params[key] else { return nil }
      if let a = Age.parse(v)?.value { return InputBounds.int(Int(a.micros / 1_000_000), in: InputBounds.seconds) }
      return InputBounds.int(v, in: InputBounds.seconds)
    }
    if let v = seconds("delay") { probe.initialDelaySeconds = v }
    if let v = seconds("timeout") { probe.timeoutSeconds = v }
    if let v = seconds("period") { probe.periodSeconds = v }
    if let v = params["success"].flatMap({ InputBounds.int($0, in: InputBounds.int32) }) { probe.successThreshold = v }
    if let v = params["failure"].flatMap({ InputBounds.int($0, in: InputBounds.int32) }) { probe.failureThreshold = v }
    return probe
  }

  /// `http://:18082/actuator/info`, `https://10.0.0.5:8443/healthz`, `http://:http/`.
  static func parseURL(_ url: String, into probe: inout Probe) {
    var rest = Substring(url)
    if let r = rest.range(of: "://") {
      probe.scheme = String(rest[..<r.lowerBound]).uppercased()
      rest = rest[r.upperBound...]
    }
    let slash = rest.firstIndex(of: "/") ?? rest.endIndex
    let hostPort = rest[..<slash]
    probe.path = slash < rest.endIndex ? String(rest[slash...]) : nil
    if let colon = hostPort.lastIndex(of: ":") {
      let host = String(hostPort[..<colon])
      probe.host = host.isEmpty ? nil : host
      let port = String(hostPort[hostPort.index(after: colon)...])
      probe.port = port.isEmpty ? nil : port
    } else if !hostPort.isEmpty {
      probe.host = String(hostPort)
    }
  }
}
