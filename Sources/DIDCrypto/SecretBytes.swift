// swift-did: decentralized identity for Swift. Apache-2.0.

/// Secret key material in memory that this library owns, wiped (`sodium_memzero`) when the object is released.
///
/// Thread safety (`@unchecked Sendable`): the bytes are written only by the `fill` closure of
/// ``make(count:fill:)``, before the object is returned and can be shared; afterwards they are only read, and
/// concurrent reads of immutable memory are safe.
final class SecretBytes: @unchecked Sendable {
    private let buffer: UnsafeMutableRawBufferPointer

    private init(count: Int) {
        buffer = .allocate(byteCount: count, alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
    }

    deinit {
        Sodium.wipe(buffer)
        buffer.deallocate()
    }

    /// Allocates `count` zeroed bytes and lets `fill` write them. If `fill` throws, the partly written secret is
    /// wiped as the object is released.
    static func make<E: Error>(
        count: Int,
        fill: (UnsafeMutableRawBufferPointer) throws(E) -> Void
    ) throws(E) -> SecretBytes {
        let secret = SecretBytes(count: count)
        try fill(secret.buffer)
        return secret
    }

    /// The number of bytes.
    var count: Int { buffer.count }

    /// Calls `body` with read-only access to the bytes. The pointer must not escape `body`.
    @inline(__always)
    func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(buffer))
    }
}
