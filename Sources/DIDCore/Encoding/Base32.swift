// swift-did: decentralized identity for Swift. Apache-2.0.

/// Base32 with the RFC 4648 §6 alphabet in lower case and no padding: the multibase `b` encoding (used by CIDv1).
public enum Base32 {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    private static let decodeTable = decodingTable(for: alphabet)

    /// Encodes bytes as lower-case, unpadded base32 text.
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: The base32 text.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output = [UInt8]()
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            accumulator = accumulator << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[Int(accumulator >> UInt32(bits) & 31)])
            }
            accumulator &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 { output.append(alphabet[Int(accumulator << UInt32(5 - bits) & 31)]) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes lower-case, unpadded base32 text.
    ///
    /// Strict: upper case, padding, impossible lengths and non-zero unused trailing bits are errors (RFC 4648 §3.5).
    /// - Parameter text: The base32 text.
    /// - Returns: The decoded bytes.
    /// - Throws: ``DIDError/Code/invalidEncoding`` saying what is wrong and where.
    public static func decode(_ text: some StringProtocol) throws(DIDError) -> [UInt8] {
        let input = Array(text.utf8)
        // 8 characters carry 5 bytes; remainders of 1, 3 and 6 characters cannot come from any byte string.
        if [1, 3, 6].contains(input.count % 8) {
            throw DIDError(.invalidEncoding, "base32 text of length \(input.count) is truncated")
        }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 5 / 8)
        var accumulator: UInt32 = 0
        var bits = 0
        for (offset, character) in input.enumerated() {
            let value = decodeTable[Int(character)]
            guard value != 0xFF else {
                throw DIDError(
                    .invalidEncoding,
                    "character 0x\(String(character, radix: 16)) is not in the lower-case base32 alphabet",
                    offset: offset
                )
            }
            accumulator = accumulator << 5 | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        if accumulator != 0 {
            throw DIDError(.invalidEncoding, "base32 text has non-zero trailing bits", offset: input.count - 1)
        }
        return output
    }
}
