// swift-did: decentralized identity for Swift. Apache-2.0.

/// The `type` of a verification method: an open set of names from the DID Specification Registries
/// (DID Core 1.0 §5.2; <https://www.w3.org/TR/did-spec-registries/#verification-method-types>).
///
/// Any string is a valid type; the static members name the ones this project produces or reads.
public struct VerificationMethodType: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The type name as it appears in the document, such as `Multikey`.
    public let rawValue: String

    /// Creates a type from its name.
    /// - Parameter rawValue: The name as it appears in the document.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a type from its name.
    /// - Parameter rawValue: The name as it appears in the document.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Creates a type from a string literal.
    /// - Parameter value: The name.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The type name.
    public var description: String { rawValue }

    /// `Multikey` (Controlled Identifiers 1.0 §2.2.2): `publicKeyMultibase` with a multicodec header.
    public static let multikey = VerificationMethodType("Multikey")
    /// `JsonWebKey` (Controlled Identifiers 1.0 §2.2.3): `publicKeyJwk`.
    public static let jsonWebKey = VerificationMethodType("JsonWebKey")
    /// `JsonWebKey2020` (W3C CCG Linked Data Cryptographic Suite): `publicKeyJwk`.
    public static let jsonWebKey2020 = VerificationMethodType("JsonWebKey2020")
    /// `Ed25519VerificationKey2020`: Ed25519 key in `publicKeyMultibase`.
    public static let ed25519VerificationKey2020 = VerificationMethodType("Ed25519VerificationKey2020")
    /// `Ed25519VerificationKey2018` (legacy): Ed25519 key, usually in `publicKeyBase58`.
    public static let ed25519VerificationKey2018 = VerificationMethodType("Ed25519VerificationKey2018")
    /// `X25519KeyAgreementKey2020`: X25519 key in `publicKeyMultibase`.
    public static let x25519KeyAgreementKey2020 = VerificationMethodType("X25519KeyAgreementKey2020")
    /// `X25519KeyAgreementKey2019` (legacy): X25519 key, usually in `publicKeyBase58`.
    public static let x25519KeyAgreementKey2019 = VerificationMethodType("X25519KeyAgreementKey2019")
    /// `EcdsaSecp256k1VerificationKey2019`: secp256k1 key.
    public static let ecdsaSecp256k1VerificationKey2019 = VerificationMethodType("EcdsaSecp256k1VerificationKey2019")
}
