// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

/// The error thrown by every `DIDKeyStore` API: a machine-readable ``Code`` plus a sentence for people.
///
/// Messages name keys and paths but never contain a passphrase or key material. Errors compare equal when their
/// codes are equal.
public struct KeyStoreError: CategorizedError {
    /// The kind of failure: an open set (match with a `default:` case).
    public struct Code: CategorizedErrorCode {
        private enum Backing: String {
            case invalidName, keyNotFound, keyExists, wrongPassphrase, permissionDenied, insecurePermissions
            case invalidFile, unsupportedVersion, invalidKey, storageFailure
        }

        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// A key name is empty, too long, starts with a dot or contains a character outside `A–Z a–z 0–9 . _ -`
        /// (Specs/keystore.md §2).
        public static let invalidName = Code(.invalidName)
        /// No key of that name is stored.
        public static let keyNotFound = Code(.keyNotFound)
        /// A key of that name is already stored; it is never overwritten.
        public static let keyExists = Code(.keyExists)
        /// The passphrase does not open the key: the AEAD tag did not verify (Specs/keystore.md §5). The same
        /// happens when the file's clear-text metadata was changed.
        public static let wrongPassphrase = Code(.wrongPassphrase)
        /// The operating system refused access (`EACCES`, `EPERM`).
        public static let permissionDenied = Code(.permissionDenied)
        /// The keystore folder or a key file can be read or written by the group or others; the reason says which
        /// `chmod` fixes it.
        public static let insecurePermissions = Code(.insecurePermissions)
        /// A key file is not a valid keystore file (Specs/keystore.md §3–§4).
        public static let invalidFile = Code(.invalidFile)
        /// A key file has a `version` this library does not know (Specs/keystore.md §6).
        public static let unsupportedVersion = Code(.unsupportedVersion)
        /// The key cannot be stored (for example a public key where a private key is needed).
        public static let invalidKey = Code(.invalidKey)
        /// Reading or writing the storage failed (I/O error, disk full).
        public static let storageFailure = Code(.storageFailure)

        /// Each code's category: a wrong passphrase and file modes are permission denied, a stored name is a conflict.
        public var category: ErrorCategory {
            switch backing {
            case .invalidName, .invalidFile, .invalidKey: .malformedInput
            case .keyNotFound: .notFound
            case .keyExists: .conflict
            case .wrongPassphrase, .permissionDenied, .insecurePermissions: .permissionDenied
            case .unsupportedVersion: .unsupported
            case .storageFailure: .io
            }
        }

        /// The code's name, such as `invalidName`.
        public var description: String { backing.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable sentence that says what is wrong. Never contains secrets.
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
