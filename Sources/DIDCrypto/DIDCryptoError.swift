// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

/// The error thrown by every `DIDCrypto` API: a machine-readable ``Code`` plus a sentence for people.
///
/// Messages never contain key material. Errors compare equal when their codes are equal.
public struct DIDCryptoError: CategorizedError {
    /// The kind of failure: an open set (match with a `default:` case).
    public struct Code: CategorizedErrorCode {
        private enum Backing: String {
            case invalidKeyLength, invalidKey, unsupportedOperation, unsupportedKeyType, invalidJWK, invalidJWS
            case invalidSignature, internalFailure
        }

        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// Key bytes have the wrong length for the key type.
        public static let invalidKeyLength = Code(.invalidKeyLength)
        /// Key bytes are the right length but not a valid key (for example a point that is not on the curve).
        public static let invalidKey = Code(.invalidKey)
        /// The key type does not support the requested operation (for example signing with an X25519 key).
        public static let unsupportedOperation = Code(.unsupportedOperation)
        /// The multicodec header names a key type this library does not implement, or a private key where a
        /// public key is expected (CID 1.0 §2.2.2 Multikey).
        public static let unsupportedKeyType = Code(.unsupportedKeyType)
        /// A JSON Web Key is malformed or inconsistent (RFC 7517, RFC 8037).
        public static let invalidJWK = Code(.invalidJWK)
        /// A JWS is malformed, uses a forbidden or mismatching `alg`, or fails verification (RFC 7515).
        public static let invalidJWS = Code(.invalidJWS)
        /// A signature has the wrong size or encoding for the algorithm.
        public static let invalidSignature = Code(.invalidSignature)
        /// The underlying C library or swift-crypto failed unexpectedly.
        public static let internalFailure = Code(.internalFailure)

        /// Malformed input for bytes and text that are not a usable key, JWK, JWS or signature (a key type this
        /// library lacks, or a public key where a private one is asked for, included); unsupported for an operation
        /// the key type cannot do; internal for a library failure.
        public var category: ErrorCategory {
            switch backing {
            case .invalidKeyLength, .invalidKey, .invalidJWK, .invalidJWS, .invalidSignature, .unsupportedKeyType:
                .malformedInput
            case .unsupportedOperation: .unsupported
            case .internalFailure: .internalFailure
            }
        }

        /// The code's name, such as `invalidKeyLength`.
        public var description: String { backing.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable sentence that says what is wrong. Never contains secret bytes.
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
}
