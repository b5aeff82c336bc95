// swift-did: decentralized identity for Swift. Apache-2.0.

/// The error thrown by every `DIDCore` API: a machine-readable ``Code`` plus a sentence for people.
///
/// Errors compare equal when their codes are equal, so tests and callers can match on the kind of failure
/// without depending on the wording of ``reason`` (see ``CategorizedError``).
public struct DIDError: CategorizedError {
    /// The kind of failure: an open set (match with a `default:` case).
    public struct Code: CategorizedErrorCode {
        private enum Backing: String {
            case invalidDID, invalidDIDURL, invalidJSON, unrepresentableJSON, invalidEncoding, unsupportedMulticodec
            case invalidDocument, invalidDateTime
        }

        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// The text is not a DID (DID Core 1.0 §3.1).
        public static let invalidDID = Code(.invalidDID)
        /// The text is not a DID URL (DID Core 1.0 §3.2).
        public static let invalidDIDURL = Code(.invalidDIDURL)
        /// The bytes are not valid (I-)JSON, or exceed a configured limit (RFC 8259, RFC 7493).
        public static let invalidJSON = Code(.invalidJSON)
        /// A value cannot be represented in the requested JSON form (for example a non-finite number in JCS).
        public static let unrepresentableJSON = Code(.unrepresentableJSON)
        /// Text in a binary-to-text encoding (multibase, base58btc, base64url, base32, varint) is malformed.
        public static let invalidEncoding = Code(.invalidEncoding)
        /// A multicodec header is unknown or not allowed where it appears.
        public static let unsupportedMulticodec = Code(.unsupportedMulticodec)
        /// A DID document does not follow the DID Core data model (DID Core 1.0 §5).
        public static let invalidDocument = Code(.invalidDocument)
        /// The text is not a date-time in the form the place asks for (RFC 3339 §5.6, XML Schema 1.1 §3.3.7).
        public static let invalidDateTime = Code(.invalidDateTime)

        /// Malformed input (a document that breaks the data model is not parseable as a DID document), except a
        /// multicodec this library does not know: unsupported.
        public var category: ErrorCategory {
            switch backing {
            case .invalidDID, .invalidDIDURL, .invalidJSON, .unrepresentableJSON, .invalidEncoding, .invalidDocument,
                .invalidDateTime:
                .malformedInput
            case .unsupportedMulticodec: .unsupported
            }
        }

        /// The code's name, such as `invalidDID`.
        public var description: String { backing.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable sentence that says what is wrong (and where, when known).
    public let reason: String
    /// The offset in the input (bytes for JSON, characters for DID syntax) where the problem was found, if known.
    public let offset: Int?
    /// Where in this package the error was created.
    public let location: ErrorLocation

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - reason: A sentence for people.
    ///   - offset: Where in the input the problem was found, if known.
    ///   - file: The source file that creates the error (the caller's by default).
    ///   - line: The source line that creates the error (the caller's by default).
    public init(_ code: Code, _ reason: String, offset: Int? = nil, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.offset = offset
        self.location = ErrorLocation(fileID: file, line: line)
    }

    /// The reason, with the offset when known. Never includes a source location.
    public var description: String {
        if let offset { return "\(reason) (at offset \(offset))" }
        return reason
    }
}
