// swift-did: decentralized identity for Swift. Apache-2.0.

internal import CSodium

/// Ed25519 (RFC 8032) and X25519 (RFC 7748) through libsodium: the only Swift code that calls those functions.
enum Curve25519Sodium {
    /// Derives the key pair from a 32-byte seed (RFC 8032 §5.1.5). Writes libsodium's 64-byte secret key
    /// (seed ‖ public key) into `secretKey` and returns the 32-byte public key.
    static func ed25519Keypair(seed: UnsafeRawBufferPointer, secretKey: UnsafeMutableRawBufferPointer) -> [UInt8] {
        precondition(seed.count == 32 && secretKey.count >= 64)
        Sodium.ensureInitialized()
        return [UInt8](unsafeUninitializedCapacity: 32) { publicKey, initialized in
            let ok = crypto_sign_seed_keypair(
                publicKey.baseAddress!,
                secretKey.baseAddress!.assumingMemoryBound(to: UInt8.self),
                seed.baseAddress!.assumingMemoryBound(to: UInt8.self)
            )
            precondition(ok == 0, "crypto_sign_seed_keypair failed")
            initialized = 32
        }
    }

    /// Deterministic Ed25519 signature (RFC 8032 §5.1.6) with libsodium's 64-byte secret key.
    static func ed25519Sign(message: UnsafeRawBufferPointer, secretKey: UnsafeRawBufferPointer) -> [UInt8] {
        precondition(secretKey.count >= 64)
        Sodium.ensureInitialized()
        return [UInt8](unsafeUninitializedCapacity: 64) { signature, initialized in
            let ok = crypto_sign_detached(
                signature.baseAddress!,
                nil,
                message.baseAddress?.assumingMemoryBound(to: UInt8.self),
                UInt64(message.count),
                secretKey.baseAddress!.assumingMemoryBound(to: UInt8.self)
            )
            precondition(ok == 0, "crypto_sign_detached failed")
            initialized = 64
        }
    }

    /// Ed25519 verification (RFC 8032 §5.1.7) as libsodium does it: also rejects non-canonical S, small-order
    /// R and public keys, and non-canonical public key encodings.
    static func ed25519Verify(
        signature: UnsafeRawBufferPointer,
        message: UnsafeRawBufferPointer,
        publicKey: UnsafeRawBufferPointer
    ) -> Bool {
        guard signature.count == 64, publicKey.count == 32, let signatureBase = signature.baseAddress,
            let publicKeyBase = publicKey.baseAddress
        else { return false }
        Sodium.ensureInitialized()
        return crypto_sign_verify_detached(
            signatureBase.assumingMemoryBound(to: UInt8.self),
            message.baseAddress?.assumingMemoryBound(to: UInt8.self),
            UInt64(message.count),
            publicKeyBase.assumingMemoryBound(to: UInt8.self)
        ) == 0
    }

    /// libsodium's Ed25519 → X25519 public key conversion, which first checks that the point is on the curve, in
    /// the prime-order subgroup and not of small order. `nil` when a check fails.
    static func ed25519ToX25519Checked(publicKey: UnsafeRawBufferPointer) -> [UInt8]? {
        guard publicKey.count == 32, let base = publicKey.baseAddress else { return nil }
        Sodium.ensureInitialized()
        var output = [UInt8](repeating: 0, count: 32)
        let ok = output.withUnsafeMutableBufferPointer { out in
            crypto_sign_ed25519_pk_to_curve25519(out.baseAddress!, base.assumingMemoryBound(to: UInt8.self))
        }
        return ok == 0 ? output : nil
    }

    /// The X25519 public key of a 32-byte private scalar (RFC 7748 §6.1: X25519(k, 9)).
    static func x25519PublicKey(privateKey: UnsafeRawBufferPointer) -> [UInt8]? {
        guard privateKey.count >= 32, let base = privateKey.baseAddress else { return nil }
        Sodium.ensureInitialized()
        var output = [UInt8](repeating: 0, count: 32)
        let ok = output.withUnsafeMutableBufferPointer { out in
            crypto_scalarmult_base(out.baseAddress!, base.assumingMemoryBound(to: UInt8.self))
        }
        return ok == 0 ? output : nil
    }
}
