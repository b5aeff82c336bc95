// swift-did: decentralized identity for Swift. Apache-2.0.

internal import CSodium

/// Argon2id password hashing (RFC 9106) through libsodium's `crypto_pwhash` with `crypto_pwhash_ALG_ARGON2ID13`
/// (Argon2 version 1.3, one lane), for deriving encryption keys from passphrases.
public enum Argon2id {
    /// The salt length `crypto_pwhash` takes: 16 bytes (`crypto_pwhash_SALTBYTES`).
    public static let saltLength = 16

    /// The cost of one derivation: passes over memory and the memory size. Both are stored next to what they
    /// protect so they can be raised later.
    public struct Parameters: Sendable, Hashable, CustomStringConvertible {
        /// Passes over memory (`opslimit`, Argon2 t); at least 1.
        public var opsLimit: UInt64
        /// Memory in bytes (`memlimit`; Argon2 m is this / 1024 KiB); at least 8192.
        public var memoryLimit: UInt64

        /// Creates parameters.
        /// - Parameters:
        ///   - opsLimit: Passes over memory, at least ``minimum``'s.
        ///   - memoryLimit: Memory in bytes, at least ``minimum``'s.
        public init(opsLimit: UInt64, memoryLimit: UInt64) {
            self.opsLimit = opsLimit
            self.memoryLimit = memoryLimit
        }

        /// libsodium's `OPSLIMIT_INTERACTIVE` / `MEMLIMIT_INTERACTIVE`: 2 passes, 64 MiB.
        public static let interactive = Parameters(opsLimit: 2, memoryLimit: 64 * 1024 * 1024)
        /// libsodium's `OPSLIMIT_MODERATE` / `MEMLIMIT_MODERATE`: 3 passes, 256 MiB.
        public static let moderate = Parameters(opsLimit: 3, memoryLimit: 256 * 1024 * 1024)
        /// libsodium's `OPSLIMIT_SENSITIVE` / `MEMLIMIT_SENSITIVE`: 4 passes, 1 GiB.
        public static let sensitive = Parameters(opsLimit: 4, memoryLimit: 1024 * 1024 * 1024)
        /// The smallest values libsodium accepts: 1 pass, 8 KiB. Only for tests: offers no protection.
        public static let minimum = Parameters(opsLimit: 1, memoryLimit: 8192)

        /// `opsLimit=…, memoryLimit=…`.
        public var description: String { "opsLimit=\(opsLimit), memoryLimit=\(memoryLimit)" }
    }

    /// Derives a ``SymmetricKey`` from a passphrase.
    ///
    /// The key is written straight into wiped memory.
    /// - Parameters:
    ///   - passphrase: The passphrase.
    ///   - salt: ``saltLength`` random bytes, stored with what the key protects.
    ///   - parameters: The cost.
    /// - Returns: The 32-byte key.
    /// - Throws: ``DIDCryptoError/Code/invalidKeyLength`` for a salt of the wrong length;
    ///   ``DIDCryptoError/Code/unsupportedOperation`` for parameters outside libsodium's limits;
    ///   ``DIDCryptoError/Code/internalFailure`` when libsodium fails (out of memory).
    public static func deriveKey(
        from passphrase: Passphrase,
        salt: some Collection<UInt8>,
        parameters: Parameters
    ) throws(DIDCryptoError) -> SymmetricKey {
        guard salt.count == saltLength else {
            throw DIDCryptoError(.invalidKeyLength, "an Argon2id salt is \(saltLength) bytes, not \(salt.count)")
        }
        guard parameters.opsLimit >= UInt64(crypto_pwhash_argon2id_opslimit_min()),
            parameters.opsLimit <= UInt64(crypto_pwhash_argon2id_opslimit_max()),
            parameters.memoryLimit >= UInt64(crypto_pwhash_argon2id_memlimit_min()),
            parameters.memoryLimit <= UInt64(crypto_pwhash_argon2id_memlimit_max())
        else {
            throw DIDCryptoError(.unsupportedOperation, "Argon2id parameters out of range: \(parameters)")
        }
        Sodium.ensureInitialized()
        let salt = Array(salt)
        var status: Int32 = 0
        let secret = SecretBytes.make(count: SymmetricKey.length) { output in
            status = passphrase.secret.withUnsafeBytes { password in
                withUnsafeTemporaryAllocation(of: CChar.self, capacity: 1) { empty in
                    empty[0] = 0
                    let passwordPointer =
                        password.baseAddress?.assumingMemoryBound(to: CChar.self) ?? UnsafePointer(empty.baseAddress!)
                    return salt.withUnsafeBytes { salt in
                        crypto_pwhash(
                            output.baseAddress!.assumingMemoryBound(to: UInt8.self),
                            UInt64(output.count),
                            passwordPointer,
                            UInt64(password.count),
                            salt.baseAddress!.assumingMemoryBound(to: UInt8.self),
                            parameters.opsLimit,
                            Int(parameters.memoryLimit),
                            crypto_pwhash_ALG_ARGON2ID13
                        )
                    }
                }
            }
        }
        guard status == 0 else {
            throw DIDCryptoError(.internalFailure, "Argon2id failed (not enough memory for \(parameters)?)")
        }
        return SymmetricKey(secret: secret)
    }
}
