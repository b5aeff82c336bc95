// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDMethodWeb
import Foundation

/// Where a cache reads the time: seconds since 1970. Tests inject a manual clock and advance it.
public protocol CacheClock: Sendable {
    /// The current time in seconds since 1970-01-01T00:00:00Z.
    var now: Double { get }
}

/// The system clock.
public struct SystemCacheClock: CacheClock {
    /// Creates the clock.
    public init() {}
    /// The current time.
    public var now: Double {
        Date().timeIntervalSince1970
    }
}

/// The memory tier of `Specs/resolver.md` §3, in front of did:web (computed methods bypass it).
///
/// - Key: the DID plus `accept`, `versionId`, `versionTime`.
/// - Freshness: `Cache-Control` `s-maxage`/`max-age`, else `Expires` (against `Date`), else ``Configuration/defaultTTL``,
///   clamped to ``Configuration/minimumTTL``…``Configuration/maximumTTL``; `no-store` and `private` are not kept;
///   `no-cache` keeps the entry but revalidates every time.
/// - Revalidation: `ETag`/`Last-Modified` are sent back as `If-None-Match`/`If-Modified-Since`; a 304 refreshes
///   the entry.
/// - `stale-while-revalidate`: within that window a stale entry is answered at once and refreshed in the background.
/// - `stale-if-error` (or ``Configuration/maximumStale``): when the origin fails (timeout, 5xx, DNS, TLS…), the
///   stale entry is answered, marked stale, up to that bound; after it the failure is returned.
/// - Negative caching: a real 404/410 (`NOT_FOUND`) is kept for ``Configuration/negativeTTL``; transient failures
///   are never kept.
/// - Single-flight: concurrent resolutions of one key share one origin request.
/// - LRU bounds on entry count and bytes. `noCache: true` bypasses the cache and refreshes it.
///
/// Every answer carries a `CacheOutcome` in `didResolutionMetadata.cache`: the status (hit, miss, stale,
/// revalidated, bypass), the entry's age, whether it is stale, the tier a hit came from, and the origin's HTTP status
/// (such as 200 or 304) when the origin was asked for this answer.
public actor ResolutionCache {
    /// Cache settings (defaults: `Specs/resolver.md` §3).
    public struct Configuration: Sendable, Hashable {
        /// Shortest freshness kept, whatever the origin says (default 30 s).
        public var minimumTTL: Double
        /// Longest freshness kept (default 1 h).
        public var maximumTTL: Double
        /// Freshness when the origin says nothing (default 5 min).
        public var defaultTTL: Double
        /// How long a NOT_FOUND is kept (default 30 s).
        public var negativeTTL: Double
        /// How long past freshness a stale entry may be served when the origin fails and says no `stale-if-error`
        /// (default 1 day).
        public var maximumStale: Double
        /// Most entries kept.
        public var maximumEntries: Int
        /// Most bytes kept (document sizes).
        public var maximumBytes: Int

        /// Creates settings.
        /// - Parameters:
        ///   - minimumTTL: Shortest freshness.
        ///   - maximumTTL: Longest freshness.
        ///   - defaultTTL: Freshness when the origin says nothing.
        ///   - negativeTTL: How long NOT_FOUND is kept.
        ///   - maximumStale: Stale-if-error bound when the origin gives none.
        ///   - maximumEntries: Entry bound.
        ///   - maximumBytes: Byte bound.
        public init(
            minimumTTL: Double = 30,
            maximumTTL: Double = 3600,
            defaultTTL: Double = 300,
            negativeTTL: Double = 30,
            maximumStale: Double = 86_400,
            maximumEntries: Int = 10_000,
            maximumBytes: Int = 64 << 20
        ) {
            self.minimumTTL = minimumTTL
            self.maximumTTL = maximumTTL
            self.defaultTTL = defaultTTL
            self.negativeTTL = negativeTTL
            self.maximumStale = maximumStale
            self.maximumEntries = maximumEntries
            self.maximumBytes = maximumBytes
        }
    }

    struct Key: Hashable {
        var did: String
        var accept: String?
        var versionId: String?
        var versionTime: String?

        /// The persistent tier's key: the parts joined by NUL.
        var stored: String { [did, accept ?? "", versionId ?? "", versionTime ?? ""].joined(separator: "\u{0}") }

        /// Keys are equal when their parts have the same UTF-8 bytes: `String ==` would merge canonically
        /// equivalent `versionId`s (`"caf\u{E9}"`, `"cafe\u{301}"`), which name different versions.
        static func == (lhs: Key, rhs: Key) -> Bool {
            BytewiseString.equal(lhs.did, rhs.did) && same(lhs.accept, rhs.accept)
                && same(lhs.versionId, rhs.versionId) && same(lhs.versionTime, rhs.versionTime)
        }

        /// Hashes the parts' UTF-8 bytes, consistently with ``==(_:_:)``.
        func hash(into hasher: inout Hasher) {
            hasher.combine(BytewiseString(did))
            hasher.combine(accept.map { BytewiseString($0) })
            hasher.combine(versionId.map { BytewiseString($0) })
            hasher.combine(versionTime.map { BytewiseString($0) })
        }

        private static func same(_ lhs: String?, _ rhs: String?) -> Bool {
            switch (lhs, rhs) {
            case (nil, nil): true
            case (let left?, let right?): BytewiseString.equal(left, right)
            default: false
            }
        }
    }

    struct Entry {
        var result: ResolutionResult?  // nil: negative entry (NOT_FOUND)
        var error: ResolutionError?
        var storedAt: Double
        var freshUntil: Double
        var staleWhileRevalidate: Double
        var staleIfError: Double
        var etag: String?
        var lastModified: String?
        var bytes: Int
        var lastUse: UInt64
    }

    private let configuration: Configuration
    private let clock: any CacheClock
    private let web: DIDWebMethod
    private let persistent: PersistentCacheStore?
    private var entries: [Key: Entry] = [:]
    private var inflight: [Key: Task<Result<ResolutionResult, ResolutionError>, Never>] = [:]
    private var useCounter: UInt64 = 0
    private var totalBytes = 0
    /// How many origin requests were made (for tests and tracing).
    public private(set) var originRequests = 0

    /// Creates a cache in front of a did:web method.
    /// - Parameters:
    ///   - web: The did:web method (with its fetcher).
    ///   - configuration: Settings.
    ///   - clock: The time source.
    ///   - persistent: The SQLite tier behind the memory tier, or `nil` for memory only.
    public init(
        web: DIDWebMethod,
        configuration: Configuration = Configuration(),
        clock: any CacheClock = SystemCacheClock(),
        persistent: PersistentCacheStore? = nil
    ) {
        self.web = web
        self.persistent = persistent
        self.configuration = configuration
        self.clock = clock
    }

    /// The number of entries kept.
    public var count: Int { entries.count }

    /// Resolves a did:web DID through the cache.
    /// - Parameters:
    ///   - did: The DID.
    ///   - options: Resolution options (`noCache` bypasses and refreshes).
    /// - Returns: The result with its `CacheOutcome` in `didResolutionMetadata.cache`.
    /// - Throws: `ResolutionError`, also a cached NOT_FOUND.
    public func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        let key = Key(
            did: did.description,
            accept: options.accept,
            versionId: options.versionId,
            versionTime: options.versionTime
        )
        let now = clock.now
        if options.noCache {
            return try await load(key, did: did, conditional: false, status: .bypass).get()
        }
        var tier = CacheOutcome.Tier.memory
        if entries[key] == nil, let stored = persistent?.load(key.stored) {
            store(key, Entry(stored), persist: false)
            tier = .disk
        }
        guard let entry = entries[key] else {
            return try await load(key, did: did, conditional: false, status: .miss).get()
        }
        touch(key)
        if now < entry.freshUntil {
            return try answer(entry, status: .hit, now: now, stale: false, tier: tier)
        }
        if entry.result != nil, now < entry.freshUntil + entry.staleWhileRevalidate {
            if inflight[key] == nil {
                inflight[key] = Task { await self.origin(key, did: did, conditional: true, status: .revalidated) }
            }
            return try answer(entry, status: .stale, now: now, stale: true)
        }
        return try await load(key, did: did, conditional: true, status: .revalidated).get()
    }

    private func answer(
        _ entry: Entry,
        status: CacheOutcome.Status,
        now: Double,
        stale: Bool,
        tier: CacheOutcome.Tier? = nil,
        originStatus: Int? = nil
    ) throws(ResolutionError) -> ResolutionResult {
        guard var result = entry.result else { throw entry.error ?? ResolutionError(.notFound) }
        result.didResolutionMetadata.cache = CacheOutcome(
            status: status,
            age: .seconds(now - entry.storedAt),
            isStale: stale,
            tier: tier,
            originStatus: originStatus
        )
        return result
    }

    /// Single-flight: joins the request in flight for `key`, or starts one.
    private func load(
        _ key: Key,
        did: DID,
        conditional: Bool,
        status: CacheOutcome.Status
    ) async -> Result<ResolutionResult, ResolutionError> {
        if let running = inflight[key] {
            return await running.value
        }
        let task = Task { await self.origin(key, did: did, conditional: conditional, status: status) }
        inflight[key] = task
        return await task.value
    }

    /// One origin request and the cache update; clears the in-flight slot.
    private func origin(
        _ key: Key,
        did: DID,
        conditional: Bool,
        status: CacheOutcome.Status
    ) async -> Result<ResolutionResult, ResolutionError> {
        defer { inflight[key] = nil }
        var headers: [DIDWebHeader] = []
        let previous = entries[key]
        if conditional, let previous, previous.result != nil {
            if let etag = previous.etag { headers.append(DIDWebHeader(name: "If-None-Match", value: etag)) }
            if let lastModified = previous.lastModified {
                headers.append(DIDWebHeader(name: "If-Modified-Since", value: lastModified))
            }
        }
        originRequests += 1
        let outcome: (response: DIDWebResponse, result: ResolutionResult?)
        do {
            outcome = try await web.fetch(did, headers: headers)
        } catch {
            let now = clock.now
            if error.code == .notFound {
                store(
                    key,
                    Entry(
                        result: nil,
                        error: error,
                        storedAt: now,
                        freshUntil: now + configuration.negativeTTL,
                        staleWhileRevalidate: 0,
                        staleIfError: 0,
                        etag: nil,
                        lastModified: nil,
                        bytes: 64,
                        lastUse: 0
                    )
                )
                return .failure(error)
            }
            // Transient: serve a stale positive entry within its stale-if-error bound; keep nothing new.
            // A bypass (noCache) asked for the origin's answer, so it gets the failure.
            if status != .bypass, let previous, previous.result != nil,
                now < previous.freshUntil + previous.staleIfError
            {
                return Result { () throws(ResolutionError) in
                    try answer(previous, status: .stale, now: now, stale: true)
                }
            }
            return .failure(error)
        }
        let now = clock.now
        let directives = CacheDirectives(headers: outcome.response.headers)
        guard let result = outcome.result ?? previous?.result else {
            return .failure(ResolutionError(.internalError, "the origin answered 304 to an unconditional request"))
        }
        var ttl = directives.originLifetime(now: now) ?? configuration.defaultTTL
        ttl = min(max(ttl, configuration.minimumTTL), configuration.maximumTTL)
        if directives.noCache { ttl = 0 }
        let entry = Entry(
            result: result,
            error: nil,
            storedAt: now,
            freshUntil: now + ttl,
            staleWhileRevalidate: directives.mustRevalidate || directives.noCache
                ? 0 : (directives.staleWhileRevalidate ?? 0),
            staleIfError: directives.mustRevalidate ? 0 : (directives.staleIfError ?? configuration.maximumStale),
            etag: directives.etag ?? (outcome.result == nil ? previous?.etag : nil),
            lastModified: directives.lastModified ?? (outcome.result == nil ? previous?.lastModified : nil),
            bytes: outcome.result == nil ? (previous?.bytes ?? 0) : outcome.response.body.count,
            lastUse: 0
        )
        if directives.noStore {
            remove(key)
            persistent?.delete(key.stored)
        } else {
            store(key, entry)
        }
        return Result { () throws(ResolutionError) in
            try answer(
                entry,
                status: outcome.result == nil ? .revalidated : status,
                now: now,
                stale: false,
                originStatus: outcome.response.status
            )
        }
    }

    private func touch(_ key: Key) {
        useCounter += 1
        entries[key]?.lastUse = useCounter
    }

    private func store(_ key: Key, _ entry: Entry, persist: Bool = true) {
        if persist {
            persistent?.save(
                key.stored,
                PersistentCacheStore.Stored(
                    result: entry.result,
                    error: entry.error,
                    storedAt: entry.storedAt,
                    freshUntil: entry.freshUntil,
                    staleWhileRevalidate: entry.staleWhileRevalidate,
                    staleIfError: entry.staleIfError,
                    etag: entry.etag,
                    lastModified: entry.lastModified,
                    bytes: entry.bytes
                )
            )
        }
        remove(key)
        useCounter += 1
        var entry = entry
        entry.lastUse = useCounter
        entries[key] = entry
        totalBytes += entry.bytes
        while entries.count > configuration.maximumEntries
            || (totalBytes > configuration.maximumBytes && entries.count > 1)
        {
            guard let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key else { break }
            remove(oldest)
        }
    }

    private func remove(_ key: Key) {
        if let old = entries.removeValue(forKey: key) { totalBytes -= old.bytes }
    }
}

extension ResolutionCache.Entry {
    init(_ stored: PersistentCacheStore.Stored) {
        self.init(
            result: stored.result,
            error: stored.error,
            storedAt: stored.storedAt,
            freshUntil: stored.freshUntil,
            staleWhileRevalidate: stored.staleWhileRevalidate,
            staleIfError: stored.staleIfError,
            etag: stored.etag,
            lastModified: stored.lastModified,
            bytes: stored.bytes,
            lastUse: 0
        )
    }
}

/// A did:web method resolver that answers through a ``ResolutionCache``.
public struct CachingWebMethod: DIDMethodResolver {
    /// The cache.
    public let cache: ResolutionCache

    /// `DID.Method.web`.
    public var method: DID.Method { .web }

    /// Creates the resolver.
    /// - Parameter cache: The cache (which holds the did:web method).
    public init(cache: ResolutionCache) {
        self.cache = cache
    }

    /// Resolves through the cache.
    /// - Parameters:
    ///   - did: The DID.
    ///   - options: Resolution options.
    /// - Returns: The result.
    /// - Throws: `ResolutionError`.
    public func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        try await cache.resolve(did, options: options)
    }
}
