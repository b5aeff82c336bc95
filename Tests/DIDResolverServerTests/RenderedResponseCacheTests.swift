// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DIDResolverServer

@Suite("did-resolver: rendered response cache")
struct RenderedResponseCacheTests {
    private func entry(_ size: Int) -> RenderedResponse {
        RenderedResponse(
            status: 200,
            contentType: "application/did+json",
            bytes: Array(repeating: 0x20, count: size),
            document: nil
        )
    }

    @Test("bounded: never more than maximumEntries entries, the newest kept")
    func entryBound() {
        let cache = RenderedResponseCache(maximumEntries: 4, maximumBytes: 1 << 20)
        for index in 0..<100 { cache.store("k\(index)", entry(10)) }
        let kept = (0..<100).filter { cache.lookup("k\($0)") != nil }
        #expect(kept.count <= 4)
        #expect(kept.contains(99))
    }

    @Test("bounded: about maximumBytes body bytes; a body over half the budget is not kept")
    func byteBound() {
        let cache = RenderedResponseCache(maximumEntries: 1000, maximumBytes: 1000)
        for index in 0..<100 { cache.store("k\(index)", entry(100)) }
        let kept = (0..<100).filter { cache.lookup("k\($0)") != nil }
        #expect(kept.count * 100 <= 1000)
        cache.store("big", entry(600))
        #expect(cache.lookup("big") == nil)
    }

    @Test("a hit in the older generation survives the next turnover")
    func promotion() {
        let cache = RenderedResponseCache(maximumEntries: 4, maximumBytes: 1 << 20)
        cache.store("a", entry(1))
        cache.store("b", entry(1))  // turnover: a, b are the older generation
        #expect(cache.lookup("a") != nil)  // moved to the newer one
        cache.store("c", entry(1))  // turnover: b is dropped
        #expect(cache.lookup("a") != nil)
        #expect(cache.lookup("b") == nil)
    }

    @Test("RFC 9110 §8.8.3: a did:key answer served again has the same bytes and ETag; HEAD and If-None-Match too")
    func servedAgain() async throws {
        try await serverTestApplication().test(.router) { client in
            let uri = "/1.0/identifiers/" + serverTestKeyDID
            let accept: HTTPFields = [.accept: "application/did+json"]
            let first = try await client.execute(uri: uri, method: .get, headers: accept)
            let second = try await client.execute(uri: uri, method: .get, headers: accept)
            #expect(first.status == .ok && second.status == .ok)
            #expect(first.body == second.body)
            let etag = try #require(first.headers[.eTag])
            #expect(second.headers[.eTag] == etag)
            #expect(second.headers[.contentType] == "application/did+json")
            #expect(second.headers[.cacheControl] == "public, max-age=3600")
            let head = try await client.execute(uri: uri, method: .head, headers: accept)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(first.body.readableBytes))
            var conditional = accept
            conditional[.ifNoneMatch] = etag
            let notModified = try await client.execute(uri: uri, method: .get, headers: conditional)
            #expect(notModified.status == .notModified)
            // Another Accept is another entry: the full result, not the cached document.
            let result = try await client.execute(uri: uri, method: .get)
            #expect(result.headers[.contentType] == "application/did-resolution")
            #expect(result.body != first.body)
        }
    }
}
