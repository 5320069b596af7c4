// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "xlsx-tasks",
    products: [
        .executable(name: "xlsx-tasks", targets: ["xlsx-tasks"]),
        .executable(name: "xlsx-tasks-bench", targets: ["xlsx-tasks-bench"]),
        .library(name: "WorkbookIO", targets: ["WorkbookIO"]),
        .library(name: "TaskSchema", targets: ["TaskSchema"]),
        .library(name: "Workspace", targets: ["Workspace"]),
        .library(name: "Mail", targets: ["Mail"]),
        .library(name: "MailReader", targets: ["MailReader"]),
        .library(name: "WebConsole", targets: ["WebConsole"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The workspace's database: SQLite (Debian libsqlite3-dev) through GRDB.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // SHA-256 of every file collected (content addressing, duplicates).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // serve: the clerk's local web page (HTTP server, pages rendered from Templates/web).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // The round's workbooks and drafts as one .zip download (writing only; reading stays our own bounded reader).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // System libxlsxwriter (Debian: libxlsxwriter-dev), found through pkg-config.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev", "zlib1g-dev"])]
        ),
        .systemLibrary(name: "SystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "WorkbookIO", dependencies: ["CXlsxWriter", "SystemZlib"]),
        // The workbook layout templates in Templates/xlsx, shipped with the tool as resources
        // (Templates/fonts is installed into the system by scripts/install-deps.sh).
        .target(
            name: "BundledTemplates",
            path: "Templates",
            exclude: ["fonts"],
            sources: ["BundledTemplates.swift"],
            resources: [.copy("xlsx"), .copy("mail"), .copy("web")]
        ),
        // Replies in: .eml, .mbox and Outlook .msg read (MIME, RFC 2047/2231 names, charsets), hand-written
        // like the writing side; the merge opens a message as it opens a .zip.
        .target(name: "MailReader", dependencies: ["WorkbookIO"]),
        .target(name: "TaskSchema", dependencies: ["WorkbookIO", "BundledTemplates", "MailReader"]),
        // Mail: RFC 5322 messages with Chinese names that Outlook and QQ Mail show correctly, hand-written
        // (no Swift MIME library in the mirror, and those on GitHub write Chinese attachment names wrongly).
        .target(name: "Mail", dependencies: ["TaskSchema", "BundledTemplates", "CCurl"]),
        // The system libcurl (Debian: libcurl4-openssl-dev): SMTP with TLS and AUTH for mail --send.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // The reporting rounds over the library: a folder with an SQLite ledger of every round.
        .target(name: "Workspace", dependencies: [
            "TaskSchema", "WorkbookIO", "Mail",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The local web page over the workspace: every action calls what the CLI calls.
        .target(name: "WebConsole", dependencies: [
            "Workspace", "TaskSchema", "WorkbookIO", "BundledTemplates",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(
            name: "xlsx-tasks",
            dependencies: [
                "TaskSchema", "WorkbookIO", "Workspace", "Mail", "WebConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Workloads for scripts/bench.sh that have no command of their own (the read checksum).
        .executableTarget(name: "xlsx-tasks-bench", dependencies: ["WorkbookIO", "TaskSchema", "SystemZlib"]),
        // Test helpers shared by the test targets: paths, running the tool and python readers.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "WorkbookIOTests", dependencies: ["WorkbookIO", "TestSupport"]),
        .testTarget(name: "TaskSchemaTests", dependencies: ["TaskSchema", "WorkbookIO", "TestSupport"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "MailReader"]),
        .testTarget(
            name: "CommandLineTests", dependencies: ["TaskSchema", "TestSupport", .target(name: "xlsx-tasks")]),
    ]
)
