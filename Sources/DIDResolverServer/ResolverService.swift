// swift-did: decentralized identity for Swift. Apache-2.0.

public import Hummingbird
public import Logging
public import ServiceLifecycle
import Synchronization
import UnixSignals

/// What `/ready` reports: ready from the start, not ready once graceful shutdown has begun.
public final class ResolverReadiness: Sendable {
    private let ready = Atomic<Bool>(true)

    /// Creates a ready state.
    public init() {}

    /// Whether the service takes new work (`/ready` answers 200, else 503).
    public var isReady: Bool { ready.load(ordering: .acquiring) }

    /// Marks the service as shutting down: `/ready` answers 503 from now on.
    public func beginShutdown() { ready.store(false, ordering: .releasing) }
}

/// The `did-resolver` service (`Specs/resolver.md` §4: graceful shutdown on SIGTERM).
///
/// On graceful shutdown it first turns ``readiness`` off and keeps serving for `drain` (so `/ready` answers 503
/// and load balancers stop routing here), then stops the application: the listener closes, requests in flight
/// finish.
public struct ResolverService: Service {
    /// The HTTP application.
    public let application: Application<ResolverResponder>
    /// What `/ready` reports.
    public let readiness: ResolverReadiness
    /// How long to keep serving with `/ready` at 503 before the listener closes.
    public let drain: Duration
    let logger: Logger

    /// Creates the service.
    /// - Parameters:
    ///   - application: The application (built with the same `readiness`).
    ///   - readiness: The readiness its `/ready` reports.
    ///   - drain: Serving time after shutdown begins.
    ///   - logger: The logger.
    public init(
        application: Application<ResolverResponder>,
        readiness: ResolverReadiness,
        drain: Duration,
        logger: Logger
    ) {
        self.application = application
        self.readiness = readiness
        self.drain = drain
        self.logger = logger
    }

    /// Runs until graceful shutdown (of the enclosing service group) or cancellation.
    /// - Throws: What the application throws.
    public func run() async throws {
        // A service group shuts its services down in reverse order: the drain first, then the application.
        let drain = ResolverDrain(readiness: readiness, drain: drain, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application, drain], logger: logger)
        )
        try await group.run()
    }

    /// Runs the service in its own service group, which shuts down gracefully on SIGTERM and SIGINT.
    /// - Throws: What the application throws.
    public func runService() async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [self],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }
}

/// Waits for graceful shutdown, then turns readiness off and waits the drain time.
struct ResolverDrain: Service {
    let readiness: ResolverReadiness
    let drain: Duration
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        readiness.beginShutdown()
        if Task.isCancelled { return }
        logger.info("shutting down: /ready answers 503; serving for \(drain) before the listener closes")
        try? await Task.sleep(for: drain)
    }
}
