// swift-did: decentralized identity for Swift. Apache-2.0.
//
// G8 (Benchmarks/README.md): a did:web cache hit against a did:key decode (P1). A memory hit must cost less than half a
// did:key decode, else did:key would be worth caching. The SQLite tier is measured as a hit that misses memory.

import Benchmark
import DIDCore
import DIDMethodWeb
import DIDResolution
import Foundation

/// An origin that answers one fixed document at once (no network: the benchmark measures the cache).
struct BenchmarkWebOrigin: DIDWebFetcher {
    func fetch(_ request: DIDWebRequest) async throws(DIDWebFetchError) -> DIDWebResponse {
        let did = request.location.did.description
        let body =
            #"{"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],"id":"\#(did)","#
            + #""verificationMethod":[{"id":"\#(did)#key-0","type":"Multikey","controller":"\#(did)","#
            + #""publicKeyMultibase":"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"}],"#
            + #""authentication":["\#(did)#key-0"],"assertionMethod":["\#(did)#key-0"]}"#
        return DIDWebResponse(
            status: 200,
            headers: [DIDWebHeader(name: "Cache-Control", value: "max-age=3600")],
            body: Array(body.utf8)
        )
    }
}

func resolverBenchmarks() {
    let web = DIDWebMethod(fetcher: BenchmarkWebOrigin())
    let did = try! DID("did:web:example.com:users:alice")
    let options = ResolutionOptions()

    let memory = ResolutionCache(web: web)
    Benchmark("G8: did:web cache hit, memory tier", configuration: microsecondScale) { benchmark in
        _ = try await memory.resolve(did, options: options)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await memory.resolve(did, options: options))
        }
    }

    // Two DIDs and room for one in memory: every resolution is a hit of the SQLite tier.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swift-did-bench-\(UUID().uuidString)")
    let store = try! PersistentCacheStore(path: folder.appendingPathComponent("resolver.sqlite").path)
    let disk = ResolutionCache(web: web, configuration: .init(maximumEntries: 1), persistent: store)
    let other = try! DID("did:web:example.com:users:bob")
    Benchmark("G8: did:web cache hit, SQLite tier") { benchmark in
        _ = try await disk.resolve(did, options: options)
        _ = try await disk.resolve(other, options: options)
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await disk.resolve(index % 2 == 0 ? did : other, options: options))
        }
    }
}
