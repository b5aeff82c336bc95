// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import DIDMethodJWK
public import DIDMethodKey
public import DIDMethodWeb

/// The resolver with every built-in method: did:key (computed), did:jwk (computed) and did:web (fetched with
/// ``HTTPSFetcher``), plus DID URL dereferencing (DID Core 1.0 §7.1–7.2, `Specs/resolver.md` §1).
///
/// `resolveRepresentation` comes from `DIDResolver`; `expandRelativeUrls` is applied to every method's answer.
public struct StandardResolver: DIDResolver {
    /// The did:web fetcher.
    public let fetcher: HTTPSFetcher
    /// The did:web cache, when caching is on.
    public let cache: ResolutionCache?
    private let methods: MultiMethodResolver
    private let fallback: (any DIDResolver)?

    /// Creates the resolver.
    /// - Parameters:
    ///   - fetcherConfiguration: The did:web fetcher settings (CA file, private networks, timeouts, redirects).
    ///   - didKeyOptions: did:key document options.
    ///   - cacheConfiguration: did:web cache settings; `nil` turns the cache off. did:key and did:jwk are computed
    ///     and never cached.
    ///   - clock: The cache's time source.
    ///   - persistentCache: The SQLite tier behind the memory cache (used only when `cacheConfiguration` is set).
    ///   - additionalMethods: More methods; one with a built-in name replaces the built-in.
    ///   - fallback: Asked for DIDs of methods not built in (such as a ``RemoteResolver``).
    ///   - wrapWebFetcher: Wraps ``fetcher`` before did:web uses it, to observe or bound origin fetches (the HTTP
    ///     service counts and limits them there); `nil` uses ``fetcher`` as it is.
    public init(
        fetcherConfiguration: HTTPSFetcher.Configuration = HTTPSFetcher.Configuration(),
        didKeyOptions: DIDKeyMethod.Options = DIDKeyMethod.Options(),
        cacheConfiguration: ResolutionCache.Configuration? = nil,
        clock: any CacheClock = SystemCacheClock(),
        persistentCache: PersistentCacheStore? = nil,
        additionalMethods: [any DIDMethodResolver] = [],
        fallback: (any DIDResolver)? = nil,
        wrapWebFetcher: ((HTTPSFetcher) -> any DIDWebFetcher)? = nil
    ) {
        self.fallback = fallback
        let fetcher = HTTPSFetcher(configuration: fetcherConfiguration)
        self.fetcher = fetcher
        let web = DIDWebMethod(fetcher: wrapWebFetcher?(fetcher) ?? fetcher)
        let cache = cacheConfiguration.map {
            ResolutionCache(web: web, configuration: $0, clock: clock, persistent: persistentCache)
        }
        self.cache = cache
        let builtIn: [any DIDMethodResolver] = [
            DIDKeyMethod(options: didKeyOptions),
            cache.map { CachingWebMethod(cache: $0) as any DIDMethodResolver } ?? web,
            DIDJWKMethod(),
        ]
        self.methods = MultiMethodResolver(builtIn + additionalMethods)
    }

    /// The supported methods, sorted by name.
    public var supportedMethods: [DID.Method] { methods.supportedMethods }

    /// The names of the supported methods, sorted.
    public var methodNames: [String] { methods.methodNames }

    /// Resolves a DID with the method named in it (DID Core 1.0 §7.1).
    /// - Parameters:
    ///   - did: The DID.
    ///   - options: Resolution options.
    /// - Returns: The resolution result.
    /// - Throws: `ResolutionError`: `methodNotSupported` for other methods, `invalidOptions` for malformed
    ///   options, and each method's own errors.
    public func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        var result: ResolutionResult
        if let fallback, !methods.supports(did.method) {
            try options.validate()
            result = try await fallback.resolve(did, options: options)
        } else {
            result = try await methods.resolve(did, options: options)
        }
        if options.expandRelativeURLs, let document = result.didDocument {
            result.didDocument = document.expandingRelativeURLs
        }
        return result
    }

    /// Resolves a DID to a representation (DID Core 1.0 §7.1 `resolveRepresentation`).
    ///
    /// Without `accept` (or with `*/*`) the method's own media type is used: `application/did+ld+json` for a
    /// did:web document with `@context`, for example; else `application/did+json`.
    /// - Parameters:
    ///   - did: The DID.
    ///   - options: Resolution options; `accept` is one media type.
    /// - Returns: The representation bytes with their content type.
    /// - Throws: `ResolutionError` as ``resolve(_:options:)``, and `representationNotSupported`.
    public func resolveRepresentation(
        _ did: DID,
        options: ResolutionOptions = ResolutionOptions()
    ) async throws(ResolutionError) -> RepresentationResult {
        var resolveOptions = options
        resolveOptions.accept = nil
        let result = try await resolve(did, options: resolveOptions)
        let requested = options.accept.flatMap { $0 == "*/*" ? nil : $0 }
        return try result.representation(
            mediaType: requested ?? result.didResolutionMetadata.contentType ?? DIDMediaType.didJSON
        )
    }

    /// Dereferences a DID URL (DID Core 1.0 §7.2); errors are in the result's metadata.
    /// - Parameters:
    ///   - didURL: The DID URL text.
    ///   - options: Dereferencing options.
    /// - Returns: The dereferencing result.
    public func dereference(
        _ didURL: String,
        options: DereferencingOptions = DereferencingOptions()
    ) async
        -> DereferencingResult
    {
        await DIDURLDereferencer(resolver: self).dereference(didURL, options: options)
    }
}
