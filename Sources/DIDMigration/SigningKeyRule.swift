// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDCrypto

/// Which key may sign a bundle for its subject (IMB v0.1 §12), in one place: the producer asks it which
/// verification method a key signs as (``signer(for:subject:document:)``), the receiver asks it whether the
/// `proof.verificationMethod` of a bundle may sign (``authorize(_:subject:document:proof:algorithmKeyType:)``).
/// The producer's answer is, by construction, one the receiver authorises.
public enum SigningKeyRule {
    /// The proof a key signs the manifest with (§11).
    public enum ProofForm: Sendable, Hashable {
        /// Data Integrity `eddsa-jcs-2022` (§11.2), Ed25519 keys.
        case eddsaJcs2022
        /// `DetachedJws` (§11.3), secp256k1 (ES256K) and P-256 (ES256) keys.
        case detachedJWS

        /// The form a key of this type signs with, or `nil` when IMB v0.1 has none.
        /// - Parameter keyType: The key type.
        public init?(keyType: KeyType) {
            switch keyType {
            case .ed25519: self = .eddsaJcs2022
            case .secp256k1, .p256: self = .detachedJWS
            default: return nil
            }
        }

        /// The key types this form verifies with.
        var keyTypes: Set<KeyType> { self == .eddsaJcs2022 ? [.ed25519] : [.secp256k1, .p256] }
    }

    /// A key the rule lets sign for the subject.
    public struct Authorization: Sendable {
        /// `proof.verificationMethod`: the absolute DID URL of the key.
        public let verificationMethod: String
        /// The public key.
        public let key: PublicKey
        /// Qualifiers the signature carries: `host-attested` for a did:plc `#atproto` key, `provisional` for every
        /// did:plc subject (§13.5: the audit log is not fetched, so the recovery window is never ruled out).
        public let qualifiers: [MigrationQualifier]
    }

    /// Whether `verificationMethod` may sign a proof of form `proof` for `subject` (§12, §14.2 step 5): did:key —
    /// only `did:key:<mb>#<mb>` (§12.1); did:plc — `#migration` with `eddsa-jcs-2022`, `#atproto` with
    /// `DetachedJws` (§12.3); any other method — a key referenced from or embedded in `assertionMethod` (§12.2,
    /// §12.4). The key's type must match the proof (and the JWS `alg`, when given).
    /// - Parameters:
    ///   - verificationMethod: `proof.verificationMethod`.
    ///   - subject: `subject.id`.
    ///   - document: The subject's resolved DID document; not consulted for did:key.
    ///   - proof: The proof form.
    ///   - algorithmKeyType: The key type the JWS header's `alg` names, for `DetachedJws`.
    /// - Returns: The authorised key, or ``MigrationReason/vmNotSubject``, ``MigrationReason/keyNotAuthorized`` or
    ///   ``MigrationReason/keyTypeMismatch``.
    public static func authorize(
        _ verificationMethod: String,
        subject: DID,
        document: DIDDocument?,
        proof: ProofForm,
        algorithmKeyType: KeyType? = nil
    ) -> Result<Authorization, MigrationError> {
        let vm = verificationMethod
        guard let url = try? DIDURL(vm), url.did == subject, url.path.isEmpty, url.query == nil,
            let fragment = url.fragment
        else {
            return .failure(MigrationError(.vmNotSubject, "\(vm) is not a verification method of \(subject)"))
        }
        var key: PublicKey?
        var qualifiers: [MigrationQualifier] = []
        switch subject.method {
        case .key:
            guard fragment == subject.methodSpecificID else {
                return .failure(
                    MigrationError(.keyNotAuthorized, "a did:key signs only with #\(subject.methodSpecificID)")
                )
            }
            key = try? PublicKey(multibase: subject.methodSpecificID)
        case .plc:
            guard
                (fragment == "migration" && proof == .eddsaJcs2022) || (fragment == "atproto" && proof == .detachedJWS)
            else {
                return .failure(
                    MigrationError(
                        .keyNotAuthorized,
                        "did:plc allows #migration with eddsa-jcs-2022, #atproto with DetachedJws"
                    )
                )
            }
            if proof == .detachedJWS { qualifiers.append(.hostAttested) }
            qualifiers.append(.provisional)
        default:
            guard let document, document.isAuthorized(vm, for: .assertionMethod) else {
                return .failure(MigrationError(.keyNotAuthorized, "\(vm) is not listed under assertionMethod"))
            }
        }
        if key == nil, let method = document?.verificationMethod(withID: vm) {
            if let multibase = method.publicKeyMultibase {
                key = try? PublicKey(multibase: multibase)
            } else if let jwk = method.publicKeyJwk {
                key = try? PublicKey(jwk: jwk)
            }
        }
        guard let key else { return .failure(MigrationError(.keyNotAuthorized, "\(vm) has no usable public key")) }
        let allowed = algorithmKeyType.map { [$0] } ?? proof.keyTypes
        guard allowed.contains(key.keyType) else {
            let form = proof == .eddsaJcs2022 ? "eddsa-jcs-2022" : "DetachedJws"
            return .failure(
                MigrationError(.keyTypeMismatch, "a \(form) proof cannot use a \(key.keyType.rawValue) key")
            )
        }
        return .success(Authorization(verificationMethod: vm, key: key, qualifiers: qualifiers))
    }

    /// The verification method `key` signs as for `subject` (§12): the first of the subject's verification
    /// methods that holds `key` and that ``authorize(_:subject:document:proof:algorithmKeyType:)`` accepts.
    /// - Parameters:
    ///   - key: The signing key's public key.
    ///   - subject: `subject.id`.
    ///   - document: The subject's resolved DID document; `nil` for did:key.
    /// - Returns: The authorisation, whose ``Authorization/verificationMethod`` goes into `proof.verificationMethod`.
    /// - Throws: ``MigrationReason/keyTypeMismatch`` for a key type IMB v0.1 does not sign with,
    ///   ``MigrationReason/keyNotAuthorized`` when no verification method of the subject may sign with `key`.
    public static func signer(
        for key: PublicKey,
        subject: DID,
        document: DIDDocument?
    ) throws(MigrationError) -> Authorization {
        guard let proof = ProofForm(keyType: key.keyType) else {
            throw MigrationError(.keyTypeMismatch, "IMB v0.1 signs with Ed25519, secp256k1 or P-256 keys")
        }
        var candidates: [String] = []
        if subject.method == .key {
            candidates = ["\(subject)#\(subject.methodSpecificID)"]
        } else if let document {
            let methods = document.verificationMethods(for: .assertionMethod) + document.verificationMethod
            candidates = methods.map { $0.absoluteID(relativeTo: document.id) }
        }
        for candidate in candidates {
            if case .success(let authorization) = authorize(
                candidate,
                subject: subject,
                document: document,
                proof: proof
            ),
                authorization.key == key
            {
                return authorization
            }
        }
        throw MigrationError(.keyNotAuthorized, "no verification method of \(subject) may sign with this key (IMB §12)")
    }
}
