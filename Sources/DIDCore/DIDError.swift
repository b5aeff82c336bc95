// swift-did: decentralized identity for Swift. Apache-2.0.

/// The error thrown by every `DIDCore` API: a machine-readable ``Code`` plus a sentence for people.
///
/// Errors compare equal when their codes are equal, so tests and callers can match on the kind of failure
/// without depending on the wording of ``reason``.
public struct DIDError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The text is not a DID (DID Core 1.0 §3.1).
        case invalidDID
        /// The text is not a DID URL (DID Core 1.0 §3.2).
        case invalidDIDURL
        /// The bytes are not valid (I-)JSON, or exceed a configured limit (RFC 8259, RFC 7493).
        case invalidJSON
        /// A value cannot be represented in the requested JSON form (for example a non-finite number in JCS).
        case unrepresentableJSON
        /// Text in a binary-to-text encoding (multibase, base58btc, base64url, base32, varint) is malformed.
        case invalidEncoding
        /// A multicodec header is unknown or not allowed where it appears.
        case unsupportedMulticodec
        /// A DID document does not follow the DID Core data model (DID Core 1.0 §5).
        case invalidDocument
        /// The text is not a date-time in the form the place asks for (RFC 3339 §5.6, XML Schema 1.1 §3.3.7).
        case invalidDateTime
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable sentence that says what is wrong (and where, when known).
    public let reason: String
    /// The offset in the input (bytes for JSON, characters for DID syntax) where the problem was found, if known.
    public let offset: Int?

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - reason: A sentence for people.
    ///   - offset: Where in the input the problem was found, if known.
    public init(_ code: Code, _ reason: String, offset: Int? = nil) {
        self.code = code
        self.reason = reason
        self.offset = offset
    }

    /// The reason, with the offset when known. Never includes a source location.
    public var description: String {
        if let offset { return "\(reason) (at offset \(offset))" }
        return reason
    }

    /// Errors are equal when their codes are.
    public static func == (lhs: DIDError, rhs: DIDError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
