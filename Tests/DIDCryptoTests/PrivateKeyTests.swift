// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto
import DIDTestSupport
import Testing

@Suite("PrivateKey: generation, raw form, no secrets in descriptions")
struct PrivateKeyTests {
    @Test("generate, raw round trip and sign/verify for every key type", arguments: KeyType.allCases)
    func everyType(keyType: KeyType) throws {
        let key = PrivateKey.generate(keyType)
        #expect(key.keyType == keyType)
        #expect(key.publicKey.keyType == keyType)
        #expect(key.publicKey.rawRepresentation.count == keyType.publicKeyLength)
        let raw = key.withUnsafeRawRepresentation { Array($0) }
        #expect(raw.count == keyType.privateKeyLength)
        #expect(try PrivateKey(keyType: keyType, rawRepresentation: raw).publicKey == key.publicKey)
        #expect(PrivateKey.generate(keyType).publicKey != key.publicKey, "two generated keys differ")
        if keyType.canSign {
            let signature = try key.signature(for: [1, 2, 3])
            #expect(signature.count == keyType.signatureLength)
            #expect(key.publicKey.isValidSignature(signature, for: [1, 2, 3]))
        }
    }

    @Test(
        "description, debugDescription, mirror and string interpolation never show the secret",
        arguments: KeyType.allCases
    )
    func noSecretInDescriptions(keyType: KeyType) {
        let key = PrivateKey.generate(keyType)
        let secretHex = key.withUnsafeRawRepresentation { Hex.string($0) }
        let secretMultibase = key.multibaseRepresentation
        var dumped = ""
        dump(key, to: &dumped)
        let texts = [key.description, key.debugDescription, "\(key)", String(reflecting: key), dumped]
        for text in texts {
            #expect(!text.contains(secretHex))
            #expect(!text.contains(secretMultibase))
            #expect(text.contains(key.publicKey.multibaseRepresentation))
        }
        #expect(Mirror(reflecting: key).children.map(\.label) == ["keyType", "publicKey"])
    }

    @Test("SecureRandom gives the requested number of distinct bytes")
    func secureRandom() {
        #expect(SecureRandom.bytes(count: 0).isEmpty)
        let a = SecureRandom.bytes(count: 32)
        let b = SecureRandom.bytes(count: 32)
        #expect(a.count == 32)
        #expect(a != b)
    }

    @Test("KeyType facts (CID 1.0 §2.2.2 lengths; RFC 7518 §3.4 signature sizes)")
    func keyTypeFacts() {
        #expect(KeyType.allCases.map(\.publicKeyLength) == [32, 32, 33, 33, 49, 67])
        #expect(KeyType.allCases.map(\.privateKeyLength) == [32, 32, 32, 32, 48, 66])
        #expect(KeyType.allCases.map(\.signatureLength) == [64, nil, 64, 64, 96, 132])
        #expect(KeyType.allCases.map(\.description) == ["Ed25519", "X25519", "secp256k1", "P-256", "P-384", "P-521"])
        #expect(KeyType(rawValue: "p256") == .p256)
    }
}
