// swift-did: decentralized identity for Swift. Apache-2.0.

public import Foundation

extension JSONValue {
    /// Parses a JSON text strictly: RFC 8259 plus the I-JSON restrictions of RFC 7493.
    ///
    /// Rejected, each as ``DIDError/Code/invalidJSON`` with the byte offset of the problem: input larger than
    /// `limits.maxBytes` or nested deeper than `limits.maxDepth` (RFC 8259 §9); a byte order mark (RFC 8259 §8.1);
    /// malformed UTF-8 — overlong forms, encoded surrogates, code points above U+10FFFF, truncated or stray
    /// sequences (RFC 3629 §3–§4, RFC 8259 §8.1); lone surrogates in `\u` escapes (RFC 8259 §8.2, RFC 7493 §2.1);
    /// noncharacters (RFC 7493 §2.1); duplicate member names (RFC 7493 §2.3); leading zeros, missing digits, `NaN`,
    /// `Infinity` and numbers that overflow binary64 (RFC 8259 §6, RFC 7493 §2.2); unknown escapes and unescaped
    /// control characters (RFC 8259 §7); and anything but whitespace after the value (RFC 8259 §2).
    /// Any value may be the top-level value (RFC 8259 §2). Numbers are rounded correctly to binary64.
    /// - Parameters:
    ///   - bytes: The UTF-8 encoded JSON text.
    ///   - limits: Size and depth limits.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidJSON``.
    public init(parsing bytes: [UInt8], limits: JSONLimits = .default) throws(DIDError) {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(DIDError) in try JSONParser.parse(raw, limits: limits) }
        }
        self = try result.get()
    }

    /// Parses a JSON text held in memory; see the `[UInt8]` overload of `init(parsing:limits:)` for the rules.
    /// - Parameters:
    ///   - bytes: The UTF-8 encoded JSON text.
    ///   - limits: Size and depth limits.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidJSON``.
    public init(parsing bytes: UnsafeRawBufferPointer, limits: JSONLimits = .default) throws(DIDError) {
        self = try JSONParser.parse(bytes, limits: limits)
    }

    /// Parses a JSON text given as a string (its UTF-8 form); see the `[UInt8]` overload of `init(parsing:limits:)`.
    /// - Parameters:
    ///   - text: The JSON text.
    ///   - limits: Size and depth limits.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidJSON``.
    public init(parsing text: String, limits: JSONLimits = .default) throws(DIDError) {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(DIDError) in try JSONParser.parse(UnsafeRawBufferPointer(buffer), limits: limits) }
        }
        self = try result.get()
    }

    /// Parses a JSON text given as `Data`; see the `[UInt8]` overload of `init(parsing:limits:)` for the rules.
    /// - Parameters:
    ///   - data: The UTF-8 encoded JSON text.
    ///   - limits: Size and depth limits.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidJSON``.
    public init(parsing data: Data, limits: JSONLimits = .default) throws(DIDError) {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(DIDError) in try JSONParser.parse(raw, limits: limits) }
        }
        self = try result.get()
    }
}

/// The strict, non-recursive JSON parser behind `JSONValue.init(parsing:limits:)`.
///
/// Containers are tracked on an explicit stack, so nesting depth is bounded only by `JSONLimits.maxDepth`, never
/// by the thread's stack.
struct JSONParser {
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C

    /// One open array or object.
    private struct Frame {
        var isObject: Bool
        /// Where this container's values start on the value stack.
        var valueStart: Int
        /// Where this object's names start on the key stack.
        var keyStart: Int
        /// Hash index of the names seen so far, built once the object is large.
        var index: [JSONKey: Int]?
    }

    let input: UnsafeBufferPointer<UInt8>
    let limits: JSONLimits
    var position = 0
    var scratch: [UInt8] = []

    private init(input: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
        self.input = input
        self.limits = limits
    }

    /// Parses one complete JSON text.
    static func parse(_ raw: UnsafeRawBufferPointer, limits: JSONLimits) throws(DIDError) -> JSONValue {
        if raw.count > limits.maxBytes {
            throw DIDError(
                .invalidJSON,
                "the input is \(raw.count) bytes, more than the limit of \(limits.maxBytes) bytes",
                offset: max(0, limits.maxBytes)
            )
        }
        var parser = JSONParser(input: raw.assumingMemoryBound(to: UInt8.self), limits: limits)
        return try parser.parseText()
    }

    // MARK: - Structure

    private mutating func parseText() throws(DIDError) -> JSONValue {
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            throw fail("a byte order mark is not allowed (RFC 8259 §8.1)", at: 0)
        }
        var frames: [Frame] = []
        var values: [JSONValue] = []
        var keys: [String] = []
        frames.reserveCapacity(8)
        values.reserveCapacity(32)
        keys.reserveCapacity(32)
        skipWhitespace()

        parsing: while true {
            // Expecting a value at `position` (whitespace already skipped).
            guard position < input.count else {
                throw fail(position == 0 ? "the input is empty" : "unexpected end of input, expected a value")
            }
            let byte = input[position]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = byte == UInt8(ascii: "{")
                if frames.count >= limits.maxDepth {
                    throw fail("nesting is deeper than the limit of \(limits.maxDepth)")
                }
                position += 1
                skipWhitespace()
                let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if position < input.count, input[position] == closer {
                    position += 1
                    values.append(isObject ? .object(JSONObject()) : .array([]))
                } else {
                    frames.append(Frame(isObject: isObject, valueStart: values.count, keyStart: keys.count, index: nil))
                    if isObject {
                        try parseMemberName(frames: &frames, keys: &keys)
                    }
                    continue parsing
                }
            case Self.quote:
                values.append(.string(try parseString()))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                values.append(.number(try parseNumber()))
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                values.append(.bool(true))
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                values.append(.bool(false))
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                values.append(.null)
            default:
                throw unexpected(byte, expecting: "a value")
            }

            // A value is complete: continue its container, or close containers.
            while true {
                skipWhitespace()
                guard let frame = frames.last else {
                    if position < input.count {
                        throw fail("unexpected data after the JSON value (RFC 8259 §2)")
                    }
                    return values[0]
                }
                guard position < input.count else {
                    throw fail("unexpected end of input inside \(frame.isObject ? "an object" : "an array")")
                }
                let next = input[position]
                if next == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    if frame.isObject {
                        try parseMemberName(frames: &frames, keys: &keys)
                    }
                    continue parsing
                }
                if frame.isObject {
                    guard next == UInt8(ascii: "}") else { throw unexpected(next, expecting: "',' or '}'") }
                    position += 1
                    let count = keys.count - frame.keyStart
                    var members: [JSONObject.Member] = []
                    members.reserveCapacity(count)
                    for offset in 0..<count {
                        members.append(
                            JSONObject.Member(
                                key: keys[frame.keyStart + offset],
                                value: values[frame.valueStart + offset]
                            )
                        )
                    }
                    keys.removeLast(count)
                    values.removeLast(count)
                    frames.removeLast()
                    values.append(.object(JSONObject(uniqueMembers: members, index: frame.index)))
                } else {
                    guard next == UInt8(ascii: "]") else { throw unexpected(next, expecting: "',' or ']'") }
                    position += 1
                    let elements = Array(values[frame.valueStart...])
                    values.removeLast(elements.count)
                    frames.removeLast()
                    values.append(.array(elements))
                }
            }
        }
    }

    /// Parses `"name"` `:` of an object member and checks that the name is new (RFC 7493 §2.3).
    private mutating func parseMemberName(frames: inout [Frame], keys: inout [String]) throws(DIDError) {
        guard position < input.count else { throw fail("unexpected end of input, expected a member name") }
        guard input[position] == Self.quote else {
            throw unexpected(input[position], expecting: "a member name in double quotes")
        }
        let keyOffset = position
        let key = try parseString()
        let top = frames.count - 1
        let start = frames[top].keyStart
        let count = keys.count - start
        if frames[top].index != nil {
            if frames[top].index?.updateValue(count, forKey: JSONKey(key)) != nil {
                throw duplicate(key, at: keyOffset)
            }
        } else {
            for earlier in keys[start...] where JSONKey.equal(earlier, key) {
                throw duplicate(key, at: keyOffset)
            }
            if count + 1 > JSONObject.linearSearchLimit {
                var index = [JSONKey: Int](minimumCapacity: 2 * (count + 1))
                for (offset, earlier) in keys[start...].enumerated() { index[JSONKey(earlier)] = offset }
                index[JSONKey(key)] = count
                frames[top].index = index
            }
        }
        keys.append(key)
        skipWhitespace()
        guard position < input.count else { throw fail("unexpected end of input, expected ':'") }
        guard input[position] == UInt8(ascii: ":") else { throw unexpected(input[position], expecting: "':'") }
        position += 1
        skipWhitespace()
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(DIDError) {
        let start = position
        let count = literal.utf8CodeUnitCount
        let text = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count {
            guard position < input.count, input[position] == text[offset] else {
                throw fail("invalid literal, expected '\(literal)'", at: start)
            }
            position += 1
        }
    }

    // MARK: - Numbers

    /// Parses a number token (RFC 8259 §6) and converts it, correctly rounded, to binary64.
    private mutating func parseNumber() throws(DIDError) -> Double {
        let start = position
        var negative = false
        if input[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        guard position < input.count, isDigit(input[position]) else {
            throw fail("a number needs a digit after '-' (RFC 8259 §6)")
        }
        var integer: UInt64 = 0
        var digitCount = 0
        if input[position] == UInt8(ascii: "0") {
            position += 1
            if position < input.count, isDigit(input[position]) {
                throw fail("leading zeros are not allowed in numbers (RFC 8259 §6)", at: position - 1)
            }
            digitCount = 1
        } else {
            while position < input.count, isDigit(input[position]) {
                if digitCount < 19 { integer = integer &* 10 &+ UInt64(input[position] &- 0x30) }
                digitCount += 1
                position += 1
            }
        }
        var isInteger = true
        if position < input.count, input[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < input.count, isDigit(input[position]) else {
                throw fail("a decimal point must be followed by a digit (RFC 8259 §6)")
            }
            while position < input.count, isDigit(input[position]) { position += 1 }
        }
        if position < input.count, input[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < input.count, input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < input.count, isDigit(input[position]) else {
                throw fail("an exponent needs at least one digit (RFC 8259 §6)")
            }
            while position < input.count, isDigit(input[position]) { position += 1 }
        }
        if isInteger && digitCount <= 15 {
            // Exact: every integer below 10^15 < 2^53 is a binary64 value.
            let value = Double(integer)
            return negative ? -value : value
        }
        let token = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
        guard let value = Double(token) else {
            throw fail("the number could not be converted", at: start)
        }
        guard value.isFinite else {
            throw fail("the number is too large for a 64-bit IEEE 754 double (RFC 7493 §2.2)", at: start)
        }
        return value
    }

    @inline(__always)
    func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    // MARK: - Errors

    func fail(_ reason: String, at offset: Int? = nil) -> DIDError {
        DIDError(.invalidJSON, reason, offset: offset ?? position)
    }

    func unexpected(_ byte: UInt8, expecting: String) -> DIDError {
        fail("unexpected \(describe(byte)), expected \(expecting)")
    }

    func controlCharacter(_ byte: UInt8) -> DIDError {
        fail("control character U+00\(hex2(byte)) must be escaped in a string (RFC 8259 §7)")
    }

    private func duplicate(_ key: String, at offset: Int) -> DIDError {
        // Quote the name as JSON (escaped), shortened so hostile names cannot bloat the message.
        let shown = key.unicodeScalars.count > 64 ? String(key.unicodeScalars.prefix(64)) + "…" : key
        var quoted: [UInt8] = []
        JSONWriter.writeString(shown, into: &quoted)
        return DIDError(
            .invalidJSON,
            "duplicate member name \(String(decoding: quoted, as: UTF8.self)) (RFC 7493 §2.3)",
            offset: offset
        )
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(hex2(byte))"
    }

    func printable(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return String(Character(Unicode.Scalar(byte))) }
        return "0x\(hex2(byte))"
    }

    func hex2(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0" + digits : digits
    }

    func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
