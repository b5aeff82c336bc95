// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDMethodWeb
public import DIDResolution
public import Hummingbird
public import Logging
import NIOCore

/// Builds the `did-resolver` application (Hummingbird 2's `buildApplication` + `runService` pattern).
///
/// The resolver is `StandardResolver` (did:key, did:jwk, did:web) with the did:web memory cache on,
/// its origin fetches bounded by ``ResolverServerConfiguration/maximumOriginFetches`` and counted in `metrics`.
/// Run it with `try await app.runService()`, which stops gracefully on SIGTERM and SIGINT: the listener closes,
/// requests in flight finish, then the process ends. ``buildService(configuration:resolver:metrics:logger:onServerRunning:)``
/// adds the shutdown drain (`/ready` answers 503 before the listener closes).
/// - Parameters:
///   - configuration: Address, did:web trust settings and limits.
///   - resolver: The resolver to serve; `nil` builds the standard one from `configuration` (only that one has its
///     origin fetches bounded and counted).
///   - metrics: The registry `/metrics` shows; each application has its own unless one is given.
///   - readiness: What `/ready` reports; shutdown turns it off.
///   - logger: The service logger.
///   - onServerRunning: Called with the bound port once the server listens (useful with port 0).
/// - Returns: The application.
/// - Throws: `ResolutionError` (`internalError`) when the cache database cannot be opened, or
///   `invalidOptions` when the resolver URL is not an HTTPS URL.
public func buildApplication(
    configuration: ResolverServerConfiguration,
    resolver: StandardResolver? = nil,
    metrics: ResolverMetrics = ResolverMetrics(),
    readiness: ResolverReadiness = ResolverReadiness(),
    logger: Logger = Logger(label: "did-resolver"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws(ResolutionError) -> Application<ResolverResponder> {
    let chosen: StandardResolver
    var gate: OriginFetchGate?
    if let resolver {
        chosen = resolver
    } else {
        let origin = OriginFetchGate(
            limit: configuration.maximumOriginFetches,
            wait: configuration.originFetchWait,
            metrics: metrics
        )
        chosen = try configuration.makeResolver(wrapWebFetcher: origin.wrapping)
        gate = origin
    }
    var responder = ResolverResponder(
        configuration: configuration,
        resolver: chosen,
        metrics: metrics,
        readiness: readiness
    )
    responder.originGate = gate
    return Application(
        responder: responder,
        server: .http1(configuration: .init(additionalChannelHandlers: [ParseErrorProblemHandler()])),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "swift-did did-resolver"
        ),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

/// Builds the `did-resolver` service: the application of
/// ``buildApplication(configuration:resolver:metrics:readiness:logger:onServerRunning:)`` plus the shutdown drain of
/// ``ResolverServerConfiguration/shutdownDrain``.
/// - Parameters:
///   - configuration: Address, did:web trust settings and limits.
///   - resolver: The resolver to serve; `nil` builds the standard one from `configuration`.
///   - metrics: The registry `/metrics` shows.
///   - logger: The service logger.
///   - onServerRunning: Called with the bound port once the server listens.
/// - Returns: The service; run it with ``ResolverService/runService()`` or inside a `ServiceGroup`.
/// - Throws: `ResolutionError` as `buildApplication`.
public func buildService(
    configuration: ResolverServerConfiguration,
    resolver: StandardResolver? = nil,
    metrics: ResolverMetrics = ResolverMetrics(),
    logger: Logger = Logger(label: "did-resolver"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws(ResolutionError) -> ResolverService {
    let readiness = ResolverReadiness()
    let application = try buildApplication(
        configuration: configuration,
        resolver: resolver,
        metrics: metrics,
        readiness: readiness,
        logger: logger,
        onServerRunning: onServerRunning
    )
    return ResolverService(
        application: application,
        readiness: readiness,
        drain: configuration.shutdownDrain,
        logger: logger
    )
}

extension ResolverServerConfiguration {
    /// The resolver this configuration describes: `StandardResolver` with the did:web memory cache,
    /// the SQLite tier when ``cacheDatabase`` is set, and a `RemoteResolver` fallback when
    /// ``resolverURL`` is set.
    /// - Parameter wrapWebFetcher: Wraps the did:web fetcher (the service bounds and counts origin fetches there).
    /// - Returns: The resolver.
    /// - Throws: `ResolutionError` when the database cannot be opened or the URL is not usable.
    public func makeResolver(
        wrapWebFetcher: ((HTTPSFetcher) -> any DIDWebFetcher)? = nil
    ) throws(ResolutionError) -> StandardResolver {
        let fetcherConfiguration = HTTPSFetcher.Configuration(caFile: caFile, allowPrivateNetwork: allowPrivateNetwork)
        let store = try cacheDatabase.map { path throws(ResolutionError) in try PersistentCacheStore(path: path) }
        let remote = try resolverURL.map { url throws(ResolutionError) in
            try RemoteResolver(url: url, fetcher: HTTPSFetcher(configuration: fetcherConfiguration))
        }
        return StandardResolver(
            fetcherConfiguration: fetcherConfiguration,
            cacheConfiguration: ResolutionCache.Configuration(),
            persistentCache: store,
            fallback: remote,
            wrapWebFetcher: wrapWebFetcher
        )
    }
}
