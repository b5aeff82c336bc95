// swift-tools-version:6.1
import PackageDescription

// The benchmarks of swift-did (ordo-one package-benchmark). Every goal is a ratio to a raw primitive measured in the
// same run (README.md beside this file), so the raw C and swift-crypto calls are benchmarked here too.
// Run: `swift package --allow-writing-to-package-directory benchmark` (or `make bench` in the repository root).
let package = Package(
    name: "swift-did-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-did", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .target(name: "RawDecode", path: "Sources/RawDecode"),
        .systemLibrary(name: "RawSodium", path: "Sources/RawSodium", pkgConfig: "libsodium"),
        .systemLibrary(name: "RawSecp256k1", path: "Sources/RawSecp256k1", pkgConfig: "libsecp256k1"),
        // Interleaved path/baseline pairs for the goal ratios, and one-row runs for callgrind (ratios.py).
        .executableTarget(
            name: "PairedRatios",
            dependencies: [
                .product(name: "DIDCore", package: "swift-did"),
                .product(name: "DIDCrypto", package: "swift-did"),
                .product(name: "DIDMethodKey", package: "swift-did"),
                .product(name: "DIDCredentials", package: "swift-did"),
                .product(name: "Crypto", package: "swift-crypto"),
                "RawDecode", "RawSodium", "RawSecp256k1",
            ],
            path: "Sources/PairedRatios"
        ),
        .executableTarget(
            name: "DIDBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DIDCore", package: "swift-did"),
                .product(name: "DIDCrypto", package: "swift-did"),
                .product(name: "DIDMethodKey", package: "swift-did"),
                .product(name: "DIDCredentials", package: "swift-did"),
                .product(name: "DIDMethodWeb", package: "swift-did"),
                .product(name: "DIDResolution", package: "swift-did"),
                .product(name: "Crypto", package: "swift-crypto"),
                "RawDecode", "RawSodium", "RawSecp256k1",
            ],
            path: "Benchmarks/DIDBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
