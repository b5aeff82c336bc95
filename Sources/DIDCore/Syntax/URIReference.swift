// swift-did: decentralized identity for Swift. Apache-2.0.

/// URI references per [RFC 3986](https://www.rfc-editor.org/rfc/rfc3986): syntax checks and reference
/// resolution (§5.2), used for relative DID URLs (DID Core 1.0 §3.2.2) and for `relativeRef` against a service
/// endpoint (DID Resolution, "Dereferencing the Resource").
///
/// The checks cover the generic syntax of RFC 3986 §3: the scheme grammar, the character set of each component
/// (authority, path, query, fragment) and the validity of every percent-encoding. They do not check a scheme's own
/// rules (an `https` host name, a port range).
public enum URIReference {
    /// The five components of RFC 3986 Appendix B, as UTF-8 byte ranges; `nil` means "undefined" (not "empty").
    struct Components {
        var scheme: Range<Int>?
        var authority: Range<Int>?
        var path: Range<Int>
        var query: Range<Int>?
        var fragment: Range<Int>?
    }

    /// Splits a reference the way the regular expression of RFC 3986 Appendix B does.
    static func split(_ bytes: [UInt8]) -> Components {
        let count = bytes.count
        var index = 0
        var scheme: Range<Int>?
        // scheme: [^:/?#]+ ":"
        while index < count, bytes[index] != 0x3A, bytes[index] != 0x2F, bytes[index] != 0x3F, bytes[index] != 0x23 {
            index += 1
        }
        if index > 0, index < count, bytes[index] == 0x3A {
            scheme = 0..<index
            index += 1
        } else {
            index = 0
        }
        var authority: Range<Int>?
        if index + 1 < count, bytes[index] == 0x2F, bytes[index + 1] == 0x2F {
            let start = index + 2
            index = start
            while index < count, bytes[index] != 0x2F, bytes[index] != 0x3F, bytes[index] != 0x23 { index += 1 }
            authority = start..<index
        }
        let pathStart = index
        while index < count, bytes[index] != 0x3F, bytes[index] != 0x23 { index += 1 }
        let path = pathStart..<index
        var query: Range<Int>?
        if index < count, bytes[index] == 0x3F {
            let start = index + 1
            index = start
            while index < count, bytes[index] != 0x23 { index += 1 }
            query = start..<index
        }
        var fragment: Range<Int>?
        if index < count, bytes[index] == 0x23 { fragment = (index + 1)..<count }
        return Components(scheme: scheme, authority: authority, path: path, query: query, fragment: fragment)
    }

    // MARK: Validation

    /// Whether `text` is a URI (RFC 3986 §3: `scheme ":" hier-part [ "?" query ] [ "#" fragment ]`).
    ///
    /// DID Core 1.0 uses this for `alsoKnownAs` (§5.1.3), service `id` and string `serviceEndpoint` values
    /// (§5.4). DIDs and DID URLs are URIs.
    /// - Parameter text: The candidate URI.
    /// - Returns: `true` when the text has a valid scheme and every component uses only its allowed characters.
    public static func isValidURI(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let parts = split(bytes)
        guard parts.scheme != nil else { return false }
        return isValid(bytes, parts)
    }

    /// Whether `text` is a URI reference: a URI or a relative reference (RFC 3986 §4.1).
    /// - Parameter text: The candidate reference; the empty string is a valid (same-document) reference.
    /// - Returns: `true` when every component uses only its allowed characters.
    public static func isValidReference(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return isValid(bytes, split(bytes))
    }

    /// Whether `text` is a relative reference (RFC 3986 §4.2): a URI reference without a scheme. This is what
    /// the `relativeRef` DID parameter must hold (DID Core 1.0 §3.2.1).
    /// - Parameter text: The candidate reference.
    /// - Returns: `true` for a valid reference that has no scheme.
    public static func isValidRelativeReference(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let parts = split(bytes)
        return parts.scheme == nil && isValid(bytes, parts)
    }

    private static func isValid(_ bytes: [UInt8], _ parts: Components) -> Bool {
        if let scheme = parts.scheme {
            guard SyntaxScanner.isAlpha(bytes[scheme.lowerBound]) else { return false }
            for index in scheme {
                let byte = bytes[index]
                guard
                    SyntaxScanner.isAlpha(byte) || SyntaxScanner.isDigit(byte) || byte == 0x2B || byte == 0x2D
                        || byte == 0x2E
                else { return false }
            }
        } else if parts.authority == nil {
            // path-noscheme: the first segment of a relative path must not contain ':' (RFC 3986 §4.2).
            for index in parts.path {
                if bytes[index] == 0x2F { break }
                if bytes[index] == 0x3A { return false }
            }
        }
        if let authority = parts.authority {
            guard check(bytes, authority, { SyntaxScanner.isPChar($0) || $0 == 0x5B || $0 == 0x5D }) else {
                return false
            }
        }
        guard check(bytes, parts.path, { SyntaxScanner.isPChar($0) || $0 == 0x2F }) else { return false }
        if let query = parts.query, !check(bytes, query, SyntaxScanner.isQueryChar) { return false }
        if let fragment = parts.fragment, !check(bytes, fragment, SyntaxScanner.isQueryChar) { return false }
        return true
    }

    private static func check(_ bytes: [UInt8], _ range: Range<Int>, _ allowed: (UInt8) -> Bool) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == 0x25 {
                guard index + 2 < range.upperBound, SyntaxScanner.isHexDigit(bytes[index + 1]),
                    SyntaxScanner.isHexDigit(bytes[index + 2])
                else { return false }
                index += 3
            } else {
                guard allowed(byte) else { return false }
                index += 1
            }
        }
        return true
    }

    // MARK: Reference resolution (RFC 3986 §5.2)

    /// Resolves a URI reference against a base URI with the strict algorithm of RFC 3986 §5.2.2, including
    /// `remove_dot_segments` (§5.2.4) and recomposition (§5.3).
    ///
    /// Relative DID URLs (DID Core 1.0 §3.2.2) and `relativeRef` values (DID Resolution) are resolved this way.
    /// Note that with a DID as the base, only fragment (`#key-1`) and query (`?service=x`) references give a DID
    /// URL: RFC 3986 treats `example:123` as the base's path, so `/path` becomes `did:/path`.
    /// - Parameters:
    ///   - reference: The URI reference to resolve (relative or absolute).
    ///   - base: The base URI; it must have a scheme (RFC 3986 §5.1). Its fragment is ignored.
    /// - Returns: The target URI.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDIDURL`` when `base` is not a URI or `reference` is
    ///   not a URI reference.
    public static func resolve(_ reference: String, against base: String) throws(DIDError) -> String {
        let baseBytes = Array(base.utf8)
        let referenceBytes = Array(reference.utf8)
        let b = split(baseBytes)
        let r = split(referenceBytes)
        guard let baseScheme = b.scheme, isValid(baseBytes, b) else {
            throw DIDError(.invalidDIDURL, "base '\(base)' is not an absolute URI (RFC 3986 §5.1)")
        }
        guard isValid(referenceBytes, r) else {
            throw DIDError(.invalidDIDURL, "'\(reference)' is not a URI reference (RFC 3986 §4.1)")
        }
        func text(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8] { Array(bytes[range]) }

        var targetScheme: [UInt8]
        var targetAuthority: [UInt8]?
        var targetPath: [UInt8]
        var targetQuery: [UInt8]?
        if let scheme = r.scheme {
            targetScheme = text(referenceBytes, scheme)
            targetAuthority = r.authority.map { text(referenceBytes, $0) }
            targetPath = removeDotSegments(text(referenceBytes, r.path))
            targetQuery = r.query.map { text(referenceBytes, $0) }
        } else {
            if let authority = r.authority {
                targetAuthority = text(referenceBytes, authority)
                targetPath = removeDotSegments(text(referenceBytes, r.path))
                targetQuery = r.query.map { text(referenceBytes, $0) }
            } else {
                if r.path.isEmpty {
                    targetPath = text(baseBytes, b.path)
                    targetQuery = r.query.map { text(referenceBytes, $0) } ?? b.query.map { text(baseBytes, $0) }
                } else {
                    if referenceBytes[r.path.lowerBound] == 0x2F {
                        targetPath = removeDotSegments(text(referenceBytes, r.path))
                    } else {
                        targetPath = removeDotSegments(merge(baseBytes, b, text(referenceBytes, r.path)))
                    }
                    targetQuery = r.query.map { text(referenceBytes, $0) }
                }
                targetAuthority = b.authority.map { text(baseBytes, $0) }
            }
            targetScheme = text(baseBytes, baseScheme)
        }
        // Recomposition (RFC 3986 §5.3).
        var result = targetScheme
        result.append(0x3A)
        if let targetAuthority {
            result.append(contentsOf: [0x2F, 0x2F])
            result.append(contentsOf: targetAuthority)
        }
        result.append(contentsOf: targetPath)
        if let targetQuery {
            result.append(0x3F)
            result.append(contentsOf: targetQuery)
        }
        if let fragment = r.fragment {
            result.append(0x23)
            result.append(contentsOf: referenceBytes[fragment])
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// RFC 3986 §5.2.3 "Merge Paths".
    private static func merge(_ baseBytes: [UInt8], _ base: Components, _ referencePath: [UInt8]) -> [UInt8] {
        if base.authority != nil && base.path.isEmpty { return [0x2F] + referencePath }
        let basePath = baseBytes[base.path]
        guard let lastSlash = basePath.lastIndex(of: 0x2F) else { return referencePath }
        return Array(baseBytes[base.path.lowerBound...lastSlash]) + referencePath
    }

    /// RFC 3986 §5.2.4 "Remove Dot Segments".
    static func removeDotSegments(_ path: [UInt8]) -> [UInt8] {
        var input = path[...]
        var output: [UInt8] = []
        output.reserveCapacity(path.count)
        func hasPrefix(_ prefix: [UInt8]) -> Bool { input.starts(with: prefix) }
        func equals(_ value: [UInt8]) -> Bool { input.elementsEqual(value) }
        func removeLastSegment() {
            if let slash = output.lastIndex(of: 0x2F) {
                output.removeSubrange(slash...)
            } else {
                output.removeAll(keepingCapacity: true)
            }
        }
        let dot: UInt8 = 0x2E
        let slash: UInt8 = 0x2F
        while !input.isEmpty {
            if hasPrefix([dot, dot, slash]) {  // A
                input = input.dropFirst(3)
            } else if hasPrefix([dot, slash]) {  // A
                input = input.dropFirst(2)
            } else if hasPrefix([slash, dot, slash]) {  // B
                input = input.dropFirst(2)
            } else if equals([slash, dot]) {  // B
                input = [slash][...]
            } else if hasPrefix([slash, dot, dot, slash]) {  // C
                input = input.dropFirst(3)
                removeLastSegment()
            } else if equals([slash, dot, dot]) {  // C
                input = [slash][...]
                removeLastSegment()
            } else if equals([dot]) || equals([dot, dot]) {  // D
                input = []
            } else {  // E
                var end = input.startIndex
                if input[end] == slash { end += 1 }
                while end < input.endIndex, input[end] != slash { end += 1 }
                output.append(contentsOf: input[input.startIndex..<end])
                input = input[end...]
            }
        }
        return output
    }
}
