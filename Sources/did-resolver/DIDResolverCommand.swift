// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDResolverServer
import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore

/// `did-resolver`: the DID resolver HTTP service (Universal Resolver API). Every option can also be set by an
/// environment variable; the command line wins.
@main
struct DIDResolverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "did-resolver",
        abstract: "Serve DID resolution over HTTP (Universal Resolver API: /1.0/identifiers/{did}).",
        discussion: """
            Environment: DID_RESOLVER_HOST, DID_RESOLVER_PORT, DID_RESOLVER_CA_FILE, \
            DID_RESOLVER_ALLOW_PRIVATE_NETWORK (1/true), DID_RESOLVER_CACHE_DB, DID_RESOLVER_RESOLVER_URL, \
            DID_RESOLVER_RATE_LIMIT, DID_RESOLVER_LOG_LEVEL, DID_RESOLVER_MAX_ORIGIN_FETCHES, \
            DID_RESOLVER_SHUTDOWN_DRAIN, DID_RESOLVER_THREADS.

            Routes: GET/POST /1.0/identifiers/{did or DID URL}, /1.0/methods, /1.0/traits, /1.0/testIdentifiers, \
            /1.0/properties, /health, /ready, /metrics. Errors are RFC 9457 problem objects. Answers carry ETag and \
            Cache-Control (and Age for did:web); If-None-Match gets 304. Over the rate limit: 429 with Retry-After; \
            a did:web origin fetch that waits 5 s for a slot: 503 with Retry-After: 1. GET /metrics serves \
            Prometheus text (requests, cache results, origin fetches).

            Stops gracefully on SIGTERM and SIGINT: /ready answers 503 for the drain time, then the listener closes \
            and requests in flight finish. Rules and limits: Specs/resolver.md §4.
            """
    )

    private static let environment = ProcessInfo.processInfo.environment

    @Option(help: "Address to listen on (env DID_RESOLVER_HOST).")
    var host: String = environment["DID_RESOLVER_HOST"] ?? "127.0.0.1"

    @Option(help: "TCP port; 0 picks a free one (env DID_RESOLVER_PORT).")
    var port: Int = environment["DID_RESOLVER_PORT"].flatMap { Int($0) } ?? 8080

    @Option(name: .customLong("ca-file"), help: "PEM CA file trusted for did:web (env DID_RESOLVER_CA_FILE).")
    var caFile: String?

    @Flag(
        name: .customLong("allow-private-network"),
        help: "Let did:web reach loopback and private addresses (env DID_RESOLVER_ALLOW_PRIVATE_NETWORK)."
    )
    var allowPrivateNetwork: Bool = ["1", "true", "yes"].contains(
        environment["DID_RESOLVER_ALLOW_PRIVATE_NETWORK"]?.lowercased() ?? ""
    )

    @Option(
        name: .customLong("cache-db"),
        help: "SQLite file of the persistent did:web cache (env DID_RESOLVER_CACHE_DB); default: memory only."
    )
    var cacheDatabase: String?

    @Option(
        name: .customLong("resolver-url"),
        help: "Universal Resolver (HTTPS) asked for methods not built in (env DID_RESOLVER_RESOLVER_URL)."
    )
    var resolverURL: String?

    @Option(
        name: .customLong("rate-limit"),
        help: """
            Requests per second each client address may make (token bucket, burst 2x); 0 turns the limit off \
            (env DID_RESOLVER_RATE_LIMIT; default 100).
            """
    )
    var rateLimit: Double?

    @Option(
        name: .customLong("log-level"),
        help: "trace, debug, info, notice, warning, error or critical (env DID_RESOLVER_LOG_LEVEL)."
    )
    var logLevel: String = environment["DID_RESOLVER_LOG_LEVEL"] ?? "info"

    @Option(
        name: .customLong("max-origin-fetches"),
        help: "did:web origin fetches at once; more wait, then get 503 (env DID_RESOLVER_MAX_ORIGIN_FETCHES)."
    )
    var maxOriginFetches: Int = environment["DID_RESOLVER_MAX_ORIGIN_FETCHES"].flatMap { Int($0) } ?? 64

    @Option(
        name: .customLong("shutdown-drain"),
        help: "Seconds to keep serving with /ready at 503 after SIGTERM (env DID_RESOLVER_SHUTDOWN_DRAIN)."
    )
    var shutdownDrain: Double = environment["DID_RESOLVER_SHUTDOWN_DRAIN"].flatMap { Double($0) } ?? 2

    @Option(
        help: """
            Event-loop threads of the HTTP server (env DID_RESOLVER_THREADS; default: the cores this process may \
            use, after taskset and cgroup limits).
            """
    )
    var threads: Int = environment["DID_RESOLVER_THREADS"].flatMap { Int($0) } ?? allowedCores()

    /// The cores this process may run on: NIO's count (cgroup limits) narrowed by the CPU affinity mask
    /// (`taskset`), read from `Cpus_allowed_list` in `/proc/self/status` on Linux.
    static func allowedCores() -> Int {
        let cores = System.coreCount
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") })
        else { return cores }
        var allowed = 0
        for range in line.dropFirst("Cpus_allowed_list:".count).split(separator: ",") {
            let bounds = range.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let low = bounds.first, let high = bounds.last, high >= low else { return cores }
            allowed += high - low + 1
        }
        return allowed > 0 ? min(cores, allowed) : cores
    }

    func validate() throws {
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must be 1…1024") }
        guard maxOriginFetches >= 1 else { throw ValidationError("--max-origin-fetches must be at least 1") }
        guard shutdownDrain >= 0, shutdownDrain <= 600 else {
            throw ValidationError("--shutdown-drain must be 0…600 seconds")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        if let rate = rateLimit ?? Self.environment["DID_RESOLVER_RATE_LIMIT"].flatMap({ Double($0) }) {
            guard rate.isFinite, rate >= 0 else { throw ValidationError("--rate-limit must be 0 or more") }
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("unknown --log-level '\(logLevel)'")
        }
    }

    func run() async throws {
        // Before anything touches NIO's singleton event-loop group (the server's): its size.
        NIOSingletons.groupLoopCountSuggestion = threads
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let metrics = ResolverMetrics()
        MetricsSystem.bootstrap(metrics.factory)
        var configuration = ResolverServerConfiguration(
            host: host,
            port: port,
            caFile: caFile ?? Self.environment["DID_RESOLVER_CA_FILE"],
            allowPrivateNetwork: allowPrivateNetwork,
            cacheDatabase: cacheDatabase ?? Self.environment["DID_RESOLVER_CACHE_DB"],
            resolverURL: resolverURL ?? Self.environment["DID_RESOLVER_RESOLVER_URL"]
        )
        configuration.maximumOriginFetches = maxOriginFetches
        configuration.shutdownDrain = .milliseconds(Int((shutdownDrain * 1000).rounded()))
        if let rate = rateLimit ?? Self.environment["DID_RESOLVER_RATE_LIMIT"].flatMap({ Double($0) }) {
            configuration.rateLimitPerSecond = rate
            configuration.rateLimitBurst = max(1, Int((rate * 2).rounded(.up)))
        }
        let host = self.host
        let service: ResolverService
        do {
            service = try buildService(configuration: configuration, metrics: metrics) { port in
                FileHandle.standardOutput.write(Data("did-resolver listening on http://\(host):\(port)\n".utf8))
            }
        } catch {
            throw ValidationError("\(error)")
        }
        try await service.runService()
    }
}
