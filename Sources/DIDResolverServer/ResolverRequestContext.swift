// swift-did: decentralized identity for Swift. Apache-2.0.

public import Hummingbird
public import NIOCore

/// The request context of the service: Hummingbird's core context plus the peer address, which keys the
/// per-client rate limit.
public struct ResolverRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The client's address (`nil` when there is no socket, as in router tests).
    public let remoteAddress: SocketAddress?

    /// Creates the context for a request arriving on a channel.
    /// - Parameter source: The channel and logger.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
