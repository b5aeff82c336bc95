// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDMethodWeb
import Synchronization

/// Bounds and counts the did:web origin fetches of the service (`Specs/resolver.md` §4: concurrent origin
/// fetches). Cache hits never come here; only requests that reach an origin (misses, revalidations, bypasses) do.
///
/// At most `limit` fetches run at once; the next ones wait in arrival order for up to `wait`, then fail with
/// ``DIDMethodWeb/DIDWebFetchError/Code/timeout`` and mark the waiting request (``Rejection``) so the service
/// answers 503 rather than 500.
final class OriginFetchGate: Sendable {
    /// Set by the gate when a request's origin fetch waited out its slot; read by the responder.
    final class Rejection: Sendable {
        private let flag = Atomic<Bool>(false)

        /// Whether an origin fetch of this request was refused for lack of a slot.
        var isSet: Bool { flag.load(ordering: .acquiring) }

        func set() { flag.store(true, ordering: .releasing) }
    }

    /// The rejection mark of the request being answered (inherited by the tasks the resolver starts for it).
    @TaskLocal static var rejection: Rejection?

    let limit: Int
    let wait: Duration
    private let metrics: ResolverMetrics
    private let slots: AsyncSlots
    /// DIDs whose origin fetch was refused lately, with when: requests that joined that fetch (the cache runs one
    /// fetch per DID at a time) get the same 503 as the request that started it. Bounded.
    private let refused = Mutex<[String: ContinuousClock.Instant]>([:])
    private static let refusedMemory: Duration = .seconds(2)
    private static let refusedCapacity = 1024

    /// Creates a gate.
    /// - Parameters:
    ///   - limit: Fetches allowed at once (at least 1).
    ///   - wait: How long a fetch waits for a slot.
    ///   - metrics: Where fetches are counted.
    init(limit: Int, wait: Duration, metrics: ResolverMetrics) {
        self.limit = max(1, limit)
        self.wait = wait
        self.metrics = metrics
        self.slots = AsyncSlots(limit: limit)
    }

    /// Wraps a fetcher so that its fetches pass through this gate.
    func wrapping(_ fetcher: any DIDWebFetcher) -> any DIDWebFetcher {
        GatedFetcher(inner: fetcher, gate: self)
    }

    /// Runs one fetch inside the bound and counts it.
    func fetch(
        _ request: DIDWebRequest,
        with fetcher: any DIDWebFetcher
    ) async throws(DIDWebFetchError) -> DIDWebResponse {
        guard await acquire() else {
            metrics.originRejected()
            Self.rejection?.set()
            remember(request.location.did.description)
            throw DIDWebFetchError(
                .timeout,
                "no origin fetch slot became free within \(wait) (\(limit) fetches at once)"
            )
        }
        metrics.originInFlight(1)
        let start = ContinuousClock.now
        defer {
            metrics.originInFlight(-1)
            slots.release()
        }
        do {
            let response = try await fetcher.fetch(request)
            let result = "\(min(max(response.status / 100, 1), 5))xx"
            metrics.originFetch(result: result, errorClass: nil, duration: ContinuousClock.now - start)
            return response
        } catch {
            metrics.originFetch(result: "error", errorClass: error.code.rawValue, duration: ContinuousClock.now - start)
            throw error
        }
    }

    /// Whether an origin fetch for `did` was refused for lack of a slot in the last two seconds.
    func recentlyRefused(did: Substring) -> Bool {
        let now = ContinuousClock.now
        return refused.withLock { table in
            guard let when = table[String(did)] else { return false }
            return now - when < Self.refusedMemory
        }
    }

    /// The DID of a DID or DID URL: everything before the first `/`, `?` or `#`.
    static func didPart(of identifier: String) -> Substring {
        identifier.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    }

    private func remember(_ did: String) {
        let now = ContinuousClock.now
        refused.withLock { table in
            if table.count >= Self.refusedCapacity {
                table = table.filter { now - $0.value < Self.refusedMemory }
                if table.count >= Self.refusedCapacity { table.removeAll() }
            }
            table[did] = now
        }
    }

    /// Takes a slot, waiting up to ``wait``; `false` when none came (or the task was cancelled).
    private func acquire() async -> Bool {
        if slots.tryAcquire() { return true }
        metrics.originWaiting(1)
        defer { metrics.originWaiting(-1) }
        return await slots.acquire(waitingAtMost: wait)
    }
}

/// A did:web fetcher whose fetches pass through an ``OriginFetchGate``.
private struct GatedFetcher: DIDWebFetcher {
    let inner: any DIDWebFetcher
    let gate: OriginFetchGate

    func fetch(_ request: DIDWebRequest) async throws(DIDWebFetchError) -> DIDWebResponse {
        try await gate.fetch(request, with: inner)
    }
}
