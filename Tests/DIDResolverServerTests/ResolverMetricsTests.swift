// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDResolution
import DIDResolverServer
import DIDTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// One sample line of the Prometheus text format: `name{label="value",…} number`.
struct PrometheusSample: Sendable, Hashable {
    var name: String
    var labels: [String: String]
    var value: Double
}

/// Parses the Prometheus text exposition format 0.0.4 strictly enough to catch a broken line: every line is a
/// `# HELP`/`# TYPE` comment or a sample; `nil` when a line is neither.
func parsePrometheusText(_ text: String) -> [PrometheusSample]? {
    var samples: [PrometheusSample] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
        if line.hasPrefix("# TYPE ") || line.hasPrefix("# HELP ") { continue }
        guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
            return nil
        }
        let series = line[..<space]
        var labels: [String: String] = [:]
        let name: Substring
        if let open = series.firstIndex(of: "{") {
            guard series.hasSuffix("}") else { return nil }
            name = series[..<open]
            let body = series[series.index(after: open)..<series.index(before: series.endIndex)]
            var rest = body
            while !rest.isEmpty {
                guard let equals = rest.firstIndex(of: "=") else { return nil }
                let key = String(rest[..<equals])
                rest = rest[rest.index(after: equals)...]
                guard rest.first == "\"" else { return nil }
                rest = rest.dropFirst()
                guard let close = rest.firstIndex(of: "\"") else { return nil }
                labels[key] = String(rest[..<close])
                rest = rest[rest.index(after: close)...]
                if rest.first == "," { rest = rest.dropFirst() }
            }
        } else {
            name = series
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }) else {
            return nil
        }
        samples.append(PrometheusSample(name: String(name), labels: labels, value: value))
    }
    return samples
}

extension [PrometheusSample] {
    /// The value of the series `name` whose labels include `labels` (summed over the others); 0 when absent.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        .reduce(0) { $0 + $1.value }
    }
}

/// Fetches `/metrics` through a test client and parses it.
func serverTestMetrics(_ client: some TestClientProtocol) async throws -> [PrometheusSample] {
    let response = try await client.execute(uri: "/metrics", method: .get)
    #expect(response.status == .ok)
    #expect(response.headers[.contentType] == "text/plain; version=0.0.4")
    let text = String(buffer: response.body)
    return try #require(parsePrometheusText(text), "not Prometheus text:\n\(text)")
}

/// Fetches `/metrics` over a socket with curl and parses it.
func serverTestMetrics(port: Int) async throws -> [PrometheusSample] {
    let response = try await serverTestCurl(["http://127.0.0.1:\(port)/metrics"])
    #expect(response.status == 200)
    return try #require(parsePrometheusText(response.body), "not Prometheus text:\n\(response.body)")
}

@Suite("did-resolver /metrics (Prometheus text format 0.0.4)")
struct ResolverMetricsTests {
    static let requests = "did_resolver_http_requests_total"
    static let identifiers = "/1.0/identifiers/{identifier}"

    @Test("Request counters and latency histograms move by route template, method and status; no DID in a label")
    func requestCounters() async throws {
        try await serverTestApplication().test(.router) { client in
            let before = try await serverTestMetrics(client)
            #expect(before.value(Self.requests, ["route": Self.identifiers]) == 0)
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/1.0/identifiers/" + serverTestKeyDID, method: .get)
                #expect(response.status == .ok)
            }
            _ = try await client.execute(uri: "/1.0/identifiers/did:srvtest:missing", method: .get)
            _ = try await client.execute(uri: "/1.0/identifiers/not-a-did", method: .get)
            _ = try await client.execute(
                uri: "/1.0/identifiers/" + serverTestKeyDID,
                method: try #require(HTTPRequest.Method("BREW"))
            )
            _ = try await client.execute(uri: "/nowhere/" + serverTestKeyDID, method: .get)
            _ = try await client.execute(uri: "/health", method: .get)
            let response = try await client.execute(uri: "/metrics", method: .get)
            let text = String(buffer: response.body)
            let after = try #require(parsePrometheusText(text))
            let ok = ["route": Self.identifiers, "method": "GET", "status": "200"]
            #expect(after.value(Self.requests, ok) == 3)
            #expect(after.value(Self.requests, ["route": Self.identifiers, "status": "404"]) == 1)
            #expect(after.value(Self.requests, ["route": Self.identifiers, "status": "400"]) == 1)
            #expect(after.value(Self.requests, ["route": Self.identifiers, "method": "other", "status": "405"]) == 1)
            #expect(after.value(Self.requests, ["route": "other", "status": "404"]) == 1)
            #expect(after.value(Self.requests, ["route": "/health", "status": "200"]) == 1)
            #expect(after.value(Self.requests, ["route": "/metrics", "status": "200"]) == 1)
            let histogram = "did_resolver_http_request_duration_seconds"
            #expect(after.value(histogram + "_count", ok) == 3)
            #expect(after.value(histogram + "_bucket", ok.merging(["le": "+Inf"]) { $1 }) == 3)
            #expect(after.value(histogram + "_sum", ok) > 0)
            #expect(text.contains("# TYPE \(Self.requests) counter"))
            #expect(text.contains("# TYPE \(histogram) histogram"))
            #expect(!text.contains("z6Mk"))
            #expect(!text.contains("srvtest"))
        }
    }

    @Test("/metrics answers GET and HEAD only, and is not rate limited")
    func metricsRoute() async throws {
        var configuration = ResolverServerConfiguration(port: 0)
        configuration.rateLimitBurst = 1
        configuration.rateLimitPerSecond = 0.01
        try await serverTestApplication(configuration).test(.router) { client in
            let post = try await client.execute(uri: "/metrics", method: .post)
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.contentType] == "application/problem+json")
            for _ in 0..<5 {
                let response = try await client.execute(uri: "/metrics", method: .get)
                #expect(response.status == .ok)
            }
        }
    }

    @Test("did:web through a local HTTPS origin: cache miss, hit and origin fetches counted; errors by class")
    func cacheAndOrigin() async throws {
        let server = try serverTestWellKnownOrigin()
        defer { server.stop() }
        let configuration = ResolverServerConfiguration(port: 0, caFile: server.ca.caFile, allowPrivateNetwork: true)
        try await buildApplication(configuration: configuration).test(.live) { client in
            let uri = "/1.0/identifiers/" + server.did()
            for _ in 0..<3 {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok)
            }
            // Nothing listens on port 1: the origin fetch fails to connect.
            let refused = try await client.execute(uri: "/1.0/identifiers/did:web:localhost%3A1", method: .get)
            #expect(refused.status.code >= 500)
            let metrics = try await serverTestMetrics(client)
            #expect(metrics.value("did_resolver_cache_results_total", ["outcome": "miss"]) == 1)
            #expect(metrics.value("did_resolver_cache_results_total", ["outcome": "hit"]) == 2)
            #expect(metrics.value("did_resolver_origin_fetches_total", ["result": "2xx"]) == 1)
            #expect(metrics.value("did_resolver_origin_fetches_total", ["result": "error"]) == 1)
            #expect(metrics.value("did_resolver_origin_fetch_errors_total", ["class": "connectionFailed"]) == 1)
            #expect(metrics.value("did_resolver_origin_fetch_duration_seconds_count") == 2)
            #expect(metrics.value("did_resolver_origin_fetches_in_flight") == 0)
        }
    }
}
