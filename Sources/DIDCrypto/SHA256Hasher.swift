// swift-did: decentralized identity for Swift. Apache-2.0.

import Crypto

/// An incremental SHA-256 (FIPS 180-4) for bytes that arrive in pieces — a file read in chunks, an archive entry
/// as it is inflated — so that they need not be held in memory at once. Computed by swift-crypto, whose types stay
/// inside this module.
public struct SHA256Hasher: Sendable {
    private var state = SHA256()

    /// Starts a new digest.
    public init() {}

    /// Adds bytes to the digest.
    /// - Parameter bytes: The next bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        state.update(bufferPointer: bytes)
    }

    /// Adds bytes to the digest.
    /// - Parameter bytes: The next bytes.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        withContiguousBytes(of: bytes) { state.update(bufferPointer: $0) }
    }

    /// The digest of every byte added so far; more bytes may still be added afterwards.
    /// - Returns: The 32-byte digest.
    public func finalize() -> [UInt8] { Array(state.finalize()) }
}
