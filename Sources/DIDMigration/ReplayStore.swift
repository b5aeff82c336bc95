// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import Foundation

/// What a receiver remembers about one subject for replay protection (IMB v0.1 §13.1–§13.3).
public struct ReplayState: Sendable, Hashable {
    /// The highest `sequence` accepted, or `nil` when none was.
    public var maxSequence: Int?
    /// The accepted nonces still held, each with the time until which it is kept (`expires` + skew). Keyed by the
    /// nonce's bytes: a canonically equivalent nonce with other bytes is another nonce.
    public var nonces: [BytewiseString: Date]
    /// The bundle CID of the last accepted bundle.
    public var lastBundle: ContentIdentifier?

    /// Creates a state.
    /// - Parameters:
    ///   - maxSequence: The highest accepted `sequence`.
    ///   - nonces: The held nonces and their keep-until times.
    ///   - lastBundle: The last accepted bundle CID.
    public init(
        maxSequence: Int? = nil,
        nonces: [BytewiseString: Date] = [:],
        lastBundle: ContentIdentifier? = nil
    ) {
        self.maxSequence = maxSequence
        self.nonces = nonces
        self.lastBundle = lastBundle
    }

    /// The replay reason a bundle meets against this state: `replayed-sequence` (§13.1) before `replayed-nonce`
    /// (§13.2), or `nil`.
    /// - Parameters:
    ///   - sequence: The bundle's `sequence`.
    ///   - nonce: The bundle's `nonce`.
    ///   - now: The receiver's clock; nonces kept until before `now` no longer count.
    /// - Returns: The reason, or `nil` when the bundle is fresh.
    public func replayReason(sequence: Int, nonce: String, now: Date) -> MigrationReason? {
        if let maxSequence, sequence <= maxSequence { return .replayedSequence }
        if let until = nonces[BytewiseString(nonce)], now <= until { return .replayedNonce }
        return nil
    }
}

/// Durable per-subject replay state of a receiver (IMB v0.1 §13.6).
public protocol ReplayStore: Sendable {
    /// The state for a subject; an unknown subject has an empty state.
    /// - Parameter subject: The subject DID.
    /// - Returns: The state.
    func state(of subject: String) async -> ReplayState

    /// Checks a bundle against the state and, when it is fresh, records it — in one step, so that two concurrent
    /// acceptances of the same bundle cannot both succeed (§13.6).
    /// - Parameters:
    ///   - subject: The subject DID.
    ///   - sequence: The bundle's `sequence`.
    ///   - nonce: The bundle's `nonce`.
    ///   - keepNonceUntil: `proof.expires` plus the clock-skew allowance.
    ///   - bundleCID: The bundle CID (§7.4).
    ///   - now: The receiver's clock.
    /// - Returns: `nil` when recorded, else the replay reason.
    func accept(
        subject: String,
        sequence: Int,
        nonce: String,
        keepNonceUntil: Date,
        bundleCID: ContentIdentifier,
        now: Date
    ) async -> MigrationReason?
}

/// A replay store in memory, for tests and single-process receivers. Expired nonces are dropped when a subject's
/// state is next written.
public actor InMemoryReplayStore: ReplayStore {
    private var states: [BytewiseString: ReplayState] = [:]

    /// Creates an empty store.
    public init() {}

    /// The state for a subject.
    /// - Parameter subject: The subject DID.
    /// - Returns: The state.
    public func state(of subject: String) -> ReplayState { states[BytewiseString(subject)] ?? ReplayState() }

    /// Checks and records a bundle atomically (see ``ReplayStore/accept(subject:sequence:nonce:keepNonceUntil:bundleCID:now:)``).
    /// - Parameters:
    ///   - subject: The subject DID.
    ///   - sequence: The bundle's `sequence`.
    ///   - nonce: The bundle's `nonce`.
    ///   - keepNonceUntil: Until when the nonce is held.
    ///   - bundleCID: The bundle CID.
    ///   - now: The receiver's clock.
    /// - Returns: `nil` when recorded, else the replay reason.
    public func accept(
        subject: String,
        sequence: Int,
        nonce: String,
        keepNonceUntil: Date,
        bundleCID: ContentIdentifier,
        now: Date
    ) -> MigrationReason? {
        var state = states[BytewiseString(subject)] ?? ReplayState()
        if let reason = state.replayReason(sequence: sequence, nonce: nonce, now: now) { return reason }
        state.nonces = state.nonces.filter { $0.value >= now }
        state.nonces[BytewiseString(nonce)] = keepNonceUntil
        state.maxSequence = max(state.maxSequence ?? 0, sequence)
        state.lastBundle = bundleCID
        states[BytewiseString(subject)] = state
        return nil
    }
}
