// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto
import DIDTestSupport
import Testing

@Suite("Ed25519 (RFC 8032, libsodium)")
struct Ed25519Tests {
    /// RFC 8032 §7.1 TEST 1, 2, 3: seed, public key, message, signature.
    static let rfc8032: [(name: String, seed: String, publicKey: String, message: String, signature: String)] = [
        (
            "TEST 1",
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        ),
        (
            "TEST 2",
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        ),
        (
            "TEST 3",
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        ),
    ]

    @Test("RFC 8032 §7.1: seed → public key, deterministic signature, verification", arguments: 0..<3)
    func rfc8032Vectors(index: Int) throws {
        let vector = Self.rfc8032[index]
        let key = try PrivateKey(keyType: .ed25519, rawRepresentation: hexBytes(vector.seed))
        #expect(Hex.string(key.publicKey.rawRepresentation) == vector.publicKey)
        let message = hexBytes(vector.message)
        let signature = try key.signature(for: message)
        #expect(Hex.string(signature) == vector.signature)
        #expect(try key.signature(for: message) == signature, "RFC 8032 §5.1.6 signing is deterministic")
        let publicKey = try PublicKey(keyType: .ed25519, rawRepresentation: hexBytes(vector.publicKey))
        #expect(publicKey.isValidSignature(signature, for: message))
        #expect(!publicKey.isValidSignature(signature, for: message + [0]))
        var tampered = signature
        tampered[63] ^= 0x01
        #expect(!publicKey.isValidSignature(tampered, for: message))
        #expect(!publicKey.isValidSignature(signature.dropLast(), for: message), "a 63-byte signature is invalid")
    }

    @Test("generate → sign → verify, for messages of several sizes", arguments: [0, 1, 64, 1024, 100_000])
    func roundTrip(size: Int) throws {
        let key = PrivateKey.generate(.ed25519)
        let message = SecureRandom.bytes(count: size)
        let signature = try key.signature(for: message)
        #expect(signature.count == 64)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        // A non-contiguous collection takes the copying path and must give the same answer.
        #expect(key.publicKey.isValidSignature(signature, for: message.lazy.map { $0 }))
        #expect(!PrivateKey.generate(.ed25519).publicKey.isValidSignature(signature, for: message))
    }

    @Test("RFC 8032 §5.1.5: the seed is the raw private key and round-trips")
    func seedRoundTrip() throws {
        let key = PrivateKey.generate(.ed25519)
        let seed = key.withUnsafeRawRepresentation { Array($0) }
        #expect(seed.count == 32)
        let again = try PrivateKey(keyType: .ed25519, rawRepresentation: seed)
        #expect(again.publicKey == key.publicKey)
    }

    @Test("wrong lengths are invalidKeyLength", arguments: [0, 31, 33, 64])
    func wrongLengths(count: Int) {
        let bytes = [UInt8](repeating: 1, count: count)
        #expect(throws: DIDCryptoError(.invalidKeyLength, "")) {
            try PublicKey(keyType: .ed25519, rawRepresentation: bytes)
        }
        #expect(throws: DIDCryptoError(.invalidKeyLength, "")) {
            try PrivateKey(keyType: .ed25519, rawRepresentation: bytes)
        }
    }

    /// Encodings RFC 8032 §5.1.3 refuses: y ≥ p, x² = (y² − 1)/(d y² + 1) not a square, x = 0 with the sign bit set.
    static let invalidEncodings: [(why: String, hex: String)] = [
        ("y = p (non-canonical)", "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        ("y = p + 1 (non-canonical)", "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        ("y = 2^255 − 1 (non-canonical)", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        ("y = 2: no square root", "0200000000000000000000000000000000000000000000000000000000000000"),
        ("y = 1, x = 0 with sign bit", "0100000000000000000000000000000000000000000000000000000000000080"),
        ("y = −1, x = 0 with sign bit", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
    ]

    @Test("RFC 8032 §5.1.3: invalid point encodings are invalidKey", arguments: 0..<6)
    func invalidEncodings(index: Int) {
        let vector = Self.invalidEncodings[index]
        #expect(throws: DIDCryptoError(.invalidKey, ""), "\(vector.why)") {
            try PublicKey(keyType: .ed25519, rawRepresentation: hexBytes(vector.hex))
        }
    }

    @Test("small-order points decode (RFC 8032 §5.1.3) but libsodium refuses them in verification")
    func smallOrderPoints() throws {
        // y = 1 (identity) and y = −1 (order 2), sign bit clear.
        let identity = try PublicKey(keyType: .ed25519, rawRepresentation: [1] + [UInt8](repeating: 0, count: 31))
        let orderTwo = try PublicKey(
            keyType: .ed25519,
            rawRepresentation: hexBytes("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
        )
        let signature = [UInt8](repeating: 0, count: 64)
        #expect(!identity.isValidSignature(signature, for: [1, 2, 3]))
        #expect(!orderTwo.isValidSignature(signature, for: [1, 2, 3]))
    }

    @Test("X25519 keys cannot sign and verify nothing")
    func x25519CannotSign() {
        let key = PrivateKey.generate(.x25519)
        #expect(throws: DIDCryptoError(.unsupportedOperation, "")) { try key.signature(for: [1]) }
        #expect(!key.publicKey.isValidSignature([UInt8](repeating: 0, count: 64), for: [1]))
    }
}
