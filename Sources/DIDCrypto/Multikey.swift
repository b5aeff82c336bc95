// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

extension KeyType {
    /// The multicodec header of public keys of this type (multicodec `table.csv`): `ed25519-pub` (0xed), `x25519-pub`
    /// (0xec), `secp256k1-pub` (0xe7), `p256-pub` (0x1200), `p384-pub` (0x1201), `p521-pub` (0x1202).
    public var publicKeyMulticodec: Multicodec {
        switch self {
        case .ed25519: .ed25519Pub
        case .x25519: .x25519Pub
        case .secp256k1: .secp256k1Pub
        case .p256: .p256Pub
        case .p384: .p384Pub
        case .p521: .p521Pub
        }
    }

    /// The multicodec header of private keys of this type: `ed25519-priv` (0x1300), `x25519-priv` (0x1302),
    /// `secp256k1-priv` (0x1301), `p256-priv` (0x1306), `p384-priv` (0x1307), `p521-priv` (0x1308).
    public var privateKeyMulticodec: Multicodec {
        switch self {
        case .ed25519: .ed25519Priv
        case .x25519: .x25519Priv
        case .secp256k1: .secp256k1Priv
        case .p256: .p256Priv
        case .p384: .p384Priv
        case .p521: .p521Priv
        }
    }

    /// The key type whose public keys carry this multicodec header, or `nil` (private headers, BLS, RSA, unknown).
    /// - Parameter publicKeyMulticodec: A multicodec code.
    public init?(publicKeyMulticodec: Multicodec) {
        guard let type = KeyType.allCases.first(where: { $0.publicKeyMulticodec.code == publicKeyMulticodec.code })
        else { return nil }
        self = type
    }

    /// The key type whose private keys carry this multicodec header, or `nil`.
    /// - Parameter privateKeyMulticodec: A multicodec code.
    public init?(privateKeyMulticodec: Multicodec) {
        guard let type = KeyType.allCases.first(where: { $0.privateKeyMulticodec.code == privateKeyMulticodec.code })
        else { return nil }
        self = type
    }
}

extension PublicKey {
    /// The multicodec header of this key (``KeyType/publicKeyMulticodec``).
    public var multicodec: Multicodec { keyType.publicKeyMulticodec }

    /// varint(multicodec) ‖ ``rawRepresentation``: the bytes inside a Multikey and a did:key.
    public var multicodecRepresentation: [UInt8] { multicodec.prefixing(rawRepresentation) }

    /// The Multikey `publicKeyMultibase` value: `z` + base58btc(varint(multicodec) ‖ raw) (CID 1.0 §2.2.2
    /// Multikey; CID 1.0 §2.2.2). For Ed25519 it starts `z6Mk`, for P-256 `zDn`.
    public var multibaseRepresentation: String { Multibase.encode(multicodecRepresentation, as: .base58btc) }

    /// Creates a key from a Multikey `publicKeyMultibase` value.
    /// - Parameter multibase: `z` + base58btc(varint(multicodec) ‖ raw key).
    /// - Throws: ``DIDCryptoError/Code/invalidKey`` when the text is not base58btc multibase or the bytes are not a
    ///   point; ``DIDCryptoError/Code/unsupportedKeyType`` for a private-key header, an unsupported or unknown
    ///   header (CID 1.0 §2.2.2); ``DIDCryptoError/Code/invalidKeyLength`` for a wrong key length.
    public init(multibase: some StringProtocol) throws(DIDCryptoError) {
        let bytes = try decodeMultikey(multibase, what: "publicKeyMultibase")
        try self.init(multicodecRepresentation: bytes)
    }

    /// Creates a key from varint(multicodec) ‖ raw key bytes (a decoded Multikey or did:key value).
    /// - Parameter multicodecRepresentation: The header and the key.
    /// - Throws: As ``init(multibase:)``.
    public init(multicodecRepresentation: [UInt8]) throws(DIDCryptoError) {
        let codec: Multicodec
        let body: ArraySlice<UInt8>
        do {
            (codec, body) = try Multicodec.split(multicodecRepresentation)
        } catch {
            throw DIDCryptoError(.invalidKey, "the multicodec header is malformed: \(error.reason)")
        }
        try self.init(multicodec: codec, rawRepresentation: body)
    }

    /// Creates a key from a multicodec header and the raw key bytes after it.
    ///
    /// Only the canonical Multikey lengths are accepted (compressed points for the elliptic curves; CID 1.0 §2.2.2).
    /// - Parameters:
    ///   - multicodec: The header.
    ///   - rawRepresentation: The key bytes.
    /// - Throws: ``DIDCryptoError/Code/unsupportedKeyType`` for a private-key, unsupported or unknown header;
    ///   ``DIDCryptoError/Code/invalidKeyLength`` and ``DIDCryptoError/Code/invalidKey`` as
    ///   ``init(keyType:rawRepresentation:)``.
    public init(multicodec: Multicodec, rawRepresentation: some Collection<UInt8>) throws(DIDCryptoError) {
        guard let keyType = KeyType(publicKeyMulticodec: multicodec) else {
            throw unsupportedHeader(multicodec, expectingPrivate: false)
        }
        guard rawRepresentation.count == keyType.publicKeyLength else {
            throw DIDCryptoError(
                .invalidKeyLength,
                "a \(multicodec.name) key is \(keyType.publicKeyLength) bytes, not \(rawRepresentation.count)"
            )
        }
        try self.init(keyType: keyType, rawRepresentation: rawRepresentation)
    }
}

extension PrivateKey {
    /// The Multikey `secretKeyMultibase` value: `z` + base58btc(varint(private multicodec) ‖ raw secret) (CID 1.0
    /// §2.2.2). This string contains the secret and cannot be wiped: keep it out of logs.
    public var multibaseRepresentation: String {
        withUnsafeRawRepresentation { raw in
            Multibase.encode(keyType.privateKeyMulticodec.prefixing(raw), as: .base58btc)
        }
    }

    /// Creates a key from a Multikey `secretKeyMultibase` value.
    /// - Parameter multibase: `z` + base58btc(varint(private multicodec) ‖ raw secret).
    /// - Throws: ``DIDCryptoError/Code/unsupportedKeyType`` for a public-key or unknown header;
    ///   ``DIDCryptoError/Code/invalidKey`` for malformed text or an out-of-range scalar;
    ///   ``DIDCryptoError/Code/invalidKeyLength`` for a wrong length.
    public init(multibase: some StringProtocol) throws(DIDCryptoError) {
        var bytes = try decodeMultikey(multibase, what: "secretKeyMultibase")
        defer { bytes.withUnsafeMutableBytes { Sodium.wipe($0) } }
        let codec: Multicodec
        let body: ArraySlice<UInt8>
        do {
            (codec, body) = try Multicodec.split(bytes)
        } catch {
            throw DIDCryptoError(.invalidKey, "the multicodec header is malformed: \(error.reason)")
        }
        guard let keyType = KeyType(privateKeyMulticodec: codec) else {
            throw unsupportedHeader(codec, expectingPrivate: true)
        }
        try self.init(keyType: keyType, rawRepresentation: body)
    }
}

/// Decodes base58btc multibase text for a Multikey value.
private func decodeMultikey(_ text: some StringProtocol, what: String) throws(DIDCryptoError) -> [UInt8] {
    guard text.first == "z" else {
        throw DIDCryptoError(.invalidKey, "\(what) must be base58btc multibase, starting with 'z' (CID 1.0 §2.2.2)")
    }
    do {
        return try Multibase.decode(text, expecting: .base58btc)
    } catch {
        throw DIDCryptoError(.invalidKey, "\(what) is not valid base58btc: \(error.description)")
    }
}

/// The error for a multicodec header that does not name the expected kind of supported key.
private func unsupportedHeader(_ codec: Multicodec, expectingPrivate: Bool) -> DIDCryptoError {
    let code = "0x" + String(codec.code, radix: 16)
    if !expectingPrivate && codec.isPrivateKey {
        return DIDCryptoError(
            .unsupportedKeyType,
            "multicodec \(codec.name) (\(code)) is a private key header where a public key is expected "
                + "(CID 1.0 §2.2.2 Multikey)"
        )
    }
    if expectingPrivate, KeyType(publicKeyMulticodec: codec) != nil {
        return DIDCryptoError(
            .unsupportedKeyType,
            "multicodec \(codec.name) (\(code)) is a public key header where a private key is expected"
        )
    }
    if Multicodec.known(code: codec.code) != nil {
        return DIDCryptoError(.unsupportedKeyType, "\(codec.name) (\(code)) keys are not supported by DIDCrypto")
    }
    return DIDCryptoError(.unsupportedKeyType, "unknown multicodec key header \(code)")
}
