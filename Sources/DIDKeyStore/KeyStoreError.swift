// swift-did: decentralized identity for Swift. Apache-2.0.

/// The error thrown by every `DIDKeyStore` API: a machine-readable ``Code`` plus a sentence for people.
///
/// Messages name keys and paths but never contain a passphrase or key material. Errors compare equal when their
/// codes are equal.
public struct KeyStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A key name is empty, too long, starts with a dot or contains a character outside `A–Z a–z 0–9 . _ -`
        /// (Specs/keystore.md §2).
        case invalidName
        /// No key of that name is stored.
        case keyNotFound
        /// A key of that name is already stored; it is never overwritten.
        case keyExists
        /// The passphrase does not open the key: the AEAD tag did not verify (Specs/keystore.md §5). The same
        /// happens when the file's clear-text metadata was changed.
        case wrongPassphrase
        /// The operating system refused access (`EACCES`, `EPERM`).
        case permissionDenied
        /// The keystore folder or a key file can be read or written by the group or others; the reason says which
        /// `chmod` fixes it.
        case insecurePermissions
        /// A key file is not a valid keystore file (Specs/keystore.md §3–§4).
        case invalidFile
        /// A key file has a `version` this library does not know (Specs/keystore.md §6).
        case unsupportedVersion
        /// The key cannot be stored (for example a public key where a private key is needed).
        case invalidKey
        /// Reading or writing the storage failed (I/O error, disk full).
        case storageFailure
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable sentence that says what is wrong. Never contains secrets.
    public let reason: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - reason: A sentence for people; must not contain secret material.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }

    /// Errors are equal when their codes are.
    public static func == (lhs: KeyStoreError, rhs: KeyStoreError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
