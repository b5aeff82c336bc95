// swift-did: decentralized identity for Swift. Apache-2.0.

/// The multiformats unsigned varint: 7 bits per byte, least significant group first, high bit = "more follows"
/// (multiformats/unsigned-varint spec).
///
/// Decoding is strict, as the spec requires: at most 9 bytes (63 bits) and minimal encoding only, so every value
/// has exactly one accepted form.
public enum Varint {
    /// The longest accepted encoding, in bytes (the spec's practical maximum of 63 bits).
    public static let maximumLength = 9

    /// Encodes a value.
    /// - Parameter value: The value, below 2^63.
    /// - Returns: The varint bytes.
    public static func encode(_ value: UInt64) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(3)
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
        return bytes
    }

    /// Decodes the varint at the start of `bytes`.
    /// - Parameter bytes: Bytes starting with a varint; anything after it is ignored.
    /// - Returns: The value and how many bytes it took.
    /// - Throws: ``DIDError/Code/invalidEncoding`` for a truncated, over-long or non-minimal varint.
    public static func decode(_ bytes: some Collection<UInt8>) throws(DIDError) -> (value: UInt64, length: Int) {
        var value: UInt64 = 0
        var length = 0
        for byte in bytes {
            guard length < maximumLength else {
                throw DIDError(.invalidEncoding, "varint is longer than \(maximumLength) bytes", offset: length)
            }
            value |= UInt64(byte & 0x7F) << UInt64(7 * length)
            length += 1
            if byte & 0x80 == 0 {
                if byte == 0 && length > 1 {
                    throw DIDError(.invalidEncoding, "varint is not minimally encoded", offset: length - 1)
                }
                return (value, length)
            }
        }
        throw DIDError(.invalidEncoding, "varint is truncated", offset: length)
    }
}
