// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDResolution
import Testing

@Suite("Resolution cache keys compare by bytes")
struct ResolutionCacheKeyTests {
    @Test("DID Core §3.2.1: versionIds that are canonically equivalent but differ in bytes are two cache entries")
    func versionIdKeysAreBytes() async throws {
        let (cache, fetcher, _) = ResolutionCacheTests.make()
        fetcher.set(ResolutionCacheTests.ok("max-age=600"))
        let did = try DID(ResolutionCacheTests.did)
        let first = try await cache.resolve(did, options: ResolutionOptions(versionId: "caf\u{E9}"))
        #expect(ResolutionCacheTests.status(first) == .miss)
        let other = try await cache.resolve(did, options: ResolutionOptions(versionId: "cafe\u{301}"))
        #expect(ResolutionCacheTests.status(other) == .miss)
        let again = try await cache.resolve(did, options: ResolutionOptions(versionId: "cafe\u{301}"))
        #expect(ResolutionCacheTests.status(again) == .hit)
        #expect(fetcher.requests.count == 2)
        #expect(await cache.count == 2)
    }
}
