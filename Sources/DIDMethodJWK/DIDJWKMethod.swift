// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDCrypto

/// The did:jwk method (quartzjer/did-jwk spec.md): a DID that is a base64url-encoded public JWK, expanded
/// deterministically into a document with one `JsonWebKey2020` verification method `#0`.
///
/// Read: the relationships follow the key's `use` member (spec §"Read"): all five when absent, no
/// `keyAgreement` for `"sig"`, only `keyAgreement` for `"enc"`. Keys whose curve is X25519 can only agree keys,
/// so they get `keyAgreement` alone whatever `use` says. Private members (`d`, and RSA's `p`, `q`, `dp`, `dq`,
/// `qi`, `oth`) and symmetric keys (`kty: "oct"`) are refused (spec §"Security Considerations": the JWK MUST NOT
/// contain private key material). did:jwk cannot be updated or deactivated.
public struct DIDJWKMethod: DIDMethodResolver {
    /// `DID.Method.jwk`.
    public var method: DID.Method { .jwk }

    /// The `@context` of did:jwk documents (spec §"Read").
    public static let context: JSONValue = [
        "https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1",
    ]

    /// JWK members that carry private key material (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2).
    static let privateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]

    /// Creates the method.
    public init() {}

    /// The did:jwk DID of a public JWK: `did:jwk:` + base64url of its RFC 8785 (JCS) serialization, which the
    /// spec names as helpful for a stable DID (spec §"Create").
    /// - Parameter jwk: A public JWK.
    /// - Returns: The DID.
    /// - Throws: `ResolutionError` with code `invalidPublicKey` when the JWK has private members, no `kty`, or
    ///   is symmetric.
    public static func did(for jwk: JSONObject) throws(ResolutionError) -> DID {
        try check(jwk)
        let bytes: [UInt8]
        do {
            bytes = try JSONValue.object(jwk).serialized(.canonical)
        } catch {
            throw ResolutionError(.invalidPublicKey, error.reason)
        }
        return try! DID(method: .jwk, methodSpecificID: Base64URL.encode(bytes))
    }

    /// The did:jwk DID of a public key (its RFC 7517/8037 JWK, JCS-serialized).
    /// - Parameter publicKey: The key.
    /// - Returns: The DID.
    public static func did(for publicKey: PublicKey) -> DID {
        // A PublicKey's JWK never has private members, so this cannot fail.
        try! did(for: publicKey.jwkRepresentation)
    }

    /// Decodes the JWK of a did:jwk DID.
    /// - Parameter did: A did:jwk DID.
    /// - Returns: The JWK, members in their encoded order.
    /// - Throws: `ResolutionError` with code `methodNotSupported` for another method, `invalidDid` when the value
    ///   is not base64url of a JSON object, `invalidPublicKey` when that object is not a public JWK.
    public static func jwk(of did: DID) throws(ResolutionError) -> JSONObject {
        guard did.method == .jwk else {
            throw ResolutionError(.methodNotSupported, "'\(did)' is not a did:jwk DID")
        }
        let bytes: [UInt8]
        do {
            bytes = try Base64URL.decode(did.methodSpecificID)
        } catch {
            throw ResolutionError(.invalidDid, "the did:jwk value is not base64url: \(error.reason)")
        }
        guard case .object(let jwk) = try? JSONValue(parsing: bytes) else {
            throw ResolutionError(.invalidDid, "the did:jwk value does not decode to a JSON object (spec §\"Read\")")
        }
        try check(jwk)
        return jwk
    }

    /// Builds the document of a did:jwk DID (spec §"Read").
    /// - Parameter did: A did:jwk DID.
    /// - Returns: The document.
    /// - Throws: `ResolutionError` as ``jwk(of:)``.
    public static func document(for did: DID) throws(ResolutionError) -> DIDDocument {
        let jwk = try jwk(of: did)
        let id = did.description + "#0"
        let method = VerificationMethod(id: id, type: .jsonWebKey2020, controller: did, publicKeyJwk: jwk)
        var document = DIDDocument(id: did, context: context, verificationMethod: [method])
        let use = jwk["use"]?.stringValue
        let agreementOnly = use == "enc" || jwk["crv"]?.stringValue == "X25519"
        if !agreementOnly {
            for relationship in [
                VerificationRelationship.assertionMethod, .authentication, .capabilityInvocation,
                .capabilityDelegation,
            ] {
                document[relationship] = [.reference(id)]
            }
        }
        if use != "sig" { document.keyAgreement = [.reference(id)] }
        return document
    }

    /// Resolves a did:jwk DID: computed, no I/O (spec §"Read").
    /// - Parameters:
    ///   - did: The DID.
    ///   - options: Resolution options (none apply).
    /// - Returns: The result; content type `application/did+ld+json` (the document has `@context`).
    /// - Throws: `ResolutionError` as ``jwk(of:)``.
    public func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        ResolutionResult(
            didDocument: try Self.document(for: did),
            didResolutionMetadata: DIDResolutionMetadata(contentType: DIDMediaType.didLDJSON)
        )
    }

    static func check(_ jwk: JSONObject) throws(ResolutionError) {
        guard let kty = jwk["kty"]?.stringValue else {
            throw ResolutionError(.invalidPublicKey, "the JWK has no string 'kty' (RFC 7517 §4.1)")
        }
        guard kty != "oct" else {
            throw ResolutionError(.invalidPublicKeyType, "a symmetric JWK (kty 'oct') cannot be a DID key")
        }
        for name in privateMembers where jwk[name] != nil {
            throw ResolutionError(
                .invalidPublicKey,
                "the JWK contains the private member '\(name)' (did:jwk spec: no private key material)"
            )
        }
        if let use = jwk["use"], use.stringValue != "sig" && use.stringValue != "enc" {
            throw ResolutionError(.invalidPublicKey, "the JWK 'use' must be \"sig\" or \"enc\" (RFC 7517 §4.2)")
        }
    }
}
