// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto
import DIDTestSupport
import Foundation
import Testing

/// `TestVectors/ecdsa-secp256k1/rfc6979-low-s.json` (README there names the source).
struct Secp256k1ECDSAVectors: Decodable {
    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        let privateKey: String
        let publicKeyCompressed: String
        let publicKeyUncompressed: String
        let message: String
        let signatureLowS: String
        let signatureHighS: String
        var testDescription: String { "d = \(privateKey.prefix(8))…, message \"\(message.prefix(12))\"" }
    }
    let vectors: [Vector]
    static let shared = loadVectors(Secp256k1ECDSAVectors.self, "ecdsa-secp256k1/rfc6979-low-s.json")
}

/// One row of BIP-340's `test-vectors.csv` (`TestVectors/bip340/`).
struct BIP340Vector: Sendable, CustomTestStringConvertible {
    let index: Int
    let secretKey: [UInt8]?
    let publicKey: [UInt8]
    let auxRand: [UInt8]?
    let message: [UInt8]
    let signature: [UInt8]
    let valid: Bool
    let comment: String
    var testDescription: String { "BIP-340 vector \(index)\(comment.isEmpty ? "" : ": " + comment)" }

    static let all: [BIP340Vector] = {
        let text = String(decoding: (try? TestVectors.localData("bip340/test-vectors.csv")) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return BIP340Vector(
                index: Int(fields[0])!,
                secretKey: fields[1].isEmpty ? nil : hexBytes(fields[1]),
                publicKey: hexBytes(fields[2]),
                auxRand: fields[3].isEmpty ? nil : hexBytes(fields[3]),
                message: hexBytes(fields[4]),
                signature: hexBytes(fields[5]),
                valid: fields[6] == "TRUE",
                comment: fields[7...].joined(separator: ",")
            )
        }
    }()
}

@Suite("secp256k1 (libsecp256k1): ECDSA low-S and BIP-340 Schnorr")
struct Secp256k1Tests {
    @Test("RFC 6979 nonces + low-S: signatures are byte-identical", arguments: Secp256k1ECDSAVectors.shared.vectors)
    func deterministicLowS(vector: Secp256k1ECDSAVectors.Vector) throws {
        let key = try PrivateKey(keyType: .secp256k1, rawRepresentation: hexBytes(vector.privateKey))
        #expect(Hex.string(key.publicKey.rawRepresentation) == vector.publicKeyCompressed)
        #expect(key.publicKey.uncompressedRepresentation.map { Hex.string($0) } == vector.publicKeyUncompressed)
        let message = Array(vector.message.utf8)
        #expect(Hex.string(try key.signature(for: message)) == vector.signatureLowS)
        #expect(key.publicKey.isValidSignature(hexBytes(vector.signatureLowS), for: message))
        #expect(!key.publicKey.isValidSignature(hexBytes(vector.signatureLowS), for: message + [0x20]))
    }

    @Test(
        "low-S policy: high-S is refused by default, accepted only with acceptingHighS",
        arguments: Secp256k1ECDSAVectors.shared.vectors
    )
    func highS(vector: Secp256k1ECDSAVectors.Vector) throws {
        let publicKey = try PublicKey(keyType: .secp256k1, rawRepresentation: hexBytes(vector.publicKeyCompressed))
        let message = Array(vector.message.utf8)
        let high = hexBytes(vector.signatureHighS)
        #expect(!publicKey.isValidSignature(high, for: message))
        #expect(!publicKey.isValidSignature(high, for: message, acceptingHighS: false))
        #expect(publicKey.isValidSignature(high, for: message, acceptingHighS: true))
        #expect(!publicKey.isValidSignature(high, for: message + [1], acceptingHighS: true))
    }

    @Test(
        "SEC1 §2.3.3: uncompressed input is normalised to the compressed raw form",
        arguments: Secp256k1ECDSAVectors.shared.vectors
    )
    func uncompressedInput(vector: Secp256k1ECDSAVectors.Vector) throws {
        let key = try PublicKey(keyType: .secp256k1, rawRepresentation: hexBytes(vector.publicKeyUncompressed))
        #expect(Hex.string(key.rawRepresentation) == vector.publicKeyCompressed)
        #expect(key == (try PublicKey(keyType: .secp256k1, rawRepresentation: hexBytes(vector.publicKeyCompressed))))
    }

    @Test("malformed SEC1 points are refused")
    func malformedPoints() throws {
        let valid = hexBytes(Secp256k1ECDSAVectors.shared.vectors[0].publicKeyUncompressed)
        var hybrid = valid
        hybrid[0] = 0x06 | (valid[64] & 1)  // SEC1 "hybrid" form: libsecp256k1 parses it, JOSE/Multikey don't allow it
        #expect(throws: DIDCryptoError(.invalidKey, "")) {
            try PublicKey(keyType: .secp256k1, rawRepresentation: hybrid)
        }
        var offCurve = valid
        offCurve[64] ^= 1
        #expect(throws: DIDCryptoError(.invalidKey, "")) {
            try PublicKey(keyType: .secp256k1, rawRepresentation: offCurve)
        }
        // x = p (not a field element) and a bad prefix.
        let xIsP = [0x02] + hexBytes("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f")
        #expect(throws: DIDCryptoError(.invalidKey, "")) { try PublicKey(keyType: .secp256k1, rawRepresentation: xIsP) }
        var badPrefix = xIsP
        badPrefix[0] = 0x05
        #expect(throws: DIDCryptoError(.invalidKey, "")) {
            try PublicKey(keyType: .secp256k1, rawRepresentation: badPrefix)
        }
        #expect(throws: DIDCryptoError(.invalidKeyLength, "")) {
            try PublicKey(keyType: .secp256k1, rawRepresentation: valid.dropLast())
        }
    }

    @Test("SEC1 §2.3.6: scalars 0 and n are not private keys")
    func scalarRange() {
        let zero = [UInt8](repeating: 0, count: 32)
        let order = hexBytes("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
        #expect(throws: DIDCryptoError(.invalidKey, "")) {
            try PrivateKey(keyType: .secp256k1, rawRepresentation: zero)
        }
        #expect(throws: DIDCryptoError(.invalidKey, "")) {
            try PrivateKey(keyType: .secp256k1, rawRepresentation: order)
        }
    }

    @Test("generated keys sign low-S signatures that verify", arguments: 0..<20)
    func generatedRoundTrip(round: Int) throws {
        let key = PrivateKey.generate(.secp256k1)
        let message = SecureRandom.bytes(count: round * 13)
        let signature = try key.signature(for: message)
        #expect(signature.count == 64)
        #expect(signature[32] < 0x80, "low-S: s ≤ n/2 < 2^255")
        #expect(key.publicKey.isValidSignature(signature, for: message))
    }

    @Test("BIP-340 test vectors: signing reproduces, verification agrees", arguments: BIP340Vector.all)
    func bip340(vector: BIP340Vector) throws {
        let publicKey: PublicKey
        do {
            publicKey = try PublicKey(xOnlyRepresentation: vector.publicKey)
        } catch {
            #expect(!vector.valid, "only invalid vectors may have an unusable public key")
            #expect(error.code == .invalidKey)
            return
        }
        #expect(publicKey.isValidSchnorrSignature(vector.signature, for: vector.message) == vector.valid)
        if let secretKey = vector.secretKey, let aux = vector.auxRand {
            let key = try PrivateKey(keyType: .secp256k1, rawRepresentation: secretKey)
            #expect(key.publicKey.xOnlyRepresentation == vector.publicKey)
            #expect(try key.schnorrSignature(for: vector.message, auxiliaryRandomness: aux) == vector.signature)
        }
    }

    @Test("BIP-340 vectors were all read")
    func bip340Count() {
        #expect(BIP340Vector.all.count == 15)
    }

    @Test("BIP-340 sign/verify with fresh auxiliary randomness and any message length", arguments: [0, 1, 32, 100])
    func schnorrRoundTrip(length: Int) throws {
        let key = PrivateKey.generate(.secp256k1)
        let message = SecureRandom.bytes(count: length)
        let signature = try key.schnorrSignature(for: message)
        #expect(key.publicKey.isValidSchnorrSignature(signature, for: message))
        #expect(!key.publicKey.isValidSchnorrSignature(signature, for: message + [0]))
        #expect(!key.publicKey.isValidSignature(signature, for: message), "a Schnorr signature is not an ECDSA one")
        let ed = PrivateKey.generate(.ed25519)
        #expect(throws: DIDCryptoError(.unsupportedOperation, "")) { try ed.schnorrSignature(for: message) }
        #expect(!ed.publicKey.isValidSchnorrSignature(signature, for: message))
        #expect(throws: DIDCryptoError(.invalidKeyLength, "")) {
            try key.schnorrSignature(for: message, auxiliaryRandomness: [1, 2, 3])
        }
    }
}
