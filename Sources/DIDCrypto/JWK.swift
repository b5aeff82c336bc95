// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

extension KeyType {
    /// The JWK `kty` for this key type: `OKP` for Ed25519 and X25519 (RFC 8037 §2), `EC` for the ECDSA curves
    /// (RFC 7518 §6.2).
    public var jwkKeyType: String {
        switch self {
        case .ed25519, .x25519: "OKP"
        case .secp256k1, .p256, .p384, .p521: "EC"
        }
    }

    /// The JWK `crv` for this key type: `Ed25519`, `X25519` (RFC 8037 §2), `P-256`, `P-384`, `P-521` (RFC 7518
    /// §6.2.1.1), `secp256k1` (RFC 8812 §3.1).
    public var jwkCurve: String { description }

    /// The key type with this JWK `crv`, or `nil` when DIDCrypto does not implement the curve.
    /// - Parameter jwkCurve: A `crv` value, compared exactly.
    public init?(jwkCurve: String) {
        guard let type = KeyType.allCases.first(where: { $0.jwkCurve == jwkCurve }) else { return nil }
        self = type
    }

    /// The JWS `alg` values a JWK of this type may name: `EdDSA` (RFC 8037 §3.1) and the fully-specified `Ed25519`
    /// for Ed25519, ES256 / ES384 / ES512 (RFC 7518 §3.4), ES256K (RFC 8812 §3.2). Empty for X25519 (ECDH only).
    var jwkSignatureAlgorithms: [String] {
        switch self {
        case .ed25519: ["EdDSA", "Ed25519"]
        case .x25519: []
        case .secp256k1: ["ES256K"]
        case .p256: ["ES256"]
        case .p384: ["ES384"]
        case .p521: ["ES512"]
        }
    }
}

/// JSON Web Key utilities that work on any JWK (RFC 7517).
public enum JWK {
    /// The RFC 7638 JWK thumbprint: base64url(SHA-256(the required members, sorted, no whitespace)).
    ///
    /// Works for every key type RFC 7638 §3.2 and RFC 8037 §2 define required members for — `EC` (crv, kty, x, y),
    /// `OKP` (crv, kty, x), `RSA` (e, kty, n) and `oct` (k, kty) — including key types DIDCrypto cannot use.
    /// Other members (`d`, `kid`, `alg`, …) do not affect the thumbprint.
    /// - Parameter jwk: The key.
    /// - Returns: The thumbprint, base64url without padding (43 characters).
    /// - Throws: ``DIDCryptoError/Code/invalidJWK`` when `kty` is missing or unknown, or a required member is
    ///   missing or not a string.
    public static func thumbprint(of jwk: JSONObject) throws(DIDCryptoError) -> String {
        guard let kty = jwk["kty"]?.stringValue else {
            throw DIDCryptoError(.invalidJWK, "the JWK has no string \"kty\" member (RFC 7517 §4.1)")
        }
        let required: [String]
        switch kty {
        case "EC": required = ["crv", "kty", "x", "y"]
        case "OKP": required = ["crv", "kty", "x"]
        case "RSA": required = ["e", "kty", "n"]
        case "oct": required = ["k", "kty"]
        default:
            throw DIDCryptoError(.invalidJWK, "RFC 7638 defines no thumbprint members for kty \"\(kty)\"")
        }
        var members = [JSONObject.Member]()
        for name in required {
            guard let value = jwk[name]?.stringValue else {
                throw DIDCryptoError(
                    .invalidJWK,
                    "the \(kty) JWK lacks the required string member \"\(name)\" (RFC 7638 §3.2)"
                )
            }
            members.append(JSONObject.Member(key: name, value: .string(value)))
        }
        // RFC 7638 §3.3: members in lexicographic order of their names, no whitespace, JSON string escaping —
        // exactly the RFC 8785 canonical form of this all-string object.
        let bytes: [UInt8]
        do {
            bytes = try JSONValue.object(JSONObject(members)).serialized(.canonical)
        } catch {
            throw DIDCryptoError(.internalFailure, "could not serialise the thumbprint input: \(error.reason)")
        }
        return Base64URL.encode(Digest.sha256(bytes))
    }
}

extension PublicKey {
    /// The public JWK: `{"kty":"OKP","crv":…,"x":…}` (RFC 8037 §2) or `{"kty":"EC","crv":…,"x":…,"y":…}` with
    /// fixed-length big-endian coordinates (RFC 7518 §6.2.1.2–3). Never contains `d`.
    public var jwkRepresentation: JSONObject {
        var jwk = JSONObject()
        jwk.append("kty", .string(keyType.jwkKeyType))
        jwk.append("crv", .string(keyType.jwkCurve))
        if let uncompressed = uncompressedRepresentation {
            let size = (uncompressed.count - 1) / 2
            jwk.append("x", .string(Base64URL.encode(uncompressed[1...size])))
            jwk.append("y", .string(Base64URL.encode(uncompressed[(size + 1)...])))
        } else {
            jwk.append("x", .string(Base64URL.encode(rawRepresentation)))
        }
        return jwk
    }

    /// The RFC 7638 thumbprint of ``jwkRepresentation`` (SHA-256, base64url): the RECOMMENDED `kid` of a
    /// `JsonWebKey` verification method (CID 1.0 §2.2.3).
    public func jwkThumbprint() -> String {
        var input = "{\"crv\":\"\(keyType.jwkCurve)\",\"kty\":\"\(keyType.jwkKeyType)\""
        let jwk = jwkRepresentation
        for name in ["x", "y"] {
            if let value = jwk[name]?.stringValue { input += ",\"\(name)\":\"\(value)\"" }
        }
        input += "}"
        return Base64URL.encode(Digest.sha256(Array(input.utf8)))
    }

    /// Creates a key from a public JWK.
    ///
    /// Accepts `OKP` keys with `crv` `Ed25519` or `X25519` (RFC 8037 §2) and `EC` keys with `crv` `P-256`, `P-384`,
    /// `P-521` (RFC 7518 §6.2.1) or `secp256k1` (RFC 8812 §3.1). Coordinates must have the full fixed length. An
    /// `alg` member, when present, must fit the key. Other members (`kid`, `use`, `key_ops`, …) are ignored.
    /// - Parameter jwk: The JWK object.
    /// - Throws: ``DIDCryptoError/Code/invalidJWK`` when a member is missing, malformed, of the wrong length or
    ///   inconsistent, or when the JWK contains the private member `d` (a public key JWK must not, CID 1.0
    ///   §2.2.3); ``DIDCryptoError/Code/unsupportedKeyType`` for other `kty`/`crv` values;
    ///   ``DIDCryptoError/Code/invalidKey`` when the point is not on the curve.
    public init(jwk: JSONObject) throws(DIDCryptoError) {
        guard jwk["d"] == nil else {
            throw DIDCryptoError(
                .invalidJWK,
                "a public key JWK must not contain the private member \"d\" (CID 1.0 §2.2.3; use PrivateKey(jwk:))"
            )
        }
        let parsed = try ParsedJWK(jwk)
        self = try parsed.publicKey()
    }
}

extension PrivateKey {
    /// The JWK of this key. With `includingPrivate: true` it carries the secret `d` (RFC 8037 §2, RFC 7518
    /// §6.2.2.1) — the resulting strings cannot be wiped, so write them only where a secret belongs (such as a
    /// mode-0600 key file). With `false` it equals ``PublicKey/jwkRepresentation``.
    /// - Parameter includingPrivate: Whether to include `d`. There is deliberately no default.
    /// - Returns: The JWK object, members in the order kty, crv, x, (y), (d).
    public func jwkRepresentation(includingPrivate: Bool) -> JSONObject {
        var jwk = publicKey.jwkRepresentation
        if includingPrivate {
            withUnsafeRawRepresentation { jwk.append("d", .string(Base64URL.encode($0))) }
        }
        return jwk
    }

    /// Creates a key from a private JWK (one with `d`).
    ///
    /// When `x` (and for `EC` keys `y`) are present they must be the public key of `d`.
    /// - Parameter jwk: The JWK object.
    /// - Throws: ``DIDCryptoError/Code/invalidJWK`` when `d` is missing or malformed, or `x`/`y` do not match it;
    ///   ``DIDCryptoError/Code/unsupportedKeyType`` for unsupported `kty`/`crv`; ``DIDCryptoError/Code/invalidKey``
    ///   for an out-of-range scalar.
    public init(jwk: JSONObject) throws(DIDCryptoError) {
        let parsed = try ParsedJWK(jwk, requiringPublic: false)
        guard let dText = jwk["d"] else {
            throw DIDCryptoError(.invalidJWK, "a private key JWK needs the member \"d\" (RFC 7518 §6.2.2.1)")
        }
        var d = try decodeMember("d", dText, length: parsed.keyType.privateKeyLength, keyType: parsed.keyType)
        defer { d.withUnsafeMutableBytes { Sodium.wipe($0) } }
        let key = try PrivateKey(keyType: parsed.keyType, rawRepresentation: d)
        let derived = key.publicKey.jwkRepresentation
        for name in ["x", "y"] where parsed.jwk[name] != nil {
            guard parsed.jwk[name] == derived[name] else {
                throw DIDCryptoError(.invalidJWK, "the JWK's \"\(name)\" is not the public key of its \"d\"")
            }
        }
        self = key
    }
}

/// The checked `kty`/`crv`/`alg` of a JWK and its coordinates.
private struct ParsedJWK {
    let jwk: JSONObject
    let keyType: KeyType
    let x: [UInt8]?
    let y: [UInt8]?

    init(_ jwk: JSONObject, requiringPublic: Bool = true) throws(DIDCryptoError) {
        self.jwk = jwk
        guard let kty = jwk["kty"]?.stringValue else {
            throw DIDCryptoError(.invalidJWK, "the JWK has no string \"kty\" member (RFC 7517 §4.1)")
        }
        guard kty == "OKP" || kty == "EC" else {
            throw DIDCryptoError(.unsupportedKeyType, "JWK kty \"\(kty)\" is not supported (only OKP and EC)")
        }
        guard let crv = jwk["crv"]?.stringValue else {
            throw DIDCryptoError(.invalidJWK, "the \(kty) JWK has no string \"crv\" member (RFC 7518 §6.2.1.1)")
        }
        guard let keyType = KeyType(jwkCurve: crv) else {
            throw DIDCryptoError(.unsupportedKeyType, "JWK crv \"\(crv)\" is not supported")
        }
        guard keyType.jwkKeyType == kty else {
            throw DIDCryptoError(.invalidJWK, "crv \"\(crv)\" belongs to kty \"\(keyType.jwkKeyType)\", not \"\(kty)\"")
        }
        self.keyType = keyType
        if let alg = jwk["alg"] {
            guard let name = alg.stringValue, keyType.jwkSignatureAlgorithms.contains(name) || keyType == .x25519
            else {
                throw DIDCryptoError(.invalidJWK, "the JWK's \"alg\" does not fit a \(keyType) key (RFC 7517 §4.4)")
            }
        }
        let coordinateLength = keyType.isECDSA ? (keyType.publicKeyLength - 1) : 32
        x = try jwk["x"].map { (value) throws(DIDCryptoError) -> [UInt8] in
            try decodeMember("x", value, length: coordinateLength, keyType: keyType)
        }
        if keyType.isECDSA {
            y = try jwk["y"].map { (value) throws(DIDCryptoError) -> [UInt8] in
                try decodeMember("y", value, length: coordinateLength, keyType: keyType)
            }
        } else {
            guard jwk["y"] == nil else {
                throw DIDCryptoError(.invalidJWK, "an OKP JWK has no \"y\" member (RFC 8037 §2)")
            }
            y = nil
        }
        if requiringPublic {
            guard x != nil else { throw DIDCryptoError(.invalidJWK, "the JWK has no \"x\" member") }
            guard y != nil || !keyType.isECDSA else {
                throw DIDCryptoError(.invalidJWK, "the EC JWK has no \"y\" member (RFC 7518 §6.2.1.3)")
            }
        }
    }

    /// The public key from `x` (and `y`).
    func publicKey() throws(DIDCryptoError) -> PublicKey {
        guard let x else { throw DIDCryptoError(.invalidJWK, "the JWK has no \"x\" member") }
        if let y {
            return try PublicKey(keyType: keyType, rawRepresentation: [0x04] + x + y)
        }
        return try PublicKey(keyType: keyType, rawRepresentation: x)
    }
}

/// Decodes a base64url JWK member of a fixed length.
private func decodeMember(
    _ name: String,
    _ value: JSONValue,
    length: Int,
    keyType: KeyType
) throws(DIDCryptoError) -> [UInt8] {
    guard let text = value.stringValue else {
        throw DIDCryptoError(.invalidJWK, "the JWK member \"\(name)\" is not a string")
    }
    let bytes: [UInt8]
    do {
        bytes = try Base64URL.decode(text)
    } catch {
        throw DIDCryptoError(.invalidJWK, "the JWK member \"\(name)\" is not base64url: \(error.reason)")
    }
    guard bytes.count == length else {
        throw DIDCryptoError(
            .invalidJWK,
            "the \(keyType) JWK member \"\(name)\" must be \(length) bytes, not \(bytes.count) "
                + "(RFC 7518 §6.2.1.2, RFC 8037 §2)"
        )
    }
    return bytes
}
