// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto
import DIDTestSupport
import Testing

/// `TestVectors/ed25519-x25519/conversion.json` (README there names the sources).
struct ConversionVectors: Decodable {
    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        let seed: String
        let ed25519PublicKey: String
        let x25519PublicKey: String
        let ed25519Multibase: String
        let x25519Multibase: String
        var testDescription: String { ed25519Multibase }
    }
    struct DIDKeyExample: Decodable, Sendable {
        let ed25519Multibase: String
        let x25519Multibase: String
    }
    let vectors: [Vector]
    let didKeyExample: DIDKeyExample

    static let shared = loadVectors(ConversionVectors.self, "ed25519-x25519/conversion.json")
}

@Suite("X25519 (RFC 7748) and Ed25519 → X25519")
struct X25519Tests {
    @Test("RFC 7748 §6.1: Alice's and Bob's public keys from their private scalars")
    func rfc7748PublicKeys() throws {
        let pairs = [
            (
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
                "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
            ),
            (
                "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
                "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"
            ),
        ]
        for (privateHex, publicHex) in pairs {
            let key = try PrivateKey(keyType: .x25519, rawRepresentation: hexBytes(privateHex))
            #expect(Hex.string(key.publicKey.rawRepresentation) == publicHex)
        }
    }

    @Test("RFC 7748 §4.1 map u = (1+y)/(1−y): project vectors", arguments: ConversionVectors.shared.vectors)
    func conversionVectors(vector: ConversionVectors.Vector) throws {
        let seedKey = try PrivateKey(keyType: .ed25519, rawRepresentation: hexBytes(vector.seed))
        #expect(Hex.string(seedKey.publicKey.rawRepresentation) == vector.ed25519PublicKey)
        let ed = try PublicKey(keyType: .ed25519, rawRepresentation: hexBytes(vector.ed25519PublicKey))
        let x = try ed.x25519FromEd25519()
        #expect(x.keyType == .x25519)
        #expect(Hex.string(x.rawRepresentation) == vector.x25519PublicKey)
        #expect(try ed.x25519FromEd25519CheckingSubgroup() == x)
        #expect(x.multibaseRepresentation == vector.x25519Multibase)
    }

    @Test("did:key v0.7 §Derive Encryption Key example: z6MkhaX…2doK → z6LSj72…dh9p")
    func didKeyExample() throws {
        let example = ConversionVectors.shared.didKeyExample
        let ed = try PublicKey(multibase: example.ed25519Multibase)
        #expect(try ed.x25519FromEd25519().multibaseRepresentation == example.x25519Multibase)
        #expect(try ed.x25519FromEd25519CheckingSubgroup().multibaseRepresentation == example.x25519Multibase)
    }

    @Test("the Swift field formula agrees with libsodium crypto_sign_ed25519_pk_to_curve25519 on 2,000 random keys")
    func agreesWithLibsodium() throws {
        for _ in 0..<2000 {
            let ed = PrivateKey.generate(.ed25519).publicKey
            #expect(try ed.x25519FromEd25519() == ed.x25519FromEd25519CheckingSubgroup())
        }
    }

    @Test("a key decoded again (remembered, or after more keys than the cache holds) converts as libsodium does")
    func repeatedDecoding() throws {
        let keys = (0..<300).map { _ in PrivateKey.generate(.ed25519).publicKey.rawRepresentation }
        for round in 0..<2 {
            for bytes in keys {
                let ed = try PublicKey(keyType: .ed25519, rawRepresentation: bytes)
                #expect(try ed.x25519FromEd25519() == ed.x25519FromEd25519CheckingSubgroup(), "round \(round)")
            }
        }
        let first = try PublicKey(keyType: .ed25519, rawRepresentation: keys[299])
        let again = try PublicKey(keyType: .ed25519, rawRepresentation: keys[299])
        #expect(try first.x25519FromEd25519() == again.x25519FromEd25519())
    }

    @Test("an invalid Ed25519 encoding is refused every time it is decoded (RFC 8032 §5.1.3: y ≥ p)")
    func invalidRefusedAgain() {
        let nonCanonical = [UInt8](repeating: 0xFF, count: 31) + [0x7F]
        for _ in 0..<3 {
            #expect(throws: DIDCryptoError(.invalidKey, "")) {
                try PublicKey(keyType: .ed25519, rawRepresentation: nonCanonical)
            }
        }
    }

    @Test("the converted key is the X25519 key of the same secret (RFC 7748 §4.1 / RFC 8032 §5.1.5 scalar)")
    func conversionMatchesScalar() throws {
        // An X25519 private key equal to the clamped Ed25519 scalar (SHA-512(seed)[0..<32]) has the converted key
        // as its public key.
        let seed = SecureRandom.bytes(count: 32)
        let ed = try PrivateKey(keyType: .ed25519, rawRepresentation: seed)
        let scalar = Array(Digest.sha512(seed).prefix(32))
        let x = try PrivateKey(keyType: .x25519, rawRepresentation: scalar)
        #expect(try ed.publicKey.x25519FromEd25519() == x.publicKey)
    }

    @Test("the identity point has no X25519 form; y = −1 maps to u = 0; non-Ed25519 keys are refused")
    func edgeCases() throws {
        let identity = try PublicKey(keyType: .ed25519, rawRepresentation: [1] + [UInt8](repeating: 0, count: 31))
        #expect(throws: DIDCryptoError(.invalidKey, "")) { try identity.x25519FromEd25519() }
        #expect(throws: DIDCryptoError(.invalidKey, "")) { try identity.x25519FromEd25519CheckingSubgroup() }
        let minusOne = try PublicKey(
            keyType: .ed25519,
            rawRepresentation: hexBytes("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
        )
        #expect(try minusOne.x25519FromEd25519().rawRepresentation == [UInt8](repeating: 0, count: 32))
        #expect(throws: DIDCryptoError(.invalidKey, ""), "libsodium refuses small-order points") {
            try minusOne.x25519FromEd25519CheckingSubgroup()
        }
        let x = PrivateKey.generate(.x25519).publicKey
        #expect(throws: DIDCryptoError(.unsupportedOperation, "")) { try x.x25519FromEd25519() }
    }

    @Test("RFC 7748 §5: any 32 bytes are an X25519 public key; other lengths are not", arguments: [0, 31, 33])
    func x25519Lengths(count: Int) throws {
        #expect(throws: DIDCryptoError(.invalidKeyLength, "")) {
            try PublicKey(keyType: .x25519, rawRepresentation: [UInt8](repeating: 0xFF, count: count))
        }
        let any = try PublicKey(keyType: .x25519, rawRepresentation: [UInt8](repeating: 0xFF, count: 32))
        #expect(any.rawRepresentation.count == 32)
    }
}
