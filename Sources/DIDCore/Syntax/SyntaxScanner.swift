// swift-did: decentralized identity for Swift. Apache-2.0.

/// Byte-level scanner for the DID and DID URL ABNF (DID Core 1.0 §3.1, §3.2; RFC 3986 §2, §3.3–3.5).
///
/// The scanner never throws and never allocates: it returns the component boundaries or a ``Failure`` that
/// ``SyntaxFailure/error(in:code:)`` turns into a ``DIDError`` with a sentence and the offset. All valid input is
/// ASCII, so the byte offset of the first problem is also its character offset.
enum SyntaxScanner {
    /// Where the components of a DID (URL) end, as byte offsets into the input.
    struct Boundaries {
        /// Offset of the `:` that ends the method name.
        var methodEnd: Int
        /// Offset just after the method-specific id (start of path, query, fragment, or end of input).
        var didEnd: Int
        /// Offset of `?`, or `nil`.
        var queryMark: Int?
        /// Offset of `#`, or `nil`.
        var fragmentMark: Int?
    }

    /// The component a problem was found in, named as the ABNF names it.
    enum Component: String {
        case methodName = "method name"
        case methodSpecificID = "method-specific-id"
        case path
        case query
        case fragment
    }

    /// What is wrong; the offset says where.
    enum Problem {
        case empty
        case missingScheme
        case upperCaseScheme
        case emptyMethodName
        case upperCaseMethodName
        case invalidCharacter(Component)
        case missingMethodSeparator
        case emptyMethodSpecificID
        case trailingColon
        case invalidPercentEncoding(Component)
        case unexpectedDIDURLPart
        case secondFragment
        case undecodableQueryParameter
    }

    /// A problem at an offset.
    struct Failure: Error {
        var offset: Int
        var problem: Problem
    }

    // MARK: Character classes (RFC 5234 core rules, RFC 3986 §2)

    @inline(__always) static func isAlpha(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
    }

    /// `method-char = %x61-7A / DIGIT`
    @inline(__always) static func isMethodChar(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || isDigit(byte)
    }

    /// `idchar` without `pct-encoded`: `ALPHA / DIGIT / "." / "-" / "_"`.
    @inline(__always) static func isIDChar(_ byte: UInt8) -> Bool {
        isAlpha(byte) || isDigit(byte) || byte == 0x2E || byte == 0x2D || byte == 0x5F
    }

    /// `unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"` (RFC 3986 §2.3).
    @inline(__always) static func isUnreserved(_ byte: UInt8) -> Bool {
        isIDChar(byte) || byte == 0x7E
    }

    /// `sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="` (RFC 3986 §2.2).
    @inline(__always) static func isSubDelim(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D: true
        default: false
        }
    }

    /// `pchar` without `pct-encoded`: `unreserved / sub-delims / ":" / "@"` (RFC 3986 §3.3).
    @inline(__always) static func isPChar(_ byte: UInt8) -> Bool {
        isUnreserved(byte) || isSubDelim(byte) || byte == 0x3A || byte == 0x40
    }

    /// Query and fragment characters without `pct-encoded`: `pchar / "/" / "?"` (RFC 3986 §3.4, §3.5).
    @inline(__always) static func isQueryChar(_ byte: UInt8) -> Bool {
        isPChar(byte) || byte == 0x2F || byte == 0x3F
    }

    /// The value of a hex digit (caller checked ``isHexDigit(_:)``).
    @inline(__always) static func hexValue(_ byte: UInt8) -> UInt8 {
        isDigit(byte) ? byte &- 0x30 : (byte | 0x20) &- 0x61 &+ 10
    }

    /// `true` when `bytes[index]` starts a complete `pct-encoded` triplet.
    @inline(__always) static func isPercentTriplet(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 2 < bytes.count && isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2])
    }

    // MARK: Scanning

    /// Scans a DID (`allowURLParts == false`) or a DID URL (`true`).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, allowURLParts: Bool) -> Result<Boundaries, Failure> {
        let count = bytes.count
        if count == 0 { return .failure(Failure(offset: 0, problem: .empty)) }
        // "did:"
        guard count >= 4, bytes[0] == 0x64, bytes[1] == 0x69, bytes[2] == 0x64, bytes[3] == 0x3A else {
            if count >= 4, bytes[0] | 0x20 == 0x64, bytes[1] | 0x20 == 0x69, bytes[2] | 0x20 == 0x64,
                bytes[3] == 0x3A
            {
                return .failure(Failure(offset: 0, problem: .upperCaseScheme))
            }
            return .failure(Failure(offset: 0, problem: .missingScheme))
        }
        // method-name = 1*method-char
        var index = 4
        while index < count {
            let byte = bytes[index]
            if isMethodChar(byte) {
                index += 1
            } else if byte == 0x3A {
                break
            } else if byte >= 0x41 && byte <= 0x5A {
                return .failure(Failure(offset: index, problem: .upperCaseMethodName))
            } else {
                if index == 4 && (byte == 0x2F || byte == 0x3F || byte == 0x23) {
                    return .failure(Failure(offset: index, problem: .emptyMethodName))
                }
                return .failure(Failure(offset: index, problem: .invalidCharacter(.methodName)))
            }
        }
        if index == 4 { return .failure(Failure(offset: 4, problem: .emptyMethodName)) }
        if index == count { return .failure(Failure(offset: count, problem: .missingMethodSeparator)) }
        let methodEnd = index
        index += 1
        // method-specific-id = *( *idchar ":" ) 1*idchar
        let idStart = index
        while index < count {
            let byte = bytes[index]
            if isIDChar(byte) || byte == 0x3A {
                index += 1
            } else if byte == 0x25 {
                guard isPercentTriplet(bytes, at: index) else {
                    return .failure(Failure(offset: index, problem: .invalidPercentEncoding(.methodSpecificID)))
                }
                index += 3
            } else {
                break
            }
        }
        let stopsAtURLPart = index < count && (bytes[index] == 0x2F || bytes[index] == 0x3F || bytes[index] == 0x23)
        if index < count && !stopsAtURLPart {
            return .failure(Failure(offset: index, problem: .invalidCharacter(.methodSpecificID)))
        }
        if index == idStart { return .failure(Failure(offset: index, problem: .emptyMethodSpecificID)) }
        if bytes[index - 1] == 0x3A { return .failure(Failure(offset: index - 1, problem: .trailingColon)) }
        let didEnd = index
        var boundaries = Boundaries(methodEnd: methodEnd, didEnd: didEnd, queryMark: nil, fragmentMark: nil)
        if index == count { return .success(boundaries) }
        if !allowURLParts { return .failure(Failure(offset: index, problem: .unexpectedDIDURLPart)) }
        // path-abempty = *( "/" segment )
        var component = Component.path
        while index < count {
            let byte = bytes[index]
            if byte == 0x25 {
                guard isPercentTriplet(bytes, at: index) else {
                    return .failure(Failure(offset: index, problem: .invalidPercentEncoding(component)))
                }
                index += 3
                continue
            }
            switch component {
            case .path:
                if byte == 0x3F {
                    boundaries.queryMark = index
                    component = .query
                } else if byte == 0x23 {
                    boundaries.fragmentMark = index
                    component = .fragment
                } else if !(isPChar(byte) || byte == 0x2F) {
                    return .failure(Failure(offset: index, problem: .invalidCharacter(.path)))
                }
            case .query:
                if byte == 0x23 {
                    boundaries.fragmentMark = index
                    component = .fragment
                } else if !isQueryChar(byte) {
                    return .failure(Failure(offset: index, problem: .invalidCharacter(.query)))
                }
            default:
                if byte == 0x23 { return .failure(Failure(offset: index, problem: .secondFragment)) }
                if !isQueryChar(byte) {
                    return .failure(Failure(offset: index, problem: .invalidCharacter(.fragment)))
                }
            }
            index += 1
        }
        return .success(boundaries)
    }

    /// Describes the character at a UTF-8 offset of `text` for an error message: `'!'`, `U+0020 (space)`,
    /// `'é' (U+00E9)`.
    static func describeCharacter(in text: String, atUTF8Offset offset: Int) -> String {
        let utf8 = text.utf8
        guard offset < utf8.count else { return "end of input" }
        let index = utf8.index(utf8.startIndex, offsetBy: offset)
        let scalar = text.unicodeScalars[index]
        let code = String(scalar.value, radix: 16, uppercase: true)
        let padded = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
        switch scalar.value {
        case 0x20: return "\(padded) (space)"
        case 0..<0x20, 0x7F: return "\(padded) (control character)"
        case 0x21..<0x7F: return "'\(Character(scalar))'"
        default: return "'\(Character(scalar))' (\(padded))"
        }
    }

    /// The error for a failure, with a sentence that says what is wrong and where.
    static func error(for failure: Failure, in text: String, code: DIDError.Code) -> DIDError {
        let offset = failure.offset
        let reason: String
        switch failure.problem {
        case .empty:
            reason = code == .invalidDID ? "empty string is not a DID" : "empty string is not a DID URL"
        case .missingScheme:
            reason = "does not start with 'did:'"
        case .upperCaseScheme:
            reason = "the scheme must be lower-case 'did:'"
        case .emptyMethodName:
            reason = "empty method name"
        case .upperCaseMethodName:
            reason =
                "upper-case letter \(describeCharacter(in: text, atUTF8Offset: offset)) in method name "
                + "(method names are lower-case letters and digits)"
        case .invalidCharacter(let component):
            let character = describeCharacter(in: text, atUTF8Offset: offset)
            reason = "invalid character \(character) in \(component.rawValue)"
        case .missingMethodSeparator:
            reason = "missing ':' and method-specific-id after the method name"
        case .emptyMethodSpecificID:
            reason = "empty method-specific-id"
        case .trailingColon:
            reason = "method-specific-id must not end with ':'"
        case .invalidPercentEncoding(let component):
            let utf8 = Array(text.utf8)
            let end = min(utf8.count, offset + 3)
            let shown = String(decoding: utf8[offset..<end], as: UTF8.self)
            reason =
                "invalid percent-encoding '\(shown)' in \(component.rawValue): '%' must be followed by two hex digits"
        case .unexpectedDIDURLPart:
            let character = describeCharacter(in: text, atUTF8Offset: offset)
            reason = "a DID has no path, query or fragment, found \(character) (this is a DID URL)"
        case .secondFragment:
            reason = "second '#' in fragment (a DID URL has at most one fragment)"
        case .undecodableQueryParameter:
            reason = "query parameter does not percent-decode to UTF-8 text"
        }
        return DIDError(code, reason, offset: offset)
    }

    // MARK: Percent-decoding

    /// Percent-decodes ASCII text that the scanner already validated; `nil` when the result is not UTF-8.
    static func percentDecoded(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String? {
        var hasPercent = false
        var index = start
        while index < end {
            if bytes[index] == 0x25 {
                hasPercent = true
                break
            }
            index += 1
        }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !hasPercent { return String(decoding: slice, as: UTF8.self) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(end - start)
        index = start
        while index < end {
            let byte = bytes[index]
            if byte == 0x25 && index + 2 < end && isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2]) {
                decoded.append(hexValue(bytes[index + 1]) << 4 | hexValue(bytes[index + 2]))
                index += 3
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        return String(validating: decoded, as: UTF8.self)
    }
}
