import Foundation
import TestSupport
import Testing

/// A headless Chromium (Debian's `chromium`, which `.ci/run` installs), or nil when none is on PATH.
enum Browser {
  static let path: String? = {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
      for name in ["chromium", "chromium-browser", "google-chrome"] {
        let p = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
      }
    }
    return nil
  }()

  /// Where the pages and screenshots are kept for a person to look at.
  static let artefacts = repositoryRoot.appending(path: ".build/html-artefacts")

  /// What one launch saw: the DOM after load, the console and CSP messages, the screenshot.
  struct Load { var dom: String; var console: [String]; var screenshot: Data }

  /// Opens `html` (saved as `name`.html) in one headless launch: dumps the DOM, takes a screenshot,
  /// and collects every console message (a CSP violation, a script error, a blocked request).
  static func load(_ html: String, name: String) throws -> Load {
    try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
    let page = artefacts.appending(path: "\(name).html"), png = artefacts.appending(path: "\(name).png")
    try html.write(to: page, atomically: true, encoding: .utf8)
    try? FileManager.default.removeItem(at: png)
    let profile = FileManager.default.temporaryDirectory.appending(path: "podhist-chromium-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    let p = Process()
    p.executableURL = URL(filePath: path ?? "chromium")
    p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
                   "--enable-logging=stderr", "--v=0", "--window-size=1300,900", "--hide-scrollbars",
                   "--dump-dom", "--screenshot=\(png.path)", page.absoluteString]
    let out = Pipe(), err = Pipe()
    p.standardOutput = out; p.standardError = err
    try p.run()
    // Read both pipes while it runs (a full pipe would block it).
    nonisolated(unsafe) var errData = Data()
    let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let dom = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    while reader.isExecuting || !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
    let console = String(decoding: errData, as: UTF8.self).split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
    return Load(dom: String(decoding: dom, as: UTF8.self), console: console, screenshot: (try? Data(contentsOf: png)) ?? Data())
  }
}

/// `-o html` pages opened in a real browser: they load with no console message and no request,
/// and show the marks each case's story needs. Screenshots are kept in .build/html-artefacts.
@Suite(.serialized, .enabled(if: Browser.path != nil, "no chromium on PATH: install Debian's chromium (apt-get install -y chromium; .ci/run does) to run the browser tests"))
struct BrowserTests {
  /// `podhist why POD -o html` for the first pod (or `pod`) of a corpus case.
  func page(_ prefix: String, pod: String? = nil, extra: [String] = []) throws -> String {
    let cli = try CLI()
    let dir = try #require(try FileManager.default.contentsOfDirectory(atPath: cli.fixture("corpus")).first { $0.hasPrefix(prefix + "-") })
    let inputs = try FileManager.default.contentsOfDirectory(atPath: cli.fixture("corpus/\(dir)")).filter { $0.hasPrefix("input") }.sorted()
    #expect(try cli.run(["import"] + inputs.map { cli.fixture("corpus/\(dir)/\($0)") }).status == 0)
    var ns = "default", name = pod ?? ""
    if pod == nil {
      let list = try JSONSerialization.jsonObject(with: Data(try cli.run(["get", "pods", "-A", "-o", "json"]).out.utf8)) as? [String: Any]
      let first = try #require((list?["items"] as? [[String: Any]])?.first)
      ns = first["namespace"] as? String ?? "default"
      name = first["name"] as? String ?? ""
    }
    let r = try cli.run(["why", name, "-n", ns, "-o", "html"] + extra)
    #expect(r.status == 0, "\(r.err)")
    return r.out
  }

  /// The part of the DOM that draws the pod (the legend, which shows every shape, cut off).
  static func drawn(_ dom: String) -> String { dom.components(separatedBy: "<g class=\"legend\">").first ?? dom }
  static func count(_ s: String, in dom: String) -> Int { dom.components(separatedBy: s).count - 1 }

  func expectCleanLoad(_ load: Browser.Load, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(load.console.isEmpty, "console: \(load.console)", sourceLocation: sourceLocation)
    #expect(load.dom.contains("<svg"), sourceLocation: sourceLocation)
    // A PNG, and not a blank one: a blank 1300x900 page compresses to a few KB.
    #expect(load.screenshot.starts(with: [0x89, 0x50, 0x4E, 0x47]) && load.screenshot.count > 20_000,
            "screenshot \(load.screenshot.count) bytes", sourceLocation: sourceLocation)
  }

  /// The detector works: a page that loads a remote image and runs a script is reported.
  @Test func aRequestOrAScriptIsSeen() throws {
    let html = "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:\">"
      + "</head><body><img src=\"http://192.0.2.1/x.png\"><script>console.error('x')</script></body></html>"
    let load = try Browser.load(html, name: "control")
    #expect(load.console.contains { $0.contains("http://192.0.2.1/x.png") }, "\(load.console)")
    #expect(load.console.contains { $0.contains("inline script") }, "\(load.console)")
  }

  @Test func seedShowsFourKillsAndTheProbeFailures() throws {
    let load = try Browser.load(try page("000", pod: "springboot-mybatis-deployment-dcd7f8bbf-9wfxl"), name: "000-seed")
    expectCleanLoad(load)
    let d = Self.drawn(load.dom)
    #expect(Self.count("<g class=\"term", in: d) == 4)
    #expect(Self.count("data-exit=\"143\"", in: d) == 4)
    #expect(Self.count("data-exit=\"143\" data-exit-observed=\"true\"", in: d) == 1)
    #expect(d.contains("<g class=\"mark agg evidence warning\" data-reason=\"Unhealthy\" data-count=\"10\" data-records=\"1\">"))
    #expect(d.contains("data-reason=\"Killing\" data-count=\"3\""))
    #expect(d.contains("CrashLoop.LivenessProbe"))
    #expect(d.contains("class=\"status tone-ok\""))  // Running at the end
  }

  @Test func seedWithACursor() throws {
    let load = try Browser.load(try page("000", pod: "springboot-mybatis-deployment-dcd7f8bbf-9wfxl", extra: ["--at", "2020-07-03T07:58:05Z"]),
                                name: "000-seed-at")
    expectCleanLoad(load)
    #expect(load.dom.contains("<g class=\"cursor\"><title>--at 2020-07-03T07:58:05Z</title>"))
  }

  @Test func livenessLoop() throws {
    let load = try Browser.load(try page("142"), name: "142-liveness")
    expectCleanLoad(load)
    let d = Self.drawn(load.dom)
    #expect(d.contains("data-category=\"probe\"") && d.contains("data-category=\"kill\""))
    #expect(d.contains("CrashLoop.LivenessProbe"))
  }

  @Test func oomLoop() throws {
    let load = try Browser.load(try page("067"), name: "067-oom")
    expectCleanLoad(load)
    let d = Self.drawn(load.dom)
    #expect(d.contains("data-exit=\"137\" data-exit-observed=\"true\" data-killed-by=\"oom\""))
    #expect(d.contains("CrashLoop.OOMKilled"))
    #expect(d.contains("data-category=\"backoff\""))
  }

  @Test func imagePullBackOff() throws {
    let load = try Browser.load(try page("069"), name: "069-pull")
    expectCleanLoad(load)
    let d = Self.drawn(load.dom)
    #expect(d.contains("data-category=\"pull\""))
    #expect(d.contains("class=\"span st-pull"))
    #expect(d.contains("Image.PullFailed"))
  }

  @Test func unschedulable() throws {
    let load = try Browser.load(try page("038"), name: "038-unschedulable")
    expectCleanLoad(load)
    let d = Self.drawn(load.dom)
    #expect(d.contains("data-reason=\"FailedScheduling\" data-count=\"12\""))
    #expect(d.contains("class=\"status tone-pending\""))
    #expect(d.contains("Unschedulable.InsufficientResources"))
  }

  @Test func initContainerFailure() throws {
    let load = try Browser.load(try page("068"), name: "068-init")
    expectCleanLoad(load)
    let d = Self.drawn(load.dom)
    #expect(d.contains("data-container=\"downloader\" data-kind=\"init\""))
    #expect(d.contains("data-exit=\"128\""))
    // Init lanes come before regular ones.
    let initAt = d.range(of: "data-kind=\"init\"")?.lowerBound, regularAt = d.range(of: "data-kind=\"regular\"")?.lowerBound
    #expect(initAt != nil && regularAt != nil && initAt! < regularAt!)
  }

  @Test func theWholeStorePage() throws {
    let cli = try CLI()
    for c in ["000-seed-springboot-liveness-probe-port/input.txt", "038-describe-event-insufficient-cpu-memory-2019/input.txt"] {
      #expect(try cli.run(["import", cli.fixture("corpus/\(c)")]).status == 0)
    }
    let r = try cli.run(["why", "-A", "-o", "html"])
    #expect(r.status == 0, "\(r.err)")
    let load = try Browser.load(r.out, name: "why-all")
    expectCleanLoad(load)
    #expect(load.dom.contains("<a href=\"#pod-1\">"))
    #expect(load.dom.contains("id=\"pod-1\""))
    #expect(load.dom.contains("Unschedulable.InsufficientResources"))
  }
}
