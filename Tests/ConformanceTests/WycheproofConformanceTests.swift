// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto
import DIDTestSupport
import Foundation
import Testing

/// Upstream `wycheproof/` (C2SP/wycheproof `testvectors_v1`): Ed25519 and ECDSA P1363 (r ‖ s) verification.
///
/// Every `valid` test must verify and every `invalid` test must not. A public key that DIDCrypto refuses to import
/// counts as "does not verify". `acceptable` tests (neither outcome is wrong, per Wycheproof) are counted
/// separately and accepted with either outcome; the four files in this suite currently contain none.
///
/// secp256k1: Wycheproof's generic ECDSA files treat a signature and its malleated twin (s ↔ n − s) as valid,
/// while DIDCrypto's default verification refuses high-S (s > n/2) as libsecp256k1 does. The verdicts are therefore
/// checked in DIDCrypto's documented normalise-then-verify mode (`isValidSignature(_:for:acceptingHighS: true)`),
/// and, separately, the default policy must reject exactly the `valid` tests whose s is high and accept the others.
/// The number of such high-S tests is printed.
@Suite("Conformance: wycheproof", .upstreamVectors)
struct WycheproofConformanceTests {
    private struct File: Decodable {
        struct Group: Decodable {
            struct Key: Decodable {
                let pk: String?
                let uncompressed: String?
            }
            struct Case: Decodable {
                let tcId: Int
                let comment: String
                let msg: String
                let sig: String
                let result: String
            }
            let publicKey: Key
            let tests: [Case]
        }
        let numberOfTests: Int
        let testGroups: [Group]
    }

    /// Tallies of one file.
    private struct Tally {
        var passed = 0
        var failed = 0
        var acceptable = 0
        var highSValid = 0
        var total: Int { passed + failed + acceptable }
    }

    /// Runs one file. `verify` returns the verdict for (key bytes, message, signature); `nil` key = refused import.
    private func run(
        _ path: String,
        keyType: KeyType,
        keyBytes: (File.Group.Key) -> String?,
        verify: (PublicKey, [UInt8], [UInt8]) -> Bool,
        extraCheck: ((PublicKey, [UInt8], [UInt8], inout Tally) -> Bool)? = nil
    ) throws -> Tally? {
        let data = try TestVectors.upstreamData(path)
        let file = try JSONDecoder().decode(File.self, from: data)
        var tally = Tally()
        for group in file.testGroups {
            let rawKey = try #require(keyBytes(group.publicKey).flatMap { Hex.bytes($0) }, "\(path): no key")
            let key = try? PublicKey(keyType: keyType, rawRepresentation: rawKey)
            for test in group.tests {
                let message = try #require(Hex.bytes(test.msg))
                let signature = try #require(Hex.bytes(test.sig))
                let verdict = key.map { verify($0, message, signature) } ?? false
                switch test.result {
                case "valid", "invalid":
                    var ok = verdict == (test.result == "valid")
                    if ok, test.result == "valid", let key, let extraCheck {
                        ok = extraCheck(key, message, signature, &tally)
                    }
                    #expect(ok, "\(path) tcId \(test.tcId) (\(test.comment)): expected \(test.result)")
                    if ok { tally.passed += 1 } else { tally.failed += 1 }
                case "acceptable":
                    // Explicit policy: either outcome is allowed for "acceptable" tests; they are counted apart.
                    tally.acceptable += 1
                default:
                    Issue.record("\(path) tcId \(test.tcId): unknown result \(test.result)")
                    tally.failed += 1
                }
            }
        }
        #expect(tally.total == file.numberOfTests, "\(path): every test was run")
        return tally
    }

    private func report(_ path: String, _ tally: Tally, note: String = "") {
        var parts = ["\(tally.acceptable) acceptable (either outcome allowed)"]
        if !note.isEmpty { parts.append(note) }
        TestVectors.report(suite: path, passed: tally.passed, failed: tally.failed, note: parts.joined(separator: "; "))
    }

    @Test("wycheproof ed25519_test.json: every valid/invalid verdict matches (libsodium)")
    func ed25519() throws {
        let path = "wycheproof/ed25519_test.json"
        guard
            let tally = try run(
                path,
                keyType: .ed25519,
                keyBytes: \.pk,
                verify: { $0.isValidSignature($2, for: $1) }
            )
        else { return }
        report(path, tally)
    }

    @Test(
        "wycheproof ECDSA P1363 P-256/SHA-256 and P-384/SHA-384: every valid/invalid verdict matches (swift-crypto)",
        arguments: [
            ("wycheproof/ecdsa_secp256r1_sha256_p1363_test.json", KeyType.p256),
            ("wycheproof/ecdsa_secp384r1_sha384_p1363_test.json", KeyType.p384),
        ]
    )
    func nist(path: String, keyType: KeyType) throws {
        guard
            let tally = try run(
                path,
                keyType: keyType,
                keyBytes: \.uncompressed,
                verify: { $0.isValidSignature($2, for: $1) }
            )
        else { return }
        report(path, tally)
    }

    /// secp256k1 group order n / 2, big-endian: the largest low-S value.
    private static let halfOrder = Hex.bytes("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")!

    @Test(
        "wycheproof ECDSA P1363 secp256k1/SHA-256: verdicts match in normalise-then-verify mode; default low-S policy refuses exactly the high-S valid tests"
    )
    func secp256k1() throws {
        let path = "wycheproof/ecdsa_secp256k1_sha256_p1363_test.json"
        guard
            let tally = try run(
                path,
                keyType: .secp256k1,
                keyBytes: \.uncompressed,
                verify: { $0.isValidSignature($2, for: $1, acceptingHighS: true) },
                extraCheck: { key, message, signature, tally in
                    let s = Array(signature[32...])
                    let isHigh = s.lexicographicallyPrecedes(Self.halfOrder) == false && s != Self.halfOrder
                    if isHigh { tally.highSValid += 1 }
                    // The default policy: valid low-S signatures verify, valid high-S ones are refused.
                    return key.isValidSignature(signature, for: message) == !isHigh
                }
            )
        else { return }
        #expect(tally.highSValid > 0, "the suite exercises malleated (high-S) signatures")
        report(
            path,
            tally,
            note:
                "verdicts in normalise-then-verify mode; \(tally.highSValid) valid high-S signatures are refused by the "
                + "default low-S policy, as intended"
        )
    }
}
