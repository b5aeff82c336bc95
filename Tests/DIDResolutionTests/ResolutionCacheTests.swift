// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDMethodWeb
import DIDResolution
import Foundation
import Synchronization
import Testing

/// A clock the test moves by hand.
final class ManualCacheClock: CacheClock {
    private let seconds = Mutex<Double>(1_700_000_000)
    var now: Double { seconds.withLock { $0 } }
    func advance(_ delta: Double) { seconds.withLock { $0 += delta } }
}

/// A scripted origin: answers with `next`, records requests, optionally waits first.
final class ScriptedWebFetcher: DIDWebFetcher {
    struct State {
        var next: Result<DIDWebResponse, DIDWebFetchError> = .success(DIDWebResponse(status: 404))
        var requests: [DIDWebRequest] = []
        var delay: Duration = .zero
    }
    let state = Mutex(State())

    func set(_ answer: Result<DIDWebResponse, DIDWebFetchError>) { state.withLock { $0.next = answer } }
    var requests: [DIDWebRequest] { state.withLock { $0.requests } }

    func fetch(_ request: DIDWebRequest) async throws(DIDWebFetchError) -> DIDWebResponse {
        let (answer, delay) = state.withLock { state in
            state.requests.append(request)
            return (state.next, state.delay)
        }
        if delay > .zero { try? await Task.sleep(for: delay) }
        // If-None-Match matching the ETag of the scripted answer → 304, as an origin would.
        if case .success(let response) = answer, let etag = response.header("ETag"),
            request.headers.contains(where: { $0.name == "If-None-Match" && $0.value == etag })
        {
            return DIDWebResponse(status: 304, headers: response.headers.filter { $0.name != "Content-Length" })
        }
        return try answer.get()
    }
}

@Suite("did:web cache (memory tier, Specs/resolver.md §3)")
struct ResolutionCacheTests {
    static let did = "did:web:example.com"
    static let body = Array(#"{"id":"did:web:example.com"}"#.utf8)

    static func ok(
        _ cacheControl: String? = nil,
        etag: String? = nil,
        extra: [DIDWebHeader] = []
    ) -> Result<DIDWebResponse, DIDWebFetchError> {
        var headers = extra
        if let cacheControl { headers.append(DIDWebHeader(name: "Cache-Control", value: cacheControl)) }
        if let etag { headers.append(DIDWebHeader(name: "ETag", value: etag)) }
        return .success(DIDWebResponse(status: 200, headers: headers, body: body))
    }

    static func make(
        _ configuration: ResolutionCache.Configuration = ResolutionCache.Configuration()
    )
        -> (ResolutionCache, ScriptedWebFetcher, ManualCacheClock)
    {
        let fetcher = ScriptedWebFetcher()
        let clock = ManualCacheClock()
        return (
            ResolutionCache(web: DIDWebMethod(fetcher: fetcher), configuration: configuration, clock: clock), fetcher,
            clock
        )
    }

    static func status(_ result: ResolutionResult) -> CacheOutcome.Status? {
        result.didResolutionMetadata.cache?.status
    }

    @Test("RFC 9111 §4.2: max-age is honoured — a second resolve within it makes no request; then it is refetched")
    func maxAge() async throws {
        let (cache, fetcher, clock) = Self.make()
        fetcher.set(Self.ok("max-age=120"))
        let first = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        #expect(Self.status(first) == .miss)
        clock.advance(100)
        let second = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        #expect(Self.status(second) == .hit)
        #expect(second.didResolutionMetadata.cache?.age == .seconds(100))
        #expect(fetcher.requests.count == 1)
        clock.advance(30)
        _ = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        #expect(fetcher.requests.count == 2)
    }

    @Test(
        "Specs/resolver.md §3.2: TTLs are clamped to min 30 s / max 1 h; 5 min when the origin is silent; Expires is read"
    )
    func clamps() async throws {
        for (headers, fresh, stale): ([DIDWebHeader], Double, Double) in [
            ([DIDWebHeader(name: "Cache-Control", value: "max-age=1")], 29, 31),
            ([DIDWebHeader(name: "Cache-Control", value: "max-age=999999")], 3599, 3601),
            ([], 299, 301),
            (
                [
                    DIDWebHeader(name: "Date", value: "Tue, 14 Nov 2023 22:13:20 GMT"),
                    DIDWebHeader(name: "Expires", value: "Tue, 14 Nov 2023 22:23:20 GMT"),
                ], 599, 601
            ),
        ] {
            let (cache, fetcher, clock) = Self.make()
            fetcher.set(.success(DIDWebResponse(status: 200, headers: headers, body: Self.body)))
            _ = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
            clock.advance(fresh)
            _ = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
            #expect(fetcher.requests.count == 1, "\(headers)")
            clock.advance(stale - fresh)
            _ = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
            #expect(fetcher.requests.count == 2, "\(headers)")
        }
    }

    @Test("RFC 9111 §4.3: ETag revalidation — If-None-Match is sent, a 304 refreshes the entry")
    func revalidation() async throws {
        let (cache, fetcher, clock) = Self.make()
        fetcher.set(
            Self.ok(
                "max-age=60",
                etag: "\"v1\"",
                extra: [DIDWebHeader(name: "Last-Modified", value: "Tue, 14 Nov 2023 22:13:20 GMT")]
            )
        )
        _ = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        clock.advance(61)
        let revalidated = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        #expect(Self.status(revalidated) == .revalidated)
        #expect(revalidated.didDocument?.id.description == Self.did)
        let conditional = try #require(fetcher.requests.last)
        #expect(conditional.headers.contains(DIDWebHeader(name: "If-None-Match", value: "\"v1\"")))
        #expect(
            conditional.headers.contains(
                DIDWebHeader(name: "If-Modified-Since", value: "Tue, 14 Nov 2023 22:13:20 GMT")
            )
        )
        clock.advance(59)
        #expect(Self.status(try await cache.resolve(DID(Self.did), options: ResolutionOptions())) == .hit)
        #expect(fetcher.requests.count == 2)
    }

    @Test("RFC 5861 §4: stale-if-error serves the stale entry, marked stale, then fails after the bound")
    func staleIfError() async throws {
        let (cache, fetcher, clock) = Self.make()
        fetcher.set(Self.ok("max-age=60, stale-if-error=600"))
        _ = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        fetcher.set(.failure(DIDWebFetchError(.connectionFailed, "connection refused")))
        clock.advance(300)
        let stale = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        #expect(Self.status(stale) == .stale)
        #expect(stale.didResolutionMetadata.cache?.isStale == true)
        clock.advance(400)
        await #expect(throws: ResolutionError(.internalError)) {
            try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        }
    }

    @Test("RFC 5861 §3: stale-while-revalidate answers at once and refreshes in the background")
    func staleWhileRevalidate() async throws {
        let (cache, fetcher, clock) = Self.make()
        fetcher.set(Self.ok("max-age=60, stale-while-revalidate=120"))
        _ = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        clock.advance(90)
        let stale = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        #expect(Self.status(stale) == .stale)
        for _ in 0..<200 where fetcher.requests.count < 2 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(fetcher.requests.count == 2)
        for _ in 0..<200 {
            if Self.status(try await cache.resolve(DID(Self.did), options: ResolutionOptions())) == .hit { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(Self.status(try await cache.resolve(DID(Self.did), options: ResolutionOptions())) == .hit)
    }

    @Test("Specs/resolver.md §3.5: NOT_FOUND is cached for 30 s; transient failures are not cached")
    func negative() async throws {
        let (cache, fetcher, clock) = Self.make()
        fetcher.set(.success(DIDWebResponse(status: 404)))
        for _ in 0..<3 {
            await #expect(throws: ResolutionError(.notFound)) {
                try await cache.resolve(DID(Self.did), options: ResolutionOptions())
            }
        }
        #expect(fetcher.requests.count == 1)
        clock.advance(31)
        fetcher.set(.failure(DIDWebFetchError(.timeout, "slow")))
        for _ in 0..<2 {
            await #expect(throws: ResolutionError(.internalError)) {
                try await cache.resolve(DID(Self.did), options: ResolutionOptions())
            }
        }
        #expect(fetcher.requests.count == 3)
    }

    @Test("Specs/resolver.md §3.6 single flight: 20 concurrent resolutions of one DID make one request")
    func singleFlight() async throws {
        let (cache, fetcher, _) = Self.make()
        fetcher.set(Self.ok("max-age=60"))
        fetcher.state.withLock { $0.delay = .milliseconds(200) }
        try await withThrowingTaskGroup(of: ResolutionResult.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.resolve(DID(Self.did), options: ResolutionOptions()) } }
            for try await result in group { #expect(result.didDocument?.id.description == Self.did) }
        }
        #expect(fetcher.requests.count == 1)
    }

    @Test(
        "Specs/resolver.md §3.7–3.9: noCache bypasses and refreshes; no-store is never kept; LRU keeps the entry bound"
    )
    func bypassNoStoreLRU() async throws {
        let (cache, fetcher, _) = Self.make(ResolutionCache.Configuration(maximumEntries: 2))
        fetcher.set(Self.ok("max-age=600"))
        _ = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        let bypass = try await cache.resolve(DID(Self.did), options: ResolutionOptions(noCache: true))
        #expect(Self.status(bypass) == .bypass)
        #expect(fetcher.requests.count == 2)
        #expect(Self.status(try await cache.resolve(DID(Self.did), options: ResolutionOptions())) == .hit)

        let (noStore, noStoreFetcher, _) = Self.make()
        noStoreFetcher.set(Self.ok("no-store"))
        _ = try await noStore.resolve(DID(Self.did), options: ResolutionOptions())
        _ = try await noStore.resolve(DID(Self.did), options: ResolutionOptions())
        #expect(noStoreFetcher.requests.count == 2)
        #expect(await noStore.count == 0)

        // Three keys (accept is part of the key) with room for two: the least recently used goes.
        for accept in ["application/did+json", "application/did+ld+json"] {
            _ = try await cache.resolve(DID(Self.did), options: ResolutionOptions(accept: accept))
        }
        #expect(await cache.count == 2)
        _ = try await cache.resolve(DID(Self.did), options: ResolutionOptions())
        #expect(fetcher.requests.count == 5)
    }

    @Test("Specs/resolver.md §3.8 SQLite tier: entries survive a restart; two stores (processes) share one file")
    func persistence() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swift-did-cache-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("resolver.sqlite").path
        let fetcher = ScriptedWebFetcher()
        let clock = ManualCacheClock()
        fetcher.set(Self.ok("max-age=600", etag: "\"v1\""))
        do {
            let first = ResolutionCache(
                web: DIDWebMethod(fetcher: fetcher),
                clock: clock,
                persistent: try PersistentCacheStore(path: path)
            )
            #expect(Self.status(try await first.resolve(DID(Self.did), options: ResolutionOptions())) == .miss)
        }
        // A new cache (a restarted process) over the same file answers without a request.
        clock.advance(60)
        let restarted = ResolutionCache(
            web: DIDWebMethod(fetcher: fetcher),
            clock: clock,
            persistent: try PersistentCacheStore(path: path)
        )
        let hit = try await restarted.resolve(DID(Self.did), options: ResolutionOptions())
        #expect(Self.status(hit) == .hit)
        #expect(hit.didResolutionMetadata.cache?.tier == .disk)
        #expect(hit.didResolutionMetadata.cache?.age == .seconds(60))
        #expect(hit.didDocument?.id.description == Self.did)
        #expect(fetcher.requests.count == 1)
        // Once stale, the restarted cache revalidates with the stored ETag.
        clock.advance(600)
        #expect(Self.status(try await restarted.resolve(DID(Self.did), options: ResolutionOptions())) == .revalidated)
        #expect(fetcher.requests.last?.headers.contains(DIDWebHeader(name: "If-None-Match", value: "\"v1\"")) == true)

        // Two stores writing the same file concurrently (WAL, busy timeout): every write lands.
        let a = try PersistentCacheStore(path: path)
        let b = try PersistentCacheStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [a, b].enumerated() {
                group.addTask {
                    let fetcher = ScriptedWebFetcher()
                    let cache = ResolutionCache(web: DIDWebMethod(fetcher: fetcher), clock: clock, persistent: store)
                    for n in 0..<20 {
                        let did = "did:web:host\(index)-\(n).example"
                        fetcher.set(.success(DIDWebResponse(status: 200, body: Array(#"{"id":"\#(did)"}"#.utf8))))
                        _ = try await cache.resolve(DID(did), options: ResolutionOptions())
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(a.count == 41)
        #expect(b.count == 41)
    }
}
