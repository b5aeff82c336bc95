// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto

/// Builds the DID document of one did:key: the did:key Document Creation Algorithm with its Signature Method
/// Creation, Encryption Method Creation and Context Creation steps (did:key v0.7 §3.1.1–§3.1.5; specs.md §2.2–2.5).
struct DIDKeyDocumentBuilder {
    let did: DID
    let multibaseValue: Substring
    let options: DIDKeyMethod.Options

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

    /// The JSON-LD context of each format this implementation produces (§Context Creation; specs.md §2.5).
    static let contexts: [VerificationMethodType: String] = [
        .multikey: "https://w3id.org/security/multikey/v1",
        .jsonWebKey2020: "https://w3id.org/security/suites/jws-2020/v1",
        .ed25519VerificationKey2020: "https://w3id.org/security/suites/ed25519-2020/v1",
        .x25519KeyAgreementKey2020: "https://w3id.org/security/suites/x25519-2020/v1",
    ]

    /// The whole document.
    func document(for publicKey: PublicKey) throws(ResolutionError) -> DIDDocument {
        var document = DIDDocument(id: did)
        if publicKey.keyType == .x25519 {
            // An X25519 did:key carries a key-agreement key only (specs.md §15.4, upstream x25519.json).
            let format = try encryptionFormat()
            let method = try verificationMethod(
                multibase: String(multibaseValue),
                key: publicKey,
                format: format
            )
            document.verificationMethod = [method]
            document.keyAgreement = [.reference(method.id)]
            document.context = context(for: [format])
            return document
        }

        let format = try signatureFormat(for: publicKey.keyType)
        let signatureMethod = try verificationMethod(multibase: String(multibaseValue), key: publicKey, format: format)
        let reference = VerificationRelationship.Entry.reference(signatureMethod.id)
        document.verificationMethod = [signatureMethod]
        document.authentication = [reference]
        document.assertionMethod = [reference]
        document.capabilityInvocation = [reference]
        document.capabilityDelegation = [reference]
        var formats = [format]

        if publicKey.keyType == .ed25519 && options.enableEncryptionKeyDerivation {
            let encryptionFormat = try encryptionFormat()
            let x25519: PublicKey
            do {
                x25519 = try publicKey.x25519FromEd25519()
            } catch {
                throw ResolutionError(.invalidPublicKey, "the Ed25519 key has no X25519 form: \(error.reason)")
            }
            let encryptionMethod = try verificationMethod(
                multibase: x25519.multibaseRepresentation,
                key: x25519,
                format: encryptionFormat
            )
            document.verificationMethod.append(encryptionMethod)
            document.keyAgreement = [.reference(encryptionMethod.id)]
            formats.append(encryptionFormat)
        }
        document.context = context(for: formats)
        return document
    }

    /// Formats this implementation knows by name: the ones it produces plus older registry types it recognises but
    /// does not produce. A format outside this set is `unsupportedPublicKeyType` (§Signature Method Creation step 5).
    static let knownFormats: Set<VerificationMethodType> = Set(contexts.keys).union([
        .ed25519VerificationKey2018, .x25519KeyAgreementKey2019, .ecdsaSecp256k1VerificationKey2019, .jsonWebKey,
        "Bls12381G2Key2020", "P256Key2021",
    ])

    /// §Signature Method Creation steps 5–6 (and the same for §Encryption Method Creation).
    private func check(_ format: VerificationMethodType, allowed: Set<VerificationMethodType>) throws(ResolutionError) {
        guard Self.knownFormats.contains(format) else {
            throw ResolutionError(.unsupportedPublicKeyType, "unknown publicKeyFormat '\(format)'")
        }
        if !options.enableExperimentalPublicKeyTypes && !allowed.contains(format) {
            throw ResolutionError(
                .invalidPublicKeyType,
                "publicKeyFormat '\(format)' is not one of \(allowed.map(\.rawValue).sorted().joined(separator: ", "))"
                    + " (enable experimental public key types to use it)"
            )
        }
        guard Self.contexts[format] != nil else {
            throw ResolutionError(.unsupportedPublicKeyType, "publicKeyFormat '\(format)' cannot be produced here")
        }
    }

    /// The signature method's format for a key type.
    private func signatureFormat(for keyType: KeyType) throws(ResolutionError) -> VerificationMethodType {
        let format = options.publicKeyFormat
        try check(format, allowed: Self.standardSignatureFormats)
        if format == .ed25519VerificationKey2020 && keyType != .ed25519 || format == .x25519KeyAgreementKey2020 {
            throw ResolutionError(.invalidPublicKeyType, "publicKeyFormat '\(format)' cannot express a \(keyType) key")
        }
        return format
    }

    /// §Encryption Method Creation: the signature format carries over, with the Ed25519-2020 suite mapped to its
    /// X25519-2020 sibling.
    private func encryptionFormat() throws(ResolutionError) -> VerificationMethodType {
        var format = options.publicKeyFormat
        if format == .ed25519VerificationKey2020 { format = .x25519KeyAgreementKey2020 }
        try check(format, allowed: Self.standardEncryptionFormats)
        return format
    }

    /// §Signature Method Creation steps 4, 7 and 8: id `did#multibase`, type, controller, key material.
    private func verificationMethod(
        multibase: String,
        key: PublicKey,
        format: VerificationMethodType
    ) throws(ResolutionError) -> VerificationMethod {
        let id = did.description + "#" + multibase
        if format == .jsonWebKey2020 {
            return VerificationMethod(id: id, type: format, controller: did, publicKeyJwk: key.jwkRepresentation)
        }
        return VerificationMethod(id: id, type: format, controller: did, publicKeyMultibase: multibase)
    }

    /// §Context Creation: the default context, then each format's context once.
    private func context(for formats: [VerificationMethodType]) -> JSONValue {
        var entries = options.defaultContext.map { JSONValue.string($0) }
        for format in formats {
            guard let context = Self.contexts[format] else { continue }
            let value = JSONValue.string(context)
            if !entries.contains(value) { entries.append(value) }
        }
        return .array(entries)
    }
}
