// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

/// A JSON Web Signature in compact serialization (RFC 7515 §7.1), for the algorithms EdDSA (RFC 8037 §3.1), ES256,
/// ES384, ES512 (RFC 7518 §3.4) and ES256K (RFC 8812 §3.2).
///
/// Parsing keeps the exact signing input — ASCII(BASE64URL(header) ‖ "." ‖ BASE64URL(payload)) — so verification
/// never re-serialises anything. Unsecured JWS (`alg: none`), unknown algorithms, `crit` extensions (none are
/// understood) and malformed segments are refused when parsing.
public struct JWS: Sendable, Hashable {
    /// A JWS signature algorithm this library implements.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        /// Ed25519 (RFC 8037 §3.1).
        case edDSA = "EdDSA"
        /// ECDSA P-256 with SHA-256 (RFC 7518 §3.4).
        case es256 = "ES256"
        /// ECDSA P-384 with SHA-384 (RFC 7518 §3.4).
        case es384 = "ES384"
        /// ECDSA P-521 with SHA-512 (RFC 7518 §3.4).
        case es512 = "ES512"
        /// ECDSA secp256k1 with SHA-256 (RFC 8812 §3.2); this library accepts only low-S signatures.
        case es256K = "ES256K"

        /// The algorithm for keys of a type, or `nil` for X25519 (which cannot sign).
        /// - Parameter keyType: The key type.
        public init?(keyType: KeyType) {
            switch keyType {
            case .ed25519: self = .edDSA
            case .x25519: return nil
            case .secp256k1: self = .es256K
            case .p256: self = .es256
            case .p384: self = .es384
            case .p521: self = .es512
            }
        }

        /// The key type this algorithm signs with.
        public var keyType: KeyType {
            switch self {
            case .edDSA: .ed25519
            case .es256: .p256
            case .es384: .p384
            case .es512: .p521
            case .es256K: .secp256k1
            }
        }
    }

    /// The decoded JWS Protected Header (RFC 7515 §4).
    public let header: JSONObject
    /// The `alg` of the header.
    public let algorithm: Algorithm
    /// The decoded payload.
    public let payload: [UInt8]
    /// The decoded signature (64 bytes for EdDSA; r ‖ s for ECDSA).
    public let signature: [UInt8]
    /// The bytes that were signed: ASCII(BASE64URL(header) ‖ "." ‖ BASE64URL(payload)) (RFC 7515 §5.1 step 5).
    public let signingInput: [UInt8]
    /// The compact serialization this value was parsed from or produced.
    public let compactSerialization: String

    /// The header's `kid`, if it is a string (RFC 7515 §4.1.4).
    public var keyID: String? { header["kid"]?.stringValue }

    /// The header's `typ`, if it is a string (RFC 7515 §4.1.9).
    public var type: String? { header["typ"]?.stringValue }

    /// Parses a compact serialization (RFC 7515 §7.1) without verifying it.
    /// - Parameter compactSerialization: `BASE64URL(header).BASE64URL(payload).BASE64URL(signature)`.
    /// - Throws: ``DIDCryptoError/Code/invalidJWS`` when there are not exactly three segments, a segment is not
    ///   unpadded base64url, the header is not a JSON object (duplicate names refused, RFC 7515 §5.2), `alg` is
    ///   missing, `none` (RFC 7515 §6 / RFC 7518 §3.6) or not one this library implements, `crit` is present
    ///   (RFC 7515 §4.1.11), or the signature is empty.
    public init(compactSerialization: some StringProtocol) throws(DIDCryptoError) {
        let text = String(compactSerialization)
        let utf8 = Array(text.utf8)
        var dots: [Int] = []
        dots.reserveCapacity(2)
        var dotCount = 0
        for index in utf8.indices where utf8[index] == UInt8(ascii: ".") {
            if dotCount < 2 { dots.append(index) }
            dotCount += 1
        }
        guard dotCount == 2 else {
            let hint = dotCount == 4 ? " (a JWE? only JWS is supported)" : ""
            throw DIDCryptoError(
                .invalidJWS,
                "a compact JWS has 3 dot-separated segments, this has \(dotCount + 1)\(hint) (RFC 7515 §7.1)"
            )
        }
        let headerText = utf8[..<dots[0]]
        let payloadText = utf8[(dots[0] + 1)..<dots[1]]
        let signatureText = utf8[(dots[1] + 1)...]
        let headerBytes = try Self.decodeSegment(headerText, "header")
        let header: JSONObject
        do {
            guard case .object(let object) = try JSONValue(parsing: headerBytes) else {
                throw DIDCryptoError(.invalidJWS, "the JWS header is not a JSON object (RFC 7515 §4)")
            }
            header = object
        } catch let error as DIDError {
            throw DIDCryptoError(.invalidJWS, "the JWS header is not valid JSON: \(error.description)")
        } catch let error as DIDCryptoError {
            throw error
        } catch {
            throw DIDCryptoError(.invalidJWS, "the JWS header is not valid JSON")
        }
        self.algorithm = try Self.checkHeader(header)
        self.header = header
        self.payload = try Self.decodeSegment(payloadText, "payload")
        self.signature = try Self.decodeSegment(signatureText, "signature")
        guard !signature.isEmpty else {
            throw DIDCryptoError(.invalidJWS, "the JWS signature is empty (unsecured JWS are refused)")
        }
        self.signingInput = Array(utf8[..<dots[1]])
        self.compactSerialization = text
    }

    private init(header: JSONObject, algorithm: Algorithm, payload: [UInt8], signature: [UInt8], signingInput: [UInt8])
    {
        self.header = header
        self.algorithm = algorithm
        self.payload = payload
        self.signature = signature
        var compact = signingInput
        compact.append(UInt8(ascii: "."))
        Base64URL.encode(signature, into: &compact)
        self.signingInput = signingInput
        self.compactSerialization = String(decoding: compact, as: UTF8.self)
    }

    private static func decodeSegment(_ segment: ArraySlice<UInt8>, _ name: String) throws(DIDCryptoError) -> [UInt8] {
        do {
            return try Base64URL.decode(utf8: segment)
        } catch {
            throw DIDCryptoError(.invalidJWS, "the JWS \(name) is not unpadded base64url: \(error.description)")
        }
    }

    /// Checks `alg` and `crit`; returns the algorithm.
    private static func checkHeader(_ header: JSONObject) throws(DIDCryptoError) -> Algorithm {
        guard let alg = header["alg"] else {
            throw DIDCryptoError(.invalidJWS, "the JWS header has no \"alg\" (RFC 7515 §4.1.1)")
        }
        guard let name = alg.stringValue else {
            throw DIDCryptoError(.invalidJWS, "the JWS header's \"alg\" is not a string")
        }
        if name == "none" {
            throw DIDCryptoError(.invalidJWS, "unsecured JWS (alg \"none\", RFC 7518 §3.6) are refused")
        }
        guard let algorithm = Algorithm(rawValue: name) else {
            throw DIDCryptoError(
                .invalidJWS,
                "JWS alg \"\(name)\" is not supported (supported: EdDSA, ES256, ES384, ES512, ES256K)"
            )
        }
        if header["crit"] != nil {
            throw DIDCryptoError(
                .invalidJWS,
                "the JWS header names critical extensions (\"crit\"), none of which this library understands "
                    + "(RFC 7515 §4.1.11)"
            )
        }
        if header["b64"] != nil {
            throw DIDCryptoError(.invalidJWS, "the unencoded-payload option \"b64\" (RFC 7797) is not supported")
        }
        return algorithm
    }

    /// Signs a payload.
    ///
    /// The protected header is `alg` (set from the key) followed by the members of `header` in their order. The
    /// signature is RFC 8032 Ed25519 for EdDSA and r ‖ s for ECDSA (low-S for ES256K).
    /// - Parameters:
    ///   - payload: The payload bytes (for a JWT, the UTF-8 JSON claims).
    ///   - header: Extra header members such as `kid`, `typ` or `cty`. An `alg` member must match the key.
    ///   - key: The signing key (not X25519).
    /// - Returns: The signed JWS; its ``compactSerialization`` is the string to send.
    /// - Throws: ``DIDCryptoError/Code/invalidJWS`` when `header` names another `alg`, `crit` or `b64`;
    ///   ``DIDCryptoError/Code/unsupportedOperation`` for an X25519 key.
    public static func sign(
        payload: some Collection<UInt8>,
        header: JSONObject = JSONObject(),
        using key: PrivateKey
    ) throws(DIDCryptoError) -> JWS {
        guard let algorithm = Algorithm(keyType: key.keyType) else {
            throw DIDCryptoError(.unsupportedOperation, "\(key.keyType) keys cannot make a JWS")
        }
        if let alg = header["alg"], alg.stringValue != algorithm.rawValue {
            throw DIDCryptoError(
                .invalidJWS,
                "the header's alg does not match the \(key.keyType) key, which signs \(algorithm.rawValue)"
            )
        }
        var protected = JSONObject()
        protected.append("alg", .string(algorithm.rawValue))
        for member in header where member.key != "alg" {
            protected.append(member.key, member.value)
        }
        _ = try checkHeader(protected)
        let headerBytes: [UInt8]
        do {
            headerBytes = try JSONValue.object(protected).serialized(.compact)
        } catch {
            throw DIDCryptoError(.invalidJWS, "the JWS header cannot be serialised: \(error.reason)")
        }
        let payloadBytes = Array(payload)
        var signingInput = [UInt8]()
        signingInput.reserveCapacity((headerBytes.count + payloadBytes.count) * 4 / 3 + 100)
        Base64URL.encode(headerBytes, into: &signingInput)
        signingInput.append(UInt8(ascii: "."))
        Base64URL.encode(payloadBytes, into: &signingInput)
        let signature = try key.signature(for: signingInput)
        return JWS(
            header: protected,
            algorithm: algorithm,
            payload: payloadBytes,
            signature: signature,
            signingInput: signingInput
        )
    }

    /// Checks the signature with a public key.
    ///
    /// ES256K signatures must be low-S (this library's policy, as libsecp256k1); ES256/ES384/ES512 accept either S
    /// (RFC 7518 §3.4 sets no rule).
    /// - Parameter key: The public key. Its type must be the one `alg` names.
    /// - Returns: Whether the signature is valid over ``signingInput``.
    /// - Throws: ``DIDCryptoError/Code/invalidJWS`` when `alg` does not match the key type (the signature cannot be
    ///   checked with this key).
    public func isValidSignature(using key: PublicKey) throws(DIDCryptoError) -> Bool {
        guard key.keyType == algorithm.keyType else {
            throw DIDCryptoError(
                .invalidJWS,
                "JWS alg \(algorithm.rawValue) does not match the \(key.keyType) key (RFC 7515 §4.1.1)"
            )
        }
        return key.isValidSignature(signature, for: signingInput, acceptingHighS: algorithm != .es256K)
    }

    /// Parses a compact JWS and verifies it, throwing on any failure.
    /// - Parameters:
    ///   - compactSerialization: The compact JWS.
    ///   - key: The public key.
    /// - Returns: The verified JWS (header and payload).
    /// - Throws: ``DIDCryptoError/Code/invalidJWS`` when parsing fails, `alg` does not match the key, or the
    ///   signature is invalid (including a high-S ES256K signature).
    public static func verify(
        _ compactSerialization: some StringProtocol,
        using key: PublicKey
    ) throws(DIDCryptoError) -> JWS {
        let jws = try JWS(compactSerialization: compactSerialization)
        guard try jws.isValidSignature(using: key) else {
            let lowS = jws.algorithm == .es256K ? " (ES256K signatures must also be low-S)" : ""
            throw DIDCryptoError(.invalidJWS, "the JWS signature does not verify with the key\(lowS)")
        }
        return jws
    }
}
