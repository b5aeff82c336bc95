// swift-tools-version:6.1
import PackageDescription

// P9 of Benchmarks/README.md: export and verify an Identity Migration Bundle of 1,000,000 followers and 1,000,000
// following, measured by `scale.sh` (wall time and peak RSS through /usr/bin/time -v, against sha256sum over the
// same page files in the same run). A package of its own so that the release build links DIDMigration only, without
// the benchmark harness's malloc interposer.
let package = Package(
    name: "imb-scale",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-did", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "imb-scale",
            dependencies: [
                .product(name: "DIDCore", package: "swift-did"),
                .product(name: "DIDCrypto", package: "swift-did"),
                .product(name: "DIDMethodKey", package: "swift-did"),
                .product(name: "DIDMigration", package: "swift-did"),
            ],
            path: "Sources/imb-scale",
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        )
    ]
)
