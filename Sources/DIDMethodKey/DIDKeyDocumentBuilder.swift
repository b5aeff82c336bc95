// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto

/// The did:key Document Creation Algorithm with its Signature Method Creation, Encryption Method Creation and
/// Context Creation steps (did:key v0.7 §3.1.1–§3.1.5).
///
/// Everything that depends only on the options (which formats are allowed, the `@context` arrays) is decided once,
/// when the plan is made; building a document then only assembles ids and references (goal P1 of `Benchmarks/README.md`).
struct DIDKeyDocumentPlan: Sendable {
    /// The format of the signature method, or why the options allow none.
    private let signatureFormat: Result<VerificationMethodType, ResolutionError>
    /// The format of the key-agreement method, or why the options allow none.
    private let encryptionFormat: Result<VerificationMethodType, ResolutionError>
    /// Whether Ed25519 keys get a derived X25519 key-agreement method.
    private let deriveEncryptionKey: Bool
    /// `@context` for a document with a signature method only, with both, and with a key-agreement method only.
    private let signatureContext: JSONValue
    private let fullContext: JSONValue
    private let encryptionContext: JSONValue

    /// The formats the spec allows for signature methods when experimental types are off (§Signature Method
    /// Creation step 6).
    static let standardSignatureFormats: Set<VerificationMethodType> = [
        .multikey, .jsonWebKey2020, .ed25519VerificationKey2020,
    ]
    /// The formats the spec allows for encryption methods when experimental types are off (§Encryption Method
    /// Creation).
    static let standardEncryptionFormats: Set<VerificationMethodType> = [
        .multikey, .jsonWebKey2020, .x25519KeyAgreementKey2020,
    ]

    /// The JSON-LD context of each format this implementation produces (did:key v0.7 §Context Creation).
    static let contexts: [VerificationMethodType: String] = [
        .multikey: "https://w3id.org/security/multikey/v1",
        .jsonWebKey2020: "https://w3id.org/security/suites/jws-2020/v1",
        .ed25519VerificationKey2020: "https://w3id.org/security/suites/ed25519-2020/v1",
        .x25519KeyAgreementKey2020: "https://w3id.org/security/suites/x25519-2020/v1",
    ]

    /// Formats this implementation knows by name: the ones it produces plus older registry types it recognises but
    /// does not produce. A format outside this set is `unsupportedPublicKeyType` (§Signature Method Creation step 5).
    static let knownFormats: Set<VerificationMethodType> = Set(contexts.keys).union([
        .ed25519VerificationKey2018, .x25519KeyAgreementKey2019, .ecdsaSecp256k1VerificationKey2019, .jsonWebKey,
        "Bls12381G2Key2020", "P256Key2021",
    ])

    /// Makes the plan for a set of options.
    init(options: DIDKeyMethod.Options) {
        let signature = options.publicKeyFormat
        // §Encryption Method Creation: the signature format carries over, with the Ed25519-2020 suite mapped to its
        // X25519-2020 sibling.
        let encryption = signature == .ed25519VerificationKey2020 ? .x25519KeyAgreementKey2020 : signature
        let experimental = options.enableExperimentalPublicKeyTypes
        signatureFormat = Self.check(signature, allowed: Self.standardSignatureFormats, experimental: experimental)
        encryptionFormat = Self.check(encryption, allowed: Self.standardEncryptionFormats, experimental: experimental)
        deriveEncryptionKey = options.enableEncryptionKeyDerivation
        signatureContext = Self.context(options.defaultContext, formats: [signature])
        fullContext = Self.context(options.defaultContext, formats: [signature, encryption])
        encryptionContext = Self.context(options.defaultContext, formats: [encryption])
    }

    /// §Signature Method Creation steps 5–6 (and the same for §Encryption Method Creation).
    private static func check(
        _ format: VerificationMethodType,
        allowed: Set<VerificationMethodType>,
        experimental: Bool
    ) -> Result<VerificationMethodType, ResolutionError> {
        guard knownFormats.contains(format) else {
            return .failure(ResolutionError(.unsupportedPublicKeyType, "unknown publicKeyFormat '\(format)'"))
        }
        if !experimental && !allowed.contains(format) {
            let names = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            return .failure(
                ResolutionError(
                    .invalidPublicKeyType,
                    "publicKeyFormat '\(format)' is not one of \(names) (enable experimental public key types to use it)"
                )
            )
        }
        guard contexts[format] != nil else {
            return .failure(
                ResolutionError(.unsupportedPublicKeyType, "publicKeyFormat '\(format)' cannot be produced here")
            )
        }
        return .success(format)
    }

    /// §Context Creation: the default context, then each format's context once.
    private static func context(_ defaultContext: [String], formats: [VerificationMethodType]) -> JSONValue {
        var entries = defaultContext.map { JSONValue.string($0) }
        for format in formats {
            guard let context = contexts[format] else { continue }
            let value = JSONValue.string(context)
            if !entries.contains(value) { entries.append(value) }
        }
        return .array(entries)
    }

    /// The DID document of `did`, whose key is `publicKey` and whose multibase value is `multibaseValue`.
    func document(did: DID, multibaseValue: String, publicKey: PublicKey) throws(ResolutionError) -> DIDDocument {
        if publicKey.keyType == .x25519 {
            // An X25519 did:key carries a key-agreement key only (did:key v0.7 §Encryption Method Creation, upstream x25519.json).
            let format = try encryptionFormat.get()
            let method = verificationMethod(did: did, multibase: multibaseValue, key: publicKey, format: format)
            return DIDDocument(
                id: did,
                context: encryptionContext,
                verificationMethod: [method],
                keyAgreement: [.reference(method.id)]
            )
        }

        let format = try signatureFormat.get()
        if format == .ed25519VerificationKey2020 && publicKey.keyType != .ed25519 {
            throw ResolutionError(
                .invalidPublicKeyType,
                "publicKeyFormat '\(format)' cannot express a \(publicKey.keyType) key"
            )
        }
        let signatureMethod = verificationMethod(did: did, multibase: multibaseValue, key: publicKey, format: format)
        let references: [VerificationRelationship.Entry] = [.reference(signatureMethod.id)]
        var document = DIDDocument(
            id: did,
            context: signatureContext,
            verificationMethod: [signatureMethod],
            authentication: references,
            assertionMethod: references,
            capabilityInvocation: references,
            capabilityDelegation: references
        )
        if publicKey.keyType == .ed25519 && deriveEncryptionKey {
            let encryptionFormat = try encryptionFormat.get()
            let x25519: PublicKey
            do {
                x25519 = try publicKey.x25519FromEd25519()
            } catch {
                throw ResolutionError(.invalidPublicKey, "the Ed25519 key has no X25519 form: \(error.reason)")
            }
            let encryptionMethod = verificationMethod(
                did: did,
                multibase: x25519.multibaseRepresentation,
                key: x25519,
                format: encryptionFormat
            )
            document.verificationMethod.append(encryptionMethod)
            document.keyAgreement = [.reference(encryptionMethod.id)]
            document.context = fullContext
        }
        return document
    }

    /// §Signature Method Creation steps 4, 7 and 8: id `did#multibase`, type, controller, key material.
    private func verificationMethod(
        did: DID,
        multibase: String,
        key: PublicKey,
        format: VerificationMethodType
    ) -> VerificationMethod {
        let id = DIDKeyMethod.verificationMethodID(did: did, multibaseValue: multibase)
        if format == .jsonWebKey2020 {
            return VerificationMethod(id: id, type: format, controller: did, publicKeyJwk: key.jwkRepresentation)
        }
        return VerificationMethod(id: id, type: format, controller: did, publicKeyMultibase: multibase)
    }
}
