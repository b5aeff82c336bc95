// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDCrypto

/// The did:key method: a DID that is a public key, and a DID document expanded from it
/// (w3c-ccg did-method-key v0.7).
///
/// Create builds the DID from a key (``did(for:)``); Read expands a DID into its document without any I/O
/// (``document(for:options:)``); Update and Deactivate do not exist for did:key. The key type is always chosen by decoding
/// the multicodec header, never by string prefix.
///
/// The default profile (did:key v0.7 §Context Creation): `Multikey` verification methods, context
/// `["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]`, and for Ed25519 an X25519
/// key-agreement key derived with the birational map of RFC 7748 §4.1. X25519 did:keys get a key-agreement
/// method only.
public struct DIDKeyMethod: DIDMethodResolver {
    /// The options of the did:key Document Creation Algorithm (did:key §Document Creation Algorithm).
    public struct Options: Sendable, Hashable {
        /// How verification methods express their key (`options.publicKeyFormat`).
        public var publicKeyFormat: VerificationMethodType
        /// Whether an Ed25519 did:key gets a derived X25519 key-agreement method
        /// (`options.enableEncryptionKeyDerivation`).
        public var enableEncryptionKeyDerivation: Bool
        /// Whether formats outside the spec's list are allowed (`options.enableExperimentalPublicKeyTypes`).
        public var enableExperimentalPublicKeyTypes: Bool
        /// The first `@context` entries (`options.defaultContext`); the key formats' contexts follow them.
        public var defaultContext: [String]

        /// Creates options; the defaults are the project profile (did:key v0.7 §Context Creation).
        /// - Parameters:
        ///   - publicKeyFormat: How verification methods express their key.
        ///   - enableEncryptionKeyDerivation: Whether Ed25519 keys get a derived X25519 key-agreement method.
        ///   - enableExperimentalPublicKeyTypes: Whether formats outside the spec's list are allowed.
        ///   - defaultContext: The first `@context` entries.
        public init(
            publicKeyFormat: VerificationMethodType = .multikey,
            enableEncryptionKeyDerivation: Bool = true,
            enableExperimentalPublicKeyTypes: Bool = false,
            defaultContext: [String] = ["https://www.w3.org/ns/did/v1"]
        ) {
            self.publicKeyFormat = publicKeyFormat
            self.enableEncryptionKeyDerivation = enableEncryptionKeyDerivation
            self.enableExperimentalPublicKeyTypes = enableExperimentalPublicKeyTypes
            self.defaultContext = defaultContext
        }
    }

    /// The key types a did:key can carry here, by multicodec (multicodec `table.csv`).
    static let supportedCodecs: [UInt64: KeyType] = [
        Multicodec.ed25519Pub.code: .ed25519,
        Multicodec.x25519Pub.code: .x25519,
        Multicodec.secp256k1Pub.code: .secp256k1,
        Multicodec.p256Pub.code: .p256,
        Multicodec.p384Pub.code: .p384,
        Multicodec.p521Pub.code: .p521,
    ]

    /// The options used when a call does not give its own.
    public let options: Options

    /// The creation decisions for ``options``, made once.
    private let plan: DIDKeyDocumentPlan

    /// `DID.Method.key`.
    public var method: DID.Method { .key }

    /// Creates the method.
    /// - Parameter options: The Document Creation options used by default.
    public init(options: Options = Options()) {
        self.options = options
        self.plan = DIDKeyDocumentPlan(options: options)
    }

    /// The did:key of a public key: `did:key:` + multibase(base58btc, multicodec(type, raw key))
    /// (did:key §Format).
    /// - Parameter publicKey: An Ed25519, X25519, secp256k1, P-256, P-384 or P-521 public key.
    /// - Returns: The DID.
    public static func did(for publicKey: PublicKey) -> DID {
        // A multibase base58btc string is always a valid method-specific id.
        try! DID(method: .key, methodSpecificID: publicKey.multibaseRepresentation)
    }

    /// The id of the verification method a did:key signs with: the DID, `#`, and the DID's multibase value
    /// (`did:key:z…#z…`; did:key §Signature Method Creation step 4).
    /// - Parameter publicKey: The key; its did:key is ``did(for:)``.
    /// - Returns: The absolute DID URL of the key's verification method.
    public static func verificationMethodID(for publicKey: PublicKey) -> String {
        verificationMethodID(did: did(for: publicKey), multibaseValue: publicKey.multibaseRepresentation)
    }

    /// The id of the verification method a did:key signs with (did:key §Signature Method Creation step 4); a
    /// versioned did:key (`did:key:1:z…`) keeps its version in the DID and has only the multibase value as fragment.
    /// - Parameter did: A did:key DID.
    /// - Returns: The absolute DID URL of the key's verification method.
    /// - Throws: `ResolutionError` with the did:key error codes when `did` is not a usable did:key.
    public static func verificationMethodID(of did: DID) throws(ResolutionError) -> String {
        verificationMethodID(did: did, multibaseValue: try decode(did).multibaseValue)
    }

    /// `did#multibaseValue`, the id every did:key verification method has.
    static func verificationMethodID(did: DID, multibaseValue: String) -> String {
        did.description + "#" + multibaseValue
    }

    /// Decodes the public key a did:key carries (did:key §Decode Public Key, §Signature Method Creation steps 1–3).
    /// - Parameter did: A did:key DID.
    /// - Returns: The public key.
    /// - Throws: `ResolutionError` with `invalidDid`, `methodNotSupported`, `invalidPublicKeyType`,
    ///   `invalidPublicKeyLength` or `invalidPublicKey` (did:key v0.7 §3.1 error conditions).
    public static func publicKey(of did: DID) throws(ResolutionError) -> PublicKey {
        try decode(did).publicKey
    }

    /// Expands a did:key into its DID document (did:key §Document Creation Algorithm).
    /// - Parameters:
    ///   - did: A did:key DID.
    ///   - options: Creation options; `nil` uses the method's ``options``.
    /// - Returns: The DID document.
    /// - Throws: `ResolutionError` with the did:key error codes (did:key v0.7 §3.1).
    public func document(for did: DID, options: Options? = nil) throws(ResolutionError) -> DIDDocument {
        let plan = options.map(DIDKeyDocumentPlan.init) ?? self.plan
        let decoded = try Self.decode(did)
        return try plan.document(did: did, multibaseValue: decoded.multibaseValue, publicKey: decoded.publicKey)
    }

    /// Resolves a did:key (DID Core 1.0 §7.1 `resolve`).
    ///
    /// The resolution options may carry the did:key creation options as extra members: `publicKeyFormat`
    /// (a type string), `enableEncryptionKeyDerivation` and `enableExperimentalPublicKeyTypes` (booleans),
    /// `defaultContext` (an array of strings).
    /// - Parameters:
    ///   - did: The DID to resolve.
    ///   - options: Resolution options.
    /// - Returns: The resolution result with the document and empty document metadata.
    /// - Throws: `ResolutionError` when the DID is not a did:key, is malformed, or its key is not usable.
    public func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        try resolveSynchronously(did, options: options)
    }

    /// ``resolve(_:options:)`` without the `async` hop: did:key needs no I/O.
    /// - Parameters:
    ///   - did: The DID to resolve.
    ///   - options: Resolution options.
    /// - Returns: The resolution result.
    /// - Throws: `ResolutionError` as ``resolve(_:options:)``.
    public func resolveSynchronously(
        _ did: DID,
        options: ResolutionOptions
    ) throws(ResolutionError)
        -> ResolutionResult
    {
        // Resolution options rarely carry creation options: then the prepared plan serves.
        let creationOptions =
            options.additionalProperties.isEmpty ? nil : try Options(resolutionOptions: options, defaults: self.options)
        return ResolutionResult(didDocument: try document(for: did, options: creationOptions))
    }

    /// A did:key's key and its multibase value.
    struct Decoded {
        let publicKey: PublicKey
        /// The multibase value (`z…`), the fragment of the key's verification method.
        let multibaseValue: String
    }

    /// did:key §Document Creation Algorithm steps 2–3 and §Decode Public Key.
    ///
    /// Works on the DID's UTF-8 bytes: this is the hot path of every did:key resolution (goal P1 of `Benchmarks/README.md`).
    static func decode(_ did: DID) throws(ResolutionError) -> Decoded {
        guard did.method == .key else {
            throw ResolutionError(.methodNotSupported, "did:key cannot resolve a did:\(did.method) DID")
        }
        var text = did.description
        let outcome = text.withUTF8 { utf8 in
            Result { () throws(ResolutionError) -> Decoded in try decode(utf8: utf8, did: did) }
        }
        return try outcome.get()
    }

    private static func decode(utf8: UnsafeBufferPointer<UInt8>, did: DID) throws(ResolutionError) -> Decoded {
        let colon = UInt8(ascii: ":")
        // "did:key:" is 8 bytes; the method-specific id follows.
        var start = 8
        if let versionEnd = utf8[start...].firstIndex(of: colon) {
            // did:key:<version>:<multibase>: the version must be a positive integer (step 3).
            let version = String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<versionEnd]), as: UTF8.self)
            guard let number = Int(version), number > 0, version.first != "+" else {
                throw ResolutionError(.invalidDid, "the did:key version '\(version)' is not a positive integer")
            }
            guard !utf8[(versionEnd + 1)...].contains(colon) else {
                throw ResolutionError(.invalidDid, "a did:key has at most a version and a multibase value")
            }
            start = versionEnd + 1
        }
        guard start < utf8.count, utf8[start] == UInt8(ascii: "z") else {
            throw ResolutionError(.invalidDid, "the did:key value must be base58btc multibase, starting with 'z'")
        }
        let bytes: [UInt8]
        do {
            bytes = try Base58BTC.decode(utf8: UnsafeBufferPointer(rebasing: utf8[(start + 1)...]))
        } catch {
            throw ResolutionError(.invalidDid, "the did:key value is not base58btc: \(error.reason)")
        }
        let code: UInt64
        let headerLength: Int
        do {
            (code, headerLength) = try Varint.decode(bytes)
        } catch {
            throw ResolutionError(.invalidDid, "the did:key value has a malformed multicodec header: \(error.reason)")
        }
        guard let keyType = supportedCodecs[code] else {
            let codec = Multicodec.known(code: code) ?? Multicodec(code: code, name: "0x" + String(code, radix: 16))
            let what =
                codec.isPrivateKey
                ? "a private key header (\(codec.name)) where a public key is expected"
                : "an unsupported key type (\(codec.name))"
            throw ResolutionError(.invalidPublicKeyType, "the did:key value has \(what)")
        }
        let body = bytes[headerLength...]
        guard body.count == keyType.publicKeyLength else {
            throw ResolutionError(
                .invalidPublicKeyLength,
                "the \(keyType.publicKeyMulticodec.name) key must be \(keyType.publicKeyLength) bytes, "
                    + "this one is \(body.count)"
            )
        }
        let key: PublicKey
        do {
            key = try PublicKey(keyType: keyType, rawRepresentation: body)
        } catch {
            throw ResolutionError(
                .invalidPublicKey,
                "the did:key value is not a valid \(keyType.publicKeyMulticodec.name): \(error.reason)"
            )
        }
        let multibaseValue =
            start == 8
            ? did.methodSpecificID
            : String(decoding: UnsafeBufferPointer(rebasing: utf8[start...]), as: UTF8.self)
        return Decoded(publicKey: key, multibaseValue: multibaseValue)
    }
}

extension DIDKeyMethod.Options {
    /// Reads the did:key creation options from resolution options, falling back to `defaults`.
    /// - Throws: `unsupportedPublicKeyType` for an unknown `publicKeyFormat`, `invalidOptions` for a wrong type.
    init(resolutionOptions: ResolutionOptions, defaults: DIDKeyMethod.Options) throws(ResolutionError) {
        self = defaults
        let extra = resolutionOptions.additionalProperties
        if let value = extra["publicKeyFormat"] {
            guard let name = value.stringValue else {
                throw ResolutionError(.invalidOptions, "publicKeyFormat must be a string")
            }
            publicKeyFormat = VerificationMethodType(rawValue: name)
        }
        if let value = extra["enableEncryptionKeyDerivation"] {
            guard let flag = value.booleanOption else {
                throw ResolutionError(.invalidOptions, "enableEncryptionKeyDerivation must be true or false")
            }
            enableEncryptionKeyDerivation = flag
        }
        if let value = extra["enableExperimentalPublicKeyTypes"] {
            guard let flag = value.booleanOption else {
                throw ResolutionError(.invalidOptions, "enableExperimentalPublicKeyTypes must be true or false")
            }
            enableExperimentalPublicKeyTypes = flag
        }
        if let value = extra["defaultContext"] {
            guard let items = value.arrayValue?.compactMap(\.stringValue), items.count == value.arrayValue?.count
            else {
                throw ResolutionError(.invalidOptions, "defaultContext must be an array of strings")
            }
            defaultContext = items
        }
    }
}

extension JSONValue {
    /// A boolean option given as JSON `true`/`false` or as the strings `"true"`/`"false"` (HTTP query form).
    fileprivate var booleanOption: Bool? {
        switch self {
        case .bool(let flag): flag
        case .string("true"): true
        case .string("false"): false
        default: nil
        }
    }
}
