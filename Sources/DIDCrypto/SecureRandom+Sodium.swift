// swift-did: decentralized identity for Swift. Apache-2.0.

internal import CSodium

/// Cryptographically secure random bytes from libsodium (`randombytes_buf`, the operating system's CSPRNG).
public enum SecureRandom {
    /// Returns fresh random bytes.
    /// - Parameter count: How many bytes; zero gives an empty array.
    /// - Returns: `count` random bytes.
    public static func bytes(count: Int) -> [UInt8] {
        precondition(count >= 0, "count must not be negative")
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Fills a buffer with random bytes.
    /// - Parameter buffer: The memory to overwrite.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        Sodium.ensureInitialized()
        randombytes_buf(base, buffer.count)
    }
}
