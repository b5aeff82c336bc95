// swift-did: decentralized identity for Swift. Apache-2.0.

/// A DID resolution or dereferencing error (DID Resolution §"Errors"; DID Core 1.0 §7.1.2, §7.2.2).
///
/// Written as an RFC 9457 problem object `{"type": "https://www.w3.org/ns/did#NOT_FOUND", "title": …,
/// "detail": …}` by default, or as the DID Core 1.0 keyword string (`"notFound"`) for older clients and the W3C
/// test suites (``Style/didCore10Keyword``). Reading accepts every spelling (see ``Code/init(parsing:)``).
/// Errors compare equal when their codes are (see ``CategorizedError``).
public struct ResolutionError: CategorizedError {
    /// The error codes, named as DID Resolution names them (Swift names are the DID Core 1.0 keywords; ``rawValue`` is
    /// the DID Resolution code), plus did:key's public-key errors and the dereferencing errors of Controlled
    /// Identifiers 1.0. An open set: match with a `default:` case; ``allCases`` lists the codes this version knows.
    public struct Code: CategorizedErrorCode, RawRepresentable, CaseIterable {
        private enum Backing: String, CaseIterable {
            case invalidDid = "INVALID_DID"
            case invalidDidUrl = "INVALID_DID_URL"
            case invalidOptions = "INVALID_OPTIONS"
            case notFound = "NOT_FOUND"
            case representationNotSupported = "REPRESENTATION_NOT_SUPPORTED"
            case methodNotSupported = "METHOD_NOT_SUPPORTED"
            case featureNotSupported = "FEATURE_NOT_SUPPORTED"
            case invalidDidDocument = "INVALID_DID_DOCUMENT"
            case internalError = "INTERNAL_ERROR"
            case invalidPublicKey = "INVALID_PUBLIC_KEY"
            case invalidPublicKeyLength = "INVALID_PUBLIC_KEY_LENGTH"
            case invalidPublicKeyType = "INVALID_PUBLIC_KEY_TYPE"
            case unsupportedPublicKeyType = "UNSUPPORTED_PUBLIC_KEY_TYPE"
            case invalidVerificationMethod = "INVALID_VERIFICATION_METHOD"
            case invalidRelationshipForVerificationMethod = "INVALID_RELATIONSHIP_FOR_VERIFICATION_METHOD"
        }

        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// `INVALID_DID`: the DID does not match the DID syntax (DID Core 1.0 §3.1).
        public static let invalidDid = Code(.invalidDid)
        /// `INVALID_DID_URL`: the DID URL does not match the DID URL syntax (DID Core 1.0 §3.2).
        public static let invalidDidUrl = Code(.invalidDidUrl)
        /// `INVALID_OPTIONS`: a resolution or dereferencing option is malformed.
        public static let invalidOptions = Code(.invalidOptions)
        /// `NOT_FOUND`: the DID or the resource does not exist.
        public static let notFound = Code(.notFound)
        /// `REPRESENTATION_NOT_SUPPORTED`: the requested media type cannot be produced.
        public static let representationNotSupported = Code(.representationNotSupported)
        /// `METHOD_NOT_SUPPORTED`: the resolver has no driver for the DID method.
        public static let methodNotSupported = Code(.methodNotSupported)
        /// `FEATURE_NOT_SUPPORTED`: an option or feature is understood but not supported (such as `noCache`).
        public static let featureNotSupported = Code(.featureNotSupported)
        /// `INVALID_DID_DOCUMENT`: the method produced or fetched a document that is not a conforming DID document.
        public static let invalidDidDocument = Code(.invalidDidDocument)
        /// `INTERNAL_ERROR`: an unexpected failure.
        public static let internalError = Code(.internalError)
        /// `INVALID_PUBLIC_KEY` (did:key): the key bytes are not a valid key of their type.
        public static let invalidPublicKey = Code(.invalidPublicKey)
        /// `INVALID_PUBLIC_KEY_LENGTH` (did:key): the key has the wrong length for its type.
        public static let invalidPublicKeyLength = Code(.invalidPublicKeyLength)
        /// `INVALID_PUBLIC_KEY_TYPE` (did:key): the key type is not allowed in this position.
        public static let invalidPublicKeyType = Code(.invalidPublicKeyType)
        /// `UNSUPPORTED_PUBLIC_KEY_TYPE` (did:key): the key type or requested format is not supported.
        public static let unsupportedPublicKeyType = Code(.unsupportedPublicKeyType)
        /// `INVALID_VERIFICATION_METHOD` (dereferencing): the fragment names no conforming verification method.
        public static let invalidVerificationMethod = Code(.invalidVerificationMethod)
        /// `INVALID_RELATIONSHIP_FOR_VERIFICATION_METHOD` (dereferencing): the verification method is not
        /// associated with the requested verification relationship.
        public static let invalidRelationshipForVerificationMethod = Code(.invalidRelationshipForVerificationMethod)

        /// The codes this version knows, in the order DID Resolution lists them.
        public static let allCases = Backing.allCases.map(Code.init)

        /// Reads a code from its DID Resolution spelling, such as `NOT_FOUND`.
        /// - Parameter rawValue: The code.
        /// - Returns: `nil` when the text names no code this version knows (see also ``init(parsing:)``).
        public init?(rawValue: String) {
            guard let backing = Backing(rawValue: rawValue) else { return nil }
            self.init(backing)
        }

        /// The DID Resolution code, such as `NOT_FOUND`.
        public var rawValue: String { backing.rawValue }

        /// The DID Resolution code, such as `NOT_FOUND`.
        public var description: String { backing.rawValue }

        /// Invalid DIDs, DID URLs, options and did:key public keys are malformed input; the did:key key type and
        /// DID method, feature or representation the resolver lacks are unsupported; a document or verification
        /// method that fails a rule is rejected.
        public var category: ErrorCategory {
            switch backing {
            case .invalidDid, .invalidDidUrl, .invalidOptions, .invalidPublicKey, .invalidPublicKeyLength,
                .invalidPublicKeyType:
                .malformedInput
            case .notFound: .notFound
            case .representationNotSupported, .methodNotSupported, .featureNotSupported, .unsupportedPublicKeyType:
                .unsupported
            case .invalidDidDocument, .invalidVerificationMethod, .invalidRelationshipForVerificationMethod: .rejected
            case .internalError: .internalFailure
            }
        }

        /// The namespace of the RFC 9457 problem types (DID Resolution §"Errors").
        public static let problemTypePrefix = "https://www.w3.org/ns/did#"

        /// The RFC 9457 problem `type` URI, such as `https://www.w3.org/ns/did#INVALID_DID`.
        public var problemType: String { Self.problemTypePrefix + rawValue }

        /// The DID Core 1.0 keyword (camelCase), such as `invalidDid` or `notFound`.
        public var legacyKeyword: String {
            switch backing {
            case .invalidDid: "invalidDid"
            case .invalidDidUrl: "invalidDidUrl"
            case .invalidOptions: "invalidOptions"
            case .notFound: "notFound"
            case .representationNotSupported: "representationNotSupported"
            case .methodNotSupported: "methodNotSupported"
            case .featureNotSupported: "featureNotSupported"
            case .invalidDidDocument: "invalidDidDocument"
            case .internalError: "internalError"
            case .invalidPublicKey: "invalidPublicKey"
            case .invalidPublicKeyLength: "invalidPublicKeyLength"
            case .invalidPublicKeyType: "invalidPublicKeyType"
            case .unsupportedPublicKeyType: "unsupportedPublicKeyType"
            case .invalidVerificationMethod: "invalidVerificationMethod"
            case .invalidRelationshipForVerificationMethod: "invalidRelationshipForVerificationMethod"
            }
        }

        /// A short title for the problem object.
        public var title: String {
            switch backing {
            case .invalidDid: "Invalid DID"
            case .invalidDidUrl: "Invalid DID URL"
            case .invalidOptions: "Invalid options"
            case .notFound: "Not found"
            case .representationNotSupported: "Representation not supported"
            case .methodNotSupported: "Method not supported"
            case .featureNotSupported: "Feature not supported"
            case .invalidDidDocument: "Invalid DID document"
            case .internalError: "Internal error"
            case .invalidPublicKey: "Invalid public key"
            case .invalidPublicKeyLength: "Invalid public key length"
            case .invalidPublicKeyType: "Invalid public key type"
            case .unsupportedPublicKeyType: "Unsupported public key type"
            case .invalidVerificationMethod: "Invalid verification method"
            case .invalidRelationshipForVerificationMethod: "Invalid relationship for verification method"
            }
        }

        /// The HTTP status of the DID Resolution HTTP(S) binding: 400 for invalid DID, DID URL or options; 404
        /// not found; 406 representation not supported; 501 method or feature not supported; 500 for the rest.
        /// (A deactivated DID is not an error: ``ResolutionResult/httpStatus`` gives 410 for it.)
        public var httpStatus: Int {
            switch backing {
            case .invalidDid, .invalidDidUrl, .invalidOptions: 400
            case .notFound: 404
            case .representationNotSupported: 406
            case .methodNotSupported, .featureNotSupported: 501
            default: 500
            }
        }

        /// Reads a code in any of its spellings: the problem type URI (`https://www.w3.org/ns/did#NOT_FOUND`, or
        /// any URI whose fragment is a code), the code (`NOT_FOUND`), the DID Core 1.0 keyword (`notFound`), and
        /// the legacy `unsupportedDidMethod` (→ ``methodNotSupported``).
        /// - Parameter text: The spelling.
        /// - Returns: `nil` when the text names no known code.
        public init?(parsing text: String) {
            var name = Substring(text)
            if let hash = name.lastIndex(of: "#"), name.contains(":") { name = name[name.index(after: hash)...] }
            if let code = Code(rawValue: String(name)) {
                self = code
                return
            }
            if name == "unsupportedDidMethod" {
                self = .methodNotSupported
                return
            }
            guard let code = Code.allCases.first(where: { $0.legacyKeyword == name }) else { return nil }
            self = code
        }
    }

    /// How an error is written into `didResolutionMetadata.error`.
    public enum Style: Sendable, Hashable, CaseIterable {
        /// An RFC 9457 problem object with `type`, `title` and `detail` (DID Resolution).
        case problemDetails
        /// The DID Core 1.0 keyword string, such as `"invalidDid"` (W3C did-test-suite, did:key test suite).
        case didCore10Keyword
    }

    /// The error code.
    public let code: Code
    /// A short title; by default the code's ``Code/title``.
    public let title: String
    /// A sentence that explains this occurrence, or `nil`.
    public let detail: String?
    /// Why a fetch-backed method failed, when the DID Resolution codes cannot say it (they report both as
    /// ``Code/internalError``).
    public enum Cause: String, Sendable, Hashable, CaseIterable {
        /// The network or the origin failed: DNS, connect, TLS, timeout, transport, HTTP 5xx. Worth a retry; the CLI
        /// exits with the I/O status.
        case networkFailure
        /// The origin's address was refused by policy (the SSRF guard: loopback, private, link-local, …).
        case refusedAddress
        /// The origin was not asked because the capacity for origin fetches was used up (every slot stayed busy).
        /// Worth a retry later.
        case overloaded

        /// The category this cause gives the error: network, refused by policy, overloaded.
        public var category: ErrorCategory {
            switch self {
            case .networkFailure: .network
            case .refusedAddress: .refusedByPolicy
            case .overloaded: .overloaded
            }
        }
    }

    /// Why it failed, when the code alone does not say; `nil` otherwise.
    public let cause: Cause?

    /// Where in this package the error was created.
    public let location: ErrorLocation

    /// Whether the network or the origin failed (``Cause/networkFailure``).
    public var isNetworkFailure: Bool { cause == .networkFailure }

    /// The cause's category when there is a cause (network, refused by policy, overloaded), else the code's.
    public var category: ErrorCategory { cause?.category ?? code.category }

    /// The detail, or the title when there is none.
    public var reason: String { detail ?? title }

    /// Creates an error.
    /// - Parameters:
    ///   - code: The code.
    ///   - detail: What went wrong this time, for people.
    ///   - title: A short title; the code's default when `nil`.
    ///   - cause: Why it failed, when the code alone does not say (see ``Cause``).
    ///   - file: The source file that creates the error (the caller's by default).
    ///   - line: The source line that creates the error (the caller's by default).
    public init(
        _ code: Code,
        _ detail: String? = nil,
        title: String? = nil,
        cause: Cause? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) {
        self.code = code
        self.detail = detail
        self.title = title ?? code.title
        self.cause = cause
        self.location = ErrorLocation(fileID: file, line: line)
    }

    /// Maps a `DIDCore` error: invalid DID → ``Code/invalidDid``, invalid DID URL → ``Code/invalidDidUrl``,
    /// invalid document → ``Code/invalidDidDocument``, anything else → ``Code/internalError``. The detail is the
    /// error's description (reason and offset).
    /// - Parameter error: The error.
    public init(_ error: DIDError) {
        let code: Code =
            switch error.code {
            case .invalidDID: .invalidDid
            case .invalidDIDURL: .invalidDidUrl
            case .invalidDocument: .invalidDidDocument
            default: .internalError
            }
        self.init(code, error.description, file: error.location.fileID, line: error.location.line)
    }

    /// Reads an error from `didResolutionMetadata.error` (or `dereferencingMetadata.error`): a keyword string or
    /// a problem object, in any spelling. A code this library does not know becomes ``Code/internalError`` with
    /// the original type in the detail.
    /// - Parameter json: The `error` value.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDocument`` when the value is neither a string nor
    ///   an object with a string `type`.
    public init(problemJSON json: JSONValue) throws(DIDError) {
        let type: String
        var title: String?
        var detail: String?
        switch json {
        case .string(let text):
            type = text
        case .object(let object):
            guard case .string(let text) = object["type"] else {
                throw DIDError(.invalidDocument, "error: a problem object must have a string 'type' (RFC 9457 §3.1)")
            }
            type = text
            title = object["title"]?.stringValue
            detail = object["detail"]?.stringValue
        default:
            throw DIDError(.invalidDocument, "error: must be a keyword string or a problem object")
        }
        if let code = Code(parsing: type) {
            self.init(code, detail, title: title)
        } else {
            self.init(.internalError, "unknown error '\(type)'" + (detail.map { ": " + $0 } ?? ""), title: title)
        }
    }

    /// The error as JSON for `didResolutionMetadata.error`.
    /// - Parameter style: An RFC 9457 problem object (default) or the DID Core 1.0 keyword string.
    /// - Returns: `{"type", "title", "detail"}` (detail only when known), or a string such as `"notFound"`.
    public func problemJSON(style: Style = .problemDetails) -> JSONValue {
        switch style {
        case .didCore10Keyword:
            return .string(code.legacyKeyword)
        case .problemDetails:
            var object: JSONObject = ["type": .string(code.problemType), "title": .string(title)]
            if let detail { object.append("detail", .string(detail)) }
            return .object(object)
        }
    }

    /// `CODE: detail` (or `CODE: title` without a detail), one line for logs and the command line.
    public var description: String { "\(code.rawValue): \(reason)" }
}
