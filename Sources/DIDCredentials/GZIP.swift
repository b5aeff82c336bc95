// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore

/// GZIP (RFC 1952) around DEFLATE (RFC 1951), in Swift: decompression of every block type, and compression with
/// stored blocks (valid GZIP any reader accepts; status lists are mostly zeros but small enough not to need more).
///
/// Written here rather than linking zlib: the Bitstring Status List is its only user, and a bounded decoder with an
/// output limit is what a verifier fetching lists from the network needs. The decoder follows zlib's `puff.c`.
public enum GZIP {
    /// Decompresses GZIP data: every member of the series, concatenated (RFC 1952 §2.2, the rule of `GZIPMember`),
    /// each with its CRC-32 and length checked.
    /// - Parameters:
    ///   - data: The GZIP bytes.
    ///   - limit: The most bytes the output may have (against decompression bombs); 64 MiB by default.
    /// - Returns: The decompressed bytes.
    /// - Throws: ``CredentialError/Code/malformedDocument`` for anything that is not valid GZIP, a checksum
    ///   mismatch, or output beyond `limit`.
    public static func decompress(_ data: [UInt8], limit: Int = 64 * 1024 * 1024) throws(CredentialError) -> [UInt8] {
        var inflater = Inflater(input: data, limit: limit)
        repeat {
            try inflater.member()
        } while inflater.position < data.count
        return inflater.output
    }

    /// Compresses bytes into a single-member GZIP stream of stored (uncompressed) DEFLATE blocks.
    /// - Parameter data: The bytes.
    /// - Returns: GZIP bytes (RFC 1952, mtime 0, OS unknown).
    public static func compressStored(_ data: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let last = offset + count == data.count
            output.append(last ? 1 : 0)
            output += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            output += data[offset..<(offset + count)]
            offset += count
        } while offset < data.count
        let crc = GZIPMember.crc32(data)
        let size = UInt32(truncatingIfNeeded: data.count)
        for value in [crc, size] {
            output += [
                UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24),
            ]
        }
        return output
    }
}

/// A DEFLATE decoder after zlib's `contrib/puff/puff.c` (canonical Huffman decoding, one bit at a time).
private struct Inflater {
    let input: [UInt8]
    let limit: Int
    var position = 0
    var bitBuffer: UInt32 = 0
    var bitCount = 0
    var output: [UInt8] = []

    init(input: [UInt8], limit: Int) {
        self.input = input
        self.limit = limit
    }

    static func error(_ reason: String) -> CredentialError {
        CredentialError(.malformedDocument, "GZIP: \(reason) (RFC 1951/1952)")
    }

    mutating func byte() throws(CredentialError) -> UInt8 {
        guard position < input.count else { throw Self.error("unexpected end of data") }
        defer { position += 1 }
        return input[position]
    }

    mutating func bits(_ count: Int) throws(CredentialError) -> Int {
        var value = bitBuffer
        while bitCount < count {
            value |= UInt32(try byte()) << UInt32(bitCount)
            bitCount += 8
        }
        bitBuffer = count == 32 ? 0 : value >> UInt32(count)
        bitCount -= count
        return Int(value & ((1 << UInt32(count)) - 1))
    }

    /// One GZIP member: header and trailer through the shared framing (`GZIPMember`), the DEFLATE data here.
    mutating func member() throws(CredentialError) {
        do {
            position += try GZIPMember.headerLength(of: input[position...])
        } catch {
            throw CredentialError(.malformedDocument, error.reason)
        }
        let start = output.count
        try inflate()
        bitBuffer = 0
        bitCount = 0
        guard position + 8 <= input.count else { throw Self.error("truncated trailer") }
        do {
            let trailer = try GZIPMember.Trailer(input[position..<(position + 8)])
            position += 8
            try trailer.check(crc32: GZIPMember.crc32(output[start...]), byteCount: output.count - start)
        } catch {
            throw CredentialError(.malformedDocument, error.reason)
        }
    }

    mutating func inflate() throws(CredentialError) {
        var last = 0
        repeat {
            last = try bits(1)
            switch try bits(2) {
            case 0: try stored()
            case 1: try fixed()
            case 2: try dynamic()
            default: throw Self.error("invalid block type 3")
            }
        } while last == 0
    }

    mutating func append(_ byte: UInt8) throws(CredentialError) {
        guard output.count < limit else { throw Self.error("output exceeds the \(limit)-byte limit") }
        output.append(byte)
    }

    mutating func stored() throws(CredentialError) {
        bitBuffer = 0
        bitCount = 0
        let length = Int(try byte()) | Int(try byte()) << 8
        let complement = Int(try byte()) | Int(try byte()) << 8
        guard length == ~complement & 0xFFFF else { throw Self.error("stored block length check failed") }
        guard position + length <= input.count else { throw Self.error("unexpected end of data") }
        guard output.count + length <= limit else { throw Self.error("output exceeds the \(limit)-byte limit") }
        output += input[position..<(position + length)]
        position += length
    }

    struct Huffman {
        var count = [Int](repeating: 0, count: 16)
        var symbol: [Int]

        /// Builds the canonical code; returns 0 when complete, > 0 when incomplete, < 0 when over-subscribed.
        init(lengths: ArraySlice<Int>, result: inout Int) {
            symbol = [Int](repeating: 0, count: lengths.count)
            for length in lengths { count[length] += 1 }
            if count[0] == lengths.count {
                result = 0
                return
            }
            var left = 1
            for length in 1..<16 {
                left <<= 1
                left -= count[length]
                if left < 0 {
                    result = left
                    return
                }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + count[length] }
            for (index, length) in lengths.enumerated() where length != 0 {
                symbol[offsets[length]] = index
                offsets[length] += 1
            }
            result = left
        }
    }

    mutating func decode(_ huffman: Huffman) throws(CredentialError) -> Int {
        var code = 0
        var first = 0
        var index = 0
        for length in 1..<16 {
            code |= try bits(1)
            let count = huffman.count[length]
            if code - count < first { return huffman.symbol[index + (code - first)] }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw Self.error("invalid Huffman code")
    }

    static let lengthBase = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258,
    ]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    mutating func codes(_ lengthCode: Huffman, _ distanceCode: Huffman) throws(CredentialError) {
        while true {
            var symbol = try decode(lengthCode)
            if symbol < 256 {
                try append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            symbol -= 257
            guard symbol < 29 else { throw Self.error("invalid length symbol") }
            let length = Self.lengthBase[symbol] + (try bits(Self.lengthExtra[symbol]))
            let distanceSymbol = try decode(distanceCode)
            guard distanceSymbol < 30 else { throw Self.error("invalid distance symbol") }
            let distance = Self.distanceBase[distanceSymbol] + (try bits(Self.distanceExtra[distanceSymbol]))
            guard distance <= output.count else { throw Self.error("distance too far back") }
            guard output.count + length <= limit else { throw Self.error("output exceeds the \(limit)-byte limit") }
            let from = output.count - distance
            for offset in 0..<length { output.append(output[from + offset]) }
        }
    }

    mutating func fixed() throws(CredentialError) {
        var lengths = [Int](repeating: 8, count: 288)
        for index in 144..<256 { lengths[index] = 9 }
        for index in 256..<280 { lengths[index] = 7 }
        var result = 0
        let lengthCode = Huffman(lengths: lengths[...], result: &result)
        let distanceCode = Huffman(lengths: [Int](repeating: 5, count: 30)[...], result: &result)
        try codes(lengthCode, distanceCode)
    }

    mutating func dynamic() throws(CredentialError) {
        let lengthCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeCount = try bits(4) + 4
        guard lengthCount <= 286, distanceCount <= 30 else { throw Self.error("too many length or distance codes") }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var lengths = [Int](repeating: 0, count: 320)
        for index in 0..<codeCount { lengths[order[index]] = try bits(3) }
        var result = 0
        let codeLengthCode = Huffman(lengths: lengths[0..<19], result: &result)
        guard result == 0 else { throw Self.error("incomplete code-length code") }
        var index = 0
        while index < lengthCount + distanceCount {
            var symbol = try decode(codeLengthCode)
            if symbol < 16 {
                lengths[index] = symbol
                index += 1
                continue
            }
            var value = 0
            if symbol == 16 {
                guard index > 0 else { throw Self.error("repeat with no previous length") }
                value = lengths[index - 1]
                symbol = 3 + (try bits(2))
            } else if symbol == 17 {
                symbol = 3 + (try bits(3))
            } else {
                symbol = 11 + (try bits(7))
            }
            guard index + symbol <= lengthCount + distanceCount else { throw Self.error("too many lengths") }
            for _ in 0..<symbol {
                lengths[index] = value
                index += 1
            }
        }
        guard lengths[256] != 0 else { throw Self.error("no end-of-block code") }
        let lengthCode = Huffman(lengths: lengths[0..<lengthCount], result: &result)
        if result < 0 || (result > 0 && lengthCount - lengthCode.count[0] != 1) {
            throw Self.error("incomplete or over-subscribed literal/length code")
        }
        let distanceCode = Huffman(lengths: lengths[lengthCount..<(lengthCount + distanceCount)], result: &result)
        if result < 0 || (result > 0 && distanceCount - distanceCode.count[0] != 1) {
            throw Self.error("incomplete or over-subscribed distance code")
        }
        try codes(lengthCode, distanceCode)
    }
}
