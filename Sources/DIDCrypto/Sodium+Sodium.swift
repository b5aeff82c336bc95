// swift-did: decentralized identity for Swift. Apache-2.0.

internal import CSodium

/// The one place libsodium gets initialised.
enum Sodium {
    /// `sodium_init()` runs exactly once, on first use: Swift initialises a static `let` lazily and thread-safely
    /// (`swift_once`), and `sodium_init` itself is idempotent.
    private static let initialized: Bool = sodium_init() >= 0

    /// Makes sure libsodium is initialised. Cheap after the first call (one atomic load).
    @inline(__always)
    static func ensureInitialized() {
        precondition(initialized, "libsodium could not be initialised")
    }

    /// Overwrites memory with zeros in a way the compiler cannot remove (`sodium_memzero`).
    static func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        sodium_memzero(base, buffer.count)
    }
}

extension Sodium {
    /// Compares two buffers of equal length in constant time (`sodium_memcmp`).
    static func constantTimeEqual(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        precondition(lhs.count == rhs.count)
        guard let left = lhs.baseAddress, let right = rhs.baseAddress, lhs.count > 0 else { return true }
        return sodium_memcmp(left, right, lhs.count) == 0
    }
}
