// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto
import DIDTestSupport
import Foundation
import Testing

/// Upstream `rfc8032-ed25519/`: RFC 8032 §7.1 TEST 1, 2, 3, 1024 and SHA(abc).
@Suite("Conformance: rfc8032-ed25519", .upstreamVectors)
struct RFC8032ConformanceTests {
    private struct File: Decodable {
        struct Vector: Decodable {
            let name: String
            let secretKey: String
            let publicKey: String
            let message: String
            let signature: String
        }
        let vectors: [Vector]
    }

    @Test("RFC 8032 §7.1: seed → public key, deterministic signature byte-equal, verify, tamper rejected")
    func ed25519() throws {
        let data = try TestVectors.upstreamData("rfc8032-ed25519/ed25519-rfc8032.json")
        let vectors = try JSONDecoder().decode(File.self, from: data).vectors
        #expect(!vectors.isEmpty)
        var passed = 0
        var failed = 0
        for vector in vectors {
            let seed = try #require(Hex.bytes(vector.secretKey))
            let message = try #require(Hex.bytes(vector.message))
            let expected = try #require(Hex.bytes(vector.signature))
            let key = try PrivateKey(keyType: .ed25519, rawRepresentation: seed)
            let publicKey = try PublicKey(
                keyType: .ed25519,
                rawRepresentation: try #require(Hex.bytes(vector.publicKey))
            )
            var tampered = expected
            tampered[0] ^= 0x80
            let signature = try key.signature(for: message)
            let ok =
                key.publicKey == publicKey
                && signature == expected
                && publicKey.isValidSignature(expected, for: message)
                && !publicKey.isValidSignature(tampered, for: message)
                && !publicKey.isValidSignature(expected, for: message + [0])
            #expect(ok, "\(vector.name)")
            if ok { passed += 1 } else { failed += 1 }
        }
        TestVectors.report(suite: "rfc8032-ed25519/ed25519-rfc8032.json", passed: passed, failed: failed)
    }
}
