// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDTestSupport
import Testing

@Suite("Multikey encode/decode (CID 1.0 §2.2.2, multicodec table.csv)")
struct MultikeyTests {
    /// CID 1.0 §2.2.2: the base58btc prefixes each key type's Multikey starts with.
    static let prefixes: [(KeyType, String, String)] = [
        (.ed25519, "z6Mk", "z3u2"),
        (.x25519, "z6LS", "z3we"),
        (.secp256k1, "zQ3s", "z3vL"),
        (.p256, "zDn", "z42"),
        (.p384, "z82", "z2fa"),
        (.p521, "z2J9", "zJp6"),
    ]

    @Test("public and private Multikey round trips with the table's prefixes", arguments: 0..<6)
    func roundTrip(index: Int) throws {
        let (keyType, publicPrefix, privatePrefix) = Self.prefixes[index]
        let key = PrivateKey.generate(keyType)
        let multibase = key.publicKey.multibaseRepresentation
        #expect(multibase.hasPrefix(publicPrefix))
        #expect(key.publicKey.multicodec == keyType.publicKeyMulticodec)
        #expect(try PublicKey(multibase: multibase) == key.publicKey)
        #expect(try PublicKey(multicodecRepresentation: key.publicKey.multicodecRepresentation) == key.publicKey)
        let secret = key.multibaseRepresentation
        #expect(secret.hasPrefix(privatePrefix))
        #expect(try PrivateKey(multibase: secret).publicKey == key.publicKey)
    }

    @Test(
        "CID 1.0 §2.2.2: a private-key header where a public key is expected is unsupportedKeyType",
        arguments: KeyType.allCases
    )
    func privateHeaderRefused(keyType: KeyType) throws {
        let key = PrivateKey.generate(keyType)
        let error = #expect(throws: DIDCryptoError.self) { try PublicKey(multibase: key.multibaseRepresentation) }
        #expect(error?.code == .unsupportedKeyType)
        #expect(error?.reason.contains("private key header where a public key is expected") == true)
        #expect(throws: DIDCryptoError(.unsupportedKeyType, "")) {
            try PrivateKey(multibase: key.publicKey.multibaseRepresentation)
        }
    }

    @Test("did:key v0.7 §3.1 errors: did:key:zTjsVPtY (ed01 050505) is invalidKeyLength")
    func shortKey() {
        #expect(throws: DIDCryptoError(.invalidKeyLength, "")) { try PublicKey(multibase: "zTjsVPtY") }
    }

    @Test(
        "wrong lengths for every type are invalidKeyLength; uncompressed EC points are not Multikey",
        arguments: KeyType.allCases
    )
    func wrongLength(keyType: KeyType) throws {
        let key = PrivateKey.generate(keyType).publicKey
        let longer = keyType.publicKeyMulticodec.prefixing(key.rawRepresentation + [0])
        #expect(throws: DIDCryptoError(.invalidKeyLength, "")) {
            try PublicKey(multibase: Multibase.encode(longer, as: .base58btc))
        }
        if let uncompressed = key.uncompressedRepresentation {
            #expect(throws: DIDCryptoError(.invalidKeyLength, "")) {
                try PublicKey(multicodec: keyType.publicKeyMulticodec, rawRepresentation: uncompressed)
            }
        }
    }

    @Test("an EC point not on the curve is invalidKey", arguments: [KeyType.secp256k1, .p256, .p384, .p521])
    func offCurve(keyType: KeyType) throws {
        // x = 0…05 with prefix 02: on none of these curves is x³ + ax + b at x = 5 guaranteed square; search for
        // the first x that is not a point so the test does not depend on luck.
        var rejected = 0
        for x in UInt8(1)...UInt8(40) {
            let raw = [0x02] + [UInt8](repeating: 0, count: keyType.publicKeyLength - 2) + [x]
            do {
                _ = try PublicKey(multicodec: keyType.publicKeyMulticodec, rawRepresentation: raw)
            } catch {
                #expect(error.code == .invalidKey)
                rejected += 1
            }
        }
        #expect(rejected > 5, "about half of all x have no point")
    }

    @Test("unsupported and unknown headers are unsupportedKeyType")
    func unsupportedHeaders() throws {
        let bls = Multicodec.bls12381G2Pub.prefixing([UInt8](repeating: 1, count: 96))
        let blsError = #expect(throws: DIDCryptoError.self) {
            try PublicKey(multibase: Multibase.encode(bls, as: .base58btc))
        }
        #expect(blsError?.code == .unsupportedKeyType)
        let unknown = Varint.encode(0x7777) + [UInt8](repeating: 1, count: 32)
        #expect(throws: DIDCryptoError(.unsupportedKeyType, "")) {
            try PublicKey(multibase: Multibase.encode(unknown, as: .base58btc))
        }
    }

    @Test("Multikey values must be base58btc: other multibase encodings and bad characters are invalidKey")
    func notBase58() throws {
        let key = PrivateKey.generate(.ed25519).publicKey
        let base64 = Multibase.encode(key.multicodecRepresentation, as: .base64url)
        #expect(throws: DIDCryptoError(.invalidKey, "")) { try PublicKey(multibase: base64) }
        #expect(throws: DIDCryptoError(.invalidKey, "")) { try PublicKey(multibase: "z6Mk0OIl") }
        #expect(throws: DIDCryptoError(.invalidKey, "")) { try PublicKey(multibase: "") }
    }

    @Test("KeyType ↔ multicodec mapping (CID 1.0 §2.2.2, multicodec `table.csv`)")
    func mapping() {
        for keyType in KeyType.allCases {
            #expect(KeyType(publicKeyMulticodec: keyType.publicKeyMulticodec) == keyType)
            #expect(KeyType(privateKeyMulticodec: keyType.privateKeyMulticodec) == keyType)
            #expect(KeyType(publicKeyMulticodec: keyType.privateKeyMulticodec) == nil)
        }
        #expect(KeyType.allCases.map(\.publicKeyMulticodec.code) == [0xED, 0xEC, 0xE7, 0x1200, 0x1201, 0x1202])
        #expect(KeyType.allCases.map(\.privateKeyMulticodec.code) == [0x1300, 0x1302, 0x1301, 0x1306, 0x1307, 0x1308])
    }

    @Test("description shows the Multikey form")
    func description() {
        let key = PrivateKey.generate(.p256).publicKey
        #expect(key.description == "PublicKey(P-256, \(key.multibaseRepresentation))")
    }
}
