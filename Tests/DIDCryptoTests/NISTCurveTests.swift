// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto
import DIDTestSupport
import Testing

/// `TestVectors/ecdsa-nist/rfc6979.json` (README there names the source).
struct NISTVectors: Decodable {
    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        let section: String
        let keyType: String
        let privateKey: String
        let publicKeyX: String
        let publicKeyY: String
        let publicKeyCompressed: String
        let message: String
        let signature: String
        var testDescription: String { "\(section) \(keyType) \"\(message)\"" }
        var type: KeyType { KeyType(rawValue: keyType)! }
    }
    let vectors: [Vector]
    static let shared = loadVectors(NISTVectors.self, "ecdsa-nist/rfc6979.json")
}

@Suite("P-256, P-384, P-521 ECDSA (swift-crypto)")
struct NISTCurveTests {
    @Test(
        "RFC 6979 A.2.5–A.2.7: public key derivation, point forms, signature verification",
        arguments: NISTVectors.shared.vectors
    )
    func rfc6979(vector: NISTVectors.Vector) throws {
        let key = try PrivateKey(keyType: vector.type, rawRepresentation: hexBytes(vector.privateKey))
        let publicKey = key.publicKey
        #expect(Hex.string(publicKey.rawRepresentation) == vector.publicKeyCompressed)
        #expect(
            publicKey.uncompressedRepresentation.map { Hex.string($0) } == "04" + vector.publicKeyX + vector.publicKeyY
        )
        let fromCompressed = try PublicKey(
            keyType: vector.type,
            rawRepresentation: hexBytes(vector.publicKeyCompressed)
        )
        let fromUncompressed = try PublicKey(
            keyType: vector.type,
            rawRepresentation: hexBytes("04" + vector.publicKeyX + vector.publicKeyY)
        )
        #expect(fromCompressed == publicKey)
        #expect(fromUncompressed == publicKey)
        let message = Array(vector.message.utf8)
        let signature = hexBytes(vector.signature)
        #expect(signature.count == vector.type.signatureLength)
        #expect(fromCompressed.isValidSignature(signature, for: message))
        #expect(!fromCompressed.isValidSignature(signature, for: message + [0]))
        var tampered = signature
        tampered[5] ^= 0x10
        #expect(!fromCompressed.isValidSignature(tampered, for: message))
        // A fresh (randomised) signature verifies too.
        let fresh = try key.signature(for: message)
        #expect(fresh.count == vector.type.signatureLength)
        #expect(publicKey.isValidSignature(fresh, for: message))
    }

    @Test(
        "ECDSA s ↔ n − s: both verify by default on NIST curves; acceptingHighS: false keeps only the low one",
        arguments: [KeyType.p256, .p384, .p521]
    )
    func malleability(keyType: KeyType) throws {
        let key = PrivateKey.generate(keyType)
        let message = Array("malleability".utf8)
        let signature = try key.signature(for: message)
        let size = signature.count / 2
        let other = Array(signature[..<size]) + negate(Array(signature[size...]), keyType: keyType)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(key.publicKey.isValidSignature(other, for: message))
        let lowValid = key.publicKey.isValidSignature(signature, for: message, acceptingHighS: false)
        let highValid = key.publicKey.isValidSignature(other, for: message, acceptingHighS: false)
        #expect(lowValid != highValid, "exactly one of s and n − s is low")
    }

    /// n − s for the curve's order n (big-endian, equal lengths).
    func negate(_ s: [UInt8], keyType: KeyType) -> [UInt8] {
        let order: [UInt8] =
            switch keyType {
            case .p256: hexBytes("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
            case .p384:
                hexBytes(
                    "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"
                )
            default:
                hexBytes(
                    "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                        + "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
                )
            }
        var result = [UInt8](repeating: 0, count: s.count)
        var borrow = 0
        for index in stride(from: s.count - 1, through: 0, by: -1) {
            var difference = Int(order[index]) - Int(s[index]) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 256 }
            result[index] = UInt8(difference)
        }
        return result
    }

    @Test(
        "lengths: compressed and uncompressed accepted, anything else is invalidKeyLength",
        arguments: [KeyType.p256, .p384, .p521]
    )
    func lengths(keyType: KeyType) throws {
        let key = PrivateKey.generate(keyType).publicKey
        #expect(key.rawRepresentation.count == keyType.publicKeyLength)
        #expect(key.uncompressedRepresentation?.count == 2 * keyType.publicKeyLength - 1)
        #expect(throws: DIDCryptoError(.invalidKeyLength, "")) {
            try PublicKey(keyType: keyType, rawRepresentation: key.rawRepresentation.dropLast())
        }
        #expect(throws: DIDCryptoError(.invalidKeyLength, "")) {
            try PrivateKey(
                keyType: keyType,
                rawRepresentation: [UInt8](repeating: 1, count: keyType.privateKeyLength + 1)
            )
        }
        var offCurve = key.uncompressedRepresentation!
        offCurve[offCurve.count - 1] ^= 1
        #expect(throws: DIDCryptoError(.invalidKey, "")) {
            try PublicKey(keyType: keyType, rawRepresentation: offCurve)
        }
        var badPrefix = key.rawRepresentation
        badPrefix[0] = 0x04
        #expect(throws: DIDCryptoError(.invalidKey, "")) {
            try PublicKey(keyType: keyType, rawRepresentation: badPrefix)
        }
        #expect(throws: DIDCryptoError(.invalidKey, "")) {
            try PrivateKey(keyType: keyType, rawRepresentation: [UInt8](repeating: 0, count: keyType.privateKeyLength))
        }
    }

    @Test("a signature of the wrong length or from another curve is invalid")
    func crossCurve() throws {
        let p256 = PrivateKey.generate(.p256)
        let p384 = PrivateKey.generate(.p384)
        let message = [UInt8](repeating: 7, count: 10)
        let signature = try p256.signature(for: message)
        #expect(!p384.publicKey.isValidSignature(signature, for: message))
        #expect(!p256.publicKey.isValidSignature(signature + [0], for: message))
        #expect(!p256.publicKey.isValidSignature([], for: message))
    }
}
