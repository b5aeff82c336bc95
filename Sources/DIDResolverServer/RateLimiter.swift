// swift-did: decentralized identity for Swift. Apache-2.0.

import Synchronization

/// A per-client token bucket (`Specs/resolver.md` §4: per-client rate limit). Each client key has a
/// bucket of `burst` tokens refilled at `perSecond`; a request takes one token or is refused with the number of
/// seconds until one is back (`Retry-After`). The table is bounded: when it is full, buckets that have refilled
/// completely are dropped (they carry no state), and if none has, the oldest half goes.
final class ResolverRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let burst: Double
    private let perSecond: Double
    private let maximumClients: Int
    private let now: @Sendable () -> Double
    private let buckets = Mutex<[String: Bucket]>([:])

    /// Creates a limiter.
    /// - Parameters:
    ///   - burst: Bucket size.
    ///   - perSecond: Refill rate; `0` or less disables limiting.
    ///   - maximumClients: How many client buckets are kept.
    ///   - now: Monotonic seconds (tests inject their own).
    init(burst: Int, perSecond: Double, maximumClients: Int = 10000, now: @escaping @Sendable () -> Double) {
        self.burst = Double(max(1, burst))
        self.perSecond = perSecond
        self.maximumClients = maximumClients
        self.now = now
    }

    /// Takes one token for `client`.
    /// - Parameter client: The client key (its address).
    /// - Returns: `nil` when allowed, else the whole seconds to wait (at least 1).
    func acquire(client: String) -> Int? {
        guard perSecond > 0 else { return nil }
        let time = now()
        return buckets.withLock { table -> Int? in
            var bucket = table[client] ?? Bucket(tokens: burst, updated: time)
            bucket.tokens = min(burst, bucket.tokens + max(0, time - bucket.updated) * perSecond)
            bucket.updated = time
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                if table[client] == nil && table.count >= maximumClients { Self.trim(&table, burst: burst) }
                table[client] = bucket
                return nil
            }
            table[client] = bucket
            return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
        }
    }

    private static func trim(_ table: inout [String: Bucket], burst: Double) {
        let full = table.filter { $0.value.tokens >= burst - 1 }.map(\.key)
        for key in full { table[key] = nil }
        if table.count >= 1 {
            let oldest = table.sorted { $0.value.updated < $1.value.updated }.prefix(max(1, table.count / 2))
            for (key, _) in oldest { table[key] = nil }
        }
    }
}

/// Bounds how many resolutions run at once; the rest wait in order (`Specs/resolver.md` §4.4). A
/// waiter whose task is cancelled (its request timed out) leaves the queue at once, so an overload cannot pile up
/// work for requests that have already been answered.
final class ResolverConcurrencyLimiter: Sendable {
    private let slots: AsyncSlots

    /// Creates a limiter with `limit` slots.
    init(limit: Int) {
        slots = AsyncSlots(limit: limit)
    }

    /// How many tasks wait for a slot (tests).
    var waiting: Int { slots.waiting }

    /// Runs `body` while holding a slot; `nil`, without running it, when the task is cancelled while it waits.
    func run<T>(_ body: () async -> T) async -> T? {
        if !slots.tryAcquire() {
            guard await slots.acquire() else { return nil }
        }
        defer { slots.release() }
        return await body()
    }
}
