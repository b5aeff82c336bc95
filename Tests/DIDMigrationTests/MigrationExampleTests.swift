// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import DIDMethodKey
import DIDMigration
import DIDTestSupport
import Foundation
import Testing

/// Shared fixtures of the IMB example tests: the test key of `Specs/migration/examples/README.md`, the injected
/// clock and a re-signing helper for tampering cases.
enum MigrationFixtures {
    /// 2026-11-27T13:30:00Z: inside the validity windows of examples (a), (b) and (d).
    static let now = try! DateTime("2026-11-27T13:30:00Z", rules: .dateTimeStamp).date
    static let resolver = DIDKeyMethod()
    static let seed: [UInt8] = Array(0...31)
    static var key: PrivateKey { try! PrivateKey(keyType: .ed25519, rawRepresentation: seed) }
    static let domain = "https://new.example"
    static let challenge = "7c1f2d3e-session-0001"

    static func manifest(_ path: String) throws -> JSONObject {
        try #require(try MigrationExampleFiles.json(path).objectValue)
    }

    /// Signs `manifest` again with the test key, keeping its proof options.
    static func resign(_ manifest: JSONObject) throws -> [UInt8] {
        var unsecured = manifest
        let proof = try #require(manifest["proof"]?.objectValue)
        unsecured["proof"] = nil
        let options = ProofOptions(
            cryptosuite: .eddsaJcs2022,
            verificationMethod: try #require(proof["verificationMethod"]?.stringValue),
            created: proof["created"]?.stringValue.flatMap { try? DateTime($0, rules: .dateTimeStamp).date },
            expires: proof["expires"]?.stringValue.flatMap { try? DateTime($0, rules: .dateTimeStamp).date },
            domain: proof["domain"]?.stringValue.map { [$0] },
            challenge: proof["challenge"]?.stringValue
        )
        let signed = try DataIntegrity.addProof(to: unsecured, options: options, key: key)
        return try JSONValue.object(signed).serialized(.canonical)
    }

    static func verifier(domain: String? = nil, challenge: String? = nil) -> BundleVerifier {
        BundleVerifier(
            resolver: resolver,
            options: BundleVerifier.Options(expectedDomain: domain, expectedChallenge: challenge)
        )
    }

    /// The pages of example (b).
    static func pagedExamplePages() throws -> [[UInt8]] {
        try (0..<3).map { try MigrationExampleFiles.bytes("b-paged/pages/followers/00000\($0).jsonl") }
    }
}

@Suite("IMB v0.1 §20 examples: (a) inline, (b) paged, (d) DetachedJws")
struct MigrationExampleTests {
    @Test("example (a): JCS of the parsed manifest is the file, its raw CID is the bundle CID, roots recompute")
    func exampleAParsing() throws {
        let bytes = try MigrationExampleFiles.bytes("a-inline/bundle.json")
        let derivation = try MigrationExampleFiles.json("a-inline/derivation.json")
        let manifest = try MigrationManifest(bytes: bytes)
        #expect(manifest.canonicalBytes == bytes)
        #expect(manifest.bundleCID.description == derivation["bundle"]?["cid"]?.stringValue)
        #expect(ContentIdentifier(rawContentOf: bytes) == manifest.bundleCID)
        #expect(manifest.collections.map(\.name) == [.following, .followers, .blocks, .mutes, .lists, .content])
        for collection in manifest.collections {
            guard case .inline(let items) = collection.form else {
                Issue.record("\(collection.name) should be inline")
                continue
            }
            let key = collection.name == .content ? "content" : "graph.\(collection.name.rawValue)"
            let jcs = try items.map { try JSONValue.object($0).serialized(.canonical) }
            let expected = derivation["collections"]?[key]?["entriesJCS"]?.arrayValue?.compactMap(\.stringValue)
            #expect(jcs.map { String(decoding: $0, as: UTF8.self) } == expected)
            let root = MerkleTree.root(ofEntries: jcs)
            #expect(root == collection.merkleRoot)
            #expect(Hex.string(root) == derivation["collections"]?[key]?["rootHex"]?.stringValue)
        }
    }

    @Test("example (a) §10.3.2, §14.2 step 13: post CID = raw CID of JCS(note.json), attachment CID = hello.txt's")
    func exampleAContent() async throws {
        let manifest = try MigrationManifest(bytes: try MigrationExampleFiles.bytes("a-inline/bundle.json"))
        guard case .inline(let items)? = manifest.collection(.content)?.form else {
            Issue.record("content should be inline")
            return
        }
        let entries = try items.enumerated().map { try ContentEntry($1, at: "/content/items/\($0)") }
        let post = try #require(entries.first { $0.rel == "post" })
        let note = try MigrationExampleFiles.json("a-inline/note.json").serialized(.canonical)
        #expect(post.cid == ContentIdentifier(rawContentOf: note))
        #expect(post.mediaType == "application/activity+json")
        let attachment = try #require(entries.first { $0.rel == "attachment" })
        let hello = try MigrationExampleFiles.bytes(
            "a-inline/media_attachments/files/000/000/001/original/hello.txt"
        )
        #expect(hello.count == 17)
        #expect(attachment.size == 17)
        #expect(attachment.cid == ContentIdentifier(rawContentOf: hello))
        #expect(attachment.partOf == post.uri)
        // §14.2 step 13 through the verification value.
        var verification = await MigrationFixtures.verifier().verifyManifest(
            try MigrationExampleFiles.bytes("a-inline/bundle.json"),
            now: MigrationFixtures.now
        )
        #expect(
            verification.verifyContent(object: try MigrationExampleFiles.json("a-inline/note.json"), for: post).status
                == .verified
        )
        #expect(verification.verifyContent(hello, for: attachment).status == .verified)
        #expect(verification.verifyContent(hello + [0x0A], for: attachment).reason == .contentCIDMismatch)
        #expect(
            verification.verifyContent(try MigrationExampleFiles.bytes("a-inline/note.json"), for: post).reason
                == .contentCIDMismatch
        )
        #expect(verification.check(.content(uri: post.uri, rel: "post"))?.isMandatory == false)
    }

    @Test("example (a) §11.2: hashData = SHA-256(JCS(proofConfig)) ‖ SHA-256(JCS(unsecured)) as derived")
    func exampleAHashData() throws {
        var manifest = try MigrationFixtures.manifest("a-inline/bundle.json")
        let derivation = try MigrationExampleFiles.json("a-inline/derivation.json")
        var config = try #require(manifest["proof"]?.objectValue)
        config["proofValue"] = nil
        manifest["proof"] = nil
        let hashData =
            Digest.sha256(try JSONValue.object(config).serialized(.canonical))
            + Digest.sha256(try JSONValue.object(manifest).serialized(.canonical))
        #expect(Hex.string(hashData) == derivation["proof"]?["hashDataHex"]?.stringValue)
    }

    @Test("example (a) §14: verified on inspection, accepted with an empty replay store, then replayed-sequence")
    func exampleAVerification() async throws {
        let bytes = try MigrationExampleFiles.bytes("a-inline/bundle.json")
        let verifier = MigrationFixtures.verifier(
            domain: MigrationFixtures.domain,
            challenge: MigrationFixtures.challenge
        )
        let inspection = await verifier.verifyManifest(bytes, now: MigrationFixtures.now)
        #expect(inspection.failures.isEmpty, "\(inspection.failures)")
        #expect(inspection.outcome == .verified)
        for name in [
            "manifest.parse", "manifest.profile", "manifest.structure", "subject.resolution", "proof.key",
            "proof.signature", "proof.audience", "proof.validity", "collections.following.root",
            "collections.followers.root", "collections.blocks.root", "collections.mutes.root",
            "collections.lists.root", "collections.content.root",
        ] {
            #expect(inspection.check(MigrationCheckName(rawValue: name))?.status == .verified, "\(name)")
        }
        let report = inspection.report
        #expect(report.first { $0.name == "replay" }?.reason == .noReplayState)
        #expect(report.first { $0.name == "followerConsent" }?.status == .notProvable)
        #expect(report.first { $0.name == "completeness" }?.status == .notProvable)
        // Steps 9 and 10 are reported as not checked (alsoKnownAs, then previousIdentifiers; one source).
        #expect(
            report.filter { $0.name.rawValue.hasPrefix("aliases[") }.map(\.reason) == [
                .aliasUnverifiable, .aliasUnverifiable,
            ]
        )
        #expect(report.first { $0.name == "sources[0]" }?.status == .notChecked)
        #expect(report.filter { !$0.isMandatory && $0.status == .verified }.isEmpty)

        let store = InMemoryReplayStore()
        var first = await verifier.verifyManifest(bytes, now: MigrationFixtures.now, replayStore: store)
        #expect(first.check("replay")?.status == .verified)
        #expect(await verifier.accept(&first, into: store, now: MigrationFixtures.now) == .accepted)
        var second = await verifier.verifyManifest(bytes, now: MigrationFixtures.now, replayStore: store)
        #expect(second.outcome == .rejected)
        #expect(second.check("replay")?.reason == .replayedSequence)
        #expect(await verifier.accept(&second, into: store, now: MigrationFixtures.now) == .rejected)
    }

    @Test("example (a) §14.1: without an expected domain the audience is not checked and the outcome incomplete")
    func exampleAWithoutDomain() async throws {
        let bytes = try MigrationExampleFiles.bytes("a-inline/bundle.json")
        let result = await MigrationFixtures.verifier().verifyManifest(bytes, now: MigrationFixtures.now)
        #expect(result.check("proof.audience")?.status == .notChecked)
        #expect(result.outcome == .incomplete)
    }

    @Test("example (b): every page's CID and root, combine = merkleRoot, previousBundle = CID of (a)")
    func exampleBPages() async throws {
        let bytes = try MigrationExampleFiles.bytes("b-paged/bundle.json")
        let manifest = try MigrationManifest(bytes: bytes)
        let followers = try #require(manifest.collection(.followers))
        guard case .paged(let pageSize, let pages) = followers.form else {
            Issue.record("followers should be paged")
            return
        }
        #expect(pageSize == 2)
        #expect(pages.map(\.count) == [2, 2, 1])
        let files = try MigrationFixtures.pagedExamplePages()
        for (page, file) in zip(pages, files) {
            #expect(ContentIdentifier(rawContentOf: file) == page.cid)
            let lines = file.split(separator: 0x0A).map(Array.init)
            #expect(MerkleTree.root(ofEntries: lines) == page.root)
        }
        #expect(MerkleTree.combine(pages.map(\.root)) == followers.merkleRoot)
        let a = try MigrationExampleFiles.bytes("a-inline/bundle.json")
        #expect(manifest.previousBundle == ContentIdentifier(rawContentOf: a))
    }

    @Test("example (b) §13.3: accepted after (a) by the same store, with the chain verified")
    func exampleBChain() async throws {
        let store = InMemoryReplayStore()
        let a = try MigrationExampleFiles.bytes("a-inline/bundle.json")
        let verifierA = MigrationFixtures.verifier(
            domain: MigrationFixtures.domain,
            challenge: MigrationFixtures.challenge
        )
        var first = await verifierA.verifyManifest(a, now: MigrationFixtures.now, replayStore: store)
        #expect(first.check("chain")?.reason == .chainGap)
        #expect(await verifierA.accept(&first, into: store, now: MigrationFixtures.now) == .accepted)

        let verifier = MigrationFixtures.verifier(domain: MigrationFixtures.domain)
        let b = try MigrationExampleFiles.bytes("b-paged/bundle.json")
        var second = await verifier.verifyManifest(b, now: MigrationFixtures.now, replayStore: store)
        #expect(second.failures.isEmpty, "\(second.failures)")
        #expect(second.check("proof.signature")?.status == .verified)
        #expect(second.check("chain")?.status == .verified)
        #expect(second.outcome == .incomplete)  // the pages have not arrived yet
        #expect(second.report.filter { $0.reason == .pageMissing }.count == 3)
        // Pages may arrive in any order.
        let pages = try MigrationFixtures.pagedExamplePages()
        for index in [2, 0, 1] {
            let check = second.verifyPage(pages[index], collection: .followers, index: index)
            #expect(check.status == .verified, "\(check)")
        }
        #expect(second.outcome == .accepted)  // replay checked against the store's current state
        #expect(await verifier.accept(&second, into: store, now: MigrationFixtures.now) == .accepted)
        #expect(await store.state(of: "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd").maxSequence == 2)
    }

    @Test("examples README clock: after expires → expired, before created → not-yet-valid, skew allowed")
    func clock() async throws {
        let bytes = try MigrationExampleFiles.bytes("b-paged/bundle.json")
        let verifier = MigrationFixtures.verifier()
        let cases: [(String, MigrationReason?)] = [
            ("2026-12-27T12:35:00Z", .expired), ("2026-12-27T12:34:59Z", nil), ("2026-11-27T12:24:59Z", .notYetValid),
            ("2026-11-27T12:25:00Z", nil), ("2027-06-01T00:00:00Z", .expired),
        ]
        for (time, reason) in cases {
            let now = try DateTime(time, rules: .dateTimeStamp).date
            let result = await verifier.verifyManifest(bytes, now: now)
            #expect(result.check("proof.validity")?.reason == reason, "\(time)")
            #expect(result.check("proof.signature")?.status == .verified)
        }
        var limited = verifier
        limited.options.maximumValidity = 7 * 86400
        let result = await limited.verifyManifest(bytes, now: MigrationFixtures.now)
        #expect(result.check("proof.validity")?.reason == .validityTooLong)
    }

    @Test("example (d) §11.3: the rebuilt payload is the derivation's, ES256K verifies, the high-S twin fails")
    func exampleD() async throws {
        let bytes = try MigrationExampleFiles.bytes("d-detached-jws/bundle.json")
        let derivation = try MigrationExampleFiles.json("d-detached-jws/derivation.json")
        var manifest = try MigrationFixtures.manifest("d-detached-jws/bundle.json")
        var proof = try #require(manifest["proof"]?.objectValue)
        proof["jws"] = nil
        manifest["proof"] = .object(proof)
        let payload = try JSONValue.object(manifest).serializedString(.canonical)
        #expect(payload == derivation["jws"]?["payload"]?.stringValue)

        let verifier = MigrationFixtures.verifier(domain: "did:web:pds.new.example", challenge: "session-42")
        let result = await verifier.verifyManifest(bytes, now: MigrationFixtures.now)
        #expect(result.failures.isEmpty, "\(result.failures)")
        #expect(result.outcome == .verified)

        var twin = try MigrationFixtures.manifest("d-detached-jws/bundle.json")
        var twinProof = try #require(twin["proof"]?.objectValue)
        twinProof["jws"] = try #require(derivation["jws"]?["highSJws_mustBeRejected"])
        twin["proof"] = .object(twinProof)
        let highS = await verifier.verifyManifest(
            try JSONValue.object(twin).serialized(.canonical),
            now: MigrationFixtures.now
        )
        #expect(highS.check("proof.signature")?.reason == .highS)
        #expect(highS.outcome == .rejected)
    }
}

@Suite("IMB v0.1 §11.3: DetachedJws header and encoding rules")
struct DetachedJWSRuleTests {
    static func verify(jws: String) async throws -> BundleVerification {
        var manifest = try MigrationFixtures.manifest("d-detached-jws/bundle.json")
        var proof = try #require(manifest["proof"]?.objectValue)
        proof["jws"] = .string(jws)
        manifest["proof"] = .object(proof)
        let verifier = MigrationFixtures.verifier(domain: "did:web:pds.new.example", challenge: "session-42")
        return await verifier.verifyManifest(
            try JSONValue.object(manifest).serialized(.canonical),
            now: MigrationFixtures.now
        )
    }

    @Test("spec §11.3: headers other than exactly alg, b64: false, crit: [b64], kid; bad encodings → the named reason")
    func headerRules() async throws {
        let original = try #require(
            try MigrationFixtures.manifest("d-detached-jws/bundle.json")["proof"]?["jws"]?.stringValue
        )
        let parts = original.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(try JSONValue(parsing: try Base64URL.decode(parts[0])).objectValue)
        func encoded(_ edit: (inout JSONObject) -> Void) throws -> String {
            var changed = header
            edit(&changed)
            return Base64URL.encode(try JSONValue.object(changed).serialized(.canonical))
        }
        let signature = try Base64URL.decode(parts[2])
        let cases: [(String, String, MigrationReason)] = [
            ("typ", try encoded { $0["typ"] = "JWT" } + ".." + parts[2], .invalidProof),
            ("b64 true", try encoded { $0["b64"] = true } + ".." + parts[2], .invalidProof),
            ("no crit", try encoded { $0["crit"] = nil } + ".." + parts[2], .invalidProof),
            ("kid", try encoded { $0["kid"] = "did:key:other#x" } + ".." + parts[2], .invalidProof),
            ("alg EdDSA", try encoded { $0["alg"] = "EdDSA" } + ".." + parts[2], .invalidProof),
            ("attached payload", parts[0] + ".eyJ9." + parts[2], .invalidProof),
            ("63-byte signature", parts[0] + ".." + Base64URL.encode(signature.dropLast()), .invalidProof),
            ("other signature", parts[0] + ".." + Base64URL.encode(signature.reversed()), .invalidSignature),
        ]
        for (label, jws, reason) in cases {
            let result = try await Self.verify(jws: jws)
            #expect(result.check("proof.signature")?.reason == reason, "\(label): \(result.failures)")
            #expect(result.outcome == .rejected, "\(label)")
        }
        #expect(try await Self.verify(jws: original).outcome == .verified)
        // §12: the header's alg needs a P-256 key, the subject's is secp256k1.
        let es256 = try await Self.verify(jws: try encoded { $0["alg"] = "ES256" } + ".." + parts[2])
        #expect(es256.check("proof.key")?.reason == .keyTypeMismatch)
        #expect(es256.outcome == .rejected)
    }
}
