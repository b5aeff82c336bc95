// swift-did: decentralized identity for Swift. Apache-2.0.

extension JSONValue {
    /// How ``JSONValue/serialized(_:)`` lays out JSON text.
    public enum WritingStyle: Sendable, Hashable {
        /// No whitespace; object members in their stored order (RFC 8259 §2).
        case compact
        /// Two-space indentation, one member or element per line, `"name": value`; members in their stored order.
        case pretty
        /// RFC 8785 JSON Canonicalization Scheme: no whitespace (§3.2.1), members sorted recursively by the UTF-16
        /// code units of their names (§3.2.3), ECMAScript number formatting (§3.2.2.3), minimal string escaping
        /// (§3.2.2.2).
        case canonical
    }

    /// Serializes the value as UTF-8 JSON text.
    ///
    /// In every style strings are escaped as RFC 8785 §3.2.2.2 (ECMAScript `JSON.stringify`) does and numbers are
    /// written as ECMAScript `Number::toString` does (RFC 8785 §3.2.2.3), so `.compact` differs from `.canonical`
    /// only in member order.
    /// - Parameter style: The layout; `.compact` by default.
    /// - Returns: The JSON text.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/unrepresentableJSON`` when a number is NaN or infinite.
    public func serialized(_ style: WritingStyle = .compact) throws(DIDError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        try write(to: &output, style: style)
        return output
    }

    /// Serializes the value as a JSON text string; see ``serialized(_:)``.
    /// - Parameter style: The layout; `.compact` by default.
    /// - Returns: The JSON text.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/unrepresentableJSON`` when a number is NaN or infinite.
    public func serializedString(_ style: WritingStyle = .compact) throws(DIDError) -> String {
        String(decoding: try serialized(style), as: UTF8.self)
    }

    /// Appends the value's JSON text to `output`; see ``serialized(_:)``.
    ///
    /// When this throws, `output` may hold part of the text. Nesting is written recursively: values from the
    /// parser are bounded by ``JSONLimits/maxDepth``; values built in code should stay within a few thousand levels.
    /// - Parameters:
    ///   - output: The buffer to append to.
    ///   - style: The layout; `.compact` by default.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/unrepresentableJSON`` when a number is NaN or infinite.
    public func write(to output: inout [UInt8], style: WritingStyle = .compact) throws(DIDError) {
        switch style {
        case .compact: try JSONWriter.writeCompact(self, sorted: false, into: &output)
        case .canonical: try JSONWriter.writeCompact(self, sorted: true, into: &output)
        case .pretty: try JSONWriter.writePretty(self, indent: 0, into: &output)
        }
    }
}

/// The JSON writer: byte appends into one growing buffer, no intermediate strings.
enum JSONWriter {
    static func writeCompact(_ value: JSONValue, sorted: Bool, into output: inout [UInt8]) throws(DIDError) {
        switch value {
        case .null: appendASCII("null", into: &output)
        case .bool(let flag): appendASCII(flag ? "true" : "false", into: &output)
        case .number(let number): try ECMAScriptNumber.write(number, into: &output)
        case .string(let string): writeString(string, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                try writeCompact(element, sorted: sorted, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            if sorted && object.count > 1 {
                try writeSortedMembers(object.members, into: &output)
            } else {
                var first = true
                for member in object.members {
                    if !first { output.append(UInt8(ascii: ",")) }
                    first = false
                    writeString(member.key, into: &output)
                    output.append(UInt8(ascii: ":"))
                    try writeCompact(member.value, sorted: sorted, into: &output)
                }
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    static func writePretty(_ value: JSONValue, indent: Int, into output: inout [UInt8]) throws(DIDError) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                newline(indent: indent + 2, into: &output)
                try writePretty(element, indent: indent + 2, into: &output)
            }
            newline(indent: indent, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            output.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                newline(indent: indent + 2, into: &output)
                writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                output.append(UInt8(ascii: " "))
                try writePretty(member.value, indent: indent + 2, into: &output)
            }
            newline(indent: indent, into: &output)
            output.append(UInt8(ascii: "}"))
        default:
            try writeCompact(value, sorted: false, into: &output)
        }
    }

    @inline(__always)
    private static func newline(indent: Int, into output: inout [UInt8]) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    @inline(__always)
    static func appendASCII(_ text: StaticString, into output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    // MARK: - Strings (RFC 8785 §3.2.2.2)

    /// Appends a quoted, escaped string: `\b \t \n \f \r \" \\`, other controls as `\u00xx` (lower-case hex),
    /// everything else as literal UTF-8.
    static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { appendEscaped($0, into: &output) }
        if done == nil {
            let bytes = Array(string.utf8)
            bytes.withUnsafeBufferPointer { appendEscaped($0, into: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var runStart = 0
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
                position += 1
                continue
            }
            if runStart < position {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            }
            output.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x22: output.append(UInt8(ascii: "\""))
            case 0x5C: output.append(UInt8(ascii: "\\"))
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x09: output.append(UInt8(ascii: "t"))
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            default:
                output.append(UInt8(ascii: "u"))
                output.append(UInt8(ascii: "0"))
                output.append(UInt8(ascii: "0"))
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0x0F))
            }
            position += 1
            runStart = position
        }
        if runStart < bytes.count {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x57 + nibble
    }

    // MARK: - Member order (RFC 8785 §3.2.3)

    /// Writes the members of an object sorted by the UTF-16 code units of their names (RFC 8785 §3.2.3).
    private static func writeSortedMembers(
        _ members: [JSONObject.Member],
        into output: inout [UInt8]
    ) throws(DIDError) {
        try members.withUnsafeBufferPointer { (buffer) throws(DIDError) in
            let count = buffer.count
            try withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { (order) throws(DIDError) in
                for position in 0..<count { order[position] = position }
                if count <= 16 {
                    // Insertion sort: objects in credentials are small.
                    for next in 1..<count {
                        let candidate = order[next]
                        var slot = next
                        while slot > 0 && utf16Less(buffer[candidate].key, buffer[order[slot - 1]].key) {
                            order[slot] = order[slot - 1]
                            slot -= 1
                        }
                        order[slot] = candidate
                    }
                } else {
                    var positions = order
                    positions.sort { utf16Less(buffer[$0].key, buffer[$1].key) }
                }
                for position in 0..<count {
                    if position > 0 { output.append(UInt8(ascii: ",")) }
                    let member = order[position]
                    writeString(buffer[member].key, into: &output)
                    output.append(UInt8(ascii: ":"))
                    try writeCompact(buffer[member].value, sorted: true, into: &output)
                }
            }
        }
    }

    /// Whether `a` sorts before `b` by UTF-16 code units (RFC 8785 §3.2.3), computed on UTF-8 bytes.
    ///
    /// UTF-8 byte order is code point order; it differs from UTF-16 order only where a supplementary character
    /// (UTF-8 lead byte 0xF0…0xF4, a UTF-16 high surrogate 0xD800…) meets U+E000…U+FFFF (lead byte 0xEE or 0xEF).
    /// Equal prefixes mean the first difference is at the same scalar boundary, so checking the two lead bytes
    /// there is enough.
    static func utf16Less(_ a: String, _ b: String) -> Bool {
        let result = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in utf16Less(left, right) }
        }
        if let result, let result { return result }
        return Array(a.utf8).withUnsafeBufferPointer { left in
            Array(b.utf8).withUnsafeBufferPointer { right in utf16Less(left, right) }
        }
    }

    @inline(__always)
    private static func utf16Less(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(left.count, right.count)
        var position = 0
        while position < common {
            let x = left[position]
            let y = right[position]
            if x != y {
                if x >= 0xF0 && (y == 0xEE || y == 0xEF) { return true }
                if y >= 0xF0 && (x == 0xEE || x == 0xEF) { return false }
                return x < y
            }
            position += 1
        }
        return left.count < right.count
    }
}
