// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "stet",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Stet", targets: ["StetText", "StetDiff", "StetRender", "StetExtract", "StetArchive"]),
        .executable(name: "stet", targets: ["stet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
    ],
    targets: [
        // Thin C edges: a module map and a shim header each, nothing else.
        .systemLibrary(name: "CLibgit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CLibxml2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // The pure text core: no I/O, no C.
        .target(name: "StetText"),
        .target(name: "StetDiff", dependencies: ["StetText"]),
        .target(name: "StetRender", dependencies: ["StetDiff", "StetText", .product(name: "Rainbow", package: "Rainbow")]),

        // Edges.
        .target(name: "StetExtract", dependencies: ["CLibxml2", "StetText"]),
        .target(
            name: "StetArchive",
            dependencies: ["CLibgit2", "StetExtract", "StetDiff", "StetText", .product(name: "GRDB", package: "GRDB.swift")]
        ),

        // Evaluation over the shared corpus (reads files; not part of the library product).
        .target(name: "StetEval", dependencies: ["StetDiff", "StetExtract", "StetText"]),

        .executableTarget(
            name: "stet",
            dependencies: [
                "StetArchive", "StetExtract", "StetDiff", "StetRender", "StetText", "StetEval",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // In-process benchmarks for `make bench` (not part of the product).
        .executableTarget(
            name: "stet-bench",
            dependencies: [
                "StetArchive", "StetExtract", "StetDiff", "StetRender", "StetText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "StetTextTests", dependencies: ["StetText"]),
        .testTarget(name: "StetDiffTests", dependencies: ["StetDiff", "StetText", "StetEval"]),
        .testTarget(name: "StetRenderTests", dependencies: ["StetRender", "StetDiff", "StetText"], exclude: ["Goldens"]),
        .testTarget(name: "StetExtractTests", dependencies: ["StetExtract", "StetText", "StetEval"]),
        .testTarget(name: "StetArchiveTests", dependencies: ["StetArchive", "StetExtract", "StetDiff", "StetText"]),
        .testTarget(name: "EndToEndTests", dependencies: ["StetText"]),
    ],
    swiftLanguageModes: [.v6]
)
