// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDResolverServer
import Logging
import ServiceLifecycle
import Testing
import UnixSignals

/// The README's and the "Running the resolver service" article's example, compiled and run
/// (`.ci/check-examples` checks that the documents show exactly the code between the markers).
@Suite("Documentation examples: run the resolver in-process")
struct ReadmeServerExampleTests {
    @Test("build the service on a free port, run it in a service group, answer /health, shut down gracefully")
    func runInProcess() async throws {
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        // BEGIN EXAMPLE run-in-process
        // The Universal Resolver API on a loopback port (0: any free one), with the did:web cache in memory.
        var configuration = ResolverServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.shutdownDrain = .zero
        let service = try buildService(
            configuration: configuration,
            onServerRunning: { port in portSink.yield(port) }
        )
        // A service group runs it until SIGTERM or SIGINT, then drains and stops it gracefully.
        let group = ServiceGroup(
            services: [service],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: Logger(label: "did-resolver")
        )
        // END EXAMPLE
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let health = try await serverTestCurl(["http://127.0.0.1:\(port)/health"])
            #expect(health.status == 200)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
