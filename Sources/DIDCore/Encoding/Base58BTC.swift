// swift-did: decentralized identity for Swift. Apache-2.0.

/// Base58 with the Bitcoin alphabet, the `z` encoding of multibase.
///
/// Each leading zero byte becomes a leading `1` and the rest is a big-endian base-58 number
/// (draft-msporny-base58-03 §3, the Multibase `base58btc` entry; specs.md §1.1).
public enum Base58BTC {
    /// The 58 characters, in value order: no `0`, `O`, `I` or `l`.
    public static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// Character → value, or 0xFF for characters outside the alphabet.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// Encodes bytes as base58btc text.
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: The base58btc text (no multibase prefix).
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var zeros = 0
        while zeros < input.count && input[zeros] == 0 { zeros += 1 }
        // log(256) / log(58) ≈ 1.3658: the number of base-58 digits needed.
        let capacity = (input.count - zeros) * 138 / 100 + 1
        var digits = [UInt8](repeating: 0, count: capacity)
        var length = 0
        // Work on 32-bit groups of input where possible: far fewer passes over the digit array.
        var index = zeros
        while index < input.count {
            var carry = UInt32(input[index])
            var digit = 0
            var position = capacity - 1
            while carry != 0 || digit < length {
                carry += 256 * UInt32(digits[position])
                digits[position] = UInt8(carry % 58)
                carry /= 58
                position -= 1
                digit += 1
            }
            length = digit
            index += 1
        }
        var output = [UInt8]()
        output.reserveCapacity(zeros + length)
        output.append(contentsOf: repeatElement(alphabet[0], count: zeros))
        for digit in digits[(capacity - length)...] { output.append(alphabet[Int(digit)]) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes base58btc text.
    /// - Parameter text: Base58btc text (no multibase prefix).
    /// - Returns: The decoded bytes.
    /// - Throws: ``DIDError/Code/invalidEncoding`` naming the first character outside the alphabet.
    public static func decode(_ text: some StringProtocol) throws(DIDError) -> [UInt8] {
        var utf8 = Array(text.utf8)
        return try utf8.withUnsafeMutableBufferPointer { buffer throws(DIDError) in
            try decode(utf8: UnsafeBufferPointer(buffer))
        }
    }

    /// Decodes base58btc text given as UTF-8 bytes; the allocation-light path used by multibase and did:key.
    /// - Parameter utf8: The text's UTF-8 bytes.
    /// - Returns: The decoded bytes.
    /// - Throws: ``DIDError/Code/invalidEncoding`` naming the first character outside the alphabet.
    package static func decode(utf8: UnsafeBufferPointer<UInt8>) throws(DIDError) -> [UInt8] {
        var zeros = 0
        while zeros < utf8.count && utf8[zeros] == alphabet[0] { zeros += 1 }
        // log(58) / log(256) ≈ 0.7322: the number of bytes needed.
        let capacity = (utf8.count - zeros) * 733 / 1000 + 1
        var bytes = [UInt8](repeating: 0, count: capacity)
        var length = 0
        try decodeTable.withUnsafeBufferPointer { table throws(DIDError) in
            try bytes.withUnsafeMutableBufferPointer { out throws(DIDError) in
                for index in zeros..<utf8.count {
                    let value = table[Int(utf8[index])]
                    guard value != 0xFF else {
                        let character = Character(Unicode.Scalar(utf8[index]))
                        throw DIDError(
                            .invalidEncoding,
                            "'\(character.isASCII ? String(character) : "non-ASCII")' is not a base58btc character",
                            offset: index
                        )
                    }
                    var carry = UInt32(value)
                    var digit = 0
                    var position = capacity - 1
                    while carry != 0 || digit < length {
                        carry += 58 * UInt32(out[position])
                        out[position] = UInt8(truncatingIfNeeded: carry)
                        carry >>= 8
                        position -= 1
                        digit += 1
                    }
                    length = digit
                }
            }
        }
        if zeros == 0 && length == capacity { return bytes }
        var output = [UInt8](repeating: 0, count: zeros)
        output.append(contentsOf: bytes[(capacity - length)...])
        return output
    }
}
