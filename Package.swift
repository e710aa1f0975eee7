// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "stet",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Stet", targets: ["StetText", "StetDiff", "StetRender", "StetExtract", "StetArchive", "StetWatch"]),
        .executable(name: "stet", targets: ["stet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Thin C edges. libgit2 is loaded with dlopen when first needed (Sources/CLibgit2/Loader.c:
        // the commands that only read the index skip loading it and the 14 libraries it needs); its
        // headers come from libgit2-dev (apt), as before.
        .target(name: "CLibgit2", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .systemLibrary(name: "CLibxml2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // The pure text core: no I/O, no C.
        .target(name: "StetText"),
        .target(name: "StetDiff", dependencies: ["StetText"]),
        .target(name: "StetRender", dependencies: ["StetDiff", "StetText", .product(name: "Rainbow", package: "Rainbow")]),

        // Edges.
        .target(name: "StetExtract", dependencies: ["CLibxml2", "StetText"]),
        .target(
            name: "StetArchive",
            dependencies: ["CLibgit2", "StetExtract", "StetDiff", "StetText", "StetWatch", .product(name: "GRDB", package: "GRDB.swift")]
        ),

        // Polite periodic HTTP capture: fetching, feeds, scheduling. Storage is a protocol
        // (WatchStore, CaptureSink) so this target does not depend on StetArchive; StetArchive
        // implements them (Sources/StetArchive/Watching/).
        .target(
            name: "StetWatch",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                // Internal only: typed transport errors for FetchFailure.Reason.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            ]
        ),

        // Evaluation over the shared corpus (reads files; not part of the library product).
        .target(name: "StetEval", dependencies: ["StetDiff", "StetExtract", "StetText"]),

        // The web interface, feeds and webhooks (I/O edge: HTTP server and client).
        .target(
            name: "StetWeb",
            dependencies: [
                "StetArchive", "StetRender", "StetDiff", "StetText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),

        .executableTarget(
            name: "stet",
            dependencies: [
                "StetArchive", "StetExtract", "StetDiff", "StetRender", "StetText", "StetEval", "StetWatch", "StetWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
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
        .testTarget(
            name: "StetArchiveTests",
            dependencies: ["StetArchive", "StetExtract", "StetDiff", "StetText", "StetWatch", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "StetWatchTests",
            dependencies: [
                "StetWatch",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "StetText",
                // The watch tests serve pages from 127.0.0.1.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "StetWebTests",
            dependencies: [
                "StetWeb", "StetArchive", "StetRender", "StetDiff", "StetText",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
