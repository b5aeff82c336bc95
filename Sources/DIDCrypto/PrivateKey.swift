// swift-did: decentralized identity for Swift. Apache-2.0.

/// A private key of one of the ``KeyType``s: makes signatures and knows its ``publicKey``.
///
/// The secret bytes live in memory this library owns and wipes (`sodium_memzero`) when the last copy of the key is
/// released. `description`, `debugDescription` and the reflection mirror show the key type and the public key only.
public struct PrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let storage: Storage

    /// The secret and everything derived from it once, at creation.
    private final class Storage: Sendable {
        let keyType: KeyType
        /// Ed25519: libsodium's 64-byte secret key, seed ‖ public key. X25519: the 32-byte scalar. secp256k1: the
        /// 32-byte scalar ‖ the libsecp256k1 keypair (for BIP-340). P-curves: the big-endian scalar.
        let secret: SecretBytes
        let publicKey: PublicKey
        let nist: NISTPrivateKey?

        init(keyType: KeyType, secret: SecretBytes, publicKey: PublicKey, nist: NISTPrivateKey?) {
            self.keyType = keyType
            self.secret = secret
            self.publicKey = publicKey
            self.nist = nist
        }
    }

    /// The algorithm.
    public var keyType: KeyType { storage.keyType }

    /// The matching public key.
    public var publicKey: PublicKey { storage.publicKey }

    /// Creates a key from its raw secret bytes.
    ///
    /// - Parameters:
    ///   - keyType: The algorithm.
    ///   - rawRepresentation: Ed25519: the 32-byte seed (RFC 8032 §5.1.5); X25519: the 32-byte scalar (RFC 7748
    ///     §5, clamped when used); ECDSA curves: the big-endian scalar d of ``KeyType/privateKeyLength`` bytes,
    ///     1 ≤ d < n (SEC1 §2.3.6). The bytes are copied straight into wiped memory.
    /// - Throws: ``DIDCryptoError/Code/invalidKeyLength`` for a wrong length; ``DIDCryptoError/Code/invalidKey``
    ///   for an out-of-range scalar.
    public init(keyType: KeyType, rawRepresentation: some Collection<UInt8>) throws(DIDCryptoError) {
        guard rawRepresentation.count == keyType.privateKeyLength else {
            throw DIDCryptoError(
                .invalidKeyLength,
                "a \(keyType) private key is \(keyType.privateKeyLength) bytes, not \(rawRepresentation.count)"
            )
        }
        let raw = SecretBytes.make(count: keyType.privateKeyLength) { $0.copyBytes(from: rawRepresentation) }
        storage = try raw.withUnsafeBytes { (raw) throws(DIDCryptoError) -> Storage in
            try Self.makeStorage(keyType: keyType, raw: raw)
        }
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// Derives everything the key needs from its raw secret.
    private static func makeStorage(keyType: KeyType, raw: UnsafeRawBufferPointer) throws(DIDCryptoError) -> Storage {
        switch keyType {
        case .ed25519:
            var publicBytes = [UInt8]()
            let secret = SecretBytes.make(count: 64) { secretKey in
                publicBytes = Curve25519Sodium.ed25519Keypair(seed: raw, secretKey: secretKey)
            }
            let publicKey = try PublicKey(keyType: .ed25519, rawRepresentation: publicBytes)
            return Storage(keyType: keyType, secret: secret, publicKey: publicKey, nist: nil)
        case .x25519:
            let secret = SecretBytes.make(count: 32) { $0.copyMemory(from: raw) }
            guard let publicBytes = Curve25519Sodium.x25519PublicKey(privateKey: raw) else {
                throw DIDCryptoError(.invalidKey, "X25519 public key derivation failed")
            }
            let publicKey = PublicKey(keyType: .x25519, rawRepresentation: publicBytes, backing: .x25519)
            return Storage(keyType: keyType, secret: secret, publicKey: publicKey, nist: nil)
        case .secp256k1:
            guard Secp256k1.isValidSecretKey(raw) else {
                throw DIDCryptoError(.invalidKey, "a secp256k1 private key must be in 1...n−1 (SEC1 §2.3.6)")
            }
            var point: Secp256k1Point?
            let secret = SecretBytes.make(count: 32 + Secp256k1.keypairSize) { buffer in
                buffer.copyMemory(from: raw)
                point = Secp256k1.makeKeypair(secret: raw, into: UnsafeMutableRawBufferPointer(rebasing: buffer[32...]))
            }
            guard let point else {
                throw DIDCryptoError(.internalFailure, "libsecp256k1 could not create the key pair")
            }
            let compressed = Secp256k1.serialize(point, compressed: true)
            let publicKey = PublicKey(keyType: .secp256k1, rawRepresentation: compressed, backing: .secp256k1(point))
            return Storage(keyType: keyType, secret: secret, publicKey: publicKey, nist: nil)
        case .p256, .p384, .p521:
            guard let key = NISTPrivateKey(keyType: keyType, scalar: raw) else {
                throw DIDCryptoError(.invalidKey, "a \(keyType) private key must be in 1...n−1 (SEC1 §2.3.6)")
            }
            let secret = SecretBytes.make(count: raw.count) { $0.copyMemory(from: raw) }
            let point = key.publicKey
            let publicKey = PublicKey(keyType: keyType, rawRepresentation: point.compressed, backing: .nist(point))
            return Storage(keyType: keyType, secret: secret, publicKey: publicKey, nist: key)
        }
    }

    /// Generates a new key from libsodium's random source (``SecureRandom``).
    /// - Parameter keyType: The algorithm.
    /// - Returns: A fresh key. ECDSA scalars are drawn again until they fall in 1...n−1.
    public static func generate(_ keyType: KeyType) -> PrivateKey {
        while true {
            let candidate = SecretBytes.make(count: keyType.privateKeyLength) { buffer in
                SecureRandom.fill(buffer)
                // P-521 scalars are 521 bits in 66 bytes: clear the 7 unused top bits so most draws are in range.
                if keyType == .p521 { buffer[0] &= 0x01 }
            }
            let storage = try? candidate.withUnsafeBytes { (raw) throws(DIDCryptoError) -> Storage in
                try makeStorage(keyType: keyType, raw: raw)
            }
            if let storage { return PrivateKey(storage: storage) }
        }
    }

    /// Calls `body` with the raw secret bytes (see ``init(keyType:rawRepresentation:)`` for their form).
    ///
    /// The buffer is the key's own wiped memory: do not let the pointer escape, and wipe any copy you make.
    /// - Parameter body: A closure reading the bytes.
    /// - Returns: What `body` returns.
    public func withUnsafeRawRepresentation<R, E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        let length = keyType.privateKeyLength
        return try storage.secret.withUnsafeBytes { (secret) throws(E) -> R in
            try body(UnsafeRawBufferPointer(rebasing: secret[0..<length]))
        }
    }

    /// Signs a message.
    ///
    /// Ed25519: deterministic RFC 8032 §5.1.6 (libsodium), 64 bytes. secp256k1: ECDSA over SHA-256 with RFC 6979
    /// nonces, low-S, r ‖ s (64 bytes). P-256 / P-384 / P-521: ECDSA over SHA-256 / SHA-384 / SHA-512, r ‖ s
    /// (IEEE P1363, RFC 7518 §3.4: 64 / 96 / 132 bytes), with swift-crypto's random nonces.
    /// - Parameter message: The message (it is hashed here; do not pass a digest).
    /// - Returns: The signature.
    /// - Throws: ``DIDCryptoError/Code/unsupportedOperation`` for X25519; ``DIDCryptoError/Code/internalFailure``
    ///   if the backend fails.
    public func signature(for message: some Collection<UInt8>) throws(DIDCryptoError) -> [UInt8] {
        try withContiguousBytes(of: message) { (message) throws(DIDCryptoError) -> [UInt8] in
            try sign(message)
        }
    }

    private func sign(_ message: UnsafeRawBufferPointer) throws(DIDCryptoError) -> [UInt8] {
        switch storage.keyType {
        case .ed25519:
            return storage.secret.withUnsafeBytes { Curve25519Sodium.ed25519Sign(message: message, secretKey: $0) }
        case .x25519:
            throw DIDCryptoError(.unsupportedOperation, "X25519 keys are for key agreement and cannot sign")
        case .secp256k1:
            let signature = Digest.withSHA256(of: message) { digest in
                storage.secret.withUnsafeBytes { Secp256k1.signECDSA(digest: digest, secret: $0) }
            }
            guard let signature else {
                throw DIDCryptoError(.internalFailure, "libsecp256k1 ECDSA signing failed")
            }
            return signature
        case .p256, .p384, .p521:
            guard let key = storage.nist else {
                throw DIDCryptoError(.internalFailure, "missing swift-crypto key")
            }
            return try key.signature(for: message)
        }
    }

    /// Makes a BIP-340 Schnorr signature (secp256k1 only).
    /// - Parameters:
    ///   - message: The message, of any length (BIP-340 signs the message itself, not a hash of it; most
    ///     protocols pass a 32-byte tagged hash).
    ///   - auxiliaryRandomness: BIP-340's 32 bytes of auxiliary randomness; `nil` (the default) draws fresh
    ///     random bytes, as BIP-340 recommends. Pass a value only to reproduce test vectors.
    /// - Returns: The 64-byte signature.
    /// - Throws: ``DIDCryptoError/Code/unsupportedOperation`` for other key types;
    ///   ``DIDCryptoError/Code/invalidKeyLength`` when `auxiliaryRandomness` is not 32 bytes.
    public func schnorrSignature(
        for message: some Collection<UInt8>,
        auxiliaryRandomness: [UInt8]? = nil
    ) throws(DIDCryptoError) -> [UInt8] {
        guard keyType == .secp256k1 else {
            throw DIDCryptoError(
                .unsupportedOperation,
                "BIP-340 Schnorr signatures need a secp256k1 key, not \(keyType)"
            )
        }
        let aux = auxiliaryRandomness ?? SecureRandom.bytes(count: 32)
        guard aux.count == 32 else {
            throw DIDCryptoError(.invalidKeyLength, "BIP-340 auxiliary randomness is 32 bytes, not \(aux.count)")
        }
        let signature = withContiguousBytes(of: message) { message in
            storage.secret.withUnsafeBytes { secret in
                aux.withUnsafeBytes { aux in
                    Secp256k1.signSchnorr(
                        message: message,
                        keypair: UnsafeRawBufferPointer(rebasing: secret[32...]),
                        auxiliaryRandomness: aux
                    )
                }
            }
        }
        guard let signature else {
            throw DIDCryptoError(.internalFailure, "libsecp256k1 BIP-340 signing failed")
        }
        return signature
    }

    /// `PrivateKey(Ed25519, public: z6Mk…)`: never the secret.
    public var description: String { "PrivateKey(\(keyType), public: \(publicKey.multibaseRepresentation))" }

    /// Same as ``description``: never the secret.
    public var debugDescription: String { description }

    /// Shows the key type and public key only, so debuggers and `dump` never print the secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["keyType": keyType, "publicKey": publicKey], displayStyle: .struct)
    }
}
