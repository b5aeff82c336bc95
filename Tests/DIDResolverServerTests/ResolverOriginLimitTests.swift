// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDResolverServer
import DIDTestSupport
import Foundation
import Testing

@Suite("did-resolver: bound on concurrent origin fetches", .serialized, .timeLimit(.minutes(2)))
struct ResolverOriginLimitTests {
    /// A local HTTPS origin whose did:web documents under `/a`, `/b`, `/c` answer after `delay` seconds.
    static func slowOrigin(delay: Double) throws -> LocalHTTPSServer {
        var routes: [String: LocalHTTPSServer.Route] = [:]
        for name in ["a", "b", "c"] {
            routes["/\(name)/did.json"] = LocalHTTPSServer.Route(
                headers: ["Content-Type": "application/did+json", "Cache-Control": "max-age=300"],
                body: #"{"@context":"https://www.w3.org/ns/did/v1","id":"did:web:localhost%3A{PORT}:"# + name + #""}"#,
                delay: delay
            )
        }
        return try LocalHTTPSServer(routes: routes)
    }

    @Test(
        "One slot, 0.5 s wait: a second origin fetch gets 503 with Retry-After (so does a request joining it) while the first completes"
    )
    func overLimitIs503() async throws {
        // The first fetch holds the slot for 8 s: far longer than the 0.5 s wait, so a loaded machine (slow process
        // start-up for curl, late timers) cannot let the second request reach the origin in time.
        let server = try Self.slowOrigin(delay: 8)
        defer { server.stop() }
        var configuration = ResolverServerConfiguration(port: 0, caFile: server.ca.caFile, allowPrivateNetwork: true)
        configuration.maximumOriginFetches = 1
        configuration.shutdownDrain = .zero
        configuration.originFetchWait = .milliseconds(500)
        try await withRunningService(configuration) { port, _ in
            let base = "http://127.0.0.1:\(port)/1.0/identifiers/"
            async let first = serverTestCurl([base + server.did(["a"])])
            // Wait until the first request holds the only slot (its origin answers after 8 s).
            var holding = false
            for _ in 0..<50 where !holding {
                try await Task.sleep(for: .milliseconds(100))
                holding = try await serverTestMetrics(port: port).value("did_resolver_origin_fetches_in_flight") == 1
            }
            #expect(holding)
            let started = ContinuousClock.now
            // Two requests for the same DID: one starts the fetch, the other joins it; both are refused alike.
            async let joined = serverTestCurl([base + server.did(["b"])])
            let second = try await serverTestCurl([base + server.did(["b"])])
            let waited = ContinuousClock.now - started
            let joinedResponse = try await joined
            #expect(joinedResponse.status == 503)
            #expect(joinedResponse.headers["content-type"] == "application/problem+json")
            #expect(second.status == 503)
            #expect(second.headers["content-type"] == "application/problem+json")
            #expect(second.headers["retry-after"] == "1")
            #expect(second.body.contains("\"status\":503"))
            // Refused only after the 0.5 s wait. No upper bound on the wall time: under CI load starting curl alone can
            // take seconds; the 503 (not the origin's 200) already shows the request never got the slot.
            #expect(waited >= .milliseconds(450))
            let firstResponse = try await first
            #expect(firstResponse.status == 200)
            #expect(firstResponse.body.contains(server.did(["a"])))
            // A cache hit needs no origin fetch, so it is never refused.
            let hit = try await serverTestCurl([base + server.did(["a"])])
            #expect(hit.status == 200)
            let metrics = try await serverTestMetrics(port: port)
            // The joined request never asked for a slot of its own.
            #expect(metrics.value("did_resolver_origin_fetches_rejected_total") == 1)
            #expect(metrics.value("did_resolver_origin_fetches_total", ["result": "2xx"]) == 1)
            #expect(metrics.value("did_resolver_origin_fetches_waiting") == 0)
        }
    }

    @Test("Waiting within the bound: fetches beyond the limit queue and all succeed")
    func queuedFetchesSucceed() async throws {
        let server = try Self.slowOrigin(delay: 0.5)
        defer { server.stop() }
        var configuration = ResolverServerConfiguration(port: 0, caFile: server.ca.caFile, allowPrivateNetwork: true)
        configuration.maximumOriginFetches = 1
        configuration.shutdownDrain = .zero
        configuration.originFetchWait = .seconds(10)
        try await withRunningService(configuration) { port, _ in
            let base = "http://127.0.0.1:\(port)/1.0/identifiers/"
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Int.self) { group in
                for name in ["a", "b", "c"] {
                    group.addTask { try await serverTestCurl([base + server.did([name])]).status }
                }
                for try await status in group { #expect(status == 200) }
            }
            // One at a time: three 0.5 s fetches take at least 1.5 s.
            #expect(ContinuousClock.now - started >= .milliseconds(1400))
            let metrics = try await serverTestMetrics(port: port)
            #expect(metrics.value("did_resolver_origin_fetches_total", ["result": "2xx"]) == 3)
            #expect(metrics.value("did_resolver_origin_fetches_rejected_total") == 0)
        }
    }
}
