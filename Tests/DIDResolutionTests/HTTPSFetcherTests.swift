// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDMethodWeb
import DIDResolution
import DIDTestSupport
import Foundation
import Testing

/// The libcurl fetcher and did:web resolution against a real HTTPS server on 127.0.0.1 with a test CA generated at
/// test time. Every request is bounded by the fetcher's timeouts and the suite by a time limit.
@Suite("HTTPS fetcher and did:web over real HTTPS", .serialized, .timeLimit(.minutes(1)))
struct HTTPSFetcherTests {
    typealias Route = LocalHTTPSServer.Route

    /// A document for `did:web:localhost%3A{PORT}` + `suffix` (the server fills in its port).
    static func document(_ suffix: String = "") -> String {
        let did = "did:web:localhost%3A{PORT}" + suffix
        return """
            {"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],"id":"\(did)",\
            "verificationMethod":[{"id":"\(did)#key-0","type":"Multikey","controller":"\(did)",\
            "publicKeyMultibase":"z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}],"authentication":["\(did)#key-0"]}
            """
    }

    static func fetcher(
        _ server: LocalHTTPSServer,
        _ configure: (inout HTTPSFetcher.Configuration) -> Void = { _ in }
    ) -> HTTPSFetcher {
        var configuration = HTTPSFetcher.Configuration(caFile: server.ca.caFile, allowPrivateNetwork: true)
        configure(&configuration)
        return HTTPSFetcher(configuration: configuration)
    }

    /// How many requests the server saw per path.
    static func requestCounts(_ server: LocalHTTPSServer) async throws -> JSONObject {
        let response = try await fetcher(server).get(host: "localhost", port: server.port, path: "/__requests")
        return try #require(try JSONValue(parsing: response.body).objectValue)
    }

    static func expectFetchError(
        _ code: DIDWebFetchError.Code,
        _ body: () async throws -> Void,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        do {
            try await body()
            Issue.record("expected \(code)", sourceLocation: sourceLocation)
        } catch let error as DIDWebFetchError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        } catch let error as ResolutionError {
            #expect(error.detail?.contains("(\(code))") == true, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("did:web spec §3.2: well-known, path and percent-decoded path documents resolve over HTTPS")
    func mapping() async throws {
        let server = try LocalHTTPSServer(routes: [
            "/.well-known/did.json": Route(headers: ["Content-Type": "application/did+json"], body: Self.document()),
            "/user/alice/did.json": Route(body: Self.document(":user:alice")),
            "/path/some+subpath/did.json": Route(body: Self.document(":path:some%2Bsubpath")),
        ])
        let method = DIDWebMethod(fetcher: Self.fetcher(server))
        for suffix in ["", ":user:alice", ":path:some%2Bsubpath"] {
            let did = server.did() + suffix
            let result = try await method.resolve(DID(did))
            #expect(result.didDocument?.id.description == did)
            #expect(result.didDocument?.authentication == [.reference(did + "#key-0")])
            #expect(result.didResolutionMetadata.contentType == DIDMediaType.didLDJSON)
        }
    }

    @Test("did:web spec §3.2 step 7: a document for another DID is INVALID_DID_DOCUMENT")
    func idMismatch() async throws {
        let server = try LocalHTTPSServer(routes: [
            "/.well-known/did.json": Route(body: Self.document().replacingOccurrences(of: "localhost", with: "evil"))
        ])
        await #expect(throws: ResolutionError(.invalidDidDocument)) {
            try await DIDWebMethod(fetcher: Self.fetcher(server)).resolve(DID(server.did()))
        }
    }

    @Test("HTTP 404 → NOT_FOUND (HTTP binding 404)")
    func notFound() async throws {
        let server = try LocalHTTPSServer(routes: [:])
        let result = await DIDWebMethod(fetcher: Self.fetcher(server)).resolveResult(server.did(["missing"]))
        #expect(result.error?.code == .notFound)
        #expect(result.httpStatus == 404)
    }

    @Test("Specs/resolver.md §2.4: bodies over the cap are refused, with and without Content-Length")
    func oversized() async throws {
        let server = try LocalHTTPSServer(routes: [
            "/big/did.json": Route(size: 2 << 20),
            "/streamed/did.json": Route(size: 200_000, noLength: true),
        ])
        let fetcher = Self.fetcher(server)
        await Self.expectFetchError(.bodyTooLarge) {
            _ = try await fetcher.get(host: "localhost", port: server.port, path: "/big/did.json")
        }
        let small = Self.fetcher(server) { $0.maximumBodySize = 100_000 }
        await Self.expectFetchError(.bodyTooLarge) {
            _ = try await small.get(host: "localhost", port: server.port, path: "/streamed/did.json")
        }
        await Self.expectFetchError(.bodyTooLarge) {
            _ = try await DIDWebMethod(fetcher: fetcher).resolve(DID(server.did(["big"])))
        }
    }

    @Test("Specs/resolver.md §2.4: slow answers hit the total timeout, and cancellation stops a transfer")
    func slow() async throws {
        let server = try LocalHTTPSServer(routes: [
            "/slow/did.json": Route(body: Self.document(":slow"), trickle: 1),
            "/late/did.json": Route(body: Self.document(":late"), delay: 8),
        ])
        let fetcher = Self.fetcher(server) { $0.totalTimeout = .seconds(1) }
        let clock = ContinuousClock()
        var elapsed = await clock.measure {
            await Self.expectFetchError(.timeout) {
                _ = try await fetcher.get(host: "localhost", port: server.port, path: "/slow/did.json")
            }
        }
        #expect(elapsed < .seconds(7))  // well before the 8 s delay or the trickled body would end
        let patient = Self.fetcher(server)
        elapsed = try await clock.measure {
            let task = Task { try await patient.get(host: "localhost", port: server.port, path: "/late/did.json") }
            // Cancel once the request is in flight: the server has counted it (it then waits 8 s to answer).
            // Asked a bounded number of times; each answer takes a round trip.
            var counts = try await Self.requestCounts(server)
            for _ in 0..<200 where counts["/late/did.json"] == nil { counts = try await Self.requestCounts(server) }
            #expect(counts["/late/did.json"] == 1)
            task.cancel()
            await Self.expectFetchError(.cancelled) { _ = try await task.value }
        }
        #expect(elapsed < .seconds(7))  // well before the 8 s delay or the trickled body would end
    }

    @Test(
        "Specs/resolver.md §2.3: redirects are refused by default; same-origin ones may be allowed, cross-origin never"
    )
    func redirects() async throws {
        let server = try LocalHTTPSServer(routes: [
            "/moved/did.json": Route(status: 302, headers: ["Location": "/target/did.json"]),
            "/target/did.json": Route(body: Self.document(":moved")),
            "/away/did.json": Route(status: 301, headers: ["Location": "https://example.com/did.json"]),
            "/loop/did.json": Route(status: 307, headers: ["Location": "https://localhost:{PORT}/loop/did.json"]),
        ])
        await Self.expectFetchError(.redirectRefused) {
            _ = try await DIDWebMethod(fetcher: Self.fetcher(server)).resolve(DID(server.did(["moved"])))
        }
        let following = DIDWebMethod(fetcher: Self.fetcher(server) { $0.redirectPolicy = .sameOrigin(maximum: 3) })
        let result = try await following.resolve(DID(server.did(["moved"])))
        #expect(result.didDocument?.id.description == server.did(["moved"]))
        await Self.expectFetchError(.redirectRefused) { _ = try await following.resolve(DID(server.did(["away"]))) }
        await Self.expectFetchError(.redirectRefused) { _ = try await following.resolve(DID(server.did(["loop"]))) }
        let counts = try await Self.requestCounts(server)
        #expect(counts["/loop/did.json"] == 4)
    }

    @Test("Specs/resolver.md §2.2 SSRF guard: localhost is refused without allowPrivateNetwork, and no request is sent")
    func ssrf() async throws {
        let server = try LocalHTTPSServer(routes: ["/.well-known/did.json": Route(body: Self.document())])
        let guarded = HTTPSFetcher(configuration: HTTPSFetcher.Configuration(caFile: server.ca.caFile))
        do {
            _ = try await DIDWebMethod(fetcher: guarded).resolve(DID(server.did()))
            Issue.record("expected a refusal")
        } catch let error as ResolutionError {
            #expect(error.code == .internalError)
            #expect(error.detail?.contains("refusedAddress") == true)
            #expect(error.detail?.contains("loopback") == true)
        } catch {
            Issue.record("unexpected \(error)")
        }
        let counts = try await Self.requestCounts(server)
        #expect(counts["/.well-known/did.json"] == nil)
        await Self.expectFetchError(.invalidURL) { _ = try await guarded.get(host: "127.0.0.1", path: "/did.json") }
    }

    @Test("Specs/resolver.md §2.1 TLS: a certificate the trust store does not know fails the handshake")
    func untrustedCertificate() async throws {
        let server = try LocalHTTPSServer(routes: ["/.well-known/did.json": Route(body: Self.document())])
        let systemTrust = HTTPSFetcher(configuration: HTTPSFetcher.Configuration(allowPrivateNetwork: true))
        await Self.expectFetchError(.tlsFailure) {
            _ = try await systemTrust.get(host: "localhost", port: server.port, path: "/.well-known/did.json")
        }
    }

    @Test("libcurl multi: sequential and concurrent requests reuse connections and each get their own answer")
    func reuse() async throws {
        var routes: [String: Route] = [:]
        for index in 0..<8 { routes["/n\(index)/did.json"] = Route(body: "\(index)") }
        let server = try LocalHTTPSServer(routes: routes)
        let fetcher = Self.fetcher(server)
        for index in 0..<3 {
            let response = try await fetcher.get(host: "localhost", port: server.port, path: "/n\(index)/did.json")
            #expect(response.body == Array("\(index)".utf8))
        }
        #expect(fetcher.statistics.connectionsOpened == 1)
        try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for index in 0..<8 {
                group.addTask {
                    (
                        index,
                        try await fetcher.get(host: "localhost", port: server.port, path: "/n\(index)/did.json").body
                    )
                }
            }
            for try await (index, body) in group { #expect(body == Array("\(index)".utf8)) }
        }
        #expect(fetcher.statistics.transfers == 11)
    }

    @Test(
        "Specs/resolver.md §3 cache over real HTTPS: max-age hit, ETag 304 revalidation, stale-if-error with the server stopped"
    )
    func cacheOverHTTPS() async throws {
        let server = try LocalHTTPSServer(routes: [
            "/.well-known/did.json": Route(
                headers: ["Cache-Control": "max-age=60, stale-if-error=300", "ETag": "\"v1\""],
                body: Self.document()
            )
        ])
        let clock = ManualCacheClock()
        let resolver = StandardResolver(
            fetcherConfiguration: HTTPSFetcher.Configuration(caFile: server.ca.caFile, allowPrivateNetwork: true),
            cacheConfiguration: ResolutionCache.Configuration(),
            clock: clock
        )
        func status(_ result: ResolutionResult) -> CacheOutcome.Status? {
            result.didResolutionMetadata.cache?.status
        }
        let did = try DID(server.did())
        #expect(status(try await resolver.resolve(did)) == .miss)
        clock.advance(30)
        #expect(status(try await resolver.resolve(did)) == .hit)
        clock.advance(31)
        let revalidated = try await resolver.resolve(did)
        #expect(status(revalidated) == .revalidated)
        #expect(revalidated.didDocument?.id == did)
        #expect(try await Self.requestCounts(server)["/.well-known/did.json"] == 2)
        server.stop()
        clock.advance(120)
        let stale = try await resolver.resolve(did)
        #expect(status(stale) == .stale)
        #expect(stale.didDocument?.id == did)
        clock.advance(300)
        let failed = await resolver.resolveResult(did.description)
        #expect(failed.error?.code == .internalError)
        #expect(failed.error?.detail?.contains("connectionFailed") == true, "\(String(describing: failed.error))")
    }

    @Test("DID Resolution §HTTP(S) Binding: methods not built in go to a remote Universal Resolver")
    func remoteResolver() async throws {
        let document = #"{"id":"did:example:123","alsoKnownAs":["https://example.com/"]}"#
        let server = try LocalHTTPSServer(routes: [
            "/api/1.0/identifiers/did%3Aexample%3A123": Route(
                headers: ["Content-Type": "application/did-resolution"],
                body: #"{"didDocument":\#(document),"didResolutionMetadata":{"contentType":"application/did+json"},"#
                    + #""didDocumentMetadata":{"updated":"2024-01-01T00:00:00Z"}}"#
            ),
            "/api/1.0/identifiers/did%3Aexample%3Agone": Route(
                status: 404,
                body: #"{"didDocument":null,"didResolutionMetadata":{"error":"notFound"},"didDocumentMetadata":{}}"#
            ),
            "/api/1.0/identifiers/did%3Aexample%3Abare": Route(body: #"{"id":"did:example:bare"}"#),
        ])
        let fetcher = Self.fetcher(server)
        let remote = try RemoteResolver(url: "https://localhost:\(server.port)/api/", fetcher: fetcher)
        let resolver = StandardResolver(fallback: remote)
        let result = try await resolver.resolve(DID("did:example:123"))
        #expect(result.didDocument?.alsoKnownAs == ["https://example.com/"])
        #expect(result.didDocumentMetadata.updated == "2024-01-01T00:00:00Z")
        let gone = await resolver.resolveResult("did:example:gone")
        #expect(gone.error?.code == .notFound)
        #expect(try await resolver.resolve(DID("did:example:bare")).didDocument?.id.description == "did:example:bare")
        let missing = await resolver.resolveResult("did:example:nothing")
        #expect(missing.error?.code == .notFound)
        #expect(throws: ResolutionError(.invalidOptions)) {
            try RemoteResolver(url: "http://x.example", fetcher: fetcher)
        }
        // Built-in methods never go to the remote resolver.
        let before = try await Self.requestCounts(server).count
        _ = try await resolver.resolve(
            DID(
                "did:jwk:eyJrdHkiOiJPS1AiLCJjcnYiOiJYMjU1MTkiLCJ1c2UiOiJlbmMiLCJ4IjoiM3A3YmZYdDl3YlRUVzJIQzdPUTFOei1EUThoYmVHZE5yZngtRkctSUswOCJ9"
            )
        )
        #expect(try await Self.requestCounts(server).count == before)
    }
}
