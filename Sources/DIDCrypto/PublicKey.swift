// swift-did: decentralized identity for Swift. Apache-2.0.

/// A public key of one of the ``KeyType``s: an immutable value that verifies signatures and converts to the
/// Multikey, JWK and raw forms.
///
/// The key is validated when created (length, curve membership), and the parsed form is kept, so verification never
/// parses the key again. Two keys are equal when their types and raw representations are.
public struct PublicKey: Sendable, Hashable, CustomStringConvertible {
    /// The algorithm.
    public let keyType: KeyType

    /// The canonical bytes: 32 bytes for Ed25519 (RFC 8032 §5.1.2) and X25519 (RFC 7748 §5); the compressed SEC1
    /// point (SEC1 §2.3.3, `02`/`03` ‖ x) for secp256k1, P-256, P-384 and P-521. This is what Multikey and did:key
    /// carry (CID 1.0 §2.2.2, multicodec `table.csv`).
    public let rawRepresentation: [UInt8]

    let backing: Backing

    /// The parsed form each algorithm needs for fast verification.
    enum Backing: Sendable {
        /// The X25519 u-coordinate computed while validating the point (`nil` for the identity point).
        case ed25519(montgomeryU: (UInt64, UInt64, UInt64, UInt64)?)
        case x25519
        case secp256k1(Secp256k1Point)
        case nist(NISTPublicKey)
    }

    init(keyType: KeyType, rawRepresentation: [UInt8], backing: Backing) {
        self.keyType = keyType
        self.rawRepresentation = rawRepresentation
        self.backing = backing
    }

    /// Creates a public key from its raw bytes.
    ///
    /// - Parameters:
    ///   - keyType: The algorithm.
    ///   - rawRepresentation: Ed25519 and X25519: 32 bytes. Elliptic curves: a compressed SEC1 point (33, 33, 49 or
    ///     67 bytes), or an uncompressed one (`04` ‖ x ‖ y: 65, 65, 97 or 133 bytes), which is normalised to the
    ///     compressed form.
    /// - Throws: ``DIDCryptoError/Code/invalidKeyLength`` for a wrong length;
    ///   ``DIDCryptoError/Code/invalidKey`` when the bytes are not a point on the curve (for Ed25519: not a
    ///   canonical encoding that decodes per RFC 8032 §5.1.3).
    public init(keyType: KeyType, rawRepresentation: some Collection<UInt8>) throws(DIDCryptoError) {
        let bytes = Array(rawRepresentation)
        switch keyType {
        case .ed25519:
            guard bytes.count == 32 else {
                throw DIDCryptoError(.invalidKeyLength, "an Ed25519 public key is 32 bytes, not \(bytes.count)")
            }
            let decoded = bytes.withUnsafeBytes { Ed25519DecodingCache.decode(littleEndianWords($0)) }
            guard case .valid(let montgomeryU) = decoded else {
                throw DIDCryptoError(
                    .invalidKey,
                    "the 32 bytes are not an Ed25519 point encoding (RFC 8032 §5.1.3): \(hex(bytes))"
                )
            }
            self.init(keyType: .ed25519, rawRepresentation: bytes, backing: .ed25519(montgomeryU: montgomeryU))
        case .x25519:
            // RFC 7748 §5: every 32-byte string is accepted as a u-coordinate.
            guard bytes.count == 32 else {
                throw DIDCryptoError(.invalidKeyLength, "an X25519 public key is 32 bytes, not \(bytes.count)")
            }
            self.init(keyType: .x25519, rawRepresentation: bytes, backing: .x25519)
        case .secp256k1, .p256, .p384, .p521:
            let compressedLength = keyType.publicKeyLength
            let uncompressedLength = 2 * compressedLength - 1
            guard bytes.count == compressedLength || bytes.count == uncompressedLength else {
                throw DIDCryptoError(
                    .invalidKeyLength,
                    "a \(keyType) public key is \(compressedLength) bytes compressed or \(uncompressedLength) bytes "
                        + "uncompressed (SEC1 §2.3.3), not \(bytes.count)"
                )
            }
            let backing: Backing
            let compressed: [UInt8]
            if keyType == .secp256k1 {
                guard let point = bytes.withUnsafeBytes({ Secp256k1.parsePublicKey($0) }) else {
                    throw Self.notOnCurve(keyType, bytes)
                }
                backing = .secp256k1(point)
                compressed = bytes.count == compressedLength ? bytes : Secp256k1.serialize(point, compressed: true)
            } else {
                guard let key = NISTPublicKey(keyType: keyType, sec1: bytes) else {
                    throw Self.notOnCurve(keyType, bytes)
                }
                backing = .nist(key)
                compressed = bytes.count == compressedLength ? bytes : key.compressed
            }
            self.init(keyType: keyType, rawRepresentation: compressed, backing: backing)
        }
    }

    private static func notOnCurve(_ keyType: KeyType, _ bytes: [UInt8]) -> DIDCryptoError {
        let prefix = bytes.first.map { "0x" + hex([$0]) } ?? "none"
        return DIDCryptoError(
            .invalidKey,
            "the bytes are not a \(keyType) point in SEC1 form (prefix \(prefix); SEC1 §2.3.4): \(hex(bytes))"
        )
    }

    /// The uncompressed SEC1 point `04` ‖ x ‖ y (65, 65, 97 or 133 bytes) for the elliptic curves; `nil` for Ed25519
    /// and X25519.
    public var uncompressedRepresentation: [UInt8]? {
        switch backing {
        case .secp256k1(let point): Secp256k1.serialize(point, compressed: false)
        case .nist(let key): key.uncompressed
        case .ed25519, .x25519: nil
        }
    }

    /// Checks a signature made with the matching private key (see ``PrivateKey/signature(for:)``).
    ///
    /// Ed25519: RFC 8032 §5.1.7 as libsodium implements it (it also refuses non-canonical S and small-order keys
    /// or R). ECDSA: `signature` is r ‖ s (IEEE P1363, RFC 7518 §3.4) over SHA-256 (secp256k1, P-256), SHA-384
    /// (P-384) or SHA-512 (P-521) of `message`. secp256k1 signatures must be low-S (s ≤ n/2, BIP-62 / libsecp256k1
    /// policy); the NIST curves accept either S. X25519 keys verify nothing and return `false`.
    /// - Parameters:
    ///   - signature: The signature bytes.
    ///   - message: The signed message (not a digest).
    /// - Returns: Whether the signature is valid. Malformed signatures are simply invalid.
    public func isValidSignature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
        isValidSignature(signature, for: message, acceptingHighS: keyType != .secp256k1)
    }

    /// Checks a signature with an explicit high-S policy for ECDSA keys.
    ///
    /// With `acceptingHighS == true`, a secp256k1 signature with s > n/2 is normalised to n − s before checking
    /// (the mathematically valid ECDSA signature that the default policy refuses as malleable); with `false`, a
    /// NIST-curve signature with s > n/2 is refused. Ed25519 ignores the flag.
    /// - Parameters:
    ///   - signature: The signature bytes, r ‖ s for ECDSA.
    ///   - message: The signed message (not a digest).
    ///   - acceptingHighS: Whether an ECDSA signature whose s is above half the group order is acceptable.
    /// - Returns: Whether the signature is valid.
    public func isValidSignature(
        _ signature: some Collection<UInt8>,
        for message: some Collection<UInt8>,
        acceptingHighS: Bool
    ) -> Bool {
        withContiguousBytes(of: signature) { signature in
            withContiguousBytes(of: message) { message in
                verify(signature: signature, message: message, acceptingHighS: acceptingHighS)
            }
        }
    }

    func verify(signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, acceptingHighS: Bool) -> Bool {
        switch backing {
        case .ed25519:
            return rawRepresentation.withUnsafeBytes { publicKey in
                Curve25519Sodium.ed25519Verify(signature: signature, message: message, publicKey: publicKey)
            }
        case .x25519:
            return false
        case .secp256k1(let point):
            guard signature.count == 64 else { return false }
            return Digest.withSHA256(of: message) { digest in
                Secp256k1.verifyECDSA(
                    signature: signature,
                    digest: digest,
                    publicKey: point,
                    acceptingHighS: acceptingHighS
                )
            }
        case .nist(let key):
            return key.isValidSignature(signature, for: message, acceptingHighS: acceptingHighS)
        }
    }

    /// The X25519 public key of the same Curve25519 point, for key agreement with an Ed25519 identity key.
    ///
    /// Uses the birational map u = (1 + y) / (1 − y) mod 2^255 − 19 (RFC 7748 §4.1), computed in Swift while the
    /// key was validated — so this costs one array allocation. It makes no subgroup check, exactly as did:key's
    /// "Derive Encryption Key" (did:key v0.7 §Encryption Method Creation) expects.
    /// - Returns: An ``KeyType/x25519`` public key.
    /// - Throws: ``DIDCryptoError/Code/unsupportedOperation`` when this is not an Ed25519 key;
    ///   ``DIDCryptoError/Code/invalidKey`` for the identity point (y = 1), which has no Montgomery image.
    public func x25519FromEd25519() throws(DIDCryptoError) -> PublicKey {
        guard case .ed25519(let montgomeryU) = backing else {
            throw DIDCryptoError(.unsupportedOperation, "only Ed25519 keys convert to X25519, this is \(keyType)")
        }
        guard let montgomeryU else {
            throw DIDCryptoError(.invalidKey, "the Ed25519 identity point (y = 1) has no X25519 form")
        }
        return PublicKey(keyType: .x25519, rawRepresentation: bytes(littleEndianWords: montgomeryU), backing: .x25519)
    }

    /// The X25519 public key of the same point, computed by libsodium (`crypto_sign_ed25519_pk_to_curve25519`),
    /// which first checks that the point lies in the prime-order subgroup and is not of small order.
    ///
    /// Slower than ``x25519FromEd25519()`` (a scalar multiplication); use it where a small-order or mixed-order key
    /// must be refused.
    /// - Returns: An ``KeyType/x25519`` public key.
    /// - Throws: ``DIDCryptoError/Code/unsupportedOperation`` when this is not an Ed25519 key;
    ///   ``DIDCryptoError/Code/invalidKey`` when the subgroup or small-order check fails.
    public func x25519FromEd25519CheckingSubgroup() throws(DIDCryptoError) -> PublicKey {
        guard keyType == .ed25519 else {
            throw DIDCryptoError(.unsupportedOperation, "only Ed25519 keys convert to X25519, this is \(keyType)")
        }
        guard let u = rawRepresentation.withUnsafeBytes({ Curve25519Sodium.ed25519ToX25519Checked(publicKey: $0) })
        else {
            throw DIDCryptoError(.invalidKey, "the Ed25519 key is of small order or not in the prime-order subgroup")
        }
        return PublicKey(keyType: .x25519, rawRepresentation: u, backing: .x25519)
    }

    // MARK: BIP-340

    /// Creates a secp256k1 key from a BIP-340 x-only public key: the point with this x and even y (`lift_x`).
    /// - Parameter xOnlyRepresentation: The 32-byte x-coordinate, big-endian.
    /// - Throws: ``DIDCryptoError/Code/invalidKeyLength`` unless 32 bytes; ``DIDCryptoError/Code/invalidKey`` when
    ///   no curve point has this x (BIP-340 "lift_x").
    public init(xOnlyRepresentation: some Collection<UInt8>) throws(DIDCryptoError) {
        let x = Array(xOnlyRepresentation)
        guard x.count == 32 else {
            throw DIDCryptoError(.invalidKeyLength, "a BIP-340 x-only public key is 32 bytes, not \(x.count)")
        }
        do {
            try self.init(keyType: .secp256k1, rawRepresentation: [0x02] + x)
        } catch {
            throw DIDCryptoError(.invalidKey, "no secp256k1 point has x = \(hex(x)) (BIP-340 lift_x)")
        }
    }

    /// The BIP-340 x-only form (the 32-byte x-coordinate) of a secp256k1 key; `nil` for other key types.
    public var xOnlyRepresentation: [UInt8]? {
        keyType == .secp256k1 ? Array(rawRepresentation.dropFirst()) : nil
    }

    /// Checks a BIP-340 Schnorr signature against this key's x-only form (its y parity is ignored, as BIP-340
    /// keys have none).
    /// - Parameters:
    ///   - signature: The 64-byte signature.
    ///   - message: The message, of any length (BIP-340 §"Messages of arbitrary size").
    /// - Returns: Whether the signature is valid; always `false` for key types other than secp256k1.
    public func isValidSchnorrSignature(
        _ signature: some Collection<UInt8>,
        for message: some Collection<UInt8>
    ) -> Bool {
        guard case .secp256k1(let point) = backing else { return false }
        return withContiguousBytes(of: signature) { signature in
            withContiguousBytes(of: message) { message in
                Secp256k1.verifySchnorr(signature: signature, message: message, publicKey: point)
            }
        }
    }

    // MARK: Equality and description

    /// Keys are equal when their types and raw representations are.
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
        lhs.keyType == rhs.keyType && lhs.rawRepresentation == rhs.rawRepresentation
    }

    /// Hashes the type and the raw representation, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keyType)
        hasher.combine(rawRepresentation)
    }

    /// `PublicKey(Ed25519, z6Mk…)`: the type and the Multikey form.
    public var description: String { "PublicKey(\(keyType), \(multibaseRepresentation))" }
}
