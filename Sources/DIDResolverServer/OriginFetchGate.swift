// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDMethodWeb

/// Bounds and counts the did:web origin fetches of the service (`Specs/resolver.md` §4: concurrent origin
/// fetches). Cache hits never come here; only requests that reach an origin (misses, revalidations, bypasses) do.
///
/// At most `limit` fetches run at once; the next ones wait in arrival order for up to `wait`, then fail with
/// ``DIDMethodWeb/DIDWebFetchError/Code/overloaded`` (category ``DIDCore/ErrorCategory/overloaded``). That error
/// becomes the resolution's error, which the cache's single flight hands to every request that joined the fetch, so
/// all of them answer 503 with `Retry-After`.
final class OriginFetchGate: Sendable {
    let limit: Int
    let wait: Duration
    private let metrics: ResolverMetrics
    private let slots: AsyncSlots

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
            throw DIDWebFetchError(
                .overloaded,
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
            metrics.originFetch(
                result: "error",
                errorClass: error.code.description,
                duration: ContinuousClock.now - start
            )
            throw error
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
