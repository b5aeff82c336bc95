// swift-did: decentralized identity for Swift. Apache-2.0.

/// Base58 with the Bitcoin alphabet, the `z` encoding of multibase.
///
/// Each leading zero byte becomes a leading `1` and the rest is a big-endian base-58 number
/// (draft-msporny-base58-03 §3, the Multibase `base58btc` entry).
public enum Base58BTC {
    /// The 58 characters, in value order: no `0`, `O`, `I` or `l`.
    public static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// Character → value, or 0xFF for characters outside the alphabet.
    private static let decodeTable = decodingTable(for: alphabet)

    /// Encodes bytes as base58btc text.
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: The base58btc text (no multibase prefix).
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        encode(bytes, prefix: nil)
    }

    /// Encodes bytes as base58btc text after an optional ASCII prefix character (the multibase `z`), in one
    /// allocation.
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - prefix: An ASCII character to put first, or `nil`.
    /// - Returns: The prefix followed by the base58btc text.
    package static func encode(_ bytes: some Collection<UInt8>, prefix: UInt8?) -> String {
        let encoded = bytes.withContiguousStorageIfAvailable { encode(bytes: $0, prefix: prefix) }
        return encoded ?? Array(bytes).withUnsafeBufferPointer { encode(bytes: $0, prefix: prefix) }
    }

    /// 58⁵, the largest power of 58 below 2³²: the number is kept as base-58⁵ limbs, five digits per limb.
    private static let limbBase: UInt64 = 656_356_768

    private static func encode(bytes input: UnsafeBufferPointer<UInt8>, prefix: UInt8?) -> String {
        var zeros = 0
        while zeros < input.count && input[zeros] == 0 { zeros += 1 }
        // Each 32-bit group of input adds at most 32 / log2(58⁵) < 1.1 limbs.
        let limbCapacity = (input.count - zeros) * 11 / 40 + 2
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: limbCapacity) { limbs in
            var used = 0
            var index = zeros
            // The most significant group takes the odd bytes, so every later group is exactly 4 bytes.
            var groupLength = (input.count - zeros) % 4
            if groupLength == 0 { groupLength = 4 }
            while index < input.count {
                var group: UInt64 = 0
                for offset in 0..<groupLength { group = group << 8 | UInt64(input[index + offset]) }
                let shift = UInt64(8 * groupLength)
                var carry = group
                for limb in 0..<used {
                    let value = UInt64(limbs[limb]) << shift + carry
                    limbs[limb] = UInt32(truncatingIfNeeded: value % limbBase)
                    carry = value / limbBase
                }
                while carry != 0 {
                    limbs[used] = UInt32(truncatingIfNeeded: carry % limbBase)
                    carry /= limbBase
                    used += 1
                }
                index += groupLength
                groupLength = 4
            }
            // Five digits per limb, most significant limb first, without its leading zero digits.
            let capacity = 1 + zeros + used * 5
            return String(unsafeUninitializedCapacity: capacity) { output in
                var position = 0
                if let prefix {
                    output[position] = prefix
                    position += 1
                }
                for _ in 0..<zeros {
                    output[position] = alphabet[0]
                    position += 1
                }
                var leading = true
                var limb = used - 1
                while limb >= 0 {
                    var value = limbs[limb]
                    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
                    digits.4 = UInt8(value % 58)
                    value /= 58
                    digits.3 = UInt8(value % 58)
                    value /= 58
                    digits.2 = UInt8(value % 58)
                    value /= 58
                    digits.1 = UInt8(value % 58)
                    digits.0 = UInt8(value / 58)
                    for digit in [digits.0, digits.1, digits.2, digits.3, digits.4] {
                        if leading && digit == 0 { continue }
                        leading = false
                        output[position] = alphabet[Int(digit)]
                        position += 1
                    }
                    limb -= 1
                }
                return position
            }
        }
    }

    /// Decodes base58btc text.
    /// - Parameter text: Base58btc text (no multibase prefix).
    /// - Returns: The decoded bytes.
    /// - Throws: ``DIDError/Code/invalidEncoding`` naming the first character outside the alphabet.
    public static func decode(_ text: some StringProtocol) throws(DIDError) -> [UInt8] {
        var text = String(text)
        let result = text.withUTF8 { utf8 in Result { () throws(DIDError) in try decode(utf8: utf8) } }
        return try result.get()
    }

    /// Decodes base58btc text given as UTF-8 bytes; the allocation-light path used by multibase and did:key.
    /// - Parameter utf8: The text's UTF-8 bytes.
    /// - Returns: The decoded bytes.
    /// - Throws: ``DIDError/Code/invalidEncoding`` naming the first character outside the alphabet.
    package static func decode(utf8: UnsafeBufferPointer<UInt8>) throws(DIDError) -> [UInt8] {
        var zeros = 0
        while zeros < utf8.count && utf8[zeros] == alphabet[0] { zeros += 1 }
        // log2(58) < 5.86 bits per character, so 32-bit limbs hold at least 5.46 characters each.
        let limbCapacity = (utf8.count - zeros) * 586 / 3200 + 2
        return try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: limbCapacity) { limbs throws(DIDError) in
            var used = 0
            var index = zeros
            while index < utf8.count {
                // Up to five characters at a time: 58⁵ < 2³², so one multiply-add pass per five characters.
                var chunk: UInt64 = 0
                var multiplier: UInt64 = 1
                let end = min(index + 5, utf8.count)
                while index < end {
                    let value = decodeTable[Int(utf8[index])]
                    guard value != 0xFF else { throw invalidCharacter(utf8[index], at: index) }
                    chunk = chunk * 58 + UInt64(value)
                    multiplier *= 58
                    index += 1
                }
                var carry = chunk
                for limb in 0..<used {
                    let value = UInt64(limbs[limb]) * multiplier + carry
                    limbs[limb] = UInt32(truncatingIfNeeded: value)
                    carry = value >> 32
                }
                if carry != 0 {
                    limbs[used] = UInt32(truncatingIfNeeded: carry)
                    used += 1
                }
            }
            // Big-endian bytes of the number, without leading zero bytes, after the leading zeros of the text.
            var significant = used * 4
            if used > 0 {
                let top = limbs[used - 1]
                significant -= top.leadingZeroBitCount / 8
            }
            return [UInt8](unsafeUninitializedCapacity: zeros + significant) { output, count in
                for position in 0..<zeros { output[position] = 0 }
                var position = zeros + significant - 1
                var remaining = significant
                var limb = 0
                while remaining > 0 {
                    var value = limbs[limb]
                    for _ in 0..<min(4, remaining) {
                        output[position] = UInt8(truncatingIfNeeded: value)
                        value >>= 8
                        position -= 1
                        remaining -= 1
                    }
                    limb += 1
                }
                count = zeros + significant
            }
        }
    }

    private static func invalidCharacter(_ byte: UInt8, at offset: Int) -> DIDError {
        let shown = byte < 0x80 ? "'\(Character(Unicode.Scalar(byte)))'" : "a non-ASCII character"
        return DIDError(.invalidEncoding, "\(shown) is not a base58btc character", offset: offset)
    }
}
