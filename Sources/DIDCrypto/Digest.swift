// swift-did: decentralized identity for Swift. Apache-2.0.

import Crypto

/// SHA-2 digests (FIPS 180-4), computed by swift-crypto (BoringSSL, with SHA extensions where the CPU has them).
public enum Digest {
    /// SHA-256 of the bytes.
    /// - Parameter data: The bytes to hash.
    /// - Returns: The 32-byte digest.
    public static func sha256(_ data: some Collection<UInt8>) -> [UInt8] {
        withContiguousBytes(of: data) { Array(SHA256.hash(data: $0)) }
    }

    /// SHA-384 of the bytes.
    /// - Parameter data: The bytes to hash.
    /// - Returns: The 48-byte digest.
    public static func sha384(_ data: some Collection<UInt8>) -> [UInt8] {
        withContiguousBytes(of: data) { Array(SHA384.hash(data: $0)) }
    }

    /// SHA-512 of the bytes.
    /// - Parameter data: The bytes to hash.
    /// - Returns: The 64-byte digest.
    public static func sha512(_ data: some Collection<UInt8>) -> [UInt8] {
        withContiguousBytes(of: data) { Array(SHA512.hash(data: $0)) }
    }

    /// Calls `body` with the SHA-256 digest of `data` without allocating an array for it.
    static func withSHA256<R>(of data: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        SHA256.hash(data: data).withUnsafeBytes(body)
    }
}
