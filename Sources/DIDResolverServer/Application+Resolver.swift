// swift-did: decentralized identity for Swift. Apache-2.0.

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
public func buildApplication(
    configuration: ResolverServerConfiguration,
    resolver: StandardResolver? = nil,
    logger: Logger = Logger(label: "did-resolver"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> Application<ResolverResponder> {
    let resolver =
        resolver
        ?? StandardResolver(
            fetcherConfiguration: HTTPSFetcher.Configuration(
                caFile: configuration.caFile,
                allowPrivateNetwork: configuration.allowPrivateNetwork
            ),
            cacheConfiguration: ResolutionCache.Configuration()
        )
    return Application(
        responder: ResolverResponder(configuration: configuration, resolver: resolver),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "swift-did did-resolver"
        ),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}
