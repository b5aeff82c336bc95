// swift-did: decentralized identity for Swift. Apache-2.0.

internal import CSodium

/// XChaCha20-Poly1305 authenticated encryption with associated data (libsodium's
/// `crypto_aead_xchacha20poly1305_ietf_*`; draft-irtf-cfrg-xchacha-03): 256-bit key, 192-bit nonce that is safe to
/// draw at random, 128-bit tag appended to the ciphertext.
public enum XChaCha20Poly1305 {
    /// The nonce length: 24 bytes.
    public static let nonceLength = 24
    /// The tag length: 16 bytes, appended to the ciphertext.
    public static let tagLength = 16

    /// Encrypts and authenticates `plaintext`, and authenticates `associatedData`.
    /// - Parameters:
    ///   - plaintext: The message (possibly a secret: it is only read).
    ///   - key: The key.
    ///   - nonce: ``nonceLength`` bytes, never used twice with the same key (draw them with ``SecureRandom``).
    ///   - associatedData: Bytes that are authenticated but not encrypted.
    /// - Returns: ciphertext ‖ tag (`plaintext.count` + ``tagLength`` bytes).
    /// - Throws: ``DIDCryptoError/Code/invalidKeyLength`` for a nonce of the wrong length.
    public static func seal(
        _ plaintext: UnsafeRawBufferPointer,
        using key: SymmetricKey,
        nonce: [UInt8],
        authenticating associatedData: [UInt8]
    ) throws(DIDCryptoError) -> [UInt8] {
        guard nonce.count == nonceLength else {
            throw DIDCryptoError(.invalidKeyLength, "an XChaCha20-Poly1305 nonce is 24 bytes, not \(nonce.count)")
        }
        Sodium.ensureInitialized()
        let outputLength = plaintext.count + tagLength
        return [UInt8](unsafeUninitializedCapacity: outputLength) { output, initialized in
            var written: UInt64 = 0
            key.secret.withUnsafeBytes { key in
                nonce.withUnsafeBytes { nonce in
                    associatedData.withUnsafeBytes { ad in
                        _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                            output.baseAddress!,
                            &written,
                            plaintext.baseAddress?.assumingMemoryBound(to: UInt8.self),
                            UInt64(plaintext.count),
                            ad.baseAddress?.assumingMemoryBound(to: UInt8.self),
                            UInt64(ad.count),
                            nil,
                            nonce.baseAddress!.assumingMemoryBound(to: UInt8.self),
                            key.baseAddress!.assumingMemoryBound(to: UInt8.self)
                        )
                    }
                }
            }
            initialized = Int(written)
        }
    }

    /// Checks the tag and decrypts into wiped memory, then calls `body` with the plaintext.
    ///
    /// The plaintext is zeroed as soon as `body` returns; the pointer must not escape.
    /// - Parameters:
    ///   - sealed: ciphertext ‖ tag, as ``seal(_:using:nonce:authenticating:)`` returned it.
    ///   - key: The key.
    ///   - nonce: The nonce it was sealed with.
    ///   - associatedData: The associated data it was sealed with.
    ///   - body: Reads the plaintext.
    /// - Returns: What `body` returns, or `nil` when authentication fails (wrong key, or any byte of the
    ///   ciphertext, tag, nonce or associated data changed). Nothing is decrypted then.
    /// - Throws: ``DIDCryptoError/Code/invalidKeyLength`` for a nonce of the wrong length; what `body` throws.
    public static func open<R>(
        _ sealed: [UInt8],
        using key: SymmetricKey,
        nonce: [UInt8],
        authenticating associatedData: [UInt8],
        _ body: (UnsafeRawBufferPointer) throws(DIDCryptoError) -> R
    ) throws(DIDCryptoError) -> R? {
        guard nonce.count == nonceLength else {
            throw DIDCryptoError(.invalidKeyLength, "an XChaCha20-Poly1305 nonce is 24 bytes, not \(nonce.count)")
        }
        guard sealed.count >= tagLength else { return nil }
        Sodium.ensureInitialized()
        var status: Int32 = -1
        let plaintext = SecretBytes.make(count: sealed.count - tagLength) { output in
            var written: UInt64 = 0
            status = key.secret.withUnsafeBytes { key in
                nonce.withUnsafeBytes { nonce in
                    associatedData.withUnsafeBytes { ad in
                        sealed.withUnsafeBytes { sealed in
                            crypto_aead_xchacha20poly1305_ietf_decrypt(
                                output.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                &written,
                                nil,
                                sealed.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                UInt64(sealed.count),
                                ad.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                UInt64(ad.count),
                                nonce.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                key.baseAddress!.assumingMemoryBound(to: UInt8.self)
                            )
                        }
                    }
                }
            }
        }
        guard status == 0 else { return nil }
        return try plaintext.withUnsafeBytes { (plaintext) throws(DIDCryptoError) -> R in try body(plaintext) }
    }
}
