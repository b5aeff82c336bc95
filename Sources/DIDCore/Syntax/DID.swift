// swift-did: decentralized identity for Swift. Apache-2.0.

/// A decentralized identifier: `did:<method-name>:<method-specific-id>`.
///
/// Parsing follows the ABNF of [DID Core 1.0 §3.1](https://www.w3.org/TR/did-core/#did-syntax) exactly:
///
/// ```
/// did                = "did:" method-name ":" method-specific-id
/// method-name        = 1*method-char
/// method-char        = %x61-7A / DIGIT
/// method-specific-id = *( *idchar ":" ) 1*idchar
/// idchar             = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded
/// pct-encoded        = "%" HEXDIG HEXDIG
/// ```
///
/// A DID is kept exactly as written (no case folding, no percent-decoding); two DIDs are equal when their text is.
/// Parsing works on the UTF-8 bytes without allocating beyond the method name.
public struct DID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The DID text, exactly as parsed: `did:method:method-specific-id`.
    public let description: String
    /// The method name, for example ``Method/key`` or ``Method/web``.
    public let method: Method
    /// The UTF-8 offset where the method-specific id starts.
    let methodSpecificIDOffset: Int

    /// Parses a DID.
    /// - Parameter text: The DID text, such as `did:key:z6Mk…`.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDID`` when `text` does not match the DID ABNF
    ///   (DID Core 1.0 §3.1); the reason names what is wrong and the offset says where. A DID URL (with a path,
    ///   query or fragment) is not a DID: parse it with ``DIDURL/init(_:)``.
    public init(_ text: String) throws(DIDError) {
        var copy = text
        let result = copy.withUTF8 { SyntaxScanner.scan($0, allowURLParts: false) }
        switch result {
        case .success(let boundaries):
            self.init(validated: text, methodEnd: boundaries.methodEnd)
        case .failure(let failure):
            throw SyntaxScanner.error(for: failure, in: text, code: .invalidDID)
        }
    }

    /// Builds a DID from its two parts.
    /// - Parameters:
    ///   - method: The method name: lower-case ASCII letters and digits (DID Core 1.0 §3.1).
    ///   - methodSpecificID: The method-specific id, already percent-encoded where needed.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDID`` when either part does not match the ABNF.
    ///   Offsets count from the start of the assembled `did:method:id` text.
    public init(method: String, methodSpecificID: String) throws(DIDError) {
        var methodCopy = method
        let badMethodOffset: Int? = methodCopy.withUTF8 { bytes in
            if bytes.isEmpty { return 0 }
            for index in bytes.indices where !SyntaxScanner.isMethodChar(bytes[index]) { return index }
            return nil
        }
        if let badMethodOffset {
            let failure: SyntaxScanner.Failure
            if method.isEmpty {
                failure = .init(offset: 4, problem: .emptyMethodName)
            } else {
                let byte = Array(method.utf8)[badMethodOffset]
                let isUpper = byte >= 0x41 && byte <= 0x5A
                failure = .init(
                    offset: 4 + badMethodOffset,
                    problem: isUpper ? .upperCaseMethodName : .invalidCharacter(.methodName)
                )
            }
            throw SyntaxScanner.error(for: failure, in: "did:" + method + ":" + methodSpecificID, code: .invalidDID)
        }
        try self.init("did:" + method + ":" + methodSpecificID)
    }

    /// Builds a DID from a method and a method-specific id.
    /// - Parameters:
    ///   - method: The method, such as ``Method/key``.
    ///   - methodSpecificID: The method-specific id, already percent-encoded where needed.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDID`` when the id does not match the ABNF
    ///   (DID Core 1.0 §3.1). Offsets count from the start of the assembled `did:method:id` text.
    public init(method: Method, methodSpecificID: String) throws(DIDError) {
        try self.init("did:" + method.rawValue + ":" + methodSpecificID)
    }

    /// Wraps text the scanner already accepted.
    init(validated text: String, methodEnd: Int) {
        self.description = text
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: 4)
        let end = utf8.index(utf8.startIndex, offsetBy: methodEnd)
        self.method = Method(validated: String(text[start..<end]))
        self.methodSpecificIDOffset = methodEnd + 1
    }

    /// The method-specific id, exactly as written (still percent-encoded).
    public var methodSpecificID: String {
        let utf8 = description.utf8
        return String(description[utf8.index(utf8.startIndex, offsetBy: methodSpecificIDOffset)...])
    }

    /// This DID as a DID URL without path, query or fragment.
    public var url: DIDURL { DIDURL(did: self) }

    /// Two DIDs are equal when their texts have the same UTF-8 bytes (DID Core 1.0 §3.1: no normalization is
    /// applied).
    public static func == (lhs: DID, rhs: DID) -> Bool { BytewiseString.equal(lhs.description, rhs.description) }

    /// Orders DIDs by the UTF-8 bytes of their text.
    public static func < (lhs: DID, rhs: DID) -> Bool { BytewiseString.compare(lhs.description, rhs.description) < 0 }

    /// Hashes the text's UTF-8 bytes, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(BytewiseString(description)) }
}
