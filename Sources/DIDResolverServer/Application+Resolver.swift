// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDResolution
public import Hummingbird
public import Logging
import NIOCore

/// Builds the `did-resolver` application (ARCHITECTURE.md: `buildApplication(...)` + `runService()`).
///
/// The resolver is ``DIDResolution/StandardResolver`` (did:key, did:jwk, did:web) with the did:web memory cache on.
/// Run it with `try await app.runService()`, which stops gracefully on SIGTERM and SIGINT: the listener closes,
/// requests in flight finish, then the process ends.
/// - Parameters:
///   - configuration: Address, did:web trust settings and limits.
///   - resolver: The resolver to serve; `nil` builds the standard one from `configuration`.
///   - logger: The service logger.
///   - onServerRunning: Called with the bound port once the server listens (useful with port 0).
/// - Returns: The application.
/// - Throws: ``DIDCore/ResolutionError`` (`internalError`) when the cache database cannot be opened, or
///   `invalidOptions` when the resolver URL is not an HTTPS URL.
public func buildApplication(
    configuration: ResolverServerConfiguration,
    resolver: StandardResolver? = nil,
    logger: Logger = Logger(label: "did-resolver"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws(ResolutionError) -> Application<ResolverResponder> {
    let chosen: StandardResolver
    if let resolver {
        chosen = resolver
    } else {
        chosen = try configuration.makeResolver()
    }
    return Application(
        responder: ResolverResponder(configuration: configuration, resolver: chosen),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "swift-did did-resolver"
        ),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

extension ResolverServerConfiguration {
    /// The resolver this configuration describes: ``DIDResolution/StandardResolver`` with the did:web memory cache,
    /// the SQLite tier when ``cacheDatabase`` is set, and a ``DIDResolution/RemoteResolver`` fallback when
    /// ``resolverURL`` is set.
    /// - Returns: The resolver.
    /// - Throws: ``DIDCore/ResolutionError`` when the database cannot be opened or the URL is not usable.
    public func makeResolver() throws(ResolutionError) -> StandardResolver {
        let fetcherConfiguration = HTTPSFetcher.Configuration(caFile: caFile, allowPrivateNetwork: allowPrivateNetwork)
        let store = try cacheDatabase.map { path throws(ResolutionError) in try PersistentCacheStore(path: path) }
        let remote = try resolverURL.map { url throws(ResolutionError) in
            try RemoteResolver(url: url, fetcher: HTTPSFetcher(configuration: fetcherConfiguration))
        }
        return StandardResolver(
            fetcherConfiguration: fetcherConfiguration,
            cacheConfiguration: ResolutionCache.Configuration(),
            persistentCache: store,
            fallback: remote
        )
    }
}
