// swift-did: decentralized identity for Swift. Apache-2.0.

/// Base64 with the URL and filename safe alphabet and no padding (RFC 4648 §5), as JOSE and multibase `u` use it.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let decodeTable = decodingTable(for: alphabet)

    /// Encodes bytes as unpadded base64url text.
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: Base64url text without `=` padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output = [UInt8]()
        encode(bytes, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the unpadded base64url encoding of `bytes` to `output` (the allocation-free form for writers).
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - output: The buffer to append to.
    public static func encode(_ bytes: some Collection<UInt8>, into output: inout [UInt8]) {
        let input = Array(bytes)
        output.reserveCapacity(output.count + (input.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= input.count {
            let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
            output.append(alphabet[Int(group >> 6 & 63)])
            output.append(alphabet[Int(group & 63)])
            index += 3
        }
        switch input.count - index {
        case 1:
            let group = UInt32(input[index]) << 16
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
        case 2:
            let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
            output.append(alphabet[Int(group >> 6 & 63)])
        default:
            break
        }
    }

    /// Decodes unpadded base64url text.
    ///
    /// Strict: `=` padding, `+`, `/`, whitespace, a length of 1 mod 4 and non-zero unused trailing bits are errors,
    /// so every byte string has exactly one accepted encoding (RFC 4648 §3.5, RFC 7515 §2).
    /// - Parameter text: The base64url text.
    /// - Returns: The decoded bytes.
    /// - Throws: ``DIDError/Code/invalidEncoding`` saying what is wrong and where.
    public static func decode(_ text: some StringProtocol) throws(DIDError) -> [UInt8] {
        let input = Array(text.utf8)
        if input.count % 4 == 1 {
            throw DIDError(.invalidEncoding, "base64url text of length \(input.count) is truncated")
        }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for (offset, character) in input.enumerated() {
            let value = decodeTable[Int(character)]
            guard value != 0xFF else {
                let shown =
                    character == UInt8(ascii: "=") ? "padding '='" : "character 0x\(String(character, radix: 16))"
                throw DIDError(.invalidEncoding, "\(shown) is not allowed in unpadded base64url", offset: offset)
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        if accumulator != 0 {
            throw DIDError(.invalidEncoding, "base64url text has non-zero trailing bits", offset: input.count - 1)
        }
        return output
    }
}
