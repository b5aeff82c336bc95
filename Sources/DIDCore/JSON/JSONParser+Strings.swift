// swift-did: decentralized identity for Swift. Apache-2.0.

/// String tokens: escapes, surrogate pairs and UTF-8 validation (RFC 8259 §7, §8.1; RFC 7493 §2.1).
extension JSONParser {
    /// Parses a string token (RFC 8259 §7) starting at its opening quote.
    mutating func parseString() throws(DIDError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < input.count {
            let byte = input[position]
            if byte == Self.quote {
                let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == Self.backslash { break }
            if byte < 0x20 { throw controlCharacter(byte) }
            if byte < 0x80 {
                position += 1
            } else {
                try validateUTF8Sequence()
            }
        }
        guard position < input.count else { throw fail("unterminated string", at: start - 1) }

        // Slow path: decode escapes into the scratch buffer.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<position]))
        while position < input.count {
            let byte = input[position]
            if byte == Self.quote {
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == Self.backslash {
                try decodeEscape()
            } else if byte < 0x20 {
                throw controlCharacter(byte)
            } else if byte < 0x80 {
                scratch.append(byte)
                position += 1
            } else {
                let sequenceStart = position
                try validateUTF8Sequence()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[sequenceStart..<position]))
            }
        }
        throw fail("unterminated string", at: start - 1)
    }

    /// Decodes one escape sequence at `position` (a backslash) into `scratch` (RFC 8259 §7).
    mutating func decodeEscape() throws(DIDError) {
        let escapeStart = position
        position += 1
        guard position < input.count else { throw fail("unterminated escape sequence", at: escapeStart) }
        let byte = input[position]
        position += 1
        switch byte {
        case Self.quote: scratch.append(Self.quote)
        case Self.backslash: scratch.append(Self.backslash)
        case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad(escapeStart: escapeStart)
            if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw fail("a lone low surrogate \\u\(hex4(scalar)) is not allowed (RFC 7493 §2.1)", at: escapeStart)
            }
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                let lowStart = position
                guard position + 1 < input.count, input[position] == Self.backslash,
                    input[position + 1] == UInt8(ascii: "u")
                else {
                    throw fail(
                        "a high surrogate \\u\(hex4(scalar)) must be followed by a \\u low surrogate (RFC 7493 §2.1)",
                        at: escapeStart
                    )
                }
                position += 2
                let low = try hexQuad(escapeStart: lowStart)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw fail(
                        "a high surrogate \\u\(hex4(scalar)) must be followed by a low surrogate, not \\u\(hex4(low))"
                            + " (RFC 7493 §2.1)",
                        at: escapeStart
                    )
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            if Self.isNoncharacter(scalar) {
                throw fail("the noncharacter U+\(hex4(scalar)) is not allowed (RFC 7493 §2.1)", at: escapeStart)
            }
            appendUTF8(scalar)
        default:
            throw fail("invalid escape sequence '\\\(printable(byte))' (RFC 8259 §7)", at: escapeStart)
        }
    }

    mutating func hexQuad(escapeStart: Int) throws(DIDError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < input.count else { throw fail("truncated \\u escape", at: escapeStart) }
            let byte = input[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 0x30
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 0x57
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 0x37
            default: throw fail("a \\u escape needs four hexadecimal digits (RFC 8259 §7)", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Noncharacters: U+FDD0…U+FDEF and the last two code points of every plane (Unicode §23.7).
    @inline(__always)
    static func isNoncharacter(_ scalar: UInt32) -> Bool {
        (scalar >= 0xFDD0 && scalar <= 0xFDEF) || scalar & 0xFFFE == 0xFFFE
    }

    /// Validates one multi-byte UTF-8 sequence at `position` and moves past it (RFC 3629 §4).
    mutating func validateUTF8Sequence() throws(DIDError) {
        let start = position
        let lead = input[start]
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch lead {
        case 0x80...0xBF:
            throw fail("invalid UTF-8: unexpected continuation byte 0x\(hex2(lead)) (RFC 3629 §4)", at: start)
        case 0xC0, 0xC1:
            throw fail("invalid UTF-8: overlong encoding (lead byte 0x\(hex2(lead))) (RFC 3629 §3)", at: start)
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            lowerBound = 0xA0
        case 0xED:
            length = 3
            upperBound = 0x9F
        case 0xE1...0xEF:
            length = 3
        case 0xF0:
            length = 4
            lowerBound = 0x90
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            upperBound = 0x8F
        case 0xF5...0xF7:
            throw fail(
                "invalid UTF-8: a code point above U+10FFFF (lead byte 0x\(hex2(lead))) (RFC 3629 §3)",
                at: start
            )
        default:
            throw fail("invalid UTF-8: byte 0x\(hex2(lead)) never appears in UTF-8 (RFC 3629 §3)", at: start)
        }
        guard start + length <= input.count else {
            throw fail("invalid UTF-8: truncated \(length)-byte sequence (RFC 3629 §3)", at: start)
        }
        let second = input[start + 1]
        if second < lowerBound || second > upperBound {
            if second >= 0x80 && second <= 0xBF {
                switch lead {
                case 0xE0, 0xF0:
                    throw fail("invalid UTF-8: overlong encoding (RFC 3629 §3)", at: start)
                case 0xED:
                    throw fail("invalid UTF-8: an encoded surrogate (U+D800…U+DFFF) (RFC 3629 §3)", at: start)
                default:
                    throw fail("invalid UTF-8: a code point above U+10FFFF (RFC 3629 §3)", at: start)
                }
            }
            throw fail("invalid UTF-8: truncated \(length)-byte sequence (RFC 3629 §3)", at: start)
        }
        var scalar = UInt32(lead) & (0xFF >> (length + 1))
        scalar = scalar << 6 | UInt32(second & 0x3F)
        for offset in 2..<max(2, length) {
            let byte = input[start + offset]
            guard byte & 0xC0 == 0x80 else {
                throw fail("invalid UTF-8: truncated \(length)-byte sequence (RFC 3629 §3)", at: start)
            }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        if length >= 3 && Self.isNoncharacter(scalar) {
            throw fail("the noncharacter U+\(hex4(scalar)) is not allowed (RFC 7493 §2.1)", at: start)
        }
        position = start + length
    }
}
