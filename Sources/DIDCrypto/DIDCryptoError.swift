// swift-did: decentralized identity for Swift. Apache-2.0.

/// The error thrown by every `DIDCrypto` API: a machine-readable ``Code`` plus a sentence for people.
///
/// Messages never contain key material. Errors compare equal when their codes are equal.
public struct DIDCryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// Key bytes have the wrong length for the key type.
        case invalidKeyLength
        /// Key bytes are the right length but not a valid key (for example a point that is not on the curve).
        case invalidKey
        /// The key type does not support the requested operation (for example signing with an X25519 key).
        case unsupportedOperation
        /// The multicodec header names a key type this library does not implement, or a private key where a
        /// public key is expected (CID 1.0 §2.2.2 Multikey).
        case unsupportedKeyType
        /// A JSON Web Key is malformed or inconsistent (RFC 7517, RFC 8037).
        case invalidJWK
        /// A JWS is malformed, uses a forbidden or mismatching `alg`, or fails verification (RFC 7515).
        case invalidJWS
        /// A signature has the wrong size or encoding for the algorithm.
        case invalidSignature
        /// The underlying C library or swift-crypto failed unexpectedly.
        case internalFailure
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable sentence that says what is wrong. Never contains secret bytes.
    public let reason: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - reason: A sentence for people; must not contain secret material.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The reason. Never includes a source location or key material.
    public var description: String { reason }

    /// Errors are equal when their codes are.
    public static func == (lhs: DIDCryptoError, rhs: DIDCryptoError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
