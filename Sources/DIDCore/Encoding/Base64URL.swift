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
        try decode(utf8: text.utf8)
    }

    /// Decodes unpadded base64url text given as its UTF-8 bytes, with the same rules as ``decode(_:)``; for callers
    /// that hold bytes (a JWS segment), so no `String` is made.
    /// - Parameter utf8: The base64url text's bytes.
    /// - Returns: The decoded bytes.
    /// - Throws: ``DIDError/Code/invalidEncoding`` saying what is wrong and where.
    public static func decode(utf8: some Collection<UInt8>) throws(DIDError) -> [UInt8] {
        let result =
            utf8.withContiguousStorageIfAvailable { decode(buffer: $0) }
            ?? Array(utf8).withUnsafeBufferPointer { decode(buffer: $0) }
        return try result.get()
    }

    /// Decodes four characters at a time into three bytes; the table lookups mark any byte outside the alphabet
    /// with the high bits set, so one test per group finds it.
    private static func decode(buffer input: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], DIDError> {
        let count = input.count
        if count % 4 == 1 {
            return .failure(DIDError(.invalidEncoding, "base64url text of length \(count) is truncated"))
        }
        return decodeTable.withUnsafeBufferPointer { table in
            var failure: DIDError?
            let output = [UInt8](unsafeUninitializedCapacity: count * 3 / 4) { output, initialized in
                var index = 0
                var written = 0
                while index + 4 <= count {
                    let a = table[Int(input[index])]
                    let b = table[Int(input[index + 1])]
                    let c = table[Int(input[index + 2])]
                    let d = table[Int(input[index + 3])]
                    if (a | b | c | d) & 0xC0 != 0 {
                        failure = invalidCharacter(in: input, from: index, table: table)
                        return
                    }
                    output[written] = a << 2 | b >> 4
                    output[written + 1] = b << 4 | c >> 2
                    output[written + 2] = c << 6 | d
                    index += 4
                    written += 3
                }
                let remaining = count - index
                guard remaining > 0 else {
                    initialized = written
                    return
                }
                let a = table[Int(input[index])]
                let b = table[Int(input[index + 1])]
                let c = remaining == 3 ? table[Int(input[index + 2])] : 0
                if (a | b | c) & 0xC0 != 0 {
                    failure = invalidCharacter(in: input, from: index, table: table)
                    return
                }
                output[written] = a << 2 | b >> 4
                written += 1
                // The bits below the last whole byte must be zero: 4 of them after two characters, 2 after three.
                var trailing = b & 0x0F
                if remaining == 3 {
                    output[written] = b << 4 | c >> 2
                    written += 1
                    trailing = c & 0x03
                }
                if trailing != 0 {
                    failure = DIDError(
                        .invalidEncoding,
                        "base64url text has non-zero trailing bits",
                        offset: count - 1
                    )
                    return
                }
                initialized = written
            }
            if let failure { return .failure(failure) }
            return .success(output)
        }
    }

    /// The error for the first byte at or after `start` that is not in the alphabet.
    private static func invalidCharacter(
        in input: UnsafeBufferPointer<UInt8>,
        from start: Int,
        table: UnsafeBufferPointer<UInt8>
    ) -> DIDError {
        var offset = start
        while offset < input.count && table[Int(input[offset])] != 0xFF { offset += 1 }
        let character = input[min(offset, input.count - 1)]
        let shown = character == UInt8(ascii: "=") ? "padding '='" : "character 0x\(String(character, radix: 16))"
        return DIDError(.invalidEncoding, "\(shown) is not allowed in unpadded base64url", offset: offset)
    }
}
