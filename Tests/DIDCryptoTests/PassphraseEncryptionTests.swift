// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto
import DIDTestSupport
import Testing

/// Argon2id, XChaCha20-Poly1305 and the wiped passphrase and key types behind the keystore.
@Suite("DIDCrypto: Argon2id and XChaCha20-Poly1305 (libsodium)")
struct PassphraseEncryptionTests {
    /// draft-irtf-cfrg-xchacha-03 §A.3.1 inputs.
    static let key = SymmetricKeyVector(hex: "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
    static let nonce = hexBytes("404142434445464748494a4b4c4d4e4f5051525354555657")
    static let associatedData = hexBytes("50515253c0c1c2c3c4c5c6c7")
    static let plaintext = Array(
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."
            .utf8
    )
    /// §A.3.1 ciphertext ‖ tag (also computed independently with Python `cryptography` + HChaCha20).
    static let sealed = hexBytes(
        "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c"
            + "54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff921f9664c97637da97688"
            + "12f615c68b13b52ec0875924c1c7987947deafd8780acf49"
    )

    @Test("draft-irtf-cfrg-xchacha-03 §A.3.1: XChaCha20-Poly1305 seal and open")
    func xchachaVector() throws {
        let key = try Self.key.make()
        let sealed = try Self.plaintext.withUnsafeBytes { (plaintext) throws(DIDCryptoError) -> [UInt8] in
            try XChaCha20Poly1305.seal(plaintext, using: key, nonce: Self.nonce, authenticating: Self.associatedData)
        }
        #expect(sealed == Self.sealed)
        let opened = try XChaCha20Poly1305.open(
            Self.sealed,
            using: key,
            nonce: Self.nonce,
            authenticating: Self.associatedData
        ) { Array($0) }
        #expect(opened == Self.plaintext)
    }

    @Test(
        "draft-irtf-cfrg-xchacha-03 §2: any changed byte of ciphertext, tag, nonce, associated data or key fails",
        arguments: ["ciphertext", "tag", "nonce", "associatedData", "key", "truncated"]
    )
    func xchachaTampering(part: String) throws {
        var sealed = Self.sealed
        var nonce = Self.nonce
        var associatedData = Self.associatedData
        var key = try Self.key.make()
        switch part {
        case "ciphertext": sealed[3] ^= 0x01
        case "tag": sealed[sealed.count - 1] ^= 0x80
        case "nonce": nonce[23] ^= 0x01
        case "associatedData": associatedData[0] ^= 0x01
        case "key": key = SymmetricKey.generate()
        default: sealed = Array(sealed.prefix(10))
        }
        let opened = try XChaCha20Poly1305.open(sealed, using: key, nonce: nonce, authenticating: associatedData) {
            Array($0)
        }
        #expect(opened == nil)
    }

    @Test("XChaCha20-Poly1305 refuses a nonce that is not 24 bytes")
    func xchachaNonceLength() throws {
        let key = SymmetricKey.generate()
        let error = #expect(throws: DIDCryptoError.self) {
            try [UInt8](repeating: 0, count: 4).withUnsafeBytes { (plaintext) throws(DIDCryptoError) -> [UInt8] in
                try XChaCha20Poly1305.seal(plaintext, using: key, nonce: [0, 1], authenticating: [])
            }
        }
        #expect(error?.code == .invalidKeyLength)
    }

    @Test("RFC 9106: Argon2id is deterministic in passphrase, salt and parameters, and sensitive to each")
    func argon2id() throws {
        let salt = [UInt8](repeating: 7, count: Argon2id.saltLength)
        let parameters = Argon2id.Parameters(opsLimit: 1, memoryLimit: 65536)
        func seal(_ key: SymmetricKey) throws -> [UInt8] {
            try [UInt8]().withUnsafeBytes { (empty) throws(DIDCryptoError) -> [UInt8] in
                try XChaCha20Poly1305.seal(empty, using: key, nonce: Self.nonce, authenticating: [])
            }
        }
        let base = try seal(try Argon2id.deriveKey(from: Passphrase("pass"), salt: salt, parameters: parameters))
        #expect(
            base == (try seal(try Argon2id.deriveKey(from: Passphrase("pass"), salt: salt, parameters: parameters)))
        )
        let variants = [
            try Argon2id.deriveKey(from: Passphrase("Pass"), salt: salt, parameters: parameters),
            try Argon2id.deriveKey(
                from: Passphrase("pass"),
                salt: [UInt8](repeating: 8, count: 16),
                parameters: parameters
            ),
            try Argon2id.deriveKey(
                from: Passphrase("pass"),
                salt: salt,
                parameters: .init(opsLimit: 2, memoryLimit: 65536)
            ),
            try Argon2id.deriveKey(
                from: Passphrase("pass"),
                salt: salt,
                parameters: .init(opsLimit: 1, memoryLimit: 131072)
            ),
            try Argon2id.deriveKey(from: Passphrase(""), salt: salt, parameters: parameters),
        ]
        for variant in variants {
            #expect(try seal(variant) != base)
        }
    }

    @Test("Argon2id refuses a salt that is not 16 bytes and parameters below libsodium's minimum")
    func argon2idArguments() {
        let short = #expect(throws: DIDCryptoError.self) {
            try Argon2id.deriveKey(from: Passphrase("p"), salt: [1, 2, 3], parameters: .minimum)
        }
        #expect(short?.code == .invalidKeyLength)
        let cheap = #expect(throws: DIDCryptoError.self) {
            try Argon2id.deriveKey(
                from: Passphrase("p"),
                salt: [UInt8](repeating: 0, count: 16),
                parameters: .init(opsLimit: 0, memoryLimit: 8192)
            )
        }
        #expect(cheap?.code == .unsupportedOperation)
    }

    @Test("Passphrase: constant-time matching, wiping init, no bytes in any description")
    func passphrase() {
        var input = Array("s3cret-words".utf8)
        let passphrase = Passphrase(wiping: &input)
        #expect(input == [UInt8](repeating: 0, count: 12))
        #expect(passphrase.matches(Passphrase("s3cret-words")))
        #expect(!passphrase.matches(Passphrase("s3cret-wordz")))
        #expect(!passphrase.matches(Passphrase("s3cret")))
        var dumped = ""
        dump(passphrase, to: &dumped)
        let key = SymmetricKey.generate()
        dump(key, to: &dumped)
        for text in ["\(passphrase)", String(reflecting: passphrase), dumped, "\(key)", String(reflecting: key)] {
            #expect(!text.contains("s3cret"), "\(text)")
        }
    }
}

/// Raw key bytes for a test, made into a ``SymmetricKey`` on demand.
struct SymmetricKeyVector: Sendable {
    let bytes: [UInt8]
    init(hex: String) { bytes = hexBytes(hex) }
    func make() throws -> SymmetricKey { try SymmetricKey(rawRepresentation: bytes) }
}
