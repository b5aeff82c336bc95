// swift-did: decentralized identity for Swift. Apache-2.0.

import Synchronization

/// Recently decoded Ed25519 public keys: the RFC 8032 §5.1.3 point check and the X25519 u-coordinate that falls out
/// of it cost one field exponentiation (about 4 µs, more than the rest of turning a did:key into a document), and
/// the same keys come back again and again (an issuer's key on every credential, a did:key resolved per request).
///
/// Only valid points are kept, so an invalid key is checked (and refused) every time. Each entry is exactly what
/// ``Ed25519PointDecoding/decode(_:)`` returns for the key: a hit never skips the check, it remembers its outcome.
/// Bounded: emptied when it reaches ``capacity`` keys.
enum Ed25519DecodingCache {
    /// The most keys kept at once.
    static let capacity = 256

    /// A 32-byte key as four little-endian words: hashing and comparing it is four integer operations.
    struct Key: Hashable, Sendable {
        let w0: UInt64
        let w1: UInt64
        let w2: UInt64
        let w3: UInt64
    }

    /// The X25519 u-coordinate of a valid point (`nil` for the identity point), as ``Ed25519PointDecoding`` gives it.
    struct Entry: Sendable {
        let montgomeryU: (UInt64, UInt64, UInt64, UInt64)?
    }

    private static let entries = Mutex<[Key: Entry]>([:])

    /// Decodes a key through the cache.
    /// - Parameter words: The 32 key bytes as four little-endian 64-bit words.
    /// - Returns: The decoding, from the cache when this key was decoded (and valid) recently.
    static func decode(_ words: (UInt64, UInt64, UInt64, UInt64)) -> Ed25519PointDecoding {
        let key = Key(w0: words.0, w1: words.1, w2: words.2, w3: words.3)
        if let entry = entries.withLock({ $0[key] }) {
            return .valid(montgomeryU: entry.montgomeryU)
        }
        let decoded = Ed25519PointDecoding.decode(words)
        if case .valid(let montgomeryU) = decoded {
            entries.withLock { entries in
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
                entries[key] = Entry(montgomeryU: montgomeryU)
            }
        }
        return decoded
    }

}
