// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

/// The error DIDCredentials throws when it cannot do what was asked at all: the input is not JSON, a proof cannot be
/// generated with these options, the key does not fit the cryptosuite.
///
/// A credential that fails verification is not an error: verification returns a ``VerificationResult``.
public struct CredentialError: CategorizedError {
    /// What went wrong: an open set (match with a `default:` case).
    public struct Code: CategorizedErrorCode {
        private enum Backing: String {
            case invalidJSON, malformedDocument, proofGeneration, unsupportedCryptosuite, invalidKey, keyNotAuthorized
        }

        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// The input is not JSON, or not the JSON shape asked for (an object).
        public static let invalidJSON = Code(.invalidJSON)
        /// The document breaks a rule that must hold before it can be secured (VC Data Model 2.0 §4).
        public static let malformedDocument = Code(.malformedDocument)
        /// Add Proof failed (Data Integrity 1.0 §4.2 `PROOF_GENERATION_ERROR`), for example a `previousProof` id
        /// that names no existing proof, or an invalid `created` value.
        public static let proofGeneration = Code(.proofGeneration)
        /// The cryptosuite is not implemented here.
        public static let unsupportedCryptosuite = Code(.unsupportedCryptosuite)
        /// The key cannot be used with the cryptosuite or algorithm asked for (type, or a failed signature op).
        public static let invalidKey = Code(.invalidKey)
        /// The signing verification method is not authorized by the issuer (holder) for the proof purpose, so
        /// verifiers would reject what was signed (Controlled Identifiers 1.0 §3.3; VC Data Integrity 1.0 §4).
        public static let keyNotAuthorized = Code(.keyNotAuthorized)

        /// Malformed input for input that is not JSON or not a credential, that names an issuer (holder) who does
        /// not authorize the signing key, or proof options that cannot be used; rejected for a key that cannot make
        /// the proof; unsupported for a cryptosuite this library lacks.
        public var category: ErrorCategory {
            switch backing {
            // An issuer that does not authorize the signing key makes the input unsignable as given (the command
            // line's data error), not a verification failure: verifying returns a result value instead.
            case .invalidJSON, .malformedDocument, .keyNotAuthorized, .proofGeneration: .malformedInput
            case .invalidKey: .rejected
            case .unsupportedCryptosuite: .unsupported
            }
        }

        /// The code's name, such as `invalidJSON`.
        public var description: String { backing.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// A human sentence saying what and where.
    public let reason: String
    /// Where in this package the error was created.
    public let location: ErrorLocation

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - reason: A sentence for people; must not contain secret material.
    ///   - file: The source file that creates the error (the caller's by default).
    ///   - line: The source line that creates the error (the caller's by default).
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.location = ErrorLocation(fileID: file, line: line)
    }

    /// `code: reason`.
    public var description: String { "\(code): \(reason)" }
}
