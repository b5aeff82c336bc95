// swift-did: decentralized identity for Swift. Apache-2.0.

/// The error DIDCredentials throws when it cannot do what was asked at all: the input is not JSON, a proof cannot be
/// generated with these options, the key does not fit the cryptosuite.
///
/// A credential that fails verification is not an error: verification returns a ``VerificationResult``.
public struct CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The input is not JSON, or not the JSON shape asked for (an object).
        case invalidJSON
        /// The document breaks a rule that must hold before it can be secured (VC Data Model 2.0 §4).
        case malformedDocument
        /// Add Proof failed (Data Integrity 1.0 §4.2 `PROOF_GENERATION_ERROR`), for example a `previousProof` id
        /// that names no existing proof, or an invalid `created` value.
        case proofGeneration
        /// The cryptosuite is not implemented here.
        case unsupportedCryptosuite
        /// The key cannot be used with the cryptosuite or algorithm asked for (type, or a failed signature op).
        case invalidKey
        /// The signing verification method is not authorized by the issuer (holder) for the proof purpose, so
        /// verifiers would reject what was signed (Controlled Identifiers 1.0 §3.3; VC Data Integrity 1.0 §4).
        case keyNotAuthorized
    }

    /// What went wrong.
    public let code: Code
    /// A human sentence saying what and where.
    public let reason: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - reason: A human sentence saying what and where.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `code: reason`.
    public var description: String { "\(code.rawValue): \(reason)" }

    /// Errors compare by ``code`` only.
    public static func == (lhs: CredentialError, rhs: CredentialError) -> Bool { lhs.code == rhs.code }

    /// Hashes the ``code``.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
