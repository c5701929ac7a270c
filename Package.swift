// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "kb",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kb", targets: ["kb"]),
        .library(name: "KnowledgeBase", targets: ["KnowledgeBase"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // Debian ships cmark-gfm's core extensions in a second -dev package; both are needed.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Makes cmark-gfm's global tables constant so Markdown parses on all cores (see the C file).
        .target(name: "CmarkTables", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "KnowledgeBase",
            dependencies: [
                "CCmarkGFM",
                "CmarkTables",
                "Yams",
            ],
            // Built-in templates, assets, UI strings and reference data are compiled into the
            // binary so a folder holding only content/initiatieven/*.md is a complete site.
            resources: [.embedInCode("Resources")]
        ),
        // `kb serve` lives in its own target so the core library (and everything that only
        // builds or checks a site) stays free of sockets and the HTTP server.
        .target(
            name: "KnowledgeBaseServe",
            dependencies: [
                "KnowledgeBase",
                // Only the socket layer: kb reads request heads itself, with limits (DevHTTPServer).
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "kb",
            dependencies: [
                "KnowledgeBase",
                "KnowledgeBaseServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc instead of glibc's malloc: a build allocates millions of small strings,
            // arrays and dictionaries on both cores, and glibc's arenas made that a fifth of the
            // CPU time (10,000 write-ups: clean build 5.3 -> 4.1 s).
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(name: "KnowledgeBaseTests", dependencies: ["KnowledgeBase", "KnowledgeBaseServe"]),
    ],
    swiftLanguageModes: [.v5]
)
