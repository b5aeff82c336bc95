// swift-did: decentralized identity for Swift. Apache-2.0.

/// Settings of the `did-resolver` HTTP service (`Specs/resolver.md` §4).
public struct ResolverServerConfiguration: Sendable, Hashable {
    /// The address to listen on; `127.0.0.1` by default, so nothing is exposed unless asked.
    public var host: String
    /// The TCP port; `0` picks a free one (tests).
    public var port: Int
    /// A PEM file of CA certificates trusted for did:web (tests and private deployments); `nil` uses the system store.
    public var caFile: String?
    /// Lets did:web reach loopback, private and link-local addresses (local development and tests only).
    public var allowPrivateNetwork: Bool
    /// The SQLite file of the persistent did:web cache tier; `nil` keeps the memory tier only.
    public var cacheDatabase: String?
    /// A Universal Resolver base URL (HTTPS) asked for methods that are not built in; `nil` answers 501 for them.
    public var resolverURL: String?
    /// The longest request target (path and query) accepted, in bytes; longer ones get 414.
    public var maximumURLLength: Int
    /// The largest total size of the request header fields accepted, in bytes; larger ones get 431.
    public var maximumHeaderBytes: Int
    /// The largest POST body accepted, in bytes; larger ones get 413.
    public var maximumBodyBytes: Int
    /// How long one resolution may take before the service answers 504.
    public var requestTimeout: Duration
    /// The per-client token bucket: its size (the burst a client may send at once).
    public var rateLimitBurst: Int
    /// The per-client token bucket: tokens added per second; `0` turns rate limiting off.
    public var rateLimitPerSecond: Double
    /// How many resolutions may be in progress at once (they bound the origin fetches of did:web); more wait.
    public var maximumConcurrentResolutions: Int
    /// How many did:web origin fetches may run at once (cache hits need none); more wait up to
    /// ``originFetchWait``, then get 503.
    public var maximumOriginFetches: Int
    /// How long an origin fetch waits for a free slot before its request gets 503.
    public var originFetchWait: Duration
    /// How long the service keeps serving, with `/ready` answering 503, after graceful shutdown begins and before
    /// the listener closes (so load balancers stop sending new requests first).
    public var shutdownDrain: Duration
    /// `max-age` the service announces for computed methods (did:key, did:jwk), in seconds.
    public var computedMaxAge: Int
    /// `max-age` the service announces for fresh answers of fetched methods (did:web), in seconds.
    public var fetchedMaxAge: Int
    /// Most rendered response bodies kept for reuse (did:key and did:jwk answers, unchanged did:web documents);
    /// `0` keeps none.
    public var renderedResponseCacheEntries: Int = 4096
    /// Most bytes of rendered response bodies kept for reuse (about).
    public var renderedResponseCacheBytes: Int = 16 << 20

    /// Creates a configuration; every value has a safe default.
    /// - Parameters:
    ///   - host: Listening address.
    ///   - port: Listening port.
    ///   - caFile: CA file for did:web.
    ///   - allowPrivateNetwork: Whether did:web may reach private addresses.
    ///   - cacheDatabase: SQLite file of the persistent cache tier.
    ///   - resolverURL: Universal Resolver to ask for other methods.
    ///   - maximumURLLength: Request-target limit in bytes.
    ///   - maximumHeaderBytes: Header limit in bytes.
    ///   - maximumBodyBytes: Body limit in bytes.
    ///   - requestTimeout: Per-request resolution timeout.
    ///   - rateLimitBurst: Token bucket size per client.
    ///   - rateLimitPerSecond: Token refill rate per client; `0` disables the limit.
    ///   - maximumConcurrentResolutions: Resolutions in flight at once.
    ///   - maximumOriginFetches: did:web origin fetches in flight at once.
    ///   - originFetchWait: How long a fetch waits for a slot.
    ///   - shutdownDrain: Serving time with `/ready` at 503 after shutdown begins.
    ///   - computedMaxAge: `max-age` for did:key and did:jwk answers.
    ///   - fetchedMaxAge: `max-age` for fresh did:web answers.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        caFile: String? = nil,
        allowPrivateNetwork: Bool = false,
        cacheDatabase: String? = nil,
        resolverURL: String? = nil,
        maximumURLLength: Int = 8192,
        maximumHeaderBytes: Int = 16384,
        maximumBodyBytes: Int = 65536,
        requestTimeout: Duration = .seconds(15),
        rateLimitBurst: Int = 200,
        rateLimitPerSecond: Double = 100,
        maximumConcurrentResolutions: Int = 256,
        maximumOriginFetches: Int = 64,
        originFetchWait: Duration = .seconds(5),
        shutdownDrain: Duration = .seconds(2),
        computedMaxAge: Int = 3600,
        fetchedMaxAge: Int = 60
    ) {
        self.host = host
        self.port = port
        self.caFile = caFile
        self.allowPrivateNetwork = allowPrivateNetwork
        self.cacheDatabase = cacheDatabase
        self.resolverURL = resolverURL
        self.maximumURLLength = maximumURLLength
        self.maximumHeaderBytes = maximumHeaderBytes
        self.maximumBodyBytes = maximumBodyBytes
        self.requestTimeout = requestTimeout
        self.rateLimitBurst = rateLimitBurst
        self.rateLimitPerSecond = rateLimitPerSecond
        self.maximumConcurrentResolutions = maximumConcurrentResolutions
        self.maximumOriginFetches = maximumOriginFetches
        self.originFetchWait = originFetchWait
        self.shutdownDrain = shutdownDrain
        self.computedMaxAge = computedMaxAge
        self.fetchedMaxAge = fetchedMaxAge
    }
}
