// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import NIOCore
import Synchronization

/// A response body written once and served again: the bytes (shared, not copied per request), their strong ETag,
/// status and Content-Type.
struct RenderedResponse: Sendable {
    /// The HTTP status.
    let status: Int
    /// The Content-Type.
    let contentType: String
    /// The body.
    let body: ByteBuffer
    /// The strong entity tag over `body`.
    let etag: String
    /// For fetched methods (did:web): the document `body` was written from; the bytes are reused only while the
    /// resolver answers with an equal document. `nil` for answers that are pure functions of the request
    /// (did:key, did:jwk), which are reused without resolving.
    let document: DIDDocument?

    init(status: Int, contentType: String, bytes: [UInt8], document: DIDDocument?) {
        self.status = status
        self.contentType = contentType
        self.body = ByteBuffer(bytes: bytes)
        self.etag = ResolverETag.strong(for: bytes)
        self.document = document
    }
}

/// A bounded cache of rendered responses keyed by request target and `Accept` (the identifier and every option),
/// so repeated resolutions skip serializing and hashing, and pure answers skip resolving.
///
/// Two generations approximate LRU in O(1): hits in the older generation move to the newer one; when the newer one
/// holds half the entry or byte budget, the older one is dropped. At most `maximumEntries` entries and about
/// `maximumBytes` body bytes are kept.
final class RenderedResponseCache: Sendable {
    private struct Generation {
        var entries: [String: RenderedResponse] = [:]
        var bytes = 0
    }

    private struct State {
        var current = Generation()
        var previous = Generation()
    }

    private let state = Mutex(State())
    private let entriesPerGeneration: Int
    private let bytesPerGeneration: Int

    /// Creates an empty cache.
    /// - Parameters:
    ///   - maximumEntries: Most entries kept; `0` keeps nothing.
    ///   - maximumBytes: Most body bytes kept (about).
    init(maximumEntries: Int, maximumBytes: Int) {
        entriesPerGeneration = max(0, maximumEntries / 2)
        bytesPerGeneration = max(0, maximumBytes / 2)
    }

    /// The cache key of a request: its `Accept` value and its request target after `/1.0/identifiers/`.
    static func key(accept: String?, target: Substring) -> String {
        (accept ?? "") + "\n" + target
    }

    /// The entry for `key`, if any.
    func lookup(_ key: String) -> RenderedResponse? {
        state.withLock { state -> RenderedResponse? in
            if let entry = state.current.entries[key] { return entry }
            guard let entry = state.previous.entries.removeValue(forKey: key) else { return nil }
            state.previous.bytes -= entry.body.readableBytes
            Self.insert(key, entry, into: &state, entries: entriesPerGeneration, bytes: bytesPerGeneration)
            return entry
        }
    }

    /// Keeps `entry` under `key` (replacing an older one); bodies larger than the byte budget are not kept.
    func store(_ key: String, _ entry: RenderedResponse) {
        guard entriesPerGeneration > 0, entry.body.readableBytes <= bytesPerGeneration else { return }
        state.withLock { state in
            if let old = state.previous.entries.removeValue(forKey: key) {
                state.previous.bytes -= old.body.readableBytes
            }
            Self.insert(key, entry, into: &state, entries: entriesPerGeneration, bytes: bytesPerGeneration)
        }
    }

    private static func insert(
        _ key: String,
        _ entry: RenderedResponse,
        into state: inout State,
        entries: Int,
        bytes: Int
    ) {
        if let old = state.current.entries.updateValue(entry, forKey: key) {
            state.current.bytes -= old.body.readableBytes
        }
        state.current.bytes += entry.body.readableBytes
        if state.current.entries.count >= entries || state.current.bytes >= bytes {
            state.previous = state.current
            state.current = Generation()
        }
    }
}
