// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import DIDMethodKey
import DIDTestSupport
import Foundation
import Testing

/// One upstream JCS vector folder: the file names of its intermediate values.
struct DataIntegrityJCSVector: Sendable, CustomStringConvertible {
    let folder: String
    let keyPair: String
    let suffix: String
    let cryptosuite: Cryptosuite
    /// Whether the signature itself is reproducible (deterministic Ed25519), not only verifiable.
    let deterministic: Bool
    var description: String { folder }

    static let all = [
        DataIntegrityJCSVector(
            folder: "vc-di-eddsa/eddsa-jcs-2022",
            keyPair: "vc-di-eddsa/keyPair.json",
            suffix: "JCS",
            cryptosuite: .eddsaJcs2022,
            deterministic: true
        ),
        DataIntegrityJCSVector(
            folder: "vc-di-ecdsa/ecdsa-jcs-2019-p256",
            keyPair: "vc-di-ecdsa/p256KeyPair.json",
            suffix: "JCSECDSAP256",
            cryptosuite: .ecdsaJcs2019,
            deterministic: false
        ),
        DataIntegrityJCSVector(
            folder: "vc-di-ecdsa/ecdsa-jcs-2019-p384",
            keyPair: "vc-di-ecdsa/p384KeyPair.json",
            suffix: "JCSECDSAP384",
            cryptosuite: .ecdsaJcs2019,
            deterministic: false
        ),
    ]
}

/// Upstream `vc-di-eddsa/` and `vc-di-ecdsa/`: every intermediate value of the JCS suites, the exact signed document
/// for eddsa-jcs-2022, verification of every signed vector; the RDFC vectors are reported as not supported.
@Suite("Conformance: vc-di-eddsa, vc-di-ecdsa", .upstreamVectors)
struct DataIntegrityConformanceTests {
    static let now = Date(timeIntervalSince1970: 1_717_200_000)

    static func object(_ path: String) throws -> JSONObject? {
        let data = try TestVectors.upstreamData(path)
        guard case .object(let object) = try JSONValue(parsing: data) else {
            Issue.record("\(path) is not a JSON object")
            return nil
        }
        return object
    }

    static func text(_ path: String) throws -> String? {
        let data = try TestVectors.upstreamData(path)
        return String(decoding: data, as: UTF8.self)
    }

    @Test(
        "vc-di-eddsa §3.3 / vc-di-ecdsa §3.3: JCS vectors, every intermediate value",
        arguments: DataIntegrityJCSVector.all
    )
    func jcsVector(vector: DataIntegrityJCSVector) async throws {
        let directory = vector.folder.split(separator: "/").first.map(String.init) ?? ""
        guard let unsigned = try Self.object("\(directory)/unsigned.json"),
            let keyPair = try Self.object(vector.keyPair),
            let configuration = try Self.object("\(vector.folder)/proofConfig\(vector.suffix).json"),
            let signed = try Self.object("\(vector.folder)/signed\(vector.suffix).json")
        else { return }
        func file(_ name: String) throws -> String {
            try #require(try Self.text("\(vector.folder)/\(name)\(vector.suffix).txt"))
        }
        let secret = try #require((keyPair["privateKeyMultibase"] ?? keyPair["secretKeyMultibase"])?.stringValue)
        let key = try PrivateKey(multibase: secret)
        #expect(key.publicKey.multibaseRepresentation == keyPair["publicKeyMultibase"]?.stringValue)

        var checks: [(String, Bool)] = []
        let input = try vector.cryptosuite.signingInput(
            document: unsigned,
            proofConfiguration: configuration,
            keyType: key.keyType
        )
        checks.append(
            ("canonical document", String(decoding: input.canonicalDocument, as: UTF8.self) == (try file("canonDoc")))
        )
        checks.append(
            (
                "canonical proof configuration",
                String(decoding: input.canonicalProofConfiguration, as: UTF8.self) == (try file("proofCanon"))
            )
        )
        checks.append(("document hash", Hex.string(input.documentHash) == (try file("docHash"))))
        checks.append(("proof configuration hash", Hex.string(input.proofConfigurationHash) == (try file("proofHash"))))
        checks.append(("combined hash", Hex.string(input.hashData) == (try file("combinedHash"))))
        let signatureHex = try file("sigHex")
        let proofValue = try file("sigBTC58")
        let signature = try #require(Hex.bytes(signatureHex))
        checks.append(
            ("proofValue is z + base58btc(signature)", Multibase.encode(signature, as: .base58btc) == proofValue)
        )
        checks.append(
            (
                "vector signature verifies",
                key.publicKey.isValidSignature(signature, for: input.hashData, acceptingHighS: true)
            )
        )
        checks.append(("signed document carries proofValue", signed["proof"]?["proofValue"]?.stringValue == proofValue))

        // Add Proof from the proof options of the vector (the configuration without its copied @context).
        var options = ProofOptions(
            cryptosuite: vector.cryptosuite,
            verificationMethod: try #require(configuration["verificationMethod"]?.stringValue)
        )
        let created = try #require(configuration["created"]?.stringValue)
        options.created = try DateTime(created, rules: .dateTimeStamp).date
        let issued = try DataIntegrity.addProof(to: unsigned, options: options, key: key)
        if vector.deterministic {
            checks.append(
                ("signature byte for byte", Hex.string(try key.signature(for: input.hashData)) == signatureHex)
            )
            checks.append(("signed document equal", issued == signed))
            let signedText = try #require(try Self.text("\(vector.folder)/signed\(vector.suffix).json"))
            let issuedText = try JSONValue.object(issued).serializedString(.pretty)
            checks.append(("signed document byte for byte (pretty form)", issuedText == signedText))
        } else {
            var withoutValue = issued["proof"]?.objectValue
            withoutValue?["proofValue"] = nil
            var expected = signed["proof"]?.objectValue
            expected?["proofValue"] = nil
            checks.append(("signed document equal up to the randomized proofValue", withoutValue == expected))
        }
        let resolver = DIDKeyMethod()
        let ownResult = await DataIntegrity.verify(issued, resolver: resolver, now: Self.now)
        checks.append(("issued document verifies", ownResult.verified))
        let vectorResult = await DataIntegrity.verify(signed, resolver: resolver, now: Self.now)
        checks.append(("signed vector verifies", vectorResult.verified))
        var tampered = signed
        tampered["validFrom"] = "2023-01-01T00:00:01Z"
        checks.append(
            (
                "tampered vector fails on its signature",
                (await DataIntegrity.verify(tampered, resolver: resolver, now: Self.now)).problems.map(\.kind) == [
                    .signature
                ]
            )
        )

        var passed = 0
        var failed = 0
        for (name, ok) in checks {
            #expect(ok, "\(vector.folder): \(name)")
            if ok { passed += 1 } else { failed += 1 }
        }
        TestVectors.report(suite: vector.folder, passed: passed, failed: failed)
    }

    /// Signed documents whose proofs use RDFC-1.0 suites, which are not implemented.
    static let rdfcSigned = [
        "vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json",
        "vc-di-eddsa/eddsa-rdfc-2022-employ/signedDataInt.json",
        "vc-di-eddsa/proof-set-chain/signedProofSet1.json",
        "vc-di-eddsa/proof-set-chain/signedProofSet2.json",
        "vc-di-eddsa/proof-set-chain/signedProofChain1.json",
        "vc-di-eddsa/proof-set-chain/signedProofChain2.json",
        "vc-di-ecdsa/ecdsa-rdfc-2019-p256/signedECDSAP256.json",
        "vc-di-ecdsa/ecdsa-rdfc-2019-p256-employ/signedECDSAP256.json",
        "vc-di-ecdsa/ecdsa-rdfc-2019-p384/signedECDSAP384.json",
        "vc-di-ecdsa/ecdsa-rdfc-2019-p384-employ/signedECDSAP384.json",
    ]

    @Test("vc-di-eddsa §3.2 / vc-di-ecdsa §3.2: RDFC vectors are reported as not supported, never as verified")
    func rdfcNotSupported() async throws {
        var unsupported = 0
        var failed = 0
        for path in Self.rdfcSigned {
            guard let signed = try Self.object(path) else { return }
            let result = await DataIntegrity.verify(signed, resolver: DIDKeyMethod(), now: Self.now)
            let proofs = signed["proof"]?.arrayValue?.count ?? 1
            let ok =
                !result.verified && result.problems.count == proofs
                && result.problems.allSatisfy { $0.kind == .unsupportedCryptosuite }
            #expect(ok, "\(path): \(result)")
            if ok { unsupported += 1 } else { failed += 1 }
        }
        TestVectors.report(
            suite: "vc-di-eddsa, vc-di-ecdsa rdfc vectors",
            passed: 0,
            failed: failed,
            note: "\(unsupported) not supported: eddsa-rdfc-2022 and ecdsa-rdfc-2019 need JSON-LD + RDFC-1.0"
        )
    }

    @Test("Data Integrity §4.3/§4.5: the upstream proof set and chain structures, rebuilt with eddsa-jcs-2022")
    func proofSetAndChainShapes() async throws {
        let base = "vc-di-eddsa/proof-set-chain/"
        guard let keys = try Self.object(base + "multiKeyPairs.json"),
            let unsigned = try Self.object(base + "unsigned.json"),
            let chainSigned = try Self.object(base + "signedProofChain2.json")
        else { return }
        var signers: [PrivateKey] = []
        for name in ["keyPair1", "keyPair2", "keyPair3", "keyPair4"] {
            signers.append(try PrivateKey(multibase: try #require(keys[name]?["privateKeyMultibase"]?.stringValue)))
        }
        // Re-create the upstream chain (two set members, one proof chained to both, one chained to that) with the
        // JCS suite, taking ids, dates and previousProof links from the upstream document.
        let upstreamProofs = try #require(chainSigned["proof"]?.arrayValue)
        var document = unsigned
        for (index, upstream) in upstreamProofs.enumerated() {
            var options = ProofOptions(
                cryptosuite: .eddsaJcs2022,
                verificationMethod: try #require(upstream["verificationMethod"]?.stringValue)
            )
            options.id = upstream["id"]?.stringValue
            let created = try #require(upstream["created"]?.stringValue)
            options.created = try DateTime(created, rules: .dateTimeStamp).date
            switch upstream["previousProof"] {
            case .string(let id)?: options.previousProof = [id]
            case .array(let ids)?: options.previousProof = ids.compactMap(\.stringValue)
            default: break
            }
            document = try DataIntegrity.addProof(to: document, options: options, key: signers[index])
        }
        var checks: [(String, Bool)] = []
        let proofs = try #require(document["proof"]?.arrayValue)
        checks.append(("four proofs", proofs.count == 4))
        for (index, proof) in proofs.enumerated() {
            var mine = proof.objectValue
            var theirs = upstreamProofs[index].objectValue
            for member in ["proofValue", "cryptosuite", "@context"] {
                mine?[member] = nil
                theirs?[member] = nil
            }
            checks.append(("proof \(index) options as upstream", mine == theirs))
        }
        let result = await DataIntegrity.verify(document, resolver: DIDKeyMethod(), now: Self.now)
        checks.append(("chain verifies", result.verified))
        var broken = document
        broken["proof"] = .array(Array(proofs.dropFirst()))
        let brokenResult = await DataIntegrity.verify(broken, resolver: DIDKeyMethod(), now: Self.now)
        checks.append(("chain without a linked proof fails", !brokenResult.verified))
        var passed = 0
        var failed = 0
        for (name, ok) in checks {
            #expect(ok, "\(name)")
            if ok { passed += 1 } else { failed += 1 }
        }
        TestVectors.report(
            suite: "vc-di-eddsa/proof-set-chain (structure, eddsa-jcs-2022)",
            passed: passed,
            failed: failed,
            note: "upstream signatures are eddsa-rdfc-2022: reported above as not supported"
        )
    }
}
