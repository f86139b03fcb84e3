import Foundation

/// Images that cannot be pulled or used: pull failures (not found, unauthorized, rate limited,
/// network), invalid names, `imagePullPolicy: Never` without the image.
enum ImageRules {
  /// How a pull failure of `message` is worded in a cause: its label and hint.
  static func pullKind(_ message: String) -> (label: String, hint: String) {
    switch EventReading.pullProblem(in: message) {
    case .rateLimited:
      ("rate limited by the registry", "The registry is rate-limiting pulls (Docker Hub's anonymous limit): authenticate with an imagePullSecret or use a mirror.")
    case .repositoryDeniedOrMissing:
      ("the repository does not exist or needs credentials", "The registry answers the same for a missing repository and a private one: check the image name, and add an imagePullSecret if it is private.")
    case .unauthorized:
      ("unauthorized", "The registry refused the credentials: add or fix the imagePullSecret (or the node's registry login).")
    case .notFound:
      ("the image or tag does not exist", "The tag (or image) was never pushed or is misspelled: check it with `docker manifest inspect` / the registry UI.")
    case .registryUnreachable:
      ("the node cannot reach the registry", "A network, DNS, proxy or TLS problem between the node and the registry: try pulling the image on the node itself.")
    case .unknown:
      ("the pull failed", "The first `Failed to pull image` message carries the registry's error.")
    }
  }

  static func candidates(_ ctx: ExplainContext) -> [Candidate] {
    var out: [Candidate] = []
    var coveredImages = Set<String>()
    // From container states.
    for c in ctx.state.containers {
      guard let w = c.state, w.kind == .waiting else { continue }
      // 2014–2015 tables print the waiting message without a reason:
      // `Error: image library/foo:latest not found`, `image pull failed for …`.
      if w.reason == nil, let m = w.message, EventReading.saysPullFailure(m) {
        out.append(pull(ctx, container: c.name, kind: c.kind, image: c.image, waiting: w, score: 84 + (c.kind == .`init` ? 8 : 0)))
        if let i = c.image { coveredImages.insert(i) }
        continue
      }
      guard let reason = w.knownReason else { continue }
      switch reason {
      case .errImagePull, .imagePullBackOff, .registryUnavailable, .imageInspectError, .signatureValidationFailed:
        out.append(pull(ctx, container: c.name, kind: c.kind, image: c.image, waiting: w, score: 86 + (c.kind == .`init` ? 8 : 0)))
        if let i = c.image { coveredImages.insert(i) }
      case .invalidImageName:
        out.append(simple(ctx, code: .imageInvalidName, container: c.name, kind: c.kind, waiting: w, score: 86,
                          summary: "The image name of \(c.kind == .`init` ? "init container" : "container") \(c.name) (\(c.image ?? "?")) is not a valid reference, so the kubelet cannot pull it.",
                          hint: "Fix the image reference (lower-case repository, `name:tag` or `name@sha256:...`)."))
      case .errImageNeverPull:
        out.append(simple(ctx, code: .imageNeverPull, container: c.name, kind: c.kind, waiting: w, score: 86,
                          summary: "imagePullPolicy is Never and the image \(c.image ?? "") is not on the node.",
                          hint: "Load the image onto the node (kind load / minikube image load) or change imagePullPolicy."))
      default: break
      }
    }
    // From events alone.
    let failures = ctx.events.filter { $0.reading.isFailedPull }
    var byImage: [String: [EventFact]] = [:]
    var order: [String] = []
    for f in failures {
      let img = f.reading.image ?? ""
      if byImage[img] == nil { order.append(img) }
      byImage[img, default: []].append(f)
    }
    for img in order where !coveredImages.contains(img) {
      guard let fs = byImage[img], let last = fs.last else { continue }
      let pulledLater = ctx.events.contains { e in
        e.kind == .pulled && e.last > last.last && (img.isEmpty || e.reading.mentions(img))
      } || ctx.progress(after: last.last, container: last.container) != nil
      let container = last.container
      // The retries (Pulling, back-off) are the series to judge, not only the Failed events.
      let activity = ctx.events.filter { e in
        [.pulling, .backOff, .backOffSpaced, .failed].contains(e.kind) && (img.isEmpty || e.reading.mentions(img))
      }.map(\.last).max() ?? last.last
      let quiet = ctx.quiet(since: activity)
      var cand = pull(ctx, container: container, kind: last.containerKind ?? .regular, image: img.isEmpty ? nil : img, waiting: nil,
                      score: pulledLater ? 4 : 76)
      if pulledLater {
        cand.cause.confidence = .low
        cand.cause.summary = "Pulling \(img) failed earlier but a later pull succeeded: the pull failure is history."
      } else if quiet {
        VolumeRules.quieten(ctx, &cand, activity)
      }
      out.append(cand)
    }
    for e in ctx.events where e.kind == .inspectFailed || e.kind == .errImageNeverPull {
      let code: CauseCode = e.kind == .inspectFailed ? .imageInvalidName : .imageNeverPull
      if out.contains(where: { $0.cause.code == code }) { continue }
      let cleared = ctx.progress(after: e.last, container: e.container) != nil
      out.append(Candidate(cause: Cause(code: code, container: e.container, containerKind: e.containerKind ?? .regular,
                                        confidence: cleared ? .low : .high, summary: e.message,
                                        chain: ["\(time: e.last) \(e.reason): \(e.message)"], evidence: [ctx.evidence(e)]),
                           score: cleared ? 4 : 76))
    }
    return out
  }

  static func pull(_ ctx: ExplainContext, container: String?, kind: ContainerKind, image: String?, waiting: ContainerState?, score: Int) -> Candidate {
    let failures = ctx.events.filter { e in
      e.reading.isFailedPull
        && (image == nil || e.reading.mentions(image ?? "") || e.container == container)
    }
    let backoffs = ctx.events.filter { e in e.reading.isPullBackOff && (image == nil || e.reading.mentions(image ?? "")) }
    let text = failures.last?.message ?? waiting?.message ?? ""
    let (label, hint) = pullKind(text)
    let named = image ?? EventReading.image(in: text)
    let img = named ?? "?"
    var summary = "The image \(img) cannot be pulled: \(label)"
    if failures.isEmpty && waiting?.message == nil {
      summary = "The image \(img) cannot be pulled (\(waiting?.reason ?? "pull failed")); the registry's error is not in the store"
    }
    summary += "."
    var chain: [Narrative] = []
    if let p = ctx.events.first(where: { $0.kind == .pulling && (image == nil || $0.reading.mentions(img)) }) {
      chain.append("\(time: p.first) pulling \(img)")
    }
    if let f = failures.first {
      chain.append("\(time: f.first) – \(time: failures.last?.last) pull failed ×\(ctx.total(failures)): \(f.message)")
    }
    if let b = backoffs.last { chain.append("\(time: b.last) back-off pulling the image (×\(ctx.total(backoffs)))") }
    if let w = waiting { chain.append("container waiting: \(w.reason ?? "")") }
    var ev: [Evidence?] = failures.suffix(2).map { ctx.evidence($0) }
    ev += ctx.events.filter { $0.reading.isPullErrorReport }.suffix(1).map { ctx.evidence($0) }
    if let w = waiting, let c = container {
      ev.append(ctx.evidence(container: c, field: "state", reason: "State", message: "Waiting \(w.reason ?? "")" + (w.message.map { ": " + $0 } ?? "")))
    }
    var hints = [Narrative(hint)]
    if let named, !ctx.events.contains(where: { $0.kind == .pulled && $0.reading.mentions(named) }) {
      hints.append("No pull of \(img) succeeded anywhere in this history: the tag has never been pulled here.")
    }
    return Candidate(cause: Cause(code: .imagePullFailed, container: container, containerKind: kind,
                                  confidence: failures.isEmpty && waiting?.message == nil ? .medium : .high,
                                  summary: summary, chain: chain, evidence: ev.compactMap { $0 }, hints: hints), score: score)
  }

  static func simple(_ ctx: ExplainContext, code: CauseCode, container: String, kind: ContainerKind, waiting: ContainerState,
                     score: Int, summary: String, hint: String) -> Candidate {
    let ev = ctx.evidence(container: container, field: "state", reason: "State", message: "Waiting \(waiting.reason ?? "")" + (waiting.message.map { ": " + $0 } ?? ""))
    let related = ctx.events.filter { [.inspectFailed, .errImageNeverPull, .failed].contains($0.kind) && ctx.belongs($0, to: container) }.suffix(2).map { ctx.evidence($0) }
    return Candidate(cause: Cause(code: code, container: container, containerKind: kind, confidence: .high, summary: summary,
                                  chain: ["container waiting: \(waiting.reason ?? "")" + (waiting.message.map { " (\($0))" } ?? "")],
                                  evidence: ([ev].compactMap { $0 }) + related, hints: [Narrative(hint)]), score: score)
  }
}
