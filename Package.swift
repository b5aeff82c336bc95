// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode plus the upcoming features the project requires
/// (existential `any`, member import visibility, internal imports by default).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "swift-did",
    platforms: [.macOS(.v15)],  // Linux is the target; this line only matters on a Mac.
    products: [
        .library(name: "DIDCore", targets: ["DIDCore"]),
        .library(name: "DIDCrypto", targets: ["DIDCrypto"]),
        .library(name: "DIDMethodKey", targets: ["DIDMethodKey"]),
        .library(name: "DIDKeyStore", targets: ["DIDKeyStore"]),
        .library(name: "DIDMethodWeb", targets: ["DIDMethodWeb"]),
        .library(name: "DIDMethodJWK", targets: ["DIDMethodJWK"]),
        .library(name: "DIDResolution", targets: ["DIDResolution"]),
        .library(name: "DIDCredentials", targets: ["DIDCredentials"]),
        .library(name: "DIDMigration", targets: ["DIDMigration"]),
        .executable(name: "did", targets: ["did"]),
        .executable(name: "did-resolver", targets: ["did-resolver"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `swift package generate-documentation` (make docs); a plugin, linked into no target.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // L0: C libraries from the system, through pkg-config. Each is imported by exactly one Swift module.
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        .systemLibrary(
            name: "CSecp256k1",
            pkgConfig: "libsecp256k1",
            providers: [.apt(["libsecp256k1-dev"]), .brew(["secp256k1"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),

        // L1: syntax, data model, JSON, encodings, resolver protocol. Foundation only.
        .target(name: "DIDCore", swiftSettings: swiftSettings),

        // L2: keys and signatures.
        .target(
            name: "DIDCrypto",
            dependencies: [
                "DIDCore", "CSodium", "CSecp256k1",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // L2: encrypted key files. libsodium's Argon2id and XChaCha20-Poly1305 are reached through DIDCrypto.
        .target(name: "DIDKeyStore", dependencies: ["DIDCore", "DIDCrypto"], swiftSettings: swiftSettings),

        // L3: DID methods.
        .target(name: "DIDMethodKey", dependencies: ["DIDCore", "DIDCrypto"], swiftSettings: swiftSettings),
        .target(name: "DIDMethodWeb", dependencies: ["DIDCore", "DIDCrypto"], swiftSettings: swiftSettings),
        .target(name: "DIDMethodJWK", dependencies: ["DIDCore", "DIDCrypto"], swiftSettings: swiftSettings),

        // L4: the resolver: libcurl fetcher, multi-method resolver, cache, dereferencing.
        .target(
            name: "DIDResolution",
            dependencies: [
                "DIDCore", "DIDMethodKey", "DIDMethodWeb", "DIDMethodJWK", "CCurl",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // L5: verifiable credentials.
        .target(name: "DIDCredentials", dependencies: ["DIDCore", "DIDCrypto"], swiftSettings: swiftSettings),

        // L6: the Identity Migration Bundle: model, Merkle trees, export, verification.
        .target(
            name: "DIDMigration",
            dependencies: [
                "DIDCore", "DIDCrypto", "DIDCredentials",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),

        // L7: the `did` command line tool, as a library plus a thin executable.
        .target(
            name: "DIDCommands",
            dependencies: [
                "DIDCore", "DIDCrypto", "DIDMethodKey", "DIDKeyStore", "DIDResolution", "DIDCredentials",
                "DIDMethodWeb",
                "DIDMigration", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "did",
            dependencies: ["DIDCommands", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),

        // L7: the `did-resolver` HTTP service (Universal Resolver API), as a library plus a thin executable.
        .target(
            name: "DIDResolverServer",
            dependencies: [
                "DIDCore", "DIDResolution", "DIDMethodWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "did-resolver",
            dependencies: [
                "DIDResolverServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),

        // Test support and tests.
        .target(name: "DIDTestSupport", dependencies: ["DIDCore"], swiftSettings: swiftSettings),
        .testTarget(name: "DIDCoreTests", dependencies: ["DIDCore", "DIDTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DIDCryptoTests",
            dependencies: ["DIDCore", "DIDCrypto", "DIDTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DIDMethodKeyTests",
            dependencies: ["DIDCore", "DIDCrypto", "DIDMethodKey", "DIDTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DIDCommandsTests",
            dependencies: [
                "DIDCore", "DIDCrypto", "DIDMethodKey", "DIDCommands", "DIDTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DIDKeyStoreTests",
            dependencies: ["DIDCore", "DIDCrypto", "DIDKeyStore", "DIDTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DIDResolutionTests",
            dependencies: [
                "DIDCore", "DIDCrypto", "DIDMethodKey", "DIDMethodWeb", "DIDMethodJWK", "DIDResolution",
                "DIDTestSupport",
            ],
            exclude: ["Support"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DIDCredentialsTests",
            dependencies: ["DIDCore", "DIDCrypto", "DIDCredentials", "DIDMethodKey", "DIDTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DIDMigrationTests",
            dependencies: [
                "DIDCore", "DIDCrypto", "DIDCredentials", "DIDMigration", "DIDMethodKey", "DIDTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DIDResolverServerTests",
            dependencies: [
                "DIDCore", "DIDResolution", "DIDResolverServer", "DIDTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConformanceTests",
            dependencies: [
                "DIDCore", "DIDCrypto", "DIDMethodKey", "DIDMethodWeb", "DIDResolution", "DIDCredentials",
                "DIDTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
