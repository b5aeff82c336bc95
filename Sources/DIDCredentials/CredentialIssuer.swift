// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDCrypto
public import Foundation

/// How an issued credential or presentation is secured.
public enum SecuringFormat: Sendable, Hashable {
    /// A Data Integrity proof made with this cryptosuite (VC Data Integrity 1.0 §4.2 "Add Proof").
    case dataIntegrity(Cryptosuite)
    /// VC-JOSE-COSE: the document is the JWS payload, `typ` `vc+jwt` / `vp+jwt` (VC-JOSE-COSE §3.1). The JWT
    /// format for VC Data Model 2.0.
    case joseCose
    /// VC Data Model 1.1 §6.3.1: registered claims plus a `vc` / `vp` claim, `typ` `JWT`. For 1.1 documents only.
    case vcJWT11

    /// The format a presentation signed with a key of this type gets when none is asked for: Data Integrity with
    /// the key's JCS suite (eddsa-jcs-2022 for Ed25519, ecdsa-jcs-2019 for P-256 and P-384), else `vp+jwt`.
    /// - Parameter keyType: The signing key's type.
    /// - Returns: The format.
    public static func presentationDefault(for keyType: KeyType) -> SecuringFormat {
        if let suite = Cryptosuite.implemented.first(where: { $0.keyTypes.contains(keyType) }) {
            return .dataIntegrity(suite)
        }
        return .joseCose
    }
}

/// The key that signs, and the verification method verifiers will find its public key under.
public struct IssuanceSigner: Sendable {
    /// The private key.
    public let key: PrivateKey
    /// The absolute DID URL of the key's verification method; its DID is the signer's controller.
    public let verificationMethod: DIDURL

    /// Pairs a key with its verification method.
    /// - Parameters:
    ///   - key: The private key.
    ///   - verificationMethod: The absolute DID URL of the key's verification method (`did:…#fragment`).
    /// - Throws: ``CredentialError/Code/invalidKey`` when `verificationMethod` is not a DID URL with a fragment.
    public init(key: PrivateKey, verificationMethod: String) throws(CredentialError) {
        let url: DIDURL
        do {
            url = try DIDURL(verificationMethod)
        } catch {
            throw CredentialError(.invalidKey, "verification method '\(verificationMethod)' is not a DID URL")
        }
        guard url.fragment != nil else {
            throw CredentialError(.invalidKey, "verification method '\(verificationMethod)' has no fragment")
        }
        self.key = key
        self.verificationMethod = url
    }
}

/// Issues credentials and presentations that the verifiers of this module accept: it fills in the defaults, keeps
/// every property the caller set, applies the format rules, and checks the signing verification method against the
/// issuer's (holder's) DID document before signing (VC Data Integrity 1.0 §4 "Retrieve Verification Method";
/// Controlled Identifiers 1.0 §3.3).
public struct CredentialIssuer: Sendable {
    /// Resolves the issuer's or holder's DID.
    public let resolver: any DIDResolver
    /// The clock that dates the document (`validFrom`, `issuanceDate`) and the proof (`created`).
    public let clock: @Sendable () -> Date

    /// Creates an issuer.
    /// - Parameters:
    ///   - resolver: Resolves the issuer's or holder's DID.
    ///   - clock: The current time; the system clock by default.
    public init(resolver: some DIDResolver, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.resolver = resolver
        self.clock = clock
    }

    /// Secures a credential.
    ///
    /// An absent `issuer` becomes the signer's DID; an absent `validFrom` (`issuanceDate` for a VC Data Model 1.1
    /// credential) becomes now. Everything else is signed as given.
    /// - Parameters:
    ///   - credential: The unsecured credential.
    ///   - format: How to secure it.
    ///   - signer: The key and its verification method.
    /// - Returns: The secured credential.
    /// - Throws: ``CredentialError`` with ``CredentialError/Code/keyNotAuthorized`` when the verification method is
    ///   not the issuer's or not under the issuer's `assertionMethod` (or the issuer cannot be resolved),
    ///   ``CredentialError/Code/malformedDocument`` for VC-JWT 1.1 with a VC Data Model 2.0 credential or an issuer
    ///   without an id, ``CredentialError/Code/invalidKey`` when the key does not fit the cryptosuite.
    public func issue(
        credential: JSONObject,
        format: SecuringFormat,
        signer: IssuanceSigner
    ) async throws(CredentialError) -> SecuredDocument {
        var credential = credential
        let now = clock()
        if credential["issuer"] == nil { credential["issuer"] = .string(signer.verificationMethod.did.description) }
        let version = VerifiableCredential(json: credential).version
        let dateMember = version == .v1_1 ? "issuanceDate" : "validFrom"
        if credential[dateMember] == nil { credential[dateMember] = .string(DateTime(now).text) }
        try Self.check(format, version: version, key: signer.key)
        guard let issuer = VerifiableCredential(json: credential).issuer else {
            throw CredentialError(
                .malformedDocument,
                "the issuer is neither a URL nor an object with an id (VC Data Model 2.0 §4.7)"
            )
        }
        try await authorize(signer, as: "issuer", controller: issuer, for: .assertionMethod)
        switch format {
        case .dataIntegrity(let suite):
            let options = ProofOptions(
                cryptosuite: suite,
                verificationMethod: signer.verificationMethod.description,
                created: now
            )
            return .json(try DataIntegrity.addProof(to: credential, options: options, key: signer.key))
        case .joseCose, .vcJWT11:
            return .jwt(
                try JOSE.secure(
                    credential: credential,
                    encoding: format == .joseCose ? .joseCose : .vcJWT11,
                    key: signer.key,
                    keyID: signer.verificationMethod.description
                )
            )
        }
    }

    /// Presents credentials: a VC Data Model 2.0 presentation whose holder is the signer's DID, holding the JSON
    /// credentials as they are and JWT ones as `EnvelopedVerifiableCredential`s (VC Data Model 2.0 §4.13.1),
    /// secured for `authentication`.
    /// - Parameters:
    ///   - credentials: The secured credentials.
    ///   - format: How to secure the presentation; ``SecuringFormat/presentationDefault(for:)`` when `nil`.
    ///   - signer: The holder's key and its verification method.
    ///   - challenge: The verifier's challenge (Data Integrity `challenge`, JWT `nonce`).
    ///   - domain: The verifier's domain (Data Integrity `domain`, JWT `aud`).
    /// - Returns: The secured presentation.
    /// - Throws: ``CredentialError`` with ``CredentialError/Code/keyNotAuthorized`` when the verification method is
    ///   not under the holder's `authentication`, ``CredentialError/Code/malformedDocument`` for VC-JWT 1.1 (the
    ///   presentation is a 2.0 one), ``CredentialError/Code/invalidKey`` when the key does not fit the cryptosuite.
    public func present(
        _ credentials: [SecuredDocument],
        format: SecuringFormat? = nil,
        signer: IssuanceSigner,
        challenge: String? = nil,
        domain: String? = nil
    ) async throws(CredentialError) -> SecuredDocument {
        let holder = signer.verificationMethod.did.description
        var presentation: JSONObject = [
            "@context": [.string(DataModelValidation.v2Context)],
            "type": ["VerifiablePresentation"],
            "holder": .string(holder),
        ]
        let embedded = credentials.map { credential -> JSONValue in
            switch credential {
            case .json(let object):
                return .object(object)
            case .jwt(let compact):
                return [
                    "@context": .string(DataModelValidation.v2Context),
                    "id": .string("data:\(JOSE.credentialMediaType),\(compact)"),
                    "type": "EnvelopedVerifiableCredential",
                ]
            }
        }
        if !embedded.isEmpty { presentation["verifiableCredential"] = .array(embedded) }
        let format = format ?? .presentationDefault(for: signer.key.keyType)
        try Self.check(format, version: .v2, key: signer.key, what: "presentation")
        try await authorize(signer, as: "holder", controller: holder, for: .authentication)
        switch format {
        case .dataIntegrity(let suite):
            let options = ProofOptions(
                cryptosuite: suite,
                verificationMethod: signer.verificationMethod.description,
                proofPurpose: .authentication,
                created: clock(),
                domain: domain.map { [$0] },
                challenge: challenge
            )
            return .json(try DataIntegrity.addProof(to: presentation, options: options, key: signer.key))
        case .joseCose, .vcJWT11:
            return .jwt(
                try JOSE.secure(
                    presentation: presentation,
                    key: signer.key,
                    keyID: signer.verificationMethod.description,
                    audience: domain,
                    nonce: challenge
                )
            )
        }
    }

    /// The format rules: a Data Integrity suite must accept the key type; VC-JWT 1.1 carries only VC Data Model
    /// 1.1 documents, which VC-JWT 1.1 verifiers check by their context (VC Data Model 1.1 §6.3.1, §4.1).
    private static func check(
        _ format: SecuringFormat,
        version: VerifiableCredential.Version,
        key: PrivateKey,
        what: String = "credential"
    ) throws(CredentialError) {
        switch format {
        case .dataIntegrity(let suite):
            guard suite.keyTypes.contains(key.keyType) else {
                throw CredentialError(.invalidKey, "\(suite.name) cannot sign with a \(key.keyType) key")
            }
        case .vcJWT11:
            guard version == .v1_1 else {
                throw CredentialError(
                    .malformedDocument,
                    "VC-JWT 1.1 (jwt-1.1) carries only VC Data Model 1.1 documents and verifiers reject a 2.0 "
                        + "context; secure a VC Data Model 2.0 \(what) as vc-jwt (VC-JOSE-COSE)"
                )
            }
        case .joseCose:
            break
        }
    }

    /// Refuses a verification method that verifiers would not accept for `controller`: it must be the controller's
    /// own, listed under `relationship` in the controller's resolved document, with the signing key's public key
    /// (Controlled Identifiers 1.0 §3.3; VC Data Integrity 1.0 §4).
    private func authorize(
        _ signer: IssuanceSigner,
        as role: String,
        controller: String,
        for relationship: VerificationRelationship
    ) async throws(CredentialError) {
        let method = signer.verificationMethod.description
        guard signer.verificationMethod.did.description == controller else {
            throw CredentialError(
                .keyNotAuthorized,
                "verification method \(method) is not a key of the \(role) \(controller)"
            )
        }
        switch await VerificationMethodRetrieval.retrieve(method, for: relationship, resolver: resolver) {
        case .failure(let problem):
            throw CredentialError(
                .keyNotAuthorized,
                "verification method \(method) cannot sign for the \(role) \(controller): \(problem.reason)"
            )
        case .success(let retrieved):
            guard retrieved.key == signer.key.publicKey else {
                throw CredentialError(
                    .keyNotAuthorized,
                    "verification method \(method) of the \(role) \(controller) has a different public key"
                )
            }
        }
    }
}
