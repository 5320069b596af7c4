// swift-tools-version:6.0
// libFuzzer targets for the readers of whatever arrives by email. Built apart from the main
// package (its own .build, with -sanitize=fuzzer,address): scripts/fuzz.sh builds and runs them.
import PackageDescription

let fuzz: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "xlsx-tasks-fuzz",
    dependencies: [.package(name: "xlsx-tasks", path: "..")],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        .executableTarget(name: "FuzzReturnedFile", dependencies: ["FuzzSupport", .product(name: "TaskSchema", package: "xlsx-tasks")], swiftSettings: fuzz),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", .product(name: "WorkbookIO", package: "xlsx-tasks")], swiftSettings: fuzz),
        .executableTarget(name: "FuzzDocx", dependencies: ["FuzzSupport", .product(name: "TaskSchema", package: "xlsx-tasks")], swiftSettings: fuzz),
        .executableTarget(name: "FuzzMail", dependencies: ["FuzzSupport", .product(name: "MailReader", package: "xlsx-tasks")], swiftSettings: fuzz),
        .executableTarget(name: "FuzzFileKind", dependencies: ["FuzzSupport", .product(name: "WorkbookIO", package: "xlsx-tasks")], swiftSettings: fuzz),
    ]
)
