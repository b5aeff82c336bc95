// swift-did: decentralized identity for Swift. Apache-2.0.

internal import CSecp256k1

/// The process-wide libsecp256k1 context: created once, randomised once, never mutated afterwards.
///
/// Thread safety (`@unchecked Sendable`): libsecp256k1 documents that a context may be used from several threads at
/// once by every function taking a `const secp256k1_context*`; the only mutating calls, `secp256k1_context_randomize`
/// and `secp256k1_context_destroy`, happen in `init` (before the object is published through a `static let`, which
/// Swift initialises exactly once under a lock) and in `deinit` (when no other reference exists).
final class Secp256k1Context: @unchecked Sendable {
    /// The shared context. Creating a context costs tens of microseconds, so it is never done per call.
    static let shared = Secp256k1Context()

    let pointer: OpaquePointer

    private init() {
        guard let context = secp256k1_context_create(swiftdid_secp256k1_context_none()) else {
            fatalError("libsecp256k1: secp256k1_context_create failed")
        }
        // Randomise (blinding for side-channel protection), as libsecp256k1 recommends for signing contexts.
        var seed = [UInt8](repeating: 0, count: 32)
        seed.withUnsafeMutableBytes { buffer in
            SecureRandom.fill(buffer)
            precondition(secp256k1_context_randomize(context, buffer.baseAddress!) == 1, "context randomize failed")
            Sodium.wipe(buffer)
        }
        pointer = context
    }

    deinit {
        secp256k1_context_destroy(pointer)
    }
}

/// A parsed secp256k1 public key (libsecp256k1's internal 64-byte form), cached so verification does not
/// decompress the point again on every call.
struct Secp256k1Point: Sendable {
    fileprivate var value: secp256k1_pubkey
}

/// secp256k1 operations: the only Swift code that calls libsecp256k1.
enum Secp256k1 {
    private static var context: OpaquePointer { Secp256k1Context.shared.pointer }

    /// The group order n, big-endian (SEC 2 §2.4.1).
    static let order: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ]

    /// Parses a SEC1 public key: 33 bytes (`02`/`03` ‖ x) or 65 bytes (`04` ‖ x ‖ y). The hybrid forms `06`/`07`,
    /// which libsecp256k1 would also take, are refused (SEC1 §2.3.4 as used by JOSE and Multikey).
    static func parsePublicKey(_ bytes: UnsafeRawBufferPointer) -> Secp256k1Point? {
        guard let base = bytes.baseAddress else { return nil }
        switch (bytes.count, bytes.first) {
        case (33, 0x02), (33, 0x03), (65, 0x04): break
        default: return nil
        }
        var point = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_parse(context, &point, base.assumingMemoryBound(to: UInt8.self), bytes.count) == 1
        else { return nil }
        return Secp256k1Point(value: point)
    }

    /// Serialises a public key as SEC1, compressed (33 bytes) or uncompressed (65 bytes).
    static func serialize(_ point: Secp256k1Point, compressed: Bool) -> [UInt8] {
        var point = point.value
        let count = compressed ? 33 : 65
        let flags = compressed ? swiftdid_secp256k1_ec_compressed() : swiftdid_secp256k1_ec_uncompressed()
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var length = count
            let ok = secp256k1_ec_pubkey_serialize(context, buffer.baseAddress!, &length, &point, flags)
            precondition(ok == 1 && length == count, "secp256k1_ec_pubkey_serialize failed")
            initialized = count
        }
    }

    /// Whether 32 bytes are a valid secret key (0 < k < n).
    static func isValidSecretKey(_ secret: UnsafeRawBufferPointer) -> Bool {
        guard secret.count == 32, let base = secret.baseAddress else { return false }
        return secp256k1_ec_seckey_verify(context, base.assumingMemoryBound(to: UInt8.self)) == 1
    }

    /// The size of `secp256k1_keypair` in bytes, for callers that keep it in wiped memory.
    static let keypairSize = MemoryLayout<secp256k1_keypair>.size

    /// Creates the keypair (secret + public key, libsecp256k1's form for BIP-340) for a valid 32-byte secret into
    /// `output` (``keypairSize`` bytes), and returns the public key.
    static func makeKeypair(
        secret: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) -> Secp256k1Point? {
        guard secret.count == 32, output.count >= keypairSize, let secretBase = secret.baseAddress,
            let outputBase = output.baseAddress
        else { return nil }
        let keypair = outputBase.bindMemory(to: secp256k1_keypair.self, capacity: 1)
        guard secp256k1_keypair_create(context, keypair, secretBase.assumingMemoryBound(to: UInt8.self)) == 1 else {
            return nil
        }
        var point = secp256k1_pubkey()
        guard secp256k1_keypair_pub(context, &point, keypair) == 1 else { return nil }
        return Secp256k1Point(value: point)
    }

    /// ECDSA-signs a 32-byte digest with RFC 6979 nonces; returns the 64-byte compact r ‖ s. libsecp256k1 always
    /// produces the lower-S form.
    static func signECDSA(digest: UnsafeRawBufferPointer, secret: UnsafeRawBufferPointer) -> [UInt8]? {
        guard digest.count == 32, secret.count >= 32, let digestBase = digest.baseAddress,
            let secretBase = secret.baseAddress
        else { return nil }
        var signature = secp256k1_ecdsa_signature()
        guard
            secp256k1_ecdsa_sign(
                context,
                &signature,
                digestBase.assumingMemoryBound(to: UInt8.self),
                secretBase.assumingMemoryBound(to: UInt8.self),
                nil,
                nil
            ) == 1
        else { return nil }
        return [UInt8](unsafeUninitializedCapacity: 64) { buffer, initialized in
            _ = secp256k1_ecdsa_signature_serialize_compact(context, buffer.baseAddress!, &signature)
            initialized = 64
        }
    }

    /// Verifies a 64-byte compact ECDSA signature over a 32-byte digest.
    /// - Parameter acceptingHighS: When `false` (the default policy) a signature with s > n/2 is rejected, as
    ///   libsecp256k1 does; when `true` it is normalised to low-S first (for interoperability tests only).
    static func verifyECDSA(
        signature: UnsafeRawBufferPointer,
        digest: UnsafeRawBufferPointer,
        publicKey: Secp256k1Point,
        acceptingHighS: Bool
    ) -> Bool {
        guard signature.count == 64, digest.count == 32, let signatureBase = signature.baseAddress,
            let digestBase = digest.baseAddress
        else { return false }
        var parsed = secp256k1_ecdsa_signature()
        guard
            secp256k1_ecdsa_signature_parse_compact(
                context,
                &parsed,
                signatureBase.assumingMemoryBound(to: UInt8.self)
            ) == 1
        else { return false }
        if acceptingHighS {
            let input = parsed
            withUnsafePointer(to: input) { _ = secp256k1_ecdsa_signature_normalize(context, &parsed, $0) }
        }
        var point = publicKey.value
        return secp256k1_ecdsa_verify(context, &parsed, digestBase.assumingMemoryBound(to: UInt8.self), &point) == 1
    }

    /// BIP-340 Schnorr signature of a message of any length with the given keypair and 32 bytes of auxiliary
    /// randomness.
    static func signSchnorr(
        message: UnsafeRawBufferPointer,
        keypair: UnsafeRawBufferPointer,
        auxiliaryRandomness: UnsafeRawBufferPointer
    ) -> [UInt8]? {
        guard keypair.count >= keypairSize, auxiliaryRandomness.count == 32, let keypairBase = keypair.baseAddress,
            let auxBase = auxiliaryRandomness.baseAddress
        else { return nil }
        let pair = keypairBase.assumingMemoryBound(to: secp256k1_keypair.self)
        var signature = [UInt8](repeating: 0, count: 64)
        let ok = signature.withUnsafeMutableBufferPointer { output in
            swiftdid_secp256k1_schnorrsig_sign(
                context,
                output.baseAddress!,
                message.baseAddress?.assumingMemoryBound(to: UInt8.self),
                message.count,
                pair,
                auxBase.assumingMemoryBound(to: UInt8.self)
            )
        }
        return ok == 1 ? signature : nil
    }

    /// Verifies a 64-byte BIP-340 signature against the x-only form of `publicKey` (its y parity is ignored, as
    /// BIP-340 `lift_x` does).
    static func verifySchnorr(
        signature: UnsafeRawBufferPointer,
        message: UnsafeRawBufferPointer,
        publicKey: Secp256k1Point
    ) -> Bool {
        guard signature.count == 64, let signatureBase = signature.baseAddress else { return false }
        var point = publicKey.value
        var xOnly = secp256k1_xonly_pubkey()
        guard secp256k1_xonly_pubkey_from_pubkey(context, &xOnly, nil, &point) == 1 else { return false }
        return secp256k1_schnorrsig_verify(
            context,
            signatureBase.assumingMemoryBound(to: UInt8.self),
            message.baseAddress?.assumingMemoryBound(to: UInt8.self),
            message.count,
            &xOnly
        ) == 1
    }
}
