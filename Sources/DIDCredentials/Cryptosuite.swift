// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDCrypto

/// A Data Integrity cryptosuite: how a document and a proof configuration become the bytes that are signed.
///
/// An open set (a struct with static members): ``eddsaJcs2022`` and ``ecdsaJcs2019`` are built in; a suite such as
/// `eddsa-rdfc-2022` joins by supplying its canonicalization (RDFC-1.0) and context rule to
/// ``init(name:keyTypes:proofContext:canonicalize:hash:)``. Suites compare by ``name``.
///
/// Spec: Data Integrity 1.0 §3 (cryptosuites), vc-di-eddsa §3.3, vc-di-ecdsa §3.3.
public struct Cryptosuite: Sendable, Hashable, CustomStringConvertible {
    /// How the document's `@context` takes part in the proof configuration.
    public enum ProofContextRule: Sendable, Hashable {
        /// JCS suites: Create Proof copies the document's `@context` into the proof, where it is signed and kept
        /// (vc-di-eddsa §3.3.1 step 2; vc-di-ecdsa §3.3.1).
        case copiedIntoProof
        /// RDFC suites: the document's `@context` is set on the proof configuration only while canonicalizing it;
        /// the emitted proof has none (vc-di-eddsa §3.2.5).
        case documentContextForCanonicalization
    }

    /// The `cryptosuite` string, such as `eddsa-jcs-2022`.
    public let name: String
    /// The key types a verification method must have for this suite.
    public let keyTypes: Set<KeyType>
    /// How the document's `@context` takes part in the proof configuration.
    public let proofContext: ProofContextRule
    private let canonicalizer: @Sendable (JSONObject) throws(CredentialError) -> [UInt8]
    private let hasher: @Sendable (KeyType, [UInt8]) -> [UInt8]

    /// Creates a cryptosuite.
    /// - Parameters:
    ///   - name: The `cryptosuite` string.
    ///   - keyTypes: The key types it signs with.
    ///   - proofContext: How the document's `@context` takes part in the proof configuration.
    ///   - canonicalize: The transformation of a document or proof configuration to the bytes that are hashed.
    ///   - hash: The hash of canonical bytes for a key type (SHA-256 for Ed25519 and P-256, SHA-384 for P-384).
    public init(
        name: String,
        keyTypes: Set<KeyType>,
        proofContext: ProofContextRule,
        canonicalize: @escaping @Sendable (JSONObject) throws(CredentialError) -> [UInt8],
        hash: @escaping @Sendable (KeyType, [UInt8]) -> [UInt8]
    ) {
        self.name = name
        self.keyTypes = keyTypes
        self.proofContext = proofContext
        self.canonicalizer = canonicalize
        self.hasher = hash
    }

    /// The name.
    public var description: String { name }

    /// Suites compare by name.
    public static func == (lhs: Cryptosuite, rhs: Cryptosuite) -> Bool { lhs.name == rhs.name }

    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// `eddsa-jcs-2022` (vc-di-eddsa §3.3): RFC 8785 JCS, SHA-256, Ed25519 (RFC 8032), Multikey `z6Mk…` keys.
    public static let eddsaJcs2022 = Cryptosuite(
        name: "eddsa-jcs-2022",
        keyTypes: [.ed25519],
        proofContext: .copiedIntoProof,
        canonicalize: jcs,
        hash: { _, bytes in Digest.sha256(bytes) }
    )

    /// `ecdsa-jcs-2019` (vc-di-ecdsa §3.3): RFC 8785 JCS; P-256 with SHA-256 or P-384 with SHA-384; the signature is
    /// IEEE P1363 r ‖ s of ECDSA over the concatenated hashes.
    public static let ecdsaJcs2019 = Cryptosuite(
        name: "ecdsa-jcs-2019",
        keyTypes: [.p256, .p384],
        proofContext: .copiedIntoProof,
        canonicalize: jcs,
        hash: { keyType, bytes in keyType == .p384 ? Digest.sha384(bytes) : Digest.sha256(bytes) }
    )

    /// The suites this library implements, looked up by name when verifying.
    public static let implemented: [Cryptosuite] = [.eddsaJcs2022, .ecdsaJcs2019]

    /// Suites that are specified but not implemented here; proofs using them are reported as
    /// ``VerificationProblem/Kind/unsupportedCryptosuite``.
    public static let knownUnimplementedNames: Set<String> = ["eddsa-rdfc-2022", "ecdsa-rdfc-2019", "ecdsa-sd-2023"]

    /// RFC 8785 JCS of an object.
    private static func jcs(_ object: JSONObject) throws(CredentialError) -> [UInt8] {
        do {
            return try JSONValue.object(object).serialized(.canonical)
        } catch {
            throw CredentialError(.invalidJSON, "cannot canonicalize (RFC 8785): \(error.reason)")
        }
    }

    /// The bytes of one Data Integrity proof: canonical forms, their hashes and `hashData`.
    public struct SigningInput: Sendable, Hashable {
        /// The canonical proof configuration (vc-di-eddsa §3.3.5).
        public let canonicalProofConfiguration: [UInt8]
        /// The canonical document without its proof (the transformed data, vc-di-eddsa §3.3.3).
        public let canonicalDocument: [UInt8]
        /// The hash of ``canonicalProofConfiguration``.
        public let proofConfigurationHash: [UInt8]
        /// The hash of ``canonicalDocument``.
        public let documentHash: [UInt8]
        /// The signed bytes: the proof configuration hash followed by the document hash (vc-di-eddsa §3.3.4).
        public var hashData: [UInt8] { proofConfigurationHash + documentHash }
    }

    /// Computes the bytes a proof signs (vc-di-eddsa §3.3.3–3.3.5, vc-di-ecdsa §3.3.3–3.3.5).
    ///
    /// Checks the proof configuration first: `type` must be `DataIntegrityProof`, `cryptosuite` this suite, and
    /// `created`/`expires`, when present, valid dateTimes.
    /// - Parameters:
    ///   - document: The unsecured document (no `proof`; for a chained proof, `proof` holds the previous proofs).
    ///   - proofConfiguration: The proof options without `proofValue` (with `@context` for JCS suites).
    ///   - keyType: The signing key's type, which picks the hash for ECDSA suites.
    /// - Returns: The canonical forms, hashes and `hashData`.
    /// - Throws: ``CredentialError/Code/proofGeneration`` for a bad proof configuration,
    ///   ``CredentialError/Code/invalidJSON`` when a value cannot be canonicalized.
    public func signingInput(
        document: JSONObject,
        proofConfiguration: JSONObject,
        keyType: KeyType
    ) throws(CredentialError) -> SigningInput {
        guard proofConfiguration["type"] == .string("DataIntegrityProof") else {
            throw CredentialError(.proofGeneration, "the proof type must be DataIntegrityProof")
        }
        guard proofConfiguration["cryptosuite"] == .string(name) else {
            throw CredentialError(.proofGeneration, "the proof cryptosuite must be \(name)")
        }
        for member in ["created", "expires"] {
            if let value = proofConfiguration[member] {
                guard let text = value.stringValue, (try? DateTime(text, rules: .xmlSchemaDateTime)) != nil
                else {
                    throw CredentialError(.proofGeneration, "the proof's \(member) is not an XML Schema dateTime")
                }
            }
        }
        var configuration = proofConfiguration
        if proofContext == .documentContextForCanonicalization {
            configuration["@context"] = document["@context"]
        }
        let canonicalConfiguration = try canonicalizer(configuration)
        let canonicalDocument = try canonicalizer(document)
        return SigningInput(
            canonicalProofConfiguration: canonicalConfiguration,
            canonicalDocument: canonicalDocument,
            proofConfigurationHash: hasher(keyType, canonicalConfiguration),
            documentHash: hasher(keyType, canonicalDocument)
        )
    }
}
