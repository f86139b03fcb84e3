// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "podhist",
  products: [
    .executable(name: "podhist", targets: ["podhist"]),
    .library(name: "PodHistKit", targets: ["PodHistKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    // Tests only: property tests of the parsers of ages, quantities and instants.
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "PodHistKit", dependencies: ["CSQLite", "CZlib", "Yams"]),
    .executableTarget(name: "podhist", dependencies: [
      "PodHistKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ]),
    // The repository root, golden files and the corpus, for both test targets.
    .target(name: "TestSupport", path: "Tests/TestSupport", exclude: ["fakeapi"]),
    .testTarget(name: "PodHistKitTests", dependencies: [
      "PodHistKit", "TestSupport", "Yams", .product(name: "PropertyBased", package: "swift-property-based"),
    ]),
    .testTarget(name: "podhistTests", dependencies: ["podhist", "TestSupport"]),
  ]
)
