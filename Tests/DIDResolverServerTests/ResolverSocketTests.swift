// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDResolution
import DIDResolverServer
import DIDTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Testing

/// One HTTP exchange made with curl(1), so the socket tests use a client that is not ours.
struct ServerCurlResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String
}

/// Runs curl against the service; `-i` output is split into status, headers (lower-cased names) and body.
func serverTestCurl(_ arguments: [String]) async throws -> ServerCurlResponse {
    try await withCheckedThrowingContinuation { continuation in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-i", "--max-time", "20"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.terminationHandler = { _ in
            let data = output.fileHandleForReading.readDataToEndOfFile()
            let text = String(decoding: data, as: UTF8.self)
            guard let split = text.range(of: "\r\n\r\n") else {
                continuation.resume(returning: ServerCurlResponse(status: 0, headers: [:], body: text))
                return
            }
            let head = text[..<split.lowerBound].split(separator: "\r\n")
            let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
            var headers: [String: String] = [:]
            for line in head.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            }
            continuation.resume(
                returning: ServerCurlResponse(status: status, headers: headers, body: String(text[split.upperBound...]))
            )
        }
        do {
            try process.run()
        } catch {
            continuation.resume(throwing: error)
        }
    }
}

@Suite("did-resolver over a real socket on 127.0.0.1", .serialized, .timeLimit(.minutes(2)))
struct ResolverSocketTests {
    @Test("did:key resolves over TCP; If-None-Match gives 304")
    func resolveAndRevalidate() async throws {
        try await serverTestApplication().test(.live) { client in
            let uri = "/1.0/identifiers/" + serverTestKeyDID
            let first = try await client.execute(uri: uri, method: .get, headers: [.accept: "application/did+json"])
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "application/did+json")
            #expect(first.body.serverTestJSON?["id"]?.stringValue == serverTestKeyDID)
            let etag = try #require(first.headers[.eTag])
            let second = try await client.execute(
                uri: uri,
                method: .get,
                headers: [.accept: "application/did+json", .ifNoneMatch: etag]
            )
            #expect(second.status == .notModified)
            #expect(second.body.readableBytes == 0)
        }
    }

    @Test("Per-client token bucket: 429 with Retry-After once the burst is spent; /health stays open")
    func rateLimit() async throws {
        var configuration = ResolverServerConfiguration(port: 0)
        configuration.rateLimitBurst = 3
        configuration.rateLimitPerSecond = 0.2
        try await serverTestApplication(configuration).test(.live) { client in
            let uri = "/1.0/identifiers/" + serverTestKeyDID
            for _ in 0..<3 {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok)
            }
            let limited = try await client.execute(uri: uri, method: .get)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter].flatMap { Int($0) }.map { $0 >= 1 && $0 <= 5 } == true)
            #expect(limited.headers[.contentType] == "application/problem+json")
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
        }
    }

    @Test("Graceful shutdown: a request in flight finishes, then the service stops")
    func gracefulShutdown() async throws {
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let (slowStarts, slowStartSink) = AsyncStream<Void>.makeStream()
        let app = try buildApplication(
            configuration: ResolverServerConfiguration(port: 0),
            resolver: serverTestResolver(onSlowStart: { slowStartSink.yield() }),
            onServerRunning: { portSink.yield($0) }
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [app], logger: Logger(label: "test"))
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let base = "http://127.0.0.1:\(port)/1.0/identifiers/"
            async let slow = serverTestCurl(["-H", "Accept: application/did+json", base + "did:srvtest:slow"])
            // Shut down only once the slow request has reached the resolver: it is then in flight.
            var inFlight = slowStarts.makeAsyncIterator()
            _ = await inFlight.next()
            await group.triggerGracefulShutdown()
            let response = try await slow
            #expect(response.status == 200)
            #expect(response.body.contains("did:srvtest:slow"))
            try await tasks.waitForAll()
            let after = try await serverTestCurl([base + serverTestKeyDID])
            #expect(after.status == 0)
        }
    }

    @Test("Graceful shutdown: /ready turns 503 (problem body) at once, /health stays 200, a slow request completes")
    func readinessDuringShutdown() async throws {
        var configuration = ResolverServerConfiguration(port: 0)
        configuration.shutdownDrain = .milliseconds(1500)
        let (slowStarts, slowStartSink) = AsyncStream<Void>.makeStream()
        let resolver = serverTestResolver(onSlowStart: { slowStartSink.yield() })
        try await withRunningService(configuration, resolver: resolver) { port, group in
            let base = "http://127.0.0.1:\(port)"
            let ready = try await serverTestCurl([base + "/ready"])
            #expect(ready.status == 200)
            async let slow = serverTestCurl([
                "-H", "Accept: application/did+json", base + "/1.0/identifiers/did:srvtest:slow",
            ])
            // The slow request has reached the resolver: it is in flight.
            var inFlight = slowStarts.makeAsyncIterator()
            _ = await inFlight.next()
            let started = ContinuousClock.now
            await group.triggerGracefulShutdown()
            // The service group delivers the shutdown to the service asynchronously: ask /ready until it has
            // turned (a bounded number of times, well within the 1.5 s drain).
            var draining = try await serverTestCurl([base + "/ready"])
            for _ in 0..<100 where draining.status == 200 {
                draining = try await serverTestCurl([base + "/ready"])
            }
            #expect(draining.status == 503)
            #expect(draining.headers["content-type"] == "application/problem+json")
            #expect(draining.body.contains("\"status\":503"))
            let health = try await serverTestCurl([base + "/health"])
            #expect(health.status == 200)
            let response = try await slow
            #expect(response.status == 200)
            #expect(response.body.contains("did:srvtest:slow"))
            // The slow request (3 s) outlived the drain (1.5 s): the listener closed while it was in flight.
            #expect(ContinuousClock.now - started > .milliseconds(1500))
        }
    }

    @Test("did:web through the service against a local HTTPS server: resolved, then served from the cache")
    func didWeb() async throws {
        let server = try serverTestWellKnownOrigin()
        defer { server.stop() }
        let database = FileManager.default.temporaryDirectory
            .appendingPathComponent("did-resolver-test-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: database) }
        let configuration = ResolverServerConfiguration(
            port: 0,
            caFile: server.ca.caFile,
            allowPrivateNetwork: true,
            cacheDatabase: database
        )
        try await buildApplication(configuration: configuration).test(.live) { client in
            let uri = "/1.0/identifiers/" + server.did()
            let first = try await client.execute(uri: uri, method: .get)
            #expect(first.status == .ok)
            let json = try #require(first.body.serverTestJSON)
            #expect(json["didDocument"]?["id"]?.stringValue == server.did())
            #expect(json["didResolutionMetadata"]?["cache"]?["status"] == "miss")
            let second = try await client.execute(uri: uri, method: .get, headers: [.accept: "application/did+json"])
            #expect(second.status == .ok)
            #expect(second.headers[.age] != nil)
            #expect(second.headers[.cacheControl] == "public, max-age=60")
        }
        // The SSRF guard stays on by default: the same DID is refused with a 4xx problem.
        let guarded = ResolverServerConfiguration(port: 0, caFile: server.ca.caFile)
        try await buildApplication(configuration: guarded).test(.live) { client in
            let response = try await client.execute(uri: "/1.0/identifiers/" + server.did(), method: .get)
            #expect(response.status == .forbidden)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
        // --cache-db: a new service on the same database answers from it while the origin is gone.
        server.stop()
        try await buildApplication(configuration: configuration).test(.live) { client in
            let response = try await client.execute(uri: "/1.0/identifiers/" + server.did(), method: .get)
            #expect(response.status == .ok)
            #expect(response.body.serverTestJSON?["didDocument"]?["id"]?.stringValue == server.did())
        }
    }
}
