// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import DIDTestSupport
import Foundation
import Testing

/// One key type with its suite, for parameterized tests.
struct DataIntegrityTestSuite: Sendable, CustomStringConvertible {
    let keyType: KeyType
    let cryptosuite: Cryptosuite
    var description: String { "\(cryptosuite.name) \(keyType.rawValue)" }

    static let all = [
        DataIntegrityTestSuite(keyType: .ed25519, cryptosuite: .eddsaJcs2022),
        DataIntegrityTestSuite(keyType: .p256, cryptosuite: .ecdsaJcs2019),
        DataIntegrityTestSuite(keyType: .p384, cryptosuite: .ecdsaJcs2019),
    ]
}

@Suite("Data Integrity: add and verify proofs")
struct DataIntegrityTests {
    let resolver = CredentialsTestResolver()

    func secured(
        _ suite: DataIntegrityTestSuite,
        options: (String) -> ProofOptions? = { _ in nil }
    ) throws
        -> (JSONObject, CredentialsTestKey)
    {
        let signer = CredentialsTestKey(suite.keyType)
        let proofOptions =
            options(signer.verificationMethod)
            ?? ProofOptions(
                cryptosuite: suite.cryptosuite,
                verificationMethod: signer.verificationMethod,
                created: Date(timeIntervalSince1970: 1_700_000_000)
            )
        let document = try DataIntegrity.addProof(
            to: credentialsTestCredential(issuer: signer.did.description),
            options: proofOptions,
            key: signer.key
        )
        return (document, signer)
    }

    @Test("Data Integrity §4.2/§4.4: a proof added with each suite verifies", arguments: DataIntegrityTestSuite.all)
    func roundTrip(suite: DataIntegrityTestSuite) async throws {
        let (document, signer) = try secured(suite)
        let proof = try #require(document["proof"]?.objectValue)
        #expect(proof["cryptosuite"] == .string(suite.cryptosuite.name))
        #expect(proof["verificationMethod"] == .string(signer.verificationMethod))
        #expect(proof["@context"] == document["@context"])
        #expect(proof["created"] == "2023-11-14T22:13:20Z")
        let result = await DataIntegrity.verify(document, resolver: resolver, now: credentialsTestNow)
        #expect(result.verified, "\(result)")
        // Re-parsing the serialized form changes nothing.
        let bytes = try JSONValue.object(document).serialized(.pretty)
        #expect(await DataIntegrity.verify(bytes: bytes, resolver: resolver, now: credentialsTestNow).verified)
    }

    @Test(
        "Data Integrity §4.4: flipping any byte of the secured document makes verification fail",
        arguments: DataIntegrityTestSuite.all
    )
    func everyByteIsSigned(suite: DataIntegrityTestSuite) async throws {
        let (document, _) = try secured(suite)
        let bytes = try JSONValue.object(document).serialized(.compact)
        #expect(await DataIntegrity.verify(bytes: bytes, resolver: resolver, now: credentialsTestNow).verified)
        var survivors: [Int] = []
        for index in bytes.indices {
            var tampered = bytes
            tampered[index] ^= 0x01
            let result = await DataIntegrity.verify(bytes: tampered, resolver: resolver, now: credentialsTestNow)
            if result.verified { survivors.append(index) }
        }
        #expect(survivors.isEmpty, "bytes whose change went unnoticed: \(survivors)")
    }

    @Test("Data Integrity §4.4: a changed claim or proofValue is reported as a signature problem")
    func signatureProblem() async throws {
        let (document, _) = try secured(DataIntegrityTestSuite.all[0])
        var changed = document
        changed["name"] = "Alumni Credential!"
        let result = await DataIntegrity.verify(changed, resolver: resolver, now: credentialsTestNow)
        #expect(result.problems.map(\.kind) == [.signature])

        var proof = try #require(document["proof"]?.objectValue)
        let value = try #require(proof["proofValue"]?.stringValue)
        var signature = try Multibase.decode(value, expecting: .base58btc)
        signature[10] ^= 0x80
        proof["proofValue"] = .string(Multibase.encode(signature, as: .base58btc))
        changed = document
        changed["proof"] = .object(proof)
        let second = await DataIntegrity.verify(changed, resolver: resolver, now: credentialsTestNow)
        #expect(second.problems.map(\.kind) == [.signature])
    }

    @Test(
        "CID 1.0 §3.3 step 5: a valid signature by a key not under assertionMethod is rejected for that reason",
        arguments: DataIntegrityTestSuite.all
    )
    func keyNotAuthorized(suite: DataIntegrityTestSuite) async throws {
        let (document, signer) = try secured(suite)
        let limited = CredentialsTestResolver(documents: [signer.did: try signer.document(removing: .assertionMethod)])
        let result = await DataIntegrity.verify(document, resolver: limited, now: credentialsTestNow)
        #expect(!result.verified)
        #expect(result.problems.map(\.kind) == [.keyNotAuthorized])
        #expect(result.problems.first?.reason.contains("assertionMethod") == true)
        // The same document verifies when the relationship is there.
        #expect(await DataIntegrity.verify(document, resolver: resolver, now: credentialsTestNow).verified)
    }

    @Test("Data Integrity §4.4: presentations use authentication, with domain and challenge")
    func presentationProof() async throws {
        let suite = DataIntegrityTestSuite.all[0]
        let (document, signer) = try secured(suite) { vm in
            ProofOptions(
                cryptosuite: suite.cryptosuite,
                verificationMethod: vm,
                proofPurpose: .authentication,
                domain: ["https://verifier.example"],
                challenge: "1f44d55f-f161-4938-a659-f8026467f126",
                nonce: "abc"
            )
        }
        let expected = DataIntegrity.Expectations(
            proofPurpose: .authentication,
            domain: ["https://verifier.example"],
            challenge: "1f44d55f-f161-4938-a659-f8026467f126"
        )
        #expect(
            await DataIntegrity.verify(document, expecting: expected, resolver: resolver, now: credentialsTestNow)
                .verified
        )
        var other = expected
        other.challenge = "another"
        var result = await DataIntegrity.verify(document, expecting: other, resolver: resolver, now: credentialsTestNow)
        #expect(result.problems.map(\.kind) == [.invalidChallenge])
        other = expected
        other.domain = ["https://elsewhere.example"]
        result = await DataIntegrity.verify(document, expecting: other, resolver: resolver, now: credentialsTestNow)
        #expect(result.problems.map(\.kind) == [.invalidDomain])
        result = await DataIntegrity.verify(document, resolver: resolver, now: credentialsTestNow)
        #expect(result.problems.map(\.kind) == [.proofPurposeMismatch])
        let noAuthentication = CredentialsTestResolver(
            documents: [signer.did: try signer.document(removing: .authentication)]
        )
        result = await DataIntegrity.verify(
            document,
            expecting: expected,
            resolver: noAuthentication,
            now: credentialsTestNow
        )
        #expect(result.problems.map(\.kind) == [.keyNotAuthorized])
    }

    @Test("Data Integrity §2.1: a proof past its expires fails as expired")
    func expires() async throws {
        let suite = DataIntegrityTestSuite.all[0]
        let (document, _) = try secured(suite) { vm in
            ProofOptions(
                cryptosuite: suite.cryptosuite,
                verificationMethod: vm,
                expires: Date(timeIntervalSince1970: 1_800_000_000)
            )
        }
        #expect(await DataIntegrity.verify(document, resolver: resolver, now: credentialsTestNow).verified)
        let later = Date(timeIntervalSince1970: 1_800_000_001)
        let result = await DataIntegrity.verify(document, resolver: resolver, now: later)
        #expect(result.problems.map(\.kind) == [.expired])
    }

    @Test("Data Integrity §4.3/§4.5: proof sets and proof chains")
    func setsAndChains() async throws {
        let suite = DataIntegrityTestSuite.all[0]
        let first = CredentialsTestKey(.ed25519)
        let second = CredentialsTestKey(.p256)
        let third = CredentialsTestKey(.ed25519)
        var document = credentialsTestCredential()
        document = try DataIntegrity.addProof(
            to: document,
            options: ProofOptions(
                cryptosuite: suite.cryptosuite,
                verificationMethod: first.verificationMethod,
                id: "urn:a"
            ),
            key: first.key
        )
        document = try DataIntegrity.addProof(
            to: document,
            options: ProofOptions(
                cryptosuite: .ecdsaJcs2019,
                verificationMethod: second.verificationMethod,
                id: "urn:b"
            ),
            key: second.key
        )
        #expect(document["proof"]?.arrayValue?.count == 2)
        #expect(await DataIntegrity.verify(document, resolver: resolver, now: credentialsTestNow).verified)
        let set = document
        document = try DataIntegrity.addProof(
            to: document,
            options: ProofOptions(
                cryptosuite: suite.cryptosuite,
                verificationMethod: third.verificationMethod,
                previousProof: ["urn:a", "urn:b"]
            ),
            key: third.key
        )
        let proofs = try #require(document["proof"]?.arrayValue)
        #expect(proofs.count == 3)
        #expect(proofs[2]["previousProof"] == ["urn:a", "urn:b"])
        #expect(await DataIntegrity.verify(document, resolver: resolver, now: credentialsTestNow).verified)

        // The chained proof signs the proofs it names: dropping one of them breaks it.
        var dropped = document
        dropped["proof"] = .array([proofs[0], proofs[2]])
        var result = await DataIntegrity.verify(dropped, resolver: resolver, now: credentialsTestNow)
        #expect(result.problems.map(\.kind) == [.malformed])
        #expect(result.problems.first?.proofIndex == 1)

        // Changing an earlier proof breaks that proof and the chain that signed it.
        var changedFirst = try #require(proofs[0].objectValue)
        changedFirst["created"] = "2020-01-01T00:00:00Z"
        var changed = document
        changed["proof"] = .array([.object(changedFirst), proofs[1], proofs[2]])
        result = await DataIntegrity.verify(changed, resolver: resolver, now: credentialsTestNow)
        #expect(result.problems.map(\.kind) == [.signature, .signature])
        #expect(result.problems.map(\.proofIndex) == [0, 2])

        // A set member's signature does not cover the other set members.
        var reordered = set
        reordered["proof"] = .array((set["proof"]?.arrayValue ?? []).reversed())
        #expect(await DataIntegrity.verify(reordered, resolver: resolver, now: credentialsTestNow).verified)

        #expect(throws: CredentialError(.proofGeneration, "")) {
            try DataIntegrity.addProof(
                to: set,
                options: ProofOptions(
                    cryptosuite: suite.cryptosuite,
                    verificationMethod: third.verificationMethod,
                    previousProof: ["urn:missing"]
                ),
                key: third.key
            )
        }
    }

    @Test("vc-di-eddsa §2.1 / vc-di-ecdsa §2.1: the key type must fit the suite")
    func keyTypeMustFit() async throws {
        let p256 = CredentialsTestKey(.p256)
        #expect(throws: CredentialError(.invalidKey, "")) {
            try DataIntegrity.addProof(
                to: credentialsTestCredential(),
                options: ProofOptions(cryptosuite: .eddsaJcs2022, verificationMethod: p256.verificationMethod),
                key: p256.key
            )
        }
        let secp = CredentialsTestKey(.secp256k1)
        #expect(throws: CredentialError(.invalidKey, "")) {
            try DataIntegrity.addProof(
                to: credentialsTestCredential(),
                options: ProofOptions(cryptosuite: .ecdsaJcs2019, verificationMethod: secp.verificationMethod),
                key: secp.key
            )
        }
        // A proof that claims eddsa-jcs-2022 but names a P-256 method is refused before the signature.
        let (document, _) = try secured(DataIntegrityTestSuite.all[1])
        var proof = try #require(document["proof"]?.objectValue)
        proof["cryptosuite"] = "eddsa-jcs-2022"
        var changed = document
        changed["proof"] = .object(proof)
        let result = await DataIntegrity.verify(changed, resolver: resolver, now: credentialsTestNow)
        #expect(result.problems.map(\.kind) == [.invalidVerificationMethod])
    }

    @Test("Data Integrity §4.4 steps 1–2: malformed proofs and unsupported suites are values, not errors")
    func malformedProofs() async throws {
        let (document, _) = try secured(DataIntegrityTestSuite.all[0])
        let proof = try #require(document["proof"]?.objectValue)
        let cases: [(String, JSONValue?, VerificationProblem.Kind)] = [
            ("type", nil, .malformed),
            ("verificationMethod", nil, .malformed),
            ("proofPurpose", "somethingElse", .malformed),
            ("type", "Ed25519Signature2020", .unsupportedCryptosuite),
            ("cryptosuite", "eddsa-rdfc-2022", .unsupportedCryptosuite),
            ("proofValue", "uAAAA", .malformed),
            ("expires", "tomorrow", .malformed),
            ("verificationMethod", "did:key:z6MkNotAKey#x", .unresolvableIssuer),
            ("verificationMethod", "https://example.com/key", .invalidVerificationMethod),
        ]
        for (member, value, kind) in cases {
            var changed = proof
            changed[member] = value
            var copy = document
            copy["proof"] = .object(changed)
            let result = await DataIntegrity.verify(copy, resolver: resolver, now: credentialsTestNow)
            #expect(result.problems.first?.kind == kind, "\(member) = \(String(describing: value)): \(result)")
        }
        var none = document
        none["proof"] = nil
        #expect(
            await DataIntegrity.verify(none, resolver: resolver, now: credentialsTestNow).problems.map(\.kind)
                == [.malformed]
        )
        #expect(
            await DataIntegrity.verify(bytes: Array("[1]".utf8), resolver: resolver, now: credentialsTestNow)
                .problems.map(\.kind) == [.malformed]
        )
    }
}
